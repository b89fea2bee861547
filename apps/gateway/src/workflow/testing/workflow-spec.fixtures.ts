import type { MemoryBus } from '@pulse/bus/memory';
import { TOPICS, mentionId, type Alert, type IntentLabel, type ScoredMention, type SentimentLabel } from '@pulse/contracts';
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { TEST_ADMIN_KEY as ADMIN_KEY, gql, recordingEndpoint, startTestGateway, waitFor, type TestGateway } from '../../testing/gateway-test-kit.js';

export const HELPDESK_SECRET = 'helpdesk-secret-0123456789';
export const T0 = Date.parse('2026-03-02T10:00:00.000Z');
export const MIN = 60_000;

export interface Fixture {
  text: string;
  label: SentimentLabel;
  intent?: IntentLabel;
  replyNeeded?: boolean;
  author?: string;
  at?: number;
  spam?: number;
  topicIds?: string[];
}

/**
 * The id of the fixture mention called `name`: derived from source + sourceId like every real
 * one (the scored topic dead-letters any other), the readable name kept in the sourceId.
 */
export const idOf = (name: string): string => mentionId('vk', `s-${name}`);

export function mention(name: string, f: Fixture): ScoredMention {
  const at = f.at ?? T0;
  const topicIds = f.topicIds ?? ['mts'];
  return {
    id: idOf(name),
    source: 'vk',
    sourceId: `s-${name}`,
    url: `https://vk.com/wall-1_${name}`,
    text: f.text,
    language: 'ru',
    author: { id: `a-${f.author ?? name}`, handle: f.author ?? `user_${name}`, name: 'Иван', url: null },
    publishedAt: new Date(at).toISOString(),
    collectedAt: new Date(at + 1000).toISOString(),
    topicIds,
    matches: topicIds.map((topicId) => ({ topicId, terms: ['МТС'] })),
    direct: false,
    duplicateOf: null,
    spam: { score: f.spam ?? 0, reasons: f.spam ? ['promo wording'] : [] },
    sentiment: { label: f.label, score: 0.9, scores: { negative: 0.05, neutral: 0.05, positive: 0.9 }, byTopic: [] },
    ...(f.intent ? { intent: { label: f.intent, replyNeeded: f.replyNeeded ?? false, confidence: 0.8, reasons: ['test'] } } : {}),
    model: { id: 'm', version: '1' },
    scoredAt: new Date(at + 2000).toISOString(),
  };
}


/** A helpdesk API stand-in: the first request fails with 503 (to prove the retry), then tickets are created. */
export const fakeHelpdesk = () => recordingEndpoint('/rest/api/2/issue', (n) => (n === 1 ? { status: 503, body: 'busy' } : { status: 201, json: { key: `SUP-${n - 1}` } }));

export const MENTION_FIELDS = `id intent { label replyNeeded }
  workflow { status assignee tags firstResponseAt resolvedAt }
  suggestedAnswer { categoryId text missingPlaceholders }
  history { kind actor message status fromStatus ruleId routeOutcome ticketId note }
  toneCorrections { topicId label previousLabel comment by }`;

export type WorkflowUpdate = FormattedExecutionResult<{ mentionUpdated: { id: string; workflow: { status: string; assignee: string | null; tags: string[] } } }, unknown>;

export interface SupportGateway {
  gateway: TestGateway;
  bus: MemoryBus;
  url: string;
  analystKey: string;
  viewerKey: string;
  helpdesk: Awaited<ReturnType<typeof fakeHelpdesk>>;
  /** Alerts read back from pulse.alerts.v1. */
  onTopic: Alert[];
  /** mentionUpdated events seen by a viewer subscribed to topic mts. */
  updates: WorkflowUpdate[];
  stop(): Promise<void>;
}

/** A gateway with a fake helpdesk, an analyst and a viewer key, the МТС topic and a live mentionUpdated subscription. */
export async function startSupportGateway(clock: () => number): Promise<SupportGateway> {
  const helpdesk = await fakeHelpdesk();
  const onTopic: Alert[] = [];
  const updates: WorkflowUpdate[] = [];
  const gateway = await startTestGateway({
    env: { HELPDESK_MAX_ATTEMPTS: '3', HELPDESK_RETRY_BASE_MS: '20' },
    clock,
    beforeStart: (b) => b.subscribe({ topic: TOPICS.alerts, groupId: 'alert-reader', handler: async (batch) => void onTopic.push(...batch.map((m) => m.value)) }),
  });
  const { bus, feature, url } = gateway;
  const keys = await gql<{ a: { key: string }; v: { key: string } }>(
    url,
    ADMIN_KEY,
    `mutation { a: createApiKey(input: { name: "anna (support)", role: analyst }) { key } v: createApiKey(input: { name: "board", role: viewer }) { key } }`,
  );
  const analystKey = keys.data!.a.key;
  const viewerKey = keys.data!.v.key;
  const topic = await gql(url, ADMIN_KEY, `mutation { createTopic(input: { name: "МТС", keywords: ["МТС"] }) { id } }`);
  if (topic.errors) throw new Error(`could not create the topic: ${JSON.stringify(topic.errors)}`);
  const ws: Client = createClient({ url: url.replace(/^http/, 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${viewerKey}` }, retryAttempts: 0 });
  ws.subscribe(
    { query: 'subscription { mentionUpdated(topicIds: ["mts"]) { id workflow { status assignee tags } } }' },
    { next: (v) => void updates.push(v as WorkflowUpdate), error: () => undefined, complete: () => undefined },
  );
  await waitFor('workflow subscription', () => feature.workflowFeed.size === 1);
  return {
    gateway,
    bus,
    url,
    analystKey,
    viewerKey,
    helpdesk,
    onTopic,
    updates,
    stop: async () => {
      await ws.dispose();
      await gateway.stop();
      await new Promise((resolve) => helpdesk.server.close(resolve));
    },
  };
}
