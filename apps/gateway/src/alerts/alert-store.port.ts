import { alertTopicIds, type Alert, type AlertKind } from '@pulse/contracts';

export interface AlertListQuery {
  topicIds?: readonly string[];
  kinds?: readonly AlertKind[];
  since?: string;
  limit: number;
}

/** Where raised alerts are kept, so the alerts query survives restarts and sees every replica's alerts. */
export interface AlertStore {
  /** Inserts the alerts not stored yet and returns those (same id = same alert). */
  saveNew(alerts: readonly Alert[]): Promise<Alert[]>;
  /** Newest first. */
  list(query: AlertListQuery): Promise<Alert[]>;
  /** Retention: alerts raised before the cutoff. */
  deleteBefore(cutoff: string): Promise<number>;
}

/** For unit tests and tools without a database; bounded like a ring. */
export class MemoryAlertStore implements AlertStore {
  private readonly alerts: Alert[] = [];

  constructor(private readonly capacity = 500) {}

  async saveNew(alerts: readonly Alert[]): Promise<Alert[]> {
    const fresh: Alert[] = [];
    for (const alert of alerts) {
      if (this.alerts.some((known) => known.id === alert.id) || fresh.some((f) => f.id === alert.id)) continue;
      fresh.push(alert);
    }
    this.alerts.push(...fresh);
    if (this.alerts.length > this.capacity) this.alerts.splice(0, this.alerts.length - this.capacity);
    return fresh;
  }

  async deleteBefore(cutoff: string): Promise<number> {
    const before = this.alerts.length;
    const limit = Date.parse(cutoff);
    for (let i = this.alerts.length - 1; i >= 0; i--) if (Date.parse(this.alerts[i]!.raisedAt) < limit) this.alerts.splice(i, 1);
    return before - this.alerts.length;
  }

  async list(query: AlertListQuery): Promise<Alert[]> {
    const since = query.since ? Date.parse(query.since) : undefined;
    const topics = query.topicIds && query.topicIds.length > 0 ? new Set(query.topicIds) : undefined;
    const out: Alert[] = [];
    for (let i = this.alerts.length - 1; i >= 0 && out.length < query.limit; i--) {
      const alert = this.alerts[i]!;
      if (since !== undefined && Date.parse(alert.raisedAt) < since) continue;
      if (query.kinds && query.kinds.length > 0 && !query.kinds.includes(alert.kind)) continue;
      if (topics && !alertTopicIds(alert).some((id) => topics.has(id))) continue;
      out.push(alert);
    }
    return out;
  }
}
