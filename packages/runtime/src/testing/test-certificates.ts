import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  dir: string;
  /** PEM files: a throwaway CA and a server certificate it signed, for localhost and 127.0.0.1. */
  caFile: string;
  certFile: string;
  keyFile: string;
  ca: Buffer;
  /** The server certificate's SHA-256 fingerprint, as `tls` reports it (AB:CD:…). */
  fingerprint256: string;
  remove(): void;
}

/**
 * Generates a CA and a server certificate for tests over real TLS, with the system's
 * openssl (no network, no extra package). `commonName` tells two certificates apart, as a
 * hot-reload test needs; `into` reuses a directory (same file names, new contents).
 */
export function generateTestCertificate(options: { commonName?: string; into?: string } = {}): TestCertificate {
  const dir = options.into ?? mkdtempSync(join(tmpdir(), 'pulse-tls-'));
  const file = (name: string): string => join(dir, name);
  const run = (args: string[]): string => {
    try {
      return execFileSync('openssl', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      throw new Error(`openssl ${args[0]} failed (is openssl installed? apt-get install openssl): ${(error as Error).message}`, { cause: error });
    }
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=Pulse test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign']);
  run(['req', ...ec, '-keyout', 'server.key.tmp', '-out', 'server.csr', '-subj', `/CN=${options.commonName ?? 'localhost'}`]);
  writeFileSync(file('server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  run(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', String(Date.now()), '-days', '2', '-extfile', 'server.ext', '-out', 'server.crt.tmp']);
  // Written last and whole, so a watcher never sees a new certificate with the old key.
  writeFileSync(file('server.key'), readFileSync(file('server.key.tmp')));
  writeFileSync(file('server.crt'), readFileSync(file('server.crt.tmp')));
  const fingerprint256 = run(['x509', '-in', 'server.crt', '-noout', '-fingerprint', '-sha256']).trim().split('=')[1]!;
  return {
    dir,
    caFile: file('ca.crt'),
    certFile: file('server.crt'),
    keyFile: file('server.key'),
    ca: readFileSync(file('ca.crt')),
    fingerprint256,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
