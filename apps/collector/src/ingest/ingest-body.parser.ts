import { CollectorError } from '../errors/collector.errors.js';

const MEDIA_TYPES = ['application/json', 'application/x-ndjson', 'application/ndjson', 'application/jsonl', 'text/plain'];

/**
 * The media type of an ingest request, checked from the header before the body is read:
 * one of the JSON types (or none), and UTF-8 — the body is decoded as UTF-8, so a request
 * declaring latin1 would be silently mangled, not read as sent.
 */
export function ingestMediaType(contentType: string | undefined): string {
  const [rawType = '', ...params] = (contentType ?? '').split(';');
  const type = rawType.trim().toLowerCase();
  if (type !== '' && !MEDIA_TYPES.includes(type)) {
    throw new CollectorError('UNSUPPORTED_MEDIA_TYPE', `unsupported content type ${JSON.stringify(type.slice(0, 100))}: use application/json or application/x-ndjson`);
  }
  for (const param of params) {
    const [name = '', value = ''] = param.split('=');
    if (name.trim().toLowerCase() !== 'charset') continue;
    const charset = value.trim().replace(/^"(.*)"$/, '$1').toLowerCase();
    if (charset !== 'utf-8' && charset !== 'utf8') {
      throw new CollectorError('UNSUPPORTED_MEDIA_TYPE', `unsupported charset ${JSON.stringify(charset.slice(0, 50))}: send UTF-8 (charset=utf-8) or leave the charset out`);
    }
  }
  return type;
}

/**
 * Accepts what webhook senders and scripts actually send: a JSON array, a single JSON
 * object, or NDJSON (one object a line). Malformed JSON fails the whole request with the
 * position, because a half-parsed body would silently drop the rest.
 */
export function parseIngestBody(body: string, contentType: string | undefined, maxItems: number): unknown[] {
  const type = ingestMediaType(contentType);
  const trimmed = body.trim();
  if (trimmed.length === 0) throw new CollectorError('EMPTY_BODY', 'request body is empty: send a JSON array, a JSON object or NDJSON');
  const ndjson = type.includes('ndjson') || type === 'application/jsonl' || (!trimmed.startsWith('[') && trimmed.includes('\n'));
  let items: unknown[];
  if (ndjson) {
    items = [];
    const lines = trimmed.split('\n');
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      try {
        items.push(JSON.parse(line));
      } catch (error) {
        throw new CollectorError('MALFORMED_JSON', `line ${index + 1} is not valid JSON: ${(error as Error).message}`, { cause: error });
      }
    });
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      throw new CollectorError('MALFORMED_JSON', `body is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
    items = Array.isArray(parsed) ? parsed : [parsed];
  }
  if (items.length === 0) throw new CollectorError('EMPTY_BODY', 'no mentions in the request body');
  if (items.length > maxItems) {
    throw new CollectorError('TOO_MANY_ITEMS', `${items.length} items in one request; the limit is ${maxItems} (INGEST_MAX_ITEMS): split the batch`);
  }
  return items;
}
