/**
 * The seam for `@pulse/query` (topic queries and `search`), which is being written in
 * parallel. Until the gateway wires it in, the defaults below keep today's behaviour:
 * web-search syntax (words, "phrases", -exclusions, OR) matched by word prefixes.
 */

export type QueryValidation = { ok: true } | { ok: false; error: { message: string; position: number; expected: string[] } };

/** Same shape as `validateQuery` from `@pulse/query`. */
export type QueryValidator = (source: string) => QueryValidation;

/** Same shape as `compileQuery(source)` from `@pulse/query`, reduced to what live filtering needs. */
export type SearchCompiler = (source: string) => { matches(text: string): boolean };

/** Web-search syntax cannot fail to parse except for unbalanced quotes or parentheses. */
export const defaultQueryValidator: QueryValidator = (source) => {
  const stack: { char: string; position: number }[] = [];
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    const top = stack.at(-1);
    if (top?.char === '"') {
      if (ch === '"') stack.pop();
    } else if (ch === '"' || ch === '(') stack.push({ char: ch, position: i });
    else if (ch === ')') {
      if (top?.char !== '(') return { ok: false, error: { message: `unexpected ")" at ${i}`, position: i, expected: ['term'] } };
      stack.pop();
    }
  }
  const open = stack.at(-1);
  if (open) {
    const closing = open.char === '"' ? '"' : ')';
    return { ok: false, error: { message: `unclosed ${open.char} opened at ${open.position}`, position: source.length, expected: [closing] } };
  }
  if (source.trim() === '') return { ok: false, error: { message: 'empty query', position: 0, expected: ['term'] } };
  return { ok: true };
};

/** Russian and English words keep their stem in roughly the first n-2 letters. */
function stemPrefix(word: string): string {
  return word.length <= 4 ? word : word.slice(0, Math.max(4, word.length - 2));
}

function words(text: string): string[] {
  return text.toLowerCase().replace(/ё/g, 'е').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Approximates the store's full-text search in memory: every positive term must start
 * some word of the text; no excluded term may.
 */
export const prefixSearchCompiler: SearchCompiler = (source) => {
  const tokens = (source.match(/-?"[^"]*"|\S+/g) ?? []).filter((t) => t.toUpperCase() !== 'OR');
  const terms = tokens.map((token) => ({ negated: token.startsWith('-'), words: words(token) })).filter((t) => t.words.length > 0);
  return {
    matches(text: string): boolean {
      const textWords = words(text);
      const hasWord = (term: string): boolean => textWords.some((w) => w.startsWith(stemPrefix(term)));
      return terms.every((t) => t.negated !== t.words.every(hasWord));
    },
  };
};

export interface QueryLanguage {
  validate: QueryValidator;
  compileSearch: SearchCompiler;
}

export const DEFAULT_QUERY_LANGUAGE: QueryLanguage = { validate: defaultQueryValidator, compileSearch: prefixSearchCompiler };
