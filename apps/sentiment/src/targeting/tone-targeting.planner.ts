import type { SentimentLabel, SentimentScores, ToneExplanation } from '@pulse/contracts';
import { analysePost, type PostStructure } from './post-structure.js';
import { adviceQuestions, comparisonClaims, isNews, negationClaims, switchingClaims, type Claim } from './sentence.rules.js';
import { findBrandSpans, markSpans, OTHER_MARKER, TARGET_MARKER } from './target-brand.marker.js';
import { CONCESSIVE, SARCASM } from './targeting.cues.js';
import type { TargetingRule } from './targeting.rules.js';

/** The tone toward one brand of a post and why. */
export interface TopicTone {
  label: SentimentLabel;
  score: number;
  explain: ToneExplanation;
}

export interface TargetingOptions {
  /** Write the brand being read as [BRAND] and the others as [OTHER] (models trained for it). */
  mark: boolean;
  /** Probability a question's or a news item's reading needs to count as loaded rather than neutral. */
  loadedThreshold: number;
  /** Probability of "positive" that overrules ironic praise. */
  sarcasmThreshold: number;
}

export const DEFAULT_TARGETING: TargetingOptions = { mark: true, loadedThreshold: 0.8, sarcasmThreshold: 0.9 };

export interface TargetingPlan {
  /** Per brand, in the order given: whether any of its terms is in the text. */
  located: boolean[];
  /** Texts the model reads for this post, besides the whole post. */
  reads: string[];
  /** Per brand, in the order given: its tone from the model's scores of `reads` (same order), or undefined when the brand is not in the text. */
  resolve(scores: readonly SentimentScores[]): (TopicTone | undefined)[];
}

/** How far apart two neutral contrasted readings must lean (in P(positive) − P(negative)) to be told apart. */
const CONTRAST_LEAN = 0.1;

const OPPOSITE: Record<SentimentLabel, SentimentLabel> = { positive: 'negative', negative: 'positive', neutral: 'neutral' };

function top(s: SentimentScores): SentimentLabel {
  return s.positive >= s.negative && s.positive >= s.neutral ? 'positive' : s.negative >= s.neutral ? 'negative' : 'neutral';
}

/** One line for people per rule, with the other brand's name and the cue word where they matter. */
const REASONS: Record<TargetingRule, (other: string, cue: string) => string> = {
  'whole-post': () => 'one tracked brand in the post: its whole tone',
  'not-located': () => 'none of its terms is in the text: the whole post\'s tone',
  'own-clause': () => 'the tone of its own clause',
  concession: (o, c) => `the "${c}" clause that follows its own${o ? `, set against ${o}` : ''}`,
  'shared-clause': (o) => `shares its clause with ${o}`,
  'contrast-opposite': (o, c) => `its clause reads neutral, set against ${o}${c ? ` by "${c}"` : ' side by side'}`,
  'contrast-relative': (o, c) => `contrasted with ${o}${c ? ` by "${c}"` : ' side by side'}; the model leans this way between the two`,
  'contrast-ellipsis': (o, c) => `elliptical contrast with ${o} ("${c}")`,
  unlike: (o) => `"unlike" ${o}: the opposite of the main clause`,
  'comparison-winner': (o, c) => `compared favourably with ${o} ("${c}")`,
  'comparison-loser': (o, c) => `compared unfavourably with ${o} ("${c}")`,
  'comparison-no-better': (o) => `"no better" comparison with ${o}`,
  'comparison-no-worse': (o) => `"no worse" comparison with ${o}`,
  'comparison-degree': (o, c) => `compared with ${o} by "${c}"; the model reads which way`,
  'comparison-but': (o, c) => `the "${c}" clause after its comparison with ${o}`,
  'switch-from': (o) => `switched away from it${o ? ` to ${o}` : ''}`,
  'switch-to': (o) => `switched to it${o ? ` from ${o}` : ''}`,
  'switch-regret': (o, c) => (c === 'from' ? `switched away from it${o ? ` to ${o}` : ''} and regretted it` : `switched to it${o ? ` from ${o}` : ''} and regretted it`),
  'switch-no-gain': () => 'a switch that changed nothing',
  'not-x-but-y': (o) => `"not X but Y" with ${o}`,
  'not-at-fault': (o, c) => (c === 'blamed' ? `blamed instead of ${o}` : 'said not to be at fault'),
  disclaimer: () => 'the author disclaims a judgement on it',
  'neither-nor': (o) => `"neither … nor" with ${o}`,
  'not-only': (o) => `"not only … but also" with ${o}`,
  'question-neutral': () => 'an advice or choice question',
  'question-loaded': () => 'a question the model reads as loaded',
  'news-neutral': () => 'a news item',
  'news-loaded': () => 'news the model reads as good or bad for it',
  sarcasm: () => 'ironic praise',
};

