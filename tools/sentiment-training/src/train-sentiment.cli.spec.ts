import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFixtureDatasets } from './fixtures/fixture-model.js';

// The built command, as `npm run train:sentiment` runs it (tests run after this package's build).
const CLI = fileURLToPath(new URL('../dist/train-sentiment.cli.js', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'pulse-train-cli-spec-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function train(out: string, ...extra: string[]): Promise<string> {
  const { stderr } = await promisify(execFile)(process.execPath, [CLI, '--quick', '--no-bench', '--data', join(root, 'data'), '--out', out, ...extra], {
    maxBuffer: 16 << 20,
  });
  return stderr;
}

describe('npm run train:sentiment', () => {
  writeFixtureDatasets(join(root, 'data'));

  it('writes a model directory transformers.js loads, with both branches, a card and progress, the same for the same seed', async () => {
    const first = join(root, 'a', 'pulse-sentiment-v2');
    const second = join(root, 'b', 'pulse-sentiment-v2');
    const log = await train(first);
    await train(second);
    for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx', 'MODEL_CARD.md']) expect(existsSync(join(first, f))).toBe(true);
    // progress and dev figures per epoch, for the network and for the linear branch
    expect(log).toMatch(/epoch 1\/2 loss [\d.]+ .*dev: sentirueval-banks/);
    expect(log).toMatch(/linear alone: .*rusentitweet/);
    expect(log).toMatch(/argmax agreement with the TypeScript forward pass: 100\.00%/);
    const config = JSON.parse(readFileSync(join(first, 'config.json'), 'utf8')) as { pulse: { linear_branch: { weight: number } | null; version: string } };
    expect(config.pulse.linear_branch?.weight).toBe(0.7);
    expect(config.pulse.version).toBe('2.2.0');
    const card = readFileSync(join(first, 'MODEL_CARD.md'), 'utf8');
    expect(card).toContain('produced by a `--quick` smoke run');
    expect(card).toContain('**Linear branch**');
    expect(card).toContain('| dev set | network | linear | **shipped mixture** |');
    expect(readFileSync(join(second, 'onnx/model_quantized.onnx')).equals(readFileSync(join(first, 'onnx/model_quantized.onnx')))).toBe(true);
  }, 120_000);

  it('refuses bad options with a message naming the option', async () => {
    await expect(train(join(root, 'bad'), '--linear-weight', '2')).rejects.toThrow(/--linear-weight expects a number in \[0, 1\]/);
    await expect(train(join(root, 'bad'), '--sentirueval-dev', 'later')).rejects.toThrow(/--sentirueval-dev expects random or etalon/);
  }, 60_000);
});
