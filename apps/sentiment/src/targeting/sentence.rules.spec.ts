import { describe, expect, it } from 'vitest';
import { analysePost } from './post-structure.js';
import { adviceQuestions, comparisonClaims, isNews, negationClaims, switchingClaims, type Claim } from './sentence.rules.js';

const MTS = ['МТС'];
const BEELINE = ['Билайн'];

/** brand index → "rule:label" (fixed labels) or "rule:kind" (decided later), for the brands claimed. */
const summary = (claims: Claim[]): Record<number, string> =>
  Object.fromEntries(claims.map((c) => [c.brand, `${c.rule}:${c.decide.kind === 'fixed' || c.decide.kind === 'read-else' ? c.decide.label : c.decide.kind}`]));

const post = (text: string, ...brands: string[][]) => {
  const p = analysePost(text, brands);
  if (!p) throw new Error(`fewer than two brands in "${text}"`);
  return p;
};

describe('switchingClaims', () => {
  it.each([
    ['Перешёл с Билайна на МТС и наконец-то нормальный интернет', 'switch-from:negative', 'switch-to:positive'],
    ['Вернулся обратно на Билайн после года на МТС', 'switch-to:positive', 'switch-from:negative'],
    ['Третий месяц на МТС после Билайна', 'switch-from:negative', 'switch-to:positive'],
    ['Сменил Билайн на МТС домашний, скорость та же', 'switch-from:negative', 'switch-to:positive'],
    ['Закрыла все счета в Билайне и перевела всё в МТС', 'switch-from:negative', 'switch-to:positive'],
    ['Вместо Билайна теперь только МТС', 'switch-from:negative', 'switch-to:positive'],
    ['Перенесла номер из Билайна в МТС и пожалела через неделю', 'switch-regret:positive', 'switch-regret:negative'],
    ['Ушёл от Билайна к МТС, через месяц понял, что шило на мыло', 'switch-no-gain:negative', 'switch-no-gain:negative'],
    ['Перешёл с Билайна на МТС и ни разу не пожалел', 'switch-from:negative', 'switch-to:positive'],
    ['Ушёл с Билайна на МТС, но по факту то же самое', 'switch-no-gain:negative', 'switch-no-gain:negative'],
  ])('%s', (text, beeline, mts) => {
    const p = post(text, BEELINE, MTS);
    expect(summary(p.sentences.flatMap((_, s) => switchingClaims(p, s)))).toEqual({ 0: beeline, 1: mts });
  });

  it('reads English and Ukrainian switches, and "for" after a leave verb', () => {
    const en = post('finally left Wells Fargo for Chase, should have done it years ago', ['Wells Fargo'], ['Chase']);
    expect(summary(switchingClaims(en, 0))).toEqual({ 0: 'switch-from:negative', 1: 'switch-to:positive' });
    const miss = post('I went from Monzo back to Barclays and I miss Monzo every day', ['Monzo'], ['Barclays']);
    expect(summary(switchingClaims(miss, 0))).toEqual({ 0: 'switch-regret:positive', 1: 'switch-regret:negative' });
    const uk = post('Перейшов з Київстару на Vodafone і нарешті нормальний інтернет', ['Київстар'], ['Vodafone']);
    expect(summary(switchingClaims(uk, 0))).toEqual({ 0: 'switch-from:negative', 1: 'switch-to:positive' });
  });

  it('does not take closing an account somewhere for switching to it', () => {
    const p = post('Две недели пытаюсь закрыть счёт в ВТБ. В Тинькофф закрыла бы за 5 минут', ['ВТБ'], ['Тинькофф']);
    expect(p.sentences.flatMap((_, s) => switchingClaims(p, s))).toEqual([]);
  });
});

describe('comparisonClaims', () => {
  const claims = (text: string, ...brands: string[][]) => {
    const p = post(text, ...brands);
    return summary(p.sentences.flatMap((_, s) => comparisonClaims(p, s, new Set())));
  };

  it.each([
    ['МТС лучше Билайна, проверено за год', 'comparison-winner:positive', 'comparison-loser:negative'],
    ['Короче, МТС в нашем районе ловит раза в два лучше, чем Билайн', 'comparison-winner:positive', 'comparison-loser:negative'],
    ['МТС хуже Билайна по покрытию', 'comparison-loser:negative', 'comparison-winner:positive'],
    ['МТС не лучше Билайна, такая же фигня', 'comparison-no-better:negative', 'comparison-no-better:negative'],
    ['МТС ничем не хуже Билайна, а дешевле', 'comparison-no-worse:positive', 'comparison-no-worse:neutral'],
    ['МТС дороже Билайна, но связь несравнимо лучше', 'comparison-but:positive', 'comparison-but:opposite'],
    ['МТС хотя бы дешевле, а Билайн опять поднял тарифы', 'comparison-winner:positive', 'comparison-loser:negative'],
    ['Связь у МТС лучше, но Билайн дешевле выходит', 'comparison-winner:positive', 'comparison-winner:positive'],
    ['МТС по сравнению с Билайном просто сказка', 'comparison-winner:read', 'comparison-loser:opposite'],
    ['МТС дешевле Билайна почти в два раза, а связь такая же', 'comparison-winner:positive', 'comparison-loser:negative'],
    ['Если сравнивать, то у МТС ставка по вкладу выше, чем у Билайна', 'comparison-degree:lean', 'comparison-degree:opposite'],
    ['МТС по вкладам даёт больше, чем Билайн', 'comparison-degree:lean', 'comparison-degree:opposite'],
  ])('%s', (text, mts, beeline) => {
    expect(claims(text, MTS, BEELINE)).toEqual({ 0: mts, 1: beeline });
  });

  it('reads English comparatives, "X > Y", a standard written before, and "рядом не стояли"', () => {
    expect(claims('T-Mobile coverage is worse than Verizon out here', ['T-Mobile'], ['Verizon'])).toEqual({ 0: 'comparison-loser:negative', 1: 'comparison-winner:positive' });
    expect(claims('honestly Mint > Verizon for most people', ['Mint'], ['Verizon'])).toEqual({ 0: 'comparison-winner:positive', 1: 'comparison-loser:negative' });
    expect(claims('Wells Fargo is not as bad as people say, Capital One was way worse', ['Wells Fargo'], ['Capital One'])).toEqual({ 0: 'comparison-winner:positive', 1: 'comparison-loser:negative' });
    expect(claims('Из всех банков Альфа самый адекватный, Сбер и ВТБ рядом не стояли', ['Альфа'], ['Сбер'], ['ВТБ'])).toEqual({
      0: 'comparison-winner:positive',
      1: 'comparison-loser:negative',
      2: 'comparison-loser:negative',
    });
  });

  it('leaves a comparison with a non-brand standard alone', () => {
    expect(claims('МТС стал хуже, чем был год назад. Билайн тоже', MTS, BEELINE)).toEqual({});
    expect(claims('У МТС интернета больше, чем мне нужно, Билайн не пробовал', MTS, BEELINE)).toEqual({});
  });

  it('reads "more/less than" in English, and not when negated', () => {
    expect(claims('Chase pays more than Amex on savings now', ['Chase'], ['Amex'])).toEqual({ 0: 'comparison-degree:lean', 1: 'comparison-degree:opposite' });
    expect(claims('МТС берёт не больше, чем Билайн', MTS, BEELINE)).toEqual({});
  });
});

