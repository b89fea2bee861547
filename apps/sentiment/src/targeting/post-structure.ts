import { splitClauses, type ClauseBoundary } from '@pulse/text';
import { findBrandSpans, type BrandSpan } from './target-brand.marker.js';
import { COORDINATOR, FUNCTION_WORDS, OPPOSING_CONNECTIVES, PARALLEL, SECOND_PERSON } from './targeting.cues.js';

/** A clause after merging: comma-separated pieces stay apart only when they hold different brands. */
export interface Segment {
  start: number;
  end: number;
  /** Where the clause's words start, after its connective. */
  bodyStart: number;
  sentence: number;
  boundary: ClauseBoundary;
  connective: string | null;
  question: boolean;
  /** Indexes into PostStructure.spans. */
  mentions: number[];
  /** Distinct brands (indexes of the given term groups), in order of appearance. */
  brands: number[];
  /** Holds words beyond brand names and function words. */
  substantive: boolean;
  /** A brand list before a colon ("ozon vs wb: …"): names the topic, says nothing about it. */
  header: boolean;
}

export interface PostStructure {
  text: string;
  spans: BrandSpan[];
  segments: Segment[];
  sentences: { start: number; end: number; segments: number[] }[];
  /** Per brand: its own segments and the brandless ones that continue them, in order. */
  scopes: number[][];
  /**
   * Per brand: the brands of a clause it is contrasted with by "а/но/but…" (connective '' when the two
   * clauses merely stand side by side), and whether its clause is elliptical.
   */
  contrasts: { partners: number[]; connective: string; elliptical: boolean }[];
  /** Per brand: the brands of the main clause when it stands in "в отличие от X, …". */
  unlike: number[][];
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
/** Boundaries across which two brands' clauses read as set against each other without a connective. */
const JUXTAPOSED: ReadonlySet<ClauseBoundary> = new Set(['sentence', 'comma', 'punctuation']);
const NOT_WORDS = /https?:\/\/\S+|www\.\S+|@[\p{L}\p{N}_]+|(?<![\p{L}\p{N}])RT(?![\p{L}\p{N}])/gu;
const ELLIPSIS = /^(?:нет|no|not|nope|ні|тоже нет|как всегда|как обычно|as usual|as always|не)$/u;

function contentWords(text: string, from: number, to: number, spans: readonly BrandSpan[], skipTo = from): string[] {
  let stripped = '';
  let pos = Math.max(from, skipTo);
  for (const s of spans) {
    if (s.end <= pos || s.start >= to) continue;
    stripped += `${text.slice(pos, Math.max(pos, s.start))} `;
    pos = Math.max(pos, s.end);
  }
  stripped += text.slice(pos, to);
  // Links, @handles and "RT" say nothing about a brand: "RT @user: http://t.co/… Сбербанк" is a bare name.
  stripped = stripped.replace(NOT_WORDS, ' ');
  return (stripped.toLowerCase().match(WORD) ?? []).filter((w) => !FUNCTION_WORDS.has(w));
}

/**
 * A post that opens by addressing a brand ("@beeline_rus вы серьёзно?", "МТС, объясните…") speaks
 * to it in the second person: those pronouns are mentions of that brand.
 */
function withAddressee(text: string, spans: BrandSpan[]): BrandSpan[] {
  const first = spans[0];
  if (!first || text.slice(0, first.start).trim() !== '') return spans;
  if (text[first.start] !== '@' && !/^\s*[,:!]/u.test(text.slice(first.end))) return spans;
  const extra: BrandSpan[] = [];
  for (const m of text.matchAll(SECOND_PERSON)) {
    if (!spans.some((s) => m.index < s.end && m.index + m[0].length > s.start)) extra.push({ start: m.index, end: m.index + m[0].length, brand: first.brand });
  }
  return extra.length === 0 ? spans : [...spans, ...extra].sort((a, b) => a.start - b.start);
}

/** "Why is AT&T so bad and Verizon somehow fine": one clause, two statements, split at the "and" between them. */
function splitCoordinated(text: string, spans: readonly BrandSpan[], segments: Segment[]): void {
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    if (seg.brands.length < 2) continue;
    for (const m of text.slice(seg.start, seg.end).matchAll(COORDINATOR)) {
      const at = seg.start + m.index;
      const left = seg.mentions.filter((k) => spans[k]!.start < at);
      const right = seg.mentions.filter((k) => spans[k]!.start > at);
      const brandsOf = (ks: number[]): number[] => [...new Set(ks.map((k) => spans[k]!.brand))];
      const [lb, rb] = [brandsOf(left), brandsOf(right)];
      if (lb.length === 0 || rb.length === 0 || lb.some((b) => rb.includes(b))) continue;
      // Two content words a side: "Shoutout to Chase and Amex for…" is one statement about both;
      // and a word between the left brand and "и": "санкции против Сбербанка и ВТБ" coordinates two names.
      const lastLeft = spans[left.at(-1)!]!;
      if (contentWords(text, seg.bodyStart, at, spans).length < 2 || contentWords(text, at + m[0].length, seg.end, spans).length < 2) continue;
      if (contentWords(text, lastLeft.end, at, spans).length === 0) continue;
      const second: Segment = { ...seg, start: at + 1, bodyStart: at + m[0].length, boundary: 'comma', connective: m[0].trim(), mentions: right, brands: rb };
      segments.splice(i + 1, 0, second);
      Object.assign(seg, { end: at, mentions: left, brands: lb });
      break;
    }
  }
}

