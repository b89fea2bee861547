/**
 * Finding brands in a post and marking them for the model: the brand being scored becomes
 * [BRAND] and every other tracked brand [OTHER] ("[OTHER] лучше, чем [BRAND]"). The bundled
 * model is trained on SentiRuEval's per-company labels marked the same way (see the training
 * tools' sentirueval-lexicon.ts); the targeting rules mark the clauses they have it read.
 */
export const TARGET_MARKER = '[BRAND]';
export const OTHER_MARKER = '[OTHER]';

const WORD_CHAR = /[\p{L}\p{N}]/u;
const HANDLE_CHAR = /[\p{L}\p{N}_]/u;
const CYRILLIC_CHAR = /\p{Script=Cyrillic}/u;
const FLEXIBLE_FINAL = /[аяоеьйыиую]/u;
const MAX_ENDING = 3;

interface Needle {
  needle: string;
  inflects: boolean;
}

/**
 * Case- and ё-insensitive, whole words; a Cyrillic term of 4+ letters also matches its inflected
 * endings ("Билайн" → "Билайна"), and one ending in -ок/-ек/-ец its forms without the fleeting
 * vowel ("Перекрёсток" → "Перекрёстка").
 */
function compile(term: string): Needle[] {
  const needle = term.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
  if (needle.length === 0) return [];
  const inflects = needle.length >= 4 && CYRILLIC_CHAR.test(needle.at(-1) ?? '');
  const stem = inflects && FLEXIBLE_FINAL.test(needle.at(-1) ?? '') ? needle.slice(0, -1) : needle;
  const needles = [{ needle: stem, inflects }];
  if (inflects && /(?:ок|ек|ец)$/u.test(needle)) needles.push({ needle: needle.slice(0, -2) + needle.at(-1), inflects });
  // "Банк Москвы" → "Банка Москвы", "Банком Москвы": a Russian name of several words declines its first word.
  const [first, ...rest] = needle.split(' ');
  if (rest.length > 0 && first !== undefined && first.length >= 4 && CYRILLIC_CHAR.test(first.at(-1) ?? '')) {
    const base = /(?:ий|ый|ой|ая|ое)$/u.test(first) ? first.slice(0, -2) : FLEXIBLE_FINAL.test(first.at(-1) ?? '') ? first.slice(0, -1) : first;
    for (const ending of FIRST_WORD_ENDINGS) {
      const form = `${base}${ending} ${rest.join(' ')}`;
      if (form !== needle) needles.push({ needle: form, inflects });
    }
  }
  return needles;
}

/** Case endings a declined first word may take (nouns and adjectives, short forms). */
const FIRST_WORD_ENDINGS = ['', 'а', 'я', 'у', 'ю', 'ом', 'ем', 'е', 'ы', 'и', 'ой', 'ей', 'ого', 'ому', 'ым', 'ая', 'ую', 'ый', 'ий'];

interface Span {
  start: number;
  end: number;
}

function findSpans(haystack: string, n: Needle, out: Span[]): void {
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(n.needle, from);
    if (at < 0) return;
    from = at + 1;
    if (at > 0 && WORD_CHAR.test(haystack[at - 1] ?? '')) continue;
    let end = at + n.needle.length;
    if (n.inflects) {
      let ending = 0;
      while (ending < MAX_ENDING && end < haystack.length && CYRILLIC_CHAR.test(haystack[end] ?? '')) {
        end++;
        ending++;
      }
    }
    let start = at;
    // A brand's own handle or hashtag (@mts_rus, #билайн) is the brand, not a user or a topic word.
    if (at > 0 && (haystack[at - 1] === '@' || haystack[at - 1] === '#')) {
      start = at - 1;
      while (end < haystack.length && HANDLE_CHAR.test(haystack[end] ?? '')) end++;
    }
    if (end < haystack.length && WORD_CHAR.test(haystack[end] ?? '')) continue;
    out.push({ start, end });
  }
}

/**
 * The words to look for from a topic's matched terms. The collector reports the query operands
 * that matched, as written in the topic's query: `"Билайн"` (a phrase), `*МТС*` (glued),
 * `сберовск*` (a prefix), `chase NEAR/4 card`, `source:vk`. The quotes and wildcards go, a NEAR
 * operand gives its first word, and field filters say nothing about where the brand is.
 */
export function locatableTerms(terms: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of terms) {
    let term = raw.trim();
    if (/^-|^[a-z]+:/iu.test(term)) continue;
    term = term.split(/\s+NEAR\/\d+\s+/u)[0] ?? '';
    term = term.replace(/^["«*]+|["»*]+$/gu, '').trim();
    if (term !== '') out.add(term);
  }
  return [...out];
}

/** One located mention of a brand: offsets into the text it was found in. */
export interface BrandSpan {
  start: number;
  end: number;
  /** Index of the brand (term group) it belongs to, in the order given. */
  brand: number;
}

/**
 * Where each brand's terms occur in `text`, without overlaps: longer terms win over shorter
 * overlapping ones ("Альфа-Банк" over "Альфа"), then the earlier brand in `brands`.
 */
export function findBrandSpans(text: string, brands: readonly (readonly string[])[]): BrandSpan[] {
  const lowered = text.toLowerCase().replace(/ё/g, 'е');
  const found: (Span & { brand: number })[] = [];
  brands.forEach((terms, brand) => {
    for (const term of terms) {
      for (const needle of compile(term)) {
        const spans: Span[] = [];
        findSpans(lowered, needle, spans);
        for (const s of spans) found.push({ ...s, brand });
      }
    }
  });
  found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || a.brand - b.brand);
  const out: BrandSpan[] = [];
  let pos = 0;
  for (const s of found) {
    if (s.start < pos) continue;
    out.push({ start: s.start, end: s.end, brand: s.brand });
    pos = s.end;
  }
  return out;
}

/**
 * Replaces the target brand's terms with [BRAND] and other brands' terms with [OTHER]. Longer
 * terms win over shorter overlapping ones ("Альфа-Банк" over "Альфа"), the target over others.
 */
export function markTargetBrand(text: string, targetTerms: readonly string[], otherTerms: readonly string[] = []): string {
  const spans = findBrandSpans(text, [targetTerms, otherTerms]);
  return spans.length === 0 ? text : markSpans(text, spans.map((s) => ({ ...s, marker: s.brand === 0 ? TARGET_MARKER : OTHER_MARKER })));
}

/** Rewrites the given non-overlapping spans of `text` (in order) as their markers. */
export function markSpans(text: string, spans: readonly { start: number; end: number; marker: string }[]): string {
  const lowered = text.toLowerCase().replace(/ё/g, 'е');
  // Case mapping can change length for a few scripts; then offsets are the lowered text's.
  const base = lowered.length === text.length ? text : lowered;
  let out = '';
  let pos = 0;
  for (const s of spans) {
    if (s.start < pos) continue;
    out += `${base.slice(pos, s.start)} ${s.marker} `;
    pos = s.end;
  }
  return (out + base.slice(pos)).replace(/ {2,}/g, ' ').trim();
}
