import type { ScoredMention } from '@pulse/contracts';
import { AnswerBaseError, DEFAULT_ANSWERS, INTENTS, compileAnswerBase, type AnswerBase, type AnswerCategory, type AnswerSuggestion, type Intent } from '@pulse/intent';
import type { Logger } from '@pulse/runtime';
import { z } from 'zod';
import { GatewayError, parseArgs } from '../errors/gateway.errors.js';
import { topicSlug } from '../topics/topic.service.js';
import type { SettingsRepository } from '../database/settings.repository.js';
import type { AnswerRepository, StoredAnswerCategory } from './answer.repository.js';

const SEEDED = 'answers.seeded';
/** Another replica's edits reach this one within this long. */
const RELOAD_MS = 30_000;

export const answerCategoryInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  patterns: z.array(z.string().trim().min(1).max(2_000)).min(1, 'needs at least one pattern').max(50),
  template: z.string().trim().min(1).max(4_000),
  /** Per language (ISO 639-1) translations of the template. */
  translations: z
    .array(z.object({ language: z.string().regex(/^[a-z]{2}$/u, 'must be an ISO 639-1 code'), template: z.string().trim().min(1).max(4_000) }))
    .max(20)
    .nullish(),
  intents: z.array(z.enum(INTENTS)).nullish(),
  position: z.number().int().min(0).max(1_000_000).nullish(),
});
export type AnswerCategoryInput = z.input<typeof answerCategoryInputSchema>;

export interface AnswerCategoryView extends StoredAnswerCategory {
  id: string;
}

/**
 * The typical-answer base: categories with query-language patterns and templates, kept in
 * the store, compiled once per change. Each arriving request is matched at triage (the
 * category is recorded for coverage); the suggestion text is rendered when read, from the
 * current template.
 */
export class AnswerService {
  private compiled: { base: AnswerBase; names: Map<string, string>; loadedAt: number } | undefined;

  constructor(
    private readonly store: AnswerRepository,
    private readonly settings: SettingsRepository,
    private readonly logger: Logger,
    private readonly clock: () => number = Date.now,
  ) {}

  /** First start only: the demo base, so suggestions work out of the box; deleting it all later sticks. */
  async bootstrap(): Promise<void> {
    if ((await this.settings.getSetting(SEEDED)) !== null) return;
    if ((await this.store.listAnswerCategories()).length === 0) {
      const at = new Date(this.clock()).toISOString();
      for (const [index, definition] of DEFAULT_ANSWERS.entries()) {
        await this.store.upsertAnswerCategory({ definition, position: index * 10, createdAt: at, updatedAt: at });
      }
      this.logger.info({ categories: DEFAULT_ANSWERS.length }, 'seeded the typical-answer base');
    }
    await this.settings.setSetting(SEEDED, new Date(this.clock()).toISOString());
    this.compiled = undefined;
  }

  async list(): Promise<AnswerCategoryView[]> {
    return (await this.store.listAnswerCategories()).map((c) => ({ ...c, id: c.definition.id }));
  }

  async create(input: AnswerCategoryInput): Promise<AnswerCategoryView> {
    const parsed = parseInput(input);
    const existing = await this.store.listAnswerCategories();
    const taken = new Set(existing.map((c) => c.definition.id));
    const slug = topicSlug(parsed.name);
    let id = slug;
    for (let n = 2; taken.has(id); n++) id = `${slug}-${n}`;
    const at = new Date(this.clock()).toISOString();
    const position = parsed.position ?? (existing.reduce((max, c) => Math.max(max, c.position), -10) + 10);
    const category: StoredAnswerCategory = { definition: toDefinition(id, parsed), position, createdAt: at, updatedAt: at };
    this.validate([...existing.map((c) => c.definition), category.definition], id);
    await this.store.upsertAnswerCategory(category);
    this.compiled = undefined;
    return { ...category, id };
  }

  async update(id: string, input: AnswerCategoryInput): Promise<AnswerCategoryView> {
    const parsed = parseInput(input);
    const existing = await this.store.listAnswerCategories();
    const current = existing.find((c) => c.definition.id === id);
    if (!current) throw new GatewayError('NOT_FOUND', `no answer category "${id}"`, { field: 'id' });
    const category: StoredAnswerCategory = {
      definition: toDefinition(id, parsed),
      position: parsed.position ?? current.position,
      createdAt: current.createdAt,
      updatedAt: new Date(this.clock()).toISOString(),
    };
    this.validate(existing.map((c) => (c.definition.id === id ? category.definition : c.definition)), id);
    await this.store.upsertAnswerCategory(category);
    this.compiled = undefined;
    return { ...category, id };
  }

  async delete(id: string): Promise<AnswerCategoryView> {
    const current = (await this.store.listAnswerCategories()).find((c) => c.definition.id === id);
    if (!current || !(await this.store.deleteAnswerCategory(id))) throw new GatewayError('NOT_FOUND', `no answer category "${id}"`, { field: 'id' });
    this.compiled = undefined;
    return { ...current, id };
  }

  /** The most specific category for a mention that needs an answer; null for everything else. */
  async suggest(mention: ScoredMention, topicName: string | undefined): Promise<AnswerSuggestion | null> {
    if (!mention.intent?.replyNeeded) return null;
    const { base } = await this.base();
    return base.suggest(mention, { intent: mention.intent.label as Intent, ...(topicName ? { topic: { name: topicName } } : {}) });
  }

  async categoryName(id: string): Promise<string | undefined> {
    return (await this.base()).names.get(id);
  }

  private async base(): Promise<{ base: AnswerBase; names: Map<string, string> }> {
    if (this.compiled && this.clock() - this.compiled.loadedAt < RELOAD_MS) return this.compiled;
    const definitions = (await this.store.listAnswerCategories()).map((c) => c.definition);
    let base: AnswerBase;
    try {
      base = compileAnswerBase(definitions);
    } catch (error) {
      // Saved categories were validated; only a hand-edited database gets here. Skip the bad ones rather than lose all suggestions.
      if (!(error instanceof AnswerBaseError)) throw error;
      const bad = new Set(error.issues.map((i) => i.categoryId));
      this.logger.error({ err: error }, 'stored answer categories do not compile; skipping them');
      base = compileAnswerBase(definitions.filter((d) => !bad.has(d.id)));
    }
    this.compiled = { base, names: new Map(definitions.map((d) => [d.id, d.name])), loadedAt: this.clock() };
    return this.compiled;
  }

  private validate(definitions: AnswerCategory[], id: string): void {
    try {
      compileAnswerBase(definitions);
    } catch (error) {
      if (!(error instanceof AnswerBaseError)) throw error;
      const issue = error.issues.find((i) => i.categoryId === id) ?? error.issues[0]!;
      const field = `input.${issue.field.replace(/^templates\.(\w+)$/u, 'translations.$1')}`;
      throw new GatewayError('INVALID_ARGUMENT', `${field}: ${issue.message}`, { field, ...(issue.position === undefined ? {} : { position: issue.position }) }, { cause: error });
    }
  }
}

function parseInput(input: AnswerCategoryInput): z.output<typeof answerCategoryInputSchema> {
  return parseArgs(answerCategoryInputSchema, input, 'input');
}

function toDefinition(id: string, input: z.output<typeof answerCategoryInputSchema>): AnswerCategory {
  const definition: AnswerCategory = { id, name: input.name, patterns: input.patterns, template: input.template };
  if (input.translations?.length) definition.templates = Object.fromEntries(input.translations.map((t) => [t.language, t.template]));
  if (input.intents?.length) definition.intents = input.intents;
  return definition;
}
