import { rawMentionSchema, type RawMention, type TrackedTopic } from '@pulse/contracts';
import { describe, expect, it } from 'vitest';
import { DuplicateDetector } from './duplicate.detector.js';
import { QualityAssessor } from './quality.assessor.js';
import { QualityWindow } from './quality.window.js';

const topics: TrackedTopic[] = [
  {
    id: 'mts',
    name: 'МТС',
    keywords: ['МТС'],
    query: null,
    ownAccounts: [{ source: 'twitter', handle: 'mts_support' }],
    status: 'active',
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
  },
];

/**
 * The assessor and one window, applied in order as a collector applies the fingerprint log
 * (the log itself is QualityService's, specified in quality.service.spec.ts).
 */
function localQuality(now: () => number = () => 0): { assess(mention: RawMention, topics: readonly TrackedTopic[]): RawMention } {
  const assessor = new QualityAssessor();
  const window = new QualityWindow(new DuplicateDetector());
  let token = 0;
  return { assess: (mention, list) => assessor.assess(mention, window.apply(assessor.fingerprint(mention, list, `t${++token}`, now())), list) };
}

let n = 0;
function mention(text: string, author = `user${n}`, source: RawMention['source'] = 'twitter'): RawMention {
  n++;
  return rawMentionSchema.parse({
    source,
    sourceId: `s${n}`,
    text,
    author: { id: author, handle: author, name: author, url: null, followers: 50 },
    publishedAt: '2026-11-20T10:00:00Z',
  });
}

describe('QualityAssessor', () => {
  it('marks a direct address and adds the addressed topic even without a keyword', () => {
    const assessed = localQuality().assess(mention('@mts_support третий день нет связи, помогите'), topics);
    expect(assessed.direct).toBe(true);
    expect(assessed.topicIds).toEqual(['mts']);
    expect(assessed.matches).toEqual([{ topicId: 'mts', terms: ['mts_support'] }]);
  });

  it('marks copies of a campaign and scores the campaign as spam once it spreads across accounts', () => {
    const assessor = localQuality();
    const text = 'Только сегодня МТС дарит безлимитный интернет на месяц всем кто сделает репост этой записи';
    const first = assessor.assess(mention(text, 'a1'), topics);
    expect(first.duplicateOf).toBeNull();
    const copies = ['a2', 'a3', 'a4'].map((a) => assessor.assess(mention(text, a), topics));
    expect(copies.every((c) => c.duplicateOf === first.id)).toBe(true);
    expect(copies.at(-1)!.spam.reasons).toContain('same text from 4 accounts');
  });

  it('flags a posting burst from one account', () => {
    let clock = 0;
    const assessor = localQuality(() => clock);
    let last!: RawMention;
    for (let i = 0; i < 10; i++) {
      clock += 1000;
      last = assessor.assess(mention(`МТС плохой оператор номер ${i} ${'слово '.repeat(i)}`, 'bot'), topics);
    }
    expect(last.spam.reasons).toContain('10 posts from one account in 10 minutes');
  });

  it('marks a comment under the brand account\'s own post as direct', () => {
    const assessor = localQuality();
    const own = assessor.assess(mention('Новый тариф уже доступен в приложении', 'mts_support'), topics);
    expect(own.direct).toBe(false);
    const reply = rawMentionSchema.parse({ ...mention('а у меня не работает ничего', 'client'), id: undefined, parentId: own.id });
    const assessed = assessor.assess(reply, topics);
    expect(assessed.direct).toBe(true);
    expect(assessed.topicIds).toEqual(['mts']);
  });

  it('never marks demo replays as duplicates', () => {
    const assessor = localQuality();
    const text = 'МТС, спасибо за быстрый ответ в поддержке, всё починили за полчаса';
    assessor.assess(mention(text, 'demo-user', 'demo'), topics);
    expect(assessor.assess(mention(text, 'demo-user', 'demo'), topics).duplicateOf).toBeNull();
  });
});

describe('QualityAssessor at volume', () => {
  it('keeps per-author work bounded for an account that posts thousands of times', () => {
    let clock = 0;
    const assessor = localQuality(() => clock);
    let last!: RawMention;
    for (let i = 0; i < 5_000; i++) {
      clock += 10;
      last = assessor.assess(mention(`МТС отчёт номер ${i} о качестве связи в регионе ${i % 97}`, 'prolific'), topics);
    }
    // The history per author is capped (the uncapped version kept — and scanned — all 5,000).
    expect(last.spam.reasons).toContain('32 posts from one account in 10 minutes');
  });
});
