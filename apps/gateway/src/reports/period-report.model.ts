import type { AuthorStats, SourceStats, TimeInterval, TimelineBucket, ToneCounts } from '../analytics/analytics.model.js';
import type { NegativeShareBucket, ShareOfVoice } from '../analytics/analytics.service.js';

/** A validated report request: whole-hour bounds, topics that exist. */
export interface PeriodReportRequest {
  topicIds: string[];
  /** Compared in share of voice; never overlaps topicIds. */
  competitorTopicIds: string[];
  /** Inclusive, rounded down to the hour. */
  from: string;
  /** Exclusive, rounded up to the hour. */
  to: string;
  interval: TimeInterval;
  /** Before/after window of the handling effect. */
  windowHours: number;
}

/** A mention quoted in a report: enough to recognise it and open it. */
export interface ReportExample {
  mentionId: string;
  source: string;
  handle: string;
  url: string | null;
  /** The start of the text on one line. */
  excerpt: string;
  publishedAt: string;
}

/** A problem category: a typical-answer category or an intent, with how many requests fell in it. */
export interface ReportGroup {
  /** Category id or intent label; null: requests that matched no category (or carry no intent). */
  key: string | null;
  name: string;
  requests: number;
  /** requests / all requests of the period. */
  share: number;
  examples: ReportExample[];
}

export interface ReportHandledRequest extends ReportExample {
  status: string;
  collectedAt: string;
  firstResponseAt: string;
  firstResponseSeconds: number;
  resolvedAt: string | null;
  resolutionSeconds: number | null;
  categoryName: string | null;
}

export interface ReportRequests {
  /** Requests owed an answer: reply needed (or taken up anyway), not ignored, collected in the period. */
  inScope: number;
  responded: number;
  resolved: number;
  /** responded / inScope; null without requests. */
  answeredShare: number | null;
  firstResponseMedianSeconds: number | null;
  firstResponseP90Seconds: number | null;
  resolutionMedianSeconds: number | null;
  resolutionP90Seconds: number | null;
}

export interface ReportHandling {
  windowHours: number;
  authors: number;
  beforeTotal: number;
  beforeNegative: number;
  beforeNegativeShare: number | null;
  afterTotal: number;
  afterNegative: number;
  afterNegativeShare: number | null;
}

export interface ReportVoice extends ShareOfVoice {
  competitor: boolean;
}

export interface PeriodReport extends PeriodReportRequest {
  generatedAt: string;
  /** Names of the report's and the competitors' topics, for renderers. */
  topicNames: Record<string, string>;
  /** Listed mentions of the topics published in the period, each once. */
  mentions: ToneCounts & { negativeShare: number | null };
  requests: ReportRequests;
  categories: ReportGroup[];
  intents: ReportGroup[];
  toneTrend: TimelineBucket[];
  negativeShareTrend: NegativeShareBucket[];
  handling: ReportHandling;
  shareOfVoice: ReportVoice[];
  topSources: SourceStats[];
  topAuthors: AuthorStats[];
  handledRequests: ReportHandledRequest[];
}
