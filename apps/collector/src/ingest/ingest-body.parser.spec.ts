import { describe, expect, it } from 'vitest';
import { CollectorError } from '../errors/collector.errors.js';
import { ingestMediaType, parseIngestBody } from './ingest-body.parser.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof CollectorError ? error.code : 'other';
  }
  return undefined;
}

describe('parseIngestBody', () => {
  it('reads arrays, single objects and NDJSON', () => {
    expect(parseIngestBody('[{"a":1},{"a":2}]', 'application/json', 10)).toEqual([{ a: 1 }, { a: 2 }]);
    expect(parseIngestBody('{"a":1}', undefined, 10)).toEqual([{ a: 1 }]);
    expect(parseIngestBody('{"a":1}\n\n{"a":2}\n', 'application/x-ndjson', 10)).toEqual([{ a: 1 }, { a: 2 }]);
    expect(parseIngestBody('{"a":1}\n{"a":2}', 'application/json', 10)).toHaveLength(2);
  });

  it('rejects bad bodies with a code and a position', () => {
    expect(codeOf(() => parseIngestBody('  ', 'application/json', 10))).toBe('EMPTY_BODY');
    expect(codeOf(() => parseIngestBody('[]', 'application/json', 10))).toBe('EMPTY_BODY');
    expect(codeOf(() => parseIngestBody('[{"a":1},', 'application/json', 10))).toBe('MALFORMED_JSON');
    expect(codeOf(() => parseIngestBody('[1,2,3]', 'application/json', 2))).toBe('TOO_MANY_ITEMS');
    expect(codeOf(() => parseIngestBody('<xml/>', 'application/xml', 2))).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(() => parseIngestBody('{"a":1}\n{oops', 'application/x-ndjson', 10)).toThrow(/line 2/);
  });

  it('accepts UTF-8 only, whatever the spelling of the charset parameter', () => {
    expect(ingestMediaType('application/json; charset=utf-8')).toBe('application/json');
    expect(ingestMediaType('Application/JSON;Charset="UTF8"')).toBe('application/json');
    expect(ingestMediaType(undefined)).toBe('');
    expect(codeOf(() => ingestMediaType('application/json; charset=latin1'))).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(codeOf(() => ingestMediaType('application/json; charset=utf-16'))).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(codeOf(() => ingestMediaType('multipart/form-data; boundary=x'))).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});
