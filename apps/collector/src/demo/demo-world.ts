import type { BrandWords, DemoCategory } from './demo-phrases.js';
import { DemoRandom } from './demo-random.js';

export type DemoLanguage = 'ru' | 'en';
export type DemoSourceName = 'vk' | 'telegram' | 'twitter' | 'rss' | 'reddit';

/** A demo brand: the gateway's demo topic of the same id matches it by keyword. */
export interface DemoBrand extends BrandWords {
  topicId: string;
  language: DemoLanguage;
  category: DemoCategory;
  /** Relative loudness: the share of voice competitors split. */
  weight: number;
  /** Share of complaints among the brand's opinionated posts (complaints vs praise). */
  negativity: number;
}

/**
 * The demo brands. Support handles match the own accounts of the gateway's demo topics
 * (apps/gateway/src/topics/demo-own-accounts.ts): posts that address them are direct, and their
 * answers under customers' posts count as responses.
 */
export const DEMO_BRANDS: readonly DemoBrand[] = [
  { topicId: 'mts', nominative: 'МТС', genitive: 'МТС', handle: 'mts_support', language: 'ru', category: 'telecom', weight: 14, negativity: 0.6 },
  { topicId: 'beeline', nominative: 'Билайн', genitive: 'Билайна', handle: 'beeline_help', language: 'ru', category: 'telecom', weight: 12, negativity: 0.55 },
  { topicId: 'megafon', nominative: 'МегаФон', genitive: 'МегаФона', language: 'ru', category: 'telecom', weight: 9, negativity: 0.55 },
  { topicId: 'tele2', nominative: 'Tele2', genitive: 'Tele2', language: 'ru', category: 'telecom', weight: 6, negativity: 0.45 },
  { topicId: 'rostelecom', nominative: 'Ростелеком', genitive: 'Ростелекома', language: 'ru', category: 'telecom', weight: 5, negativity: 0.7 },
  { topicId: 'sberbank', nominative: 'Сбер', genitive: 'Сбера', language: 'ru', category: 'bank', weight: 10, negativity: 0.5 },
  { topicId: 'tinkoff', nominative: 'Тинькофф', genitive: 'Тинькофф', language: 'ru', category: 'bank', weight: 8, negativity: 0.4 },
  { topicId: 'vtb', nominative: 'ВТБ', genitive: 'ВТБ', language: 'ru', category: 'bank', weight: 5, negativity: 0.6 },
  { topicId: 'alfabank', nominative: 'Альфа-Банк', genitive: 'Альфа-Банка', language: 'ru', category: 'bank', weight: 4, negativity: 0.45 },
  { topicId: 'wildberries', nominative: 'Wildberries', genitive: 'Wildberries', language: 'ru', category: 'retail', weight: 8, negativity: 0.55 },
  { topicId: 'ozon', nominative: 'Ozon', genitive: 'Ozon', language: 'ru', category: 'retail', weight: 8, negativity: 0.5 },
  { topicId: 'magnit', nominative: 'Магнит', genitive: 'Магнита', language: 'ru', category: 'retail', weight: 3, negativity: 0.5 },
  { topicId: 'pyaterochka', nominative: 'Пятёрочка', genitive: 'Пятёрочки', language: 'ru', category: 'retail', weight: 3, negativity: 0.55 },
  { topicId: 'verizon', nominative: 'Verizon', genitive: 'Verizon', language: 'en', category: 'telecom', weight: 3, negativity: 0.55 },
  { topicId: 'tmobile', nominative: 'T-Mobile', genitive: 'T-Mobile', language: 'en', category: 'telecom', weight: 2, negativity: 0.5 },
  { topicId: 'chase', nominative: 'Chase', genitive: 'Chase', language: 'en', category: 'bank', weight: 2, negativity: 0.5 },
  { topicId: 'amazon', nominative: 'Amazon', genitive: 'Amazon', language: 'en', category: 'retail', weight: 4, negativity: 0.45 },
  { topicId: 'walmart', nominative: 'Walmart', genitive: 'Walmart', language: 'en', category: 'retail', weight: 2, negativity: 0.5 },
];

/** Where each language's posts come from. */
export const SOURCE_WEIGHTS: Record<DemoLanguage, readonly [DemoSourceName, number][]> = {
  ru: [['vk', 40], ['telegram', 30], ['twitter', 15], ['rss', 15]],
  en: [['twitter', 50], ['reddit', 35], ['rss', 15]],
};

/** Posts per local hour relative to the day's mean: quiet nights, a lunch bump, an evening peak. */
const RHYTHM = [0.3, 0.2, 0.13, 0.1, 0.1, 0.14, 0.3, 0.55, 0.85, 1.05, 1.15, 1.2, 1.3, 1.25, 1.2, 1.15, 1.15, 1.2, 1.35, 1.5, 1.6, 1.45, 1.1, 0.6];
const RHYTHM_MEAN = RHYTHM.reduce((a, b) => a + b, 0) / RHYTHM.length;
const UTC_OFFSET_HOURS: Record<DemoLanguage, number> = { ru: 3, en: -5 };
/** Russian brands carry most of the demo's traffic. */
export const LANGUAGE_SHARE: Record<DemoLanguage, number> = { ru: 0.82, en: 0.18 };

