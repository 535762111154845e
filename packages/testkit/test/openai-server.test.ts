import { afterEach, describe, expect, it } from 'vitest';
import { type OpenAiServer, type ReplyScript, startOpenAiServer } from '../src/openai-server';

let server: OpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(script: ReplyScript, models?: string[]): Promise<OpenAiServer> {
  server = await startOpenAiServer({ script, ...(models ? { models } : {}) });
  return server;
}

function chat(url: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<Response> {
  return fetch(`${url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer test' },
    body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }], ...body }),
    ...(signal ? { signal } : {}),
  });
}

/** The JSON payloads of an SSE body, and whether it ended with [DONE]. */
function parseSse(text: string): { events: Record<string, unknown>[]; done: boolean } {
  const data = text
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => block.slice('data: '.length));
  return {
    events: data.filter((d) => d !== '[DONE]').map((d) => JSON.parse(d) as Record<string, unknown>),
    done: data.at(-1) === '[DONE]',
  };
}

describe('startOpenAiServer', () => {
  it('lists its models and gives a base URL ending in /v1', async () => {
    const s = await start([], ['qwen2.5:3b', 'other']);
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const body = (await (await fetch(`${s.url}/models`)).json()) as { data: { id: string }[] };
    expect(body.data.map((m) => m.id)).toEqual(['qwen2.5:3b', 'other']);
  });

  it('answers scripted text in order and records every request body', async () => {
    const s = await start([{ content: 'first' }, { content: 'second' }]);
    const a = (await (await chat(s.url, { temperature: 0 })).json()) as {
      choices: { message: { content: string }; finish_reason: string }[];
    };
    const b = (await (await chat(s.url, {})).json()) as typeof a;
    expect(a.choices[0]!.message.content).toBe('first');
    expect(a.choices[0]!.finish_reason).toBe('stop');
    expect(b.choices[0]!.message.content).toBe('second');
    expect(s.requests).toHaveLength(2);
    expect(s.requests[0]!.temperature).toBe(0);
    expect(s.requests[0]!.messages).toEqual([{ role: 'user', content: 'hi' }]);
  });

  it('answers tool calls, with object arguments as JSON and string arguments verbatim', async () => {
    const s = await start([
      {
        toolCalls: [
          { name: 'get_pods', arguments: { namespace: 'shop' } },
          { name: 'broken', arguments: '{"namespace": ', id: 'call_x' },
        ],
      },
    ]);
    const body = (await (await chat(s.url, { tools: [] })).json()) as {
      choices: {
        message: {
          content: null;
          tool_calls: { id: string; type: string; function: { name: string; arguments: string } }[];
        };
        finish_reason: string;
      }[];
    };
    const choice = body.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    expect(choice.message.tool_calls.map((c) => c.function.name)).toEqual(['get_pods', 'broken']);
    expect(JSON.parse(choice.message.tool_calls[0]!.function.arguments)).toEqual({ namespace: 'shop' });
    expect(choice.message.tool_calls[1]!.function.arguments).toBe('{"namespace": ');
    expect(choice.message.tool_calls[1]!.id).toBe('call_x');
  });

  it('streams content and tool calls as server-sent chunks, usage last when asked, then [DONE]', async () => {
    const content = 'a reply long enough to be cut into several pieces';
    const s = await start([
      { content, toolCalls: [{ name: 'f', arguments: { x: [1, 2, 3], y: 'long enough' } }] },
    ]);
    const res = await chat(s.url, { stream: true, stream_options: { include_usage: true } });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const { events, done } = parseSse(await res.text());
    expect(done).toBe(true);
    type Delta = {
      content?: string;
      tool_calls?: { index: number; function: { name?: string; arguments?: string } }[];
    };
    const choices = events.flatMap((e) => e.choices as { delta: Delta; finish_reason: string | null }[]);
    expect(choices.map((c) => c.delta.content ?? '').join('')).toBe(content);
    const args = choices.flatMap((c) => c.delta.tool_calls ?? []).map((t) => t.function.arguments ?? '');
    expect(args.length).toBeGreaterThan(2);
    expect(JSON.parse(args.join(''))).toEqual({ x: [1, 2, 3], y: 'long enough' });
    expect(choices.at(-1)!.finish_reason).toBe('tool_calls');
    expect(events.at(-1)!.usage).toEqual({ prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 });
  });

  it('answers a scripted HTTP error', async () => {
    const s = await start([{ error: { status: 429, message: 'slow down' } }]);
    const res = await chat(s.url, {});
    expect(res.status).toBe(429);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('slow down');
  });

  it('takes a function of the request and its index as the script', async () => {
    const s = await start((request, index) => ({
      content: `${index}:${request.tools ? 'tools' : 'plain'}`,
    }));
    const first = (await (await chat(s.url, { tools: [{}] })).json()) as {
      choices: { message: { content: string } }[];
    };
    const second = (await (await chat(s.url, {})).json()) as typeof first;
    expect(first.choices[0]!.message.content).toBe('0:tools');
    expect(second.choices[0]!.message.content).toBe('1:plain');
  });

  it('fails a request past the end of a list script with a 500 naming it', async () => {
    const s = await start([{ content: 'only one' }]);
    await chat(s.url, {});
    const res = await chat(s.url, {});
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('request #2');
  });

  it('delays a reply past a client that gives up, and keeps serving', async () => {
    const s = await start([{ content: 'too late', delayMs: 60_000 }, { content: 'on time' }]);
    await expect(chat(s.url, {}, AbortSignal.timeout(100))).rejects.toThrow();
    const body = (await (await chat(s.url, {})).json()) as { choices: { message: { content: string } }[] };
    expect(body.choices[0]!.message.content).toBe('on time');
    expect(s.requests).toHaveLength(2);
  });

  it('rejects unknown routes and bodies that are not JSON', async () => {
    const s = await start([]);
    expect((await fetch(`${s.url}/embeddings`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch(`${s.url}/chat/completions`, { method: 'POST', body: 'not json' })).status).toBe(400);
    expect(s.requests).toHaveLength(0);
  });
});
