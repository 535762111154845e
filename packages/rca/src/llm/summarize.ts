import { ChatOpenAI } from '@langchain/openai';
import { entityLabel } from '../entity';
import type { RankingResult } from '../rank';
import { deterministicSummary } from '../report/summary';
import { buildUserPrompt, SYSTEM_PROMPT } from './prompt';
import { redact } from './redact';
import { type LlmSummary, LlmSummarySchema } from './summary-schema';

export interface LlmOptions {
  /** OpenAI-compatible base URL (Ollama: http://host:11434/v1). Without it no LLM is asked. */
  baseUrl?: string;
  model?: string;
  apiKey?: string;
  /** The whole call, retries included, gives up after this long. Default 20 s. */
  timeoutMs?: number;
}

export interface RcaSummary {
  summary: string;
  summarySource: 'llm' | 'deterministic';
  /** Why the deterministic summary was used, when it was. */
  fallbackReason?: string;
  /** The model's validated answer, when it was used. */
  llm?: LlmSummary;
  model?: string;
}

export const DEFAULT_LLM_MODEL = 'qwen2.5:3b';
const DEFAULT_TIMEOUT_MS = 20_000;

/**
 * A summary of the ranking written by an LLM (LangChain's ChatOpenAI against any OpenAI-compatible
 * endpoint, structured output by function calling, validated with zod), with everything sent redacted.
 * Falls back to the deterministic summary when no LLM is configured, or when it fails, times out or
 * answers something invalid; never throws.
 */
export async function summarizeRanking(
  ranking: RankingResult,
  reportMarkdown: string,
  options: LlmOptions = {},
): Promise<RcaSummary> {
  const fallback = (reason: string): RcaSummary => ({
    summary: deterministicSummary(ranking),
    summarySource: 'deterministic',
    fallbackReason: reason,
  });
  if (!options.baseUrl) return fallback('no LLM configured (no base URL)');
  const model = options.model ?? DEFAULT_LLM_MODEL;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const chat = new ChatOpenAI({
    model,
    // Local servers (Ollama, vLLM) take any key, but the client insists on one.
    apiKey: options.apiKey || 'not-needed',
    configuration: { baseURL: options.baseUrl },
    timeout: timeoutMs,
    maxRetries: 0,
    temperature: 0,
  });
  const structured = chat.withStructuredOutput(LlmSummarySchema, {
    method: 'functionCalling',
    name: 'summarize_incident',
  });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const answer = await structured.invoke(
      [
        ['system', redact(SYSTEM_PROMPT)],
        ['human', buildUserPrompt(ranking, reportMarkdown)],
      ],
      { signal: controller.signal },
    );
    const parsed = LlmSummarySchema.safeParse(answer);
    if (!parsed.success) return fallback(`invalid LLM answer: ${redact(parsed.error.message).slice(0, 300)}`);
    const allowed = new Set(['unknown', ...ranking.candidates.map((c) => entityLabel(c.resource))]);
    if (!allowed.has(parsed.data.rootCause)) {
      return fallback(
        `invalid LLM answer: root cause "${redact(parsed.data.rootCause).slice(0, 100)}" is not a candidate`,
      );
    }
    return { summary: parsed.data.summary, summarySource: 'llm', llm: parsed.data, model };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (isParsingFailure(error)) return fallback(`invalid LLM answer: ${redact(message).slice(0, 300)}`);
    // Whichever fires first, our abort or the client's own timeout, it is a timeout.
    if (controller.signal.aborted || /timed out|timeout/i.test(message)) {
      return fallback(`LLM timed out after ${timeoutMs} ms`);
    }
    return fallback(`LLM call failed: ${redact(message).slice(0, 300)}`);
  } finally {
    clearTimeout(timer);
  }
}

/** LangChain marks answers its output parser rejected (bad JSON, schema mismatch) with this code. */
function isParsingFailure(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { lc_error_code?: unknown }).lc_error_code === 'OUTPUT_PARSING_FAILURE'
  );
}
