import { handleIncident, incidentBrand, outageComplaint, type DemoIncident } from './demo-incidents.js';
import { DemoPostFactory, type DemoPost } from './demo-posts.js';
import { DemoRandom } from './demo-random.js';
import { DEMO_BRANDS } from './demo-world.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** The resolved incident of the demo's past: a Beeline outage one evening, answered and thanked. */
export const PAST_INCIDENT: DemoIncident = { topicId: 'beeline', peakPerMinute: 2.2, answered: 0.8, answerMedianMinutes: 14, followUp: 0.5 };
/** Everyday answers of the brands with a support account (mts, beeline): slower and fewer. */
const ROUTINE = { answered: 0.45, medianMinutes: 35, followUp: 0.3 };
const ROUTINE_ANSWERS = [
  '{name}, здравствуйте! Напишите, пожалуйста, номер договора в личные сообщения — разберёмся.',
  'Здравствуйте, {name}. Проверили: всё исправили, проверьте, пожалуйста.',
  '{name}, добрый день! Передали специалистам, ответим сегодня.',
  '{name}, спасибо, что написали. Вернули деньги, поступят в течение трёх дней.',
  'Hi {name}, sorry about that. Please DM us your account details and we will sort it out.',
];

export interface DemoHistoryOptions {
  /** The moment the history reaches (the demo's first start); nothing is published after it. */
  end: number;
  days: number;
  ratePerSecond: number;
  seed?: number;
}

export interface DemoHistory {
  /** Everything customers and sites posted, oldest first. */
  posts: DemoPost[];
  /** The brands' answers under some of those posts, oldest first: sent after `posts`. */
  answers: DemoPost[];
  incident: { topicId: string; start: number; end: number } | null;
}

/**
 * A realistic past for the demo, the same for the same options: ordinary traffic at the
 * live stream's rates (daily rhythm, share of voice, repeat authors, several sources), one
 * resolved outage with the brand's answers and customers' thanks, and everyday answers from
 * the brands that have a support account.
 */
export function demoHistory(options: DemoHistoryOptions): DemoHistory {
  const rng = new DemoRandom(options.seed ?? 20_261_122);
  // Stable ids for the same end: a backfill interrupted by a restart re-sends the same mentions.
  const factory = new DemoPostFactory(rng, `h${Math.floor(options.end / MINUTE).toString(36)}-`, Number.POSITIVE_INFINITY);
  const start = options.end - options.days * 24 * HOUR;
  const posts: DemoPost[] = [];
  for (let hour = start; hour < options.end; hour += HOUR) posts.push(...factory.between(hour, Math.min(hour + HOUR, options.end), options.ratePerSecond));

  const window = incidentWindow(start, options.end);
  const answers: DemoPost[] = [];
  const followUps: DemoPost[] = [];
  if (window) {
    const brand = incidentBrand(PAST_INCIDENT);
    const complaints: DemoPost[] = [];
    for (let minute = window.start; minute < window.end; minute += MINUTE) {
      const mean = PAST_INCIDENT.peakPerMinute * outageProfile((minute - window.start) / (window.end - window.start));
      for (let n = rng.poisson(mean); n > 0; n -= 1) complaints.push(outageComplaint(factory, rng, brand, minute + rng.next() * MINUTE));
    }
    const handled = handleIncident(factory, rng, PAST_INCIDENT, complaints, options.end);
    posts.push(...complaints);
    answers.push(...handled.answers);
    followUps.push(...handled.followUps);
  }
  const routine = routineAnswers(factory, rng, posts, options.end);
  answers.push(...routine.answers);
  posts.push(...followUps, ...routine.followUps);
  posts.sort((a, b) => a.meta.time - b.meta.time);
  answers.sort((a, b) => a.meta.time - b.meta.time);
  return { posts, answers, incident: window ? { topicId: PAST_INCIDENT.topicId, ...window } : null };
}

/** 18:10–21:10 Moscow time, three days back (or halfway back in a shorter history); none under half a day. */
export function incidentWindow(start: number, end: number): { start: number; end: number } | null {
  if (end - start < 12 * HOUR) return null;
  const back = Math.min(3 * 24 * HOUR, (end - start) / 2);
  const day = Math.floor((end - back) / (24 * HOUR)) * 24 * HOUR;
  let from = day + 15 * HOUR + 10 * MINUTE;
  if (from + 3 * HOUR > end - 2 * HOUR) from -= 24 * HOUR;
  if (from < start + HOUR) return null;
  return { start: from, end: from + 3 * HOUR };
}

/** Share of the peak rate at a point of the outage (0..1): a fast rise, a plateau, a slow fade. */
function outageProfile(x: number): number {
  if (x < 0.12) return x / 0.12;
  if (x < 0.55) return 1;
  return Math.max(0.05, 1 - (x - 0.55) / 0.45);
}

function routineAnswers(factory: DemoPostFactory, rng: DemoRandom, posts: readonly DemoPost[], until: number): { answers: DemoPost[]; followUps: DemoPost[] } {
  const answers: DemoPost[] = [];
  const followUps: DemoPost[] = [];
  for (const post of posts) {
    const brand = DEMO_BRANDS.find((b) => b.topicId === post.meta.topicId);
    if (!brand?.handle || !post.meta.direct || post.meta.intent === 'praise' || post.meta.intent === 'other') continue;
    if (!rng.chance(ROUTINE.answered)) continue;
    let at = post.meta.time + Math.max(3, ROUTINE.medianMinutes * Math.exp(0.9 * rng.normal())) * MINUTE;
    // Support works 9:00–22:00 Moscow time: night posts wait for the morning shift.
    const hour = new Date(at + 3 * HOUR).getUTCHours();
    if (hour < 9 || hour >= 22) at = Math.floor((at + 3 * HOUR) / (24 * HOUR)) * 24 * HOUR + (hour >= 22 ? 24 * HOUR : 0) + 6 * HOUR + rng.int(5, 90) * MINUTE;
    if (at >= until) continue;
    const name = post.author.name.split(' ')[0] ?? post.author.handle;
    const template = rng.pick(ROUTINE_ANSWERS.filter((t) => (brand.language === 'en') === t.startsWith('Hi')));
    answers.push(factory.answer(post, brand, template.replaceAll('{name}', name), at));
    if (post.meta.intent !== 'complaint' || !rng.chance(ROUTINE.followUp)) continue;
    const author = factory.authorById(post.author.id);
    const thanksAt = at + rng.int(30, 6 * 60) * MINUTE;
    if (author && thanksAt < until) followUps.push(factory.post(author, brand, 'praise', thanksAt));
  }
  return { answers, followUps };
}

/**
 * The order the backfill sends a history in: the last day first (what the gateway seeds spike
 * baselines from, so alerts work while the older days are still arriving), then the older days,
 * then the brands' answers (after everything they answer, so their parents are stored first).
 * `recent`: how many items the last day takes at the front.
 */
export function backfillOrder(history: Pick<DemoHistory, 'posts' | 'answers'>, end: number): { queue: DemoPost[]; recent: number } {
  const cutoff = end - 24 * HOUR;
  const recent = history.posts.filter((p) => p.meta.time >= cutoff);
  const older = history.posts.filter((p) => p.meta.time < cutoff);
  return { queue: [...recent, ...older, ...history.answers], recent: recent.length };
}
