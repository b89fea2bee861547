/**
 * Splits a social post into sentences and clauses, so that a tone can be read per clause: in
 * "У МТС интернет летает, а у Билайна опять всё висит" the two brands share no clause. Cuts fall
 * at sentence ends, at ; : and spaced dashes, at commas (marked as the weakest boundary, for the
 * caller to merge or keep), and before contrastive and concessive connectives in Russian,
 * Ukrainian and English. Offsets refer to the input, so callers can map their own spans
 * (brand mentions) onto clauses.
 */

/** What opened a clause, from strongest to weakest; `start` is the post's first clause. */
export type ClauseBoundary = 'start' | 'sentence' | 'contrast' | 'concession' | 'unlike' | 'punctuation' | 'comma';

export interface Clause {
  /** Offsets of the clause in the input, connective included, edge spaces and commas excluded. */
  start: number;
  end: number;
  text: string;
  /** Where the clause's own words start: after its connective, if any. */
  bodyStart: number;
  /** Index of the sentence the clause belongs to. */
  sentence: number;
  boundary: ClauseBoundary;
  /** The connective that opened the clause, lowercased ("но", "а вот", "whereas"), or null. */
  connective: string | null;
  /** The clause's sentence ends with a question mark. */
  question: boolean;
}

export type ConnectiveKind = 'contrast' | 'concession' | 'unlike';

export interface Connective {
  phrase: string;
  kind: ConnectiveKind;
  /** "а" and "yet" are too often plain "and"/"still" to cut at without a comma (or a sentence start) before them. */
  afterComma?: boolean;
}

/** Longest first, so "а вот" wins over "а" and "even though" over "though". */
export const CLAUSE_CONNECTIVES: readonly Connective[] = [
  // Russian
  { phrase: 'в то время как', kind: 'contrast' },
  { phrase: 'в отличие от', kind: 'unlike' },
  { phrase: 'тогда как', kind: 'contrast' },
  { phrase: 'а вот', kind: 'contrast' },
  { phrase: 'однако', kind: 'contrast' },
  { phrase: 'впрочем', kind: 'contrast' },
  { phrase: 'зато', kind: 'contrast' },
  { phrase: 'хотя', kind: 'concession' },
  { phrase: 'но', kind: 'contrast' },
  { phrase: 'а', kind: 'contrast', afterComma: true },
  // Ukrainian
  { phrase: 'в той час як', kind: 'contrast' },
  { phrase: 'на відміну від', kind: 'unlike' },
  { phrase: 'тоді як', kind: 'contrast' },
  { phrase: 'проте', kind: 'contrast' },
  { phrase: 'однак', kind: 'contrast' },
  { phrase: 'зате', kind: 'contrast' },
  { phrase: 'хоча', kind: 'concession' },
  { phrase: 'але', kind: 'contrast' },
  // English
  { phrase: 'on the other hand', kind: 'contrast' },
  { phrase: 'even though', kind: 'concession' },
  { phrase: 'meanwhile', kind: 'contrast' },
  { phrase: 'although', kind: 'concession' },
  { phrase: 'whereas', kind: 'contrast' },
  { phrase: 'however', kind: 'contrast' },
  { phrase: 'though', kind: 'concession' },
  { phrase: 'unlike', kind: 'unlike' },
  { phrase: 'whilst', kind: 'contrast' },
  { phrase: 'while', kind: 'contrast' },
  { phrase: 'but', kind: 'contrast' },
  { phrase: 'yet', kind: 'contrast', afterComma: true },
];

/** Words after a connective that make it something else: "хотя бы" (at least), "а также" (and also). */
const NOT_A_CUT: Readonly<Record<string, RegExp>> = {
  хотя: /^\s+бы(?![\p{L}])/u,
  а: /^\s+(?:также|еще|ещё)(?![\p{L}])/u,
  but: /^\s+(?:also|then)(?![\p{L}])/u,
  хоча: /^\s+б(?:и)?(?![\p{L}])/u,
};

const ABBREVIATIONS = new Set(['тыс', 'руб', 'млн', 'млрд', 'коп', 'ул', 'им', 'т.е', 'т.к', 'т.д', 'т.п', 'др', 'пр', 'см', 'грн', 'e.g', 'i.e', 'mr', 'mrs', 'ms', 'dr', 'vs', 'st', 'inc', 'co', 'jr', 'etc', 'approx']);

const LETTER = /[\p{L}\p{N}]/u;
const SENTENCE_END = /[.!?…]+(?=[\s)»"”]|$)|\n+/gu;
const PUNCTUATION = /;(?=\s|$)|:(?=\s)|\s[—–-]\s/gu;
const COMMA = /,(?=\s)/gu;

interface Cut {
  /** Where the previous clause ends. */
  at: number;
  /** Where the next clause starts. */
  next: number;
  boundary: Exclude<ClauseBoundary, 'start'>;
  connective: string | null;
  /** Where the next clause's own words start. */
  body: number;
}

const RANK: Record<Cut['boundary'], number> = { sentence: 0, unlike: 1, contrast: 2, concession: 3, punctuation: 4, comma: 5 };

function isAbbreviation(text: string, dot: number): boolean {
  if (text[dot] !== '.') return false;
  let from = dot;
  while (from > 0 && /[\p{L}.]/u.test(text[from - 1] ?? '')) from--;
  const word = text.slice(from, dot).toLowerCase();
  // A lone letter before a dot is an initial or an abbreviation ("А. Иванов", "т."), not an end.
  return ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word);
}

