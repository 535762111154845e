import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVICES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ServiceSpec {
  name: string;
  entry: string;
}

/** The services `pnpm start` runs: the ingress and one worker per stage, each its own process as in production. */
export const PIPELINE_SERVICES: ServiceSpec[] = [
  'ingress',
  'detector',
  'analyzer',
  'planner',
  'fixer',
  'notifier',
].map((name) => ({ name, entry: join(SERVICES_DIR, name, 'src', 'main.ts') }));
