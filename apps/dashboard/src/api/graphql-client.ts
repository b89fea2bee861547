/**
 * HTTP GraphQL client plus the one mapping from whatever went wrong (HTTP status, GraphQL
 * `extensions.code`, WebSocket close code, network failure) to what the page should do about it.
 */

export type ApiErrorKind =
  /** No or unknown key: show the key form. */
  | 'unauthenticated'
  /** The key works but its role cannot read (an `ingest` key). */
  | 'forbidden'
  | 'rate-limited'
  /** Our request was refused as invalid, e.g. a search query with a syntax error. */
  | 'invalid'
  /** The server is up but cannot answer right now (store down, 5xx). */
  | 'unavailable'
  /** The server could not be reached at all. */
  | 'network'
  | 'internal';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly code?: string,
    readonly retryAfterSeconds?: number,
    /** The argument the server named (`extensions.field`, e.g. `input.conditions.query`) and where in it, when it did. */
    readonly details: { field?: string; position?: number } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface WireError {
  message?: unknown;
  extensions?: { code?: unknown; retryAfterSeconds?: unknown; field?: unknown; position?: unknown };
}

function kindOfCode(code: string | undefined, status: number): ApiErrorKind {
  switch (code) {
    case 'UNAUTHENTICATED':
      return 'unauthenticated';
    case 'FORBIDDEN':
      return 'forbidden';
    case 'RATE_LIMITED':
      return 'rate-limited';
    case 'INVALID_ARGUMENT':
    case 'INVALID_QUERY':
    case 'INVALID_CURSOR':
    case 'QUERY_TOO_COMPLEX':
    case 'NOT_FOUND':
      return 'invalid';
    case 'STORE_UNAVAILABLE':
      return 'unavailable';
    case 'INTERNAL':
      return 'internal';
    default:
      // Codes we do not know (a proxy's page, an older gateway): fall back on the status.
      if (status === 401) return 'unauthenticated';
      if (status === 403) return 'forbidden';
      if (status === 429) return 'rate-limited';
      if (status === 400) return 'invalid';
      if (status === 502 || status === 503 || status === 504) return 'unavailable';
      return 'internal';
  }
}

/** The first error of a response, as an ApiError; undefined when the response carries none. */
export function errorFromResponse(status: number, body: unknown): ApiError | undefined {
  const errors = (body as { errors?: unknown } | null)?.errors;
  const first = Array.isArray(errors) ? (errors[0] as WireError | undefined) : undefined;
  if (!first && status >= 200 && status < 300) return undefined;
  const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : undefined;
  const message = typeof first?.message === 'string' ? first.message : `HTTP ${status}`;
  const retry = first?.extensions?.retryAfterSeconds;
  const field = first?.extensions?.field;
  const position = first?.extensions?.position;
  const details = {
    ...(typeof field === 'string' ? { field } : {}),
    ...(typeof position === 'number' ? { position } : {}),
  };
  return new ApiError(kindOfCode(code, status), message, code, typeof retry === 'number' ? retry : undefined, details);
}

/**
 * graphql-ws close codes. The gateway refuses a bad key at connection_init by closing with
 * 4403; 4401 is what graphql-ws itself uses for "not acknowledged".
 */
export function errorFromClose(code: number, reason: string): ApiError {
  if (code === 4403 || code === 4401) return new ApiError('unauthenticated', 'The live feed refused this API key.', 'UNAUTHENTICATED');
  if (code === 4429) return new ApiError('rate-limited', reason || 'Too many requests for this API key.', 'RATE_LIMITED');
  if (code === 4400) return new ApiError('invalid', reason || 'The live feed refused the request.', 'INVALID_ARGUMENT');
  if (code >= 4500 || code === 1011) return new ApiError('unavailable', reason || 'The live feed failed on the server.');
  return new ApiError('network', reason || 'The live feed connection was lost.');
}

/** What to tell a person, in words they can act on. */
export function describeApiError(error: ApiError): string {
  switch (error.kind) {
    case 'unauthenticated':
      return 'This API key was not accepted. It may be mistyped or revoked — enter a valid key.';
    case 'forbidden':
      return 'This API key cannot read mentions (it is an ingest-only key). Use a viewer, analyst or admin key.';
    case 'rate-limited':
      return `Too many requests for this API key${error.retryAfterSeconds ? `; retrying in ${error.retryAfterSeconds} s` : ''}.`;
    case 'invalid':
      return error.message;
    case 'unavailable':
      return 'Pulse cannot answer right now (the store is unavailable). Retrying shortly.';
    case 'network':
      return 'Cannot reach the Pulse server. Check that it is running.';
    case 'internal':
      return 'Pulse hit an internal error. Try again; if it persists, check the server logs.';
    default: {
      const unreachable: never = error.kind;
      return unreachable;
    }
  }
}

/**
 * For changes (workflow mutations): the same words, except that a refused role here means a
 * key that may read but not write, which is the normal case for a viewer.
 */
export function describeMutationError(error: ApiError): string {
  if (error.kind === 'forbidden') return 'Your key is read-only (viewer): changing mentions needs an analyst or admin key.';
  if (error.kind === 'unauthenticated') return 'This API key is no longer accepted (revoked?). Use Change key to enter a valid one.';
  if (error.kind === 'unavailable') return 'Pulse cannot save this right now (the store is unavailable). Try again shortly.';
  return describeApiError(error);
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Pick<Response, 'status' | 'json'>>;

export class GraphqlClient {
  constructor(
    private readonly key: string,
    private readonly endpoint = '/graphql',
    private readonly fetchImpl: FetchLike = (input, init) => fetch(input, init),
  ) {}

  async request<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
    let res: Pick<Response, 'status' | 'json'>;
    try {
      res = await this.fetchImpl(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.key}` },
        body: JSON.stringify({ query, variables }),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError('network', error instanceof Error ? error.message : String(error));
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
    const error = errorFromResponse(res.status, body);
    if (error) throw error;
    const data = (body as { data?: T } | null)?.data;
    if (data === undefined || data === null) throw new ApiError('internal', 'The server answered without data.');
    return data;
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
