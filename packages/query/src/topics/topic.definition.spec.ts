import { describe, expect, it } from 'vitest';
import { compileQuery } from '../matching/query.compiler.js';
import { DEFAULT_TOPICS } from './default-topics.js';
import { topicAliases, topicQuery, type TopicDefinition } from './topic.definition.js';

const topic = (over: Partial<TopicDefinition>): TopicDefinition => ({ id: 't', name: 'T', keywords: ['Билайн'], ...over });

describe('topicQuery', () => {
  it('quotes keywords, keeps prefixes, glues, adds queries and excludes', () => {
    expect(
      topicQuery(topic({ keywords: ['Альфа-Банк', 'сберовск*', 'AT&T'], glued: ['Альфа Банк'], queries: ['chase NEAR/2 card'], exclude: ['"альфа версия"'] })),
    ).toBe('("Альфа-Банк" OR сберовск* OR "AT&T" OR *Альфа-Банк* OR (chase NEAR/2 card)) -("альфа версия")');
  });

  it('adds transliteration aliases only when asked, and lists them', () => {
    expect(topicQuery(topic({ keywords: ['Amazon'] }))).toBe('"Amazon"');
    expect(topicAliases(topic({ keywords: ['Amazon', 'Амазон'] }))).toEqual([]);
    expect(topicQuery(topic({ keywords: ['Amazon'], transliterate: true }))).toBe('("Amazon" OR "амазон")');
  });

  it('rejects a topic with nothing to match', () => {
    expect(() => topicQuery(topic({ keywords: ['""'] }))).toThrow(RangeError);
  });

  it('excludes a false friend but not the brand', () => {
    const magnit = compileQuery(topicQuery(DEFAULT_TOPICS.find((t) => t.id === 'magnit')!));
    expect(magnit.matches({ text: 'Привезли магнит на холодильник' })).toBe(false);
    expect(magnit.matches({ text: 'В Магните очередь' })).toBe(true);
  });

  it('every default topic compiles, with a unique id', () => {
    expect(new Set(DEFAULT_TOPICS.map((t) => t.id)).size).toBe(DEFAULT_TOPICS.length);
    for (const t of DEFAULT_TOPICS) expect(() => compileQuery(topicQuery(t))).not.toThrow();
  });
});
