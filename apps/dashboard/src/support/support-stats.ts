import type { SupportStats } from '../api/api.types.js';
import { formatDuration, percent } from '../ui/format.js';

/** The row for the scope: the first row (all mentions, topicId null) unless a topic is chosen. */
export function rowFor<T extends { topicId: string | null }>(rows: readonly T[], topicId: string): T | undefined {
  return topicId ? rows.find((r) => r.topicId === topicId) : (rows.find((r) => r.topicId === null) ?? rows[0]);
}

export interface SupportFigures {
  firstResponse: string;
  resolution: string;
  responded: string;
  coverage: string;
  negativeShift: string;
}

/** Words for the Support card, from one scope's rows. */
export function supportFigures(stats: SupportStats, topicId: string): SupportFigures {
  const reaction = rowFor(stats.reactionTimes, topicId);
  const effect = rowFor(stats.handlingEffect, topicId);
  const coverage = rowFor(stats.answerCoverage, topicId);
  const pair = (median: number | null | undefined, p90: number | null | undefined) =>
    median === null || median === undefined ? '—' : `median ${formatDuration(median)} · p90 ${formatDuration(p90)}`;
  const inScope = reaction?.inScope ?? 0;
  const responded = reaction?.responded ?? 0;
  return {
    firstResponse: pair(reaction?.firstResponseMedianSeconds, reaction?.firstResponseP90Seconds),
    resolution: pair(reaction?.resolutionMedianSeconds, reaction?.resolutionP90Seconds),
    responded: inScope === 0 ? 'nothing needed an answer' : `${responded} of ${inScope} (${percent(responded / inScope)})`,
    coverage: !coverage || coverage.requests === 0 ? 'no requests' : `${percent(coverage.share)} of ${coverage.requests} requests`,
    negativeShift:
      !effect || effect.authors === 0
        ? 'no handled authors yet'
        : `${percent(effect.beforeNegativeShare)} → ${percent(effect.afterNegativeShare)} (${effect.authors} ${effect.authors === 1 ? 'author' : 'authors'})`,
  };
}
