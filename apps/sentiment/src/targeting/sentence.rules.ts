import type { SentimentLabel } from '@pulse/contracts';
import { skeleton, type PostStructure } from './post-structure.js';
import {
  ADVICE,
  CHOICE_VERB,
  COMPARATIVES,
  COMPARATIVE_NEGATION,
  COMPARATIVE_RE,
  COMPARED_WITH,
  DEGREE_COMPARATIVE,
  DISCLAIMER,
  NEITHER_NOR,
  NEWS_CUE,
  NOT_AT_FAULT,
  NOT_EVEN_CLOSE,
  NOT_ONLY,
  NOT_X_BUT_Y,
  ON_AFTER,
  OPPOSING_CONNECTIVES,
  PARITY,
  PERSONAL,
  QUESTION_OPENER,
  RHETORICAL,
  STANDARD_MARKER,
  SWITCH_NO_GAIN,
  SWITCH_REGRET,
  REGRET_DENIED,
  SWITCH_VERB,
  FROM_BEFORE,
  LEAVE_ONLY_VERB,
  LEAVE_VERB_BEFORE,
  TO_BEFORE,
  words,
} from './targeting.cues.js';
import type { TargetingRule } from './targeting.rules.js';

/**
 * How a rule decides one brand's label once the model has read that brand's evidence:
 * `fixed` ignores the reading (it still gives the score), `read` takes it (neutral below
 * `threshold` when one is set), `opposite`/`rejected` follow another brand's final label,
 * `read-else` takes the reading when it is positive or negative and `label` otherwise, and
 * `lean` takes whichever of positive and negative the reading puts higher (a comparison is not neutral),
 * `contrast` takes a polar reading, else the opposite of a polar partner, else (both neutral)
 * whichever way the two readings lean against each other.
 */
export type Decide =
  | { kind: 'fixed'; label: SentimentLabel }
  | { kind: 'read'; threshold?: number; confident?: TargetingRule }
  | { kind: 'opposite'; of: number }
  | { kind: 'rejected'; of: number }
  | { kind: 'read-else'; label: SentimentLabel }
  | { kind: 'lean' }
  | { kind: 'contrast'; of: number };

export interface Claim {
  brand: number;
  rule: TargetingRule;
  decide: Decide;
  /** Text ranges the model reads for this brand. */
  evidence: [number, number][];
  /** A phrase to leave out of the reading (the ironic praise of a sarcastic post). */
  strip?: RegExp;
  /** What the reason says about the other side: its mention index. */
  other?: number;
  /** The cue word for the reason ("лучше", "но"). */
  cue?: string;
}

const OPPOSING_RE = new RegExp(words([...OPPOSING_CONNECTIVES]), 'u');
const mentionsIn = (sk: string): { k: number; at: number }[] => [...sk.matchAll(/⟪(\d+)⟫/gu)].map((m) => ({ k: Number(m[1]), at: m.index }));
const sentenceRange = (post: PostStructure, s: number): [number, number] => [post.sentences[s]!.start, post.sentences[s]!.end];
const brandOf = (post: PostStructure, k: number): number => post.spans[k]!.brand;

/** Sentences that ask for advice or a choice ("что лучше, X или Y?") rather than complain. */
export function adviceQuestions(post: PostStructure): Set<number> {
  const out = new Set<number>();
  post.sentences.forEach((sentence, s) => {
    const sk = skeleton(post, s);
    const asks = sentence.segments.some((i) => post.segments[i]!.question);
    // "Или лучше сразу Мегафон брать" continues the question before it.
    const continues = s > 0 && out.has(s - 1) && /^(?:или|or|чи)\s/u.test(sk);
    if (continues) out.add(s);
    if (!asks || RHETORICAL.test(sk)) return;
    if (ADVICE.test(sk) || sk.split(/[,:—–]/u).some((piece) => QUESTION_OPENER.test(piece.trim()))) out.add(s);
  });
  return out;
}

/** A news item: a reporting cue and nobody speaking for themselves or to anyone. */
export function isNews(post: PostStructure): boolean {
  const lowered = post.text.toLowerCase().replace(/ё/g, 'е');
  return NEWS_CUE.test(lowered) && !PERSONAL.test(lowered);
}

