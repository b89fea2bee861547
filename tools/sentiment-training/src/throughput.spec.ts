import { describe, expect, it } from 'vitest';
import { parseBenchSummary } from './throughput.js';

describe('parseBenchSummary', () => {
  it('reads the figures from the bench --json summary line', () => {
    const out = [
      'model pulse-sentiment-v2 2.1.0; 20000 texts (avg 58 chars) from x; batch 256; best of 3',
      '  batched       19579 texts/s  ',
      '{"model":{"id":"pulse-sentiment-v2","version":"2.1.0"},"texts":20000,"batch":256,"naivePerSec":6236,"batchedPerSec":19579,"cliPerSec":20066}',
      '',
    ].join('\n');
    const s = parseBenchSummary(out);
    expect(s.batchedPerSec).toBe(19579);
    expect(s.cliPerSec).toBe(20066);
  });

  it('fails loudly when the bench printed no summary', () => {
    expect(() => parseBenchSummary('  batched 100 texts/s\n{"not":"it"}\n')).toThrow(/no bench summary/);
  });
});
