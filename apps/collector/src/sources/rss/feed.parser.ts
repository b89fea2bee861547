import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { htmlToText } from './html-text.js';

/** One item of an RSS 2.0 / RSS 1.0 (RDF) / Atom feed, reduced to what a mention needs. */
export interface FeedEntry {
  /** guid / Atom id, else the link: what "the same item" means on a re-listing. */
  id: string | undefined;
  title: string;
  link: string | undefined;
  summary: string;
  published: string | undefined;
  author: string | undefined;
  /** Google News and similar aggregators name the original publisher per item. */
  publisher: { name: string; url: string | undefined } | undefined;
}

export interface ParsedFeed {
  title: string | undefined;
  link: string | undefined;
  entries: FeedEntry[];
}

export class FeedParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedParseError';
  }
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  // Titles like "2024" or "true" must stay strings.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => ['item', 'entry', 'link', 'author', 'category'].includes(name),
});

export function parseFeed(xml: string): ParsedFeed {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new FeedParseError(`malformed XML at line ${valid.err.line}: ${valid.err.msg}`);
  const doc = parser.parse(xml) as Record<string, unknown>;

  const rss = record(doc.rss);
  const rdf = record(doc['rdf:RDF']);
  const atom = record(doc.feed);
  if (rss || rdf) {
    const channel = record(rss?.channel) ?? record(rdf?.channel);
    const items = array(channel?.item ?? rdf?.item);
    return { title: text(channel?.title), link: rssLink(channel?.link), entries: items.map(rssEntry) };
  }
  if (atom) {
    return { title: text(atom.title), link: atomLink(atom.link), entries: array(atom.entry).map(atomEntry) };
  }
  throw new FeedParseError(`not an RSS or Atom document (root: ${Object.keys(doc).filter((k) => !k.startsWith('?')).join(', ') || 'none'})`);
}

function rssEntry(raw: unknown): FeedEntry {
  const item = record(raw) ?? {};
  const link = rssLink(item.link);
  const source = item.source;
  const publisherName = text(source);
  return {
    id: text(item.guid) || text(item['@_rdf:about']) || link,
    title: htmlToText(text(item.title) ?? ''),
    link,
    summary: htmlToText(text(item.description) ?? text(item['content:encoded']) ?? ''),
    published: text(item.pubDate) ?? text(item['dc:date']),
    author: authorName(text(item['dc:creator']) ?? text(array(item.author)[0])),
    publisher: publisherName ? { name: publisherName, url: text(record(source)?.['@_url']) } : undefined,
  };
}

function atomEntry(raw: unknown): FeedEntry {
  const entry = record(raw) ?? {};
  const link = atomLink(entry.link);
  return {
    id: text(entry.id) || link,
    title: htmlToText(text(entry.title) ?? ''),
    link,
    summary: htmlToText(text(entry.summary) ?? text(entry.content) ?? ''),
    published: text(entry.published) ?? text(entry.updated),
    author: text(record(array(entry.author)[0])?.name),
    publisher: undefined,
  };
}

/** RSS `<link>` is text, but some feeds mix in `<atom:link href>`; take the first text one. */
function rssLink(value: unknown): string | undefined {
  for (const link of array(value)) {
    const href = text(link) ?? text(record(link)?.['@_href']);
    if (href) return href;
  }
  return undefined;
}

/** Atom has several links; the alternate (or rel-less) one is the article. */
function atomLink(value: unknown): string | undefined {
  const links = array(value).map((l) => record(l) ?? {});
  const alternate = links.find((l) => l['@_rel'] === undefined || l['@_rel'] === 'alternate') ?? links[0];
  return text(alternate?.['@_href']);
}

/** RSS `<author>` is "email (Name)"; the name is what a reader recognises. */
function authorName(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const inParens = /\(([^)]+)\)\s*$/.exec(value);
  return (inParens?.[1] ?? value).trim() || undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const node = record(value);
  if (node && '#text' in node) return text(node['#text']);
  return undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function array(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}