/** Switching stories: who was left and who was switched to, in one sentence. */
export function switchingClaims(post: PostStructure, s: number): Claim[] {
  const sk = skeleton(post, s);
  const roles = new Map<number, 'from' | 'to'>();
  const onAfter = ON_AFTER.exec(sk);
  if (onAfter) {
    roles.set(brandOf(post, Number(onAfter[1])), 'to');
    roles.set(brandOf(post, Number(onAfter[2])), 'from');
  } else if (SWITCH_VERB.test(sk)) {
    // "В Тинькофф закрыла бы за 5 минут" closes an account, it goes nowhere.
    const goes = sk.replace(LEAVE_ONLY_VERB, ' ') !== sk ? SWITCH_VERB.test(sk.replace(LEAVE_ONLY_VERB, ' ')) : true;
    for (const { k, at } of mentionsIn(sk)) {
      const b = brandOf(post, k);
      if (roles.has(b)) continue;
      // The cues end right before the mention: a short window is enough and keeps the anchored patterns cheap.
      const before = sk.slice(Math.max(0, at - 60), at);
      if (FROM_BEFORE.test(before) || /(?:после|after)(?:\s+[^\s⟪]+){0,3}\s+$/u.test(before) || LEAVE_VERB_BEFORE.test(before)) roles.set(b, 'from');
      else if (TO_BEFORE.test(before) && (goes || /(?:теперь|for|only)\s+(?:только\s+)?$/u.test(before))) roles.set(b, 'to');
    }
  }
  if (roles.size === 0) return [];
  // One side named, the other brand of the sentence is the other side ("ditched Amazon for local shops + Target").
  const unroled = [...new Set(mentionsIn(sk).map(({ k }) => brandOf(post, k)))].filter((b) => !roles.has(b));
  const has = (r: 'from' | 'to'): boolean => [...roles.values()].includes(r);
  if (unroled.length === 1 && has('from') !== has('to')) roles.set(unroled[0] as number, has('from') ? 'to' : 'from');
  if (!has('to')) return [];
  const lowered = post.text.toLowerCase().replace(/ё/g, 'е');
  const noGain = SWITCH_NO_GAIN.test(lowered);
  const regret = !noGain && SWITCH_REGRET.test(lowered.replace(REGRET_DENIED, ' '));
  const evidence = [sentenceRange(post, s)];
  const mentionOf = (role: 'from' | 'to'): number | undefined => {
    const brand = [...roles].find(([, r]) => r === role)?.[0];
    return mentionsIn(sk).find(({ k }) => brandOf(post, k) === brand)?.k;
  };
  return [...roles].map(([brand, role]): Claim => {
    const other = mentionOf(role === 'from' ? 'to' : 'from');
    if (noGain) return { brand, rule: 'switch-no-gain', decide: { kind: 'fixed', label: 'negative' }, evidence, other };
    const good = regret ? role === 'from' : role === 'to';
    const rule: TargetingRule = regret ? 'switch-regret' : role === 'from' ? 'switch-from' : 'switch-to';
    return { brand, rule, decide: { kind: 'fixed', label: good ? 'positive' : 'negative' }, evidence, cue: role, other };
  });
}

