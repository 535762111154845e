import {
  NotifyConfigError,
  type NotifyError,
  NotifyRateLimitedError,
  NotifyRejectedError,
  NotifyTransientError,
} from '../errors';
import { type HttpReply, retryAfterMs } from '../http';

/** Feishu's answer codes (it answers HTTP 200 and puts the outcome in `code`). */
export const FEISHU_CODES = {
  ok: 0,
  badRequest: 9499,
  badToken: 19001,
  signature: 19021,
  ipNotAllowed: 19022,
  keywordMissing: 19024,
  throttled: 11232,
} as const;

/** What an operator must change for each configuration error. */
const CONFIG_HINTS: Record<number, string> = {
  [FEISHU_CODES.badToken]: 'the hook token is not valid: check FEISHU_WEBHOOK_URL',
  [FEISHU_CODES.signature]:
    "the signature does not match: FEISHU_SECRET must be the bot's signing secret, and this host's clock within an hour of the real time",
  [FEISHU_CODES.ipNotAllowed]: "this host's address is not on the bot's IP allow list",
  [FEISHU_CODES.keywordMissing]: "the message lacks the bot's keyword: set FEISHU_KEYWORD to one of them",
};

export interface FeishuAnswer {
  code: number;
  msg: string;
}

function parseAnswer(text: string): FeishuAnswer | null {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body !== 'object' || body === null) return null;
    const record = body as Record<string, unknown>;
    // Older bot endpoints answer StatusCode/StatusMessage instead of code/msg.
    const code = record.code ?? record.StatusCode;
    const msg = record.msg ?? record.StatusMessage;
    return typeof code === 'number' ? { code, msg: typeof msg === 'string' ? msg : '' } : null;
  } catch {
    return null;
  }
}

/**
 * Reads Feishu's answer: resolves with it when Feishu accepted the message or refused it as a bad request
 * (the caller may then try plain text), otherwise throws the error class that says what to do.
 */
export function readFeishuAnswer(reply: HttpReply, rateLimitRetryMs: number): FeishuAnswer {
  const answer = parseAnswer(reply.text);
  if (reply.status === 429 || answer?.code === FEISHU_CODES.throttled) {
    const wait = retryAfterMs(reply.headers, rateLimitRetryMs);
    throw new NotifyRateLimitedError(
      `Feishu throttled the bot (${answer ? `${answer.code} ${answer.msg}` : `HTTP ${reply.status}`}); retry in ${wait} ms`,
      wait,
    );
  }
  if (answer && (answer.code === FEISHU_CODES.ok || answer.code === FEISHU_CODES.badRequest)) return answer;
  throw feishuError(reply, answer);
}

function feishuError(reply: HttpReply, answer: FeishuAnswer | null): NotifyError {
  if (answer) {
    const said = `Feishu answered ${answer.code} "${answer.msg}"`;
    const hint = CONFIG_HINTS[answer.code];
    if (hint) return new NotifyConfigError(`${said}: ${hint}`, answer.code);
    return new NotifyTransientError(`${said} (HTTP ${reply.status})`);
  }
  const said = `Feishu answered HTTP ${reply.status} without a readable body: ${reply.text.slice(0, 200)}`;
  if (reply.status >= 500 || reply.status < 400) return new NotifyTransientError(said);
  if (reply.status === 401 || reply.status === 403 || reply.status === 404)
    return new NotifyConfigError(`${said}; check FEISHU_WEBHOOK_URL`);
  return new NotifyRejectedError(said);
}
