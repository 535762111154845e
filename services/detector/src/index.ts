export { createDetectHandler, readTargetSeries } from './handler';
