import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY_LANGUAGE } from './query-language.port.js';

describe('DEFAULT_QUERY_LANGUAGE', () => {
  it('validates with the position and what was expected', () => {
    expect(DEFAULT_QUERY_LANGUAGE.validate('(Билайн OR Beeline) -вакансии')).toEqual({ ok: true });
    const invalid = DEFAULT_QUERY_LANGUAGE.validate('(Билайн OR');
    expect(invalid.ok).toBe(false);
    expect(invalid.ok === false && invalid.error.position).toBe(10);
  });

  it('matches live mentions with morphology, exclusions and field filters', () => {
    const q = DEFAULT_QUERY_LANGUAGE.compileSearch('провайдер -сбой source:vk');
    expect(q.matches({ text: 'Провайдера опять нет', source: 'vk' })).toBe(true);
    expect(q.matches({ text: 'Провайдера опять нет', source: 'telegram' })).toBe(false);
    expect(q.matches({ text: 'провайдер и сбой сети', source: 'vk' })).toBe(false);
  });
});
