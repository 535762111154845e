import { z } from 'zod';
import { IncidentStatusSchema } from '../incident';

export const WebhookAcceptedSchema = z.object({
  incidents: z.array(
    z.object({
      id: z.string(),
      created: z.boolean().describe('false when the webhook repeated a known incident'),
      status: IncidentStatusSchema,
    }),
  ),
});
export type WebhookAccepted = z.infer<typeof WebhookAcceptedSchema>;
