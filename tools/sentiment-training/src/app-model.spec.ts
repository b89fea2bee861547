import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import type { SentimentScores } from '@pulse/contracts';
import { TransformersSentimentModel, runClassify } from '@pulse/sentiment';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFixtureModel, writeFixtureDatasets } from './fixtures/fixture-model.js';

const root = mkdtempSync(join(tmpdir(), 'pulse-app-model-spec-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// The contract between this workspace and the runtime: what the training code writes is a model
// directory the app's own model class loads and its classify command serves.
describe('a model directory written by the training code', () => {
  it('loads in the app as a targeted model and answers pulse-sentiment classify records, in order', async () => {
    const { dir } = await buildFixtureModel(join(root, 'fixture-model'), writeFixtureDatasets(join(root, 'data')));
    const model = await TransformersSentimentModel.load({ model: dir, cacheDir: root, logger: { info: () => undefined } });
    expect(model.targeted).toBe(true);
    expect(model.ref.version).toBe('fixture');
    const input = [
      JSON.stringify({ id: 'a', text: 'Спасибо за быструю помощь, всё отлично :)' }),
      '{"id": "broken"',
      JSON.stringify({ id: 'c', text: 'Great service, thanks!', target: 'service' }),
    ].join('\n');
    let out = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        out += chunk.toString();
        cb();
      },
    });
    const stats = await runClassify(Readable.from([input]), sink, model, { batchSize: 512 });
    expect(stats).toEqual({ lines: 3, classified: 2, errors: 1 });
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l['id'])).toEqual(['a', null, 'c']);
    expect(lines[1]).toMatchObject({ line: 2 });
    for (const l of [lines[0], lines[2]]) {
      const scores = l?.['scores'] as SentimentScores;
      expect(scores.negative + scores.neutral + scores.positive).toBeCloseTo(1, 3);
      expect(['negative', 'neutral', 'positive']).toContain(l?.['label']);
    }
  }, 30_000);
});
