import { parse } from 'node-html-parser';

/**
 * Feed descriptions are HTML fragments (often entity-escaped twice over); the pipeline
 * scores and matches plain text, so block boundaries become newlines and markup goes.
 */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html.trim();
  const root = parse(html, { blockTextElements: { script: false, style: false, noscript: false } });
  for (const node of root.querySelectorAll('script, style, noscript')) node.remove();
  return root.structuredText
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
