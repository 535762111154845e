/**
 * A scripted OpenAI-compatible model server for tests: a real HTTP server on 127.0.0.1 and a free port,
 * so the real clients (LangChain's ChatOpenAI, the openai SDK, fetch) run unchanged against it.
 *
 * Endpoints:
 * - `POST /v1/chat/completions`: answers with the next scripted reply, as one JSON completion, or as
 *   server-sent events (`chat.completion.chunk`s, then `data: [DONE]`) when the request says `stream: true`;
 *   usage comes last when it asks for `stream_options.include_usage`.
 * - `GET /v1/models`: the model list (`models` option, default `['scripted']`).
 *
 * A reply (`ScriptedReply`) can be plain text (`content`), tool calls (`toolCalls`: function name and
 * arguments, an object sent as JSON or a string sent verbatim, so invalid JSON can be tested), both,
 * an HTTP error (`error: { status, message }`), and may wait `delayMs` first (to test timeouts; the wait
 * ends early if the client hangs up or the server closes).
 *
 * The script is either a list consumed in order (a request past its end gets a 500 naming the request),
 * or a function of the parsed request body and its index, which suits agents that call tools in loops:
 *
 *   const server = await startOpenAiServer({
 *     script: (request) => (request.tools ? { toolCalls: [{ name: 'get_pods', arguments: { ns: 'shop' } }] } : { content: 'done' }),
 *   });
 *   const model = new ChatOpenAI({ model: 'scripted', apiKey: 'test', configuration: { baseURL: server.url } });
 *   ...
 *   expect(server.requests[0].messages).toHaveLength(2);
 *   await server.close();
 *
 * `requests` holds every chat request body received, in order, parsed from JSON.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedToolCall {
  name: string;
  /** An object is sent as JSON; a string is sent as it is (invalid JSON included). */
  arguments: string | Record<string, unknown>;
  /** Default: `call_<request>_<index>`. */
  id?: string;
}

export interface ScriptedReply {
  content?: string;
  toolCalls?: ScriptedToolCall[];
  /** Wait this long before answering. */
  delayMs?: number;
  /** Answer with this HTTP status and an OpenAI-style error body (or `body` as given). */
  error?: { status: number; message?: string; type?: string; body?: unknown };
  /** Default: `tool_calls` when there are tool calls, else `stop`. */
  finishReason?: 'stop' | 'tool_calls' | 'length' | 'content_filter';
  usage?: { prompt_tokens: number; completion_tokens: number };
}

