import type { NextFunction, Request, Response } from 'express';
import { answerWithoutReadingBody } from '@pulse/runtime';
import { GatewayError, toHttpError } from '../errors/gateway.errors.js';

/** Largest GraphQL request body read: a query and its variables, not data uploads. */
export const GRAPHQL_MAX_BODY_BYTES = 1024 * 1024;

/** Answers a refused request in the GraphQL error shape (`errors[].extensions.code`), reading no more of its body. */
export function refuse(req: Request, res: Response, error: GatewayError): void {
  const { status, body } = toHttpError(error);
  answerWithoutReadingBody(req, res);
  res.status(status).json(body);
}

/**
 * What a POST to /graphql may declare: JSON (GraphQL over HTTP), and UTF-8 — the body is
 * decoded as UTF-8, so another charset would be silently mangled. Returns the problem, or null.
 */
export function graphqlMediaTypeProblem(contentType: string | undefined): string | null {
  const [rawType = '', ...params] = (contentType ?? '').split(';');
  const type = rawType.trim().toLowerCase();
  if (type !== 'application/json') {
    return type === '' ? 'send the request as Content-Type: application/json' : `unsupported content type ${JSON.stringify(type.slice(0, 100))}: send application/json`;
  }
  for (const param of params) {
    const [name = '', value = ''] = param.split('=');
    if (name.trim().toLowerCase() !== 'charset') continue;
    const charset = value.trim().replace(/^"(.*)"$/, '$1').toLowerCase();
    if (charset !== 'utf-8' && charset !== 'utf8') return `unsupported charset ${JSON.stringify(charset.slice(0, 50))}: send UTF-8 (charset=utf-8) or leave the charset out`;
  }
  return null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The /graphql body reader, after authentication (an unknown caller's body is never read):
 * the content type is checked from the header, the body is read up to the limit and no
 * further (a declared or streamed oversize body is refused as it arrives, not drained), and
 * it must be UTF-8 JSON. Every refusal is our error envelope with a stable code —
 * UNSUPPORTED_MEDIA_TYPE (415), BODY_TOO_LARGE (413), MALFORMED_JSON (400), METHOD_NOT_ALLOWED
 * (405) — never Express's or Apollo's defaults. GET requests (queries in the URL) pass through to Apollo.
 */
export function graphqlBody(limit = GRAPHQL_MAX_BODY_BYTES) {
  return (req: Request, res: Response, next: NextFunction): void => {
    // GET runs queries from the URL (Apollo refuses mutations there); OPTIONS is left to CORS handling.
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    if (req.method !== 'POST') {
      res.setHeader('allow', 'GET, POST');
      return refuse(req, res, new GatewayError('METHOD_NOT_ALLOWED', `${req.method.slice(0, 20)} is not supported on /graphql: POST a JSON body, or GET a query`));
    }
    const mediaProblem = graphqlMediaTypeProblem(req.headers['content-type']);
    if (mediaProblem) return refuse(req, res, new GatewayError('UNSUPPORTED_MEDIA_TYPE', mediaProblem));
    const tooLarge = (): GatewayError => new GatewayError('BODY_TOO_LARGE', `request body is larger than ${limit} bytes: send a smaller query (variables included)`);
    const declared = Number(req.headers['content-length'] ?? Number.NaN);
    if (Number.isFinite(declared) && declared > limit) return refuse(req, res, tooLarge());

    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error: GatewayError | null): void => {
      if (done) return;
      done = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      if (error) return refuse(req, res, error);
      const bytes = Buffer.concat(chunks, size);
      let text: string;
      try {
        text = utf8.decode(bytes);
      } catch (cause) {
        return refuse(req, res, new GatewayError('MALFORMED_JSON', 'request body is not valid UTF-8', {}, { cause }));
      }
      if (text.trim().length === 0) return refuse(req, res, new GatewayError('MALFORMED_JSON', 'request body is empty: send {"query": "..."}'));
      try {
        (req as Request & { body: unknown }).body = JSON.parse(text);
      } catch (cause) {
        return refuse(req, res, new GatewayError('MALFORMED_JSON', `request body is not valid JSON: ${(cause as Error).message}`, {}, { cause }));
      }
      next();
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) return finish(tooLarge());
      chunks.push(chunk);
    };
    const onEnd = (): void => finish(null);
    // A client that hangs up mid-body gets no answer; there is no one to send it to.
    const onError = (): void => {
      done = true;
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  };
}
