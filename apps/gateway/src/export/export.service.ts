import type { ScoredMention } from '@pulse/contracts';
import { GatewayError } from '../errors/gateway.errors.js';
import { parseMentionFilter } from '../mentions/mention-filter.js';
import type { MentionService } from '../mentions/mention.service.js';

export const EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const LIST_FIELDS = ['topicIds', 'sentiments', 'sources', 'languages', 'intents', 'statuses', 'tags'] as const;
const TEXT_FIELDS = ['from', 'to', 'search', 'authorHandle', 'assignee'] as const;
const BOOLEAN_FIELDS = ['includeSpam', 'includeDuplicates', 'replyNeeded', 'unassigned'] as const;
const KNOWN = new Set<string>(['format', ...LIST_FIELDS, ...TEXT_FIELDS, ...BOOLEAN_FIELDS]);

const CSV_COLUMNS = [
  'id', 'source', 'sourceId', 'url', 'publishedAt', 'language', 'authorHandle', 'authorName',
  'sentiment', 'sentimentScore', 'topicIds', 'direct', 'spamScore', 'duplicateOf', 'intent', 'replyNeeded', 'text',
] as const;

function csvRow(mention: ScoredMention): string[] {
  return [
    mention.id, mention.source, mention.sourceId, mention.url ?? '', mention.publishedAt, mention.language,
    mention.author.handle, mention.author.name, mention.sentiment.label, String(mention.sentiment.score),
    mention.topicIds.join('|'), String(mention.direct), String(mention.spam.score), mention.duplicateOf ?? '',
    mention.intent?.label ?? '', mention.intent ? String(mention.intent.replyNeeded) : '', mention.text,
  ];
}

/**
 * RFC 4180 quoting, plus a leading apostrophe on cells a spreadsheet would run as a
 * formula: exported posts are written by strangers (OWASP "CSV injection").
 */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export interface ExportRequest {
  format: ExportFormat;
  filter: ReturnType<typeof parseMentionFilter>;
}

/** Streams every mention matching a filter page by page, so memory stays flat whatever the result size. */
export class ExportService {
  constructor(
    private readonly mentions: Pick<MentionService, 'stream'>,
    private readonly pageSize = 1000,
  ) {}

  /**
   * Query-string parameters use the MentionFilter names; list fields are repeated or
   * comma-separated (`sentiments=negative,neutral`), booleans are `true`/`false`.
   */
  parseRequest(query: Record<string, unknown>): ExportRequest {
    for (const name of Object.keys(query)) {
      if (!KNOWN.has(name)) throw new GatewayError('INVALID_ARGUMENT', `unknown parameter "${name}"`, { field: name });
    }
    const format = query['format'] ?? 'ndjson';
    if (typeof format !== 'string' || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
      throw new GatewayError('INVALID_ARGUMENT', `format must be one of ${EXPORT_FORMATS.join(', ')}`, { field: 'format' });
    }
    const input: Record<string, unknown> = {};
    const values = (name: string): string[] => {
      const raw = query[name];
      return (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
    };
    for (const name of LIST_FIELDS) if (query[name] !== undefined) input[name] = values(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
    for (const name of TEXT_FIELDS) {
      const [value, ...rest] = values(name);
      if (rest.length > 0) throw new GatewayError('INVALID_ARGUMENT', `${name} may be given once`, { field: name });
      if (value !== undefined) input[name] = value;
    }
    for (const name of BOOLEAN_FIELDS) {
      const [value] = values(name);
      if (value === undefined) continue;
      if (value !== 'true' && value !== 'false') throw new GatewayError('INVALID_ARGUMENT', `${name} must be true or false`, { field: name });
      input[name] = value === 'true';
    }
    return { format: format as ExportFormat, filter: parseMentionFilter(input) };
  }

  contentType(format: ExportFormat): string {
    return format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8';
  }

  /** Chunks of output text: a header (CSV) and then one chunk per store page. */
  async *render(request: ExportRequest): AsyncGenerator<string> {
    if (request.format === 'csv') yield `${CSV_COLUMNS.join(',')}\r\n`;
    for await (const page of this.mentions.stream(request.filter, this.pageSize)) {
      yield request.format === 'csv'
        ? page.map((m) => `${csvRow(m).map(csvCell).join(',')}\r\n`).join('')
        : page.map((m) => `${JSON.stringify(m)}\n`).join('');
    }
  }
}
