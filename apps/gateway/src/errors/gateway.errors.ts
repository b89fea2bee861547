import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isTransientError } from '@pulse/bus';
import type { z } from 'zod';

/** The closed list of gateway failures a client can see. */
export const GATEWAY_ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'INVALID_ARGUMENT',
  'INVALID_QUERY',
  'INVALID_CURSOR',
  'QUERY_TOO_COMPLEX',
  'NOT_FOUND',
  'TOPIC_EXISTS',
  'STORE_UNAVAILABLE',
  'INTERNAL',
  // HTTP-level refusals of a request body, before GraphQL runs (graphql/graphql-body.middleware.ts).
  'MALFORMED_JSON',
  'BODY_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'METHOD_NOT_ALLOWED',
] as const;
export type GatewayErrorCode = (typeof GATEWAY_ERROR_CODES)[number];

export interface GatewayErrorDetails {
  /** The argument path at fault, e.g. `filter.from` or `input.query`. */
  field?: string;
  /** For INVALID_QUERY: 0-based character offset in the query string. */
  position?: number;
  /** For INVALID_QUERY: what the parser expected there. */
  expected?: string[];
  /** For RATE_LIMITED: seconds until a request would be accepted. */
  retryAfterSeconds?: number;
}

export class GatewayError extends Error {
  constructor(
    readonly code: GatewayErrorCode,
    message: string,
    readonly details: GatewayErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GatewayError';
  }
}

/**
 * The one place a gateway error code decides what the client sees: HTTP status and
 * whether the message is safe to show. The switch is exhaustive on purpose.
 */
export function describeError(error: GatewayError): { status: number; message: string } {
  switch (error.code) {
    case 'UNAUTHENTICATED':
      return { status: 401, message: error.message };
    case 'FORBIDDEN':
      return { status: 403, message: error.message };
    case 'RATE_LIMITED':
      return { status: 429, message: error.message };
    case 'INVALID_ARGUMENT':
    case 'INVALID_QUERY':
    case 'INVALID_CURSOR':
    case 'QUERY_TOO_COMPLEX':
    case 'MALFORMED_JSON':
      return { status: 400, message: error.message };
    case 'BODY_TOO_LARGE':
      return { status: 413, message: error.message };
    case 'UNSUPPORTED_MEDIA_TYPE':
      return { status: 415, message: error.message };
    case 'METHOD_NOT_ALLOWED':
      return { status: 405, message: error.message };
    case 'NOT_FOUND':
      return { status: 404, message: error.message };
    case 'TOPIC_EXISTS':
      return { status: 409, message: error.message };
    case 'STORE_UNAVAILABLE':
      return { status: 503, message: 'the mention store is unavailable; retry shortly' };
    case 'INTERNAL':
      return { status: 500, message: 'internal error' };
    default: {
      const unreachable: never = error.code;
      return unreachable;
    }
  }
}

function publicDetails(error: GatewayError): Record<string, unknown> {
  const { field, position, expected, retryAfterSeconds } = error.details;
  return {
    code: error.code,
    ...(field !== undefined ? { field } : {}),
    ...(position !== undefined ? { position } : {}),
    ...(expected !== undefined ? { expected } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  };
}

/**
 * GraphQL errors carry the code in `extensions.code`. Resolver errors in a 200 response
 * keep the status out of the body (the rest of the result may be fine); request-level
 * ones (auth, validation) use it through Apollo's `extensions.http`.
 */
export function toGraphQLError(error: GatewayError): GraphQLError {
  const { status, message } = describeError(error);
  const requestLevel = status === 400 || status === 401 || status === 403 || status === 429;
  return new GraphQLError(message, {
    extensions: { ...publicDetails(error), ...(requestLevel ? { http: { status } } : {}) },
    originalError: error,
  });
}

/** Body for plain HTTP endpoints (/graphql before GraphQL runs, /export): GraphQL-shaped so clients parse one format. */
export function toHttpError(error: GatewayError): { status: number; body: { errors: { message: string; extensions: Record<string, unknown> }[] } } {
  const { status, message } = describeError(error);
  return { status, body: { errors: [{ message, extensions: publicDetails(error) }] } };
}

/** Codes Apollo gives requests it refused before any resolver ran. */
const REQUEST_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE']);

function gatewayCause(error: unknown): GatewayError | undefined {
  let current: unknown = error;
  for (let i = 0; i < 4 && current; i++) {
    if (current instanceof GatewayError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}

/**
 * Last step before an error leaves (Apollo's formatError, graphql-ws onError): clients
 * see only the codes listed above. A GatewayError wrapped by a validation rule gets its
 * own code back; GraphQL's parse/validation/coercion failures become INVALID_ARGUMENT.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const cause = gatewayCause(error);
  const code = formatted.extensions?.['code'];
  if (cause) return { ...formatted, extensions: { ...formatted.extensions, ...toGraphQLError(cause).extensions, http: undefined } };
  // Apollo's refusal of a method (PUT, a mutation over GET) keeps its 405 status; say so with our code.
  if (code === 'BAD_REQUEST' && (error as { extensions?: { http?: { status?: unknown } } } | null)?.extensions?.http?.status === 405) {
    return { ...formatted, extensions: { ...formatted.extensions, code: 'METHOD_NOT_ALLOWED' } };
  }
  if (code === undefined || (typeof code === 'string' && REQUEST_ERROR_CODES.has(code))) {
    return { ...formatted, extensions: { ...formatted.extensions, code: 'INVALID_ARGUMENT' } };
  }
  if (typeof code === 'string' && !(GATEWAY_ERROR_CODES as readonly string[]).includes(code)) {
    return { message: 'internal error', ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: 'INTERNAL' } };
  }
  return formatted;
}

/**
 * What a failed store call means to the client, keeping the cause: the store's refusal of a value
 * (SQLSTATE class 22, data exception) is the caller's INVALID_ARGUMENT; a statement cancelled by
 * the statement timeout (57014) or a program limit (class 54) is QUERY_TOO_COMPLEX; only a
 * connection-level failure is STORE_UNAVAILABLE ("retry shortly"); anything else is INTERNAL.
 */
export function storeError(error: unknown, what = 'store query'): GatewayError {
  if (error instanceof GatewayError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && code.startsWith('22')) return new GatewayError('INVALID_ARGUMENT', `a value was refused by the store: ${message}`, {}, { cause: error });
  if (code === '57014' || (typeof code === 'string' && code.startsWith('54'))) {
    return new GatewayError('QUERY_TOO_COMPLEX', `${what} took longer than the store allows; narrow the filter or the window`, {}, { cause: error });
  }
  if (isTransientError(error)) return new GatewayError('STORE_UNAVAILABLE', `${what} failed: ${message}`, {}, { cause: error });
  return new GatewayError('INTERNAL', 'internal error', {}, { cause: error });
}

/** Runs a store call, mapping failures with `storeError`. */
export async function storeCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw storeError(error);
  }
}

/** GraphQL sends null for omitted optional fields; the argument schemas treat null and absent alike. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, withoutNulls(v)]));
  }
  return value;
}

/** Validates arguments with a zod schema; the first problem becomes INVALID_ARGUMENT naming the field (`<prefix>.<path>`). */
export function parseArgs<S extends z.ZodType>(schema: S, input: unknown, prefix: string): z.output<S> {
  const result = schema.safeParse(withoutNulls(input ?? {}));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = [prefix, ...issue.path.map(String)].join('.');
    throw new GatewayError('INVALID_ARGUMENT', `${field}: ${issue.message}`, { field });
  }
  return result.data;
}
