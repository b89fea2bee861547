import { storeCall } from '../errors/gateway.errors.js';
import type { PeriodScope, PeriodWorkflowFigures } from './workflow-period.model.js';
import type { WorkflowPeriodRepository } from './workflow-period.repository.js';

export interface PeriodFiguresOptions {
  /** Hours before and after a first response that count as "before" and "after handling". */
  windowHours: number;
  /** Example requests kept per category and intent. */
  examples: number;
  /** Handled requests listed, slowest first. */
  handledLimit: number;
}

/**
 * The support workflow's figures for a period report: the same definitions as the
 * per-topic statistics (reaction times from collection, handling effect, requests by
 * typical-answer category), over a scope of topics taken together. The caller (the reports
 * module) validates the scope; this only reads.
 */
export class WorkflowPeriodService {
  constructor(private readonly store: WorkflowPeriodRepository) {}

  async periodFigures(scope: PeriodScope, options: PeriodFiguresOptions): Promise<PeriodWorkflowFigures> {
    return storeCall(async () => {
      const [reaction, handling, categories, intents, handled] = await Promise.all([
        this.store.reactionTimes(scope),
        this.store.handlingEffect({ ...scope, windowHours: options.windowHours }),
        this.store.requestGroups(scope, 'category', options.examples),
        this.store.requestGroups(scope, 'intent', options.examples),
        this.store.handledRequests(scope, options.handledLimit),
      ]);
      return { reaction, handling: { ...handling, windowHours: options.windowHours }, categories, intents, handled };
    });
  }
}
