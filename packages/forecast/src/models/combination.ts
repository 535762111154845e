import { ModelNotApplicableError } from '../errors';
import type { Series } from '../series';
import { holtWintersAdditive } from './holt-winters-additive';
import { holtWintersMultiplicative } from './holt-winters-multiplicative';
import { calibratedModel, type FitContext, type ForecastModel, type ModelCore } from './model';
import { timeFeatureRegression } from './time-feature-regression';

/** Holt–Winters to pair with the regression: multiplicative where it applies, else additive. */
function holtWintersCore(series: Series, context: FitContext): ModelCore {
  try {
    return holtWintersMultiplicative.fitCore(series, context);
  } catch (error) {
    if (!(error instanceof ModelNotApplicableError)) throw error;
    return holtWintersAdditive.fitCore(series, context);
  }
}

/**
 * The average of the time-feature regression and Holt–Winters forecasts. The two err differently (a
 * profile averaged over weeks against states that follow the last days), so their mean beats either
 * alone on most demand series; its intervals are calibrated on its own replayed errors like any model's.
 */
export const combination: ForecastModel = {
  name: 'combination',
  fitCore(series, context) {
    const members = [timeFeatureRegression.fitCore(series, context), holtWintersCore(series, context)];
    const average = (forecasts: Float64Array[]) =>
      forecasts[0]!.map(
        (_, step) => forecasts.reduce((sum, forecast) => sum + forecast[step]!, 0) / forecasts.length,
      );
    const parameters: Record<string, number> = {};
    for (const member of members) {
      for (const [key, value] of Object.entries(member.parameters))
        parameters[`${member.name}.${key}`] = value;
    }
    return {
      name: 'combination',
      parameters,
      scale: 'absolute',
      warmup: Math.max(...members.map((member) => member.warmup)),
      forecastMeans: (horizon) => average(members.map((member) => member.forecastMeans(horizon))),
      forecastsFrom: (origins, horizon) => {
        const byMember = members.map((member) => member.forecastsFrom(origins, horizon));
        return origins.map((_, o) => average(byMember.map((forecasts) => forecasts[o]!)));
      },
    };
  },
  fit: (series, context) => calibratedModel(combination.fitCore(series, context), series, context),
};
