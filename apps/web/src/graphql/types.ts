/**
 * Hand-written TypeScript types for the parts of the gateway schema
 * (apps/gateway/src/schema.graphql) that the web client selects. Keep in step with it.
 */

export type Approach = 'QUICK_FIX' | 'SYSTEMIC';
export type Sharing = 'PRIVATE' | 'TRUSTS' | 'PUBLIC';
export type Direction = 'INCREASE' | 'DECREASE';
export type InterventionCategory =
  | 'PATIENT_FLOW'
  | 'ELECTIVE_RECOVERY'
  | 'WORKFORCE'
  | 'CULTURE_AND_LEADERSHIP'
  | 'QUALITY_AND_SAFETY'
  | 'DIGITAL'
  | 'OTHER';
export type InterventionStatus = 'PROPOSED' | 'ACTIVE' | 'COMPLETED' | 'ABANDONED';
export type TrustKind = 'ACUTE' | 'MENTAL_HEALTH' | 'COMMUNITY' | 'AMBULANCE' | 'SPECIALIST';
export type Region =
  | 'NORTH_EAST_AND_YORKSHIRE'
  | 'NORTH_WEST'
  | 'MIDLANDS'
  | 'EAST_OF_ENGLAND'
  | 'LONDON'
  | 'SOUTH_EAST'
  | 'SOUTH_WEST';
export type CqcRating = 'OUTSTANDING' | 'GOOD' | 'REQUIRES_IMPROVEMENT' | 'INADEQUATE';

export const APPROACHES: readonly Approach[] = ['QUICK_FIX', 'SYSTEMIC'];
export const SHARING_LEVELS: readonly Sharing[] = ['PRIVATE', 'TRUSTS', 'PUBLIC'];
export const DIRECTIONS: readonly Direction[] = ['INCREASE', 'DECREASE'];
export const INTERVENTION_CATEGORIES: readonly InterventionCategory[] = [
  'PATIENT_FLOW',
  'ELECTIVE_RECOVERY',
  'WORKFORCE',
  'CULTURE_AND_LEADERSHIP',
  'QUALITY_AND_SAFETY',
  'DIGITAL',
  'OTHER',
];
export const TRUST_KINDS: readonly TrustKind[] = ['ACUTE', 'MENTAL_HEALTH', 'COMMUNITY', 'AMBULANCE', 'SPECIALIST'];
export const REGIONS: readonly Region[] = [
  'NORTH_EAST_AND_YORKSHIRE',
  'NORTH_WEST',
  'MIDLANDS',
  'EAST_OF_ENGLAND',
  'LONDON',
  'SOUTH_EAST',
  'SOUTH_WEST',
];

export type Sustainability = 'SUSTAINED' | 'FADED' | 'NOT_YET_EVIDENT' | 'NO_SIGNAL' | 'DETERIORATED' | 'INSUFFICIENT_DATA';
export const SUSTAINABILITY_VALUES: readonly Sustainability[] = [
  'SUSTAINED',
  'FADED',
  'NOT_YET_EVIDENT',
  'NO_SIGNAL',
  'DETERIORATED',
  'INSUFFICIENT_DATA',
];
