export { createAnalyzeHandler } from './handler';
