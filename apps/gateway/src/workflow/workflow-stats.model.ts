export interface StatsWindow {
  /** Topics to break down; '' in the result is every mention counted once. */
  topicIds: string[];
  from: string;
  to: string;
}

export interface ReactionTimeRow {
  /** '' for all mentions. */
  topicId: string;
  /** Mentions in scope: reply needed (or taken up by someone) and not ignored. */
  inScope: number;
  responded: number;
  resolved: number;
  firstResponseMedianSeconds: number | null;
  firstResponseP90Seconds: number | null;
  resolutionMedianSeconds: number | null;
  resolutionP90Seconds: number | null;
}

export interface HandlingEffectRow {
  topicId: string;
  /** Authors whose mention was first responded to in the window. */
  authors: number;
  beforeTotal: number;
  beforeNegative: number;
  afterTotal: number;
  afterNegative: number;
}

export interface CoverageRow {
  topicId: string;
  requests: number;
  matched: number;
  byCategory: { categoryId: string; matched: number }[];
}
