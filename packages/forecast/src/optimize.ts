export interface MinimizeOptions {
  /** Initial simplex edge along each coordinate (default 0.5). */
  step?: number;
  /** Most objective evaluations (default 400). */
  maxEvaluations?: number;
  /** Stop when the simplex's values differ by less than this, relative to the best (default 1e-7). */
  tolerance?: number;
}

export interface Minimum {
  point: number[];
  value: number;
  evaluations: number;
}

/**
 * Nelder–Mead simplex minimisation: derivative-free and deterministic (same start, same answer), which is
 * what fitting a handful of smoothing parameters needs. Non-finite objective values count as +Infinity.
 */
export function minimize(
  objective: (point: number[]) => number,
  start: number[],
  options: MinimizeOptions = {},
): Minimum {
  const step = options.step ?? 0.5;
  const maxEvaluations = options.maxEvaluations ?? 400;
  const tolerance = options.tolerance ?? 1e-7;
  const dimensions = start.length;
  let evaluations = 0;
  const evaluate = (point: number[]) => {
    evaluations++;
    const value = objective(point);
    return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
  };
  const simplex = [start, ...start.map((_, axis) => start.map((x, i) => (i === axis ? x + step : x)))].map(
    (point) => ({ point, value: evaluate(point) }),
  );
  const combine = (a: number[], b: number[], weight: number) => a.map((x, i) => x + weight * (b[i]! - x));
  while (evaluations < maxEvaluations) {
    simplex.sort((a, b) => a.value - b.value);
    const best = simplex[0]!;
    const worst = simplex[dimensions]!;
    const spread = worst.value - best.value;
    if (Number.isFinite(spread) && spread <= tolerance * (Math.abs(best.value) + 1e-12)) break;
    const centroid = new Array<number>(dimensions).fill(0);
    for (let v = 0; v < dimensions; v++) {
      for (let i = 0; i < dimensions; i++) centroid[i]! += simplex[v]!.point[i]! / dimensions;
    }
    const reflected = combine(centroid, worst.point, -1);
    const reflectedValue = evaluate(reflected);
    if (reflectedValue < best.value) {
      const expanded = combine(centroid, worst.point, -2);
      const expandedValue = evaluate(expanded);
      simplex[dimensions] =
        expandedValue < reflectedValue
          ? { point: expanded, value: expandedValue }
          : { point: reflected, value: reflectedValue };
    } else if (reflectedValue < simplex[dimensions - 1]!.value) {
      simplex[dimensions] = { point: reflected, value: reflectedValue };
    } else {
      const outside = reflectedValue < worst.value;
      const contracted = combine(centroid, outside ? reflected : worst.point, 0.5);
      const contractedValue = evaluate(contracted);
      if (contractedValue < Math.min(reflectedValue, worst.value)) {
        simplex[dimensions] = { point: contracted, value: contractedValue };
      } else {
        for (let v = 1; v <= dimensions; v++) {
          const point = combine(best.point, simplex[v]!.point, 0.5);
          simplex[v] = { point, value: evaluate(point) };
        }
      }
    }
  }
  simplex.sort((a, b) => a.value - b.value);
  return { point: simplex[0]!.point, value: simplex[0]!.value, evaluations };
}
