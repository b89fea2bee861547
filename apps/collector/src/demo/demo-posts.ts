import { mentionId } from '@pulse/contracts';
import corpus from './demo-corpus.json' with { type: 'json' };
import { composePost, type DemoIntent } from './demo-phrases.js';
import { EN_PHRASES } from './demo-phrases.en.js';
import { RU_PHRASES } from './demo-phrases.ru.js';
import type { DemoRandom } from './demo-random.js';
import { DEMO_BRANDS, LANGUAGE_SHARE, demoAuthors, rateAt, type DemoAuthor, type DemoBrand, type DemoLanguage, type DemoSourceName } from './demo-world.js';

/** One post as /ingest takes it, plus what the demo knows about it (never sent). */
export interface DemoPost {
  source: DemoSourceName;
  sourceId: string;
  url: string;
  text: string;
  language: DemoLanguage;
  author: { id: string; handle: string; name: string; url: string | null; followers: number };
  publishedAt: string;
  collectedAt?: string;
  parentId?: string;
  engagement: { likes: number; reposts: number; comments: number };
  /** Demo bookkeeping, stripped before ingest. */
  meta: { topicId: string; intent: DemoIntent | 'answer'; direct: boolean; time: number };
}

/** The corpus's kinds as the demo's intents (spam stays out: it would be hidden anyway). */
const CORPUS_INTENTS: Record<string, DemoIntent> = { complaint: 'complaint', question: 'question', praise: 'praise', news: 'other', neutral: 'other' };
/** A corpus post may come back once the collector has forgotten it (its near-duplicate window is 6 hours). */
const CORPUS_REUSE_MS = 7 * 3_600_000;
/** Share of ordinary posts taken from the hand-written corpus rather than composed. */
const CORPUS_SHARE = 0.15;

const REDDIT_SUBS: Record<string, string> = { telecom: 'NoContract', bank: 'personalfinance', retail: 'Frugal' };

/**
 * Makes posts of the demo's world: who writes (repeat authors on their home sources), about
 * which brand (share of voice), with which intent (each brand's negativity) and in which
 * words. History and the live stream use the same rates, so a baseline learned from one
 * fits the other.
 */
export class DemoPostFactory {
  readonly authors: readonly DemoAuthor[] = demoAuthors();
  /** Per language: the people (no sites) and their cumulative activity, for a binary search. */
  private readonly crowds = new Map<DemoLanguage, { people: DemoAuthor[]; cumulative: number[] }>();
  private readonly outlets = new Map<DemoLanguage, DemoAuthor[]>();
  private serial = 0;
  /** Corpus text → when it was last used (post time), so it never reads as a copy. */
  private readonly corpusUsed = new Map<string, number>();

  constructor(
    private readonly rng: DemoRandom,
    /** Keeps source ids unique across runs (live) or stable across restarts (history). */
    private readonly idPrefix: string,
    /** How soon a corpus post may be used again: never in a backfill, where everything arrives within minutes. */
    private readonly corpusReuseMs = CORPUS_REUSE_MS,
  ) {
    for (const language of Object.keys(LANGUAGE_SHARE) as DemoLanguage[]) {
      const people = this.authors.filter((a) => a.language === language && a.source !== 'rss');
      let sum = 0;
      this.crowds.set(language, { people, cumulative: people.map((a) => (sum += a.activity)) });
      this.outlets.set(language, this.authors.filter((a) => a.language === language && a.source === 'rss'));
    }
  }

  /** Ordinary traffic published in [from, to): Poisson counts at the world's rate for each moment. */
  between(from: number, to: number, ratePerSecond: number): DemoPost[] {
    const posts: DemoPost[] = [];
    for (const language of Object.keys(LANGUAGE_SHARE) as DemoLanguage[]) {
      const mean = (rateAt((from + to) / 2, language, ratePerSecond) * (to - from)) / 1000;
      for (let n = this.rng.poisson(mean); n > 0; n -= 1) posts.push(this.ordinary(language, from + this.rng.next() * (to - from)));
    }
    return posts.sort((a, b) => a.meta.time - b.meta.time);
  }

  ordinary(language: DemoLanguage, time: number): DemoPost {
    const brand = this.rng.weighted(
      DEMO_BRANDS.filter((b) => b.language === language),
      (b) => b.weight,
    );
    const roll = this.rng.next();
    const opinion = 0.55;
    const intent: DemoIntent =
      roll < opinion * brand.negativity ? 'complaint' : roll < opinion ? 'praise' : roll < opinion + 0.14 ? 'question' : roll < opinion + 0.22 ? 'request' : 'other';
    const outlet = intent === 'other' && this.rng.chance(0.3);
    const author = outlet ? this.rng.pick(this.outlets.get(language)!) : this.author(language);
    const handWritten = !outlet && this.rng.chance(CORPUS_SHARE) ? this.corpusText(brand.topicId, intent, time) : undefined;
    return this.post(author, brand, intent, time, handWritten);
  }

