import { describe, expect, it } from 'vitest';
import { createAlarmStream } from '../src/alarm-stream';
import type { StreamScorer } from '../src/detector';
import { detectors } from '../src/detectors/registry';
import { createEnsembleStream } from '../src/ensemble';
import { gaussianNoise, noisySine, timeline } from './fixtures';

const LENGTH = 900;
const CUT = 600;
const timestamps = timeline(LENGTH, 300_000);
const original = noisySine(LENGTH, 288, 2, 31);
/** Same past, a different future: a spike, a step and noise after CUT. */
const noise = gaussianNoise(32);
const altered = original.map((v, i) => (i < CUT ? v : v + 40 + 10 * noise() + (i === CUT + 5 ? 300 : 0)));

function run(createStream: () => StreamScorer, values: number[]): number[] {
  const stream = createStream();
  return values.map((v, i) => stream.update(v, timestamps[i]!));
}

const streams: Array<[string, () => StreamScorer]> = [
  ...detectors.map((detector): [string, () => StreamScorer] => [
    detector.name,
    () => detector.createStream(),
  ]),
  ['ensemble', () => createEnsembleStream()],
  ['alarm stream (NAB)', () => createAlarmStream()],
];

describe.each(streams)('%s streaming', (_name, createStream) => {
  it('scores each point from the past alone: appending or altering later points changes nothing before them', () => {
    const full = run(createStream, original);
    const truncated = run(createStream, original.slice(0, CUT));
    const changed = run(createStream, altered);
    expect(truncated).toEqual(full.slice(0, CUT));
    expect(changed.slice(0, CUT)).toEqual(full.slice(0, CUT));
    // The future did change something, so the comparison above is not vacuous.
    expect(changed.slice(CUT)).not.toEqual(full.slice(CUT));
  });

  it('is reproducible: two fresh streams give identical scores', () => {
    expect(run(createStream, altered)).toEqual(run(createStream, altered));
  });
});
