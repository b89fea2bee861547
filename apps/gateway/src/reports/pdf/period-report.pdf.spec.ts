import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlClient } from '../../database/sql-client.port.js';
import { PgliteClient } from '../../database/pglite.client.js';
import type { PeriodReport } from '../period-report.model.js';
import { DAY_FROM, DAY_TO, loadReportFixture } from '../testing/report-fixture.js';
import { renderPeriodReportPdf } from './period-report.pdf.js';

/** Pages rendered by poppler for people (and this test) to look at: test/artifacts/reports/ at the repository root. */
const ARTIFACTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../test/artifacts/reports');
const hasPoppler = (() => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
// Locally a missing poppler skips the rendering checks; in CI it must fail, so the missing package is noticed.
const renderable = hasPoppler || Boolean(process.env['CI']);

/** Text of a page through poppler's pdftotext, in reading order. */
function pdfText(file: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', ['-layout', ...range, file, '-'], { encoding: 'utf8' });
}

describe('the period report as a PDF', () => {
  let client: SqlClient;
  let report: PeriodReport;
  let pdf: Buffer;

  beforeAll(async () => {
    client = await PgliteClient.open();
    const reports = await loadReportFixture(client);
    report = await reports.report({ topicIds: ['mts'], from: DAY_FROM, to: DAY_TO });
    pdf = await renderPeriodReportPdf(report);
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const old of readdirSync(ARTIFACTS).filter((f) => f.startsWith('period-report') && f.endsWith('.png'))) rmSync(join(ARTIFACTS, old));
    writeFileSync(join(ARTIFACTS, 'period-report.pdf'), pdf);
  });

  afterAll(async () => {
    await client?.close();
  });

  it('is a PDF with the report’s title, and the same report gives the same bytes', async () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeLessThan(400_000);
    expect((await renderPeriodReportPdf(report)).equals(pdf)).toBe(true);
  });

  it.runIf(renderable)('lays out a week of two topics and an empty day without overlaps or lost sections', async () => {
    const reports = await loadReportFixture(client, () => Date.parse('2026-03-09T08:00:00.000Z'), { migrate: false });
    const week = await reports.report({ topicIds: ['mts', 'beeline'], from: '2026-03-01T00:00:00Z', to: '2026-03-08T00:00:00Z' });
    const empty = await reports.report({ topicIds: ['megafon'], competitorTopicIds: [], from: '2026-03-05T00:00:00Z', to: '2026-03-06T00:00:00Z' });
    for (const [name, doc] of [['week', week], ['empty', empty]] as const) {
      const file = join(ARTIFACTS, `period-report-${name}.pdf`);
      writeFileSync(file, await renderPeriodReportPdf(doc));
      execFileSync('pdftoppm', ['-png', '-r', '80', file, join(ARTIFACTS, `period-report-${name}`)]);
    }
    const weekText = pdfText(join(ARTIFACTS, 'period-report-week.pdf')).replace(/\s+/g, ' ');
    expect(weekText).toContain('МТС, Билайн');
    expect(weekText).toContain('1 – 7 Mar 2026 (UTC) · daily buckets');
    expect(weekText).toContain('Handled requests');
    const emptyText = pdfText(join(ARTIFACTS, 'period-report-empty.pdf')).replace(/\s+/g, ' ');
    for (const expected of ['МегаФон', '0 of 0', 'No mentions in the period', 'No requests in the period.', 'Nobody responded to a request in the period.', 'No mentions in the period.']) expect(emptyText).toContain(expected);
  });

  it.runIf(renderable)('renders with poppler to A4 pages carrying the figures, in Cyrillic, with the charts drawn', () => {
    const file = join(ARTIFACTS, 'period-report.pdf');
    execFileSync('pdftoppm', ['-png', '-r', '80', file, join(ARTIFACTS, 'period-report')]);
    const pages = readdirSync(ARTIFACTS).filter((f) => /^period-report-\d+\.png$/.test(f)).sort();
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages) expect(existsSync(join(ARTIFACTS, page))).toBe(true);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(info).toMatch(/Title:\s+Pulse period report: МТС — 2 Mar 2026 \(UTC\)/);
    expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(/DejaVuSans/);

    const first = pdfText(file, 1);
    for (const expected of ['МТС', '2 Mar 2026 (UTC) · hourly buckets', 'Compared with Билайн, Tele2', '3 of 4', '75% answered · 2 resolved', '30 min', 'p90 46 min', '50 min', 'p90 1 h 6 min', '43% negative', 'Tone over time', '10:00', 'Negative share']) {
      expect(first).toContain(expected);
    }
    const all = pdfText(file).replace(/\s+/g, ' ');
    for (const expected of [
      'Before (4 mentions) 100%',
      'After (3 mentions) 33%',
      'Нет связи или интернета 2 · 40%',
      '“МТС нет интернета с утра, что происходит?” — @boris, VK',
      'Complaint 3 · 60%',
      'МТС 64%',
      'Билайн (competitor) 27%',
      '@anna (VK) 3',
      '50 min',
      'In progress',
      'page 1 of',
    ]) {
      expect(all).toContain(expected);
    }
  });
});
