import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LoadResult, type Sample, SkipLog, labelFromName } from '../sample.js';
import { splitLines } from './csv.parser.js';

/** `tweet_id<TAB>label<TAB>text`; the text itself may contain tabs, so everything after the 2nd tab is text. */
export function parseSemEvalDevtest(content: string, source = 'semeval2016'): LoadResult {
  const log = new SkipLog();
  const samples: Sample[] = [];
  splitLines(content).forEach((line, i) => {
    if (line.trim() === '') return;
    const parts = line.split('\t');
    const label = labelFromName(parts[1] ?? '');
    const text = parts.slice(2).join('\t').trim();
    if (parts.length < 3 || label === undefined || !text) {
      log.skip(`${source}: line ${i + 1} is malformed`);
      return;
    }
    samples.push({ text, label, lang: 'en', source });
  });
  return { samples, skipped: log.skipped, messages: log.messages };
}

export function loadSemEvalDevtest(dataDir: string): LoadResult {
  return parseSemEvalDevtest(readFileSync(join(dataDir, 'semeval-2016devtest', 'twitter-2016devtest-A.txt'), 'utf8'));
}
