import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const MODEL_SOURCE = fileURLToPath(new URL('./transformers-sentiment.model.ts', import.meta.url));

describe('importTransformers', () => {
  // A fresh process: this one has the package index loaded by other specs' pipeline references.
  it.runIf(process.platform === 'linux')('loads and runs the model without the package index and its sharp (libvips)', async () => {
    const script = `
      import { readFileSync } from 'node:fs';
      const m = await import(${JSON.stringify(MODEL_SOURCE)});
      const model = await m.TransformersSentimentModel.load({ model: m.BUNDLED_MODEL_DIR, cacheDir: '.pulse/models', logger: { info() {} } });
      const [scores] = await model.classify(['Спасибо за быструю помощь :)']);
      const maps = readFileSync('/proc/self/maps', 'utf8');
      console.log(JSON.stringify({ scores, onnxruntime: maps.includes('libonnxruntime'), sharp: /sharp|libvips/.test(maps) }));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 60_000 });
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { scores: Record<string, number>; onnxruntime: boolean; sharp: boolean };
    expect(result.scores['positive']).toBeGreaterThan(0.5);
    expect(result.onnxruntime).toBe(true);
    expect(result.sharp).toBe(false);
  }, 60_000);
});
