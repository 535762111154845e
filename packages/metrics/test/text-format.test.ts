import { describe, expect, it } from 'vitest';
import { parseTextFormat, TextFormatError } from '../src/embedded/text-format';

describe('parseTextFormat', () => {
  it('reads samples with labels, escapes, timestamps and special values', () => {
    const text = [
      '# HELP http_requests_total The total number of HTTP requests.',
      '# TYPE http_requests_total counter',
      'http_requests_total{method="post",code="200"} 1027 1395066363000',
      'msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9',
      'metric_without_timestamp_and_labels 12.47',
      'something_weird{problem="division by zero"} +Inf -3982045',
      'minus_infinity -Inf',
      'not_a_number NaN',
      'spaced { a = "1" , b="2", } 3',
      'empty_label{a="",b="x"} 4',
      '',
    ].join('\n');
    expect(parseTextFormat(text)).toEqual([
      {
        labels: { __name__: 'http_requests_total', method: 'post', code: '200' },
        value: 1027,
        timestampMs: 1395066363000,
      },
      {
        labels: {
          __name__: 'msdos_file_access_time_seconds',
          path: 'C:\\DIR\\FILE.TXT',
          error: 'Cannot find file:\n"FILE.TXT"',
        },
        value: 1.458255915e9,
      },
      { labels: { __name__: 'metric_without_timestamp_and_labels' }, value: 12.47 },
      {
        labels: { __name__: 'something_weird', problem: 'division by zero' },
        value: Number.POSITIVE_INFINITY,
        timestampMs: -3982045,
      },
      { labels: { __name__: 'minus_infinity' }, value: Number.NEGATIVE_INFINITY },
      { labels: { __name__: 'not_a_number' }, value: Number.NaN },
      { labels: { __name__: 'spaced', a: '1', b: '2' }, value: 3 },
      { labels: { __name__: 'empty_label', b: 'x' }, value: 4 },
    ]);
  });

  it('keeps each labelled histogram series apart', () => {
    const text = [
      '# TYPE h histogram',
      'h_bucket{pod="a",le="1"} 1',
      'h_bucket{pod="a",le="+Inf"} 2',
      'h_sum{pod="a"} 3',
      'h_count{pod="a"} 2',
      'h_bucket{pod="b",le="1"} 5',
      'h_bucket{pod="b",le="+Inf"} 7',
    ].join('\n');
    expect(parseTextFormat(text).map((s) => [s.labels, s.value])).toEqual([
      [{ __name__: 'h_bucket', pod: 'a', le: '1' }, 1],
      [{ __name__: 'h_bucket', pod: 'a', le: '+Inf' }, 2],
      [{ __name__: 'h_sum', pod: 'a' }, 3],
      [{ __name__: 'h_count', pod: 'a' }, 2],
      [{ __name__: 'h_bucket', pod: 'b', le: '1' }, 5],
      [{ __name__: 'h_bucket', pod: 'b', le: '+Inf' }, 7],
    ]);
  });

  it('ignores OpenMetrics exemplars and CRLF line ends', () => {
    expect(parseTextFormat('a_total{x="1"} 5 # {trace_id="abc"} 1 1\r\n')).toEqual([
      { labels: { __name__: 'a_total', x: '1' }, value: 5 },
    ]);
  });

  it.each([
    ['metric', 'expected a sample value'],
    ['metric abc', 'expected a sample value'],
    ['metric{a="1" 1', 'expected "," or "}"'],
    ['metric{a="1} 1', 'unterminated value'],
    ['metric{a=1} 1', 'expected a quoted value'],
    ['metric{a="\\x"} 1', 'bad escape'],
    ['metric{a="1",a="2"} 1', 'appears twice'],
    ['metric 1 2 3', 'unexpected text'],
    ['metric 1 1.5', 'whole milliseconds'],
    ['9metric 1', 'expected a name'],
  ])('refuses %s', (line, message) => {
    const parse = () => parseTextFormat(`ok 1\n${line}\n`);
    expect(parse).toThrow(TextFormatError);
    expect(parse).toThrow(message);
    expect(parse).toThrow(/^line 2:/);
  });
});
