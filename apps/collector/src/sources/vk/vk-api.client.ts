import { z } from 'zod';
import { RetryableSourceError } from '../core/http.client.js';
import type { SourceContext } from '../core/source.port.js';

export const VK_API_VERSION = '5.199';

export interface VkApiConfig {
  /** Base URL up to and including `/method` (overridable for proxies and tests). */
  apiUrl: string;
  accessToken: string;
}

/** A VK API error that retrying will not fix (bad parameter, private wall, quota exhausted). */
export class VkApiError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    readonly vkMessage: string,
  ) {
    super(`VK ${method} failed with error ${code}: ${vkMessage}`);
    this.name = 'VkApiError';
  }
}

/** Error 5: the token is invalid, expired or revoked; an operator must replace it. */
export class VkAuthError extends VkApiError {
  constructor(method: string, vkMessage: string) {
    super(method, 5, `${vkMessage} (check VK_ACCESS_TOKEN: user tokens expire and can be revoked)`);
    this.name = 'VkAuthError';
  }
}

// 6: too many requests per second; 10: internal server error. Both pass with a backoff.
const RETRYABLE_CODES = new Set([6, 10]);

const envelopeSchema = z.object({
  response: z.unknown().optional(),
  error: z.object({ error_code: z.number(), error_msg: z.string().default('') }).optional(),
});

/**
 * Calls one VK method. Parameters go in a POST form body rather than the query string so
 * the access token never appears in URLs, which HttpClient puts into error messages and logs.
 * VK reports errors inside HTTP 200 answers, hence the envelope check in `parse`.
 */
export async function callVk<T>(
  ctx: SourceContext,
  config: VkApiConfig,
  method: string,
  params: Record<string, string | number | undefined>,
  responseSchema: z.ZodType<T>,
): Promise<T> {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) body.set(key, String(value));
  body.set('access_token', config.accessToken);
  body.set('v', VK_API_VERSION);
  return ctx.http.request({
    url: `${config.apiUrl.replace(/\/+$/, '')}/${method}`,
    init: { method: 'POST', body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    signal: ctx.signal,
    parse: async (res) => {
      const envelope = envelopeSchema.safeParse(await res.json());
      if (!envelope.success) throw new VkApiError(method, -1, `unexpected answer shape: ${envelope.error.message}`);
      const { error, response } = envelope.data;
      if (error) {
        if (RETRYABLE_CODES.has(error.error_code)) throw new RetryableSourceError(`VK ${method}: error ${error.error_code} ${error.error_msg}`);
        if (error.error_code === 5) throw new VkAuthError(method, error.error_msg);
        throw new VkApiError(method, error.error_code, error.error_msg);
      }
      const parsed = responseSchema.safeParse(response);
      if (!parsed.success) throw new VkApiError(method, -1, `unexpected response shape: ${parsed.error.message}`);
      return parsed.data;
    },
  });
}
