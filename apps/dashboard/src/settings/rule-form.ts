import type { AlertSeverity, Intent, MentionStatus, Rule, RuleInput, SentimentLabel, Source } from '../api/api.types.js';
import { INTENT_NAMES, SOURCE_NAMES, STATUS_NAMES, TONE_NAMES } from '../ui/format.js';
import type { FieldError } from './field-errors.js';

/** Yes / no / either, for the optional boolean conditions. */
export type Tri = 'any' | 'yes' | 'no';

export interface HeaderRow {
  name: string;
  value: string;
}

/** What the rule editor holds: strings as typed, lists as ticked. */
export interface RuleForm {
  name: string;
  enabled: boolean;
  topicIds: string[];
  sentiments: SentimentLabel[];
  intents: Intent[];
  replyNeeded: Tri;
  sources: Source[];
  query: string;
  /** Comma- or space-separated, @ optional. */
  authorHandles: string;
  direct: Tri;
  includeSpam: boolean;
  /** Comma-separated. */
  addTags: string;
  setStatus: MentionStatus | '';
  assignTo: string;
  notify: AlertSeverity | '';
  helpdesk: boolean;
  helpdeskName: string;
  helpdeskUrl: string;
  headers: HeaderRow[];
  /** Write-only: empty on edit keeps the stored one. */
  secret: string;
  /** The stored route is signed (a secret is set). */
  signed: boolean;
  payloadTemplate: string;
  ticketIdField: string;
  stop: boolean;
}

export const EMPTY_RULE_FORM: RuleForm = {
  name: '',
  enabled: true,
  topicIds: [],
  sentiments: [],
  intents: [],
  replyNeeded: 'any',
  sources: [],
  query: '',
  authorHandles: '',
  direct: 'any',
  includeSpam: false,
  addTags: '',
  setStatus: '',
  assignTo: '',
  notify: '',
  helpdesk: false,
  helpdeskName: '',
  helpdeskUrl: '',
  headers: [],
  secret: '',
  signed: false,
  payloadTemplate: '',
  ticketIdField: '',
  stop: false,
};

const fromTri = (value: Tri): boolean | undefined => (value === 'any' ? undefined : value === 'yes');
const toTri = (value: boolean | null): Tri => (value === null ? 'any' : value ? 'yes' : 'no');

export function splitList(text: string): string[] {
  return [...new Set(text.split(/[,\s]+/u).map((s) => s.trim()).filter(Boolean))];
}

export function splitHandles(text: string): string[] {
  return splitList(text).map((h) => h.replace(/^@/u, '')).filter(Boolean);
}

/** A stored rule → the editor. Header values and the secret are never returned, so they start empty. */
export function ruleToForm(rule: Rule): RuleForm {
  const c = rule.conditions;
  const a = rule.actions;
  return {
    name: rule.name,
    enabled: rule.enabled,
    topicIds: [...c.topicIds],
    sentiments: [...c.sentiments],
    intents: [...c.intents],
    replyNeeded: toTri(c.replyNeeded),
    sources: [...c.sources],
    query: c.query ?? '',
    authorHandles: c.authorHandles.join(', '),
    direct: toTri(c.direct),
    includeSpam: c.includeSpam,
    addTags: a.addTags.join(', '),
    setStatus: a.setStatus ?? '',
    assignTo: a.assignTo ?? '',
    notify: a.notify ?? '',
    helpdesk: a.helpdesk !== null,
    helpdeskName: a.helpdesk?.name ?? '',
    helpdeskUrl: a.helpdesk?.url ?? '',
    headers: (a.helpdesk?.headerNames ?? []).map((name) => ({ name, value: '' })),
    secret: '',
    signed: a.helpdesk?.signed ?? false,
    payloadTemplate: a.helpdesk?.payloadTemplate ?? '',
    ticketIdField: a.helpdesk?.ticketIdField ?? '',
    stop: a.stop,
  };
}

