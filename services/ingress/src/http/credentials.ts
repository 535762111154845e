import { randomBytes } from 'node:crypto';
import type { Logger } from '@aiops/runtime';
import type { IngressEnv } from '../env';

export interface Credentials {
  webhookToken: string;
  webhookBasic?: { user: string; password: string };
  apiToken: string;
  /** When set, the endpoints that read need it (or the API token); unset, they are open, as the seed's were. */
  readToken?: string;
  dashboard: { user: string; password: string };
}

/**
 * Every endpoint that acts needs credentials. A secret left unset is generated for this process and printed
 * once, so a first start is safe rather than open; replicas need them set explicitly to agree.
 */
export function resolveCredentials(env: IngressEnv, log: Logger): Credentials {
  const generated: string[] = [];
  const orGenerate = (value: string | undefined, name: string) => {
    if (value) return value;
    const made = randomBytes(18).toString('base64url');
    generated.push(`${name}=${made}`);
    return made;
  };
  if (Boolean(env.WEBHOOK_BASIC_USER) !== Boolean(env.WEBHOOK_BASIC_PASSWORD)) {
    throw new Error('WEBHOOK_BASIC_USER and WEBHOOK_BASIC_PASSWORD must be set together');
  }
  const credentials: Credentials = {
    webhookToken: orGenerate(env.WEBHOOK_TOKEN, 'WEBHOOK_TOKEN'),
    webhookBasic:
      env.WEBHOOK_BASIC_USER && env.WEBHOOK_BASIC_PASSWORD
        ? { user: env.WEBHOOK_BASIC_USER, password: env.WEBHOOK_BASIC_PASSWORD }
        : undefined,
    apiToken: orGenerate(env.API_TOKEN, 'API_TOKEN'),
    readToken: env.READ_TOKEN,
    dashboard: {
      user: env.DASHBOARD_USER,
      password: orGenerate(env.DASHBOARD_PASSWORD, 'DASHBOARD_PASSWORD'),
    },
  };
  if (generated.length > 0) {
    log.warn({ variables: generated.map((g) => g.split('=')[0]) }, 'secrets not set: generated for this run');
    process.stderr.write(
      `Generated for this run (set them in the environment to keep them):\n  ${generated.join('\n  ')}\n`,
    );
  }
  return credentials;
}
