import { describe, expect, it } from 'vitest';
import { stemEnglish } from './english.stemmer.js';

// Expected stems are from the Snowball project's published Porter2 sample vocabulary.
const SNOWBALL_SAMPLE: ReadonlyArray<readonly [string, string]> = [
  ['consign', 'consign'],
  ['consigned', 'consign'],
  ['consigning', 'consign'],
  ['consignment', 'consign'],
  ['consist', 'consist'],
  ['consisted', 'consist'],
  ['consistency', 'consist'],
  ['consistent', 'consist'],
  ['consistently', 'consist'],
  ['consisting', 'consist'],
  ['consists', 'consist'],
  ['consolation', 'consol'],
  ['consolations', 'consol'],
  ['consolatory', 'consolatori'],
  ['console', 'consol'],
  ['consoled', 'consol'],
  ['consoles', 'consol'],
  ['consolidate', 'consolid'],
  ['consolidated', 'consolid'],
  ['consolidating', 'consolid'],
  ['consoling', 'consol'],
  ['consolingly', 'consol'],
  ['consonant', 'conson'],
  ['conspicuous', 'conspicu'],
  ['conspiracy', 'conspiraci'],
  ['conspirator', 'conspir'],
  ['conspired', 'conspir'],
  ['constable', 'constabl'],
  ['constancy', 'constanc'],
  ['knack', 'knack'],
  ['knackeries', 'knackeri'],
  ['knaves', 'knave'],
  ['kneaded', 'knead'],
  ['kneeling', 'kneel'],
  ['knees', 'knee'],
  ['knightly', 'knight'],
  ['knitted', 'knit'],
  ['knitting', 'knit'],
  ['knives', 'knive'],
  ['knocker', 'knocker'],
  ['knocking', 'knock'],
];

// Cases from the algorithm's description that exercise its special rules.
const RULES: ReadonlyArray<readonly [string, string]> = [
  ['cards', 'card'],
  ['delivered', 'deliv'],
  ['deliver', 'deliv'],
  ['hoped', 'hope'],
  ['hopping', 'hop'],
  ['cries', 'cri'],
  ['ties', 'tie'],
  ['gas', 'gas'],
  ['gaps', 'gap'],
  ['skies', 'sky'],
  ['dying', 'die'],
  ['news', 'news'],
  ['generously', 'generous'],
  ['communism', 'communism'],
  ['proceed', 'proceed'],
  ['agreed', 'agre'],
  ['yes', 'yes'],
  ['sayings', 'say'],
  ['beeline\'s', 'beelin'],
];

describe('stemEnglish', () => {
  it.each(SNOWBALL_SAMPLE)('%s → %s', (word, expected) => {
    expect(stemEnglish(word)).toBe(expected);
  });

  it.each(RULES)('%s → %s', (word, expected) => {
    expect(stemEnglish(word)).toBe(expected);
  });

  it('leaves words shorter than three letters alone', () => {
    expect(stemEnglish('is')).toBe('is');
    expect(stemEnglish('as')).toBe('as');
  });
});
