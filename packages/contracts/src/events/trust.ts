import { z } from 'zod';
import { isoDate, isoDateTime, odsCode, text, trustContext } from './common';

/** TrustRegistered v1 (current). */
export const trustRegisteredV1 = z.strictObject({
  code: odsCode,
  name: text,
  context: trustContext,
  effectiveFrom: isoDate,
  registeredAt: isoDateTime,
});

/** TrustContextChanged v1 (current). */
export const trustContextChangedV1 = z.strictObject({
  code: odsCode,
  context: trustContext,
  effectiveFrom: isoDate,
  reason: text.optional(),
});
