export interface LatencyPoint {
  rate: number;
  p50: number;
  p95: number;
  p99: number;
}

/** A dependency-free SVG: latency percentiles (log scale) against offered rate. */
export function latencyChartSvg(points: readonly LatencyPoint[], title: string): string {
  const width = 640;
  const height = 400;
  const margin = { left: 70, right: 130, top: 40, bottom: 60 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const values = points.flatMap((p) => [p.p50, p.p95, p.p99]).filter((v) => Number.isFinite(v) && v > 0);
  const minLog = Math.floor(Math.log10(Math.max(0.1, Math.min(...values, 1))));
  const maxLog = Math.ceil(Math.log10(Math.max(...values, 10)));
  const rates = points.map((p) => p.rate);
  const x = (i: number): number => margin.left + (rates.length === 1 ? plotW / 2 : (i / (rates.length - 1)) * plotW);
  const y = (v: number): number => margin.top + plotH - ((Math.log10(Math.max(v, 10 ** minLog)) - minLog) / (maxLog - minLog)) * plotH;
  const series: { key: 'p50' | 'p95' | 'p99'; color: string }[] = [
    { key: 'p50', color: '#2563eb' },
    { key: 'p95', color: '#f59e0b' },
    { key: 'p99', color: '#dc2626' },
  ];
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="100%" height="100%" fill="white"/>`);
  parts.push(`<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">${escapeXml(title)}</text>`);
  for (let e = minLog; e <= maxLog; e++) {
    const yy = y(10 ** e);
    parts.push(`<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${yy}" y2="${yy}" stroke="#e5e7eb"/>`);
    parts.push(`<text x="${margin.left - 8}" y="${yy + 4}" text-anchor="end">${10 ** e} ms</text>`);
  }
  rates.forEach((rate, i) => parts.push(`<text x="${x(i)}" y="${margin.top + plotH + 20}" text-anchor="middle">${rate}/s</text>`));
  parts.push(`<text x="${margin.left + plotW / 2}" y="${height - 15}" text-anchor="middle">offered rate (mentions per second)</text>`);
  parts.push(`<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${margin.top + plotH}" stroke="#111"/>`);
  parts.push(`<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${margin.top + plotH}" y2="${margin.top + plotH}" stroke="#111"/>`);
  series.forEach(({ key, color }, s) => {
    const pts = points.map((p, i) => `${x(i).toFixed(1)},${y(p[key]).toFixed(1)}`).join(' ');
    parts.push(`<polyline points="${pts}" fill="none" stroke="${color}" stroke-width="2"/>`);
    points.forEach((p, i) => parts.push(`<circle cx="${x(i).toFixed(1)}" cy="${y(p[key]).toFixed(1)}" r="3.5" fill="${color}"><title>${key} at ${p.rate}/s: ${p[key]} ms</title></circle>`));
    parts.push(`<rect x="${width - margin.right + 20}" y="${margin.top + s * 22}" width="14" height="4" fill="${color}"/>`);
    parts.push(`<text x="${width - margin.right + 40}" y="${margin.top + s * 22 + 6}">${key}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
}
