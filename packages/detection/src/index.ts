export { type AlarmStreamOptions, createAlarmStream } from './alarm-stream';
export {
  DEFAULT_ANOMALY_THRESHOLD,
  type DetectAnomaliesOptions,
  detectAnomalies,
  MIN_SERIES_POINTS,
} from './anomalies';
export { deviationStream, scoreToSigma, sigmaToScore } from './calibration';
export { type ChangePoint, type Segmentation, segmentLevels } from './change-points';
export {
  type CorrelateOptions,
  correlateSeries,
  type LaggedCorrelation,
  laggedCorrelation,
  pearson,
  spearman,
} from './correlation';
export type { Detector, DetectorStream, StreamScorer } from './detector';
export { detectors, findDetector } from './detectors/registry';
export {
  combineScores,
  createEnsembleStream,
  type EnsembleBatchResult,
  type EnsembleStream,
  ensembleDetector,
  scoreEnsembleBatch,
} from './ensemble';
export { IsolationForest, type IsolationForestOptions } from './isolation-forest';
export { AnomalyLikelihood, type AnomalyLikelihoodOptions } from './likelihood';
export { type NabCorpus, type NabDataFile, readNabCorpus } from './nab/corpus';
export { NAB_PROFILES, type NabProfile, type NabProfileName } from './nab/profiles';
export { formatNabReport } from './nab/report';
export { readNabResults, writeNabResult } from './nab/results';
export { runNab, streamFile } from './nab/runner';
export {
  type NabReport,
  type NabScoredFile,
  type NabScoreOptions,
  normaliseNabScore,
  scoreNabCorpus,
} from './nab/scorer';
export { detectPeriod, removeSeason } from './seasonality';
export type { LabeledSeries } from './series';
