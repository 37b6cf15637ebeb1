import { ODS_CODE, CQC_RATINGS, DIRECTIONS, TARGET_ROLES, REGIONS, SHARING_LEVELS, TRUST_KINDS, APPROACHES, INTERVENTION_CATEGORIES } from '@longview/domain';
import { z } from 'zod';

/**
 * Building blocks of the wire schemas. They check the shape of stored and published events
 * (types, formats, enums), not business rules: those belong to the deciders, and an event
 * that was valid when written must stay readable even if a rule later tightens.
 */

export const isoDate = z.iso.date();
export const isoDateTime = z.iso.datetime({ offset: true });
export const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM');
export const odsCode = z.string().regex(ODS_CODE, 'must be an ODS code');
/** Metric codes are checked for form only: a code retired from the catalogue still appears in old events. */
export const metricCode = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lower-kebab metric code');
export const entityId = z.string().min(1).max(64);
export const text = z.string().min(1);

export const trustContext = z.strictObject({
  kind: z.enum(TRUST_KINDS),
  region: z.enum(REGIONS),
  beds: z.number().int().nonnegative().optional(),
  catchmentPopulation: z.number().int().nonnegative().optional(),
  aeAttendances: z.number().int().nonnegative().optional(),
  deprivation: z.number().optional(),
  oversightSegment: z.number().int().min(1).max(5).optional(),
  cqcRating: z.enum(CQC_RATINGS).optional(),
});

/**
 * `role` is optional: targets written before roles existed have none and are outcomes. Readers
 * upcast with the domain's `withRole`; the stored events stay as they are (still v1: an added
 * optional field keeps every stored event valid).
 */
export const target = z.strictObject({ metric: metricCode, direction: z.enum(DIRECTIONS), role: z.enum(TARGET_ROLES).optional() });

export const observation = z.strictObject({
  period: isoMonth,
  value: z.number(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
});

export const pdsaCycle = z.strictObject({ plan: text, do: text, study: text, act: text, cycleDate: isoDate });

export const sharing = z.enum(SHARING_LEVELS);
export const interventionCategory = z.enum(INTERVENTION_CATEGORIES);
export const approach = z.enum(APPROACHES);
