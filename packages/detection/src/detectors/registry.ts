import type { Detector } from '../detector';
import { changePointDetector } from './change-point';
import { dbscanDetector } from './dbscan';
import { iqrDetector } from './iqr';
import { isolationForestDetector } from './isolation-forest';
import { levelShiftDetector } from './level-shift';
import { robustZScoreDetector } from './robust-zscore';
import { seasonalResidualDetector } from './seasonal-residual';
import { zScoreDetector } from './zscore';

/** Every detector, in the order reports list them. Adding a detector: one file and one line here. */
export const detectors: readonly Detector[] = [
  zScoreDetector,
  robustZScoreDetector,
  iqrDetector,
  isolationForestDetector,
  dbscanDetector,
  changePointDetector,
  levelShiftDetector,
  seasonalResidualDetector,
];

export function findDetector(name: string): Detector | undefined {
  return detectors.find((detector) => detector.name === name);
}
