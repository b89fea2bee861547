import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Fenced languages the README suite runs (shell, JavaScript, TypeScript) or checks (GraphQL). */
export const RUNNABLE_LANGUAGES = ['bash', 'sh', 'shell', 'js', 'javascript', 'mjs', 'ts', 'typescript', 'graphql'] as const;
export type BlockLanguage = 'shell' | 'js' | 'ts' | 'graphql';

/**
 * What a block's marker (`<!-- readme-test: {...} -->` on the line above the fence) documents:
 * how it runs and what it must answer. Every runnable block needs one, `skip` included, so a new
 * example is either tested or says why it cannot be.
 */
export interface BlockSpec {
  /** Why this block does not run here (needs Docker, Kafka, a dataset, the network, …). */
  skip?: string;
  /** Repository-relative working directory; default a fresh temporary directory (shell) or test/ (js, ts). */
  cwd?: string;
  /** The HTTP status of each curl request, in order. */
  status?: number[];
  /** A partial match of the last JSON document printed on stdout. */
  json?: Record<string, unknown>;
  /** Patterns stdout must contain. */
  stdout?: string[];
  /** Files the block writes (relative to cwd) and a pattern their content must match. */
  files?: Record<string, string>;
  /** For a block that runs until stopped (a subscription): what to post to /ingest meanwhile. */
  trigger?: { ingest: string };
  timeoutMs?: number;
  /** GraphQL: variables, where "now", "now-7d", "now+1h" become ISO date-times. */
  variables?: Record<string, unknown>;
  /** GraphQL: execute the operations (queries and mutations) too, not only validate them. */
  run?: boolean;
}

export interface MarkdownBlock {
  /** Repository-relative path and 1-based line of the opening fence. */
  file: string;
  line: number;
  language: BlockLanguage;
  code: string;
  /** Null when the block has no marker (the suite fails for it). */
  spec: BlockSpec | null;
  /** A marker that is not valid JSON: reported with the block. */
  markerError?: string;
}

const MARKER = /^<!--\s*readme-test:\s*(.*?)\s*-->\s*$/u;

function languageOf(fence: string): BlockLanguage | null {
  const lang = fence.trim().toLowerCase();
  if (lang === 'bash' || lang === 'sh' || lang === 'shell') return 'shell';
  if (lang === 'js' || lang === 'javascript' || lang === 'mjs') return 'js';
  if (lang === 'ts' || lang === 'typescript') return 'ts';
  if (lang === 'graphql') return 'graphql';
  return null;
}

/** The runnable fenced blocks of one Markdown file, with their markers. */
export function markdownBlocks(markdown: string, file: string): MarkdownBlock[] {
  const lines = markdown.split('\n');
  const blocks: MarkdownBlock[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^(\s*)```(\S*)\s*$/u.exec(lines[i]!);
    if (!open) continue;
    const end = lines.findIndex((line, j) => j > i && /^\s*```\s*$/u.test(line));
    const close = end === -1 ? lines.length : end;
    const language = languageOf(open[2]!);
    if (language) {
      let above = i - 1;
      while (above >= 0 && lines[above]!.trim() === '') above -= 1;
      const marker = above >= 0 ? MARKER.exec(lines[above]!.trim()) : null;
      const block: MarkdownBlock = { file, line: i + 1, language, code: lines.slice(i + 1, close).join('\n'), spec: null };
      if (marker) {
        try {
          block.spec = JSON.parse(marker[1]!) as BlockSpec;
        } catch (error) {
          block.markerError = (error as Error).message;
        }
      }
      blocks.push(block);
    }
    i = close;
  }
  return blocks;
}

const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', '.turbo', '.pulse', 'artifacts']);

/** README.md at the root and every package's and module's README.md under apps/, packages/, tools/. */
export function readmeFiles(root: string): string[] {
  const found = ['README.md'];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      if (SKIP_DIRS.has(name)) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === 'README.md') found.push(relative(root, path));
    }
  };
  for (const top of ['apps', 'packages', 'tools']) walk(join(root, top));
  return found.sort();
}

export function readmeBlocks(root: string): MarkdownBlock[] {
  return readmeFiles(root).flatMap((file) => markdownBlocks(readFileSync(join(root, file), 'utf8'), file));
}
