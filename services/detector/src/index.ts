export { createDetectHandler } from './handler';
