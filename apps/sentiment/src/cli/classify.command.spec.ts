import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import type { SentimentScores } from '@pulse/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import type { SentimentModel } from '../model/sentiment-model.port.js';
import { TransformersSentimentModel } from '../model/transformers-sentiment.model.js';
import { buildFixtureModel, writeFixtureDatasets } from '../training/fixtures/fixture-model.js';
import { parseRecord, runClassify } from './classify.command.js';

const root = mkdtempSync(join(tmpdir(), 'pulse-cli-spec-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function run(input: string, model: SentimentModel, batchSize = 2): Promise<{ lines: Record<string, unknown>[]; stats: unknown }> {
  let out = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      out += chunk.toString();
      cb();
    },
  });
  const stats = await runClassify(Readable.from([input]), sink, model, { batchSize });
  return { lines: out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>), stats };
}

class CountingModel implements SentimentModel {
  readonly ref = { id: 'count', version: '0' };
  readonly targeted = true;
  calls: string[][] = [];
  async classify(texts: readonly string[]): Promise<SentimentScores[]> {
    this.calls.push([...texts]);
    return texts.map((t) => (t.includes('плохо') ? { negative: 0.9, neutral: 0.05, positive: 0.05 } : { negative: 0.1, neutral: 0.2, positive: 0.7 }));
  }
}

describe('runClassify', () => {
  it('keeps input order, batches, and turns bad lines into error records without stopping', async () => {
    const model = new CountingModel();
    const input = ['{"id": 1, "text": "плохо"}', 'not json', '', '{"id": "b", "text": "хорошо"}', '{"id": 3}', '[1]', '{"id": 4, "text": "плохо"}'].join('\n');
    const { lines, stats } = await run(input, model);
    expect(lines).toEqual([
      { id: 1, label: 'negative', score: 0.9, scores: { negative: 0.9, neutral: 0.05, positive: 0.05 } },
      { id: null, line: 2, error: expect.stringMatching(/malformed JSON/) as unknown },
      { id: 'b', label: 'positive', score: 0.7, scores: { negative: 0.1, neutral: 0.2, positive: 0.7 } },
      { id: 3, line: 5, error: '"text" must be a non-empty string' },
      { id: null, line: 6, error: 'expected a JSON object' },
      { id: 4, label: 'negative', score: 0.9, scores: { negative: 0.9, neutral: 0.05, positive: 0.05 } },
    ]);
    expect(stats).toEqual({ lines: 7, classified: 3, errors: 3 });
    expect(model.calls).toEqual([['плохо'], ['хорошо'], ['плохо']]);
  });

  it('marks an optional target brand for a targeted model', () => {
    expect(parseRecord('{"id":1,"text":"МТС лучше Билайна","target":"Билайн","others":["МТС"]}', true)).toEqual({ ok: true, id: 1, text: '[OTHER] лучше [BRAND]' });
    expect(parseRecord('{"id":1,"text":"МТС лучше Билайна","target":"Билайн"}', false)).toEqual({ ok: true, id: 1, text: 'МТС лучше Билайна' });
    expect(parseRecord('{"id":1,"text":"x","target":5}', true)).toMatchObject({ ok: false });
  });

  it('classifies with a model directory written by the training code, through transformers.js', async () => {
    const { dir } = await buildFixtureModel(join(root, 'fixture-model'), writeFixtureDatasets(join(root, 'data')));
    const model = await TransformersSentimentModel.load({ model: dir, cacheDir: root, logger: { info: () => undefined } });
    expect(model.targeted).toBe(true);
    const input = [
      JSON.stringify({ id: 'a', text: 'Спасибо за быструю помощь, всё отлично :)' }),
      '{"id": "broken"',
      JSON.stringify({ id: 'c', text: 'Great service, thanks!' }),
    ].join('\n');
    const { lines } = await run(input, model, 512);
    expect(lines.map((l) => l['id'])).toEqual(['a', null, 'c']);
    expect(lines[1]).toMatchObject({ line: 2 });
    for (const l of [lines[0], lines[2]]) {
      const scores = l?.['scores'] as SentimentScores;
      expect(scores.negative + scores.neutral + scores.positive).toBeCloseTo(1, 3);
      expect(['negative', 'neutral', 'positive']).toContain(l?.['label']);
    }
  }, 30_000);
});
