import type { WorkflowChange } from '@pulse/contracts';
import type { Logger } from '@pulse/runtime';
import { TopicFeed } from './topic-feed.js';

/** Workflow changes (from any replica, via pulse.workflow.v1) to live subscriptions, so agents see each other's work. */
export class WorkflowFeed extends TopicFeed<WorkflowChange> {
  constructor(logger: Logger, bufferSize = 1000) {
    super(logger, bufferSize, 'workflow changes', (change) => change.topicIds);
  }
}
