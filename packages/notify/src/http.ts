import { NotifyTransientError } from './errors';

export interface HttpReply {
  status: number;
  headers: Headers;
  text: string;
}

/** Posts a JSON body; a network failure or timeout is a transient error (a later attempt may get through). */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<HttpReply> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    const reason = timedOut
      ? `no answer within ${timeoutMs} ms`
      : `${error instanceof Error ? error.message : String(error)}${cause}`;
    throw new NotifyTransientError(`POST ${new URL(url).origin} failed: ${reason}`, { cause: error });
  }
}

/** Retry-After in milliseconds (seconds or an HTTP date), or the fallback when absent or unreadable. */
export function retryAfterMs(headers: Headers, fallbackMs: number, now = Date.now()): number {
  const value = headers.get('retry-after');
  if (!value) return fallbackMs;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? fallbackMs : Math.max(0, date - now);
}
