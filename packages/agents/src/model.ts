import { ChatOpenAI } from '@langchain/openai';
import { LLM_DEFAULTS, type LlmOptions } from './options';

export type ResolvedLlmOptions = Required<Omit<LlmOptions, 'apiKey'>> & { apiKey?: string };

export function resolveLlmOptions(llm: LlmOptions): ResolvedLlmOptions {
  return {
    baseUrl: llm.baseUrl,
    apiKey: llm.apiKey,
    model: llm.model ?? LLM_DEFAULTS.model,
    timeoutMs: llm.timeoutMs ?? LLM_DEFAULTS.timeoutMs,
    maxRetries: llm.maxRetries ?? LLM_DEFAULTS.maxRetries,
    maxDurationMs: llm.maxDurationMs ?? LLM_DEFAULTS.maxDurationMs,
  };
}

/** A chat model on any OpenAI-compatible endpoint (Ollama and vLLM need no key; the client wants one anyway). */
export function createChatModel(llm: ResolvedLlmOptions): ChatOpenAI {
  return new ChatOpenAI({
    model: llm.model,
    apiKey: llm.apiKey || 'not-needed',
    configuration: { baseURL: llm.baseUrl },
    timeout: llm.timeoutMs,
    maxRetries: llm.maxRetries,
    temperature: 0,
  });
}
