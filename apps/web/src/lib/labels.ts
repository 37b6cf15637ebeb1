/** Human labels for the enum values the API uses. Unknown values fall back to a tidied form. */

export const REGION_LABELS: Record<string, string> = {
  NORTH_EAST_AND_YORKSHIRE: 'North East and Yorkshire',
  NORTH_WEST: 'North West',
  MIDLANDS: 'Midlands',
  EAST_OF_ENGLAND: 'East of England',
  LONDON: 'London',
  SOUTH_EAST: 'South East',
  SOUTH_WEST: 'South West',
};

export const TRUST_KIND_LABELS: Record<string, string> = {
  ACUTE: 'Acute',
  MENTAL_HEALTH: 'Mental health',
  COMMUNITY: 'Community',
  AMBULANCE: 'Ambulance',
  SPECIALIST: 'Specialist',
};

export const CATEGORY_LABELS: Record<string, string> = {
  PATIENT_FLOW: 'Patient flow',
  ELECTIVE_RECOVERY: 'Elective recovery',
  WORKFORCE: 'Workforce',
  CULTURE_AND_LEADERSHIP: 'Culture and leadership',
  QUALITY_AND_SAFETY: 'Quality and safety',
  DIGITAL: 'Digital',
  OTHER: 'Other',
};

export const APPROACH_LABELS: Record<string, string> = {
  QUICK_FIX: 'Quick fix',
  SYSTEMIC: 'Systemic change',
};

export const SHARING_LABELS: Record<string, string> = {
  PRIVATE: 'Private (only your trust)',
  TRUSTS: 'Shared with NHS trusts and policymakers',
  PUBLIC: 'Public',
};

export const SHARING_SHORT_LABELS: Record<string, string> = {
  PRIVATE: 'Private',
  TRUSTS: 'Trusts',
  PUBLIC: 'Public',
};

export const DIRECTION_LABELS: Record<string, string> = {
  INCREASE: 'Increase',
  DECREASE: 'Decrease',
};

export const CQC_LABELS: Record<string, string> = {
  OUTSTANDING: 'Outstanding',
  GOOD: 'Good',
  REQUIRES_IMPROVEMENT: 'Requires improvement',
  INADEQUATE: 'Inadequate',
};

export const STATUS_LABELS: Record<string, string> = {
  PROPOSED: 'Proposed',
  IN_PROGRESS: 'In progress',
  STARTED: 'Started',
  ACTIVE: 'Active',
  COMPLETED: 'Completed',
  ABANDONED: 'Abandoned',
};

/** nhsuk-tag colour modifiers by status. */
export const STATUS_TAG_CLASSES: Record<string, string> = {
  PROPOSED: 'nhsuk-tag--grey',
  IN_PROGRESS: 'nhsuk-tag--blue',
  STARTED: 'nhsuk-tag--blue',
  ACTIVE: 'nhsuk-tag--blue',
  COMPLETED: 'nhsuk-tag--green',
  ABANDONED: 'nhsuk-tag--red',
};

export const SUSTAINABILITY_LABELS: Record<string, string> = {
  SUSTAINED: 'Sustained',
  FADED: 'Faded',
  NOT_YET_EVIDENT: 'Not yet evident',
  NO_SIGNAL: 'No signal',
  DETERIORATED: 'Deteriorated',
  INSUFFICIENT_DATA: 'Insufficient data',
};

/** `SOME_ENUM_VALUE` -> `Some enum value`. */
export function humanise(value: string): string {
  const text = value.replace(/[_-]+/g, ' ').toLowerCase().trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function label(map: Record<string, string>, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return 'Not known';
  return map[value] ?? humanise(value);
}
