import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { z } from 'zod';

/**
 * TLS to PostgreSQL, in libpq's terms. `require` encrypts without checking who answers;
 * `verify-ca` checks the server certificate against DATABASE_SSL_CA_FILE; `verify-full`
 * also checks that it names the host connected to (what production should use).
 */
export const postgresSslEnvSchema = z.object({
  DATABASE_SSLMODE: z.enum(['disable', 'require', 'verify-ca', 'verify-full']).default('disable'),
  /** PEM bundle of the CA(s) that sign the server certificate; the system store when unset. */
  DATABASE_SSL_CA_FILE: z.string().min(1).optional(),
  /** A client certificate and key, for servers that authenticate clients by certificate. */
  DATABASE_SSL_CERT_FILE: z.string().min(1).optional(),
  DATABASE_SSL_KEY_FILE: z.string().min(1).optional(),
});
export type PostgresSslEnv = z.infer<typeof postgresSslEnvSchema>;

/** verify-ca with no CA to verify against, or half a client certificate, are set-up mistakes. */
export function refinePostgresSslEnv(env: PostgresSslEnv, ctx: z.RefinementCtx): void {
  if (env.DATABASE_SSLMODE === 'verify-ca' && env.DATABASE_SSL_CA_FILE === undefined) {
    ctx.addIssue({ code: 'custom', path: ['DATABASE_SSL_CA_FILE'], message: 'DATABASE_SSLMODE=verify-ca needs the CA certificate (PEM) to verify against' });
  }
  if ((env.DATABASE_SSL_CERT_FILE === undefined) !== (env.DATABASE_SSL_KEY_FILE === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['DATABASE_SSL_CERT_FILE'], message: 'set DATABASE_SSL_CERT_FILE and DATABASE_SSL_KEY_FILE together, or neither' });
  }
}

/**
 * The `ssl` option for `pg` (Client, Pool): false for plain connections, else TLS options.
 * Pass it alongside a DATABASE_URL without an `sslmode` parameter: pg lets the URL's own
 * sslmode override this option.
 */
export function postgresSslOptions(env: PostgresSslEnv): false | ConnectionOptions {
  if (env.DATABASE_SSLMODE === 'disable') return false;
  const read = (file: string | undefined): Buffer | undefined => {
    if (file === undefined) return undefined;
    try {
      return readFileSync(file);
    } catch (error) {
      throw new Error(`cannot read ${file} for TLS to PostgreSQL: ${(error as Error).message}`, { cause: error });
    }
  };
  const ca = read(env.DATABASE_SSL_CA_FILE);
  const cert = read(env.DATABASE_SSL_CERT_FILE);
  const key = read(env.DATABASE_SSL_KEY_FILE);
  const options: ConnectionOptions = {
    minVersion: 'TLSv1.2',
    ...(ca ? { ca } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
  };
  switch (env.DATABASE_SSLMODE) {
    case 'require':
      return { ...options, rejectUnauthorized: false };
    case 'verify-ca':
      // Signed by our CA is enough; the name in the certificate is not checked.
      return { ...options, rejectUnauthorized: true, checkServerIdentity: () => undefined };
    case 'verify-full':
      return { ...options, rejectUnauthorized: true };
    default: {
      const unreachable: never = env.DATABASE_SSLMODE;
      return unreachable;
    }
  }
}
