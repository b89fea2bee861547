import { once } from 'node:events';
import type { Logger } from '@pulse/runtime';
import type { Request, Response } from 'express';
import { GatewayError, storeError, toHttpError } from '../errors/gateway.errors.js';
import { dateTimeProblem } from '../validation/input-checks.js';
import type { ToneFeedbackRecord, WorkflowService } from '../workflow/workflow.service.js';

/** One training example per line: what the data team feeds to `npm run train:sentiment` after review. */
export function feedbackLine(record: ToneFeedbackRecord): string {
  return `${JSON.stringify({
    mentionId: record.mentionId,
    topicId: record.topicId === '' ? null : record.topicId,
    text: record.text,
    label: record.label,
    previousLabel: record.previousLabel,
    terms: record.terms,
    language: record.language,
    source: record.source,
    model: { id: record.modelId, version: record.modelVersion },
    comment: record.comment,
    correctedBy: record.actor,
    correctedAt: record.at,
  })}\n`;
}

/**
 * `since` is parsed strictly (Date.parse would read "1" as 2001 and pass year 0 on to the
 * store); no other parameter exists, so a misspelt one is reported rather than ignored.
 */
export function feedbackQueryProblem(query: Record<string, unknown>): { field: string; message: string } | null {
  const unknown = Object.keys(query).find((name) => name !== 'since');
  if (unknown !== undefined) return { field: unknown, message: `unknown parameter "${unknown}" (only since)` };
  const since = query['since'];
  if (since === undefined) return null;
  if (typeof since !== 'string') return { field: 'since', message: 'since may be given once' };
  const problem = dateTimeProblem(since);
  return problem === null ? null : { field: 'since', message: `since ${problem}` };
}

/**
 * `GET /export/feedback[?since=<ISO date-time>]`: analysts' tone corrections as JSONL,
 * oldest first, streamed page by page. Texts are copies, so corrections outlive retention.
 */
export function feedbackExportHandler(store: Pick<WorkflowService, 'streamToneFeedback'>, logger: Logger) {
  return async (req: Request, res: Response): Promise<void> => {
    const problem = feedbackQueryProblem(req.query as Record<string, unknown>);
    const since = req.query['since'] as string | undefined;
    if (problem) {
      const { status, body } = toHttpError(new GatewayError('INVALID_ARGUMENT', problem.message, { field: problem.field }));
      res.status(status).json(body);
      return;
    }
    const pages = store.streamToneFeedback(since)[Symbol.asyncIterator]();
    let first: IteratorResult<ToneFeedbackRecord[]>;
    try {
      first = await pages.next();
    } catch (error) {
      const { status, body } = toHttpError(storeError(error, 'feedback export'));
      logger.error({ err: error }, 'feedback export failed');
      res.status(status).json(body);
      return;
    }
    let closed = false;
    res.on('close', () => (closed = true));
    res.status(200);
    res.setHeader('content-type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('content-disposition', 'attachment; filename="pulse-tone-feedback.jsonl"');
    res.setHeader('cache-control', 'no-store');
    let lines = 0;
    try {
      for (let next = first; !next.done && !closed; next = await pages.next()) {
        lines += next.value.length;
        if (!res.write(next.value.map(feedbackLine).join(''))) await Promise.race([once(res, 'drain'), once(res, 'close')]);
      }
      if (closed) await pages.return?.();
      res.end();
      logger.info({ lines, aborted: closed }, 'feedback export finished');
    } catch (error) {
      logger.error({ err: error }, 'feedback export failed mid-stream');
      res.destroy(error as Error);
    }
  };
}
