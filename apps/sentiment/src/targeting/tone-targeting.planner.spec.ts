import type { SentimentScores } from '@pulse/contracts';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TARGETING, planTopicTones } from './tone-targeting.planner.js';
import { TARGETING_RULES } from './targeting.rules.js';

/** A stand-in model: the first cue found in the text decides its scores. */
const CUES: [RegExp, SentimentScores][] = [
  [/ура|молодцы|летает|супер/u, { negative: 0.05, neutral: 0.1, positive: 0.85 }],
  [/висит|ужас|не работает|без связи/u, { negative: 0.85, neutral: 0.1, positive: 0.05 }],
  [/бодрее/u, { negative: 0.1, neutral: 0.6, positive: 0.3 }],
  [/вялый/u, { negative: 0.3, neutral: 0.6, positive: 0.1 }],
  [/хоть бы что|норм/u, { negative: 0.2, neutral: 0.6, positive: 0.2 }],
  [/подорожание/u, { negative: 0.7, neutral: 0.3, positive: 0 }],
  [/шикарн/u, { negative: 0.05, neutral: 0.05, positive: 0.9 }],
];
const NEUTRAL: SentimentScores = { negative: 0.1, neutral: 0.8, positive: 0.1 };
const read = (text: string): SentimentScores => CUES.find(([re]) => re.test(text.toLowerCase()))?.[1] ?? NEUTRAL;

function tones(text: string, brands: string[][], options = DEFAULT_TARGETING) {
  const plan = planTopicTones(text, brands, options);
  return { plan, tones: plan.resolve(plan.reads.map(read)) };
}