describe('negationClaims', () => {
  const claims = (text: string) => {
    const p = post(text, MTS, BEELINE);
    return summary(p.sentences.flatMap((_, s) => negationClaims(p, s)));
  };

  it.each([
    ['Выбрал не МТС, а Билайн, и ни разу не пожалел', 'not-x-but-y:negative', 'not-x-but-y:positive'],
    ['Не МТС виноват, а Билайн, который потерял заявку', 'not-x-but-y:rejected', 'not-x-but-y:read'],
    ['Тут не МТС, а Билайн опять подвёл', 'not-x-but-y:rejected', 'not-x-but-y:read'],
    ['Ни МТС, ни Билайн так и не смогли провести интернет', 'neither-nor:read', 'neither-nor:read'],
    ['Не только МТС, но и Билайн подняли цены', 'not-only:read', 'not-only:read'],
  ])('%s', (text, mts, beeline) => {
    expect(claims(text)).toEqual({ 0: mts, 1: beeline });
  });

  it('takes a disclaimed judgement ("не говорю, что X плохой", "not saying X is perfect") for neutral, leaving the other brand to its own rules', () => {
    expect(claims('Я не говорю, что МТС плохой, просто Билайн у нас ловит стабильнее')).toEqual({ 0: 'disclaimer:neutral' });
    expect(claims('Не хочу сказать, что Билайн идеален, но МТС вообще не ловит')).toEqual({ 1: 'disclaimer:neutral' });
    expect(claims('Not that МТС is any better, Билайн dropped my calls all week')).toEqual({});
    const p = post('Not saying Amazon is perfect but Temu is on another level of garbage', ['Amazon'], ['Temu']);
    expect(summary(negationClaims(p, 0))).toEqual({ 0: 'disclaimer:neutral' });
    expect(claims('Я говорю, что МТС плохой, а Билайн нормальный')).toEqual({});
  });

  it('clears the brand of "не в X дело" and leaves a brand compared with it to the comparison', () => {
    const p = post('Не в МТС дело, просто у Билайна покрытие лучше', MTS, BEELINE);
    expect(summary(negationClaims(p, 0))).toEqual({ 0: 'not-at-fault:neutral' });
    expect(summary(comparisonClaims(p, 0, new Set()))).toMatchObject({ 1: 'comparison-winner:positive' });
  });

  it("reads \"not X's fault\" in English", () => {
    const p = post("Not Verizon's fault this time, AT&T's tower is down again", ['Verizon'], ['AT&T']);
    expect(summary(negationClaims(p, 0))).toEqual({ 0: 'not-at-fault:neutral', 1: 'not-at-fault:negative' });
  });
});

describe('adviceQuestions and isNews', () => {
  it('tells advice and choice questions from complaints ending in "?"', () => {
    const asks = (text: string): number[] => [...adviceQuestions(post(text, MTS, BEELINE))];
    expect(asks('Что лучше взять, МТС или Билайн? Живу в Химках')).toEqual([0]);
    expect(asks('Кто знает, у МТС есть покрытие в Карелии? Или лучше сразу Билайн брать')).toEqual([0, 1]);
    expect(asks('Почему Билайн опять не работает, а у МТС всё норм?')).toEqual([]);
    expect(asks('МТС медленнее Билайна теперь?? с каких пор')).toEqual([]);
  });

  it('takes reporting without a first or second person for news', () => {
    expect(isNews(post('МТС и Билайн объявили о запуске совместной базовой станции', MTS, BEELINE))).toBe(true);
    expect(isNews(post('МТС и Билайн объявили, что повышают цены, а мне что делать?!', MTS, BEELINE))).toBe(false);
    expect(isNews(post('МТС и Билайн опять подняли цены', MTS, BEELINE))).toBe(false);
  });
});
