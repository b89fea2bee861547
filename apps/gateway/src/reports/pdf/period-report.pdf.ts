import PDFDocument from 'pdfkit';
import type { PeriodReport } from '../period-report.model.js';
import { formatPeriod } from '../report-format.js';
import { PAGE, PdfFlow, drawFooters } from './pdf-layout.js';
import { registerFonts } from './pdf-theme.js';
import { drawHandledRequests, drawHandling, drawHeader, drawKpis, drawProblems, drawToneSections, drawVoiceSourcesAuthors, reportTitle } from './report-sections.js';

/**
 * The period report as a PDF (A4), drawn with pdfkit's vector API: the dashboard's charts
 * (same geometry and colours, see report-charts.ts), text in an embedded DejaVu Sans subset.
 * No browser: users' servers have none. Deterministic for a given report (the creation date
 * is the report's generatedAt), so the same figures give the same bytes.
 */
export async function renderPeriodReportPdf(report: PeriodReport): Promise<Buffer> {
  const title = `${reportTitle(report)} — ${formatPeriod(report.from, report.to)}`;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
    bufferPages: true,
    info: { Title: `Pulse period report: ${title}`, Author: 'Pulse', Creator: 'Pulse', CreationDate: new Date(report.generatedAt) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerFonts(doc);
  const flow = new PdfFlow(doc);
  drawHeader(flow, report);
  drawKpis(flow, report);
  drawToneSections(flow, report);
  drawHandling(flow, report);
  drawProblems(flow, report);
  drawVoiceSourcesAuthors(flow, report);
  drawHandledRequests(flow, report);
  drawFooters(doc, `Pulse period report · ${title}`);
  doc.end();
  return done;
}
