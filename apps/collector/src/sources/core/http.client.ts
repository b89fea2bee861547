/**
 * HTTP for connectors: per-source request rate limit, timeout, and retries with
 * exponential backoff on 429 / 5xx / network errors (honouring Retry-After). A connector
 * that needs API-specific throttling signals (VK error 6 arrives with HTTP 200) throws
 * `RetryableSourceError` from `parse` to get the same backoff.
 */
export class RetryableSourceError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'RetryableSourceError';
  }
}

export class SourceHttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(message);
    this.name = 'SourceHttpError';
  }
}

export interface HttpClientOptions {
  /** Requests per second allowed (token bucket, burst of 1). */
  ratePerSecond: number;
  timeoutMs?: number;
  retries?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  userAgent?: string;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  fetch?: typeof fetch;
}

export interface HttpRequest<T> {
  url: string | URL;
  init?: RequestInit;
  signal?: AbortSignal;
  /** Turns a 2xx response into a value; may throw RetryableSourceError. */
  parse: (res: Response) => Promise<T>;
}

export const abortableSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

export class HttpClient {
  private nextSlot = 0;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly fetchImpl: typeof fetch;
  /** Requests made, retried and failed: the runner turns these into metrics. */
  readonly stats = { requests: 0, retries: 0, failures: 0 };

  constructor(private readonly options: HttpClientOptions) {
    this.sleep = options.sleep ?? abortableSleep;
    this.fetchImpl = options.fetch ?? fetch;
  }

  async request<T>(req: HttpRequest<T>): Promise<T> {
    const retries = this.options.retries ?? 5;
    let backoff = this.options.initialBackoffMs ?? 500;
    const maxBackoff = this.options.maxBackoffMs ?? 60_000;
    for (let attempt = 0; ; attempt++) {
      await this.throttle(req.signal);
      this.stats.requests++;
      let retryAfterMs: number | undefined;
      let lastError: Error;
      try {
        const signal = AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs ?? 30_000), ...(req.signal ? [req.signal] : [])]);
        const res = await this.fetchImpl(req.url, {
          ...req.init,
          signal,
          headers: { 'user-agent': this.options.userAgent ?? 'Pulse social listening (+https://github.com/pulse)', ...req.init?.headers },
        });
        if (res.ok) return await req.parse(res);
        const body = await res.text().catch(() => '');
        if (res.status !== 429 && res.status < 500) throw new SourceHttpError(`HTTP ${res.status} from ${String(req.url)}: ${body.slice(0, 300)}`, res.status, body);
        retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
        lastError = new SourceHttpError(`HTTP ${res.status} from ${String(req.url)}`, res.status, body);
      } catch (error) {
        if (req.signal?.aborted) throw error;
        if (error instanceof SourceHttpError) {
          this.stats.failures++;
          throw error;
        }
        if (error instanceof RetryableSourceError) retryAfterMs = error.retryAfterMs;
        else if (!(error instanceof TypeError) && (error as Error).name !== 'TimeoutError') {
          // A parse bug or malformed payload is not fixed by retrying.
          this.stats.failures++;
          throw error;
        }
        lastError = error as Error;
      }
      if (attempt >= retries) {
        this.stats.failures++;
        throw lastError;
      }
      this.stats.retries++;
      await this.sleep(Math.min(retryAfterMs ?? backoff, maxBackoff), req.signal);
      backoff = Math.min(backoff * 2, maxBackoff);
    }
  }

  private async throttle(signal?: AbortSignal): Promise<void> {
    const interval = 1000 / this.options.ratePerSecond;
    const now = Date.now();
    const wait = this.nextSlot - now;
    this.nextSlot = Math.max(now, this.nextSlot) + interval;
    if (wait > 0) await this.sleep(wait, signal);
  }
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
