import { alertSchema } from '@pulse/contracts';
import { describe, expect, it } from 'vitest';
import { LeakWatchMatcher, type LeakCandidate } from './leak-watch.matcher.js';
import type { ConfidentialTerm, WatchList } from './leak-watch.model.js';
import { termExpression } from './leak-watch.seed.js';

const NOW = Date.parse('2026-03-01T12:00:00.000Z');
const AT = '2026-03-01T00:00:00.000Z';

const list = (name: string, accounts: WatchList['accounts']): WatchList => ({ id: `wl_${name}`, name, accounts, createdAt: AT, updatedAt: AT });
const term = (expression: string, over: Partial<ConfidentialTerm> = {}): ConfidentialTerm => ({ id: `ct_${expression}`, expression, always: false, severity: null, createdAt: AT, updatedAt: AT, ...over });

function post(text: string, over: Partial<LeakCandidate> = {}): LeakCandidate {
  return {
    id: 'vk:abc',
    source: 'vk',
    text,
    author: { id: 'u1', handle: 'random_user', name: 'R', url: null },
    url: 'https://vk.com/wall-1_1',
    topicIds: ['beeline'],
    publishedAt: '2026-03-01T11:59:00.000Z',
    language: 'ru',
    ...over,
  };
}

const ivan = { id: 'u2', handle: 'Ivan.Petrov', name: 'Иван', url: null };

const matcher = new LeakWatchMatcher(
  [list('Employees', [{ source: 'vk', handle: 'ivan.petrov' }, { source: 'telegram', handle: 'insider' }]), list('Contractors', [{ source: 'vk', handle: 'ivan.petrov' }])],
  [term('"Проект Сокол"'), term('тариф AND Ёлка'), term('"ORION-7" -вакансия', { always: true }), term('кодовое NEAR/2 имя', { always: true, severity: 'critical' })],
  () => NOW,
);

describe('LeakWatchMatcher', () => {
  it('flags a watched account writing a term in any inflected form, and says why: lists, terms, the words found', () => {
    const alert = matcher.check(post('Завтра запуск проекта «Сокол», а тариф «Елка» отложили', { author: ivan }));
    expect(alert).toMatchObject({
      kind: 'leak',
      severity: 'critical',
      watchedAccount: true,
      watchLists: ['Employees', 'Contractors'],
      matchedTerms: ['"Проект Сокол"', 'тариф AND Ёлка'],
      evidence: ['проекта «Сокол', 'тариф «Елка'],
      mentionId: 'vk:abc',
      raisedAt: '2026-03-01T12:00:00.000Z',
    });
    expect(alertSchema.parse(alert)).toEqual(alert);
    expect(alert!.id).toMatch(/^leak:/);
  });

  it('ignores terms from accounts on no list, and the same handle on another source', () => {
    expect(matcher.check(post('Проект Сокол отложили'))).toBeNull();
    expect(matcher.check(post('Проект Сокол отложили', { source: 'telegram', author: ivan }))).toBeNull();
    expect(matcher.check(post('ничего секретного', { author: ivan }))).toBeNull();
  });

  it('flags an always-term from anyone as high, honours exclusions and a term’s own severity', () => {
    expect(matcher.check(post('слили спеку orion-7, вот ссылка'))).toMatchObject({ severity: 'high', watchedAccount: false, watchLists: [], matchedTerms: ['"ORION-7" -вакансия'], evidence: ['orion-7'] });
    expect(matcher.check(post('вакансия: инженер ORION-7'))).toBeNull();
    expect(matcher.check(post('ORION-7 is real', { source: 'telegram', author: { ...ivan, handle: '@INSIDER' } }))?.severity).toBe('critical');
    expect(matcher.check(post('его кодовое рабочее имя — Гроза'))?.severity).toBe('critical');
  });

  it('keeps an excerpt around the first match', () => {
    const text = `${'шум '.repeat(120)}слили ORION-7 сегодня ${'шум '.repeat(120)}`;
    const alert = matcher.check(post(text));
    expect(alert?.excerpt).toContain('ORION-7');
    expect(alert?.excerpt.startsWith('…')).toBe(true);
    expect(alert?.excerpt.endsWith('…')).toBe(true);
  });

  it('skips a stored term that no longer compiles instead of losing the watch', () => {
    const partial = new LeakWatchMatcher([], [term('ORION AND (', { always: true }), term('сокол', { always: true })]);
    expect(partial.skipped.map((s) => s.id)).toEqual(['ct_ORION AND (']);
    expect(partial.check(post('сокол'))?.matchedTerms).toEqual(['сокол']);
  });

  it('reads an environment term as a phrase of its words, whatever operators it contains', () => {
    expect(termExpression(' Проект   Сокол ')).toBe('"Проект Сокол"');
    expect(termExpression('план "Б"')).toBe('«план "Б"»');
    const seeded = new LeakWatchMatcher([], [term(termExpression('OR-7 release'), { always: true })]);
    expect(seeded.check(post('the OR-7 release slipped'))).not.toBeNull();
    expect(seeded.check(post('release OR-7'))).toBeNull();
  });
});
