import { z } from 'zod';

/** A time given as RFC 3339 text or as Unix seconds; parsed to Unix milliseconds. */
export const TimeInputSchema = z.union([
  z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
  z
    .number()
    .positive()
    .max(1e11, 'Unix seconds expected, not milliseconds')
    .transform((s) => Math.round(s * 1000)),
]);
