import { z } from 'zod';
import { parseSampleValue } from './sample-value';
import type { Series } from './series';

/** Prometheus' envelope for every /api/v1 answer. */
export const ApiResponseSchema = z.union([
  z.object({ status: z.literal('success'), data: z.unknown() }),
  z.object({ status: z.literal('error'), errorType: z.string(), error: z.string() }),
]);

const SampleSchema = z.tuple([z.number(), z.string()]);
const LabelsSchema = z.record(z.string(), z.string());

export const QueryDataSchema = z.discriminatedUnion('resultType', [
  z.object({
    resultType: z.literal('matrix'),
    result: z.array(z.object({ metric: LabelsSchema, values: z.array(SampleSchema).default([]) })),
  }),
  z.object({
    resultType: z.literal('vector'),
    result: z.array(z.object({ metric: LabelsSchema, value: SampleSchema.optional() })),
  }),
  z.object({ resultType: z.literal('scalar'), result: SampleSchema }),
  z.object({ resultType: z.literal('string'), result: SampleSchema }),
]);
export type QueryData = z.infer<typeof QueryDataSchema>;

export const BuildInfoSchema = z.object({
  version: z.string(),
  revision: z.string(),
  branch: z.string(),
  buildUser: z.string(),
  buildDate: z.string(),
  goVersion: z.string(),
});
export type BuildInfo = z.infer<typeof BuildInfoSchema>;

/** Turns any query answer into series: a vector's samples and a scalar become one-point series. */
export function toSeries(data: QueryData): Series[] {
  switch (data.resultType) {
    case 'matrix':
      return data.result.map((r) => fromSamples(r.metric, r.values));
    case 'vector':
      return data.result.map((r) => fromSamples(r.metric, r.value ? [r.value] : []));
    case 'scalar':
      return [fromSamples({}, [data.result])];
    case 'string':
      throw new TypeError('a string result has no numeric series');
  }
}

function fromSamples(labels: Record<string, string>, samples: [number, string][]): Series {
  const timestamps: number[] = [];
  const values: number[] = [];
  for (const [seconds, text] of samples) {
    const value = parseSampleValue(text);
    if (value === undefined) throw new TypeError(`sample value "${text}" is not a number`);
    timestamps.push(Math.round(seconds * 1000));
    values.push(value);
  }
  return { labels, timestamps, values };
}
