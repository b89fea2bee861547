/**
 * A query that cannot be parsed. `position` is a 0-based UTF-16 offset into the query, which
 * is what an editor needs to put a caret under the problem; `line`/`column` (1-based) are for
 * multi-line queries shown to people.
 */
export class QueryParseError extends Error {
  override readonly name = 'QueryParseError';
  readonly line: number;
  readonly column: number;

  constructor(
    readonly position: number,
    readonly expected: string[],
    /** What was there instead, as shown in the message: `")"`, `end of query`. */
    readonly found: string,
    source: string,
    hint?: string,
  ) {
    super(`expected ${describeExpected(expected)} at position ${position} but found ${found}${hint ? ` (${hint})` : ''}`);
    const before = source.slice(0, position);
    const lastBreak = before.lastIndexOf('\n');
    this.line = before.split('\n').length;
    this.column = position - lastBreak;
  }
}

function describeExpected(expected: readonly string[]): string {
  if (expected.length <= 1) return expected[0] ?? 'nothing';
  return `${expected.slice(0, -1).join(', ')} or ${expected.at(-1)}`;
}
