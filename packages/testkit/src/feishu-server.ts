import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Feishu (Lark) custom-bot endpoint for tests: it checks requests the way Feishu does (hook token, body size,
 * rate limit, timestamp window and signature, keyword, message shape) and answers with Feishu's own bodies.
 */

/** Faults the next requests meet, in order, whatever they carry. */
export type FeishuFault =
  | 'bad-request'
  | 'signature'
  | 'throttled'
  | 'ip-not-allowed'
  | 'keyword'
  | 'bad-token'
  | 'server-error'
  | 'disconnect';

export interface FeishuServerOptions {
  /** Signature verification on, with this secret. */
  secret?: string;
  /** Keyword checking on: every message must contain it. */
  keyword?: string;
  /** Feishu's per-bot limits are 5/s and 100/min; off when absent. */
  rateLimit?: { perSecond: number; perMinute: number };
  /** Refuse every interactive card with 9499, as Feishu does for a card it cannot take. */
  refuseCards?: boolean;
  /** Faults for the first requests. */
  failNext?: FeishuFault[];
  /** Feishu's body limit, "20 KB", taken as 20,000 bytes. */
  maxBodyBytes?: number;
  /** The server's clock (ms), for the rate limit and the timestamp window; tests may hold it still. */
  clock?: () => number;
}

export interface FeishuMessage {
  msgType: string;
  /** The parsed body without `timestamp` and `sign`. */
  body: Record<string, unknown>;
  /** Every text the message shows, joined: for assertions on content. */
  text: string;
  bytes: number;
  signed: boolean;
  at: Date;
}

export interface FeishuRejection {
  code: number;
  msg: string;
  /** Why, in words (Feishu's msg is terse). */
  reason: string;
  body: unknown;
}

export interface FeishuServer {
  /** The full hook URL, token path included. */
  url: string;
  token: string;
  received: FeishuMessage[];
  rejected: FeishuRejection[];
  /** Every request that reached a hook path, accepted or not. */
  requests: number;
  failNext(...faults: FeishuFault[]): void;
  close(): Promise<void>;
}

/** Feishu's answers, as its API returns them. */
export const FEISHU_ANSWERS = {
  ok: { code: 0, data: {}, msg: 'success' },
  badRequest: { code: 9499, data: {}, msg: 'Bad Request' },
  badToken: { code: 19001, data: {}, msg: 'param invalid: incoming webhook access token invalid' },
  signature: {
    code: 19021,
    data: {},
    msg: 'sign match fail or timestamp is not within one hour from current time',
  },
  ipNotAllowed: { code: 19022, data: {}, msg: 'Ip Not Allowed' },
  keyword: { code: 19024, data: {}, msg: 'Key Words Not Found' },
  throttled: { code: 11232, data: {}, msg: 'frequency limited psm[lark.oapi.app_platform_runtime]appID[1]' },
} as const;

type Answer = (typeof FEISHU_ANSWERS)[keyof typeof FEISHU_ANSWERS];

const HOOK_PATH = '/open-apis/bot/v2/hook/';
const TEMPLATES = new Set([
  'blue',
  'wathet',
  'turquoise',
  'green',
  'yellow',
  'orange',
  'red',
  'carmine',
  'violet',
  'purple',
  'indigo',
  'grey',
  'default',
]);
const ELEMENT_TAGS = new Set(['div', 'markdown', 'hr', 'action', 'note', 'img', 'column_set']);
const TEXT_TAGS = new Set(['plain_text', 'lark_md']);

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

function isHttpUrl(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
}

function textNodeProblem(node: unknown, where: string): string | null {
  if (!isObject(node) || !TEXT_TAGS.has(String(node.tag)) || typeof node.content !== 'string')
    return `${where}: a text needs tag plain_text or lark_md and a string content`;
  return null;
}

