export { createPlanHandler } from './handler';
