import type { Logger } from '@pulse/runtime';
import type { Request, Response } from 'express';
import { GatewayError, toHttpError } from '../errors/gateway.errors.js';
import { reportArgsFromQuery } from './period-report.input.js';
import type { PeriodReport } from './period-report.model.js';
import type { PeriodReportService } from './period-report.service.js';
import { renderPeriodReportPdf } from './pdf/period-report.pdf.js';

/** `mts-beeline-2026-03-02--2026-03-09.pdf`: ASCII only, so every client keeps the name. */
export function reportFileName(report: Pick<PeriodReport, 'topicIds' | 'from' | 'to'>): string {
  const topics = report.topicIds.join('-').replace(/[^a-zA-Z0-9-]+/g, '-').slice(0, 80) || 'report';
  return `pulse-report-${topics}-${report.from.slice(0, 10)}--${report.to.slice(0, 10)}.pdf`;
}

/**
 * `GET /reports/period.pdf?topicIds=…&from=…&to=…`: authentication and the rate limit run
 * before (see auth.middleware), as for /export. The report is built and drawn before any
 * header goes out, so every failure is a proper response in the error envelope.
 */
export function periodReportPdfHandler(reports: PeriodReportService, logger: Logger) {
  return async (req: Request, res: Response): Promise<void> => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new GatewayError('INVALID_ARGUMENT', 'use GET', { field: 'method' });
      const args = reportArgsFromQuery(req.query as Record<string, unknown>);
      const report = await reports.build(await reports.resolve(args));
      const pdf = await renderPeriodReportPdf(report);
      res.status(200);
      res.setHeader('content-type', 'application/pdf');
      res.setHeader('content-disposition', `attachment; filename="${reportFileName(report)}"`);
      res.setHeader('content-length', String(pdf.length));
      res.setHeader('cache-control', 'no-store');
      res.end(req.method === 'HEAD' ? undefined : pdf);
      logger.info({ topicIds: report.topicIds, from: report.from, to: report.to, bytes: pdf.length }, 'period report PDF served');
    } catch (error) {
      const gatewayError = error instanceof GatewayError ? error : new GatewayError('INTERNAL', 'could not render the report', {}, { cause: error });
      if (gatewayError.code === 'INTERNAL') logger.error({ err: error }, 'period report PDF failed');
      const { status, body } = toHttpError(gatewayError);
      res.status(status).json(body);
    }
  };
}
