import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_API_KEY } from './graphql-client.js';
import { waitFor } from './ports.js';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTIFACTS = join(REPO_ROOT, 'test/artifacts');

export interface AppProcess {
  name: string;
  baseUrl: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<number | null>;
}

/** Runs a built app (`apps/<app>/dist/main.js`) as its own process, logs kept as a test artifact. */
export async function startApp(name: string, entry: string, port: number, env: Record<string, string>, nodeArgs: readonly string[] = []): Promise<AppProcess> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const log = createWriteStream(join(ARTIFACTS, `${name}.log`));
  let output = '';
  const child = spawn(process.execPath, [...nodeArgs, join(REPO_ROOT, entry)], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', PULSE_BOOTSTRAP_KEY: TEST_API_KEY, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer): void => {
    log.write(chunk);
    if (output.length < 2_000_000) output += chunk.toString();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const baseUrl = `http://127.0.0.1:${port}`;
  const app: AppProcess = {
    name,
    baseUrl,
    child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        // A process a test killed (SIGKILL) has a signal code and no exit code: it is gone already.
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.once('exit', (code) => {
          clearTimeout(timer);
          log.end();
          resolve(code);
        });
        child.kill('SIGTERM');
      }),
  };
  await waitFor(
    `${name} /readyz`,
    async () => {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output.slice(-3000)}`);
      const res = await fetch(`${baseUrl}/readyz`);
      return res.status === 200;
    },
    90_000,
    250,
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return app;
}
