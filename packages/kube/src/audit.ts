import { type ActionRecord, ActionRecordSchema } from '@aiops/contracts';
import type { Redis } from '@aiops/runtime';

const KEEP = 10_000;

/** Every action the fixer took or refused, newest first, kept in Redis and readable through the API. */
export class AuditLog {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private all = () => `${this.prefix}:audit`;
  private byTarget = (namespace: string, name: string) => `${this.prefix}:audit:${namespace}/${name}`;

  async record(action: ActionRecord): Promise<void> {
    const text = JSON.stringify(ActionRecordSchema.parse(action));
    const target = this.byTarget(action.target.namespace ?? '', action.target.name);
    await this.redis
      .multi()
      .lpush(this.all(), text)
      .ltrim(this.all(), 0, KEEP - 1)
      .lpush(target, text)
      .ltrim(target, 0, KEEP - 1)
      .exec();
  }

  async list(filter: { namespace?: string; deployment?: string; limit: number }): Promise<ActionRecord[]> {
    const key =
      filter.namespace && filter.deployment ? this.byTarget(filter.namespace, filter.deployment) : this.all();
    const rows = await this.redis.lrange(key, 0, KEEP - 1);
    return rows
      .map((r) => ActionRecordSchema.parse(JSON.parse(r)))
      .filter((a) => !filter.namespace || a.target.namespace === filter.namespace)
      .filter((a) => !filter.deployment || a.target.name === filter.deployment)
      .slice(0, filter.limit);
  }
}