/** "не X, а Y", "not X's fault", "ни X, ни Y", "не только X, но и Y". */
export function negationClaims(post: PostStructure, s: number): Claim[] {
  const sk = skeleton(post, s);
  const evidence = [sentenceRange(post, s)];
  const disclaimed = DISCLAIMER.exec(sk);
  if (disclaimed) return [{ brand: brandOf(post, Number(disclaimed[1])), rule: 'disclaimer', decide: { kind: 'fixed', label: 'neutral' }, evidence }];
  for (const re of NOT_X_BUT_Y) {
    const m = re.exec(sk);
    if (!m) continue;
    const [x, y] = [brandOf(post, Number(m[1])), brandOf(post, Number(m[3]))];
    if (x === y) continue;
    if (CHOICE_VERB.test(sk.slice(0, m.index)))
      return [
        { brand: y, rule: 'not-x-but-y', decide: { kind: 'fixed', label: 'positive' }, evidence, other: Number(m[1]) },
        { brand: x, rule: 'not-x-but-y', decide: { kind: 'fixed', label: 'negative' }, evidence, other: Number(m[3]) },
      ];
    return [
      { brand: y, rule: 'not-x-but-y', decide: { kind: 'read' }, evidence, other: Number(m[1]) },
      { brand: x, rule: 'not-x-but-y', decide: { kind: 'rejected', of: y }, evidence, other: Number(m[3]) },
    ];
  }
  const fault = NOT_AT_FAULT.exec(sk);
  if (fault) {
    const cleared = Number(fault[1] ?? fault[2] ?? fault[3] ?? fault[4]);
    // The point of clearing one brand is blaming another: the other brands of the sentence, unless the model reads them otherwise.
    // "Не в Сбере дело, просто у Альфы интерфейс лучше": with a comparative the others are compared, not blamed.
    const compared = COMPARATIVE_RE.test(sk);
    COMPARATIVE_RE.lastIndex = 0;
    const blamed = compared ? [] : [...new Set(mentionsIn(sk).map(({ k }) => brandOf(post, k)))].filter((b) => b !== brandOf(post, cleared));
    return [
      { brand: brandOf(post, cleared), rule: 'not-at-fault', decide: { kind: 'fixed', label: 'neutral' }, evidence },
      ...blamed.map((brand): Claim => ({ brand, rule: 'not-at-fault', decide: { kind: 'read-else', label: 'negative' }, evidence, other: cleared, cue: 'blamed' })),
    ];
  }
  for (const [rule, patterns] of [['neither-nor', NEITHER_NOR], ['not-only', NOT_ONLY]] as const) {
    for (const re of patterns) {
      const m = re.exec(sk);
      if (!m) continue;
      const brands = [...new Set([brandOf(post, Number(m[1])), brandOf(post, Number(m[2]))])];
      if (brands.length === 2) return brands.map((brand) => ({ brand, rule, decide: { kind: 'read' }, evidence }));
    }
  }
  return [];
}

/** The standard of a comparative that starts at `after` in the skeleton: a mention index, 'none', or 'open' (no standard written). */
function standardOf(sk: string, after: number): number | 'none' | 'open' {
  const rest = sk.slice(after);
  if (STANDARD_MARKER.test(rest)) {
    const m = /^\s*,?\s*\S+\s+(?:[^\s⟪,.;:!?]+\s+){0,2}?⟪(\d+)⟫/u.exec(rest);
    return m ? Number(m[1]) : 'none';
  }
  const direct = /^\s*(?:[^\s⟪,.;:!?]+\s+)?⟪(\d+)⟫/u.exec(rest);
  return direct ? Number(direct[1]) : 'open';
}

