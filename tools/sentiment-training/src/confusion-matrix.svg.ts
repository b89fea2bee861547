import { LABELS } from './sample.js';

const escapeXml = (s: string): string => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A confusion matrix as a self-contained SVG (rows gold, columns predicted), shaded by each
 * row's share so small classes are as readable as the majority class.
 */
export function renderConfusionSvg(title: string, matrix: readonly (readonly number[])[], labels: readonly string[] = LABELS): string {
  const cell = 86;
  const left = 96;
  const top = 70;
  const size = labels.length * cell;
  const width = left + size + 20;
  const height = top + size + 40;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="13">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="${left + size / 2}" y="${top - 28}" text-anchor="middle" fill="#555">predicted</text>`,
    `<text x="16" y="${top + size / 2}" text-anchor="middle" fill="#555" transform="rotate(-90 16 ${top + size / 2})">gold</text>`,
  ];
  labels.forEach((label, j) => parts.push(`<text x="${left + j * cell + cell / 2}" y="${top - 8}" text-anchor="middle">${escapeXml(label)}</text>`));
  matrix.forEach((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    parts.push(`<text x="${left - 8}" y="${top + i * cell + cell / 2 + 4}" text-anchor="end">${escapeXml(labels[i] ?? String(i))}</text>`);
    row.forEach((count, j) => {
      const share = total > 0 ? count / total : 0;
      const x = left + j * cell;
      const y = top + i * cell;
      const light = Math.round(255 - share * 190);
      const fill = i === j ? `rgb(${light},${Math.round(255 - share * 120)},${light})` : `rgb(255,${light},${light})`;
      parts.push(
        `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${fill}" stroke="#999"/>`,
        `<text x="${x + cell / 2}" y="${y + cell / 2}" text-anchor="middle" font-size="16">${count}</text>`,
        `<text x="${x + cell / 2}" y="${y + cell / 2 + 18}" text-anchor="middle" fill="#444" font-size="11">${(100 * share).toFixed(1)}%</text>`,
      );
    });
  });
  parts.push(`<text x="${left}" y="${height - 12}" fill="#555" font-size="11">rows: gold label; cells: count and share of the row</text>`, '</svg>');
  return `${parts.join('\n')}\n`;
}
