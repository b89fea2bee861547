import { alertTopicIds, type Alert } from '@pulse/contracts';
import type { Logger } from '@pulse/runtime';
import { TopicFeed } from '../live/topic-feed.js';

/** Raised alerts to live subscriptions; a stalled client loses its oldest alerts (they stay in `alerts`). */
export class AlertFeed extends TopicFeed<Alert> {
  constructor(logger: Logger, bufferSize = 100) {
    super(logger, bufferSize, 'alerts', alertTopicIds);
  }
}
