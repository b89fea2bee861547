import { describe, expect, it } from 'vitest';
import { classifyIntent } from './intent.classifier.js';
import { INTENT_CUES } from './intent.cues.js';

describe('classifyIntent', () => {
  it.each([
    ['Третий день нет интернета, сколько можно', 'complaint'],
    ['Опять списали деньги дважды, обманули', 'complaint'],
    ['Подскажите, как подключить роуминг?', 'question'],
    ['Можно ли перевыпустить карту онлайн', 'question'],
    ['Верните деньги за услугу, я её не подключал', 'request'],
    ['Разблокируйте карту, пожалуйста', 'request'],
    ['Спасибо, быстро всё починили, молодцы', 'praise'],
    ['Банк объявил о запуске новой ипотеки', 'other'],
    ['Зашёл сегодня в салон связи', 'other'],
    ['My internet is not working again, terrible', 'complaint'],
    ['I was charged twice for one order', 'complaint'],
    ['How do I add a line to my plan?', 'question'],
    ['Please refund my order, it never came', 'request'],
    ['Thanks, great job on the new app!', 'praise'],
    ['Company announces record profit this quarter', 'other'],
  ])('%s → %s', (text, intent) => {
    expect(classifyIntent({ text }).intent).toBe(intent);
  });

  it.each([
    // Vocabulary beyond "спасибо/thanks", "не работает", "please + verb" and "?".
    ['Ребята из Билайна, респект за роуминг', 'praise'],
    ['так держать, Тинькофф', 'praise'],
    ['Verizon customer service was super helpful today, much appreciated', 'praise'],
    ['Ну и бесит этот банк, третий раз переносят', 'complaint'],
    ['В Магните на Ленина опять нет кассиров', 'complaint'],
    ['so frustrating, Verizon keeps dropping calls', 'complaint'],
    ['Сбер верни деньги', 'request'],
    ['МТС хватит присылать спам', 'request'],
    ['Wells Fargo cancel my overdraft fee', 'request'],
    ['T-Mobile please stop calling me about upgrades', 'request'],
    ['В каком приложении смотреть баллы', 'question'],
    ['Тариф можно сменить онлайн или только в салоне', 'question'],
    ['Работает ли карта за границей', 'question'],
    // False positives: a shop name after a preposition, plans with friends, ads and jobs, jokes.
    ['Купила в Магните курицу, приготовила на ужин', 'other'],
    ['Кто со мной завтра в Икею?', 'other'],
    ['Требуются водители в Яндекс Лавку, пишите в директ', 'other'],
    ['lol Amazon delivered my package to the neighbors cat', 'other'],
    ['New Amazon Prime Video series drops Friday', 'other'],
  ])('generalizes: %s → %s', (text, intent) => {
    expect(classifyIntent({ text }).intent).toBe(intent);
  });

  it('does not read a capitalised name or a noun after a preposition as an imperative', () => {
    for (const text of ['Купила в Магните курицу', 'Читал о кредите на сайте', 'На вашем сайте пусто', 'Вчера Магните не звонил']) {
      expect(classifyIntent({ text }).reasons.join('; '), text).not.toContain('imperative');
    }
    expect(classifyIntent({ text: 'На вашем сайте удалите мои данные' }).reasons).toContain('request +1.8: imperative: удалите');
    expect(classifyIntent({ text: 'Ищем продавцов, пишите в директ' }).reasons.join('; ')).not.toContain('imperative');
  });

  it('lists the cues that fired, with intent and weight, naming the matched words', () => {
    const result = classifyIntent({ text: 'Почините интернет, пожалуйста, нет связи' });
    expect(result.intent).toBe('request');
    expect(result.reasons).toEqual([
      'complaint +1.5: интернет … нет … связи',
      'request +1.8: imperative: почините',
      'request +0.6: пожалуйста',
      'reply: yes (request +1 = 1; needs ≥ 1)',
    ]);
    expect(result.scores).toEqual({ complaint: 1.5, question: 0, request: 2.4, praise: 0, other: 0 });
    expect(result.confidence).toBe(0.59);
  });

  it('breaks ties towards the intent that costs most to miss (request over complaint)', () => {
    const result = classifyIntent({ text: 'I need help, this is awful' });
    expect(result.scores.request).toBe(result.scores.complaint);
    expect(result.intent).toBe('request');
    expect(result.confidence).toBe(0);
  });

  it('says "other" with a reason when no intent reaches the threshold', () => {
    const result = classifyIntent({ text: 'Опять про этих операторов' });
    expect(result.intent).toBe('other');
    expect(result.reasons).toContain('other: no intent reached 1');
    expect(result.replyNeeded).toBe(false);
  });

  it('treats the sentiment label as a soft cue: it tips a weak case but never decides alone', () => {
    expect(classifyIntent({ text: 'Эти приколы', sentimentLabel: 'negative' }).intent).toBe('other');
    expect(classifyIntent({ text: 'Снова эти приколы' }).intent).toBe('other');
    const tipped = classifyIntent({ text: 'Снова эти приколы', sentimentLabel: 'negative' });
    expect(tipped.scores.complaint).toBe(1.4);
    expect(tipped.intent).toBe('complaint');
    expect(tipped.reasons).toContain('complaint +0.8: negative tone');
    expect(classifyIntent({ text: 'Всё приехало вовремя', sentimentLabel: 'positive' }).intent).toBe('praise');
  });

  it('grows confidence with the margin over the runner-up', () => {
    const clear = classifyIntent({ text: 'Спасибо огромное, молодцы, отличная поддержка!' });
    const narrow = classifyIntent({ text: 'Спасибо, но опять не работает' });
    expect(clear.confidence).toBeGreaterThan(0.9);
    expect(narrow.confidence).toBeLessThan(clear.confidence);
  });

  it('is deterministic', () => {
    const input = { text: '@beeline почему нет связи? Верните деньги', direct: true };
    expect(classifyIntent(input)).toEqual(classifyIntent(input));
  });
});

