import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startApp, type AppProcess } from '../support/app-process.js';
import { uniqueWord, webhookMention } from '../support/fixtures.js';
import { TEST_API_KEY, postIngest } from '../support/graphql-client.js';
import { freePort } from '../support/ports.js';
import { lastJson, runBlock, type RunContext } from './block-runner.js';
import { executeOperations, liveSchema, resolveVariables, validationErrors } from './graphql-blocks.js';
import { readmeBlocks, type MarkdownBlock } from './markdown-blocks.js';

/**
 * The READMEs' examples are tests: every shell, JavaScript, TypeScript and GraphQL block of
 * README.md and the per-package READMEs is read from the Markdown itself and run against a
 * started embedded instance (the one substitution: localhost:4000/4001 point at it), checked
 * against what its marker (`<!-- readme-test: {...} -->`, see markdown-blocks.ts) documents.
 * A block without a marker fails the suite, so a new example is tested or says why not.
 */
const blocks = readmeBlocks(REPO_ROOT);
const runnable = blocks.filter((b) => b.spec && !b.spec.skip);
const title = (b: MarkdownBlock) => `${b.file}:${b.line} (${b.language})`;
/** The sender and secret of the webhook README's signing example. */
const WEBHOOK_SECRETS = 'partner-a=s3cr3t';

describe('README examples', () => {
  it('every shell, JavaScript, TypeScript and GraphQL block has a readme-test marker (run, or skip with a reason)', () => {
    const unmarked = blocks.filter((b) => b.spec === null || b.markerError).map((b) => `${title(b)}${b.markerError ? `: ${b.markerError}` : ''}`);
    expect(unmarked).toEqual([]);
    for (const b of blocks.filter((x) => x.spec?.skip !== undefined)) expect(b.spec!.skip!.length, title(b)).toBeGreaterThan(10);
    expect(runnable.length).toBeGreaterThanOrEqual(10);
  });

  describe('against a started embedded instance', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pulse-readme-'));
    let pulse: AppProcess;
    let context: RunContext;
    let schema: GraphQLSchema;

    beforeAll(async () => {
      pulse = await startApp('readme-embedded', 'apps/embedded/dist/main.js', await freePort(), {
        PULSE_DATA_DIR: dataDir,
        PULSE_DEMO_HISTORY_DAYS: '0',
        PULSE_DEMO_BURST_MINUTES: '0',
        WEBHOOK_SECRETS,
      });
      context = {
        repoRoot: REPO_ROOT,
        baseUrl: pulse.baseUrl,
        env: { PULSE_KEY: TEST_API_KEY },
        ingest: async (text) => {
          const res = await postIngest(pulse.baseUrl, JSON.stringify([webhookMention(uniqueWord('readme'), text)]));
          if (res.status !== 202) throw new Error(`ingest answered ${res.status}`);
        },
      };
      schema = await liveSchema(pulse.baseUrl, TEST_API_KEY);
    });

    afterAll(async () => {
      await pulse?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    for (const block of blocks) {
      const spec = block.spec;
      if (!spec || spec.skip) {
        it.skip(`${title(block)}${spec?.skip ? ` — skipped: ${spec.skip}` : ''}`, () => undefined);
        continue;
      }
      if (block.language === 'graphql') {
        it(`${title(block)} is valid against the served schema${spec.run ? ' and runs without errors' : ''}`, async () => {
          expect(validationErrors(schema, block.code)).toEqual([]);
          if (spec.run) expect(await executeOperations(pulse.baseUrl, TEST_API_KEY, block.code, resolveVariables(spec.variables))).toEqual([]);
        });
        continue;
      }
      it(`${title(block)} runs as written and answers as documented`, async () => {
        const run = await runBlock(block, context);
        const report = `exit ${run.exitCode}, statuses ${run.statuses.join(',')}\n--- stdout\n${run.stdout.slice(0, 2000)}\n--- stderr\n${run.stderr.slice(0, 2000)}`;
        if (!spec.trigger) expect(run.exitCode, report).toBe(0);
        else expect(run.stopped, `never printed what it should: ${report}`).toBe(true);
        if (spec.status) expect(run.statuses, report).toEqual(spec.status);
        for (const pattern of spec.stdout ?? []) expect(run.stdout, report).toMatch(new RegExp(pattern, 'u'));
        if (spec.json) expect(lastJson(run.stdout), report).toMatchObject(spec.json);
        for (const [file, pattern] of Object.entries(spec.files ?? {})) {
          const path = join(run.cwd, file);
          expect(existsSync(path), `${file} written`).toBe(true);
          expect(readFileSync(path, 'utf8')).toMatch(new RegExp(pattern, 'u'));
        }
      }, (spec.timeoutMs ?? 60_000) + 30_000);
    }
  });
});
