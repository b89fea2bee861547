import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import type { SentimentScores } from '@pulse/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import type { SentimentModel } from '../model/sentiment-model.port.js';
import { BUNDLED_MODEL_DIR, TransformersSentimentModel } from '../model/transformers-sentiment.model.js';
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

  it('gives the tone toward each of "targets" (names, queries, terms) with the rule that decided it, as the app does', async () => {
    const model = new CountingModel();
    const input = [
      JSON.stringify({ id: 1, text: 'Перешёл с Билайна на МТС. У МТС всё хорошо', targets: ['МТС', { id: 'beeline', query: 'Билайн OR Beeline' }] }),
      JSON.stringify({ id: 2, text: 'У Билайна всё плохо', targets: ['Билайн'] }),
      JSON.stringify({ id: 3, text: 'плохо', targets: [{ query: 'МТС AND (' }] }),
      JSON.stringify({ id: 4, text: 'плохо', targets: 'МТС' }),
      JSON.stringify({ id: 5, text: 'плохо', target: 'МТС', targets: ['МТС'] }),
    ].join('\n');
    const { lines, stats } = await run(input, model, 10);
    expect(lines[0]).toMatchObject({
      id: 1,
      byTarget: [
        { target: 'МТС', label: 'positive', rule: 'switch-to', reason: 'switched to it from Билайна' },
        { target: 'beeline', label: 'negative', rule: 'switch-from', matched: true, evidence: 'Перешёл с Билайна на МТС.' },
      ],
    });
    expect(lines[1]).toEqual({ id: 2, label: 'negative', score: 0.9, scores: { negative: 0.9, neutral: 0.05, positive: 0.05 }, byTarget: [{ target: 'Билайн', label: 'negative', score: 0.9, rule: 'whole-post', reason: 'one tracked brand in the post: its whole tone' }] });
    expect(lines[2]).toMatchObject({ id: 3, error: expect.stringMatching(/^"targets"\[0\]: query "МТС AND \(":/) as unknown });
    expect(lines[3]).toEqual({ id: 4, line: 4, error: '"targets" must be a non-empty array' });
    expect(lines[4]).toEqual({ id: 5, line: 5, error: 'give either "target" or "targets", not both' });
    expect(stats).toEqual({ lines: 5, classified: 2, errors: 3 });
  });

  // A model directory written by the training code on fixture data: tools/sentiment-training/src/app-model.spec.ts.
  it('classifies with the bundled model, through transformers.js', async () => {
    const model = await TransformersSentimentModel.load({ model: BUNDLED_MODEL_DIR, cacheDir: root, logger: { info: () => undefined } });
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

/** Answers each call after a delay that shrinks with the call number: a loop that did not wait would reorder. */
class OutOfOrderModel implements SentimentModel {
  readonly ref = { id: 'ooo', version: '0' };
  calls = 0;
  async classify(texts: readonly string[]): Promise<SentimentScores[]> {
    const call = this.calls++;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 8 - call)));
    // The text is the record's number: its scores encode it, so a misplaced result shows.
    return texts.map((t) => {
      const n = Number(t.slice(1)) % 1000;
      return { negative: n / 2000, neutral: 0, positive: 1 - n / 2000 };
    });
  }
}

/** Feeds `text` as Buffers of `size` bytes, so lines, \r\n pairs and UTF-8 sequences straddle chunks. */
function chunked(text: string, size: number): Readable {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

describe('runClassify on larger and odd inputs', () => {
  it('keeps input order over many batches answered at different speeds, with an error record mid-input and a slow output', async () => {
    const n = 5000;
    const lines = Array.from({ length: n }, (_, i) => (i === 2500 ? '{"id": 2500, "text": ' : JSON.stringify({ id: i, text: `t${i}` })));
    const model = new OutOfOrderModel();
    let out = '';
    let writes = 0;
    const slow = new Writable({
      highWaterMark: 64,
      write(chunk: Buffer, _enc, cb) {
        out += chunk.toString();
        writes++;
        setImmediate(cb);
      },
    });
    const stats = await runClassify(chunked(lines.join('\n'), 1000), slow, model, { batchSize: 64 });
    expect(stats).toEqual({ lines: n, classified: n - 1, errors: 1 });
    expect(writes).toBe(Math.ceil(n / 64));
    const records = out.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records).toHaveLength(n);
    records.forEach((r, i) => {
      if (i === 2500) {
        expect(r).toEqual({ id: null, line: 2501, error: expect.stringMatching(/malformed JSON/) as unknown });
        return;
      }
      expect(r['id']).toBe(i);
      expect((r['scores'] as SentimentScores).negative).toBe(Math.round(((i % 1000) / 2000) * 1e4) / 1e4);
    });
  });

  it('splits lines like readline: \\r\\n, lone \\r, blank lines, chunk boundaries inside lines and UTF-8 characters, no final newline', async () => {
    const input = '{"id":1,"text":"привет 👋"}\r\n\r\n  \n{"id":2,"text":"ёж"}\r{"id":3,"text":"x"}\n\t\n{"id":4,"text":"последняя"}';
    const model = new CountingModel();
    for (const size of [1, 2, 3, 7, 1 << 16]) {
      let out = '';
      const sink = new Writable({
        write(chunk: Buffer, _enc, cb) {
          out += chunk.toString();
          cb();
        },
      });
      const stats = await runClassify(chunked(input, size), sink, model, { batchSize: 2 });
      expect(stats).toEqual({ lines: 7, classified: 4, errors: 0 });
      expect(out.trimEnd().split('\n').map((l) => (JSON.parse(l) as { id: number }).id)).toEqual([1, 2, 3, 4]);
    }
    expect(model.calls.at(-2)).toEqual(['привет 👋', 'ёж']);
    expect(model.calls.at(-1)).toEqual(['x', 'последняя']);
  });

  it('writes the batches before a failing one, then fails', async () => {
    let calls = 0;
    const failing: SentimentModel = {
      ref: { id: 'fail', version: '0' },
      classify: async (texts) => {
        if (calls++ === 2) throw new Error('model broke');
        return texts.map(() => ({ negative: 0, neutral: 1, positive: 0 }));
      },
    };
    let out = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        out += chunk.toString();
        cb();
      },
    });
    const input = Array.from({ length: 20 }, (_, i) => JSON.stringify({ id: i, text: 'x' })).join('\n');
    await expect(runClassify(Readable.from([input]), sink, failing, { batchSize: 4 })).rejects.toThrow('model broke');
    expect(out.trimEnd().split('\n')).toHaveLength(8);
  });
});
