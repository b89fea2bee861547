import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { answerWithoutReadingBody, type Logger } from '@pulse/runtime';
import type { Request, Response } from 'express';
import { CollectorError, httpStatusFor, type CollectorErrorCode } from './collector.errors.js';

/** Statuses Nest or Express raise themselves, as our codes; anything else is INTERNAL. */
const FRAMEWORK_STATUS_CODES: Readonly<Record<number, CollectorErrorCode>> = {
  400: 'MALFORMED_REQUEST',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'BODY_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/**
 * The collector's one error envelope, `{ "error": { "code", "message" } }`, for every
 * route: our own errors keep their code; Nest's (unknown route, bad URL) are mapped to
 * ours so framework wording never reaches a client; anything unexpected is a 500 INTERNAL
 * without internals (logged with its stack instead).
 */
@Catch()
export class CollectorErrorFilter implements ExceptionFilter {
  constructor(private readonly logger?: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const { code, message } = this.describe(error, req);
    if (res.headersSent) {
      // Too late for an envelope: end the exchange rather than leave the client waiting.
      res.destroy();
      return;
    }
    // Refused before (all of) the body was read: the rest is never read, and the answer still arrives.
    answerWithoutReadingBody(req, res);
    if (code === 'METHOD_NOT_ALLOWED') res.setHeader('Allow', 'POST');
    res.status(httpStatusFor(code)).json({ error: { code, message } });
  }

  private describe(error: unknown, req: Request): { code: CollectorErrorCode; message: string } {
    if (error instanceof CollectorError) return { code: error.code, message: error.message };
    if (error instanceof HttpException) {
      const code = FRAMEWORK_STATUS_CODES[error.getStatus()];
      if (code === 'NOT_FOUND') return { code, message: `no route ${req.method} ${safePath(req)}: the collector serves POST /ingest, GET /healthz, /readyz and /metrics` };
      if (code !== undefined) return { code, message: `${error.getStatus()} ${code.toLowerCase().replace(/_/g, ' ')}` };
    }
    this.logger?.error({ err: error, method: req.method, path: safePath(req) }, 'unexpected error answering a request');
    return { code: 'INTERNAL', message: 'internal error; it has been logged' };
  }
}

/** The path as sent, cut short and without control characters, for messages and logs. */
function safePath(req: Request): string {
  const path = (req.originalUrl ?? req.url ?? '').split('?')[0] ?? '';
  return path.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 200);
}
