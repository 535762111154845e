export { createDetectHandler, detectionWindow, readTargetSeries } from './handler';
