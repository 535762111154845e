/** Quotes a label value as a PromQL string literal, so that values taken from alerts cannot break out of it. */
export function quoteLabelValue(value: string): string {
  const escaped = value
    .replaceAll('\\', '\\\\')
    .replaceAll('"', '\\"')
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r')
    .replaceAll('\t', '\\t');
  return `"${escaped}"`;
}

/** Escapes every RE2 metacharacter, so that a name is matched literally inside a regular expression. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export const isMetricName = (name: string): boolean => METRIC_NAME.test(name);
export const isLabelName = (name: string): boolean => LABEL_NAME.test(name);
