import { verifyWebhookSignature } from '@pulse/alerting';
import { TOPICS, type ScoredMention } from '@pulse/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_KEY as ADMIN_KEY, gql, waitFor } from '../testing/gateway-test-kit.js';
import { HELPDESK_SECRET, MENTION_FIELDS, MIN, T0, idOf, mention, startSupportGateway, type SupportGateway } from './testing/workflow-spec.fixtures.js';

describe('support workflow through the gateway', () => {
  let now = T0;
  let support: SupportGateway;
  let url: string;
  let analystKey: string;
  let viewerKey: string;
  const updatesFor = (name: string) => support.updates.map((u) => u.data?.mentionUpdated).filter((m) => m?.id === idOf(name));

  const publish = async (mentions: ScoredMention[]) => {
    await support.bus.publish(TOPICS.scoredMentions, mentions);
  };
  const mentionByName = async (name: string) => (await gql<{ mention: Record<string, unknown> }>(url, analystKey, `query($id: ID!) { mention(id: $id) { ${MENTION_FIELDS} } }`, { id: idOf(name) })).data!.mention;

  beforeAll(async () => {
    support = await startSupportGateway(() => now);
    ({ url, analystKey, viewerKey } = support);
  });

  afterAll(async () => {
    await support?.stop();
  });

  it('refuses rules that could never work, naming the field (and the position in a query)', async () => {
    const create = (input: string, key = ADMIN_KEY) => gql(url, key, `mutation { createRule(input: ${input}) { id } }`);
    const badQuery = await create(`{ name: "x", conditions: { query: "МТС AND (" }, actions: { addTags: ["a"] } }`);
    expect(badQuery.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_QUERY', field: 'input.conditions.query', position: expect.any(Number) });
    const badTemplate = await create(`{ name: "x", actions: { helpdesk: { name: "Jira", url: "http://127.0.0.1:9/x", payloadTemplate: "{\\"a\\": \\"{{mention.body}}\\"}" } } }`);
    expect(badTemplate.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'input.actions.helpdesk.payloadTemplate' });
    const noAction = await create(`{ name: "x", conditions: { intents: [complaint] }, actions: {} }`);
    expect(noAction.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'input.actions' });
    const badUrl = await create(`{ name: "x", actions: { helpdesk: { name: "Jira", url: "ftp://example.com" } } }`);
    expect(badUrl.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'input.actions.helpdesk.url' });
    const analyst = await create(`{ name: "x", actions: { addTags: ["a"] } }`, analystKey);
    expect(analyst.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('assigns, tags, notifies and routes a matching complaint once, with a suggested answer, even when the batch is redelivered', async () => {
    const template = JSON.stringify({ fields: { summary: '{{author.handle}}: {{mention.excerpt}}', description: '{{mention.text}}\n{{mention.url}}', labels: ['{{intent}}', '{{topics}}'] } });
    const created = await gql<{ createRule: { id: string; actions: { helpdesk: { signed: boolean; headerNames: string[] } } } }>(
      url,
      ADMIN_KEY,
      `mutation($input: RuleInput!) { createRule(input: $input) { id actions { helpdesk { signed headerNames } } } }`,
      {
        input: {
          name: 'Жалобы МТС',
          conditions: { topicIds: ['mts'], intents: ['complaint'], sentiments: ['negative'] },
          actions: {
            assignTo: 'anna',
            addTags: ['Urgent'],
            notify: 'high',
            helpdesk: { name: 'Jira SUP', url: support.helpdesk.url, secret: HELPDESK_SECRET, headers: [{ name: 'Authorization', value: 'Basic c3VwOnNlY3JldA==' }], payloadTemplate: template, ticketIdField: 'key' },
          },
        },
      },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createRule.actions.helpdesk).toEqual({ signed: true, headerNames: ['Authorization'] });
    const ruleId = created.data!.createRule.id;

    const batch = [
      mention('c1', { text: 'МТС, третий день нет интернета, когда почините?', label: 'negative', intent: 'complaint', replyNeeded: true, author: 'ivan' }),
      mention('p1', { text: 'МТС, спасибо, всё быстро починили', label: 'positive', intent: 'praise', author: 'olga' }),
      mention('s1', { text: 'МТС нет интернета! Переходи по ссылке, бонус', label: 'negative', intent: 'complaint', replyNeeded: false, spam: 0.9 }),
    ];
    await publish(batch);
    await publish(batch);

    const routed = await waitFor('ticket created', async () => {
      const m = await mentionByName('c1');
      const events = m['history'] as { kind: string; routeOutcome: string | null }[];
      return events.some((e) => e.kind === 'route') ? m : undefined;
    });
    expect(routed['workflow']).toMatchObject({ status: 'new', assignee: 'anna', tags: ['urgent'], firstResponseAt: null });
    expect(routed['intent']).toEqual({ label: 'complaint', replyNeeded: true });
    expect(routed['history']).toEqual([
      expect.objectContaining({ kind: 'rule', actor: `rule:${ruleId}`, ruleId, message: expect.stringContaining('assigned to anna') }),
      expect.objectContaining({ kind: 'route', routeOutcome: 'delivered', ticketId: 'SUP-1', ruleId }),
    ]);
    const suggestion = routed['suggestedAnswer'] as { categoryId: string; text: string };
    expect(suggestion.categoryId).toBe('no-connection');
    expect(suggestion.text).toContain('Иван');
    expect(suggestion.text).toContain('МТС');

    // One 503, one retry that created the ticket, and nothing for the redelivered copy.
    await new Promise((r) => setTimeout(r, 200));
    expect(support.helpdesk.received).toHaveLength(2);
    const delivered = support.helpdesk.received[1]!;
    expect(delivered.headers['authorization']).toBe('Basic c3VwOnNlY3JldA==');
    expect(verifyWebhookSignature(HELPDESK_SECRET, String(delivered.headers['x-pulse-signature']), delivered.body, { now })).toBe(true);
    expect(JSON.parse(delivered.body)).toEqual({
      fields: {
        summary: 'ivan: МТС, третий день нет интернета, когда почините?',
        description: 'МТС, третий день нет интернета, когда почините?\nhttps://vk.com/wall-1_c1',
        labels: ['complaint', 'МТС'],
      },
    });

    for (const name of ['p1', 's1']) expect((await mentionByName(name))['workflow']).toMatchObject({ assignee: null, tags: [] });
    // Other agents' screens learn what the rule did, once.
    await waitFor('rule change on mentionUpdated', () => updatesFor('c1').length >= 1);
    expect(updatesFor('c1')).toEqual([{ id: idOf('c1'), workflow: { status: 'new', assignee: 'anna', tags: ['urgent'] } }]);
    expect(updatesFor('p1')).toEqual([]);

    expect((await gql<{ alerts: unknown[] }>(url, viewerKey, `{ alerts(kinds: [spike, leak]) { id } }`)).data!.alerts).toEqual([]);
    const alerts = await gql<{ alerts: Record<string, unknown>[] }>(url, viewerKey, `{ alerts(kinds: [rule]) { id kind severity ruleId ruleName mentionId handle sentiment intent topicIds sampleMentionIds } }`);
    expect(alerts.data!.alerts).toEqual([
      expect.objectContaining({ kind: 'rule', severity: 'high', ruleId, ruleName: 'Жалобы МТС', mentionId: idOf('c1'), handle: 'ivan', sentiment: 'negative', intent: 'complaint', topicIds: ['mts'], sampleMentionIds: [idOf('c1')] }),
    ]);
    await waitFor('rule alert on pulse.alerts.v1', () => support.onTopic.length >= 1);
    expect(support.onTopic.map((a) => a.kind)).toEqual(['rule']);

    const assigned = await gql<{ mentions: { edges: { node: { id: string } }[] } }>(url, viewerKey, `{ mentions(filter: { assignee: "ANNA", tags: ["urgent"], statuses: [new] }) { edges { node { id } } } }`);
    expect(assigned.data!.mentions.edges.map((e) => e.node.id)).toEqual([idOf('c1')]);
    const needsReply = await gql<{ mentions: { totalCount: number } }>(url, viewerKey, `{ mentions(filter: { replyNeeded: true, intents: [complaint] }) { totalCount } }`);
    expect(needsReply.data!.mentions.totalCount).toBe(1);

    const exported = await fetch(`${url}/export?format=csv&assignee=anna&tags=urgent&replyNeeded=true`, { headers: { authorization: `Bearer ${viewerKey}` } });
    const rows = (await exported.text()).trim().split('\r\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(new RegExp(`^${idOf('c1')},vk,.*,complaint,true,`));
  });

  it('records status changes with reaction times, and reports median and p90 per topic', async () => {
    const c2At = T0 + 30 * MIN;
    await publish([mention('c2', { text: 'МТС опять списали деньги дважды, верните', label: 'negative', intent: 'complaint', replyNeeded: true, author: 'petr', at: c2At })]);
    await waitFor('c2 stored', async () => ((await mentionByName('c2')) ? true : undefined));

    const denied = await gql(url, viewerKey, `mutation { setMentionStatus(id: "${idOf('c1')}", status: in_progress) { id } }`);
    expect(denied.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    now = T0 + 1000 + 10 * MIN; // c1 collected at T0 + 1 s: first response after 10 minutes
    const taken = await gql<{ setMentionStatus: { workflow: { status: string; firstResponseAt: string } } }>(
      url,
      analystKey,
      `mutation { setMentionStatus(id: "${idOf('c1')}", status: in_progress, note: "позвонили клиенту") { workflow { status firstResponseAt } } }`,
    );
    expect(taken.errors).toBeUndefined();
    expect(taken.data!.setMentionStatus.workflow).toEqual({ status: 'in_progress', firstResponseAt: new Date(now).toISOString() });
    await waitFor('status change on mentionUpdated', () => updatesFor('c1').length >= 2);
    expect(updatesFor('c1')[1]).toEqual({ id: idOf('c1'), workflow: { status: 'in_progress', assignee: 'anna', tags: ['urgent'] } });
    now = T0 + 1000 + 70 * MIN;
    await gql(url, analystKey, `mutation { setMentionStatus(id: "${idOf('c1')}", status: resolved) { id } }`);
    now = c2At + 1000 + 20 * MIN;
    await gql(url, analystKey, `mutation { setMentionStatus(id: "${idOf('c2')}", status: resolved) { id } }`);

    const c1 = await mentionByName('c1');
    expect((c1['history'] as { kind: string; actor: string; message: string }[]).slice(2)).toEqual([
      expect.objectContaining({ kind: 'status', actor: 'anna (support)', message: 'status new → in_progress', status: 'in_progress', fromStatus: 'new' }),
      expect.objectContaining({ kind: 'note', message: 'note: позвонили клиенту' }),
      expect.objectContaining({ kind: 'status', message: 'status in_progress → resolved' }),
    ]);

    const stats = await gql<{ reactionTimes: Record<string, unknown>[] }>(
      url,
      viewerKey,
      `{ reactionTimes(topicIds: ["mts"], from: "2026-03-02T00:00:00Z", to: "2026-03-03T00:00:00Z") { topicId topic { name } inScope responded resolved firstResponseMedianSeconds firstResponseP90Seconds resolutionMedianSeconds resolutionP90Seconds } }`,
    );
    expect(stats.errors).toBeUndefined();
    // First responses 600 s and 1200 s; resolutions 4200 s and 1200 s. The spam complaint is out of scope.
    const expected = { inScope: 2, responded: 2, resolved: 2, firstResponseMedianSeconds: 900, firstResponseP90Seconds: 1140, resolutionMedianSeconds: 2700, resolutionP90Seconds: 3900 };
    expect(stats.data!.reactionTimes).toEqual([
      { topicId: null, topic: null, ...expected },
      { topicId: 'mts', topic: { name: 'МТС' }, ...expected },
    ]);

    const ignoredOut = await gql(url, analystKey, `mutation { setMentionStatus(id: "${idOf('p1')}", status: ignored) { id } }`);
    expect(ignoredOut.errors).toBeUndefined();
    const missing = await gql(url, analystKey, `mutation { assignMention(id: "nope", assignee: "x") { id } }`);
    expect(missing.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const window = await gql(url, viewerKey, `{ reactionTimes(from: "2026-03-03T00:00:00Z", to: "2026-03-02T00:00:00Z") { inScope } }`);
    expect(window.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'from' });
  });

  it('compares the handled customers’ tone before and after the first response', async () => {
    // ivan complained (T0) and was answered at T0+10 min; later he posts a neutral and a positive mention.
    await publish([
      mention('i2', { text: 'МТС, заработало', label: 'neutral', author: 'ivan', at: T0 + 2 * 60 * MIN }),
      mention('i3', { text: 'МТС, спасибо за помощь', label: 'positive', author: 'ivan', at: T0 + 3 * 60 * MIN }),
    ]);
    await waitFor('i3 stored', async () => ((await mentionByName('i3')) ? true : undefined));
    const effect = await gql<{ handlingEffect: Record<string, unknown>[] }>(
      url,
      viewerKey,
      `{ handlingEffect(topicIds: ["mts"], from: "2026-03-02T00:00:00Z", to: "2026-03-03T00:00:00Z", windowHours: 24) { topicId authors beforeTotal beforeNegative beforeNegativeShare afterTotal afterNegative afterNegativeShare } }`,
    );
    expect(effect.errors).toBeUndefined();
    // ivan: c1 before; i2, i3 after. petr: c2 before, nothing after.
    expect(effect.data!.handlingEffect[1]).toEqual({ topicId: 'mts', authors: 2, beforeTotal: 2, beforeNegative: 2, beforeNegativeShare: 1, afterTotal: 2, afterNegative: 0, afterNegativeShare: 0 });
  });

  it('reports typical-answer coverage and manages the answer base with precise errors', async () => {
    const coverage = await gql<{ answerCoverage: Record<string, unknown>[] }>(
      url,
      viewerKey,
      `{ answerCoverage(topicIds: ["mts"], from: "2026-03-02T00:00:00Z", to: "2026-03-03T00:00:00Z") { topicId requests matched share byCategory { categoryId categoryName matched } } }`,
    );
    expect(coverage.data!.answerCoverage[1]).toEqual({
      topicId: 'mts',
      requests: 2,
      matched: 2,
      share: 1,
      byCategory: [
        { categoryId: 'no-connection', categoryName: 'Нет связи или интернета', matched: 1 },
        { categoryId: 'unexpected-charge', categoryName: 'Двойное или непонятное списание', matched: 1 },
      ],
    });

    const bad = await gql(url, analystKey, `mutation { createAnswerCategory(input: { name: "Роуминг", patterns: ["роуминг AND (дорого"], template: "{{author.name}}, здравствуйте!" }) { id } }`);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'input.patterns[0]', position: expect.any(Number) });
    const badTemplate = await gql(url, analystKey, `mutation { createAnswerCategory(input: { name: "Роуминг", patterns: ["роуминг"], template: "{{author.nick}}" }) { id } }`);
    expect(badTemplate.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'input.template' });
    const made = await gql<{ createAnswerCategory: { id: string; translations: unknown[] } }>(
      url,
      analystKey,
      `mutation { createAnswerCategory(input: { name: "Роуминг", patterns: ["роуминг NEAR/3 дорого"], template: "{{author.name}}, расскажем о тарифах.", translations: [{ language: "en", template: "Hi {{author.name}}" }], intents: [question, complaint] }) { id translations { language template } } }`,
    );
    expect(made.errors).toBeUndefined();
    expect(made.data!.createAnswerCategory).toEqual({ id: 'rouming', translations: [{ language: 'en', template: 'Hi {{author.name}}' }] });
    await publish([mention('r1', { text: 'МТС, роуминг слишком дорого стоит, почему?', label: 'negative', intent: 'complaint', replyNeeded: true, at: T0 + 4 * 60 * MIN })]);
    const r1 = await waitFor('r1 stored', async () => (await gql<{ mention: { suggestedAnswer: { categoryId: string } | null } | null }>(url, viewerKey, `{ mention(id: "${idOf('r1')}") { suggestedAnswer { categoryId } } }`)).data?.mention ?? undefined);
    expect(r1.suggestedAnswer).toEqual({ categoryId: 'rouming' });
    const deleted = await gql(url, analystKey, `mutation { deleteAnswerCategory(id: "rouming") { id } }`);
    expect(deleted.errors).toBeUndefined();
    const list = await gql<{ answerCategories: { id: string }[] }>(url, viewerKey, `{ answerCategories { id } }`);
    expect(list.data!.answerCategories.map((c) => c.id)).not.toContain('rouming');
    expect(list.data!.answerCategories.length).toBeGreaterThanOrEqual(3);
  });

  it('stores tone corrections as training data and exports them as JSONL', async () => {
    now = T0 + 5 * 60 * MIN;
    const corrected = await gql<{ correctSentiment: { toneCorrections: unknown[] } }>(
      url,
      analystKey,
      `mutation { correctSentiment(id: "${idOf('p1')}", label: negative, topicId: "mts", comment: "сарказм") { toneCorrections { topicId label previousLabel comment by } } }`,
    );
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data!.correctSentiment.toneCorrections).toEqual([{ topicId: 'mts', label: 'negative', previousLabel: 'positive', comment: 'сарказм', by: 'anna (support)' }]);
    const wrongTopic = await gql(url, analystKey, `mutation { correctSentiment(id: "${idOf('p1')}", label: negative, topicId: "beeline") { id } }`);
    expect(wrongTopic.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'topicId' });

    const res = await fetch(`${url}/export/feedback`, { headers: { authorization: `Bearer ${viewerKey}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      {
        mentionId: idOf('p1'),
        topicId: 'mts',
        text: 'МТС, спасибо, всё быстро починили',
        label: 'negative',
        previousLabel: 'positive',
        terms: ['МТС'],
        language: 'ru',
        source: 'vk',
        model: { id: 'm', version: '1' },
        comment: 'сарказм',
        correctedBy: 'anna (support)',
        correctedAt: new Date(now).toISOString(),
      },
    ]);
    expect((await fetch(`${url}/export/feedback?since=yesterday`, { headers: { authorization: `Bearer ${viewerKey}` } })).status).toBe(400);
    expect((await fetch(`${url}/export/feedback`)).status).toBe(401);
    const later = await fetch(`${url}/export/feedback?since=2030-01-01T00:00:00Z`, { headers: { authorization: `Bearer ${viewerKey}` } });
    expect(await later.text()).toBe('');
  });
});
