import { describe, expect, it } from 'vitest';
import { Params } from '../database/sql.helpers.js';
import { filterClauses } from './mention-filter.semantics.js';
import type { MentionFilter } from './mention.model.js';

// Required<>: a new MentionFilter field does not compile here until it has a meaning.
const every: Required<MentionFilter> = {
  topicIds: ['mts'],
  sentiments: ['negative'],
  sources: ['vk'],
  languages: ['ru'],
  from: '2026-03-01T00:00:00.000Z',
  to: '2026-03-02T00:00:00.000Z',
  search: 'интернет',
  authorHandle: 'ivan',
  includeSpam: false,
  includeDuplicates: false,
  intents: ['complaint'],
  replyNeeded: true,
  statuses: ['new'],
  assignee: 'anna',
  unassigned: false,
  tags: ['vip'],
};

describe('filter semantics: one definition per field', () => {
  it('gives every constrained field a SQL condition, and every field of the payload an in-memory test', () => {
    const clauses = filterClauses(every);
    // 16 fields: includeSpam and includeDuplicates share one clause, unassigned=false constrains nothing.
    expect(clauses).toHaveLength(14);
    const params = new Params();
    expect(clauses.map((c) => c.sql(params)).every((sql) => sql.length > 0)).toBe(true);
    // Workflow fields (statuses, assignee, tags) live beside the mention: no in-memory test.
    expect(clauses.filter((c) => c.test === undefined)).toHaveLength(3);
  });

  it('means no constraint for empty lists and blank strings, as an omitted argument', () => {
    expect(filterClauses({ topicIds: [], sources: [], search: '  ', authorHandle: '', assignee: ' ', includeSpam: true, includeDuplicates: true })).toEqual([]);
  });
});
