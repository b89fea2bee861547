import type { WorkflowChange } from '@pulse/contracts';
import type { Logger } from '@pulse/runtime';
import { BoundedFanout } from './bounded-fanout.js';

/** Workflow changes (from any replica, via pulse.workflow.v1) to live subscriptions, so agents see each other's work. */
export class WorkflowFeed {
  private readonly fanout: BoundedFanout<WorkflowChange, WorkflowChange>;

  constructor(logger: Logger, bufferSize = 1000) {
    this.fanout = new BoundedFanout(logger, bufferSize, 'workflow changes', (change) => change);
  }

  get size(): number {
    return this.fanout.size;
  }

  publish(changes: readonly WorkflowChange[]): void {
    this.fanout.publish(changes);
  }

  subscribe(topicIds: readonly string[] | undefined): AsyncIterableIterator<WorkflowChange> {
    const wanted = topicIds && topicIds.length > 0 ? new Set(topicIds) : undefined;
    return this.fanout.subscribe((change) => !wanted || change.topicIds.some((id) => wanted.has(id)));
  }

  closeAll(): void {
    this.fanout.closeAll();
  }
}