function connectiveCuts(text: string, lowered: string): Cut[] {
  const cuts: Cut[] = [];
  const taken: [number, number][] = [];
  for (const c of CLAUSE_CONNECTIVES) {
    let from = 0;
    for (;;) {
      const at = lowered.indexOf(c.phrase, from);
      if (at < 0) break;
      from = at + 1;
      const end = at + c.phrase.length;
      if (LETTER.test(lowered[at - 1] ?? '') || LETTER.test(lowered[end] ?? '')) continue;
      if (taken.some(([s, e]) => at < e && end > s)) continue;
      if (NOT_A_CUT[c.phrase]?.test(lowered.slice(end))) continue;
      // A comma (or dash) right before the connective belongs to the same cut.
      let before = at;
      while (before > 0 && /\s/u.test(lowered[before - 1] ?? '')) before--;
      const comma = lowered[before - 1] === ',';
      // "А Теле2 хоть бы что" opens its sentence: as much a contrast as ", а".
      if (c.afterComma === true && !comma && !(before === 0 || /[.!?…]/u.test(lowered[before - 1] ?? ''))) continue;
      taken.push([at, end]);
      let body = end;
      while (body < text.length && /[\s,]/u.test(text[body] ?? '')) body++;
      cuts.push({ at: comma ? before - 1 : at, next: at, boundary: c.kind, connective: c.phrase, body });
    }
  }
  return cuts;
}

/** Sentences and clauses of `text`, in order; empty stretches (a lone "?!") are dropped. */
export function splitClauses(text: string): Clause[] {
  const lowered = text.toLowerCase();
  // Lowercasing keeps offsets for the scripts Pulse reads; if it ever does not, cut on the input.
  const scan = lowered.length === text.length ? lowered : text;
  const cuts: Cut[] = [];
  for (const m of text.matchAll(SENTENCE_END)) {
    const at = m.index;
    if (isAbbreviation(text, at) && m[0] === '.') continue;
    cuts.push({ at: at + m[0].length, next: at + m[0].length, boundary: 'sentence', connective: null, body: at + m[0].length });
  }
  for (const m of text.matchAll(PUNCTUATION)) cuts.push({ at: m.index, next: m.index + m[0].length, boundary: 'punctuation', connective: null, body: m.index + m[0].length });
  for (const m of text.matchAll(COMMA)) cuts.push({ at: m.index, next: m.index + 1, boundary: 'comma', connective: null, body: m.index + 1 });
  cuts.push(...connectiveCuts(text, scan));
  // One cut per position: a comma before "но" is the "но" cut, a sentence end beats everything.
  cuts.sort((a, b) => a.at - b.at || RANK[a.boundary] - RANK[b.boundary]);
  const merged: Cut[] = [];
  for (const cut of cuts) {
    const last = merged.at(-1);
    if (last && cut.at <= last.next && cut.at >= last.at) {
      if (RANK[cut.boundary] < RANK[last.boundary] || (last.boundary === 'comma' && cut.connective !== null)) {
        merged[merged.length - 1] = { ...cut, at: last.at, boundary: last.boundary === 'sentence' ? 'sentence' : cut.boundary };
      }
      continue;
    }
    merged.push(cut);
  }

  const clauses: Clause[] = [];
  let sentence = 0;
  let start = 0;
  let body = 0;
  let boundary: ClauseBoundary = 'start';
  let connective: string | null = null;
  const push = (end: number): void => {
    let s = start;
    let e = end;
    while (s < e && /[\s,]/u.test(text[s] ?? '')) s++;
    while (e > s && /[\s,;:—–-]/u.test(text[e - 1] ?? '')) e--;
    const clauseText = text.slice(s, e);
    if (!LETTER.test(clauseText)) return;
    clauses.push({ start: s, end: e, text: clauseText, bodyStart: Math.min(Math.max(body, s), e), sentence, boundary, connective, question: false });
  };
  for (const cut of merged) {
    push(cut.at);
    if (cut.boundary === 'sentence' && clauses.at(-1)?.sentence === sentence) sentence++;
    start = cut.next;
    body = cut.body;
    boundary = cut.boundary === 'sentence' ? 'sentence' : cut.boundary;
    connective = cut.connective;
  }
  push(text.length);
  // A sentence is a question when its last clause ends on "?" ("??", "?!", "?»" included).
  const ends = new Map<number, number>();
  for (const c of clauses) ends.set(c.sentence, c.end);
  for (const c of clauses) {
    const end = ends.get(c.sentence) as number;
    c.question = /\?[!?.…»"”)]*$/u.test(text.slice(c.start, end)) || /^[»"”)!.…]*\?/u.test(text.slice(end, end + 5));
  }
  return clauses;
}
