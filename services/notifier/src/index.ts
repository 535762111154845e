export { createNotifyHandler } from './handler';
export { startManualNotifyWorker } from './manual-worker';
