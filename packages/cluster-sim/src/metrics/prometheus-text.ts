/** Prometheus text exposition format (version 0.0.4): metric families with HELP, TYPE and samples. */

export type Labels = Record<string, string>;

export class MetricsText {
  private readonly families = new Map<string, { help: string; type: string; samples: string[] }>();

  family(name: string, type: 'counter' | 'gauge' | 'histogram', help: string): void {
    if (!this.families.has(name)) this.families.set(name, { help, type, samples: [] });
  }

  /** Adds a sample to the family `family` (a histogram's _bucket/_sum/_count go to their family). */
  sample(family: string, name: string, labels: Labels, value: number): void {
    const target = this.families.get(family);
    if (!target) throw new Error(`metric family ${family} is not declared`);
    const rendered = Object.entries(labels)
      .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
      .join(',');
    target.samples.push(`${name}${rendered ? `{${rendered}}` : ''} ${formatValue(value)}`);
  }

  toString(): string {
    const out: string[] = [];
    for (const [name, family] of this.families) {
      out.push(`# HELP ${name} ${family.help}`, `# TYPE ${name} ${family.type}`, ...family.samples);
    }
    return `${out.join('\n')}\n`;
  }
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
}
