import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LabelId, type LoadResult, type Sample, SkipLog } from '../sample.js';
import { splitLines } from './csv.parser.js';

/** TweetEval's mapping.txt: 0 negative, 1 neutral, 2 positive, which is also our id order. */
export function parseAlignedLines(textLines: string[], labelLines: string[], source: string): LoadResult {
  const log = new SkipLog();
  if (textLines.length !== labelLines.length) {
    throw new Error(`${source}: ${textLines.length} texts but ${labelLines.length} labels; files are misaligned`);
  }
  const samples: Sample[] = [];
  textLines.forEach((raw, i) => {
    const text = raw.trim();
    const n = Number((labelLines[i] ?? '').trim());
    if (!text || !(n === 0 || n === 1 || n === 2)) {
      log.skip(`${source}: line ${i + 1} has empty text or label ${JSON.stringify(labelLines[i])}`);
      return;
    }
    samples.push({ text, label: n as LabelId, lang: 'en', source });
  });
  return { samples, skipped: log.skipped, messages: log.messages };
}

export interface TweetEvalData {
  train: LoadResult;
  /** The official val split; we use it as TweetEval's dev set instead of carving one. */
  val: LoadResult;
}

export function loadTweetEval(dataDir: string): TweetEvalData {
  const dir = join(dataDir, 'tweeteval');
  const read = (f: string): string[] => splitLines(readFileSync(join(dir, f), 'utf8'));
  const trainText = [...read('train_text.reconstructed.part1.txt'), ...read('train_text.reconstructed.part2.txt')];
  return {
    train: parseAlignedLines(trainText, read('train_labels.txt'), 'tweeteval'),
    val: parseAlignedLines(read('val_text.txt'), read('val_labels.txt'), 'tweeteval'),
  };
}
