import { DeliveryError, type DeliveryErrorOptions } from './notifier.port.js';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface PostJsonOptions {
  /** Names the channel in error messages instead of the URL, which may embed a secret. */
  channel: string;
  url: string;
  body: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  fetch?: FetchLike;
}

const BODY_SNIPPET = 200;

/** 408, 425 and 429 are "not now"; other 4xx mean the request itself is wrong and will stay wrong. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

export function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** A non-2xx reply; the body is kept for channels that explain themselves in it (Telegram's retry_after). */
export class HttpStatusError extends DeliveryError {
  constructor(
    message: string,
    readonly body: string,
    options: DeliveryErrorOptions,
  ) {
    super(message, options);
    this.name = 'HttpStatusError';
  }
}

/** POSTs JSON and returns the response text; any non-2xx or transport failure becomes a DeliveryError. */
export async function postJson(options: PostJsonOptions): Promise<{ status: number; text: string }> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'pulse-alerting', ...options.headers },
      body: options.body,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `timed out after ${options.timeoutMs} ms` : 'request failed';
    // The cause is kept for debugging, but undici's messages may quote the URL, so it is not in the message.
    throw new DeliveryError(`${options.channel}: ${reason}`, { cause: error });
  }
  const text = await response.text().catch(() => '');
  if (response.ok) return { status: response.status, text };
  throw new HttpStatusError(`${options.channel}: HTTP ${response.status} ${text.slice(0, BODY_SNIPPET)}`.trimEnd(), text, {
    status: response.status,
    permanent: !isRetryableStatus(response.status),
    retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
  });
}
