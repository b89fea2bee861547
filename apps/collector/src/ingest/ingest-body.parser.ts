import { CollectorError } from '../errors/collector.errors.js';

/**
 * Accepts what webhook senders and scripts actually send: a JSON array, a single JSON
 * object, or NDJSON (one object a line). Malformed JSON fails the whole request with the
 * position, because a half-parsed body would silently drop the rest.
 */
export function parseIngestBody(body: string, contentType: string | undefined, maxItems: number): unknown[] {
  const trimmed = body.trim();
  if (trimmed.length === 0) throw new CollectorError('EMPTY_BODY', 'request body is empty: send a JSON array, a JSON object or NDJSON');
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== '' && !['application/json', 'application/x-ndjson', 'application/ndjson', 'application/jsonl', 'text/plain'].includes(type)) {
    throw new CollectorError('UNSUPPORTED_MEDIA_TYPE', `unsupported content type "${type}": use application/json or application/x-ndjson`);
  }
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
