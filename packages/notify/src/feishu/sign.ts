import { createHmac } from 'node:crypto';

/**
 * Feishu's custom-bot signature: HMAC-SHA256 keyed with `timestamp + "\n" + secret` over an empty message,
 * base64. The timestamp is in seconds and must be within an hour of Feishu's clock.
 */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/** The `timestamp` and `sign` body fields of a signed request; none when the bot has no secret. */
export function signatureFields(secret: string | undefined, now = new Date()): Record<string, string> {
  if (!secret) return {};
  const timestamp = Math.floor(now.getTime() / 1000);
  return { timestamp: String(timestamp), sign: feishuSign(secret, timestamp) };
}
