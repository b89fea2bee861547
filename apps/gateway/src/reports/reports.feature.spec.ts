import { TOPICS, mentionId, type ScoredMention } from '@pulse/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_KEY as ADMIN_KEY, gql, startTestGateway, waitFor, type TestGateway } from '../testing/gateway-test-kit.js';

const T0 = Date.parse('2026-03-02T10:00:00.000Z');

/** The id of complaint `sourceId`: derived like every real one (the scored topic dead-letters any other). */
const idOf = (sourceId: string): string => mentionId('vk', sourceId);

function complaint(sourceId: string, minutes: number): ScoredMention {
  const at = T0 + minutes * 60_000;
  return {
    id: idOf(sourceId),
    source: 'vk',
    sourceId,
    url: `https://vk.com/wall-1_${sourceId}`,
    text: `МТС, нет связи (${sourceId})`,
    language: 'ru',
    author: { id: `a-${sourceId}`, handle: `user_${sourceId}`, name: 'Иван', url: null },
    publishedAt: new Date(at).toISOString(),
    collectedAt: new Date(at).toISOString(),
    topicIds: ['mts'],
    matches: [{ topicId: 'mts', terms: ['МТС'] }],
    direct: false,
    duplicateOf: null,
    spam: { score: 0, reasons: [] },
    sentiment: { label: 'negative', score: 0.9, scores: { negative: 0.9, neutral: 0.05, positive: 0.05 }, byTopic: [] },
    intent: { label: 'complaint', replyNeeded: true, confidence: 0.9, reasons: ['test'] },
    model: { id: 'm', version: '1' },
    scoredAt: new Date(at).toISOString(),
  };
}

const REPORT = `query($topicIds: [ID!]!, $from: DateTime!, $to: DateTime!) {
  periodReport(topicIds: $topicIds, from: $from, to: $to) {
    topicIds topics { id name } competitorTopicIds from to interval
    mentions { total negative negativeShare }
    requests { inScope responded answeredShare firstResponseMedianSeconds }
    categories { name requests examples { mentionId excerpt } }
    shareOfVoice { topicId topic { name } competitor total }
    handledRequests { mentionId handle firstResponseSeconds status }
  }
}`;

describe('period report through the gateway', () => {
  let now = T0;
  let gateway: TestGateway;
  let viewerKey: string;

  beforeAll(async () => {
    gateway = await startTestGateway({ clock: () => now });
    for (const name of ['МТС', 'Билайн']) {
      const created = await gql(gateway.url, ADMIN_KEY, `mutation($name: String!) { createTopic(input: { name: $name, keywords: [$name] }) { id } }`, { name });
      expect(created.errors).toBeUndefined();
    }
    viewerKey = (await gql<{ k: { key: string } }>(gateway.url, ADMIN_KEY, `mutation { k: createApiKey(input: { name: "board", role: viewer }) { key } }`)).data!.k.key;
    await gateway.bus.publish(TOPICS.scoredMentions, [complaint('r1', 0), complaint('r2', 5)]);
    await waitFor('stored', async () => ((await gql<{ mentions: { totalCount: number } }>(gateway.url, ADMIN_KEY, '{ mentions { totalCount } }')).data?.mentions.totalCount === 2 ? true : undefined));
  });

  afterAll(async () => {
    await gateway?.stop();
  });

  it('answers periodReport for a viewer, with the request an agent took and its reaction time', async () => {
    now = T0 + 12 * 60_000;
    const taken = await gql(gateway.url, ADMIN_KEY, `mutation($id: ID!) { setMentionStatus(id: $id, status: in_progress) { id } }`, { id: idOf('r1') });
    expect(taken.errors).toBeUndefined();
    const res = await gql<{ periodReport: Record<string, unknown> }>(gateway.url, viewerKey, REPORT, { topicIds: ['mts'], from: '2026-03-02T00:00:00Z', to: '2026-03-03T00:00:00Z' });
    expect(res.errors).toBeUndefined();
    expect(res.data?.periodReport).toMatchObject({
      topicIds: ['mts'],
      topics: [{ id: 'mts', name: 'МТС' }],
      competitorTopicIds: ['bilayn'],
      from: '2026-03-02T00:00:00.000Z',
      interval: 'HOUR',
      mentions: { total: 2, negative: 2, negativeShare: 1 },
      requests: { inScope: 2, responded: 1, answeredShare: 0.5, firstResponseMedianSeconds: 720 },
      // Билайн was compared (competitorTopicIds) but had no mentions: not listed.
      shareOfVoice: [{ topicId: 'mts', topic: { name: 'МТС' }, competitor: false, total: 2 }],
      handledRequests: [{ mentionId: idOf('r1'), handle: 'user_r1', firstResponseSeconds: 720, status: 'in_progress' }],
    });
  });

  it('serves the PDF at /reports/period.pdf with the same key check, and errors in the envelope', async () => {
    const pdfUrl = (query: string) => `${gateway.url}/reports/period.pdf?${query}`;
    const auth = { authorization: `Bearer ${viewerKey}` };
    const ok = await fetch(pdfUrl('topicIds=mts&from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z'), { headers: auth });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/pdf');
    expect(ok.headers.get('content-disposition')).toBe('attachment; filename="pulse-report-mts-2026-03-02--2026-03-03.pdf"');
    const bytes = Buffer.from(await ok.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(Number(ok.headers.get('content-length'))).toBe(bytes.length);

    const anonymous = await fetch(pdfUrl('topicIds=mts&from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z'));
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    const bad = await fetch(pdfUrl('topicIds=mts&from=soon&to=2026-03-03T00:00:00Z'), { headers: auth });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ errors: [{ message: 'from: from must be an ISO 8601 date-time', extensions: { code: 'INVALID_ARGUMENT', field: 'from' } }] });
    const unknownParam = await fetch(pdfUrl('topicIds=mts&from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z&format=png'), { headers: auth });
    expect(((await unknownParam.json()) as { errors: { extensions: { field: string } }[] }).errors[0]!.extensions.field).toBe('format');
    const missing = await fetch(pdfUrl('topicIds=nope,mts&from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z'), { headers: auth });
    expect(missing.status).toBe(404);
  });

  it('refuses unknown topics and bad periods in the error envelope, and anonymous callers', async () => {
    const unknown = await gql(gateway.url, viewerKey, REPORT, { topicIds: ['nope'], from: '2026-03-02T00:00:00Z', to: '2026-03-03T00:00:00Z' });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'topicIds' });
    const backwards = await gql(gateway.url, viewerKey, REPORT, { topicIds: ['mts'], from: '2026-03-03T00:00:00Z', to: '2026-03-02T00:00:00Z' });
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'from' });
    const anonymous = await gql(gateway.url, undefined, REPORT, { topicIds: ['mts'], from: '2026-03-02T00:00:00Z', to: '2026-03-03T00:00:00Z' });
    expect(anonymous.status).toBe(401);
  });
});
