import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.detector.js';

describe('detectLanguage', () => {
  it.each([
    ['Билайн, третий день нет интернета, это ужас', 'ru'],
    ['Спасибо Сберу, быстро решили вопрос :)', 'ru'],
    ['Київстар знову не працює, що це таке?', 'uk'],
    ['Дуже дякую за швидку допомогу, все вже працює', 'uk'],
    ['@Verizon why is my internet down again?', 'en'],
    ['T-Mobile 5G', 'en'],
    ['Der Kundenservice der Bank war heute wirklich sehr freundlich und schnell', 'und'],
    ['👍👍👍 https://t.me/abc', 'und'],
  ])('%s → %s', (text, expected) => {
    expect(detectLanguage(text)).toBe(expected);
  });
});