/** Comparisons between two brands of one sentence. */
export function comparisonClaims(post: PostStructure, s: number, headers: ReadonlySet<number>): Claim[] {
  const sk = skeleton(post, s);
  const mentions = mentionsIn(sk).filter(({ k }) => !headers.has(k));
  const evidence = [sentenceRange(post, s)];
  for (const m of sk.matchAll(COMPARATIVE_RE)) {
    const word = m[0];
    const polarity = COMPARATIVES.get(word) as 1 | -1;
    const subjectAt = mentions.filter((x) => x.at < m.index).at(-1);
    if (!subjectAt) continue;
    let standard = standardOf(sk, m.index + word.length);
    if (standard === 'open') {
      // "Wells Fargo is not as bad as people say, Capital One was way worse": the standard is the brand before, unless a contrast or "than" stands between.
      const before = mentions.filter((x) => x.at < subjectAt.at && brandOf(post, x.k) !== brandOf(post, subjectAt.k)).at(-1);
      const between = before ? sk.slice(before.at, subjectAt.at) : '';
      standard = before && !OPPOSING_RE.test(between) && !/(?:чем|than|ніж)/u.test(between) ? before.k : 'none';
      if (standard === 'none') {
        const implicit = implicitComparison(post, s, brandOf(post, subjectAt.k), subjectAt.k, word, polarity);
        if (implicit.length > 0) return implicit;
      }
    }
    if (standard === 'none' || brandOf(post, standard) === brandOf(post, subjectAt.k)) continue;
    const [subject, other] = [brandOf(post, subjectAt.k), brandOf(post, standard)];
    const common = { evidence, cue: word };
    if (COMPARATIVE_NEGATION.test(sk.slice(Math.max(0, m.index - 24), m.index))) {
      if (polarity < 0)
        return [
          { ...common, brand: subject, rule: 'comparison-no-worse', decide: { kind: 'fixed', label: 'positive' }, other: standard },
          { ...common, brand: other, rule: 'comparison-no-worse', decide: { kind: 'fixed', label: 'neutral' }, other: subjectAt.k },
        ];
      if (/^(?:лучше|better|краще)$/u.test(word))
        return [
          { ...common, brand: subject, rule: 'comparison-no-better', decide: { kind: 'fixed', label: 'negative' }, other: standard },
          { ...common, brand: other, rule: 'comparison-no-better', decide: { kind: 'fixed', label: 'negative' }, other: subjectAt.k },
        ];
      continue;
    }
    // "ВкусВилл дороже Пятёрочки, но качество несравнимо": a brandless but-clause after the comparison speaks for the subject.
    const but = post.sentences[s]!.segments.map((i) => post.segments[i]!).find((g) => g.brands.length === 0 && g.connective !== null && OPPOSING_CONNECTIVES.has(g.connective) && g.start > post.spans[standard as number]!.start);
    // "Теле2 дешевле МТС почти в два раза, а связь такая же": a clause of parity is no counterpoint, the comparison stands.
    const parity = but !== undefined && PARITY.test(post.text.slice(but.bodyStart, but.end).toLowerCase().replace(/ё/g, 'е'));
    if (but && !parity) {
      return [
        // "…pricier than Walmart but the stores are actually clean": the but-clause is a counterpoint, so a neutral reading still turns the comparison around.
        { brand: subject, rule: 'comparison-but', decide: { kind: 'read-else', label: polarity > 0 ? 'negative' : 'positive' }, evidence: [[but.start, but.end]], cue: but.connective ?? '', other: standard },
        { brand: other, rule: 'comparison-but', decide: { kind: 'opposite', of: subject }, evidence, cue: but.connective ?? '', other: subjectAt.k },
      ];
    }
    const [winner, loser] = polarity > 0 ? [subject, other] : [other, subject];
    const [winnerK, loserK] = polarity > 0 ? [subjectAt.k, standard] : [standard, subjectAt.k];
    return [
      { ...common, brand: winner, rule: 'comparison-winner', decide: { kind: 'fixed', label: 'positive' }, other: loserK },
      { ...common, brand: loser, rule: 'comparison-loser', decide: { kind: 'fixed', label: 'negative' }, other: winnerK },
    ];
  }
  // "У ВТБ ставка по вкладу выше, чем у Сбера": which way "выше" goes is the model's reading of the sentence for the subject.
  for (const m of sk.matchAll(DEGREE_COMPARATIVE)) {
    const subjectAt = mentions.filter((x) => x.at < m.index).at(-1);
    const standard = standardOf(sk, m.index + m[0].length);
    if (!subjectAt || typeof standard !== 'number' || brandOf(post, standard) === brandOf(post, subjectAt.k)) continue;
    if (COMPARATIVE_NEGATION.test(sk.slice(Math.max(0, m.index - 24), m.index))) continue;
    const subject = brandOf(post, subjectAt.k);
    return [
      { brand: subject, rule: 'comparison-degree', decide: { kind: 'lean' }, evidence, other: standard, cue: m[0] },
      { brand: brandOf(post, standard), rule: 'comparison-degree', decide: { kind: 'opposite', of: subject }, evidence, other: subjectAt.k, cue: m[0] },
    ];
  }
  // "Магнит по сравнению с Перекрёстком просто склад": the model reads the subject, the other gets the opposite.
  for (const m of sk.matchAll(COMPARED_WITH)) {
    const standard = Number(m[1]);
    const subjectAt = mentions.find((x) => x.k !== standard && brandOf(post, x.k) !== brandOf(post, standard));
    if (!subjectAt) continue;
    const subject = brandOf(post, subjectAt.k);
    return [
      { brand: subject, rule: 'comparison-winner', decide: { kind: 'read' }, evidence, other: standard, cue: 'compared with' },
      { brand: brandOf(post, standard), rule: 'comparison-loser', decide: { kind: 'opposite', of: subject }, evidence, other: subjectAt.k, cue: 'compared with' },
    ];
  }
  // "Альфа самый адекватный, Сбер и ВТБ рядом не стояли".
  for (const i of post.sentences[s]!.segments) {
    const seg = post.segments[i]!;
    if (!NOT_EVEN_CLOSE.test(post.text.slice(seg.start, seg.end).toLowerCase().replace(/ё/g, 'е'))) continue;
    const prev = post.segments.slice(0, i).reverse().find((g) => g.sentence === s && g.brands.length > 0);
    if (!prev || seg.brands.length === 0) continue;
    const winnerK = prev.mentions[0] as number;
    return [
      ...prev.brands.map((brand): Claim => ({ brand, rule: 'comparison-winner', decide: { kind: 'fixed', label: 'positive' }, evidence, other: seg.mentions[0] as number, cue: 'рядом не стояли' })),
      ...seg.brands.map((brand): Claim => ({ brand, rule: 'comparison-loser', decide: { kind: 'fixed', label: 'negative' }, evidence, other: winnerK, cue: 'рядом не стояли' })),
    ];
  }
  return [];
}

