import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, matchesGlob, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { afterAll, describe, expect, it } from 'vitest';
import config, { GENERATED_TYPES, SCHEMA_PATH } from './codegen.js';

const DASHBOARD = fileURLToPath(new URL('.', import.meta.url));
const REPO = resolve(DASHBOARD, '../..');
const schemaSource = readFileSync(resolve(DASHBOARD, SCHEMA_PATH), 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'pulse-codegen-spec-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The dashboard's codegen run, in memory, against `sdl` instead of the gateway's schema file. */
async function generateAgainst(sdl: string): Promise<string> {
  const schema = join(tmp, `schema-${readdirSync(tmp).length}.graphql`);
  writeFileSync(schema, sdl);
  const output = (await generate({ ...config, schema, cwd: DASHBOARD }, false)) as Array<{ filename: string; content: string }>;
  return output.find((o) => o.filename.endsWith(GENERATED_TYPES))?.content ?? '';
}

describe('dashboard API types from the gateway schema (codegen.ts)', () => {
  it('generates a type for every operation and fragment in queries.ts from the schema as it is', async () => {
    const types = await generateAgainst(schemaSource);
    for (const name of ['FeedFieldsFragment', 'DetailFieldsFragment', 'FeedQuery', 'LiveSubscription', 'UpdatesSubscription', 'SetStatusMutation', 'AnalyticsQuery', 'RuleFieldsFragment', 'RuleInput', 'MentionFilter']) {
      expect(types).toContain(`export type ${name} =`);
    }
  }, 30_000);

  it('fails on a schema change that breaks an operation: a field the dashboard reads renamed, an argument retyped', async () => {
    const renamed = schemaSource.replace(/^(\s*)duplicateOf: ID\s*$/m, '$1copyOf: ID');
    expect(renamed).not.toBe(schemaSource);
    await expect(generateAgainst(renamed)).rejects.toThrow(/Cannot query field "duplicateOf" on type "Mention"/);
    const retyped = schemaSource.replace('mention(id: ID!)', 'mention(id: Int!)');
    expect(retyped).not.toBe(schemaSource);
    await expect(generateAgainst(retyped)).rejects.toThrow(/Variable "\$id" of type "ID!" used in position expecting type "Int!"/);
  }, 30_000);

  it("is an input of every turbo task that reads it, so a schema change is never a cache hit", () => {
    const schema = relative(REPO, resolve(DASHBOARD, SCHEMA_PATH));
    const turbo = JSON.parse(readFileSync(join(DASHBOARD, 'turbo.json'), 'utf8')) as { tasks: Record<string, { inputs?: string[] }> };
    for (const task of ['codegen', 'build', 'typecheck', 'lint']) {
      const globs = (turbo.tasks[task]?.inputs ?? []).filter((g) => g.startsWith('$TURBO_ROOT$/')).map((g) => g.slice('$TURBO_ROOT$/'.length));
      expect(globs.some((g) => matchesGlob(schema, g)), `${task} inputs ${JSON.stringify(globs)} miss ${schema}`).toBe(true);
    }
  });
});
