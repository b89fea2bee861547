import { Inject } from '@nestjs/common';
import { Args, Parent, Query, ResolveField, Subscription } from '@nestjs/graphql';
import { alertTopicIds, type Alert } from '@pulse/contracts';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { GatewayResolver } from '../graphql/gateway-resolver.decorator.js';
import { AlertService, type AlertQuery } from './alert.service.js';

@GatewayResolver('Alert')
export class AlertResolver {
  constructor(@Inject(AlertService) private readonly alerts: AlertService) {}

  @Query('alerts')
  @RequirePermission('read')
  list(@Args() args: AlertQuery) {
    return this.alerts.list(args);
  }

  // Delivery status names channels and carries their last errors: operators only.
  @Query('alertDelivery')
  @RequirePermission('manageAlerts')
  delivery() {
    return this.alerts.deliveryStatus();
  }

  @Subscription('alertRaised', { resolve: (alert: Alert) => alert })
  @RequirePermission('subscribe')
  raised(@Args('topicIds') topicIds?: string[] | null) {
    return this.alerts.feed.subscribe(topicIds ?? undefined);
  }

  @ResolveField('topicIds')
  topicIds(@Parent() alert: Alert) {
    return alertTopicIds(alert);
  }

  @ResolveField('sampleMentionIds')
  sampleMentionIds(@Parent() alert: Alert) {
    return alert.kind === 'spike' ? alert.sampleMentionIds : [alert.mentionId];
  }
}
