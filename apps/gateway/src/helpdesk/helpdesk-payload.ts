import type { ScoredMention } from '@pulse/contracts';

/** What a helpdesk payload template may reference. */
export const HELPDESK_PLACEHOLDERS = [
  'mention.id',
  'mention.text',
  'mention.excerpt',
  'mention.url',
  'mention.source',
  'mention.language',
  'mention.publishedAt',
  'author.handle',
  'author.name',
  'author.url',
  'topics',
  'sentiment',
  'intent',
  'suggestion',
  'rule.id',
  'rule.name',
] as const;
export type HelpdeskPlaceholder = (typeof HELPDESK_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{\{\s*([a-zA-Z.]+)\s*\}\}/gu;
const EXCERPT_LENGTH = 280;

export interface PayloadContext {
  mention: ScoredMention;
  topicNames: string[];
  rule: { id: string; name: string };
  suggestion: string | null;
}

export type TemplateCheck = { ok: true } | { ok: false; message: string; position?: number };

/**
 * A template is JSON text whose string values may contain {{placeholders}}; values are
 * substituted JSON-escaped, so a mention's quotes or newlines can never break the document.
 * Checked when the rule is saved: every placeholder known, and valid JSON once filled.
 */
export function checkPayloadTemplate(template: string): TemplateCheck {
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (!(HELPDESK_PLACEHOLDERS as readonly string[]).includes(match[1]!)) {
      return { ok: false, message: `unknown placeholder {{${match[1]}}} (known: ${HELPDESK_PLACEHOLDERS.join(', ')})`, position: match.index };
    }
  }
  try {
    JSON.parse(template.replace(PLACEHOLDER, 'x'));
    return { ok: true };
  } catch (error) {
    return { ok: false, message: `not valid JSON once placeholders are filled (placeholders belong inside "strings"): ${(error as Error).message}` };
  }
}

function values(context: PayloadContext): Record<HelpdeskPlaceholder, string> {
  const { mention } = context;
  const text = mention.text;
  return {
    'mention.id': mention.id,
    'mention.text': text,
    'mention.excerpt': text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1)}…` : text,
    'mention.url': mention.url ?? '',
    'mention.source': mention.source,
    'mention.language': mention.language,
    'mention.publishedAt': mention.publishedAt,
    'author.handle': mention.author.handle,
    'author.name': mention.author.name,
    'author.url': mention.author.url ?? '',
    topics: context.topicNames.join(', '),
    sentiment: mention.sentiment.label,
    intent: mention.intent?.label ?? '',
    suggestion: context.suggestion ?? '',
    'rule.id': context.rule.id,
    'rule.name': context.rule.name,
  };
}

/** The request body: the template filled in, or (no template) the whole mention with its context. */
export function renderPayload(template: string | null, context: PayloadContext): string {
  if (template === null) {
    return JSON.stringify({
      rule: context.rule,
      topics: context.topicNames,
      suggestion: context.suggestion,
      mention: context.mention,
    });
  }
  const filled = values(context);
  return template.replace(PLACEHOLDER, (_, name: string) => JSON.stringify(filled[name as HelpdeskPlaceholder] ?? '').slice(1, -1));
}