/** Claims for every located brand, most specific rule first; the first claim on a brand wins. */
function claimAll(post: PostStructure, brandCount: number, options: TargetingOptions): Map<number, Claim> {
  const located = new Set(post.spans.map((s) => s.brand));
  const claims = new Map<number, Claim>();
  const add = (list: readonly Claim[]): void => {
    for (const c of list) if (located.has(c.brand) && !claims.has(c.brand)) claims.set(c.brand, c);
  };
  const scopeRanges = (b: number): [number, number][] => post.scopes[b]!.map((i) => [post.segments[i]!.start, post.segments[i]!.end]);
  const questions = adviceQuestions(post);
  const headers = new Set(post.segments.filter((g) => g.header).flatMap((g) => g.mentions));
  const sentences = post.sentences.map((_, s) => s);

  for (const s of sentences) if (!questions.has(s)) add(switchingClaims(post, s));
  // "…?? Перехожу на Теле2": switching to one brand with no other named leaves the only other brand behind.
  const switched = [...claims.values()];
  if (switched.some((c) => c.rule === 'switch-to') && !switched.some((c) => c.rule === 'switch-from') && located.size === 2) {
    const left = [...located].find((b) => !claims.has(b));
    if (left !== undefined) add([{ brand: left, rule: 'switch-from', decide: { kind: 'fixed', label: 'negative' }, evidence: scopeRanges(left) }]);
  }
  for (const s of questions) {
    const brands = new Set(post.sentences[s]!.segments.flatMap((i) => post.segments[i]!.brands));
    add([...brands].map((brand) => ({ brand, rule: 'question-neutral', decide: { kind: 'read', threshold: options.loadedThreshold, confident: 'question-loaded' }, evidence: [[post.sentences[s]!.start, post.sentences[s]!.end]] })));
  }
  if (isNews(post)) add([...located].map((brand) => ({ brand, rule: 'news-neutral', decide: { kind: 'read', threshold: options.loadedThreshold, confident: 'news-loaded' }, evidence: scopeRanges(brand) })));
  for (const s of sentences) if (!questions.has(s)) add(negationClaims(post, s));
  for (const s of sentences) if (!questions.has(s)) add(comparisonClaims(post, s, headers));

  for (let b = 0; b < brandCount; b++) {
    if (!located.has(b) || claims.has(b)) continue;
    const evidence = scopeRanges(b);
    const scopeText = evidence.map(([s, e]) => post.text.slice(s, e)).join(' ').toLowerCase().replace(/ё/g, 'е');
    const firstOther = (brands: readonly number[]): number | undefined => post.spans.findIndex((sp) => brands.includes(sp.brand));
    const contrast = post.contrasts[b]!;
    const conceded = concession(post, b);
    if (conceded && !SARCASM.test(scopeText)) {
      const partner = contrast.partners.length > 0 && !contrast.elliptical ? contrast.partners[0] : undefined;
      add([{ brand: b, rule: 'concession', decide: partner === undefined ? { kind: 'read' } : { kind: 'contrast', of: partner }, evidence: conceded.evidence, cue: conceded.connective, other: partner === undefined ? undefined : firstOther(contrast.partners) }]);
    } else if (SARCASM.test(scopeText)) add([{ brand: b, rule: 'sarcasm', decide: { kind: 'read', threshold: options.sarcasmThreshold }, evidence, strip: SARCASM }]);
    else if (post.unlike[b]!.length > 0) add([{ brand: b, rule: 'unlike', decide: { kind: 'opposite', of: post.unlike[b]![0]! }, evidence, other: firstOther(post.unlike[b]!) }]);
    else if (contrast.partners.length > 0 && contrast.elliptical)
      add([{ brand: b, rule: 'contrast-ellipsis', decide: { kind: 'opposite', of: contrast.partners[0]! }, evidence, other: firstOther(contrast.partners), cue: contrast.connective }]);
    else if (contrast.partners.length > 0)
      add([{ brand: b, rule: 'own-clause', decide: { kind: 'contrast', of: contrast.partners[0]! }, evidence, other: firstOther(contrast.partners), cue: contrast.connective }]);
    else {
      const sharing = post.scopes[b]!.every((i) => post.segments[i]!.brands.length === 0 || post.segments[i]!.brands.some((o) => o !== b));
      const partner = post.scopes[b]!.flatMap((i) => post.segments[i]!.brands).find((o) => o !== b);
      add([{ brand: b, rule: sharing && partner !== undefined ? 'shared-clause' : 'own-clause', decide: { kind: 'read' }, evidence, other: partner === undefined ? undefined : firstOther([partner]) }]);
    }
  }
  // Every brand in one shared statement and nothing else said about any of them ("Сбербанк и ВТБ
  // попадут под санкции Евросоюза"): the statement is the post, read whole like the overall tone.
  const all = [...claims.values()];
  if (all.length > 1 && all.every((c) => c.rule === 'shared-clause' && c.evidence.join(';') === all[0]!.evidence.join(';'))) {
    for (const c of all) c.evidence = [[0, post.text.length]];
  }
  return claims;
}

