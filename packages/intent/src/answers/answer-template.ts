export const TEMPLATE_PLACEHOLDERS = ['author.name', 'author.handle', 'topic.name', 'mention.url'] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

export type TemplateValues = Partial<Record<TemplatePlaceholder, string>>;

type Segment = { kind: 'text'; text: string } | { kind: 'placeholder'; name: TemplatePlaceholder };

export interface TemplateProblem {
  message: string;
  /** 0-based UTF-16 offset into the template. */
  position: number;
}

export interface ParsedTemplate {
  readonly source: string;
  readonly placeholders: readonly TemplatePlaceholder[];
  render(values: TemplateValues): RenderedTemplate;
}

export interface RenderedTemplate {
  text: string;
  /** Placeholders that had no value and rendered empty: the agent fills them in by hand. */
  missing: TemplatePlaceholder[];
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/gu;

/**
 * Splits `{{name}}` placeholders out of a template, or reports every problem with its
 * position: an unknown name or a `{{` never closed (a typo that would otherwise reach a
 * customer verbatim).
 */
export function parseTemplate(source: string): { ok: true; template: ParsedTemplate } | { ok: false; problems: TemplateProblem[] } {
  const segments: Segment[] = [];
  const problems: TemplateProblem[] = [];
  let cursor = 0;
  for (const match of source.matchAll(PLACEHOLDER)) {
    const start = match.index;
    const name = match[1] ?? '';
    pushText(segments, source.slice(cursor, start), cursor, problems);
    if ((TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name)) segments.push({ kind: 'placeholder', name: name as TemplatePlaceholder });
    else problems.push({ message: `unknown placeholder "{{${name}}}" (known: ${TEMPLATE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')})`, position: start });
    cursor = start + match[0].length;
  }
  pushText(segments, source.slice(cursor), cursor, problems);
  if (source.trim() === '') problems.push({ message: 'the template is empty', position: 0 });
  if (problems.length > 0) return { ok: false, problems };

  const placeholders = [...new Set(segments.flatMap((s) => (s.kind === 'placeholder' ? [s.name] : [])))];
  return {
    ok: true,
    template: {
      source,
      placeholders,
      render: (values) => {
        const missing = new Set<TemplatePlaceholder>();
        const text = segments
          .map((segment) => {
            if (segment.kind === 'text') return segment.text;
            const value = values[segment.name]?.trim() ?? '';
            if (value === '') missing.add(segment.name);
            return value;
          })
          .join('');
        return { text: tidy(text), missing: [...missing] };
      },
    },
  };
}

function pushText(segments: Segment[], text: string, offset: number, problems: TemplateProblem[]): void {
  const open = text.indexOf('{{');
  if (open !== -1) problems.push({ message: '"{{" is never closed with "}}"', position: offset + open });
  if (text !== '') segments.push({ kind: 'text', text });
}

/**
 * An empty greeting name ("{{author.name}}, здравствуйте!") or signature ("— {{topic.name}}")
 * must not leave a customer-facing ", здравствуйте!" or a dangling dash: drop the orphaned
 * punctuation at either end and doubled spaces.
 */
function tidy(text: string): string {
  const trimmed = text
    .replace(/[ \t]{2,}/gu, ' ')
    .replace(/ ([,.!?;:])/gu, '$1')
    .replace(/^[\s,;:—–-]+/u, '')
    .replace(/[\s,;:—–-]+$/u, '')
    .trim();
  return trimmed.charAt(0).toLocaleUpperCase() + trimmed.slice(1);
}
