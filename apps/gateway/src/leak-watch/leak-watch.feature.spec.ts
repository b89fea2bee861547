import { TOPICS, mentionId, type ScoredMention } from '@pulse/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_KEY as ADMIN_KEY, gql, startTestGateway, waitFor, type TestGateway } from '../testing/gateway-test-kit.js';

/** The id of post `sourceId`: derived like every real one (the scored topic dead-letters any other). */
const idOf = (sourceId: string): string => mentionId('vk', sourceId);

function post(sourceId: string, text: string, handle: string): ScoredMention {
  const at = '2026-03-02T10:00:00.000Z';
  return {
    id: idOf(sourceId),
    source: 'vk',
    sourceId,
    url: `https://vk.com/wall-1_${sourceId}`,
    text,
    language: 'ru',
    author: { id: handle, handle, name: handle, url: null },
    publishedAt: at,
    collectedAt: at,
    topicIds: ['acme'],
    matches: [{ topicId: 'acme', terms: ['acme'] }],
    direct: false,
    duplicateOf: null,
    spam: { score: 0, reasons: [] },
    sentiment: { label: 'neutral', score: 0.9, scores: { negative: 0.05, neutral: 0.9, positive: 0.05 }, byTopic: [] },
    model: { id: 'm', version: '1' },
    scoredAt: at,
  };
}

const LEAK_WATCH = `{ leakWatch { version lists { id name accounts { source handle } } terms { id expression always severity } history { action actor entity summary after } } }`;
const LEAK_ALERTS = `{ alerts(kinds: [leak]) { mentionId severity matchedTerms watchedAccount watchLists evidence excerpt } }`;

describe('leak watch through the gateway', () => {
  let gateway: TestGateway;
  let analystKey: string;

  beforeAll(async () => {
    gateway = await startTestGateway({ env: { ALERT_LEAK_WATCH: '{"terms":[{"term":"Проект Сокол"}]}', LEAK_WATCH_POLL_SECONDS: '1' } });
    analystKey = (await gql<{ k: { key: string } }>(gateway.url, ADMIN_KEY, `mutation { k: createApiKey(input: { name: "anna", role: analyst }) { key } }`)).data!.k.key;
  });

  afterAll(async () => {
    await gateway?.stop();
  });

  it('starts from the environment’s seed, shown to admins only, with its history', async () => {
    const res = await gql<{ leakWatch: { version: number; terms: unknown[]; history: { action: string; actor: string; summary: string }[] } }>(gateway.url, ADMIN_KEY, LEAK_WATCH);
    expect(res.errors).toBeUndefined();
    expect(res.data?.leakWatch).toMatchObject({ version: 1, lists: [], terms: [{ expression: '"Проект Сокол"', always: false, severity: null }] });
    expect(res.data?.leakWatch.history).toMatchObject([{ action: 'seed', actor: 'seed:ALERT_LEAK_WATCH', entity: 'seed', summary: 'imported ALERT_LEAK_WATCH: 0 accounts, 1 terms' }]);
    const analyst = await gql(gateway.url, analystKey, LEAK_WATCH);
    expect(analyst.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const change = await gql(gateway.url, analystKey, `mutation { createConfidentialTerm(input: { expression: "x" }) { id } }`);
    expect(change.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('a list and a term added over GraphQL raise an alert on the next matching mention, saying why', async () => {
    const bad = await gql(gateway.url, ADMIN_KEY, `mutation { createConfidentialTerm(input: { expression: "ORION AND (" }) { id } }`);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_QUERY', field: 'input.expression', position: 11 });
    const list = await gql<{ createWatchList: { id: string; accounts: { handle: string }[] } }>(
      gateway.url,
      ADMIN_KEY,
      `mutation { createWatchList(input: { name: "Employees", accounts: [{ source: vk, handle: "@Ivan.Petrov" }] }) { id accounts { handle } } }`,
    );
    expect(list.data?.createWatchList.accounts).toEqual([{ handle: 'ivan.petrov' }]);
    const term = await gql(gateway.url, ADMIN_KEY, `mutation { createConfidentialTerm(input: { expression: "ORION-7 -вакансия", always: true }) { id expression always } }`);
    expect(term.errors).toBeUndefined();

    await gateway.bus.publish(TOPICS.scoredMentions, [
      post('l1', 'Коллеги, проекта Сокол в этом квартале не будет', 'ivan.petrov'),
      post('l2', 'слили спеку ORION-7 до релиза', 'stranger'),
      post('l3', 'вакансия: инженер ORION-7', 'hr_bot'),
      post('l4', 'Проект Сокол — интересное название', 'stranger'),
    ]);
    const alerts = await waitFor('leak alerts', async () => {
      const res = await gql<{ alerts: { mentionId: string }[] }>(gateway.url, analystKey, LEAK_ALERTS);
      return (res.data?.alerts.length ?? 0) >= 2 ? res.data!.alerts : undefined;
    });
    const byMention = new Map(alerts.map((a) => [a.mentionId, a]));
    expect([...byMention.keys()].sort()).toEqual([idOf('l1'), idOf('l2')].sort());
    expect(byMention.get(idOf('l1'))).toMatchObject({ severity: 'critical', watchedAccount: true, watchLists: ['Employees'], matchedTerms: ['"Проект Сокол"'], evidence: ['проекта Сокол'] });
    expect(byMention.get(idOf('l2'))).toMatchObject({ severity: 'high', watchedAccount: false, watchLists: [], matchedTerms: ['ORION-7 -вакансия'], evidence: ['ORION-7'] });

    const history = await gql<{ leakWatch: { version: number; history: { action: string; actor: string; summary: string }[] } }>(gateway.url, ADMIN_KEY, LEAK_WATCH);
    expect(history.data?.leakWatch.version).toBe(3);
    expect(history.data?.leakWatch.history.map((h) => [h.action, h.actor, h.summary])).toEqual([
      ['create', 'bootstrap (PULSE_BOOTSTRAP_KEY)', 'added term ORION-7 -вакансия, from anyone'],
      ['create', 'bootstrap (PULSE_BOOTSTRAP_KEY)', 'added watch list “Employees”: 1 account'],
      ['seed', 'seed:ALERT_LEAK_WATCH', 'imported ALERT_LEAK_WATCH: 0 accounts, 1 terms'],
    ]);
  });
});