/** The polar comparative written in a brand's own clause in sentence `s`, if any. */
function ownComparative(post: PostStructure, s: number, brand: number): { word: string; polarity: 1 | -1 } | undefined {
  for (const i of post.sentences[s]?.segments ?? []) {
    const seg = post.segments[i]!;
    if (!seg.brands.includes(brand)) continue;
    const m = post.text.slice(seg.start, seg.end).toLowerCase().replace(/ё/g, 'е').match(COMPARATIVE_RE);
    if (m) return { word: m[0], polarity: COMPARATIVES.get(m[0]) as 1 | -1 };
  }
  return undefined;
}

/**
 * "Билайн хотя бы дешевле, а МТС опять поднял тарифы": a comparative with no standard in a clause
 * contrasted with another brand's compares the two. When that clause has its own comparative
 * ("Связь у Мегафона лучше, но МТС дешевле") each brand gets its own word's direction.
 */
function implicitComparison(post: PostStructure, s: number, subject: number, subjectK: number, word: string, polarity: 1 | -1): Claim[] {
  const partner = post.contrasts[subject]?.partners[0];
  if (partner === undefined) return [];
  const partnerK = post.spans.findIndex((sp) => sp.brand === partner);
  const evidence = [sentenceRange(post, s)];
  const theirs = ownComparative(post, s, partner);
  const label = (p: number): SentimentLabel => (p > 0 ? 'positive' : 'negative');
  if (theirs)
    return [
      { brand: subject, rule: polarity > 0 ? 'comparison-winner' : 'comparison-loser', decide: { kind: 'fixed', label: label(polarity) }, evidence, other: partnerK, cue: word },
      { brand: partner, rule: theirs.polarity > 0 ? 'comparison-winner' : 'comparison-loser', decide: { kind: 'fixed', label: label(theirs.polarity) }, evidence, other: subjectK, cue: theirs.word },
    ];
  return [
    { brand: subject, rule: polarity > 0 ? 'comparison-winner' : 'comparison-loser', decide: { kind: 'fixed', label: label(polarity) }, evidence, other: partnerK, cue: word },
    { brand: partner, rule: polarity > 0 ? 'comparison-loser' : 'comparison-winner', decide: { kind: 'fixed', label: label(-polarity) }, evidence, other: subjectK, cue: word },
  ];
}
