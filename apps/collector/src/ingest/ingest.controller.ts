import { All, Controller, HttpCode, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CollectorErrorFilter } from '../errors/collector-error.filter.js';
import { CollectorError } from '../errors/collector.errors.js';
import type { CollectorConfig } from '../config/collector.config.js';
import { CONFIG } from '../core/collector.tokens.js';
import { IngestAuthorizer } from '../keys/ingest.authorizer.js';
import { IngestService, type IngestResult } from './ingest.service.js';
import { ingestMediaType, parseIngestBody } from './ingest-body.parser.js';

/** A 202's body, or a 422's when no item was accepted: the same shape plus the error envelope. */
export type IngestResponse = IngestResult & { error?: { code: 'ALL_ITEMS_REJECTED'; message: string } };

@Controller('ingest')
@UseFilters(new CollectorErrorFilter())
export class IngestController {
  constructor(
    @Inject(IngestService) private readonly ingest: IngestService,
    @Inject(CONFIG) private readonly config: CollectorConfig,
    @Inject(IngestAuthorizer) private readonly auth: IngestAuthorizer,
  ) {}

  @Post()
  @HttpCode(202)
  async post(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<IngestResponse> {
    // Everything the headers can decide is decided before a byte of the body is read.
    const permit = this.auth.permitBody(req.headers);
    const contentType = req.headers['content-type'];
    ingestMediaType(contentType);
    const body = await readBody(req, this.config.ingest.maxBodyBytes);
    if (permit.kind === 'webhook') permit.verify(body);
    const items = parseIngestBody(body, contentType, this.config.ingest.maxItems);
    const traceparent = req.headers.traceparent;
    const result = await this.ingest.ingest(items, typeof traceparent === 'string' ? traceparent : undefined);
    if (result.accepted === 0) {
      // Nothing was taken: not "accepted for processing". The per-item reasons stay where a 202 has them.
      res.status(422);
      return { ...result, error: { code: 'ALL_ITEMS_REJECTED', message: `none of the ${result.rejected.length} items was accepted: see rejected` } };
    }
    return result;
  }

  /** Any other method on /ingest: say which one is served instead of "not found". */
  @All()
  other(@Req() req: Request): never {
    throw new CollectorError('METHOD_NOT_ALLOWED', `${req.method} is not served on /ingest: use POST`);
  }
}

/**
 * Reads the body ourselves so an oversize upload is cut off at the limit, not buffered
 * whole. Plain listeners rather than `for await`: leaving an async iterator destroys the
 * request, and with it the socket the 413 has to go out on.
 */
function readBody(req: Request, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.reject(new CollectorError('BODY_TOO_LARGE', `body of ${declared} bytes exceeds the ${limit}-byte limit (INGEST_MAX_BODY_BYTES)`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error: CollectorError | null): void => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      if (error === null) {
        resolve(Buffer.concat(chunks).toString('utf8'));
      } else {
        // Stop reading; the error filter answers and closes the connection.
        req.pause();
        reject(error);
      }
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) finish(new CollectorError('BODY_TOO_LARGE', `body exceeds the ${limit}-byte limit (INGEST_MAX_BODY_BYTES)`));
      else chunks.push(chunk);
    };
    const onEnd = (): void => finish(null);
    const onError = (error: Error): void => finish(new CollectorError('MALFORMED_REQUEST', `the request body could not be read: ${error.message}`, { cause: error }));
    const onClose = (): void => finish(new CollectorError('MALFORMED_REQUEST', 'the connection closed before the request body ended'));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}
