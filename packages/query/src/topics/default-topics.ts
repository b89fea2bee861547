import type { TopicDefinition } from './topic.definition.js';

/**
 * Topics a fresh install tracks so the demo feed arrives matched: Russian telecoms, banks,
 * retailers and marketplaces first, then a few US brands. Measured against the labeled set
 * in fixtures/matching-set.jsonl (`npm run eval:matching`).
 */
export const DEFAULT_TOPICS: readonly TopicDefinition[] = [
  { id: 'mts', name: 'МТС', keywords: ['МТС', 'MTS'] },
  { id: 'beeline', name: 'Билайн', keywords: ['Билайн', 'Beeline'] },
  { id: 'megafon', name: 'МегаФон', keywords: ['МегаФон', 'Megafon'] },
  { id: 'tele2', name: 'Tele2', keywords: ['Теле2', 'Tele2', 'Т2'] },
  { id: 'rostelecom', name: 'Ростелеком', keywords: ['Ростелеком', 'Rostelecom'] },
  { id: 'sberbank', name: 'Сбер', keywords: ['Сбер', 'Сбербанк', 'Sberbank', 'СберБанк'] },
  { id: 'tinkoff', name: 'Т-Банк', keywords: ['Тинькофф', 'Т-Банк', 'Tinkoff', 'Тинек'] },
  { id: 'vtb', name: 'ВТБ', keywords: ['ВТБ', 'VTB'] },
  { id: 'alfabank', name: 'Альфа-Банк', keywords: ['Альфа-Банк', 'Альфа', 'Альфабанк', 'Alfa-Bank'] },
  { id: 'wildberries', name: 'Wildberries', keywords: ['Wildberries', 'Вайлдберриз', 'WB', 'ВБ'] },
  { id: 'ozon', name: 'Ozon', keywords: ['Ozon', 'Озон'] },
  { id: 'magnit', name: 'Магнит', keywords: ['Магнит', 'Magnit'] },
  { id: 'pyaterochka', name: 'Пятёрочка', keywords: ['Пятёрочка', 'Пятерочка'] },
  { id: 'verizon', name: 'Verizon', keywords: ['Verizon'] },
  { id: 'att', name: 'AT&T', keywords: ['AT&T', 'ATT'] },
  { id: 'tmobile', name: 'T-Mobile', keywords: ['T-Mobile', 'TMobile'] },
  { id: 'chase', name: 'Chase', keywords: ['Chase'] },
  { id: 'bankofamerica', name: 'Bank of America', keywords: ['Bank of America', 'BofA'] },
  { id: 'amazon', name: 'Amazon', keywords: ['Amazon'] },
  { id: 'walmart', name: 'Walmart', keywords: ['Walmart'] },
];
