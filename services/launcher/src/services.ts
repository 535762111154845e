import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVICES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ServiceSpec {
  name: string;
  entry: string;
}

const service = (name: string): ServiceSpec => ({ name, entry: join(SERVICES_DIR, name, 'src', 'main.ts') });

/** The ingress and one worker per stage, each its own process as in production. */
export const PIPELINE_SERVICES: ServiceSpec[] = [
  'ingress',
  'detector',
  'analyzer',
  'planner',
  'fixer',
  'notifier',
].map(service);

/** What `pnpm start` runs: the pipeline and the scheduler (load forecasts, capacity incidents). */
export const ALL_SERVICES: ServiceSpec[] = [...PIPELINE_SERVICES, service('scheduler')];
