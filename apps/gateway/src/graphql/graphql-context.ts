import type { ScoredMention, TrackedTopic } from '@pulse/contracts';
import type DataLoader from 'dataloader';
import type { Principal } from '../auth/permissions.js';
import type { ReplyService } from '../replies/reply.service.js';
import type { WorkflowService } from '../workflow/workflow.service.js';

/** Per operation (HTTP request or WebSocket subscribe). */
export interface GatewayContext {
  principal: Principal | undefined;
  mentions: DataLoader<string, ScoredMention | null>;
  topics: DataLoader<string, TrackedTopic | null>;
  workflow: ReturnType<WorkflowService['loaders']>;
  replies: ReturnType<ReplyService['loaders']>;
  /** Set by the live resolver before each event executes, read by the WebSocket server's onNext. */
  live: { droppedBefore: number };
}
