import { ReplyFailure } from '../reply.model.js';

export interface ChannelHttpOptions {
  timeoutMs: number;
  fetch?: typeof fetch;
  /** For retry-after arithmetic on reset timestamps; tests pin it. */
  now?: () => number;
}

export interface ChannelResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  json: unknown;
}

// Failures that happen before a request leaves: nothing can have been posted.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_TLS_CERT_ALTNAME_INVALID']);

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let i = 0; i < 4 && current; i++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * One call to a source's API with a deadline. `posting` marks the call that creates the reply:
 * if it times out, or the connection drops after the request went out, the source may have the
 * reply, so the failure is OUTCOME_UNKNOWN (a retry reconciles); lookups and token exchanges
 * fail with CHANNEL_UNAVAILABLE, as does anything that never left (refused, unresolvable host).
 * Non-2xx answers are returned, not thrown: each channel reads its own error format.
 */
export async function channelFetch(what: string, url: string, init: RequestInit, options: ChannelHttpOptions & { posting: boolean }): Promise<ChannelResponse> {
  const fetchImpl = options.fetch ?? fetch;
  const signal = AbortSignal.timeout(options.timeoutMs);
  let res: Response;
  let text: string;
  try {
    res = await fetchImpl(url, { ...init, signal, redirect: 'manual' });
    text = await res.text();
  } catch (error) {
    const code = errorCode(error);
    const timedOut = signal.aborted || (error as Error).name === 'TimeoutError';
    if (options.posting && !(code && NOT_SENT.has(code))) {
      const why = timedOut ? `no answer within ${options.timeoutMs} ms` : `the connection failed (${code ?? (error as Error).message})`;
      throw new ReplyFailure('OUTCOME_UNKNOWN', `${what}: ${why} after the reply was sent; it may have been posted. Sending again with the same key checks first.`, null, { cause: error });
    }
    const why = timedOut ? `no answer within ${options.timeoutMs} ms` : `cannot reach ${new URL(url).host} (${code ?? (error as Error).message})`;
    throw new ReplyFailure('CHANNEL_UNAVAILABLE', `${what}: ${why}; nothing was posted.`, null, { cause: error });
  }
  let json: unknown;
  try {
    json = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A 5xx answer to the posting call: the source may or may not have stored the reply. */
export function serverError(what: string, res: ChannelResponse, posting: boolean): ReplyFailure {
  return posting
    ? new ReplyFailure('OUTCOME_UNKNOWN', `${what}: the source answered HTTP ${res.status}; the reply may have been posted. Sending again with the same key checks first.`, null, { cause: res.text })
    : new ReplyFailure('CHANNEL_UNAVAILABLE', `${what}: the source answered HTTP ${res.status}; nothing was posted.`, null, { cause: res.text });
}

/** Seconds from now until `resetAtMs`, at least 1. */
export function secondsUntil(resetAtMs: number, now: number): number {
  return Math.max(1, Math.ceil((resetAtMs - now) / 1000));
}

/** `Retry-After` as seconds or an HTTP date. */
export function retryAfterHeader(headers: Headers, now: number): number | null {
  const value = headers.get('retry-after');
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Math.max(1, Number(value));
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : secondsUntil(at, now);
}

/** A reset time given as Unix seconds (X's `x-rate-limit-reset`, Bluesky's `ratelimit-reset`). */
export function epochReset(value: string | null, now: number): number | null {
  if (!value || !/^\d+$/.test(value.trim())) return null;
  return secondsUntil(Number(value) * 1000, now);
}

export const asRecord = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
export const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
