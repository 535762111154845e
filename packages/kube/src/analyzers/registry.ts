import type { Analyzer } from './analyzer';
import { crashLoop } from './crash-loop';
import { imagePullFailure } from './image-pull-failure';
import { livenessKillsSlowStart } from './liveness-kills-slow-start';
import { missingEnv } from './missing-env';
import { missingReadinessProbe } from './missing-readiness-probe';
import { oomKilled } from './oom-killed';
import { probePathNotFound } from './probe-path-not-found';
import { probeTooAggressive } from './probe-too-aggressive';
import { resourcesUnschedulable } from './resources-unschedulable';

/** Every analyzer; adding one is adding a file and a line here. */
export const ANALYZERS: Analyzer[] = [
  resourcesUnschedulable,
  imagePullFailure,
  missingEnv,
  oomKilled,
  crashLoop,
  livenessKillsSlowStart,
  probePathNotFound,
  probeTooAggressive,
  missingReadinessProbe,
];
