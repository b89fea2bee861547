import { describe, expect, it } from 'vitest';
import { ApiError, GraphqlClient, describeApiError, describeMutationError, errorFromClose, errorFromResponse, type FetchLike } from './graphql-client.js';

const reply =
  (status: number, body: unknown): FetchLike =>
  async () => ({ status, json: async () => body });

const gatewayError = (code: string, message = code, extra: Record<string, unknown> = {}) => ({ errors: [{ message, extensions: { code, ...extra } }] });

describe('errorFromResponse', () => {
  it('maps the gateway codes to what the page does about them', () => {
    expect(errorFromResponse(401, gatewayError('UNAUTHENTICATED'))?.kind).toBe('unauthenticated');
    expect(errorFromResponse(403, gatewayError('FORBIDDEN'))?.kind).toBe('forbidden');
    expect(errorFromResponse(200, gatewayError('INVALID_QUERY', 'unexpected ")" at 4'))?.kind).toBe('invalid');
    expect(errorFromResponse(503, gatewayError('STORE_UNAVAILABLE'))?.kind).toBe('unavailable');
    expect(errorFromResponse(200, gatewayError('INTERNAL'))?.kind).toBe('internal');
  });

  it('keeps the retry delay of a rate limit', () => {
    const error = errorFromResponse(429, gatewayError('RATE_LIMITED', 'slow down', { retryAfterSeconds: 7 }))!;
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterSeconds).toBe(7);
    expect(describeApiError(error)).toContain('7 s');
  });

  it('keeps the field and position the server named', () => {
    const error = errorFromResponse(200, gatewayError('INVALID_QUERY', 'input.conditions.query: bad', { field: 'input.conditions.query', position: 4 }))!;
    expect(error.details).toEqual({ field: 'input.conditions.query', position: 4 });
    expect(errorFromResponse(200, gatewayError('INTERNAL'))!.details).toEqual({});
  });

  it('falls back on the HTTP status for bodies that are not ours (a proxy page)', () => {
    expect(errorFromResponse(401, null)?.kind).toBe('unauthenticated');
    expect(errorFromResponse(502, '<html>')?.kind).toBe('unavailable');
    expect(errorFromResponse(500, {})?.kind).toBe('internal');
  });

  it('sees no error in a plain success', () => {
    expect(errorFromResponse(200, { data: { me: { id: 'k' } } })).toBeUndefined();
  });
});

describe('errorFromClose', () => {
  it('reads a refused connection_init (4403) as a wrong key', () => {
    expect(errorFromClose(4403, 'Forbidden').kind).toBe('unauthenticated');
  });

  it('reads abnormal closes as the network, worth retrying', () => {
    expect(errorFromClose(1006, '').kind).toBe('network');
    expect(errorFromClose(4500, 'boom').kind).toBe('unavailable');
  });
});

describe('describeApiError', () => {
  it('tells a person with a wrong key what to do', () => {
    expect(describeApiError(new ApiError('unauthenticated', 'unknown or revoked API key'))).toMatch(/not accepted.*valid key/);
  });

  it('shows the server message for invalid input, e.g. a search syntax error', () => {
    expect(describeApiError(new ApiError('invalid', 'expected a term at 3'))).toBe('expected a term at 3');
  });
});

describe('describeMutationError', () => {
  it('reads a refused change (viewer key) as a read-only key, not as an ingest key', () => {
    const forbidden = errorFromResponse(200, gatewayError('FORBIDDEN', 'an API key with role "viewer" may not do this (needs handleMentions)'))!;
    expect(describeMutationError(forbidden)).toMatch(/your key is read-only/i);
    expect(describeApiError(forbidden)).toMatch(/ingest/);
  });

  it('keeps the server message for invalid input', () => {
    expect(describeMutationError(new ApiError('invalid', 'note is longer than 4000 characters'))).toBe('note is longer than 4000 characters');
  });
});

describe('GraphqlClient', () => {
  it('sends the key as a bearer token and returns data', async () => {
    let seen: RequestInit | undefined;
    const client = new GraphqlClient('pulse_abc', '/graphql', async (_url, init) => {
      seen = init;
      return { status: 200, json: async () => ({ data: { me: { id: 'key_1' } } }) };
    });
    await expect(client.request('{ me { id } }')).resolves.toEqual({ me: { id: 'key_1' } });
    expect((seen!.headers as Record<string, string>)['authorization']).toBe('Bearer pulse_abc');
  });

  it('throws a mapped ApiError for a refused key', async () => {
    const client = new GraphqlClient('wrong', '/graphql', reply(401, gatewayError('UNAUTHENTICATED', 'unknown or revoked API key')));
    await expect(client.request('{ me { id } }')).rejects.toMatchObject({ kind: 'unauthenticated', code: 'UNAUTHENTICATED' });
  });

  it('reports an unreachable server as a network error', async () => {
    const client = new GraphqlClient('k', '/graphql', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(client.request('{ me { id } }')).rejects.toMatchObject({ kind: 'network' });
  });

  it('treats a non-JSON answer by its status', async () => {
    const client = new GraphqlClient('k', '/graphql', async () => ({
      status: 502,
      json: async () => {
        throw new SyntaxError('Unexpected token <');
      },
    }));
    await expect(client.request('{ me { id } }')).rejects.toMatchObject({ kind: 'unavailable' });
  });
});
