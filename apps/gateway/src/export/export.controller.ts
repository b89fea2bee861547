import { once } from 'node:events';
import type { Logger } from '@pulse/runtime';
import type { Request, Response } from 'express';
import { GatewayError, storeError, toHttpError } from '../errors/gateway.errors.js';
import type { TopicService } from '../topics/topic.service.js';
import type { ExportService } from './export.service.js';

/**
 * `GET /export`: authentication and rate limiting run before (see auth.middleware); this
 * only streams. Each chunk waits for the socket to drain, and a client that hangs up
 * stops the store walk.
 */
export function exportHandler(exports: ExportService, logger: Logger, topics: Pick<TopicService, 'requireKnown'>) {
  return async (req: Request, res: Response): Promise<void> => {
    let request;
    try {
      request = exports.parseRequest(req.query as Record<string, unknown>);
      // An unknown topic is a mistake to report, not an empty file.
      await topics.requireKnown(request.filter.topicIds, 'topicIds');
    } catch (error) {
      const { status, body } = toHttpError(error instanceof GatewayError ? error : new GatewayError('INTERNAL', 'internal error', {}, { cause: error }));
      res.status(status).json(body);
      return;
    }
    const chunks = exports.render(request);
    let first: IteratorResult<string>;
    try {
      // The first page is read before any header goes out, so a store failure is still a proper error response.
      first = await chunks.next();
    } catch (error) {
      const { status, body } = toHttpError(storeError(error, 'export'));
      logger.error({ err: error }, 'export failed');
      res.status(status).json(body);
      return;
    }
    let closed = false;
    res.on('close', () => (closed = true));
    res.status(200);
    res.setHeader('content-type', exports.contentType(request.format));
    res.setHeader('content-disposition', `attachment; filename="pulse-mentions.${request.format}"`);
    res.setHeader('cache-control', 'no-store');
    try {
      for (let next = first; !next.done && !closed; next = await chunks.next()) {
        if (!res.write(next.value)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
      }
      if (closed) await chunks.return(undefined);
      res.end();
      logger.info({ format: request.format, aborted: closed }, 'export finished');
    } catch (error) {
      // Headers are gone: the only honest signal left is an aborted response.
      logger.error({ err: error }, 'export failed mid-stream');
      res.destroy(error as Error);
    }
  };
}
