import { Controller, HttpCode, Inject, Post, Req, UseFilters } from '@nestjs/common';
import type { Request } from 'express';
import { CollectorErrorFilter } from '../errors/collector-error.filter.js';
import { CollectorError } from '../errors/collector.errors.js';
import type { IngestAuthorizer } from '../auth/ingest.authorizer.js';
import { COLLECTOR_CONFIG, INGEST_AUTHORIZER, INGEST_SERVICE } from '../collector.tokens.js';
import type { CollectorConfig } from '../config/collector.config.js';
import type { IngestResult, IngestService } from './ingest.service.js';
import { parseIngestBody } from './ingest-body.parser.js';

@Controller('ingest')
@UseFilters(CollectorErrorFilter)
export class IngestController {
  constructor(
    @Inject(INGEST_SERVICE) private readonly ingest: IngestService,
    @Inject(COLLECTOR_CONFIG) private readonly config: CollectorConfig,
    @Inject(INGEST_AUTHORIZER) private readonly auth: IngestAuthorizer,
  ) {}

  @Post()
  @HttpCode(202)
  async post(@Req() req: Request): Promise<IngestResult> {
    const signed = this.auth.isSignedWebhook(req.headers);
    if (!signed) this.auth.authorizeKey(req.headers);
    const body = await readBody(req, this.config.ingest.maxBodyBytes);
    if (signed) this.auth.authorizeWebhook(req.headers, body);
    const items = parseIngestBody(body, req.headers['content-type'], this.config.ingest.maxItems);
    const traceparent = req.headers.traceparent;
    return this.ingest.ingest(items, typeof traceparent === 'string' ? traceparent : undefined);
  }
}

/** Reads the body ourselves so an oversize upload is cut off at the limit, not buffered whole. */
async function readBody(req: Request, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw new CollectorError('BODY_TOO_LARGE', `body of ${declared} bytes exceeds the ${limit}-byte limit (INGEST_MAX_BODY_BYTES)`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      req.resume();
      throw new CollectorError('BODY_TOO_LARGE', `body exceeds the ${limit}-byte limit (INGEST_MAX_BODY_BYTES)`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
