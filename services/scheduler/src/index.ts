export { SchedulerEnvSchema } from './env';
export { currentPredictionKey } from './worker';
