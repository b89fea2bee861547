import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFixtureDatasets } from './fixtures/fixture-model.js';
import { buildTrainingCorpus, markCompany } from './training-corpus.js';

const root = mkdtempSync(join(tmpdir(), 'pulse-corpus-spec-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('buildTrainingCorpus', () => {
  const dataDir = writeFixtureDatasets(root);
  const corpus = buildTrainingCorpus(dataDir, { seed: 5, devFraction: 0.2, includeEtalon: true });

  it('builds one dev set per protocol unit, SentiRuEval overall and per company', () => {
    expect(corpus.dev.map((d) => [d.name, d.protocol])).toEqual([
      ['sentirueval-banks', 'macro-f1-posneg'],
      ['sentirueval-banks/targeted', 'macro-f1-posneg'],
      ['sentirueval-telecoms', 'macro-f1-posneg'],
      ['sentirueval-telecoms/targeted', 'macro-f1-posneg'],
      ['rusentitweet', 'macro-f1-3'],
      ['rusentne/targeted', 'macro-f1-posneg'],
      ['semeval2016', 'macro-recall'],
      ['tweeteval', 'macro-recall'],
      ['umsab', 'macro-f1-3'],
    ]);
    for (const d of corpus.dev) expect(d.units.length).toBeGreaterThan(0);
  });

  it('never puts a dev tweet, marked or not, into training', () => {
    const dev = corpus.dev.find((d) => d.name === 'sentirueval-telecoms');
    const train = new Set(corpus.train.filter((s) => s.source.startsWith('sentirueval-telecoms')).map((s) => s.text));
    for (const u of dev?.units ?? []) expect(train.has(u.text)).toBe(false);
  });

  it('marks the scored company [BRAND] and the other labelled companies [OTHER]', () => {
    const row = { id: '1', text: 'МТС лучше, чем Билайн', companies: new Map([['mts', '1'], ['beeline', '-1']]) };
    expect(markCompany(row, 'mts')).toBe('[BRAND] лучше, чем [OTHER]');
    expect(markCompany(row, 'beeline')).toBe('[OTHER] лучше, чем [BRAND]');
    expect(corpus.train.some((s) => s.source.endsWith('/targeted') && s.text.includes('[BRAND]'))).toBe(true);
  });

  it('is the same for the same seed', () => {
    const again = buildTrainingCorpus(dataDir, { seed: 5, devFraction: 0.2, includeEtalon: true });
    expect(again.dev).toEqual(corpus.dev);
    expect(again.train).toEqual(corpus.train);
  });
});
