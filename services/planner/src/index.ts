export { createPlanHandler, llmOptions } from './handler';
