import type { AlertmanagerWebhook, Incident } from '@aiops/contracts';
import type { Queues } from '../queues';
import type { IncidentStore } from './incident-store';
import { type IntakeOutcome, intakeWebhooks } from './intake';

interface Pending {
  webhook: AlertmanagerWebhook;
  resolve(outcomes: IntakeOutcome[]): void;
  reject(error: unknown): void;
}

/**
 * Takes the webhooks that arrive in one turn of the event loop through intake together: two round trips for
 * the lot instead of two each, which is most of what a webhook costs the ingress. Each caller still gets
 * its own outcomes, or the error when the batch could not be stored (nothing is half-acknowledged: a
 * webhook answered 5xx is retried by Alertmanager, and intake is idempotent).
 */
export class IntakeBatcher {
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly store: IncidentStore,
    private readonly queues: Queues,
    private readonly maxBatch = 128,
    private readonly source: Incident['source'] = 'alertmanager',
  ) {}

  submit(webhook: AlertmanagerWebhook): Promise<IntakeOutcome[]> {
    return new Promise((resolve, reject) => {
      this.pending.push({ webhook, resolve, reject });
      if (this.pending.length >= this.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    intakeWebhooks(
      batch.map((p) => p.webhook),
      this.store,
      this.queues,
      new Date(),
      this.source,
    ).then(
      (outcomes) => {
        for (const [i, p] of batch.entries()) p.resolve(outcomes[i] ?? []);
      },
      (error: unknown) => {
        for (const p of batch) p.reject(error);
      },
    );
  }
}