/** This language's posts per second at `time`, for an average of `ratePerSecond` over a day. */
export function rateAt(time: number, language: DemoLanguage, ratePerSecond: number): number {
  const date = new Date(time + UTC_OFFSET_HOURS[language] * 3_600_000);
  const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6 ? 0.85 : 1;
  return ratePerSecond * LANGUAGE_SHARE[language] * weekend * (RHYTHM[date.getUTCHours()]! / RHYTHM_MEAN);
}

export interface DemoAuthor {
  id: string;
  handle: string;
  name: string;
  followers: number;
  language: DemoLanguage;
  source: DemoSourceName;
  /** Relative activity: a few people post a lot, most once or twice a week. */
  activity: number;
}

const RU_FIRST = ['Анна', 'Дмитрий', 'Ольга', 'Сергей', 'Мария', 'Алексей', 'Елена', 'Иван', 'Наталья', 'Павел', 'Юлия', 'Артём', 'Ксения', 'Максим', 'Ирина', 'Никита', 'Светлана', 'Егор', 'Татьяна', 'Роман'];
const RU_LAST = ['Иванова', 'Ковалёв', 'Смирнова', 'Петров', 'Орлова', 'Соколов', 'Волкова', 'Морозов', 'Лебедева', 'Новиков', 'Зайцева', 'Попов', 'Фёдорова', 'Егоров', 'Павлова', 'Козлов'];
const RU_LATIN: Record<string, string> = { а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya' };
const EN_FIRST = ['Emily', 'James', 'Sarah', 'Michael', 'Jessica', 'David', 'Ashley', 'Chris', 'Megan', 'Tyler', 'Lauren', 'Brandon'];
const EN_LAST = ['Miller', 'Davis', 'Garcia', 'Wilson', 'Moore', 'Taylor', 'Clark', 'Lewis', 'Walker', 'Young'];
/** News sites and forums behind RSS feeds: "authors" with large audiences. */
const OUTLETS: readonly { name: string; handle: string; language: DemoLanguage; followers: number }[] = [
  { name: 'vc.ru', handle: 'vc.ru', language: 'ru', followers: 410_000 },
  { name: 'Банки.ру — форум', handle: 'banki.ru', language: 'ru', followers: 96_000 },
  { name: '4PDA — форум', handle: '4pda.to', language: 'ru', followers: 150_000 },
  { name: 'Пикабу', handle: 'pikabu.ru', language: 'ru', followers: 230_000 },
  { name: 'RB.ru', handle: 'rb.ru', language: 'ru', followers: 58_000 },
  { name: 'The Verge', handle: 'theverge.com', language: 'en', followers: 1_200_000 },
  { name: 'Slickdeals Forums', handle: 'slickdeals.net', language: 'en', followers: 85_000 },
];

const latin = (text: string): string => [...text.toLowerCase()].map((ch) => RU_LATIN[ch] ?? ch).join('').replace(/[^a-z]/gu, '');

/**
 * A deterministic crowd: 6,000 people with log-normal follower counts (median ~250, a few
 * bloggers in the tens of thousands), Zipf-like activity so "top authors" has regulars, and
 * a home source each; plus news sites and forums for RSS.
 */
export function demoAuthors(seed = 7): DemoAuthor[] {
  const rng = new DemoRandom(seed);
  const authors: DemoAuthor[] = [];
  const handles = new Set<string>();
  const add = (author: Omit<DemoAuthor, 'id' | 'activity'>, rank: number): void => {
    if (handles.has(`${author.source}:${author.handle}`)) return;
    handles.add(`${author.source}:${author.handle}`);
    authors.push({ ...author, id: `${author.source}-${author.handle}`, activity: 1 / Math.sqrt(rank) });
  };
  for (let i = 0; i < 6000; i += 1) {
    const language: DemoLanguage = i % 5 === 4 ? 'en' : 'ru';
    const first = rng.pick(language === 'ru' ? RU_FIRST : EN_FIRST);
    const last = rng.pick(language === 'ru' ? RU_LAST : EN_LAST);
    const source = rng.weighted(SOURCE_WEIGHTS[language].filter(([s]) => s !== 'rss'), ([, w]) => w)[0];
    const base = language === 'ru' ? `${latin(first)}_${latin(last).slice(0, rng.int(3, 8))}` : `${first.toLowerCase()}${last.toLowerCase().slice(0, rng.int(1, 6))}`;
    let handle = rng.chance(0.4) ? `${base}${rng.int(1, 99)}` : base;
    while (handles.has(`${source}:${handle}`)) handle = `${base}_${rng.int(100, 9999)}`;
    const blogger = rng.chance(0.03);
    const followers = blogger ? rng.int(15_000, 250_000) : Math.round(Math.exp(5.5 + 1.4 * rng.normal()));
    add({ handle, name: `${first} ${language === 'ru' ? last : `${last.charAt(0)}.`}`, followers, language, source }, i + 1);
  }
  OUTLETS.forEach((outlet, i) => add({ ...outlet, source: 'rss' }, 3 + i * 4));
  return authors;
}
