import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from './ports.js';
import pg from 'pg';

export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

/** A server of the test's own, which it may take down and bring back (fault tests). */
export interface OwnPostgres extends TestPostgres {
  /** Fast shutdown: clients see their connections refused until `resume`. */
  pause(): Promise<void>;
  resume(): Promise<void>;
}

function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) throw new Error('PostgreSQL server binaries not found (apt-get install postgresql)');
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
  return join(root, version!, 'bin');
}

/** initdb refuses to run as root: run the server binaries as the `postgres` user when we are root. */
function run(bin: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const command = asRoot ? 'runuser' : bin;
  const argv = asRoot ? ['-u', 'postgres', '--', bin, ...args] : args;
  const result = spawnSync(command, argv, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
}

/**
 * A throwaway PostgreSQL server on a loopback port and a temp dir, or the server named
 * by PULSE_TEST_DATABASE_URL when set (a fresh database is created in it either way).
 */
export async function startPostgres(): Promise<TestPostgres> {
  const external = process.env.PULSE_TEST_DATABASE_URL;
  if (external) return createDatabase(external, async () => undefined);
  return startOwnPostgres();
}

/** Always a server of its own (never PULSE_TEST_DATABASE_URL's), so a test can stop and restart it. */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'pulse-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
  run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, 'start']);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const start = (): void => run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, 'start']);
  let running = true;
  const database = await createDatabase(url, async () => {
    if (running) run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    ...database,
    pause: async () => {
      run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      running = false;
    },
    resume: async () => {
      start();
      running = true;
    },
  };
}

async function createDatabase(serverUrl: string, stopServer: () => Promise<void>): Promise<TestPostgres> {
  const name = `pulse_test_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  await waitFor('postgres', async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    return true;
  }, 30_000);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), stop: stopServer };
}
