import { ApiError, describeMutationError } from '../api/graphql-client.js';

/** A server error placed next to one field of a settings form (`form`: above the buttons). */
export interface FieldError {
  key: string;
  message: string;
  /** 0-based offset into the field's text (query syntax, patterns, templates). */
  position?: number;
}

export const FORM_KEY = 'form';

/**
 * `input.conditions.query` → `conditions.query`; `input.patterns[1]` and `input.patterns.1` →
 * `patterns.1` (the gateway uses both styles).
 */
export function normalizeField(raw: string): string {
  return raw
    .replace(/^input\./u, '')
    .replace(/\[(\d+)\]/gu, '.$1')
    .replace(/^\./u, '');
}

/** The server's message without the field it starts with ("input.template: unknown …" → "unknown …"). */
function stripFieldPrefix(message: string, field: string | undefined): string {
  if (!field) return message;
  return message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
}

/** Nearest field of the form: the named one, else its closest enclosing one, else the form. */
export function placeField(key: string, known: readonly string[]): string {
  let best: string | undefined;
  for (const candidate of known) {
    if (key === candidate) return candidate;
    if (key.startsWith(`${candidate}.`) && (!best || candidate.length > best.length)) best = candidate;
  }
  return best ?? FORM_KEY;
}

/**
 * Any failure of a save → where to show it and what to say. `rename` maps a named field onto the
 * form's own key first (a translation named by language → its row).
 */
export function toFieldError(error: unknown, known: readonly string[], rename: (key: string) => string = (key) => key): FieldError {
  const apiError = error instanceof ApiError ? error : new ApiError('network', String(error));
  const field = apiError.details.field;
  if (!field || (apiError.kind !== 'invalid' && apiError.code !== 'INVALID_ARGUMENT')) return { key: FORM_KEY, message: describeMutationError(apiError) };
  const named = rename(normalizeField(field));
  const key = placeField(named, known);
  const message = stripFieldPrefix(apiError.message, field);
  const position = apiError.details.position;
  return {
    key,
    // Placed on an enclosing field (a header row's name, say): keep the detail in the words.
    message: key === named || key === FORM_KEY || !named.startsWith(`${key}.`) ? message : `${named.slice(key.length + 1)}: ${message}`,
    ...(position === undefined ? {} : { position }),
  };
}

/**
 * The line of `text` holding `position` and a caret line under it (spaces, then ^), for showing
 * where a query or template went wrong; a position past the end points just after the text.
 */
export function caretAt(text: string, position: number): { line: string; caret: string } {
  const at = Math.max(0, Math.min(position, text.length));
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const end = text.indexOf('\n', at);
  const line = text.slice(start, end < 0 ? text.length : end);
  return { line, caret: `${' '.repeat(at - start)}^` };
}
