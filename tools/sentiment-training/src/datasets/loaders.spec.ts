import { describe, expect, it } from 'vitest';
import { readFixture } from '../fixtures/fixtures.js';
import { parseCsv, splitLines } from './csv.parser.js';
import { parseRuSentNeTsv } from './rusentne.loader.js';
import { parseRuSentiTweetCsv } from './rusentitweet.loader.js';
import { parseSemEvalDevtest } from './semeval-devtest.loader.js';
import { decodeXmlEntities, parseSentiRuEvalXml } from './sentirueval.loader.js';
import { parseAlignedLines } from './tweeteval.loader.js';

describe('parseCsv', () => {
  it('handles quoted commas, doubled quotes and line breaks', () => {
    expect(parseCsv('a,b\n"x, ""y""\nz",2\n')).toEqual([
      ['a', 'b'],
      ['x, "y"\nz', '2'],
    ]);
  });
});

describe('SentiRuEval XML loader', () => {
  const r = parseSentiRuEvalXml(readFixture('sentirueval-telecoms.fixture.xml'), 'sentirueval-telecoms');

  it('keeps tweets whose labelled companies agree and records one label per company', () => {
    expect(r.samples.filter((s) => s.label === 2)).toHaveLength(8);
    expect(r.samples.filter((s) => s.label === 0)).toHaveLength(8);
    const neg = r.samples.find((s) => s.label === 0);
    expect(neg?.pairLabels).toEqual([0, 0]);
    expect(neg?.lang).toBe('ru');
  });

  it('ignores "--", drops "+-", conflicting, malformed and empty rows with a message', () => {
    expect(r.samples.some((s) => s.text === 'Нерелевантный твит про погоду & солнце')).toBe(true);
    expect(r.samples.some((s) => s.text.includes('МТС подвёл'))).toBe(false);
    expect(r.samples.some((s) => s.text.includes('и плохо'))).toBe(false);
    expect(r.samples).toHaveLength(25);
    expect(r.skipped).toBe(4);
    expect(r.messages.join('\n')).toMatch(/unknown label "maybe"/);
    expect(r.messages.join('\n')).toMatch(/no text/);
  });

  it('decodes XML entities', () => {
    expect(decodeXmlEntities('a &amp; b &lt;3 &#1105;')).toBe('a & b <3 ё');
  });
});

describe('RuSentiTweet CSV loader', () => {
  const r = parseRuSentiTweetCsv(readFixture('rusentitweet.fixture.csv'));
  it('parses quoted multi-line tweets, drops skip/speech, skips malformed rows', () => {
    expect(r.samples).toHaveLength(25);
    expect(r.samples.some((s) => s.text.startsWith('Многострочный, "цитатный"\nтвит'))).toBe(true);
    expect(r.skipped).toBe(2);
    expect(r.messages.join('\n')).toMatch(/unknown label "angry"/);
    expect(r.messages.join('\n')).toMatch(/dropped 2 skip\/speech/);
  });
});

describe('RuSentNE TSV loader', () => {
  const r = parseRuSentNeTsv(readFixture('rusentne.fixture.tsv'));
  it('groups entity rows by sentence and keeps agreeing sentences', () => {
    expect(r.samples).toHaveLength(25);
    expect(r.samples.find((s) => s.text === 'Банк открыл офис.')?.label).toBe(1);
    expect(r.samples.some((s) => s.text.startsWith('Министр'))).toBe(false);
    expect(r.skipped).toBe(2);
  });
});

describe('TweetEval loader', () => {
  const r = parseAlignedLines(splitLines(readFixture('tweeteval-text.fixture.txt')), splitLines(readFixture('tweeteval-labels.fixture.txt')), 'tweeteval');
  it('aligns texts with labels and skips bad labels', () => {
    expect(r.samples).toHaveLength(18);
    expect(r.samples[0]).toMatchObject({ label: 2, lang: 'en', source: 'tweeteval' });
    expect(r.skipped).toBe(1);
  });
  it('refuses misaligned files', () => {
    expect(() => parseAlignedLines(['a', 'b'], ['1'], 'x')).toThrow(/misaligned/);
  });
});

describe('SemEval devtest loader', () => {
  const r = parseSemEvalDevtest(readFixture('semeval-devtest.fixture.txt'));
  it('keeps tabs inside the text and skips malformed lines', () => {
    expect(r.samples).toHaveLength(18);
    expect(r.samples[0]?.text).toBe('Thanks for the quick help, great service\twith a\ttab');
    expect(r.skipped).toBe(2);
  });
});
