import type { InterventionStatus as StatusOfView, SpcView, Sustainability as SustainabilityOfView } from '@longview/contracts';
import type * as domain from '@longview/domain';
import { Sustainability, type Direction } from '../__generated__/resolvers-types';
import type * as gql from '../__generated__/resolvers-types';

/**
 * The one place where the GraphQL enums (generated from the SDL) meet the domain's values.
 * Most are the same strings: checked here at compile time, so an enum value added on one side
 * only is a type error in this file. Where they differ, the mapping is here.
 */

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const ENUMS_MATCH_THE_DOMAIN = {
  Approach: true satisfies Same<gql.Approach, domain.Approach>,
  CqcRating: true satisfies Same<gql.CqcRating, domain.CqcRating>,
  Direction: true satisfies Same<gql.Direction, domain.Direction>,
  InterventionCategory: true satisfies Same<gql.InterventionCategory, domain.InterventionCategory>,
  InterventionStatus: true satisfies Same<gql.InterventionStatus, StatusOfView>,
  Region: true satisfies Same<gql.Region, domain.Region>,
  Sharing: true satisfies Same<gql.Sharing, domain.Sharing>,
  Sustainability: true satisfies Same<gql.Sustainability, SustainabilityOfView>,
  TrustKind: true satisfies Same<gql.TrustKind, domain.TrustKind>,
} as const;

/** Every Sustainability value, in the SDL's order. */
export const SUSTAINABILITIES: readonly gql.Sustainability[] = Object.values(Sustainability);

/** The query service's SPC says 'increase' | 'decrease'; the API says INCREASE | DECREASE. */
export function spcDirection(spc: Pick<SpcView, 'direction'>): Direction {
  return spc.direction.toUpperCase() === 'DECREASE' ? 'DECREASE' : 'INCREASE';
}
