import { GraphQLError } from 'graphql';
import type { Logger } from '@pulse/runtime';
import { authorize, ROOT_FIELD_PERMISSIONS, type Permission } from '../auth/permissions.js';
import { GatewayError, toGraphQLError } from '../errors/gateway.errors.js';
import type { GatewayContext } from './graphql-context.js';

type AnyFn = (...args: never[]) => unknown;
type Resolvers = Record<string, Record<string, unknown>>;

function mapError(error: unknown, logger: Logger): never {
  if (error instanceof GraphQLError) throw error;
  if (error instanceof GatewayError) throw toGraphQLError(error);
  logger.error({ err: error }, 'unexpected resolver error');
  throw toGraphQLError(new GatewayError('INTERNAL', 'internal error', {}, { cause: error }));
}

function guard<F extends AnyFn>(fn: F, logger: Logger, permission: Permission | undefined): F {
  return (async (...args: Parameters<F>) => {
    try {
      if (permission) authorize((args[2] as unknown as GatewayContext | undefined)?.principal, permission);
      return await fn(...args);
    } catch (error) {
      mapError(error, logger);
    }
  }) as unknown as F;
}

function rootPermission(typeName: string, field: string): Permission | undefined {
  if (!(typeName in ROOT_FIELD_PERMISSIONS)) return undefined;
  const permission = ROOT_FIELD_PERMISSIONS[typeName as keyof typeof ROOT_FIELD_PERMISSIONS][field];
  // Fail at start-up, not at request time: an unlisted root field would otherwise be open.
  if (!permission) throw new Error(`${typeName}.${field} has no entry in ROOT_FIELD_PERMISSIONS`);
  return permission;
}

/**
 * Wraps every resolver (and subscription `subscribe`) so HTTP and WebSocket clients get
 * the same stable error codes and the same role checks, whichever transport executed
 * the operation. Root fields check the caller's permission before running.
 */
export function guardResolvers(resolvers: Resolvers, logger: Logger): Resolvers {
  const out: Resolvers = {};
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const guarded: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(fields)) {
      const permission = rootPermission(typeName, field);
      if (typeof value === 'function') guarded[field] = guard(value as AnyFn, logger, permission);
      else if (value && typeof value === 'object' && 'subscribe' in value) {
        const sub = value as { subscribe: AnyFn; resolve?: AnyFn };
        guarded[field] = { ...sub, subscribe: guard(sub.subscribe, logger, permission) };
      } else guarded[field] = value;
    }
    out[typeName] = guarded;
  }
  return out;
}
