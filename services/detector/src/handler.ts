import type { Incident } from '@aiops/contracts';
import { correlateSeries, detectAnomalies, type LabeledSeries } from '@aiops/detection';
import { MetricsQueryError, type MetricsSource, MetricsUnavailableError, templatesFor } from '@aiops/metrics';
import { type DetectionEnv, incidentWindow, type StageHandler } from '@aiops/runtime';

/** Reads the target's metrics from the templates; a template whose metric does not exist is skipped. */
export async function readTargetSeries(
  incident: Incident,
  source: MetricsSource,
  window: { start: number; end: number },
  stepSeconds: number,
): Promise<LabeledSeries[]> {
  const series: LabeledSeries[] = [];
  for (const template of templatesFor(incident.target)) {
    try {
      const answer = await source.queryRange(template.query, window.start, window.end, stepSeconds);
      for (const s of answer)
        series.push({ metric: template.id, labels: s.labels, timestamps: s.timestamps, values: s.values });
    } catch (error) {
      if (!(error instanceof MetricsQueryError)) throw error;
    }
  }
  return series;
}

/**
 * The detect stage: the metrics related to the incident's target, around the alert, through the ensemble.
 * When the metrics source is down the incident moves on with that fact recorded.
 */
export function createDetectHandler(env: DetectionEnv, source: MetricsSource): StageHandler {
  return async ({ incident }) => {
    const window = incidentWindow(incident, env.DETECT_WINDOW_MINUTES);
    const detection = {
      source: source.describe(),
      windowStart: new Date(window.start).toISOString(),
      windowEnd: new Date(window.end).toISOString(),
    };
    let series: LabeledSeries[];
    try {
      series = await readTargetSeries(incident, source, window, env.DETECT_STEP_SECONDS);
    } catch (error) {
      if (!(error instanceof MetricsUnavailableError)) throw error;
      return {
        message: `metrics unavailable (${error.message}); moving on without anomalies`,
        status: 'detected',
        slots: {
          detection: { ...detection, available: false, error: error.message, seriesScored: 0 },
          anomalies: [],
          correlations: [],
        },
      };
    }
    const anomalies = detectAnomalies(series, { threshold: env.RCA_ANOMALY_THRESHOLD });
    const correlations = correlateSeries(series);
    return {
      message: `${anomalies.length} anomal${anomalies.length === 1 ? 'y' : 'ies'} in ${series.length} series`,
      status: 'detected',
      slots: {
        detection: { ...detection, available: true, seriesScored: series.length },
        anomalies,
        correlations,
      },
    };
  };
}
