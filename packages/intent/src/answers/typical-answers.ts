import { compileQuery, prepareDocument, QueryParseError, tokenize, type CompiledQuery, type PreparedDocument, type TextToken } from '@pulse/query';
import { classifyIntent } from '../classification/intent.classifier.js';
import { ANSWERABLE_INTENTS, INTENTS, type Intent } from '../classification/intent.types.js';
import { parseTemplate, type ParsedTemplate, type TemplatePlaceholder } from './answer-template.js';

/** A typical answer: when it applies (query-language patterns, any one suffices) and what it says. */
export interface AnswerCategory {
  id: string;
  name: string;
  /** `@pulse/query` queries; a post matching any of them belongs to the category. */
  patterns: string[];
  /** The answer, with `{{author.name}}`, `{{author.handle}}`, `{{topic.name}}`, `{{mention.url}}`. */
  template: string;
  /** The same answer in other languages, by ISO 639-1 code; `template` is the fallback. */
  templates?: Record<string, string>;
  /** Only posts with one of these intents; absent = any intent. */
  intents?: Intent[];
}

export interface AnswerMention {
  text: string;
  language?: string;
  url?: string | null;
  author?: { name?: string; handle?: string };
  direct?: boolean;
}

export interface SuggestContext {
  /** The tracked topic (the brand) the mention belongs to: `{{topic.name}}`. */
  topic?: { id?: string; name: string };
  /** Classified already (the pipeline's result); classified here when absent and needed. */
  intent?: Intent;
}

export interface AnswerSuggestion {
  categoryId: string;
  categoryName: string;
  /** The template rendered for this mention. */
  suggestion: string;
  /** The pattern operands that matched, as written in the pattern. */
  matchedTerms: string[];
  /** Placeholders with no value (rendered empty): the agent completes them. */
  missing: TemplatePlaceholder[];
  /** Which template language was used. */
  language: string;
}

export interface CoverageMention extends AnswerMention {
  intent?: Intent;
  replyNeeded?: boolean;
  topic?: { id?: string; name: string };
}

export interface AnswerCoverage {
  /** Mentions that expect an answer: replyNeeded, or (when unknown) a complaint, question or request. */
  requests: number;
  /** Of those, the ones a category matched. */
  matched: number;
  /** matched / requests, 0 when there are no requests. */
  share: number;
  /** Every category in base order, including those that matched nothing. */
  byCategory: { categoryId: string; categoryName: string; matched: number }[];
}

export interface AnswerBase {
  readonly categories: readonly CompiledCategory[];
  /** The most specific matching category's answer, or null when none applies. */
  suggest(mention: AnswerMention, context?: SuggestContext): AnswerSuggestion | null;
  coverage(mentions: readonly CoverageMention[]): AnswerCoverage;
}

export interface CompiledCategory {
  readonly definition: AnswerCategory;
  readonly queries: readonly CompiledQuery[];
  readonly templates: ReadonlyMap<string, ParsedTemplate>;
  readonly fallback: ParsedTemplate;
}

export interface AnswerBaseIssue {
  categoryId: string;
  /** Which part: `id`, `name`, `patterns[2]`, `template`, `templates.en`, `intents`. */
  field: string;
  /** 0-based offset into that pattern or template, when the problem has one. */
  position?: number;
  message: string;
}

/** Every problem in the base at once, so an editor fixes them in one pass. */
export class AnswerBaseError extends Error {
  constructor(readonly issues: readonly AnswerBaseIssue[]) {
    super(`invalid answer base:\n${issues.map((i) => `  category "${i.categoryId}" ${i.field}${i.position === undefined ? '' : ` at position ${i.position}`}: ${i.message}`).join('\n')}`);
    this.name = 'AnswerBaseError';
  }
}

/**
 * Validates and compiles the base once; throws `AnswerBaseError` listing every bad pattern
 * (with its position), unknown placeholder, duplicate id or unknown intent.
 */
export function compileAnswerBase(categories: readonly AnswerCategory[]): AnswerBase {
  const issues: AnswerBaseIssue[] = [];
  const compiled: CompiledCategory[] = [];
  const ids = new Set<string>();
  for (const category of categories) {
    const before = issues.length;
    const report = (field: string, message: string, position?: number): void => {
      issues.push(position === undefined ? { categoryId: category.id, field, message } : { categoryId: category.id, field, message, position });
    };
    if (typeof category.id !== 'string' || category.id.trim() === '') report('id', 'must be a non-empty string');
    else if (ids.has(category.id)) report('id', 'is used by an earlier category');
    ids.add(category.id);
    if (typeof category.name !== 'string' || category.name.trim() === '') report('name', 'must be a non-empty string');
    if (category.patterns.length === 0) report('patterns', 'needs at least one pattern');
    for (const intent of category.intents ?? []) if (!INTENTS.includes(intent)) report('intents', `unknown intent "${String(intent)}" (known: ${INTENTS.join(', ')})`);

    const queries: CompiledQuery[] = [];
    category.patterns.forEach((pattern, index) => {
      try {
        queries.push(compileQuery(pattern));
      } catch (error) {
        if (!(error instanceof QueryParseError)) throw error;
        report(`patterns[${index}]`, `${error.message.replace(/ at position \d+/u, '')} in «${pattern}»`, error.position);
      }
    });

    const parse = (field: string, source: string): ParsedTemplate | undefined => {
      const parsed = parseTemplate(source);
      if (parsed.ok) return parsed.template;
      for (const problem of parsed.problems) report(field, problem.message, problem.position);
      return undefined;
    };
    const fallback = parse('template', category.template);
    const templates = new Map<string, ParsedTemplate>();
    for (const [language, source] of Object.entries(category.templates ?? {})) {
      const parsed = parse(`templates.${language}`, source);
      if (parsed !== undefined) templates.set(language, parsed);
    }
    if (issues.length === before && fallback !== undefined) compiled.push({ definition: category, queries, templates, fallback });
  }
  if (issues.length > 0) throw new AnswerBaseError(issues);
  return new CompiledAnswerBase(compiled);
}

