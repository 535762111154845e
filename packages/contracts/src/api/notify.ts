import { z } from 'zod';

export const NotifyRequestSchema = z.object({
  type: z.enum(['info', 'warning', 'critical', 'resolved', 'human_help']).default('info'),
  message: z.string().min(1, 'message must not be empty').max(20_000),
  urgency: z.enum(['low', 'medium', 'high', 'critical']).default('medium'),
  title: z.string().max(200).optional(),
});
export type NotifyRequest = z.infer<typeof NotifyRequestSchema>;

export const NotifyAcceptedSchema = z.object({ request_id: z.string(), queued: z.boolean() });
