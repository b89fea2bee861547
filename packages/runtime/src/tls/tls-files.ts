import { readFileSync, statSync, unwatchFile, watchFile } from 'node:fs';
import type { Server as TlsServer, SecureContextOptions } from 'node:tls';
import { createSecureContext } from 'node:tls';
import type { Logger } from '../logging/logger.js';
import type { TlsEnv } from './tls.env.js';

/**
 * TLS 1.2 suites limited to forward-secret AEAD ones (TLS 1.3 suites are all modern and
 * keep Node's defaults): no CBC, no RSA key exchange, no SHA-1 MACs.
 */
export const TLS12_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');

export interface TlsFiles {
  certFile: string;
  keyFile: string;
  minVersion: 'TLSv1.2' | 'TLSv1.3';
}

/** The TLS files from the environment, or null when TLS is off. */
export function tlsFilesFromEnv(env: Pick<TlsEnv, 'TLS_CERT_FILE' | 'TLS_KEY_FILE' | 'TLS_MIN_VERSION'>): TlsFiles | null {
  if (env.TLS_CERT_FILE === undefined || env.TLS_KEY_FILE === undefined) return null;
  return { certFile: env.TLS_CERT_FILE, keyFile: env.TLS_KEY_FILE, minVersion: env.TLS_MIN_VERSION };
}

/**
 * Reads and checks the pair: a missing file, a key that does not match the certificate or
 * a non-PEM file fails here, with the file names, rather than at the first handshake.
 */
export function loadTlsOptions(files: TlsFiles): SecureContextOptions {
  let options: SecureContextOptions;
  try {
    options = {
      cert: readFileSync(files.certFile),
      key: readFileSync(files.keyFile),
      minVersion: files.minVersion,
      ciphers: TLS12_CIPHERS,
      honorCipherOrder: true,
    };
    createSecureContext(options);
  } catch (error) {
    throw new Error(`TLS certificate ${files.certFile} / key ${files.keyFile} cannot be used: ${(error as Error).message}`, { cause: error });
  }
  return options;
}

/**
 * Watches the certificate and key and swaps them into the running server
 * (`setSecureContext`) when either changes: new connections get the new certificate,
 * open ones keep theirs. A pair that does not load (a renewal caught half-written) is
 * logged and the running one kept; the next change tries again. Returns a stop function.
 */
export function watchTlsFiles(server: Pick<TlsServer, 'setSecureContext'>, files: TlsFiles, intervalMs: number, logger: Logger): () => void {
  let last = fingerprint(files);
  const check = (): void => {
    const now = fingerprint(files);
    if (now === last) return;
    last = now;
    try {
      server.setSecureContext(loadTlsOptions(files));
      logger.info({ cert: files.certFile }, 'TLS certificate reloaded');
    } catch (error) {
      logger.error({ err: error }, 'TLS certificate changed but cannot be loaded; still serving the previous one');
    }
  };
  // Polling, not fs.watch: it survives the symlink swaps of mounted secrets and atomic renames.
  watchFile(files.certFile, { interval: intervalMs, persistent: false }, check);
  watchFile(files.keyFile, { interval: intervalMs, persistent: false }, check);
  return () => {
    unwatchFile(files.certFile, check);
    unwatchFile(files.keyFile, check);
  };
}

function fingerprint(files: TlsFiles): string {
  const stamp = (file: string): string => {
    try {
      const stat = statSync(file);
      return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    } catch {
      return 'missing';
    }
  };
  return `${stamp(files.certFile)}|${stamp(files.keyFile)}`;
}