function elementProblem(element: unknown, where: string): string | null {
  if (!isObject(element) || !ELEMENT_TAGS.has(String(element.tag)))
    return `${where}: unknown element tag ${isObject(element) ? String(element.tag) : typeof element}`;
  switch (element.tag) {
    case 'div': {
      if (element.text === undefined && element.fields === undefined)
        return `${where}: a div needs text or fields`;
      if (element.text !== undefined) return textNodeProblem(element.text, `${where}.text`);
      if (!Array.isArray(element.fields) || element.fields.length === 0)
        return `${where}: fields must be a list`;
      for (const [i, f] of element.fields.entries()) {
        if (!isObject(f) || typeof f.is_short !== 'boolean') return `${where}.fields[${i}]: is_short missing`;
        const problem = textNodeProblem(f.text, `${where}.fields[${i}].text`);
        if (problem) return problem;
      }
      return null;
    }
    case 'markdown':
      return typeof element.content === 'string' ? null : `${where}: markdown needs a string content`;
    case 'action': {
      if (!Array.isArray(element.actions) || element.actions.length === 0) return `${where}: actions missing`;
      for (const [i, b] of element.actions.entries()) {
        if (!isObject(b) || b.tag !== 'button') return `${where}.actions[${i}]: only buttons are supported`;
        const problem = textNodeProblem(b.text, `${where}.actions[${i}].text`);
        if (problem) return problem;
        // Custom bots cannot receive callbacks: a button must open a URL.
        if (!isHttpUrl(b.url)) return `${where}.actions[${i}]: a custom bot's button needs an http(s) url`;
      }
      return null;
    }
    case 'note': {
      if (!Array.isArray(element.elements) || element.elements.length === 0)
        return `${where}: note elements missing`;
      for (const [i, e] of element.elements.entries()) {
        const problem = textNodeProblem(e, `${where}.elements[${i}]`);
        if (problem) return problem;
      }
      return null;
    }
    default:
      return null;
  }
}

function cardProblem(card: unknown): string | null {
  if (!isObject(card)) return 'card must be an object';
  if (card.header !== undefined) {
    if (!isObject(card.header)) return 'header must be an object';
    const problem = textNodeProblem(card.header.title, 'header.title');
    if (problem) return problem;
    if (card.header.template !== undefined && !TEMPLATES.has(String(card.header.template)))
      return `header.template ${String(card.header.template)} is not a Feishu colour`;
  }
  if (!Array.isArray(card.elements) || card.elements.length === 0) return 'card needs elements';
  for (const [i, element] of card.elements.entries()) {
    const problem = elementProblem(element, `elements[${i}]`);
    if (problem) return problem;
  }
  return null;
}

function postProblem(content: unknown): string | null {
  if (!isObject(content) || !isObject(content.post)) return 'post needs content.post';
  const languages = Object.values(content.post);
  if (languages.length === 0) return 'post needs a language';
  for (const lang of languages) {
    if (!isObject(lang) || !Array.isArray(lang.content)) return 'post language needs content rows';
    if (!lang.content.every((row) => Array.isArray(row) && row.every((n) => isObject(n) && nonEmpty(n.tag))))
      return 'post rows must be lists of tagged nodes';
  }
  return null;
}

function shapeProblem(body: Json): string | null {
  switch (body.msg_type) {
    case 'text':
      return isObject(body.content) && nonEmpty(body.content.text) ? null : 'text needs content.text';
    case 'post':
      return postProblem(body.content);
    case 'interactive':
      return cardProblem(body.card);
    default:
      return `msg_type ${String(body.msg_type)} is not supported`;
  }
}

/** Every string a person would read in the message (text, titles, card contents), for keyword checks. */
export function messageText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(messageText).join('\n');
  if (!isObject(value)) return '';
  return Object.entries(value)
    .filter(([key]) => !['tag', 'template', 'type', 'url', 'msg_type', 'is_short'].includes(key))
    .map(([, v]) => messageText(v))
    .filter((s) => s.length > 0)
    .join('\n');
}

