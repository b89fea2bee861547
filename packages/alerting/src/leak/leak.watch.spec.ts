import { describe, expect, it } from 'vitest';
import { alertSchema } from '../alerts/alert.schema.js';
import { LeakWatch, type LeakCandidate } from './leak.watch.js';

const NOW = Date.parse('2026-03-01T12:00:00.000Z');

function mention(text: string, overrides: Partial<LeakCandidate> = {}): LeakCandidate {
  return {
    id: 'vk:abc',
    source: 'vk',
    text,
    author: { handle: 'random_user' },
    url: 'https://vk.com/wall-1_1',
    topicIds: ['beeline'],
    publishedAt: '2026-03-01T11:59:00.000Z',
    ...overrides,
  };
}

const watch = new LeakWatch(
  {
    accounts: [{ source: 'vk', handle: '@Ivan.Petrov' }, { source: 'telegram', handle: 'insider' }],
    terms: [{ term: 'Проект Сокол' }, { term: 'тариф Ёлка' }, { term: 'Q3 forecast' }, { term: 'ORION-7', always: true }],
  },
  { clock: () => NOW },
);

describe('LeakWatch', () => {
  it('flags a watched account posting a confidential term, ignoring case, ё and the handle @', () => {
    const alert = watch.check(mention('Завтра запускаем ТАРИФ елка, а проект  сокол отложили', { author: { handle: 'ivan.petrov' } }));
    expect(alert).toMatchObject({
      kind: 'leak',
      severity: 'critical',
      watchedAccount: true,
      matchedTerms: ['Проект Сокол', 'тариф Ёлка'],
      mentionId: 'vk:abc',
      raisedAt: '2026-03-01T12:00:00.000Z',
    });
    expect(alertSchema.parse(alert)).toEqual(alert);
    expect(alert!.id).toMatch(/^leak:/);
  });

  it('matches whole words only', () => {
    const author = { handle: 'Ivan.Petrov' };
    expect(watch.check(mention('Проект Соколов закрыт', { author }))).toBeNull();
    expect(watch.check(mention('суперпроект сокол', { author }))).toBeNull();
    expect(watch.check(mention('«Проект Сокол»!', { author }))?.matchedTerms).toEqual(['Проект Сокол']);
  });

  it('ignores confidential terms from accounts not on the list, and the same handle on another source', () => {
    expect(watch.check(mention('Проект Сокол отложили'))).toBeNull();
    expect(watch.check(mention('Проект Сокол отложили', { source: 'telegram', author: { handle: 'ivan.petrov' } }))).toBeNull();
    expect(watch.check(mention('ничего секретного', { author: { handle: 'ivan.petrov' } }))).toBeNull();
  });

  it('flags an always term from anyone as high, and as critical from a watched account', () => {
    expect(watch.check(mention('слили спеку orion-7, вот ссылка'))).toMatchObject({ severity: 'high', watchedAccount: false, matchedTerms: ['ORION-7'] });
    expect(watch.check(mention('ORION-7 is real', { source: 'telegram', author: { handle: 'INSIDER' } }))?.severity).toBe('critical');
  });

  it('honours a per-term severity and keeps an excerpt around the match', () => {
    const custom = new LeakWatch({ terms: [{ term: 'codename', always: true, severity: 'critical' }] }, { clock: () => NOW, excerptLength: 40 });
    const text = `${'x '.repeat(100)}the codename leaked ${'y '.repeat(100)}`;
    const alert = custom.check(mention(text));
    expect(alert?.severity).toBe('critical');
    expect(alert?.excerpt).toContain('codename');
    expect(alert?.excerpt.startsWith('…')).toBe(true);
    expect(alert?.excerpt.endsWith('…')).toBe(true);
  });

  it('rejects an empty term', () => {
    expect(() => new LeakWatch({ terms: [{ term: '  ' }] })).toThrow();
  });
});
