import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { graphqlMediaTypeProblem } from './graphql-body.middleware.js';
import { assertMayIntrospect, readsSchema } from './introspection.check.js';

describe('introspection needs read', () => {
  it('finds __schema and __type in fields, fragments and inline fragments, not __typename', () => {
    expect(readsSchema(parse('{ __schema { types { name } } }'))).toBe(true);
    expect(readsSchema(parse('{ ... on Query { __type(name: "X") { name } } }'))).toBe(true);
    expect(readsSchema(parse('query { ...A } fragment A on Query { ...B } fragment B on Query { __schema { queryType { name } } }'))).toBe(true);
    expect(readsSchema(parse('{ topics { __typename id } }'))).toBe(false);
    expect(readsSchema(parse('query { ...A } fragment A on Query { ...A }'))).toBe(false);
  });

  it('refuses an ingest key and a missing principal, allows roles that read', () => {
    const doc = parse('{ __schema { queryType { name } } }');
    expect(() => assertMayIntrospect({ keyId: 'k', keyName: 'k', role: 'ingest' }, doc)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => assertMayIntrospect(undefined, doc)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => assertMayIntrospect({ keyId: 'k', keyName: 'k', role: 'viewer' }, doc)).not.toThrow();
    expect(() => assertMayIntrospect({ keyId: 'k', keyName: 'k', role: 'ingest' }, parse('{ __typename }'))).not.toThrow();
  });
});

describe('/graphql media type', () => {
  it('takes JSON in UTF-8 only', () => {
    expect(graphqlMediaTypeProblem('application/json')).toBeNull();
    expect(graphqlMediaTypeProblem('Application/JSON; charset="UTF-8"')).toBeNull();
    for (const bad of [undefined, 'text/plain', 'application/json; charset=latin1', 'application/x-www-form-urlencoded', 'application/graphql', `x/${'y'.repeat(4096)}`]) {
      expect(graphqlMediaTypeProblem(bad), String(bad).slice(0, 40)).not.toBeNull();
    }
  });
});
