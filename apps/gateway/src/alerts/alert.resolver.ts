import { alertTopicIds, type Alert } from '@pulse/contracts';
import type { AlertQuery, AlertService } from './alert.service.js';

export function alertResolvers(alerts: AlertService) {
  return {
    Query: {
      alerts: (_: unknown, args: AlertQuery) => alerts.list(args),
      alertDelivery: () => alerts.deliveryStatus(),
    },
    Subscription: {
      alertRaised: {
        subscribe: (_: unknown, args: { topicIds?: string[] | null }) => alerts.feed.subscribe(args.topicIds ?? undefined),
        resolve: (alert: Alert) => alert,
      },
    },
    Alert: {
      topicIds: (alert: Alert) => alertTopicIds(alert),
      sampleMentionIds: (alert: Alert) => (alert.kind === 'spike' ? alert.sampleMentionIds : [alert.mentionId]),
    },
  };
}
