import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LoadResult, type Sample, SkipLog, labelFromName } from '../sample.js';
import { parseCsv } from './csv.parser.js';

/** `skip` (unclear) and `speech` (speech acts) have no tone, so the 3-class protocol drops them. */
const DROPPED_LABELS = new Set(['skip', 'speech']);

export function parseRuSentiTweetCsv(content: string, source = 'rusentitweet'): LoadResult {
  const log = new SkipLog();
  const rows = parseCsv(content);
  const header = rows.shift() ?? [];
  const textIdx = header.indexOf('text');
  const labelIdx = header.indexOf('label');
  if (textIdx < 0 || labelIdx < 0) throw new Error(`${source}: header must have text and label columns, got ${header.join(',')}`);
  const samples: Sample[] = [];
  let dropped = 0;
  rows.forEach((row, i) => {
    if (row.length === 1 && row[0] === '') return;
    const text = row[textIdx]?.trim();
    const raw = row[labelIdx]?.trim() ?? '';
    if (row.length !== header.length || !text) {
      log.skip(`${source}: row ${i + 2} has ${row.length} fields (expected ${header.length}) or empty text`);
      return;
    }
    if (DROPPED_LABELS.has(raw)) {
      dropped++;
      return;
    }
    const label = labelFromName(raw);
    if (label === undefined) {
      log.skip(`${source}: row ${i + 2} has unknown label ${JSON.stringify(raw)}`);
      return;
    }
    samples.push({ text, label, lang: 'ru', source });
  });
  const messages = [...log.messages, `${source}: dropped ${dropped} skip/speech rows by protocol`];
  return { samples, skipped: log.skipped, messages };
}

export function loadRuSentiTweet(dataDir: string): LoadResult {
  return parseRuSentiTweetCsv(readFileSync(join(dataDir, 'rusentitweet', 'rusentitweet_train.csv'), 'utf8'));
}