/** The editor → RuleInput. Empty fields are left out (the API treats absent as "no condition"). */
export function formToRuleInput(form: RuleForm): RuleInput {
  const conditions: RuleInput['conditions'] = {};
  if (form.topicIds.length) conditions.topicIds = form.topicIds;
  if (form.sentiments.length) conditions.sentiments = form.sentiments;
  if (form.intents.length) conditions.intents = form.intents;
  const replyNeeded = fromTri(form.replyNeeded);
  if (replyNeeded !== undefined) conditions.replyNeeded = replyNeeded;
  if (form.sources.length) conditions.sources = form.sources;
  if (form.query.trim()) conditions.query = form.query.trim();
  const handles = splitHandles(form.authorHandles);
  if (handles.length) conditions.authorHandles = handles;
  const direct = fromTri(form.direct);
  if (direct !== undefined) conditions.direct = direct;
  if (form.includeSpam) conditions.includeSpam = true;

  const actions: RuleInput['actions'] = {};
  const tags = [...new Set(form.addTags.split(',').map((t) => t.trim()).filter(Boolean))];
  if (tags.length) actions.addTags = tags;
  if (form.setStatus) actions.setStatus = form.setStatus;
  if (form.assignTo.trim()) actions.assignTo = form.assignTo.trim();
  if (form.notify) actions.notify = form.notify;
  if (form.helpdesk) {
    const headers = form.headers.map((h) => ({ name: h.name.trim(), value: h.value }));
    actions.helpdesk = {
      name: form.helpdeskName.trim(),
      url: form.helpdeskUrl.trim(),
      ...(headers.length ? { headers } : {}),
      ...(form.secret ? { secret: form.secret } : {}),
      ...(form.payloadTemplate.trim() ? { payloadTemplate: form.payloadTemplate } : {}),
      ...(form.ticketIdField.trim() ? { ticketIdField: form.ticketIdField.trim() } : {}),
    };
  }
  if (form.stop) actions.stop = true;
  return { name: form.name.trim(), enabled: form.enabled, conditions, actions };
}

/** Drops header rows left blank, so the rows' indices are the ones the server will name. */
export function compactRuleForm(form: RuleForm): RuleForm {
  const headers = form.headers.filter((h) => h.name.trim() || h.value);
  return headers.length === form.headers.length ? form : { ...form, headers };
}

/**
 * What the page can tell before asking the server: header values are never shown again, so a
 * kept header row needs its value typed anew.
 */
export function checkRuleForm(form: RuleForm): FieldError | undefined {
  if (!form.name.trim()) return { key: 'name', message: 'A rule needs a name.' };
  if (!form.helpdesk) return undefined;
  const index = form.headers.findIndex((h) => h.name.trim() && !h.value);
  if (index >= 0) return { key: `actions.helpdesk.headers.${index}.value`, message: 'Enter the value (stored values are never shown; saving replaces them).' };
  return undefined;
}

const quote = (s: string) => `“${s}”`;

/** One line: "When … → …" for the list. */
export function ruleSummary(rule: Rule, topicNames: ReadonlyMap<string, string>): string {
  const c = rule.conditions;
  const when: string[] = [];
  if (c.topicIds.length) when.push(`topic ${c.topicIds.map((id) => topicNames.get(id) ?? id).join(' or ')}`);
  if (c.sentiments.length) when.push(c.sentiments.map((s) => TONE_NAMES[s].toLowerCase()).join(' or '));
  if (c.intents.length) when.push(c.intents.map((i) => INTENT_NAMES[i].toLowerCase()).join(' or '));
  if (c.replyNeeded !== null) when.push(c.replyNeeded ? 'needs a reply' : 'no reply needed');
  if (c.sources.length) when.push(`from ${c.sources.map((s) => SOURCE_NAMES[s] ?? s).join(' or ')}`);
  if (c.query) when.push(`matching ${quote(c.query)}`);
  if (c.authorHandles.length) when.push(`by ${c.authorHandles.map((h) => `@${h}`).join(', ')}`);
  if (c.direct !== null) when.push(c.direct ? 'direct' : 'not direct');
  if (c.includeSpam) when.push('spam included');

  const a = rule.actions;
  const then: string[] = [];
  if (a.addTags.length) then.push(`tag ${a.addTags.join(', ')}`);
  if (a.setStatus) then.push(`set ${STATUS_NAMES[a.setStatus]}`);
  if (a.assignTo) then.push(`assign to ${a.assignTo}`);
  if (a.notify) then.push(`notify (${a.notify})`);
  if (a.helpdesk) then.push(`send to ${a.helpdesk.name}${a.helpdesk.signed ? ' (signed)' : ''}`);
  if (a.stop) then.push('stop');

  return `${when.length ? `When ${when.join(', ')}` : 'Every new mention'} → ${then.length ? then.join(', ') : 'nothing'}`;
}

/** The keys of the editor's fields, for placing server errors. */
export function ruleFieldKeys(form: RuleForm): string[] {
  const keys = [
    'name',
    'enabled',
    'conditions',
    'conditions.topicIds',
    'conditions.sentiments',
    'conditions.intents',
    'conditions.replyNeeded',
    'conditions.sources',
    'conditions.query',
    'conditions.authorHandles',
    'conditions.direct',
    'conditions.includeSpam',
    'actions',
    'actions.addTags',
    'actions.setStatus',
    'actions.assignTo',
    'actions.notify',
    'actions.helpdesk',
    'actions.helpdesk.name',
    'actions.helpdesk.url',
    'actions.helpdesk.headers',
    'actions.helpdesk.secret',
    'actions.helpdesk.payloadTemplate',
    'actions.helpdesk.ticketIdField',
    'actions.stop',
  ];
  form.headers.forEach((_, i) => keys.push(`actions.helpdesk.headers.${i}.name`, `actions.helpdesk.headers.${i}.value`));
  return keys;
}
