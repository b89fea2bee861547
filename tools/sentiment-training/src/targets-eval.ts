import type { RawMention, SentimentLabel } from '@pulse/contracts';
import { ScoringService, type SentimentModel } from '@pulse/sentiment';
import type { SentiRuEvalRow } from './datasets/sentirueval.loader.js';
import { macroF1, microF1 } from './metrics.js';
import { SENTIRUEVAL_COMPANY_TERMS, companyTerms } from './sentirueval-lexicon.js';
import { labelledPairs, markCompany } from './training-corpus.js';

const LABEL_ID: Record<SentimentLabel, number> = { negative: 0, neutral: 1, positive: 2 };

/** Figures of one way of scoring the (tweet, company) pairs. */
export interface PairFigures {
  /** SentiRuEval's official protocol: macro-F1 over positive and negative (neutral still counts as an error). */
  macroF1PosNeg: number;
  /** The micro-averaged F1 over positive and negative that SentiRuEval also reports. */
  microF1PosNeg: number;
  accuracy: number;
}

export interface TargetsReport {
  tweets: number;
  pairs: number;
  /** Every labelled company given the tweet's overall tone (what scoring without targeting says). */
  wholePost: PairFigures;
  /** The tweet read once per company with it marked [BRAND] and the others [OTHER] (per-topic scoring before the rules). */
  markedPost: PairFigures;
  /** `sentiment.byTopic` from the app's ScoringService: clause rules + model. */
  targeted: PairFigures;
  /** Pairs the targeting rules decided, per rule. */
  rules: Record<string, number>;
}

/**
 * The raw mention the collector would publish for a tweet: every company the tweet has a column
 * value for is a matched topic (its terms from the lexicon), so the app sees the brands it would see.
 */
export function tweetMention(row: SentiRuEvalRow, index: number): RawMention {
  const companies = [...row.companies.keys()].filter((c) => SENTIRUEVAL_COMPANY_TERMS[c]);
  const at = '2015-01-01T00:00:00.000Z';
  return {
    id: `sentirueval:${index}`,
    source: 'twitter',
    sourceId: String(index),
    url: null,
    text: row.text,
    language: 'ru',
    author: { id: 'x', handle: 'x', name: 'x', url: null },
    publishedAt: at,
    collectedAt: at,
    topicIds: companies,
    matches: companies.map((c) => ({ topicId: c, terms: [...companyTerms(c)] })),
    direct: false,
    duplicateOf: null,
    spam: { score: 0, reasons: [] },
  };
}

function figures(gold: number[], pred: number[]): PairFigures {
  const right = gold.filter((g, i) => g === pred[i]).length;
  return { macroF1PosNeg: macroF1(gold, pred, [0, 2]), microF1PosNeg: microF1(gold, pred, [0, 2]), accuracy: gold.length === 0 ? 0 : right / gold.length };
}

const top = (s: { negative: number; neutral: number; positive: number }): number => (s.negative >= s.neutral && s.negative >= s.positive ? 0 : s.neutral >= s.positive ? 1 : 2);

/** Scores every labelled (tweet, company) pair of `rows` three ways, in batches of `batch` tweets. */
export async function evaluateTargets(rows: readonly SentiRuEvalRow[], model: SentimentModel, batch = 256): Promise<TargetsReport> {
  const scoring = new ScoringService(model);
  const gold: number[] = [];
  const whole: number[] = [];
  const targeted: number[] = [];
  const markedTexts: string[] = [];
  const rules: Record<string, number> = {};
  for (let i = 0; i < rows.length; i += batch) {
    const part = rows.slice(i, i + batch);
    const scored = await scoring.score(part.map((r, k) => tweetMention(r, i + k)));
    part.forEach((row, k) => {
      const mention = scored[k]!;
      for (const { company, label } of labelledPairs(row)) {
        const tone = mention.sentiment.byTopic.find((t) => t.topicId === company);
        gold.push(label);
        whole.push(LABEL_ID[mention.sentiment.label]);
        targeted.push(LABEL_ID[tone?.label ?? mention.sentiment.label]);
        const rule = tone?.explain?.rule ?? 'whole-post';
        rules[rule] = (rules[rule] ?? 0) + 1;
        markedTexts.push(markCompany(row, company));
      }
    });
  }
  const marked: number[] = [];
  for (let i = 0; i < markedTexts.length; i += batch) for (const s of await model.classify(markedTexts.slice(i, i + batch))) marked.push(top(s));
  return { tweets: rows.length, pairs: gold.length, wholePost: figures(gold, whole), markedPost: figures(gold, marked), targeted: figures(gold, targeted), rules };
}
