import { mentionId } from './mention-id.js';

/**
 * Names people use for a source that Pulse files under another: the product calls it X,
 * the wire and the stores keep `twitter` (ids derived from it must not change).
 */
export const SOURCE_ALIASES = { x: 'twitter' } as const;
export type SourceAlias = keyof typeof SOURCE_ALIASES;

/** The source an alias stands for; any other name unchanged. */
export function canonicalSource(source: string): string {
  return Object.hasOwn(SOURCE_ALIASES, source) ? SOURCE_ALIASES[source as SourceAlias] : source;
}

/**
 * Why a supplied mention id cannot be accepted, or null when it is the one derived from
 * source + sourceId (or absent, so it will be derived). Identity is derived, never trusted:
 * a producer that could choose ids could overwrite another post's mention or store one post
 * twice. Every edge that accepts raw mentions (HTTP ingest, each consumer of the raw topic)
 * goes through rawMentionSchema, and every consumer of the scored and stored topics through
 * scoredMentionSchema; both call this.
 */
export function mentionIdProblem(mention: { id?: string | undefined; source: string; sourceId: string }): string | null {
  if (mention.id === undefined) return null;
  const expected = mentionId(mention.source, mention.sourceId);
  if (mention.id === expected) return null;
  return `id does not match source + sourceId (expected ${expected}; leave it out to have it derived)`;
}

/**
 * Characters that carry no content: C0/C1 controls (NUL included), format characters
 * (zero-width spaces, joiners, direction marks, BOM) and every kind of white space.
 */
const CONTENTLESS = /[\p{Cc}\p{Cf}\p{Z}\s]/gu;

/** True when nothing readable is left once contentless characters are removed ("\u0000\u0000", " \u200b\n"). */
export function isBlankText(text: string): boolean {
  return text.replace(CONTENTLESS, '').length === 0;
}

export const BLANK_TEXT_MESSAGE = 'text is empty once control characters, zero-width characters and white space are removed';
