import { z } from 'zod';

const EXPECTED = 'expected an RFC 3339 time such as 2026-11-28T10:00:00Z, or Unix seconds';

/** A time given as RFC 3339 text or as Unix seconds; parsed to Unix milliseconds. */
export const TimeInputSchema = z.union(
  [
    z.iso.datetime({ offset: true, error: EXPECTED }).transform((s) => Date.parse(s)),
    z
      .number()
      .positive('Unix seconds must be positive')
      .max(1e11, 'Unix seconds expected, not milliseconds')
      .transform((s) => Math.round(s * 1000)),
  ],
  {
    // The branch the input's type chose says what is wrong; zod's own union message would be "Invalid input".
    error: (issue) => {
      if (issue.code !== 'invalid_union') return undefined;
      if (issue.input === undefined) return 'required';
      return issue.errors.flat().find((branch) => branch.code !== 'invalid_type')?.message ?? EXPECTED;
    },
  },
);
