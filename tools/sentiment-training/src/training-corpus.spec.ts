import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

describe('buildTrainingCorpus with the SentiRuEval time split', () => {
  it('trains on train.xml only and scores test_etalon.xml tweets, minus any text also in train.xml', () => {
    const dataDir = writeFixtureDatasets(join(root, 'time-split'));
    const etalonPath = join(dataDir, 'sentirueval-2015', 'telecoms', 'test_etalon.xml');
    const xml = readFileSync(etalonPath, 'utf8');
    // A later period: every tweet reworded but the first, which also sits in train.xml.
    let n = 0;
    writeFileSync(etalonPath, xml.replace(/<column name="text">([^<]*)<\/column>/g, (_m, text: string) => `<column name="text">${n++ === 0 ? text : `${text} (позже)`}</column>`));
    const corpus = buildTrainingCorpus(dataDir, { seed: 5, devFraction: 0.2, includeEtalon: true, sentiruevalDev: 'etalon' });
    const dev = corpus.dev.find((d) => d.name === 'sentirueval-telecoms')?.units ?? [];
    expect(dev.length).toBeGreaterThan(3);
    expect(dev.every((u) => u.text.endsWith('(позже)'))).toBe(true);
    const train = corpus.train.filter((s) => s.source.startsWith('sentirueval-telecoms'));
    expect(train.length).toBeGreaterThan(0);
    expect(train.some((s) => s.text.includes('(позже)'))).toBe(false);
    const targeted = corpus.dev.find((d) => d.name === 'sentirueval-telecoms/targeted')?.units ?? [];
    expect(targeted.length).toBeGreaterThanOrEqual(dev.length);
  });
});
