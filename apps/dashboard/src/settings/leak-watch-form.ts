import type { AlertSeverity, LeakWatchQuery, Source, WatchListInput } from '../api/api.generated.js';
import { SOURCES } from '../api/api.types.js';
import { SOURCE_NAMES } from '../ui/format.js';

export type LeakWatch = LeakWatchQuery['leakWatch'];
export type WatchList = LeakWatch['lists'][number];
export type ConfidentialTerm = LeakWatch['terms'][number];

/** One account a line: `vk ivan.petrov`, `vk:@ivan.petrov` or `telegram @insider`. */
export interface WatchListForm {
  name: string;
  accounts: string;
}

export interface TermForm {
  expression: string;
  always: boolean;
  /** '' = the default (critical from a watched account, high from anyone). */
  severity: '' | AlertSeverity;
}

export const EMPTY_LIST_FORM: WatchListForm = { name: '', accounts: '' };
export const EMPTY_TERM_FORM: TermForm = { expression: '', always: false, severity: '' };

const BY_NAME = new Map<string, Source>([...SOURCES.map((s) => [s, s] as const), ...SOURCES.map((s) => [SOURCE_NAMES[s].toLowerCase(), s] as const), ['x', 'twitter']]);

export function listToForm(list: WatchList): WatchListForm {
  return { name: list.name, accounts: list.accounts.map((a) => `${a.source} @${a.handle}`).join('\n') };
}

export function termToForm(term: ConfidentialTerm): TermForm {
  return { expression: term.expression, always: term.always, severity: term.severity ?? '' };
}

/**
 * The accounts text as the API's input, or the first line that cannot be read (1-based), so the
 * form can say which line to fix before anything is sent.
 */
export function parseAccounts(text: string): { accounts: WatchListInput['accounts'] } | { line: number; message: string } {
  const accounts: WatchListInput['accounts'] = [];
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const match = /^([A-Za-z]+)\s*[:\s]\s*(\S+)$/u.exec(line);
    const source = match ? BY_NAME.get(match[1]!.toLowerCase()) : undefined;
    if (!match || !source) return { line: index + 1, message: `line ${index + 1}: write “source handle”, e.g. “vk ivan.petrov” (sources: ${SOURCES.join(', ')})` };
    accounts.push({ source, handle: match[2]! });
  }
  return { accounts };
}

export function termInput(form: TermForm): { expression: string; always: boolean; severity?: AlertSeverity } {
  return { expression: form.expression.trim(), always: form.always, ...(form.severity ? { severity: form.severity } : {}) };
}

/** "3 accounts: VK @ivan.petrov, Telegram @insider, …" for the list's row. */
export function accountsSummary(list: WatchList, shown = 4): string {
  const n = list.accounts.length;
  if (n === 0) return 'no accounts yet';
  const names = list.accounts.slice(0, shown).map((a) => `${SOURCE_NAMES[a.source]} @${a.handle}`);
  return `${n} account${n === 1 ? '' : 's'}: ${names.join(', ')}${n > shown ? ', …' : ''}`;
}
