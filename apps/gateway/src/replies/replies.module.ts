import { Module } from '@nestjs/common';
import type { Logger } from '@pulse/runtime';
import { DEFAULT_REPLIES_CONFIG } from '../config/replies.config.js';
import type { GatewayConfig } from '../config/gateway.config.js';
import type { SqlClient } from '../database/sql-client.port.js';
import { CLOCK, CONFIG, DATABASE, LOGGER, type Clock } from '../core/gateway.tokens.js';
import { MentionService } from '../mentions/mention.service.js';
import { MentionsModule } from '../mentions/mentions.module.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { WorkflowService } from '../workflow/workflow.service.js';
import { ChannelRegistry } from './channels/channel.registry.js';
import { ReplyRepository } from './reply.repository.js';
import { MentionReplyResolver, ReplyResolver } from './reply.resolver.js';
import { ReplyService } from './reply.service.js';

/**
 * Replies in the channel: brand accounts (config), one client per source's API, the replies
 * table (migration 0005) and the mutations. A sent reply reaches the workflow only through
 * WorkflowService.recordReply.
 */
@Module({
  imports: [MentionsModule, WorkflowModule],
  providers: [
    ReplyResolver,
    MentionReplyResolver,
    { provide: ReplyRepository, inject: [DATABASE], useFactory: (db: SqlClient) => new ReplyRepository(db) },
    { provide: ChannelRegistry, inject: [CONFIG], useFactory: (config: GatewayConfig) => new ChannelRegistry(config.replies ?? DEFAULT_REPLIES_CONFIG) },
    {
      provide: ReplyService,
      inject: [ReplyRepository, ChannelRegistry, MentionService, WorkflowService, LOGGER, CONFIG, CLOCK],
      useFactory: (store: ReplyRepository, channels: ChannelRegistry, mentions: MentionService, workflow: WorkflowService, logger: Logger, config: GatewayConfig, clock: Clock) =>
        new ReplyService(store, channels, mentions, workflow, logger, (config.replies ?? DEFAULT_REPLIES_CONFIG).timeoutMs, clock),
    },
  ],
  exports: [ReplyService],
})
export class RepliesModule {}
