import { COLORS, FONT, type Pdf } from './pdf-theme.js';

/** A4 in points, with the margins every page keeps (the footer sits in the bottom one). */
export const PAGE = { width: 595.28, height: 841.89, margin: 42 } as const;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.height - PAGE.margin - 14;

/** A top-to-bottom cursor over pages: sections ask for room and get a new page when there is none. */
export class PdfFlow {
  y: number = PAGE.margin;

  constructor(readonly doc: Pdf) {}

  get left(): number {
    return PAGE.margin;
  }

  /** Starts a new page unless `height` still fits below the cursor. */
  room(height: number): void {
    if (this.y + height <= BOTTOM) return;
    this.doc.addPage();
    this.y = PAGE.margin;
  }

  gap(points: number): void {
    this.y += points;
  }

  /** A section title with a rule under it; keeps `keepWith` points of content on the same page. */
  heading(title: string, keepWith = 60, note?: string): void {
    this.room(26 + keepWith);
    const { doc } = this;
    doc.font(FONT.bold).fontSize(11.5).fillColor(COLORS.text).text(title, this.left, this.y, { lineBreak: false });
    if (note) {
      const titleWidth = doc.widthOfString(title);
      doc.font(FONT.regular).fontSize(8).fillColor(COLORS.muted);
      doc.text(fitText(doc, note, CONTENT_WIDTH - titleWidth - 8), this.left + titleWidth + 8, this.y + 3, { lineBreak: false });
    }
    this.y += 16;
    doc.save().moveTo(this.left, this.y).lineTo(this.left + CONTENT_WIDTH, this.y).lineWidth(0.6).strokeColor(COLORS.line).stroke().restore();
    this.y += 7;
  }

  /** Wrapped text at the cursor; returns its height. */
  paragraph(text: string, options: { size?: number; color?: string; bold?: boolean; x?: number; width?: number } = {}): number {
    const { doc } = this;
    const width = options.width ?? CONTENT_WIDTH;
    doc.font(options.bold ? FONT.bold : FONT.regular).fontSize(options.size ?? 9).fillColor(options.color ?? COLORS.text);
    const height = doc.heightOfString(text, { width });
    this.room(height);
    doc.text(text, options.x ?? this.left, this.y, { width });
    this.y += height;
    return height;
  }
}

/**
 * The text cut to fit one line of `width` at the current font, with an ellipsis: pdfkit's own
 * `ellipsis` still wraps a single long line.
 */
export function fitText(doc: Pdf, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let end = text.length;
  while (end > 0 && doc.widthOfString(`${text.slice(0, end).trimEnd()}…`) > width) end--;
  return `${text.slice(0, end).trimEnd()}…`;
}

/** "Pulse period report · … · page n of N" on every page, once the page count is known (bufferPages). */
export function drawFooters(doc: Pdf, label: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const text = `${label} · page ${i - range.start + 1} of ${range.count}`;
    doc.font(FONT.regular).fontSize(7).fillColor(COLORS.muted);
    // Inside the bottom margin: lift it so pdfkit does not start a new page for it.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.text(text, PAGE.margin, PAGE.height - PAGE.margin + 8, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
