import type { NextFunction, Request, Response } from 'express';
import { answerWithoutReadingBody } from '@pulse/runtime';
import { GatewayError, toHttpError } from '../errors/gateway.errors.js';
import type { ApiKeyService } from './api-key.service.js';
import { authorize, bearerToken, type Permission, type Principal } from './permissions.js';
import type { RateLimiter } from './rate-limiter.js';

/** The caller, once `requireApiKey` let the request through. */
export function principalOf(res: Response): Principal | undefined {
  return (res.locals as { principal?: Principal }).principal;
}

/**
 * HTTP gate for /graphql and /export: no valid key, no data (401 before any parsing);
 * then the per-key rate limit (429 with Retry-After); then, when given, the permission.
 */
export function requireApiKey(keys: ApiKeyService, limiter: RateLimiter, permission?: Permission) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const run = async (): Promise<void> => {
      const principal = await keys.authenticate(bearerToken(req.headers.authorization));
      const retryAfterSeconds = limiter.take(principal.keyId);
      if (retryAfterSeconds > 0) {
        res.setHeader('retry-after', String(retryAfterSeconds));
        throw new GatewayError('RATE_LIMITED', `rate limit exceeded for this API key; retry in ${retryAfterSeconds}s`, { retryAfterSeconds });
      }
      if (permission) authorize(principal, permission);
      (res.locals as { principal?: Principal }).principal = principal;
    };
    run().then(
      () => next(),
      (error: unknown) => {
        const gatewayError = error instanceof GatewayError ? error : new GatewayError('STORE_UNAVAILABLE', 'could not verify the API key', {}, { cause: error });
        const { status, body } = toHttpError(gatewayError);
        if (status === 401) res.setHeader('www-authenticate', 'Bearer realm="pulse"');
        // A refused caller's body is never read, not even drained after the answer.
        answerWithoutReadingBody(req, res);
        res.status(status).json(body);
      },
    );
  };
}
