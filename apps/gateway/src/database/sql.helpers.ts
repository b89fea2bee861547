/** SQL building blocks every repository shares: positional parameters, JSON for jsonb, timestamps. */

// Lone UTF-16 surrogates (a post cut mid-emoji) and NUL are valid in JS strings but rejected by jsonb and text.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'string' ? v.replace(UNSTORABLE, (c) => (c === '\u0000' ? '' : '\uFFFD')) : v,
  );
}

export function assertTimestamp(name: string, value: string): void {
  if (Number.isNaN(Date.parse(value))) throw new Error(`${name} is not an ISO 8601 timestamp: "${value}"`);
}

/** Collects positional parameters so SQL text only ever contains `$n` placeholders. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export function whereClause(conditions: string[]): string {
  return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
}

export function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export const isoOrNull = (value: Date | string | null): string | null => (value === null ? null : iso(value));