describe('planTopicTones', () => {
  it('plans nothing when fewer than two brands are in the text, and says which are', () => {
    const { plan, tones: t } = tones('Билайн опять висит', [['Билайн'], ['МТС']]);
    expect(plan.located).toEqual([true, false]);
    expect(plan.reads).toEqual([]);
    expect(t).toEqual([undefined, undefined]);
  });

  it('reads each clause with its brand marked, and explains the result', () => {
    const { plan, tones: t } = tones('У МТС интернет летает, а у Билайна опять всё висит', [['МТС'], ['Билайн']]);
    expect(plan.reads).toEqual(['У [BRAND] интернет летает', 'а у [BRAND] опять всё висит']);
    expect(t).toEqual([
      { label: 'positive', score: 0.85, explain: { rule: 'own-clause', reason: 'the tone of its own clause', evidence: 'У МТС интернет летает' } },
      { label: 'negative', score: 0.85, explain: { rule: 'own-clause', reason: 'the tone of its own clause', evidence: 'а у Билайна опять всё висит' } },
    ]);
  });

  it('gives a neutral clause the opposite of the polar clause it is contrasted with', () => {
    const { tones: t } = tones('Озон молодцы, однако Вайлдберриз уже месяц не может принять возврат', [['Озон'], ['Вайлдберриз']]);
    expect(t.map((x) => [x?.label, x?.explain.rule])).toEqual([
      ['positive', 'own-clause'],
      ['negative', 'contrast-opposite'],
    ]);
    expect(t[1]!.explain.reason).toBe('its clause reads neutral, set against Озон by "однако"');
    expect(t[1]!.score).toBe(0.1);
  });

  it('tells two neutral contrasted clauses apart by how the model leans, unless it hardly does', () => {
    expect(tones('У МТС интернет вроде бодрее стал, а у Билайна какой-то вялый', [['МТС'], ['Билайн']]).tones.map((x) => [x?.label, x?.explain.rule])).toEqual([
      ['positive', 'contrast-relative'],
      ['negative', 'contrast-opposite'],
    ]);
    expect(tones('У МТС тариф новый, а у Билайна старый', [['МТС'], ['Билайн']]).tones.map((x) => x?.label)).toEqual(['neutral', 'neutral']);
  });

  it('gives an elliptical contrast the opposite, and an "unlike" phrase the opposite of its main clause', () => {
    expect(tones('У Мегафона всё летает, а у Теле2 нет', [['Мегафон'], ['Теле2']]).tones.map((x) => [x?.label, x?.explain.rule])).toEqual([
      ['positive', 'own-clause'],
      ['negative', 'contrast-ellipsis'],
    ]);
    expect(tones('В отличие от Сбера, в Альфе всё супер', [['Сбер'], ['Альфа']]).tones.map((x) => [x?.label, x?.explain.rule])).toEqual([
      ['negative', 'unlike'],
      ['positive', 'own-clause'],
    ]);
  });

  it('reads what follows "зато/но" after a brand\'s clause, and gives a neutral clause beside it the opposite', () => {
    const { plan, tones: t } = tones('У МТС тариф дорогой, зато летает везде. Билайн там вялый', [['МТС'], ['Билайн']]);
    expect(plan.reads).toEqual(['зато летает везде.', '[BRAND] там вялый']);
    expect(t.map((x) => [x?.label, x?.explain.rule])).toEqual([
      ['positive', 'concession'],
      ['negative', 'contrast-opposite'],
    ]);
    expect(t[0]?.explain.reason).toBe('the "зато" clause that follows its own, set against Билайн');
    expect(t[1]?.explain.reason).toBe('its clause reads neutral, set against МТС side by side');
  });

  it('turns the less sure of two contrasted clauses that read the same way', () => {
    // "шикарн" reads positive at 0.9, "ура" at 0.85: set against each other by "а", one of them is misread.
    const { tones: t } = tones('У МТС всё шикарно, а у Билайна ура', [['МТС'], ['Билайн']]);
    expect(t.map((x) => [x?.label, x?.explain.rule])).toEqual([
      ['positive', 'own-clause'],
      ['negative', 'contrast-opposite'],
    ]);
  });

  it('reads brands that share a statement once, as written (nothing to tell apart)', () => {
    const { plan, tones: t } = tones('МТС и Билайн опять без связи', [['МТС'], ['Билайн']]);
    expect(plan.reads).toEqual(['МТС и Билайн опять без связи']);
    expect(t.map((x) => [x?.label, x?.explain.rule, x?.explain.reason])).toEqual([
      ['negative', 'shared-clause', 'shares its clause with Билайн'],
      ['negative', 'shared-clause', 'shares its clause with МТС'],
    ]);
  });

  it('reads the whole post when it is one statement shared by every brand in it', () => {
    const text = 'RT @news: Попали ли под санкции Сбербанк и ВТБ, станет известно 30 июля http://t.co/x';
    const { plan, tones: t } = tones(text, [['Сбербанк'], ['ВТБ']]);
    expect(plan.reads).toEqual([text]);
    expect(t.map((x) => x?.explain.rule)).toEqual(['shared-clause', 'shared-clause']);
  });

  it('keeps advice questions and news neutral unless the model is confident', () => {
    expect(tones('Что лучше, МТС или Билайн? Говорят, у Билайна подорожание', [['МТС'], ['Билайн']]).tones.map((x) => [x?.label, x?.explain.rule])).toEqual([
      ['neutral', 'question-neutral'],
      ['neutral', 'question-neutral'],
    ]);
    expect(tones('Подскажите, МТС или Билайн, у кого шикарный роуминг?', [['МТС'], ['Билайн']]).tones.map((x) => [x?.label, x?.explain.rule])).toEqual([
      ['positive', 'question-loaded'],
      ['positive', 'question-loaded'],
    ]);
    expect(tones('МТС и Билайн объявили о подорожание тарифов, сообщает РБК', [['МТС'], ['Билайн']]).tones.map((x) => [x?.label, x?.explain.rule])).toEqual([
      ['neutral', 'news-neutral'],
      ['neutral', 'news-neutral'],
    ]);
    const strict = { ...DEFAULT_TARGETING, loadedThreshold: 0.6 };
    expect(tones('МТС и Билайн объявили о подорожание тарифов, сообщает РБК', [['МТС'], ['Билайн']], strict).tones.map((x) => [x?.label, x?.explain.rule])).toEqual([
      ['negative', 'news-loaded'],
      ['negative', 'news-loaded'],
    ]);
  });

  it('reads ironic praise without the praise, negative unless the rest is confidently positive', () => {
    const { plan, tones: t } = tones('Мегафон как всегда на высоте: третий день без связи. А Теле2 хоть бы что', [['Мегафон'], ['Теле2']]);
    expect(plan.reads[0]).toBe('[BRAND] : третий день без связи.');
    expect(t.map((x) => [x?.label, x?.explain.rule])).toEqual([
      ['negative', 'sarcasm'],
      ['positive', 'contrast-opposite'],
    ]);
  });

  it('takes labels from the rules where the model reads comparisons and switches poorly, scores from its reading', () => {
    const { tones: t } = tones('Перешёл с Билайна на МТС, интернет летает', [['МТС'], ['Билайн']]);
    expect(t.map((x) => [x?.label, x?.score, x?.explain.rule, x?.explain.reason])).toEqual([
      ['positive', 0.85, 'switch-to', 'switched to it from Билайна'],
      ['negative', 0.05, 'switch-from', 'switched away from it to МТС'],
    ]);
  });

  it('reads clauses unmarked for models not trained on markers', () => {
    expect(tones('У МТС интернет летает, а у Билайна висит', [['МТС'], ['Билайн']], { ...DEFAULT_TARGETING, mark: false }).plan.reads).toEqual([
      'У МТС интернет летает',
      'а у Билайна висит',
    ]);
  });

  it('only ever names rules from the rules table', () => {
    const texts = ['МТС лучше Билайна', 'Ни МТС, ни Билайн не работают', 'Не МТС, а Билайн опять висит', 'МТС, Билайн', 'МТС норм, а Билайн ужас'];
    for (const text of texts) for (const t of tones(text, [['МТС'], ['Билайн']]).tones) expect(Object.keys(TARGETING_RULES)).toContain(t?.explain.rule);
  });
  it('takes the way the model leans for a comparison of quantity, however weakly, and the opposite for the other brand', () => {
    // "бодрее" reads neutral, leaning positive (0.3 against 0.1): a comparison is not neutral.
    const { tones: t } = tones('У МТС ставка бодрее и выше, чем у Билайна', [['МТС'], ['Билайн']]);
    expect(t.map((x) => [x?.label, x?.explain.rule])).toEqual([
      ['positive', 'comparison-degree'],
      ['negative', 'comparison-degree'],
    ]);
    expect(t[0]!.explain.reason).toBe('compared with Билайна by "выше"; the model reads which way');
    const { tones: down } = tones('У МТС тариф вялый, выше, чем у Билайна', [['МТС'], ['Билайн']]);
    expect(down.map((x) => x?.label)).toEqual(['negative', 'positive']);
  });

  it('explains a disclaimed judgement', () => {
    const { tones: t } = tones('Я не говорю, что МТС ужас, просто у Билайна всё летает', [['МТС'], ['Билайн']]);
    expect(t.map((x) => [x?.label, x?.explain.rule, x?.explain.reason])).toEqual([
      ['neutral', 'disclaimer', 'the author disclaims a judgement on it'],
      ['positive', 'own-clause', 'the tone of its own clause'],
    ]);
  });
});
