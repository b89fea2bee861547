import { randomUUID } from 'node:crypto';
import { Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { TOPICS } from '@pulse/contracts';
import type { Bus } from '@pulse/bus';
import type { Logger } from '@pulse/runtime';
import type { GatewayConfig } from '../config/gateway.config.js';
import { BUS, CONFIG, LOGGER } from '../core/gateway.tokens.js';
import { LiveResolver } from './live.resolver.js';
import { MentionFeed } from './mention-feed.js';
import { WorkflowFeed } from './workflow-feed.js';


/**
 * Every replica relays every workflow change to its own live subscribers: a consumer group
 * per process (so each gets all changes), starting at the end (history is in the store).
 */
class WorkflowRelay implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly bus: Bus,
    private readonly workflowFeed: WorkflowFeed,
    private readonly mentionFeed: MentionFeed,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.subscribe({
      topic: TOPICS.workflow,
      groupId: `pulse-gateway-live-${randomUUID().slice(0, 8)}`,
      fromBeginning: false,
      ephemeral: true,
      // Workflow changes come from people clicking: 50 ms is below what they notice, and half the idle polls of 20.
      maxWaitMs: 50,
      handler: async (batch) => this.workflowFeed.publish(batch.map((m) => m.value)),
    });
  }

  /** Live subscribers end first at shutdown: their sockets close before the HTTP server waits for them. */
  onModuleDestroy(): void {
    this.mentionFeed.closeAll();
    this.workflowFeed.closeAll();
  }
}

/** Live subscriptions: bounded per-subscriber buffers over what this process receives. */
@Module({
  providers: [
    LiveResolver,
    { provide: MentionFeed, inject: [LOGGER, CONFIG], useFactory: (logger: Logger, config: GatewayConfig) => new MentionFeed(logger, config.subscriptionBuffer) },
    { provide: WorkflowFeed, inject: [LOGGER, CONFIG], useFactory: (logger: Logger, config: GatewayConfig) => new WorkflowFeed(logger, config.subscriptionBuffer) },
    {
      provide: WorkflowRelay,
      inject: [BUS, WorkflowFeed, MentionFeed],
      useFactory: (bus: Bus, workflowFeed: WorkflowFeed, mentionFeed: MentionFeed) => new WorkflowRelay(bus, workflowFeed, mentionFeed),
    },
  ],
  exports: [MentionFeed, WorkflowFeed],
})
export class LiveModule {}