interface Candidate {
  category: CompiledCategory;
  terms: string[];
  specificity: number;
}

class CompiledAnswerBase implements AnswerBase {
  private readonly filtersIntent: boolean;

  constructor(readonly categories: readonly CompiledCategory[]) {
    this.filtersIntent = categories.some((c) => c.definition.intents !== undefined);
  }

  suggest(mention: AnswerMention, context: SuggestContext = {}): AnswerSuggestion | null {
    const text = typeof mention.text === 'string' ? mention.text : '';
    const intent = this.filtersIntent ? (context.intent ?? classifyIntent(intentInput(mention)).intent) : context.intent;
    const doc = prepareDocument({ text });
    const tokens = tokenize(text);
    let best: Candidate | undefined;
    for (const category of this.categories) {
      const allowed = category.definition.intents;
      if (allowed !== undefined && (intent === undefined || !allowed.includes(intent))) continue;
      const candidate = bestPattern(category, doc, tokens);
      // Strictly greater: on equal specificity the earlier category (base order) keeps it.
      if (candidate !== undefined && (best === undefined || candidate.specificity > best.specificity)) best = candidate;
    }
    if (best === undefined) return null;

    const language = templateLanguage(mention.language, text);
    const template = best.category.templates.get(language) ?? best.category.fallback;
    const rendered = template.render({
      'author.name': mention.author?.name?.trim() || mention.author?.handle,
      'author.handle': mention.author?.handle,
      'topic.name': context.topic?.name,
      'mention.url': mention.url ?? undefined,
    });
    return {
      categoryId: best.category.definition.id,
      categoryName: best.category.definition.name,
      suggestion: rendered.text,
      matchedTerms: best.terms,
      missing: rendered.missing,
      language: best.category.templates.has(language) ? language : 'default',
    };
  }

  coverage(mentions: readonly CoverageMention[]): AnswerCoverage {
    const counts = new Map<string, number>(this.categories.map((c) => [c.definition.id, 0]));
    let requests = 0;
    let matched = 0;
    for (const mention of mentions) {
      let { intent, replyNeeded } = mention;
      if (replyNeeded === undefined && intent === undefined) ({ intent, replyNeeded } = classifyIntent(intentInput(mention)));
      const isRequest = replyNeeded ?? (intent !== undefined && ANSWERABLE_INTENTS.includes(intent));
      if (!isRequest) continue;
      requests += 1;
      const context: SuggestContext = {};
      if (intent !== undefined) context.intent = intent;
      if (mention.topic !== undefined) context.topic = mention.topic;
      const suggestion = this.suggest(mention, context);
      if (suggestion === null) continue;
      matched += 1;
      counts.set(suggestion.categoryId, (counts.get(suggestion.categoryId) ?? 0) + 1);
    }
    return {
      requests,
      matched,
      share: requests === 0 ? 0 : Math.round((matched / requests) * 10_000) / 10_000,
      byCategory: this.categories.map((c) => ({ categoryId: c.definition.id, categoryName: c.definition.name, matched: counts.get(c.definition.id) ?? 0 })),
    };
  }
}

/**
 * Specificity is how many of the post's words the pattern needed: "интернет NEAR/3 нет"
 * (two words) beats a bare "интернет", so the narrower category wins an overlap.
 */
function bestPattern(category: CompiledCategory, doc: PreparedDocument, tokens: readonly TextToken[]): Candidate | undefined {
  let best: Candidate | undefined;
  for (const query of category.queries) {
    const explanation = query.explain(doc);
    if (!explanation.matched) continue;
    const words = tokens.filter((token) => explanation.highlights.some((span) => token.start >= span.start && token.end <= span.end)).length;
    const specificity = Math.max(words, explanation.terms.length);
    if (best === undefined || specificity > best.specificity) best = { category, terms: explanation.terms, specificity };
  }
  return best;
}

function intentInput(mention: AnswerMention): { text: string; language?: string; direct?: boolean } {
  const input: { text: string; language?: string; direct?: boolean } = { text: typeof mention.text === 'string' ? mention.text : '' };
  if (mention.language !== undefined) input.language = mention.language;
  if (mention.direct !== undefined) input.direct = mention.direct;
  return input;
}

/** The mention's language when known; otherwise its script decides, Cyrillic meaning Russian first. */
function templateLanguage(language: string | undefined, text: string): string {
  if (language !== undefined && language !== 'und' && language !== '') return language;
  return /\p{Script=Cyrillic}/u.test(text) ? 'ru' : 'en';
}
