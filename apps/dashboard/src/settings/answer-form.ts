import type { AnswerCategory, AnswerCategoryInput, Intent } from '../api/api.types.js';
import { INTENT_NAMES } from '../ui/format.js';

export interface TranslationRow {
  language: string;
  template: string;
}

export interface AnswerForm {
  name: string;
  /** One row per pattern (query syntax). */
  patterns: string[];
  template: string;
  translations: TranslationRow[];
  intents: Intent[];
}

export const EMPTY_ANSWER_FORM: AnswerForm = { name: '', patterns: [''], template: '', translations: [], intents: [] };

export function categoryToForm(category: AnswerCategory): AnswerForm {
  return {
    name: category.name,
    patterns: category.patterns.length ? [...category.patterns] : [''],
    template: category.template,
    translations: category.translations.map((t) => ({ ...t })),
    intents: [...category.intents],
  };
}

/** Drops blank pattern and translation rows, so the rows' indices are the ones the server will name. */
export function compactAnswerForm(form: AnswerForm): AnswerForm {
  const patterns = form.patterns.filter((p) => p.trim());
  const translations = form.translations.filter((t) => t.language.trim() || t.template.trim());
  return { ...form, patterns: patterns.length ? patterns : [''], translations };
}

export function formToAnswerInput(form: AnswerForm): AnswerCategoryInput {
  return {
    name: form.name.trim(),
    patterns: form.patterns.map((p) => p.trim()).filter(Boolean),
    template: form.template,
    translations: form.translations.map((t) => ({ language: t.language.trim().toLowerCase(), template: t.template })),
    intents: form.intents,
  };
}

/**
 * The server names a translation by language (`translations.en`, from the answer base) or by
 * row (`translations.0.template`, from input checks); both land on the row's template.
 */
export function answerErrorKey(key: string, form: AnswerForm): string {
  const byLanguage = /^translations\.([a-z]{2,3})$/u.exec(key);
  if (byLanguage) {
    const index = form.translations.findIndex((t) => t.language.trim().toLowerCase() === byLanguage[1]);
    return index >= 0 ? `translations.${index}.template` : 'translations';
  }
  return key;
}

export function answerFieldKeys(form: AnswerForm): string[] {
  const keys = ['name', 'patterns', 'template', 'translations', 'intents'];
  form.patterns.forEach((_, i) => keys.push(`patterns.${i}`));
  form.translations.forEach((_, i) => keys.push(`translations.${i}.language`, `translations.${i}.template`));
  return keys;
}

export function intentsSummary(intents: readonly Intent[]): string {
  return intents.length ? intents.map((i) => INTENT_NAMES[i]).join(', ') : 'any intent';
}