/** Rules that give several brands one statement's tone. */
const SHARED_STATEMENT: ReadonlySet<TargetingRule> = new Set(['shared-clause', 'neither-nor', 'not-only']);

/**
 * "Мегафон дорогой, зато ловит везде": a brand's own clause followed, in the same sentence, by a
 * brandless "зато/но/однако/but/yet" clause. What comes after the connective is the author's
 * verdict on the brand, so only it (and the rest of the brand's scope) is read.
 */
function concession(post: PostStructure, brand: number): { evidence: [number, number][]; connective: string } | undefined {
  const scope = post.scopes[brand]!;
  for (const [n, i] of scope.entries()) {
    const seg = post.segments[i]!;
    if (seg.brands.length > 0 || !seg.connective || !CONCESSIVE.has(seg.connective)) continue;
    const before = scope.slice(0, n).filter((k) => post.segments[k]!.sentence === seg.sentence);
    if (!before.some((k) => post.segments[k]!.brands.includes(brand))) continue;
    const kept = scope.filter((k) => !before.includes(k));
    return { evidence: kept.map((k) => [post.segments[k]!.start, post.segments[k]!.end]), connective: seg.connective };
  }
  return undefined;
}

/**
 * The text the model reads for a claim: its evidence, the brand marked [BRAND] and the others
 * [OTHER]. Brands that one rule decides alike from the same words ("МТС и Билайн опять подняли
 * цены", a news item) are all [BRAND]: one statement about them, read once, the same for each;
 * with no other brand in it, it is read unmarked (SHARED_STATEMENT below).
 */
function evidenceText(post: PostStructure, claim: Claim, targets: ReadonlySet<number>, mark: boolean): { read: string; shown: string } {
  const inside = (start: number, end: number) => post.spans.filter((s) => s.start >= start && s.end <= end);
  // One statement about every brand in it ("МТС и Билайн опять подняли цены") is read as written:
  // markers tell brands apart, and with nothing to tell apart the model reads plain words better.
  const alike = SHARED_STATEMENT.has(claim.rule) && claim.evidence.every(([start, end]) => inside(start, end).every((s) => targets.has(s.brand)));
  const parts = claim.evidence.map(([start, end]) => {
    const spans = inside(start, end).map((s) => ({ start: s.start - start, end: s.end - start, marker: targets.has(s.brand) ? TARGET_MARKER : OTHER_MARKER }));
    const raw = post.text.slice(start, end);
    return { raw, read: mark && !alike ? markSpans(raw, spans) : raw };
  });
  let read = parts.map((p) => p.read).join(' ');
  if (claim.strip) read = read.replace(new RegExp(claim.strip.source, 'giu'), ' ').replace(/\s+/g, ' ').trim() || read;
  return { read, shown: parts.map((p) => p.raw).join(' … ') };
}

/**
 * Plans the tone toward each of several brands in one post: splits it into clauses, applies the
 * targeting rules, and lists the texts the model must read. With fewer than two brands located in
 * the text there is nothing to tell apart: no reads, and every brand resolves to undefined (the
 * caller gives it the whole post's tone).
 */