/** The body of a chat completion request, as far as the server reads it. */
export interface ChatCompletionRequest {
  model?: string;
  messages?: unknown[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  tools?: unknown[];
  tool_choice?: unknown;
  [key: string]: unknown;
}

export type ReplyScript =
  | readonly ScriptedReply[]
  | ((request: ChatCompletionRequest, index: number) => ScriptedReply | Promise<ScriptedReply>);

export interface OpenAiServerOptions {
  script: ReplyScript;
  models?: string[];
}

export interface OpenAiServer {
  /** Base URL ending in `/v1`, as OpenAI clients take it. */
  url: string;
  requests: ChatCompletionRequest[];
  close(): Promise<void>;
}

const CREATED = 1_700_000_000;

export async function startOpenAiServer(options: OpenAiServerOptions): Promise<OpenAiServer> {
  const requests: ChatCompletionRequest[] = [];
  const waits = new Set<() => void>();
  const models = options.models ?? ['scripted'];

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, error instanceof Error ? error.message : String(error));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '');
    if (req.method === 'GET' && path === '/v1/models') {
      sendJson(res, 200, {
        object: 'list',
        data: models.map((id) => ({ id, object: 'model', created: CREATED, owned_by: 'testkit' })),
      });
      return;
    }
    if (req.method !== 'POST' || path !== '/v1/chat/completions') {
      sendError(res, 404, `no route for ${req.method} ${path}`);
      return;
    }
    let body: ChatCompletionRequest;
    try {
      body = JSON.parse(await readBody(req)) as ChatCompletionRequest;
    } catch {
      sendError(res, 400, 'request body is not JSON');
      return;
    }
    const index = requests.length;
    requests.push(body);
    const reply = await nextReply(options.script, body, index);
    if (!reply) {
      sendError(res, 500, `script exhausted: request #${index + 1} has no scripted reply`);
      return;
    }
    if (reply.delayMs && reply.delayMs > 0) {
      await wait(reply.delayMs, res);
      if (res.destroyed || res.writableEnded) return;
    }
    if (reply.error) {
      if (reply.error.body !== undefined) sendJson(res, reply.error.status, reply.error.body);
      else sendError(res, reply.error.status, reply.error.message ?? 'scripted error', reply.error.type);
      return;
    }
    if (body.stream) streamReply(res, body, reply, index);
    else sendJson(res, 200, completion(body, reply, index));
  }

  /** Sleeps, but wakes up when the client goes away or the server closes. */
  function wait(ms: number, res: ServerResponse): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        res.off('close', done);
        waits.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      res.on('close', done);
      waits.add(done);
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: async () => {
      for (const done of [...waits]) done();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function nextReply(
  script: ReplyScript,
  body: ChatCompletionRequest,
  index: number,
): Promise<ScriptedReply | undefined> {
  if (typeof script === 'function') return script(body, index);
  return script[index];
}

function toolCallsOf(reply: ScriptedReply, index: number) {
  return (reply.toolCalls ?? []).map((call, i) => ({
    id: call.id ?? `call_${index + 1}_${i + 1}`,
    type: 'function' as const,
    function: {
      name: call.name,
      arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
    },
  }));
}

function finishReasonOf(reply: ScriptedReply): string {
  return reply.finishReason ?? (reply.toolCalls && reply.toolCalls.length > 0 ? 'tool_calls' : 'stop');
}

function usageOf(reply: ScriptedReply) {
  const usage = reply.usage ?? { prompt_tokens: 10, completion_tokens: 10 };
  return { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
}

function completion(body: ChatCompletionRequest, reply: ScriptedReply, index: number) {
  const toolCalls = toolCallsOf(reply, index);
  return {
    id: `chatcmpl-${index + 1}`,
    object: 'chat.completion',
    created: CREATED,
    model: body.model ?? 'scripted',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.content ?? null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: finishReasonOf(reply),
        logprobs: null,
      },
    ],
    usage: usageOf(reply),
  };
}

/** The reply as OpenAI streams it: role first, content and tool-call arguments in pieces, then the finish. */
function streamReply(
  res: ServerResponse,
  body: ChatCompletionRequest,
  reply: ScriptedReply,
  index: number,
): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    res.write(
      `data: ${JSON.stringify({
        id: `chatcmpl-${index + 1}`,
        object: 'chat.completion.chunk',
        created: CREATED,
        model: body.model ?? 'scripted',
        choices,
        ...extra,
      })}\n\n`,
    );
  const delta = (d: Record<string, unknown>, finish: string | null = null) =>
    chunk([{ index: 0, delta: d, finish_reason: finish, logprobs: null }]);

  delta({ role: 'assistant', content: '' });
  for (const piece of pieces(reply.content ?? '')) delta({ content: piece });
  toolCallsOf(reply, index).forEach((call, i) => {
    delta({
      tool_calls: [
        { index: i, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } },
      ],
    });
    for (const piece of pieces(call.function.arguments))
      delta({ tool_calls: [{ index: i, function: { arguments: piece } }] });
  });
  delta({}, finishReasonOf(reply));
  if (body.stream_options?.include_usage) chunk([], { usage: usageOf(reply) });
  res.end('data: [DONE]\n\n');
}

function pieces(text: string, size = 12): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  type = 'invalid_request_error',
): void {
  sendJson(res, status, { error: { message, type, param: null, code: null } });
}
