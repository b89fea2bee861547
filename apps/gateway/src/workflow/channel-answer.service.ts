import { TOPICS, type ScoredMention, type TrackedTopic, type WorkflowChange as WireWorkflowChange } from '@pulse/contracts';
import type { Bus } from '@pulse/bus';
import type { Logger } from '@pulse/runtime';
import type { WorkflowRepository } from './workflow.repository.js';
import { applyChange, wireChange } from './workflow.model.js';

export interface ChannelAnswerDeps {
  store: Pick<WorkflowRepository, 'changeWorkflow'>;
  /** Every topic, own accounts included (read again after OWN_ACCOUNTS_TTL_MS). */
  topics: () => Promise<readonly TrackedTopic[]>;
  logger: Logger;
  /** Where the changes are announced (pulse.workflow.v1), for live dashboards. */
  bus?: Pick<Bus, 'publish'>;
  clock?: () => number;
}

const OWN_ACCOUNTS_TTL_MS = 30_000;

/**
 * Answers given in the channel itself count as responses. Support teams often reply right
 * under a customer's post from the brand's account (a VK comment, a reply on X) without
 * opening Pulse; when such a reply is collected — its author is one of a topic's own accounts
 * and it answers a stored mention (`parentId`) — the customer's mention is taken up at the
 * reply's time (first response, `new` → `in_progress`, a `reply` history event by
 * `channel:<source>/<handle>`), and the brand's own post is set aside (`ignored`: nothing to
 * answer there).
 */
export class ChannelAnswerService {
  private accounts: { at: number; owners: Map<string, string[]> } | undefined;
  private readonly clock: () => number;

  constructor(private readonly deps: ChannelAnswerDeps) {
    this.clock = deps.clock ?? Date.now;
  }

  /** For mentions stored for the first time (a redelivered batch would record the answer twice). Returns how many answers were recorded. */
  async record(mentions: readonly ScoredMention[], insertedIds: readonly string[]): Promise<number> {
    const inserted = new Set(insertedIds);
    const candidates = mentions.filter((m) => m.parentId !== undefined && inserted.has(m.id));
    if (candidates.length === 0) return 0;
    const owners = await this.owners();
    let recorded = 0;
    const changes: WireWorkflowChange[] = [];
    for (const reply of candidates) {
      const topicIds = owners.get(accountKey(reply.source, reply.author.handle));
      if (!topicIds) continue;
      const actor = `channel:${reply.source}/${reply.author.handle}`;
      const at = reply.publishedAt;
      const note = { replyId: reply.id, via: 'channel' as const, source: reply.source, account: reply.author.handle, url: reply.url };
      const parent = await this.deps.store.changeWorkflow(reply.parentId!, actor, at, (current) => applyChange(current, { reply: note }, at, { human: true }));
      if (parent === null) {
        this.deps.logger.debug({ mentionId: reply.id, parentId: reply.parentId }, 'a brand answer to a mention that is not stored; not counted');
        continue;
      }
      recorded += 1;
      changes.push(wireChange(parent, topicIds, actor, at));
      const own = await this.deps.store.changeWorkflow(reply.id, actor, at, (current) => applyChange(current, { status: 'ignored' }, at, { human: false }));
      if (own) changes.push(wireChange(own, reply.topicIds, actor, at));
    }
    await this.announce(changes);
    if (recorded > 0) this.deps.logger.debug({ answers: recorded }, 'answers in the channel recorded as responses');
    return recorded;
  }

  private async owners(): Promise<Map<string, string[]>> {
    const now = this.clock();
    if (this.accounts && now - this.accounts.at < OWN_ACCOUNTS_TTL_MS) return this.accounts.owners;
    const owners = new Map<string, string[]>();
    for (const topic of await this.deps.topics()) {
      if (topic.status === 'deleted') continue;
      for (const account of topic.ownAccounts) {
        const key = accountKey(account.source, account.handle);
        owners.set(key, [...(owners.get(key) ?? []), topic.id]);
      }
    }
    this.accounts = { at: now, owners };
    return owners;
  }

  private async announce(changes: WireWorkflowChange[]): Promise<void> {
    if (!this.deps.bus || changes.length === 0) return;
    try {
      await this.deps.bus.publish(TOPICS.workflow, changes);
    } catch (error) {
      this.deps.logger.warn({ err: error, mentions: changes.length }, `could not publish channel answers to ${TOPICS.workflow}`);
    }
  }
}

/** Handles compare as the collector's direct-address detector compares them: case-insensitive, without "@". */
function accountKey(source: string, handle: string): string {
  return `${source}:${handle.replace(/^@/u, '').toLowerCase()}`;
}
