import { z } from 'zod';

/** The seed's answer shape: code 0 is success; otherwise code is the HTTP status. */
export function envelopeOf<T extends z.ZodType>(data: T) {
  return z.object({ code: z.number().int(), message: z.string(), data: data.nullable() });
}

export const ErrorEnvelopeSchema = z.object({
  code: z.number().int().min(1),
  message: z.string(),
  data: z.null(),
});
