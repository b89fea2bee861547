import { z } from 'zod';
import { envPositiveInt } from '../config/parse-env.js';

/**
 * HTTPS for an app's HTTP (and WebSocket) port. TLS is on when both files are set; the
 * files are PEM, re-read when they change so a renewed certificate needs no restart.
 */
export const tlsEnvSchema = z.object({
  /** Address to listen on; unset keeps Node's default (every interface). */
  HOST: z.string().min(1).optional(),
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  /** Lowest protocol accepted: TLS 1.2 (default) or 1.3. Older ones are never offered. */
  TLS_MIN_VERSION: z.enum(['TLSv1.2', 'TLSv1.3']).default('TLSv1.2'),
  /** How often the certificate and key files are checked for changes. */
  TLS_RELOAD_INTERVAL_MS: envPositiveInt.max(3_600_000).default(10_000),
  /** Strict-Transport-Security max-age sent on every response while TLS is on. */
  HSTS_MAX_AGE_SECONDS: z.coerce.number({ message: 'expected seconds' }).int().min(0).max(63_072_000).default(31_536_000),
});
export type TlsEnv = z.infer<typeof tlsEnvSchema>;

/** Both certificate and key, or neither: half a TLS setup is a mistake to report at start-up. */
export function refineTlsEnv(env: { TLS_CERT_FILE?: string | undefined; TLS_KEY_FILE?: string | undefined }, ctx: z.RefinementCtx): void {
  if ((env.TLS_CERT_FILE === undefined) !== (env.TLS_KEY_FILE === undefined)) {
    const missing = env.TLS_CERT_FILE === undefined ? 'TLS_CERT_FILE' : 'TLS_KEY_FILE';
    ctx.addIssue({ code: 'custom', path: [missing], message: 'set TLS_CERT_FILE and TLS_KEY_FILE together (PEM files) to serve HTTPS, or neither for plain HTTP' });
  }
}
