import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-aiops-signature';
export const TIMESTAMP_HEADER = 'x-aiops-timestamp';
export const EVENT_HEADER = 'x-aiops-event';
export const DELIVERY_HEADER = 'x-aiops-delivery';

/**
 * `sha256=<hex>`: HMAC-SHA256 with the shared secret over `<timestamp>.<body>`. The timestamp is signed with
 * the body, so an old request cannot be replayed under a fresh timestamp.
 */
export function signWebhook(secret: string, timestampSeconds: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex')}`;
}

export type WebhookVerification = { ok: true } | { ok: false; reason: string };

/** What a receiver does with a request: check the signature and that the timestamp is recent. */
export function verifyWebhookSignature(input: {
  secret: string;
  body: string;
  timestamp: string | undefined;
  signature: string | undefined;
  toleranceSeconds?: number;
  now?: Date;
}): WebhookVerification {
  const { secret, body, timestamp, signature } = input;
  if (!timestamp || !/^\d+$/.test(timestamp)) return { ok: false, reason: 'missing or malformed timestamp' };
  if (!signature) return { ok: false, reason: 'missing signature' };
  const age = Math.abs((input.now ?? new Date()).getTime() / 1000 - Number(timestamp));
  if (age > (input.toleranceSeconds ?? 300)) return { ok: false, reason: 'timestamp outside the tolerance' };
  const expected = Buffer.from(signWebhook(secret, Number(timestamp), body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'signature mismatch' };
  return { ok: true };
}