/**
 * Splits the post into clauses (`splitClauses`), places each brand mention in one, merges
 * comma-level pieces that do not separate two brands, and works out which clauses speak about
 * which brand. Returns undefined when fewer than two brands are found in the text.
 */
export function analysePost(text: string, brandTerms: readonly (readonly string[])[]): PostStructure | undefined {
  // Offsets must hold in the lowered text the rules match on.
  if (text.toLowerCase().length !== text.length) return undefined;
  const spans = withAddressee(text, findBrandSpans(text, brandTerms));
  if (new Set(spans.map((s) => s.brand)).size < 2) return undefined;
  const segments: Segment[] = [];
  for (const clause of splitClauses(text)) {
    const mentions = spans.flatMap((s, k) => (s.start >= clause.start && s.start < clause.end ? [k] : []));
    const brands = [...new Set(mentions.map((k) => (spans[k] as BrandSpan).brand))];
    const seg: Segment = {
      start: clause.start,
      end: clause.end,
      bodyStart: clause.bodyStart,
      sentence: clause.sentence,
      boundary: clause.boundary,
      connective: clause.connective,
      question: clause.question,
      mentions,
      brands,
      substantive: contentWords(text, clause.start, clause.end, spans, clause.bodyStart).length > 0,
      header: false,
    };
    const prev = segments.at(-1);
    const weak = seg.boundary === 'comma' || seg.boundary === 'punctuation';
    // "…против Россельхозбанка, ВТБ и Банка Москвы": a name right before the comma and one right after it is a list, one clause.
    const lastOfPrev = prev ? spans[prev.mentions.at(-1) ?? -1] : undefined;
    const firstHere = spans[mentions[0] ?? -1];
    const listed = seg.boundary === 'comma' && lastOfPrev !== undefined && firstHere !== undefined && /^[\s,]*$/u.test(text.slice(lastOfPrev.end, clause.start)) && /^[\s,]*$/u.test(text.slice(clause.start, firstHere.start));
    // "В отличие от Сбера, в Альфе…": the unlike-phrase stays apart from its main clause.
    if (prev && prev.sentence === seg.sentence && weak && prev.boundary !== 'unlike') {
      if (!prev.substantive && prev.brands.length > 0 && text.slice(prev.end, seg.start).includes(':')) {
        prev.header = true;
      } else if (listed || !(prev.brands.length > 0 && brands.length > 0 && !brands.some((b) => prev.brands.includes(b)) && prev.substantive && seg.substantive)) {
        prev.end = seg.end;
        prev.mentions.push(...mentions);
        prev.brands = [...new Set([...prev.brands, ...brands])];
        prev.substantive ||= seg.substantive;
        prev.question ||= seg.question;
        continue;
      }
    }
    segments.push(seg);
  }

  splitCoordinated(text, spans, segments);
  const sentences: PostStructure['sentences'] = [];
  segments.forEach((seg, i) => {
    const s = (sentences[seg.sentence] ??= { start: seg.start, end: seg.end, segments: [] });
    s.end = seg.end;
    s.segments.push(i);
  });
  for (let k = 0; k < sentences.length; k++) sentences[k] ??= { start: 0, end: 0, segments: [] };

  const scopes: number[][] = brandTerms.map(() => []);
  const owners = (seg: Segment): number[] => (seg.header ? [] : seg.brands);
  let current: number[] = [];
  const pendingLead: number[] = [];
  segments.forEach((seg, i) => {
    if (seg.header) return;
    const own = owners(seg);
    if (own.length > 0) {
      for (const b of own) scopes[b]!.push(...pendingLead.splice(0), i);
      // A brandless clause before the first brand belongs to every brand of that first clause.
      current = own;
      return;
    }
    if (current.length > 0) for (const b of current) scopes[b]!.push(i);
    else pendingLead.push(i);
  });
  for (const scope of scopes) scope.sort((a, b) => a - b);

  const contrasts: PostStructure['contrasts'] = brandTerms.map(() => ({ partners: [], connective: '', elliptical: false }));
  const unlike: number[][] = brandTerms.map(() => []);
  segments.forEach((seg, i) => {
    const own = owners(seg);
    if (own.length === 0) return;
    if (seg.connective && OPPOSING_CONNECTIVES.has(seg.connective)) {
      const prev = segments.slice(0, i).reverse().find((p) => owners(p).length > 0 && p.sentence >= seg.sentence - 1);
      if (prev && !owners(prev).some((b) => own.includes(b))) {
        const words = contentWords(text, seg.start, seg.end, spans, seg.bodyStart);
        const elliptical = words.length === 0 || (words.length <= 2 && ELLIPSIS.test(words.join(' ')));
        for (const b of own) contrasts[b] = { partners: owners(prev), connective: seg.connective, elliptical };
        for (const b of owners(prev)) if (contrasts[b]!.partners.length === 0) contrasts[b] = { partners: own, connective: seg.connective, elliptical: false };
      }
    }
    // "Verizon has signal in the basement, T-Mobile has nothing": two brands' statements side by side
    // with no connective are set against each other too, unless a word says they are alike ("тоже", "too").
    if (!seg.connective && JUXTAPOSED.has(seg.boundary) && own.length === 1 && contrasts[own[0]!]!.partners.length === 0) {
      const prev = segments.slice(0, i).reverse().find((p) => owners(p).length > 0 && p.sentence >= seg.sentence - 1);
      const prevOwn = prev ? owners(prev) : [];
      const alike = (g: Segment): boolean => PARALLEL.test(text.slice(g.start, g.end).toLowerCase().replace(/ё/g, 'е'));
      // "…против Сбербанка, ВТБ и Газпромбанка": a name right before the comma and one right after it is a list.
      const lastOfPrev = spans[prev?.mentions.at(-1) ?? -1];
      const firstOfSeg = spans[seg.mentions[0] ?? -1];
      const listed =
        lastOfPrev !== undefined && firstOfSeg !== undefined && /^[\s,;]*$/u.test(text.slice(lastOfPrev.end, prev!.end)) && text.slice(seg.start, firstOfSeg.start).trim() === '';
      const says = (g: Segment): boolean => contentWords(text, g.start, g.end, spans, g.bodyStart).length >= 2;
      if (prev && prevOwn.length === 1 && prevOwn[0] !== own[0] && prev.boundary !== 'unlike' && says(prev) && says(seg) && !listed && contrasts[prevOwn[0]!]!.partners.length === 0 && !alike(prev) && !alike(seg)) {
        contrasts[own[0]!] = { partners: prevOwn, connective: '', elliptical: false };
        contrasts[prevOwn[0]!] = { partners: own, connective: '', elliptical: false };
      }
    }
    if (seg.boundary === 'unlike') {
      const main = segments[i + 1];
      if (main && main.sentence === seg.sentence && owners(main).length > 0) for (const b of own) unlike[b] = owners(main).filter((m) => !own.includes(m));
    }
  });
  return { text, spans, segments, sentences, scopes, contrasts, unlike };
}

/** The sentence lowercased, ё folded, each brand mention k written ⟪k⟫: what the rules' patterns match. */
export function skeleton(post: PostStructure, sentence: number): string {
  // Every rule reads every sentence's skeleton: build each once per post.
  const cached = skeletons.get(post)?.[sentence];
  if (cached !== undefined) return cached;
  const built = buildSkeleton(post, sentence);
  const list = skeletons.get(post) ?? [];
  list[sentence] = built;
  skeletons.set(post, list);
  return built;
}

const skeletons = new WeakMap<PostStructure, string[]>();

function buildSkeleton(post: PostStructure, sentence: number): string {
  const { start, end } = post.sentences[sentence] ?? { start: 0, end: 0 };
  let out = '';
  let pos = start;
  post.spans.forEach((s, k) => {
    if (s.start < start || s.start >= end) return;
    out += `${post.text.slice(pos, s.start)} ⟪${k}⟫ `;
    pos = s.end;
  });
  out += post.text.slice(pos, end);
  return out.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}