  /** A hand-written corpus post about this brand with this intent, if one is free at `time`. */
  private corpusText(topicId: string, intent: DemoIntent, time: number): string | undefined {
    const candidates = corpus.filter(
      (item) => item.brands[0] === topicId && CORPUS_INTENTS[item.kind] === intent && time - (this.corpusUsed.get(item.text) ?? Number.NEGATIVE_INFINITY) >= this.corpusReuseMs,
    );
    if (candidates.length === 0) return undefined;
    const text = this.rng.pick(candidates).text;
    this.corpusUsed.set(text, time);
    return text;
  }

  /** A post by `author` about `brand`; `text` overrides the composed words. */
  post(author: DemoAuthor, brand: DemoBrand, intent: DemoIntent, time: number, text?: string): DemoPost {
    const direct = intent !== 'other' && intent !== 'praise' && brand.handle !== undefined && author.source !== 'rss' && this.rng.chance(0.3);
    const words = text ?? composePost(brand.language === 'ru' ? RU_PHRASES : EN_PHRASES, intent, brand.category, brand, this.rng, { direct, news: author.source === 'rss' });
    const where = this.place(author, brand, time);
    return {
      ...where,
      text: words,
      language: brand.language,
      author: { id: author.id, handle: author.handle, name: author.name, url: null, followers: author.followers },
      publishedAt: new Date(time).toISOString(),
      collectedAt: new Date(time + this.rng.int(15, 180) * 1000).toISOString(),
      engagement: { likes: this.rng.poisson(Math.min(400, 2 + author.followers / 150)), reposts: this.rng.poisson(0.5 + author.followers / 3000), comments: this.rng.poisson(1.5) },
      meta: { topicId: brand.topicId, intent, direct, time },
    };
  }

  /** The brand's support account answering under `parent` (a comment, a reply): a response Pulse counts. */
  answer(parent: DemoPost, brand: DemoBrand, text: string, time: number): DemoPost {
    const handle = brand.handle!;
    const sourceId = `${parent.sourceId}-answer-${++this.serial}`;
    const url = parent.source === 'vk' ? `${parent.url}?reply=${this.serial}` : parent.source === 'twitter' ? `https://x.com/${handle}/status/${this.numericId(time)}` : `${parent.url}?comment=${this.serial}`;
    return {
      source: parent.source,
      sourceId,
      url,
      text,
      language: brand.language,
      author: { id: `${parent.source}-${handle}`, handle, name: `${brand.nominative} — поддержка`, url: null, followers: 48_000 },
      publishedAt: new Date(time).toISOString(),
      collectedAt: new Date(time + this.rng.int(15, 120) * 1000).toISOString(),
      parentId: mentionId(parent.source, parent.sourceId),
      engagement: { likes: this.rng.poisson(2), reposts: 0, comments: 0 },
      meta: { topicId: brand.topicId, intent: 'answer', direct: false, time },
    };
  }

  /** A regular of this language: the few active ones come up often, as in real feeds. */
  author(language: DemoLanguage): DemoAuthor {
    const { people, cumulative } = this.crowds.get(language)!;
    const target = this.rng.next() * cumulative[cumulative.length - 1]!;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! > target) high = mid;
      else low = mid + 1;
    }
    return people[low]!;
  }

  /** The author with this id (a customer following up on an answer). */
  authorById(id: string): DemoAuthor | undefined {
    this.index ??= new Map(this.authors.map((a) => [a.id, a]));
    return this.index.get(id);
  }

  private index: Map<string, DemoAuthor> | undefined;

  private place(author: DemoAuthor, brand: DemoBrand, time: number): Pick<DemoPost, 'source' | 'sourceId' | 'url'> {
    const n = ++this.serial;
    const key = `${this.idPrefix}${n.toString(36)}`;
    switch (author.source) {
      case 'vk': {
        const owner = 100_000 + (hash(author.handle) % 900_000_000);
        return { source: 'vk', sourceId: `wall${owner}_${key}`, url: `https://vk.com/wall${owner}_${key}` };
      }
      case 'telegram':
        return { source: 'telegram', sourceId: `${author.handle}/${key}`, url: `https://t.me/${author.handle}/${key}` };
      case 'twitter': {
        const id = `${this.numericId(time)}${n}`;
        return { source: 'twitter', sourceId: `${this.idPrefix}${id}`, url: `https://x.com/${author.handle}/status/${id}` };
      }
      case 'reddit':
        return { source: 'reddit', sourceId: `t3_${key}`, url: `https://www.reddit.com/r/${REDDIT_SUBS[brand.category]}/comments/${key}/` };
      case 'rss':
        return { source: 'rss', sourceId: `https://${author.handle}/news/${key}`, url: `https://${author.handle}/news/${key}` };
    }
  }

  private numericId(time: number): string {
    return String(Math.floor(time / 1000) * 1000 + this.rng.int(0, 999));
  }
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** What goes to /ingest: the post without the demo's bookkeeping. */
export function toIngestItem(post: DemoPost): Record<string, unknown> {
  const { meta: _meta, ...item } = post;
  return item;
}
