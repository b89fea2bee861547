import { compileQuery, prepareDocument } from '../matching/query.compiler.js';
import { topicQuery, type TopicDefinition } from '../topics/topic.definition.js';
import type { MatchingSample } from './matching-set.js';

export interface BrandScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Posts labeled with the brand. */
  support: number;
  /** 1 when nothing was predicted (no false positive is possible), as is usual for a brand with no matches. */
  precision: number;
  recall: number;
}

export interface MatchingError {
  id: string;
  topicId: string;
  kind: 'false positive' | 'false negative';
  text: string;
}

export interface MatchingEvaluation {
  samples: number;
  /** Micro-averaged over every (post, topic) decision. */
  overall: BrandScore;
  perBrand: Record<string, BrandScore>;
  errors: MatchingError[];
}

function score(truePositives: number, falsePositives: number, falseNegatives: number): BrandScore {
  const predicted = truePositives + falsePositives;
  const support = truePositives + falseNegatives;
  return {
    truePositives,
    falsePositives,
    falseNegatives,
    support,
    precision: predicted === 0 ? 1 : truePositives / predicted,
    recall: support === 0 ? 1 : truePositives / support,
  };
}

/**
 * Runs every topic over every labeled post, as the collector does (one prepared document,
 * every topic's compiled query), and scores each topic's decisions against the labels.
 */
export function evaluateMatching(topics: readonly TopicDefinition[], samples: readonly MatchingSample[]): MatchingEvaluation {
  const compiled = topics.map((topic) => ({ id: topic.id, query: compileQuery(topicQuery(topic)) }));
  const counts = new Map(topics.map((topic) => [topic.id, { tp: 0, fp: 0, fn: 0 }]));
  const errors: MatchingError[] = [];
  for (const sample of samples) {
    const doc = prepareDocument({ text: sample.text, language: sample.language });
    for (const { id, query } of compiled) {
      const predicted = query.matches(doc);
      const expected = sample.brands.includes(id);
      const count = counts.get(id)!;
      if (predicted && expected) count.tp++;
      else if (predicted) {
        count.fp++;
        errors.push({ id: sample.id, topicId: id, kind: 'false positive', text: sample.text });
      } else if (expected) {
        count.fn++;
        errors.push({ id: sample.id, topicId: id, kind: 'false negative', text: sample.text });
      }
    }
  }
  const perBrand: Record<string, BrandScore> = {};
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [id, count] of counts) {
    perBrand[id] = score(count.tp, count.fp, count.fn);
    tp += count.tp;
    fp += count.fp;
    fn += count.fn;
  }
  return { samples: samples.length, overall: score(tp, fp, fn), perBrand, errors };
}
