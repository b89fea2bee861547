import type { TrackedTopic } from '@pulse/contracts';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TOPICS, topicQuery } from '@pulse/query';
import { TopicRegistry, keywordsToQuery } from './topic-registry.service.js';

const topic = (over: Partial<TrackedTopic>): TrackedTopic => ({
  id: 'mts',
  name: 'МТС',
  keywords: ['МТС'],
  query: null,
  ownAccounts: [],
  status: 'active',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  ...over,
});

describe('TopicRegistry', () => {
  it('matches active topics only and ignores stale replays', () => {
    const registry = new TopicRegistry();
    registry.apply([topic({})]);
    expect(registry.match({ text: 'МТС опять лежит' })).toHaveLength(1);
    registry.apply([topic({ status: 'paused', updatedAt: '2026-11-02T00:00:00.000Z' })]);
    expect(registry.match({ text: 'МТС опять лежит' })).toHaveLength(0);
    registry.apply([topic({ status: 'active', updatedAt: '2026-11-01T12:00:00.000Z' })]);
    expect(registry.match({ text: 'МТС опять лежит' })).toHaveLength(0);
    registry.apply([topic({ status: 'deleted', updatedAt: '2026-11-03T00:00:00.000Z' })]);
    expect(registry.active()).toEqual([]);
  });

  it('matches keywords in inflected forms and reports them as written', () => {
    const registry = new TopicRegistry();
    registry.apply([topic({ id: 'beeline', keywords: ['Билайн', 'Beeline'] }), topic({ id: 'bofa', keywords: ['Bank of America'] })]);
    expect(registry.match({ text: 'Ушёл от Билайна в Bank of America' })).toEqual([
      { topicId: 'beeline', terms: ['Билайн'] },
      { topicId: 'bofa', terms: ['Bank of America'] },
    ]);
    expect(registry.match({ text: 'my purchase arrived' })).toEqual([]);
  });

  it('uses a topic query, with exclusions and field filters, instead of its keywords', () => {
    const registry = new TopicRegistry();
    registry.apply([topic({ id: 'beeline', keywords: [], query: 'Билайн OR Beeline -вакансии' })]);
    expect(registry.match({ text: 'Билайн опять без связи', source: 'vk' })).toHaveLength(1);
    expect(registry.match({ text: 'Билайн: новые вакансии', source: 'vk' })).toHaveLength(0);
    registry.apply([topic({ id: 'vk-only', keywords: [], query: 'интернет NEAR/3 нет source:vk' })]);
    expect(registry.match({ text: 'интернета опять нет', source: 'vk' }).map((m) => m.topicId)).toEqual(['vk-only']);
    expect(registry.match({ text: 'интернета опять нет', source: 'telegram' })).toEqual([]);
  });

  it('skips a topic whose query does not compile and reports it', () => {
    const invalid: string[] = [];
    const registry = new TopicRegistry((t) => invalid.push(t.id));
    registry.apply([topic({ id: 'broken', keywords: [], query: '(Билайн OR' }), topic({})]);
    expect(invalid).toEqual(['broken']);
    expect(registry.match({ text: 'МТС' }).map((m) => m.topicId)).toEqual(['mts']);
  });

  it('builds keyword queries that survive quotes in keywords', () => {
    expect(keywordsToQuery(['"МТС"', 'AT&T', ' '])).toBe('"МТС" OR "AT&T"');
  });

  it('matches brand names the stemmer does not know, in every case, and through look-alike letters', () => {
    const registry = new TopicRegistry();
    registry.apply([topic({ id: 'rostelecom', keywords: ['Ростелеком'] }), topic({ id: 'sber', keywords: ['Сбер'] })]);
    expect(registry.match({ text: 'Ростелекома техники пришли вовремя' }).map((m) => m.topicId)).toEqual(['rostelecom']);
    expect(registry.match({ text: 'Сбеp опять поднял комиссию' })).toEqual([{ topicId: 'sber', terms: ['Сбер'] }]);
    expect(registry.match({ text: 'Все сбережения ушли на ремонт' })).toEqual([]);
  });

  it('runs the default topic definitions from @pulse/query as queries', () => {
    const registry = new TopicRegistry();
    registry.apply(DEFAULT_TOPICS.map((t) => topic({ id: t.id, name: t.name, keywords: t.keywords, query: topicQuery(t) })));
    expect(registry.match({ text: '#билайнотстой, а в МТСе хоть отвечают' }).map((m) => m.topicId)).toEqual(['mts', 'beeline']);
    expect(registry.match({ text: 'Привезли из Турции магнит на холодильник' })).toEqual([]);
  });
});
