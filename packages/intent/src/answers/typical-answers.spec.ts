import { describe, expect, it } from 'vitest';
import { DEFAULT_ANSWERS } from './default-answers.js';
import { AnswerBaseError, compileAnswerBase, type AnswerCategory } from './typical-answers.js';

const catch_ = (categories: AnswerCategory[]): AnswerBaseError => {
  try {
    compileAnswerBase(categories);
  } catch (error) {
    if (error instanceof AnswerBaseError) return error;
    throw error;
  }
  throw new Error('expected compileAnswerBase to throw');
};

describe('compileAnswerBase validation', () => {
  it('names the category, the pattern and the position of a bad pattern', () => {
    const error = catch_([{ id: 'no-internet', name: 'Нет интернета', patterns: ['интернет', 'интернет AND ('], template: 'Здравствуйте!' }]);
    expect(error.issues).toEqual([
      { categoryId: 'no-internet', field: 'patterns[1]', position: 14, message: 'expected a term or "(" but found end of query in «интернет AND (»' },
    ]);
    expect(error.message).toContain('category "no-internet" patterns[1] at position 14: expected a term');
  });

  it('rejects unknown placeholders and unclosed braces at definition time, with their position', () => {
    const error = catch_([
      { id: 'a', name: 'A', patterns: ['x'], template: 'Привет, {{author.nam}}!', templates: { en: 'Hi {{ author.name' } },
    ]);
    expect(error.issues).toEqual([
      { categoryId: 'a', field: 'template', position: 8, message: expect.stringContaining('unknown placeholder "{{author.nam}}"') },
      { categoryId: 'a', field: 'templates.en', position: 3, message: '"{{" is never closed with "}}"' },
    ]);
  });

  it('reports every problem at once: duplicate ids, empty names, no patterns, unknown intents', () => {
    const error = catch_([
      { id: 'a', name: 'A', patterns: ['x'], template: 't' },
      { id: 'a', name: ' ', patterns: [], template: 't', intents: ['rant' as never] },
    ]);
    expect(error.issues.map((i) => `${i.categoryId}/${i.field}`)).toEqual(['a/id', 'a/name', 'a/patterns', 'a/intents']);
  });
});

const BASE: AnswerCategory[] = [
  { id: 'internet', name: 'Интернет', patterns: ['интернет'], template: '{{author.name}}, проверим интернет. {{topic.name}}' },
  { id: 'no-internet', name: 'Нет интернета', patterns: ['интернет NEAR/3 (нет OR пропал)'], template: '{{author.name}}, здравствуйте! Проверим линию. {{topic.name}}' },
  { id: 'internet-too', name: 'Интернет (дубль)', patterns: ['интернет'], template: 'дубль' },
  {
    id: 'charge',
    name: 'Списание',
    patterns: ['(списали OR списание) деньги', '"charged twice"'],
    template: '{{author.name}} (@{{author.handle}}), разберёмся со списанием: {{mention.url}}',
    templates: { en: 'Hi {{author.name}}, we will check the charge. {{topic.name}}' },
  },
  { id: 'thanks', name: 'Спасибо', patterns: ['спасибо OR thanks'], template: 'Спасибо, {{author.name}}!', intents: ['praise'] },
];

describe('suggest', () => {
  const base = compileAnswerBase(BASE);
  const author = { name: 'Анна', handle: 'anna_k' };

  it('renders the template with the author, the topic and the mention url', () => {
    const suggestion = base.suggest({ text: 'Опять списали деньги!', author, url: 'https://vk.com/wall1_2' }, { topic: { name: 'МТС' } });
    expect(suggestion).toEqual({
      categoryId: 'charge',
      categoryName: 'Списание',
      suggestion: 'Анна (@anna_k), разберёмся со списанием: https://vk.com/wall1_2',
      matchedTerms: ['списали', 'деньги'],
      missing: [],
      language: 'default',
    });
  });

  it('prefers the more specific category, and the earlier one on a tie', () => {
    expect(base.suggest({ text: 'Третий день нет интернета', author }, { topic: { name: 'МТС' } })).toMatchObject({
      categoryId: 'no-internet',
      suggestion: 'Анна, здравствуйте! Проверим линию. МТС',
      matchedTerms: ['интернет NEAR/3 (нет OR пропал)'],
    });
    expect(base.suggest({ text: 'Интернет сегодня медленный', author })?.categoryId).toBe('internet');
  });

  it('uses the template in the mention language, falling back to the script', () => {
    const viaLanguage = base.suggest({ text: 'I was charged twice', language: 'en', author: { name: 'Sam', handle: 'sam' } }, { topic: { name: 'Chase' } });
    expect(viaLanguage).toMatchObject({ suggestion: 'Hi Sam, we will check the charge. Chase', language: 'en' });
    expect(base.suggest({ text: 'I was charged twice', language: 'und', author })?.language).toBe('en');
  });

  it('falls back to the handle for a missing name and tidies empty placeholders, listing them', () => {
    expect(base.suggest({ text: 'нет интернета', author: { handle: 'ivan' } })).toMatchObject({ suggestion: 'Ivan, здравствуйте! Проверим линию.', missing: ['topic.name'] });
    expect(base.suggest({ text: 'нет интернета' })).toMatchObject({ suggestion: 'Здравствуйте! Проверим линию.', missing: ['author.name', 'topic.name'] });
  });

  it('honours intents: a thank-you answer only for praise', () => {
    expect(base.suggest({ text: 'Спасибо, всё работает', author }, { intent: 'praise' })?.categoryId).toBe('thanks');
    expect(base.suggest({ text: 'Спасибо, всё работает', author }, { intent: 'complaint' })).toBeNull();
    // Without a given intent the mention is classified here.
    expect(base.suggest({ text: 'Спасибо, молодцы!', author })?.categoryId).toBe('thanks');
  });

  it('returns null when nothing matches', () => {
    expect(base.suggest({ text: 'Какая погода в Казани?' })).toBeNull();
  });
});

