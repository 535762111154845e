export { createFixHandler } from './handler';
