import { buildSchema, type GraphQLInputType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../mentions/mention-cursor.js';
import { helpdeskHeaderSchema } from '../rules/rule.model.js';
import { scanArgument, unknownTopics } from './argument.guard.js';
import { dateTimeProblem, idProblem, textProblem } from './input-checks.js';

describe('input checks', () => {
  it('refuses every control character in ids, and all but tab and line breaks in text', () => {
    expect(idProblem('mts')).toBeNull();
    expect(idProblem('Пётр_1')).toBeNull();
    for (const bad of ['a\u0000b', 'a\tb', 'a\nb', '\u007f', '\u0085']) expect(idProblem(bad), JSON.stringify(bad)).not.toBeNull();
    expect(textProblem('line one\nline two\tcolumn\r\n')).toBeNull();
    for (const bad of ['\u0000', 'a\u0007', '\u001b[31m', '\u009b']) expect(textProblem(bad), JSON.stringify(bad)).not.toBeNull();
  });

  it('accepts real ISO dates with a zone between 1970 and 2999 only', () => {
    expect(dateTimeProblem('2026-03-01T12:00:00Z')).toBeNull();
    expect(dateTimeProblem('2024-02-29T00:00:00+03:00')).toBeNull();
    for (const bad of ['0000-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '3000-01-01T00:00:00Z', '2020-02-30T00:00:00Z', '+275760-09-13T00:00:00.000Z', '2026-03-01T12:00:00', '1', 'yesterday']) {
      expect(dateTimeProblem(bad), bad).not.toBeNull();
    }
  });

  it('decodes only cursors whose position the store could hold', () => {
    const good = encodeCursor({ publishedAt: '2026-03-01T12:00:00.000Z', id: 'vk:abc' });
    expect(decodeCursor(good)).toEqual({ publishedAt: '2026-03-01T12:00:00.000Z', id: 'vk:abc' });
    const forged = (position: unknown[]): string => Buffer.from(JSON.stringify(position)).toString('base64url');
    for (const position of [['2020-02-30', 'x'], ['+275760-09-13T00:00:00.000Z', 'x'], ['-000001-01-01T00:00:00.000Z', 'x'], ['2026-03-01T00:00:00.000Z', 'a\u0000b'], ['2026-03-01T00:00:00.000Z', 'x'.repeat(129)]]) {
      expect(() => decodeCursor(forged(position)), JSON.stringify(position)).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR' }));
    }
  });

  it('accepts helpdesk headers HTTP can carry and refuses the rest', () => {
    expect(helpdeskHeaderSchema.safeParse({ name: 'Authorization', value: 'Basic c3VwOnNlY3JldA==' }).success).toBe(true);
    for (const header of [{ name: 'Authorization', value: 'Bearer ключ' }, { name: 'X-A', value: 'a\r\nX-B: 1' }, { name: 'X A', value: 'a' }, { name: 'Заголовок', value: 'a' }, { name: 'Host', value: 'evil' }]) {
      expect(helpdeskHeaderSchema.safeParse(header).success, JSON.stringify(header)).toBe(false);
    }
  });
});

describe('scanArgument: argument problems and topic references from the GraphQL types', () => {
  const schema = buildSchema(`
    scalar DateTime
    input Filter { topicIds: [ID!] handle: String from: DateTime nested: Filter }
    type Query { q(filter: Filter, id: ID, topicIds: [ID!], text: String): Int }
  `);
  const arg = (name: string): GraphQLInputType => schema.getQueryType()!.getFields()['q']!.args.find((a) => a.name === name)!.type;

  it('names the first bad field by its path', () => {
    expect(scanArgument(arg('filter'), { handle: 'a\u0000' }, 'filter').problem).toMatchObject({ field: 'filter.handle' });
    expect(scanArgument(arg('filter'), { nested: { topicIds: ['a\u0001'] } }, 'filter').problem).toMatchObject({ field: 'filter.nested.topicIds' });
    expect(scanArgument(arg('filter'), { from: '0000-01-01T00:00:00.000Z' }, 'filter').problem).toMatchObject({ field: 'filter.from' });
    expect(scanArgument(arg('id'), 'a\u0000', 'id').problem).toMatchObject({ field: 'id' });
    expect(scanArgument(arg('text'), 'two\nlines', 'text').problem).toBeNull();
  });

  it('collects topic ids with their field, and reports the unknown ones of the first field', () => {
    const scan = scanArgument(arg('filter'), { topicIds: ['mts', 'nope', 'nope'] }, 'filter');
    scanArgument(arg('topicIds'), ['other'], 'topicIds', scan);
    expect(scan.topicRefs).toEqual([
      { field: 'filter.topicIds', id: 'mts' },
      { field: 'filter.topicIds', id: 'nope' },
      { field: 'filter.topicIds', id: 'nope' },
      { field: 'topicIds', id: 'other' },
    ]);
    const error = unknownTopics(scan.topicRefs, [{ id: 'mts' } as never, null, null, null]);
    expect(error).toMatchObject({ code: 'NOT_FOUND', details: { field: 'filter.topicIds' } });
    expect(error?.message).toContain('"nope"');
    expect(error?.message).not.toContain('"other"');
    expect(unknownTopics(scan.topicRefs, [{} as never, {} as never, {} as never, {} as never])).toBeNull();
  });
});
