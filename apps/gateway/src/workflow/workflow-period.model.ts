import type { HandlingEffectRow, ReactionTimeRow } from './workflow-stats.model.js';

/** A report's scope: mentions of any of these topics (each once), collected in [from, to). */
export interface PeriodScope {
  topicIds: string[];
  from: string;
  to: string;
}

export interface RequestGroupRow {
  /** The category id or intent label; null: requests no category matched (or no intent was classified). */
  key: string | null;
  requests: number;
  /** The newest requests of the group, newest first. */
  sampleIds: string[];
}

export interface HandledRequestRow {
  mentionId: string;
  status: string;
  collectedAt: string;
  firstResponseAt: string;
  resolvedAt: string | null;
  answerCategoryId: string | null;
}

/** What the support workflow contributes to a period report. */
export interface PeriodWorkflowFigures {
  reaction: Omit<ReactionTimeRow, 'topicId'>;
  handling: Omit<HandlingEffectRow, 'topicId'> & { windowHours: number };
  categories: RequestGroupRow[];
  intents: RequestGroupRow[];
  handled: HandledRequestRow[];
}