describe('replyNeeded', () => {
  it('answers a complaint, question or request from a customer', () => {
    for (const text of ['Третий день нет интернета', 'Подскажите, где ближайший офис?', 'Верните деньги за подписку']) {
      expect(classifyIntent({ text }).replyNeeded, text).toBe(true);
    }
  });

  it('does not answer praise or other, even when direct', () => {
    const praise = classifyIntent({ text: '@mts_support спасибо за помощь!', direct: true });
    expect(praise.replyNeeded).toBe(false);
    expect(praise.reasons.at(-1)).toBe('reply: no, praise is read rather than answered');
    expect(classifyIntent({ text: 'Оператор объявил о запуске 5G', direct: true }).replyNeeded).toBe(false);
  });

  it('does not answer industry commentary or news-flavoured questions', () => {
    expect(classifyIntent({ text: 'Все банки совсем обнаглели, комиссия дважды' }).replyNeeded).toBe(false);
    expect(classifyIntent({ text: 'Интересно, какая у них прибыль за квартал?' }).replyNeeded).toBe(false);
  });

  it('does not answer commentary about a whole industry or speculation about a company', () => {
    expect(classifyIntent({ text: 'Почему у нас в стране все операторы одинаково плохие' }).replyNeeded).toBe(false);
    expect(classifyIntent({ text: 'Интересно, Билайн когда-нибудь вернёт старый логотип?' }).replyNeeded).toBe(false);
    expect(classifyIntent({ text: 'Интересно, а у МегаФона есть тариф без абонентки?' }).replyNeeded).toBe(true);
  });

  it('lets a direct mention outweigh doubts that would otherwise silence it', () => {
    const text = 'У всех опять нет связи';
    expect(classifyIntent({ text }).replyNeeded).toBe(false);
    expect(classifyIntent({ text, direct: true }).replyNeeded).toBe(true);
    const news = 'Акция закончилась, а скидка не работает';
    expect(classifyIntent({ text: news }).replyNeeded).toBe(false);
    const direct = classifyIntent({ text: news, direct: true });
    expect(direct.replyNeeded).toBe(true);
    expect(direct.reasons.at(-1)).toContain('direct mention +1.5');
  });

  it('never answers spam', () => {
    const result = classifyIntent({ text: 'Верните деньги!', spamScore: 0.9 });
    expect(result.intent).toBe('request');
    expect(result.replyNeeded).toBe(false);
  });
});

describe('INTENT_CUES', () => {
  it('compiles every cue and gives each a positive weight', () => {
    expect(INTENT_CUES.length).toBeGreaterThan(20);
    for (const cue of INTENT_CUES) expect(cue.weight, cue.id).toBeGreaterThan(0);
  });
});
