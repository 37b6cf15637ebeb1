/**
 * Human labels for the enum values the API uses, keyed by the generated enum types so that a
 * value added to the schema fails the build until it has a label. A value the client does
 * not know yet (a newer server) falls back to a tidied form.
 */
import type {
  Approach,
  CqcRating,
  Direction,
  InterventionCategory,
  InterventionStatus,
  Region,
  Role,
  Sharing,
  TargetRole,
  TrustKind,
  TrustSource,
} from '../__generated__/graphql';

export const REGION_LABELS: Readonly<Record<Region, string>> = {
  NORTH_EAST_AND_YORKSHIRE: 'North East and Yorkshire',
  NORTH_WEST: 'North West',
  MIDLANDS: 'Midlands',
  EAST_OF_ENGLAND: 'East of England',
  LONDON: 'London',
  SOUTH_EAST: 'South East',
  SOUTH_WEST: 'South West',
};

export const TRUST_KIND_LABELS: Readonly<Record<TrustKind, string>> = {
  ACUTE: 'Acute',
  MENTAL_HEALTH: 'Mental health',
  COMMUNITY: 'Community',
  AMBULANCE: 'Ambulance',
  SPECIALIST: 'Specialist',
};

/** Where a trust came from, as the list marks and filters it. */
export const TRUST_SOURCE_LABELS: Readonly<Record<TrustSource, string>> = {
  DEMO: 'Demo (generated)',
  IMPORTED: 'Real (imported)',
  REGISTERED: 'Added by hand',
};

export const TRUST_SOURCE_TAG_CLASSES: Readonly<Record<TrustSource, string>> = {
  DEMO: 'nhsuk-tag--grey',
  IMPORTED: 'nhsuk-tag--blue',
  REGISTERED: 'nhsuk-tag--white',
};

export const CATEGORY_LABELS: Readonly<Record<InterventionCategory, string>> = {
  PATIENT_FLOW: 'Patient flow',
  ELECTIVE_RECOVERY: 'Elective recovery',
  WORKFORCE: 'Workforce',
  CULTURE_AND_LEADERSHIP: 'Culture and leadership',
  QUALITY_AND_SAFETY: 'Quality and safety',
  DIGITAL: 'Digital',
  OTHER: 'Other',
};

export const APPROACH_LABELS: Readonly<Record<Approach, string>> = {
  QUICK_FIX: 'Quick fix',
  SYSTEMIC: 'Systemic change',
};

export const SHARING_LABELS: Readonly<Record<Sharing, string>> = {
  PRIVATE: 'Private (only your trust)',
  TRUSTS: 'Shared with NHS trusts and policymakers',
  PUBLIC: 'Public',
};

export const SHARING_SHORT_LABELS: Readonly<Record<Sharing, string>> = {
  PRIVATE: 'Private',
  TRUSTS: 'Trusts',
  PUBLIC: 'Public',
};

export const TARGET_ROLE_LABELS: Readonly<Record<TargetRole, string>> = {
  OUTCOME: 'Outcome',
  PROCESS: 'Process',
  BALANCING: 'Balancing',
};

export const DIRECTION_LABELS: Readonly<Record<Direction, string>> = {
  INCREASE: 'Increase',
  DECREASE: 'Decrease',
};

export const CQC_LABELS: Readonly<Record<CqcRating, string>> = {
  OUTSTANDING: 'Outstanding',
  GOOD: 'Good',
  REQUIRES_IMPROVEMENT: 'Requires improvement',
  INADEQUATE: 'Inadequate',
};

export const STATUS_LABELS: Readonly<Record<InterventionStatus, string>> = {
  PROPOSED: 'Proposed',
  ACTIVE: 'Active',
  COMPLETED: 'Completed',
  ABANDONED: 'Abandoned',
};

/** nhsuk-tag colour modifiers by status. */
export const STATUS_TAG_CLASSES: Readonly<Record<InterventionStatus, string>> = {
  PROPOSED: 'nhsuk-tag--grey',
  ACTIVE: 'nhsuk-tag--blue',
  COMPLETED: 'nhsuk-tag--green',
  ABANDONED: 'nhsuk-tag--red',
};

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  TRUST_EDITOR: 'Trust editor',
  POLICYMAKER: 'Policymaker',
  COMMUNITY: 'Community member',
  ADMIN: 'Administrator',
};

/** `SOME_ENUM_VALUE` -> `Some enum value`. */
export function humanise(value: string): string {
  const text = value.replace(/[_-]+/g, ' ').toLowerCase().trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function label<K extends string>(map: Readonly<Record<K, string>>, value: K | null | undefined): string {
  if (value === null || value === undefined || value === '') return 'Not known';
  return (map as Readonly<Record<string, string | undefined>>)[value] ?? humanise(value);
}
