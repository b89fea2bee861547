import { describe, expect, it } from 'vitest';
import { accountsSummary, listToForm, parseAccounts, termInput } from './leak-watch-form.js';

describe('leak watch forms', () => {
  it('reads one account a line, with or without @ and a colon, by source id or name', () => {
    expect(parseAccounts('vk ivan.petrov\n\n  telegram:@insider \nX @leaker\nVK: @Anna')).toEqual({
      accounts: [
        { source: 'vk', handle: 'ivan.petrov' },
        { source: 'telegram', handle: '@insider' },
        { source: 'twitter', handle: '@leaker' },
        { source: 'vk', handle: '@Anna' },
      ],
    });
  });

  it('names the first line it cannot read', () => {
    expect(parseAccounts('vk ivan\nmyspace tom')).toMatchObject({ line: 2, message: expect.stringContaining('line 2') });
    expect(parseAccounts('ivan.petrov')).toMatchObject({ line: 1 });
  });

  it('round-trips a stored list through the form, and summarises it', () => {
    const list = { id: 'wl_1', name: 'Employees', updatedAt: '2026-03-02T10:00:00Z', accounts: [{ source: 'vk' as const, handle: 'ivan.petrov' }, { source: 'telegram' as const, handle: 'insider' }] };
    expect(listToForm(list)).toEqual({ name: 'Employees', accounts: 'vk @ivan.petrov\ntelegram @insider' });
    expect(parseAccounts(listToForm(list).accounts)).toEqual({ accounts: [{ source: 'vk', handle: '@ivan.petrov' }, { source: 'telegram', handle: '@insider' }] });
    expect(accountsSummary(list)).toBe('2 accounts: VK @ivan.petrov, Telegram @insider');
    expect(accountsSummary({ ...list, accounts: [] })).toBe('no accounts yet');
  });

  it('sends the default severity by leaving it out', () => {
    expect(termInput({ expression: ' "Проект Сокол" ', always: true, severity: '' })).toEqual({ expression: '"Проект Сокол"', always: true });
    expect(termInput({ expression: 'x', always: false, severity: 'critical' })).toEqual({ expression: 'x', always: false, severity: 'critical' });
  });
});
