/**
 * Per-brand tone: the model reads a mention with the brand being scored replaced by [BRAND] and
 * every other tracked brand by [OTHER], so "МТС лучше, чем Билайн" is scored twice, as
 * "[BRAND] лучше, чем [OTHER]" and "[OTHER] лучше, чем [BRAND]". The bundled model is trained on
 * SentiRuEval's per-company labels marked the same way (see training/sentirueval-lexicon.ts).
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
  marker: string;
}

/** Case- and ё-insensitive, whole words; a Cyrillic term of 4+ letters also matches its inflected endings ("Билайн" → "Билайна"). */
function compile(term: string, marker: string): Needle | undefined {
  const needle = term.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
  if (needle.length === 0) return undefined;
  const inflects = needle.length >= 4 && CYRILLIC_CHAR.test(needle.at(-1) ?? '');
  const stem = inflects && FLEXIBLE_FINAL.test(needle.at(-1) ?? '') ? needle.slice(0, -1) : needle;
  return { needle: stem, inflects, marker };
}

interface Span {
  start: number;
  end: number;
  marker: string;
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
    out.push({ start, end, marker: n.marker });
  }
}

/**
 * Replaces the target brand's terms with [BRAND] and other brands' terms with [OTHER]. Longer
 * terms win over shorter overlapping ones ("Альфа-Банк" over "Альфа"), the target over others.
 */
export function markTargetBrand(text: string, targetTerms: readonly string[], otherTerms: readonly string[] = []): string {
  const lowered = text.toLowerCase().replace(/ё/g, 'е');
  // Case mapping can change length for a few scripts; then offsets would be wrong, so work on the lowered text.
  const base = lowered.length === text.length ? text : lowered;
  const needles = [
    ...targetTerms.map((t) => compile(t, TARGET_MARKER)),
    ...otherTerms.map((t) => compile(t, OTHER_MARKER)),
  ].filter((n): n is Needle => n !== undefined);
  const spans: Span[] = [];
  for (const n of needles) findSpans(lowered, n, spans);
  if (spans.length === 0) return text;
  spans.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || (a.marker === TARGET_MARKER ? -1 : 1));
  let out = '';
  let pos = 0;
  for (const s of spans) {
    if (s.start < pos) continue;
    out += `${base.slice(pos, s.start)} ${s.marker} `;
    pos = s.end;
  }
  return (out + base.slice(pos)).replace(/ {2,}/g, ' ').trim();
}
