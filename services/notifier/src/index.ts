export { createNotifyHandler } from './handler';
