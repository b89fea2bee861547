import { createRequire } from 'node:module';
import type PDFDocument from 'pdfkit';

export type Pdf = InstanceType<typeof PDFDocument>;

/** The dashboard's light theme (ui/styles.css): a report prints on white. */
export const COLORS = {
  text: '#1b2230',
  muted: '#5d6778',
  line: '#dde2ea',
  track: '#eceef2',
  accent: '#2f5bd3',
  panel: '#f4f6f9',
  negative: '#c8323c',
  neutral: '#6b7485',
  positive: '#1f8a5a',
} as const;

export const TONES = ['negative', 'neutral', 'positive'] as const;

/** Registered font names (see registerFonts). */
export const FONT = { regular: 'pulse-regular', bold: 'pulse-bold' } as const;

const require = createRequire(import.meta.url);

/**
 * DejaVu Sans, shipped as an npm dependency: the PDF standard fonts have no Cyrillic, and a
 * user's server may have no fonts at all. Embedded as subsets, so a report stays small.
 */
export function registerFonts(doc: Pdf): void {
  doc.registerFont(FONT.regular, require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
  doc.registerFont(FONT.bold, require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'));
}
