import { describe, expect, it } from 'vitest';
import { comparedWith, presetRange, rangeWindow, reportFileName, reportPdfUrl } from './report-period.js';

const NOW = Date.parse('2026-03-04T15:30:00Z');

describe('report period', () => {
  it('turns presets into whole UTC days', () => {
    expect(presetRange('today', NOW)).toEqual({ fromDay: '2026-03-04', toDay: '2026-03-04' });
    expect(presetRange('yesterday', NOW)).toEqual({ fromDay: '2026-03-03', toDay: '2026-03-03' });
    expect(presetRange('7d', NOW)).toEqual({ fromDay: '2026-02-26', toDay: '2026-03-04' });
    expect(presetRange('30d', NOW)).toEqual({ fromDay: '2026-02-03', toDay: '2026-03-04' });
  });

  it('asks the API for the first day’s start to the end of the last, and explains a range that makes no sense', () => {
    expect(rangeWindow({ fromDay: '2026-03-02', toDay: '2026-03-02' })).toEqual({ from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' });
    expect(rangeWindow({ fromDay: '2026-03-05', toDay: '2026-03-02' })).toEqual({ error: 'The last day is before the first.' });
    expect(rangeWindow({ fromDay: '', toDay: '2026-03-02' })).toEqual({ error: 'Pick both days.' });
    expect(rangeWindow({ fromDay: '2024-01-01', toDay: '2026-03-02' })).toEqual({ error: 'A report covers at most 366 days.' });
  });

  it('builds the PDF link and file name from the same arguments', () => {
    expect(reportPdfUrl(['mts', 'bilayn'], { from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' })).toBe(
      '/reports/period.pdf?topicIds=mts%2Cbilayn&from=2026-03-02T00%3A00%3A00.000Z&to=2026-03-03T00%3A00%3A00.000Z',
    );
    expect(reportFileName(['mts'], { fromDay: '2026-03-02', toDay: '2026-03-02' })).toBe('pulse-report-mts-2026-03-02.pdf');
    expect(reportFileName(['mts', 'bilayn'], { fromDay: '2026-03-02', toDay: '2026-03-08' })).toBe('pulse-report-mts-bilayn-2026-03-02--2026-03-08.pdf');
  });

  it('names the competitors heard from and counts the silent ones', () => {
    const voice = (topicId: string, name: string, competitor: boolean) => ({ topicId, topic: { name }, competitor, total: 1, share: 0.5, negative: 0, neutral: 1, positive: 0 });
    expect(comparedWith({ competitorTopicIds: ['b', 'c', 'd'], shareOfVoice: [voice('a', 'МТС', false), voice('b', 'Билайн', true)] })).toBe(' · compared with Билайн and 2 more without mentions');
    expect(comparedWith({ competitorTopicIds: ['b'], shareOfVoice: [voice('b', 'Билайн', true)] })).toBe(' · compared with Билайн');
    expect(comparedWith({ competitorTopicIds: ['b'], shareOfVoice: [] })).toBe(' · compared with 1 topic, none mentioned');
    expect(comparedWith({ competitorTopicIds: [], shareOfVoice: [] })).toBe('');
  });
});