function signatureValid(secret: string, timestamp: unknown, sign: unknown, now: number): boolean {
  const ts = typeof timestamp === 'number' ? String(timestamp) : timestamp;
  if (typeof ts !== 'string' || !/^\d+$/.test(ts) || typeof sign !== 'string') return false;
  if (Math.abs(now / 1000 - Number(ts)) > 3600) return false;
  const expected = Buffer.from(createHmac('sha256', `${ts}\n${secret}`).update('').digest('base64'));
  const given = Buffer.from(sign);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startFeishuServer(options: FeishuServerOptions = {}): Promise<FeishuServer> {
  const token = randomBytes(16).toString('hex');
  const maxBodyBytes = options.maxBodyBytes ?? 20_000;
  const clock = options.clock ?? Date.now;
  const faults: FeishuFault[] = [...(options.failNext ?? [])];
  const requestTimes: number[] = [];
  const received: FeishuMessage[] = [];
  const rejected: FeishuRejection[] = [];
  let requests = 0;

  const answer = (res: ServerResponse, body: Answer, reason: string, request: unknown) => {
    if (body.code !== 0) rejected.push({ code: body.code, msg: body.msg, reason, body: request });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  };

  const throttled = (now: number): boolean => {
    if (!options.rateLimit) return false;
    while (requestTimes.length > 0 && requestTimes[0]! <= now - 60_000) requestTimes.shift();
    const lastSecond = requestTimes.filter((t) => t > now - 1000).length;
    if (lastSecond >= options.rateLimit.perSecond || requestTimes.length >= options.rateLimit.perMinute)
      return true;
    requestTimes.push(now);
    return false;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST' || !path.startsWith(HOOK_PATH)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found');
      return;
    }
    requests += 1;
    const raw = await readBody(req);
    if (path.slice(HOOK_PATH.length) !== token)
      return answer(res, FEISHU_ANSWERS.badToken, 'unknown hook token', null);

    const fault = faults.shift();
    if (fault === 'disconnect') {
      req.socket.destroy();
      return;
    }
    if (fault === 'server-error') {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
      return;
    }
    const forced: Record<Exclude<FeishuFault, 'disconnect' | 'server-error'>, Answer> = {
      'bad-request': FEISHU_ANSWERS.badRequest,
      signature: FEISHU_ANSWERS.signature,
      throttled: FEISHU_ANSWERS.throttled,
      'ip-not-allowed': FEISHU_ANSWERS.ipNotAllowed,
      keyword: FEISHU_ANSWERS.keyword,
      'bad-token': FEISHU_ANSWERS.badToken,
    };
    if (fault) return answer(res, forced[fault], `fault injected: ${fault}`, null);

    if (raw.length > maxBodyBytes)
      return answer(
        res,
        FEISHU_ANSWERS.badRequest,
        `body of ${raw.length} bytes exceeds ${maxBodyBytes}`,
        null,
      );
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return answer(res, FEISHU_ANSWERS.badRequest, 'body is not JSON', raw.toString('utf8').slice(0, 200));
    }
    if (!isObject(body)) return answer(res, FEISHU_ANSWERS.badRequest, 'body is not a JSON object', body);

    const now = clock();
    if (throttled(now)) return answer(res, FEISHU_ANSWERS.throttled, 'rate limit exceeded', body);

    const { timestamp, sign, ...message } = body;
    if (options.secret && !signatureValid(options.secret, timestamp, sign, now))
      return answer(res, FEISHU_ANSWERS.signature, 'signature or timestamp invalid', body);

    const problem = shapeProblem(message);
    if (problem) return answer(res, FEISHU_ANSWERS.badRequest, problem, body);
    if (options.refuseCards && message.msg_type === 'interactive')
      return answer(res, FEISHU_ANSWERS.badRequest, 'cards are refused', body);

    const text = messageText(message.msg_type === 'interactive' ? message.card : message.content);
    if (options.keyword && !text.includes(options.keyword))
      return answer(res, FEISHU_ANSWERS.keyword, `keyword "${options.keyword}" missing`, body);

    received.push({
      msgType: String(message.msg_type),
      body: message,
      text,
      bytes: raw.length,
      signed: timestamp !== undefined,
      at: new Date(now),
    });
    return answer(res, FEISHU_ANSWERS.ok, 'accepted', body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${HOOK_PATH}${token}`,
    token,
    received,
    rejected,
    get requests() {
      return requests;
    },
    failNext: (...next) => {
      faults.push(...next);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
