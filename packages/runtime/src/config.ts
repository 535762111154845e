import { z } from 'zod';

/** A bad or missing environment variable: the message names each one, so the operator can fix it at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment with a zod object schema whose keys are variable names. */
export function loadConfig<S extends z.ZodObject>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const known = Object.fromEntries(
    Object.keys(schema.shape).map((name) => [name, env[name] === '' ? undefined : env[name]]),
  );
  const parsed = schema.safeParse(known);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    parsed.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      const value = known[name];
      const shown = value === undefined ? 'unset' : `"${value}"`;
      return `${name} (${shown}): ${issue.message}`;
    }),
  );
}

/** Environment booleans as operators write them. */
export const envBoolean = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], {
      error: 'must be true or false',
    })
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes', 'on'].includes(v)));

export const envInt = (fallback: number, min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(fallback);

export const envNumber = (fallback: number, min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(fallback);

export const envUrl = (protocols: string[]) =>
  z.url({ error: 'must be a URL' }).refine((u) => protocols.includes(new URL(u).protocol.replace(':', '')), {
    message: `must be a ${protocols.join(' or ')} URL`,
  });

/** What every process of the pipeline needs. */
export const RuntimeEnvSchema = z.object({
  REDIS_URL: envUrl(['redis', 'rediss']).default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'only letters, digits, "_" and "-"')
    .default('aiops'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  STAGE_ATTEMPTS: envInt(3, 1, 20),
  STAGE_BACKOFF_MS: envInt(2000, 10, 600_000),
  WORKER_CONCURRENCY: envInt(4, 1, 256),
  WORKER_LOCK_MS: envInt(30_000, 1000, 600_000),
  SHUTDOWN_TIMEOUT_MS: envInt(60_000, 1000, 3_600_000),
});
export type RuntimeEnv = z.infer<typeof RuntimeEnvSchema>;

/** An OpenAI-compatible endpoint (Ollama, vLLM, OpenAI); unset LLM_BASE_URL means no LLM: deterministic paths only. */
export const LlmEnvSchema = z.object({
  LLM_BASE_URL: envUrl(['http', 'https']).optional(),
  LLM_MODEL: z.string().min(1).default('qwen2.5:3b'),
  LLM_API_KEY: z.string().optional(),
  LLM_TIMEOUT_MS: envInt(30_000, 1000, 600_000),
});
export type LlmEnv = z.infer<typeof LlmEnvSchema>;

/** How detection reads an incident's metrics and what it calls anomalous. */
export const DetectionEnvSchema = z.object({
  /** Ensemble score at or above which a metric is anomalous (the seed's default). */
  RCA_ANOMALY_THRESHOLD: envNumber(0.65, 0, 1),
  /** Metrics read from this long before the alert started, up to now (at most 24 h in all). */
  DETECT_WINDOW_MINUTES: envInt(60, 5, 1440),
  DETECT_STEP_SECONDS: envInt(15, 1, 3600),
});
export type DetectionEnv = z.infer<typeof DetectionEnvSchema>;

/** The LLM options the rca and agents packages take, or undefined when no LLM is configured. */
export function llmOptionsFromEnv(
  env: LlmEnv,
): { baseUrl: string; model: string; apiKey?: string; timeoutMs: number } | undefined {
  return env.LLM_BASE_URL
    ? {
        baseUrl: env.LLM_BASE_URL,
        model: env.LLM_MODEL,
        apiKey: env.LLM_API_KEY,
        timeoutMs: env.LLM_TIMEOUT_MS,
      }
    : undefined;
}
