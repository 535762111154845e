import { changeRecencyScorer } from './change-recency';
import { kubernetesEvidenceScorer } from './kubernetes-evidence';
import { magnitudeScorer } from './magnitude';
import { onsetOrderScorer } from './onset-order';
import { propagationScorer } from './propagation';
import type { Scorer } from './scorer';

/** Every scorer the ranking combines; adding one is a file and a line here. */
export const SCORERS: readonly Scorer[] = [
  onsetOrderScorer,
  magnitudeScorer,
  propagationScorer,
  kubernetesEvidenceScorer,
  changeRecencyScorer,
];
