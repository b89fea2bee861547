import type { FieldNode, QueryNode } from '../parsing/query.ast.js';
import { stemNormalized } from '../stemming/word.stemmer.js';
import { tokenize } from '../text/text.tokenizer.js';
import { baseKey, formKey, glue, keySet, stemKey, type DocumentView, type Glue } from './document.view.js';
import { isAcronym, MIN_NAME_LENGTH, queryBases } from './name-forms.js';

/** A stretch of words that satisfies a positional operand; `words` are the ones to highlight. */
export interface WordSpan {
  first: number;
  last: number;
  words: readonly number[];
}

/** One operand that contributed to a match: its query text and the words it matched. */
export interface Hit {
  label: string;
  words: readonly number[];
}

export interface NodeMatcher {
  test(view: DocumentView): boolean;
  /** Collects hits when the node matches; leaves `hits` untouched when it does not. */
  explain(view: DocumentView, hits: Hit[]): boolean;
  /** Present on operands NEAR can measure: terms, phrases, prefixes, OR of them, NEAR. */
  spans?(view: DocumentView): WordSpan[];
}

type PositionalMatcher = NodeMatcher & { spans(view: DocumentView): WordSpan[] };

const single = (position: number): WordSpan => ({ first: position, last: position, words: [position] });

/**
 * Turns the syntax tree into matchers once, with every query word already stemmed, so that
 * matching a document costs one tokenization plus map lookups.
 */
export function buildMatcher(node: QueryNode, source: string): NodeMatcher {
  const label = source.slice(node.start, node.end);
  switch (node.kind) {
    case 'term': {
      const [asWritten] = writtenWords(label);
      const words = wordKeys(node.word, asWritten ?? node.word);
      const keys = keySet(words);
      if (!node.glued) {
        return positional(label, (view) => view.positionsOfAny(keys).map(single), (view) => view.hasAny(keys));
      }
      const glued = gluedFragments([node.word], [words]);
      return positional(
        label,
        (view) => union(view.positionsOfAny(keys), view.gluedPositions(glued)).map(single),
        (view) => view.hasAny(keys) || view.hasGlued(glued),
      );
    }
    case 'phrase': {
      const written = writtenWords(label);
      const words = node.words.map((word, i) => wordKeys(word, written[i] ?? word));
      const keys = words.map(keySet);
      const [head, ...rest] = keys;
      const phraseSpans = (view: DocumentView): WordSpan[] =>
        view
          .positionsOfAny(head!)
          .filter((start) => rest.every((next, offset) => hasAt(view.positionsOfAny(next), start + offset + 1)))
          .map((start) => {
            const words = keys.map((_, offset) => start + offset);
            return { first: start, last: start + keys.length - 1, words };
          });
      // Every word present somewhere is the cheap first test.
      const phraseTest = (view: DocumentView): boolean => keys.every((next) => view.hasAny(next)) && phraseSpans(view).length > 0;
      if (!node.glued) return positional(label, phraseSpans, phraseTest);
      const glued = gluedFragments(node.words, words);
      return positional(
        label,
        (view) => {
          const spans = phraseSpans(view);
          const covered = new Set(spans.flatMap((span) => span.words));
          return [...spans, ...view.gluedPositions(glued).filter((p) => !covered.has(p)).map(single)].sort((a, b) => a.first - b.first);
        },
        (view) => phraseTest(view) || view.hasGlued(glued),
      );
    }
    case 'prefix': {
      const { prefix } = node;
      return positional(label, (view) => view.prefixPositions(prefix).map(single));
    }
    case 'field':
      return fieldMatcher(node, label);
    case 'not': {
      const operand = buildMatcher(node.operand, source);
      return { test: (view) => !operand.test(view), explain: (view) => !operand.test(view) };
    }
    case 'and': {
      const operands = node.operands.map((child) => buildMatcher(child, source));
      return {
        test: (view) => operands.every((operand) => operand.test(view)),
        explain: (view, hits) => {
          const mark = hits.length;
          for (const operand of operands) {
            if (!operand.explain(view, hits)) {
              hits.length = mark;
              return false;
            }
          }
          return true;
        },
      };
    }
    case 'or': {
      const operands = node.operands.map((child) => buildMatcher(child, source));
      const matcher: NodeMatcher = {
        test: (view) => operands.some((operand) => operand.test(view)),
        // Every alternative that matched is reported, not just the first: all are worth highlighting.
        explain: (view, hits) => operands.reduce((any, operand) => operand.explain(view, hits) || any, false),
      };
      if (operands.every(isPositional)) {
        matcher.spans = (view) => operands.flatMap((operand) => operand.spans(view));
      }
      return matcher;
    }
    case 'near': {
      const left = buildMatcher(node.left, source);
      const right = buildMatcher(node.right, source);
      if (!isPositional(left) || !isPositional(right)) {
        // The parser rejects these; reaching here means a hand-built tree.
        throw new TypeError('NEAR operands must be words, phrases, prefixes or OR groups of them');
      }
      const { distance } = node;
      return positional(label, (view) => nearSpans(left.spans(view), right.spans(view), distance));
    }
  }
}