describe('coverage', () => {
  const base = compileAnswerBase(BASE);

  it('counts only mentions that expect a reply, and the share a category matched', () => {
    const coverage = base.coverage([
      { text: 'нет интернета', replyNeeded: true },
      { text: 'списали деньги дважды', intent: 'complaint' },
      { text: 'Где ближайший офис?', replyNeeded: true },
      { text: 'I was charged twice, thanks a lot', intent: 'request', replyNeeded: true },
      { text: 'Спасибо за интернет!', intent: 'praise', replyNeeded: false },
      { text: 'Компания объявила о запуске интернета', intent: 'other' },
    ]);
    expect(coverage).toEqual({
      requests: 4,
      matched: 3,
      share: 0.75,
      byCategory: [
        { categoryId: 'internet', categoryName: 'Интернет', matched: 0 },
        { categoryId: 'no-internet', categoryName: 'Нет интернета', matched: 1 },
        { categoryId: 'internet-too', categoryName: 'Интернет (дубль)', matched: 0 },
        { categoryId: 'charge', categoryName: 'Списание', matched: 2 },
        { categoryId: 'thanks', categoryName: 'Спасибо', matched: 0 },
      ],
    });
  });

  it('classifies mentions that carry neither intent nor replyNeeded, and is 0 with no requests', () => {
    expect(base.coverage([{ text: 'Верните деньги, списали деньги дважды' }])).toMatchObject({ requests: 1, matched: 1, share: 1 });
    expect(base.coverage([{ text: 'Спасибо!' }])).toMatchObject({ requests: 0, matched: 0, share: 0 });
  });
});

describe('DEFAULT_ANSWERS', () => {
  const base = compileAnswerBase(DEFAULT_ANSWERS);

  it('compiles, with twelve categories each answering in Russian and English', () => {
    expect(base.categories).toHaveLength(12);
    for (const category of DEFAULT_ANSWERS) expect(Object.keys(category.templates ?? {}), category.id).toEqual(['en']);
  });

  it.each([
    ['@mts_support третий день нет интернета', 'complaint', 'no-connection'],
    ['Списали деньги дважды за одну покупку', 'complaint', 'unexpected-charge'],
    ['Карту заблокировали без объяснений', 'complaint', 'card-blocked'],
    ['Заказ задерживается уже неделю', 'complaint', 'delivery-late'],
    ['Привезли не тот размер, как оформить возврат?', 'question', 'wrong-item-return'],
    ['Приложение вылетает после обновления', 'complaint', 'app-not-working'],
    ['Сколько стоит безлимитный тариф?', 'question', 'tariff-price'],
    ['Как подключить роуминг в Турции?', 'question', 'roaming'],
    ['Когда придёт кешбэк за октябрь?', 'question', 'cashback-bonus'],
    ['СМС с кодом не приходит, не могу войти', 'complaint', 'account-access'],
    ['В магазине одна касса и очередь на час', 'complaint', 'store-service'],
    ['Спасибо, поддержка всё решила!', 'praise', 'thank-you'],
    ['My internet has been down since morning', 'complaint', 'no-connection'],
    ['I was charged twice for the same order', 'complaint', 'unexpected-charge'],
    ['My card got blocked while traveling', 'complaint', 'card-blocked'],
    ['Where can I find my return label?', 'question', 'wrong-item-return'],
  ] as const)('%s → %s', (text, intent, categoryId) => {
    expect(base.suggest({ text, author: { name: 'Анна', handle: 'anna' } }, { intent, topic: { name: 'Pulse' } })?.categoryId).toBe(categoryId);
  });

  it('signs the Russian and English answers with the brand', () => {
    const ru = base.suggest({ text: 'нет интернета', language: 'ru', author: { name: 'Анна', handle: 'anna' } }, { intent: 'complaint', topic: { name: 'Билайн' } });
    expect(ru?.suggestion).toMatch(/^Анна, здравствуйте!.*Поддержка Билайн$/u);
    const en = base.suggest({ text: 'no signal at home', language: 'en', author: { name: 'Sam', handle: 'sam' } }, { intent: 'complaint', topic: { name: 'Verizon' } });
    expect(en?.suggestion).toMatch(/^Hi Sam, .*Verizon Support$/u);
  });
});
