/**
 * Micro-benchmark: one 10-term query against 10,000 posts of ~30 words.
 * Run with `npm run bench -w @pulse/query`. Not a test: timings depend on the machine.
 */
import { performance } from 'node:perf_hooks';
import { compileQuery } from '../index.js';

const VOCABULARY = [
  'билайн', 'билайна', 'билайном', 'мтс', 'мегафон', 'теле2', 'интернет', 'интернета', 'нет', 'опять', 'связи', 'связь',
  'тариф', 'тарифы', 'роуминг', 'провайдер', 'провайдера', 'мобильный', 'мобильного', 'вакансии', 'поддержка', 'ответьте',
  'почему', 'сегодня', 'вообще', 'очень', 'дорого', 'хорошо', 'плохо', 'работает', 'сломался', 'перешёл', 'на', 'и', 'в',
  'beeline', 'support', 'internet', 'is', 'down', 'again', 'cards', 'delivered', 'the', 'my', 'network', '#билайн',
  '@beeline_support', 'ёлки', 'wi-fi', 'AT&T', '5G', '😀', 'кстати', 'город', 'москва', 'скорость', 'упала',
];

// A fixed-seed generator so runs are comparable.
let seed = 42;
const random = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const DOCUMENTS = Array.from({ length: 10_000 }, (_, i) => ({
  text: Array.from({ length: 25 + Math.floor(random() * 10) }, () => pick(VOCABULARY)).join(' '),
  source: i % 3 === 0 ? 'vk' : 'telegram',
  language: 'ru',
}));

const QUERY =
  '(Билайн OR Beeline OR "мобильный интернет" OR провайдер*) AND (интернет NEAR/3 нет OR роуминг OR тариф) -вакансии -source:ok';

const compileStart = performance.now();
const query = compileQuery(QUERY);
const compileMs = performance.now() - compileStart;

function run(): { ms: number; matched: number } {
  const start = performance.now();
  let matched = 0;
  for (const doc of DOCUMENTS) if (query.matches(doc)) matched++;
  return { ms: performance.now() - start, matched };
}

const cold = run(); // includes filling the stem memo
const warm = [run(), run(), run()].sort((a, b) => a.ms - b.ms)[1]!;
const words = DOCUMENTS.reduce((sum, doc) => sum + doc.text.split(' ').length, 0);

console.log(`query: ${QUERY}`);
console.log(`compile: ${compileMs.toFixed(2)} ms`);
console.log(`${DOCUMENTS.length} documents, ${words} words, ${cold.matched} matched`);
console.log(`matches, cold stem cache: ${cold.ms.toFixed(1)} ms (${Math.round(DOCUMENTS.length / (cold.ms / 1000))} docs/s)`);
console.log(`matches, warm (median of 3): ${warm.ms.toFixed(1)} ms (${Math.round(DOCUMENTS.length / (warm.ms / 1000))} docs/s)`);