export function planTopicTones(text: string, brandTerms: readonly (readonly string[])[], options: TargetingOptions = DEFAULT_TARGETING): TargetingPlan {
  const post = analysePost(text, brandTerms);
  if (!post) {
    const spans = findBrandSpans(text, brandTerms);
    return { located: brandTerms.map((_, b) => spans.some((s) => s.brand === b)), reads: [], resolve: () => brandTerms.map(() => undefined) };
  }
  const claims = claimAll(post, brandTerms.length, options);
  const reads: string[] = [];
  const readIndex = new Map<string, number>();
  const planned = new Map<number, { claim: Claim; read: number; shown: string }>();
  const together = new Map<string, Set<number>>();
  const key = (c: Claim): string => `${c.rule}|${c.decide.kind}|${c.evidence.join(';')}`;
  for (const [brand, claim] of claims) {
    if (!['shared-clause', 'neither-nor', 'not-only', 'question-neutral', 'news-neutral'].includes(claim.rule)) continue;
    const group = together.get(key(claim)) ?? new Set<number>();
    together.set(key(claim), group.add(brand));
  }
  for (const [brand, claim] of claims) {
    const { read, shown } = evidenceText(post, claim, together.get(key(claim)) ?? new Set([brand]), options.mark);
    let at = readIndex.get(read);
    if (at === undefined) {
      at = reads.push(read) - 1;
      readIndex.set(read, at);
    }
    planned.set(brand, { claim, read: at, shown });
  }
  const name = (k: number | undefined): string => (k === undefined || k < 0 ? '' : post.text.slice(post.spans[k]!.start, post.spans[k]!.end));

  return {
    located: brandTerms.map((_, b) => post.spans.some((s) => s.brand === b)),
    reads,
    resolve(scores) {
      const done = new Map<number, TopicTone>();
      const finish = (brand: number, label: SentimentLabel, rule: TargetingRule): void => {
        const p = planned.get(brand)!;
        const s = scores[p.read] as SentimentScores;
        done.set(brand, { label, score: s[label], explain: { rule, reason: REASONS[rule](name(p.claim.other), p.claim.cue ?? '').slice(0, 300), evidence: p.shown.slice(0, 1000) } });
      };
      // Claims that follow another brand wait for it; a cycle (two neutral contrasted clauses) falls back to the reading.
      for (let pass = 0; pass < 4 && done.size < planned.size; pass++) {
        const last = pass === 3;
        for (const [brand, { claim, read }] of planned) {
          if (done.has(brand)) continue;
          const s = scores[read] as SentimentScores;
          const reading = top(s);
          const d = claim.decide;
          const partner = 'of' in d ? done.get(d.of)?.label : undefined;
          switch (d.kind) {
            case 'fixed':
              finish(brand, d.label, claim.rule);
              break;
            case 'read': {
              if (d.threshold === undefined) finish(brand, reading, claim.rule);
              else if (claim.rule === 'sarcasm') finish(brand, reading === 'positive' && s.positive >= d.threshold ? 'positive' : 'negative', reading === 'positive' && s.positive >= d.threshold ? 'own-clause' : 'sarcasm');
              else if (reading !== 'neutral' && s[reading] >= d.threshold) finish(brand, reading, d.confident ?? claim.rule);
              else finish(brand, 'neutral', claim.rule);
              break;
            }
            case 'lean':
              finish(brand, s.positive >= s.negative ? 'positive' : 'negative', claim.rule);
              break;
            case 'read-else':
              finish(brand, reading === 'neutral' ? d.label : reading, claim.rule);
              break;
            case 'contrast': {
              const other = planned.get(d.of);
              const theirs = other && scores[other.read];
              // Both sides of "X …, а Y …" read the same way: one of them is misread; the surer reading stands, the other turns.
              const clash = reading !== 'neutral' && other?.claim.decide.kind === 'contrast' && theirs !== undefined && top(theirs) === reading && (claim.cue ?? '') !== '';
              if (clash && s[reading] < theirs[reading]) finish(brand, OPPOSITE[reading], 'contrast-opposite');
              else if (reading !== 'neutral') finish(brand, reading, claim.rule);
              else if (partner !== undefined && partner !== 'neutral') finish(brand, OPPOSITE[partner], 'contrast-opposite');
              else if (other?.claim.decide.kind === 'contrast' && theirs && top(theirs) === 'neutral') {
                const lean = s.positive - s.negative - (theirs.positive - theirs.negative);
                finish(brand, Math.abs(lean) < CONTRAST_LEAN ? 'neutral' : lean > 0 ? 'positive' : 'negative', Math.abs(lean) < CONTRAST_LEAN ? claim.rule : 'contrast-relative');
              } else if (partner !== undefined || last) finish(brand, reading, claim.rule);
              break;
            }
            case 'opposite':
              if (partner !== undefined) finish(brand, OPPOSITE[partner], claim.rule);
              else if (last) finish(brand, reading, claim.rule);
              break;
            case 'rejected':
              // "Выбрал не МТС, а Мегафон": rejected; "Не Озон виноват, а Вайлдберриз": cleared.
              if (partner !== undefined) finish(brand, partner === 'positive' ? 'negative' : 'neutral', claim.rule);
              else if (last) finish(brand, 'neutral', claim.rule);
              break;
          }
        }
      }
      return brandTerms.map((_, b) => done.get(b));
    },
  };
}

/** The explanation of a rule that needs no other brand or cue (whole-post, not-located). */
export function ruleExplanation(rule: TargetingRule): ToneExplanation {
  return { rule, reason: REASONS[rule]('', '') };
}
