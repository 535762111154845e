import { RcaResultSchema } from '@aiops/contracts';
import { type OpenAiServer, type ScriptedReply, startOpenAiServer } from '@aiops/testkit/openai-server';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeIncident } from '../src/analyze';
import type { RankingInput } from '../src/input';
import { summarizeRanking } from '../src/llm/summarize';
import { rankRootCauses } from '../src/rank';
import { renderReport } from '../src/report/render-report';
import { deterministicSummary } from '../src/report/summary';
import { event, FAULT_TIME, paymentIncident, svc } from './fixtures';

const SECRETS = {
  password: 'hunter2-very-secret',
  bearer: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib3QifQ.c2lnbmF0dXJlLXNlY3JldA',
  aws: 'AKIAIOSFODNN7EXAMPLE',
  urlPassword: 's3cr3t-in-url',
};

/** The hand-made incident, with secrets in event details, as they leak from real cluster events. */
function incidentWithSecrets(): RankingInput {
  const input = paymentIncident();
  input.events = [
    ...(input.events ?? []),
    event(
      svc('payment'),
      'config',
      FAULT_TIME - 30_000,
      `DATABASE_URL=postgres://pay:${SECRETS.urlPassword}@db:5432/pay password=${SECRETS.password}`,
    ),
    event(
      svc('checkout'),
      'restart',
      FAULT_TIME + 30_000,
      `probe sent Authorization: Bearer ${SECRETS.bearer} with key ${SECRETS.aws}`,
    ),
  ];
  return input;
}

const VALID_ANSWER = {
  summary:
    'The payment rollout at 10:13 made payment slow, and checkout and the frontend slowed down with it.',
  rootCause: 'service/shop/payment',
  confidence: 'high',
  nextSteps: ['Roll back deployment/payment in shop.', 'Check payment traces.'],
};

const call = (args: string | Record<string, unknown>): ScriptedReply => ({
  toolCalls: [{ name: 'summarize_incident', arguments: args }],
});

let server: OpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function summarize(reply: ScriptedReply, timeoutMs = 10_000) {
  server = await startOpenAiServer({ script: [reply] });
  const ranking = rankRootCauses(incidentWithSecrets());
  const report = renderReport(ranking).markdown;
  const result = await summarizeRanking(ranking, report, {
    baseUrl: server.url,
    model: 'qwen2.5:3b',
    apiKey: 'test-key',
    timeoutMs,
  });
  return { result, ranking, report };
}

describe('summarizeRanking with the real LangChain client', () => {
  it('uses a valid structured answer, asked for by function calling', async () => {
    const { result } = await summarize(call(VALID_ANSWER));
    expect(result.summarySource).toBe('llm');
    expect(result.summary).toBe(VALID_ANSWER.summary);
    expect(result.llm).toEqual(VALID_ANSWER);
    expect(result.fallbackReason).toBeUndefined();
    const request = server!.requests[0]!;
    expect(request.model).toBe('qwen2.5:3b');
    expect(request.tool_choice).toEqual({ type: 'function', function: { name: 'summarize_incident' } });
    expect(JSON.stringify(request.tools)).toContain('"rootCause"');
  });

  it('falls back to the deterministic summary on arguments that are not JSON', async () => {
    const { result, ranking } = await summarize(call('{"summary": "The payment'));
    expect(result.summarySource).toBe('deterministic');
    expect(result.summary).toBe(deterministicSummary(ranking));
    expect(result.fallbackReason).toMatch(/^invalid LLM answer/);
  });

  it('falls back on an answer that breaks the schema', async () => {
    const { result } = await summarize(
      call({ summary: 'too short', rootCause: 'service/shop/payment', confidence: 'sure' }),
    );
    expect(result.summarySource).toBe('deterministic');
    expect(result.fallbackReason).toMatch(/^invalid LLM answer/);
  });

  it('falls back on a root cause that is not a candidate', async () => {
    const { result } = await summarize(call({ ...VALID_ANSWER, rootCause: 'service/shop/database' }));
    expect(result.summarySource).toBe('deterministic');
    expect(result.fallbackReason).toContain('"service/shop/database" is not a candidate');
  });

  it('falls back on plain text instead of the function call', async () => {
    const { result } = await summarize({ content: 'I think it is payment.' });
    expect(result.summarySource).toBe('deterministic');
    expect(result.fallbackReason).toMatch(/^invalid LLM answer/);
  });

  it('falls back when the model is slower than the timeout', async () => {
    const { result } = await summarize({ ...call(VALID_ANSWER), delayMs: 30_000 }, 300);
    expect(result.summarySource).toBe('deterministic');
    expect(result.fallbackReason).toBe('LLM timed out after 300 ms');
  });

  it('falls back on an HTTP error', async () => {
    const { result } = await summarize({ error: { status: 500, message: 'model crashed' } });
    expect(result.summarySource).toBe('deterministic');
    expect(result.fallbackReason).toMatch(/^LLM call failed: .*model crashed/);
  });

  it('asks nothing when no LLM is configured', async () => {
    server = await startOpenAiServer({ script: [call(VALID_ANSWER)] });
    const ranking = rankRootCauses(incidentWithSecrets());
    const result = await summarizeRanking(ranking, renderReport(ranking).markdown, { model: 'qwen2.5:3b' });
    expect(result).toEqual({
      summary: deterministicSummary(ranking),
      summarySource: 'deterministic',
      fallbackReason: 'no LLM configured (no base URL)',
    });
    expect(server.requests).toHaveLength(0);
  });

  it('sends no secret from the input, though the report it summarises holds them', async () => {
    const { report } = await summarize(call(VALID_ANSWER));
    for (const secret of Object.values(SECRETS)) expect(report).toContain(secret);
    const sent = JSON.stringify(server!.requests);
    for (const secret of Object.values(SECRETS)) expect(sent).not.toContain(secret);
    expect(sent).toContain('[REDACTED]');
    expect(sent).toContain('service/shop/payment');
  });
});

describe('analyzeIncident', () => {
  it('gives a contract RCA result with the LLM summary at the head of the report', async () => {
    server = await startOpenAiServer({ script: [call(VALID_ANSWER)] });
    const analysis = await analyzeIncident(incidentWithSecrets(), {
      title: 'checkout slow',
      llm: { baseUrl: server.url, timeoutMs: 10_000 },
    });
    const result = RcaResultSchema.parse(analysis.result);
    expect(result.summarySource).toBe('llm');
    expect(result.summary).toBe(VALID_ANSWER.summary);
    expect(result.report).toContain(`## Summary\n\n${VALID_ANSWER.summary}`);
    expect(result.candidates[0]!.resource.name).toBe('payment');
    expect(analysis.charts.length).toBeGreaterThan(0);
  });

  it('gives the deterministic report and summary without an LLM', async () => {
    const analysis = await analyzeIncident(incidentWithSecrets(), { title: 'checkout slow' });
    expect(analysis.result.summarySource).toBe('deterministic');
    expect(analysis.result.report).toBe(renderReport(analysis.ranking, { title: 'checkout slow' }).markdown);
  });
});
