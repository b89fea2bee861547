import { transliterationAliases } from '../text/transliteration.js';
import { normalizeWord } from '../text/word.normalizer.js';

/**
 * A tracked brand as a data record: the names people write, the names that may also appear
 * glued inside longer words, and the false friends to leave out. `topicQuery` turns it into
 * one query-language string, so a topic travels through the existing `query` field of a
 * tracked topic and every consumer (collector, gateway search) reads the same thing.
 */
export interface TopicDefinition {
  id: string;
  /** Display name. */
  name: string;
  /**
   * Names as people write them (Cyrillic, Latin, nicknames, handles); each inflects, several
   * words make a phrase. One ending in `*` is a prefix, matched as written (`сберовск*`).
   */
  keywords: string[];
  /**
   * Names also matched glued to other words (`#билайнотстой`, `ростелекомовский`): the
   * `*name*` operator. Opt-in, per name, because short names hide inside ordinary words.
   */
  glued?: string[];
  /** Further query operands that mean the brand, for names that need context (`chase NEAR/4 card`). */
  queries?: string[];
  /**
   * Query operands for known false friends (`"магнит на холодильник"`, `"альфа версия"`):
   * a post containing any of them is not about the brand. Any query syntax is allowed.
   */
  exclude?: string[];
  /**
   * Also match each keyword's transliteration (`Amazon` → `амазон`, `Пятёрочка` →
   * `pyaterochka`; see `transliterationAliases`). The aliases become part of the query, so
   * they are shown wherever the query is.
   */
  transliterate?: boolean;
}

/** A keyword as one query operand: quoted, so several words or "&" stay one phrase; `name*` a prefix. */
function keywordOperand(keyword: string): string | undefined {
  const clean = keyword.replace(/["«»“”„]/gu, ' ').trim();
  if (/^[\p{L}\p{N}]{2,}\*$/u.test(clean)) return clean;
  const words = clean.replaceAll('*', ' ').trim();
  return words.length === 0 ? undefined : `"${words}"`;
}

/** `*name*`, with spaces made hyphens so a several-word name stays one query word. */
function gluedOperand(name: string): string | undefined {
  const clean = name.replace(/["«»“”„*()]/gu, ' ').trim().replace(/\s+/gu, '-');
  return clean.length === 0 ? undefined : `*${clean}*`;
}

/** The generated aliases of a topic (what `transliterate` adds), without names it already has. */
export function topicAliases(topic: TopicDefinition): string[] {
  const known = new Set(topic.keywords.map((keyword) => normalizeWord(keyword).replace(/[^\p{L}\p{N}&]+/gu, ' ').trim()));
  const aliases = topic.keywords.filter((keyword) => !keyword.endsWith('*')).flatMap(transliterationAliases);
  return [...new Set(aliases)].filter((alias) => !known.has(alias));
}

/** The topic as a query: `(names OR *glued* OR queries) -(excludes)`. */
export function topicQuery(topic: TopicDefinition): string {
  const names = [
    ...topic.keywords.map(keywordOperand),
    ...(topic.transliterate ? topicAliases(topic).map(keywordOperand) : []),
    ...(topic.glued ?? []).map(gluedOperand),
    ...(topic.queries ?? []).map((query) => `(${query.trim()})`),
  ].filter((operand): operand is string => operand !== undefined);
  if (names.length === 0) throw new RangeError(`topic "${topic.id}" has no names to match`);
  const include = names.length === 1 ? names[0]! : `(${names.join(' OR ')})`;
  const exclude = (topic.exclude ?? []).map((operand) => operand.trim()).filter(Boolean);
  return exclude.length === 0 ? include : `${include} -(${exclude.join(' OR ')})`;
}
