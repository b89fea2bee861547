import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MarkdownBlock } from './markdown-blocks.js';

export interface BlockRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** HTTP statuses curl reported, in order (shell blocks). */
  statuses: number[];
  /** Where the block ran (files it wrote are here). */
  cwd: string;
  /** True when the block was stopped after its expected output (a subscription). */
  stopped: boolean;
}

export interface RunContext {
  repoRoot: string;
  /** The started instance: http://127.0.0.1:<port>. */
  baseUrl: string;
  env: Record<string, string>;
  /** Posts one mention to the instance (a block's `trigger`). */
  ingest(text: string): Promise<void>;
}

const STATUS_MARK = '__README_HTTP_STATUS__';
/**
 * curl as written, plus its status on stderr (`%{stderr}` keeps it out of a redirected body),
 * so a block's requests are checked without rewriting them.
 */
const SHELL_PRELUDE = `curl() { command curl -w '%{stderr}${STATUS_MARK} %{http_code}\\n' "$@"; }\n`;

/**
 * The README's addresses (an embedded instance or gateway on :4000, a collector on :4001) point
 * at the instance under test: the one substitution made to what the reader copies.
 */
export function pointAt(code: string, baseUrl: string): string {
  const host = new URL(baseUrl).host;
  return code.replace(/\blocalhost:400[01]\b/gu, host);
}

/** Runs a shell, JavaScript or TypeScript block as the reader would, and reports what it printed. */
export async function runBlock(block: MarkdownBlock, context: RunContext): Promise<BlockRun> {
  const spec = block.spec ?? {};
  const code = pointAt(block.code, context.baseUrl);
  const cwd = spec.cwd !== undefined ? join(context.repoRoot, spec.cwd) : block.language === 'shell' ? mkdtempSync(join(tmpdir(), 'readme-block-')) : join(context.repoRoot, 'test');
  const timeoutMs = spec.timeoutMs ?? 60_000;
  let command: string;
  let args: string[];
  let input: string | undefined;
  if (block.language === 'shell') {
    const script = join(mkdtempSync(join(tmpdir(), 'readme-script-')), 'block.sh');
    writeFileSync(script, SHELL_PRELUDE + code + '\n');
    [command, args] = ['bash', [script]];
  } else if (block.language === 'js') {
    // ESM from stdin resolves packages from cwd: test/ has graphql-ws and ws, as a reader's project would.
    [command, args, input] = [process.execPath, ['--input-type=module'], code];
  } else {
    [command, args] = [join(context.repoRoot, 'node_modules/.bin/tsx'), ['--eval', code]];
  }
  return new Promise<BlockRun>((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...context.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let stopped = false;
    const wanted = (spec.stdout ?? []).map((p) => new RegExp(p, 'u'));
    const done = () => wanted.length > 0 && wanted.every((p) => p.test(stdout));
    const timer = setTimeout(() => {
      stopped = spec.trigger !== undefined;
      child.kill('SIGTERM');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (spec.trigger && done()) {
        stopped = true;
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      const statuses = [...stderr.matchAll(new RegExp(`${STATUS_MARK} (\\d+)`, 'gu'))].map((m) => Number(m[1]));
      resolve({ exitCode, stdout, stderr: stderr.replaceAll(new RegExp(`${STATUS_MARK} \\d+\\n?`, 'gu'), ''), statuses, cwd, stopped });
    });
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
    if (spec.trigger) {
      // Once the block has had time to connect and subscribe, give it something to receive.
      const trigger = spec.trigger;
      setTimeout(() => void context.ingest(trigger.ingest).catch((error: unknown) => (stderr += `trigger failed: ${String(error)}\n`)), 3_000);
    }
  });
}

/** The last JSON document on stdout: a whole-output document, else the last line that parses. */
export function lastJson(stdout: string): unknown {
  try {
    return JSON.parse(stdout);
  } catch {
    for (const line of stdout.trim().split('\n').reverse()) {
      try {
        return JSON.parse(line);
      } catch {
        // not this line
      }
    }
  }
  return undefined;
}
