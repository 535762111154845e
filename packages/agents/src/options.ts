import type { Cluster, FixPolicy } from '@aiops/kube';
import type { RunbookIndex } from './runbooks/runbook-index';
import type { SandboxLimits } from './sandbox/sandbox';
import type { WorkflowSubject } from './subject';

/** An OpenAI-compatible chat endpoint (OpenAI, Ollama, vLLM, ...). */
export interface LlmOptions {
  /** Base URL of the API, usually ending in /v1. */
  baseUrl: string;
  /** Default `qwen2.5:3b`, as in the seed. */
  model?: string;
  apiKey?: string;
  /** Time one model request may take; default 30 s. */
  timeoutMs?: number;
  /** Retries of a failed request (HTTP 5xx, 429, network); default 1. */
  maxRetries?: number;
  /** Time the whole LLM workflow may take before the deterministic plan replaces it; default 120 s. */
  maxDurationMs?: number;
}

export const LLM_DEFAULTS = { model: 'qwen2.5:3b', timeoutMs: 30_000, maxRetries: 1, maxDurationMs: 120_000 };

/** One metric series of the incident, as the metrics package returns them. */
export interface MetricSeries {
  metric: string;
  labels: Record<string, string>;
  /** Unix milliseconds, ascending. */
  timestamps: number[];
  values: number[];
}

/** What a run reads: the cluster (read-only here), the policy, the incident's metrics, the runbooks. */
export interface WorkflowDeps {
  cluster: Cluster;
  policy: FixPolicy;
  /** The incident's metric series for the coder agent; may return []. */
  series?(subject: WorkflowSubject): Promise<MetricSeries[]>;
  /** Default: the runbooks kept in this package. */
  runbooks?: RunbookIndex;
  /** Default: 32 MB, 1 s, 16 000 characters of result. */
  sandbox?: SandboxLimits;
}