/**
 * What a query word is compared on, as keys of the document index. An acronym (see
 * `isAcronym`) only as a whole token. Any other word by stem, as before, and — for words of
 * at least MIN_NAME_LENGTH letters, the names a stemmer does not know — also when the text
 * word's stem is the query word ("ростелекома" → "ростелеком"), when the query word's stem
 * is the text word, or when the text word is one of the query word's bases plus a case
 * ending ("ростелеком|у", "пятерочк|ой", "тиньк|а").
 */
export function wordKeys(word: string, asWritten: string = word): string[] {
  if (isAcronym(word, asWritten)) return [formKey(word)];
  const stem = stemNormalized(word);
  const keys = [stemKey(stem)];
  if (word.length >= MIN_NAME_LENGTH) {
    keys.push(stemKey(word));
    if (stem.length >= MIN_NAME_LENGTH) keys.push(formKey(stem));
    for (const base of queryBases(word)) keys.push(baseKey(base));
  }
  return [...new Set(keys)];
}

/** The query words as typed (case kept), in the order the parser produced them. */
function writtenWords(label: string): string[] {
  return tokenize(label).map((token) => label.slice(token.start, token.end));
}

/**
 * What `*name*` looks for inside longer words: the name, its bases without a final vowel
 * ("*пятерочка*" finds "#впятерочке"), or for several words the words run together
 * ("*альфа-банк*" finds "#альфабанк"). Acronyms and short names only at a word's edges
 * ("*мтс*" finds "мтсник", "#ненавижумтс", but not "смтсп").
 */
function gluedFragments(words: readonly string[], keys: readonly (readonly string[])[]): Glue {
  const joined = words.join('');
  const last = words.at(-1)!;
  const lastBases = queryBases(last).filter((base) => base !== last);
  const fragments = [joined, ...lastBases.map((base) => joined.slice(0, joined.length - last.length) + base)];
  const acronym = words.length === 1 && keys[0]!.length === 1 && keys[0]![0] === formKey(words[0]!);
  return glue([...new Set(fragments)], acronym || joined.length < MIN_NAME_LENGTH);
}

function union(a: readonly number[], b: readonly number[]): number[] {
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}

function hasAt(positions: readonly number[], position: number): boolean {
  return positions.includes(position);
}

function isPositional(matcher: NodeMatcher): matcher is PositionalMatcher {
  return matcher.spans !== undefined;
}

function positional(
  label: string,
  spans: (view: DocumentView) => WordSpan[],
  test: (view: DocumentView) => boolean = (view) => spans(view).length > 0,
): PositionalMatcher {
  return {
    spans,
    test,
    explain: (view, hits) => {
      const found = spans(view);
      if (found.length === 0) return false;
      hits.push({ label, words: found.flatMap((span) => span.words) });
      return true;
    },
  };
}

/**
 * Pairs of non-overlapping occurrences at most `distance` positions apart, in either order:
 * adjacent words are 1 apart, so NEAR/1 means "next to each other".
 */
function nearSpans(lefts: readonly WordSpan[], rights: readonly WordSpan[], distance: number): WordSpan[] {
  // Keyed by extent: a chain of NEARs over a document full of repeats would otherwise
  // multiply pairs at every level; one span per extent keeps it at most quadratic.
  const byExtent = new Map<string, { first: number; last: number; words: Set<number> }>();
  for (const a of lefts) {
    for (const b of rights) {
      const gap = a.last < b.first ? b.first - a.last : b.last < a.first ? a.first - b.last : 0;
      if (gap < 1 || gap > distance) continue;
      const first = Math.min(a.first, b.first);
      const last = Math.max(a.last, b.last);
      const key = `${first}:${last}`;
      const span = byExtent.get(key) ?? { first, last, words: new Set<number>() };
      for (const word of a.words) span.words.add(word);
      for (const word of b.words) span.words.add(word);
      byExtent.set(key, span);
    }
  }
  return [...byExtent.values()].map(({ first, last, words }) => ({ first, last, words: [...words] }));
}

function fieldMatcher(node: FieldNode, label: string): NodeMatcher {
  const { field, value, prefix } = node;
  const test = (view: DocumentView): boolean => {
    const actual = view.field(field);
    if (actual === undefined) return false;
    if (prefix) return actual.startsWith(value);
    if (actual === value) return true;
    // lang:ru also accepts a document tagged "ru-RU".
    return field === 'lang' && !value.includes('-') && actual.split(/[-_]/u)[0] === value;
  };
  return {
    test,
    explain: (view, hits) => {
      if (!test(view)) return false;
      hits.push({ label, words: [] });
      return true;
    },
  };
}
