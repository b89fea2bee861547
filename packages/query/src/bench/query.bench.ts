/**
 * Micro-benchmark: one 10-term query against 10,000 posts of ~30 words, then the collector's
 * path: every default topic against 10,000 posts of the labeled matching set, one prepared
 * document per post. Run with `npm run bench -w @pulse/query`. Not a test: timings depend on
 * the machine.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { compileQuery, DEFAULT_TOPICS, prepareDocument, topicQuery } from '../index.js';
import { MATCHING_SET_URL } from '../evaluation/matching-set.js';

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

const topics = DEFAULT_TOPICS.map((topic) => compileQuery(topicQuery(topic)));
const posts = readFileSync(MATCHING_SET_URL, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => (JSON.parse(line) as { text: string }).text);
// Numbered so the documents are 10,000 distinct texts, as a stream would be.
const STREAM = Array.from({ length: 10_000 }, (_, i) => ({ text: `${posts[i % posts.length]!} ${i}` }));

function runTopics(): { ms: number; matched: number } {
  const start = performance.now();
  let matched = 0;
  for (const doc of STREAM) {
    const prepared = prepareDocument(doc);
    for (const topic of topics) if (topic.matches(prepared)) matched++;
  }
  return { ms: performance.now() - start, matched };
}

runTopics(); // warm-up
const topicRuns = [runTopics(), runTopics(), runTopics()].sort((a, b) => a.ms - b.ms);
const topicMedian = topicRuns[1]!;
console.log(`${topics.length} default topics x ${STREAM.length} matching-set posts: ${topicMedian.ms.toFixed(1)} ms (${(topicMedian.ms * 1000 / STREAM.length).toFixed(1)} µs per post), ${topicMedian.matched} topic matches`);
