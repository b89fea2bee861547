import { GraphQLError } from 'graphql';
import type { Logger } from '@pulse/runtime';
import { GatewayError, toGraphQLError } from '../errors/gateway.errors.js';

type AnyFn = (...args: never[]) => unknown;

function mapError(error: unknown, logger: Logger): never {
  if (error instanceof GraphQLError) throw error;
  if (error instanceof GatewayError) throw toGraphQLError(error);
  logger.error({ err: error }, 'unexpected resolver error');
  throw toGraphQLError(new GatewayError('INTERNAL', 'internal error', {}, { cause: error }));
}

function guard<F extends AnyFn>(fn: F, logger: Logger): F {
  return (async (...args: Parameters<F>) => {
    try {
      return await fn(...args);
    } catch (error) {
      mapError(error, logger);
    }
  }) as unknown as F;
}

/**
 * Wraps every resolver (and subscription `subscribe`) so HTTP and WebSocket clients get
 * the same stable error codes, whichever transport executed the operation.
 */
export function withErrorMapping<R extends Record<string, Record<string, unknown>>>(resolvers: R, logger: Logger): R {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [typeName, fields] of Object.entries(resolvers)) {
    out[typeName] = {};
    for (const [field, value] of Object.entries(fields)) {
      if (typeof value === 'function') out[typeName][field] = guard(value as AnyFn, logger);
      else if (value && typeof value === 'object' && 'subscribe' in value) {
        const sub = value as { subscribe: AnyFn; resolve?: AnyFn };
        out[typeName][field] = { ...sub, subscribe: guard(sub.subscribe, logger) };
      } else out[typeName][field] = value;
    }
  }
  return out as R;
}
