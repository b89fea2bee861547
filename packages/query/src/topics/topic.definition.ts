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
  /** Names as people write them (Cyrillic, Latin, nicknames); each inflects, several words make a phrase. */
  keywords: string[];
  /**
   * Names also matched glued to other words (`#билайнотстой`, `ростелекомовский`): the
   * `*name*` operator. Opt-in, per name, because short names hide inside ordinary words.
   */
  glued?: string[];
  /**
   * Query operands for known false friends (`"магнит на холодильник"`, `озоновый`): a post
   * containing any of them is not about the brand. Any query syntax is allowed.
   */
  exclude?: string[];
}

/** A keyword as one query operand: quoted, so several words or "&" stay one phrase. */
function quoted(keyword: string): string | undefined {
  const clean = keyword.replace(/["«»“”„*]/gu, ' ').trim();
  return clean.length === 0 ? undefined : `"${clean}"`;
}

/** The topic as a query: `(names OR *glued*) AND NOT (excludes)`. */
export function topicQuery(topic: TopicDefinition): string {
  const names = [
    ...topic.keywords.map(quoted),
    ...(topic.glued ?? []).map((name) => {
      const operand = quoted(name);
      return operand === undefined ? undefined : `*${operand.slice(1, -1)}*`;
    }),
  ].filter((operand): operand is string => operand !== undefined);
  if (names.length === 0) throw new RangeError(`topic "${topic.id}" has no names to match`);
  const include = names.length === 1 ? names[0]! : `(${names.join(' OR ')})`;
  const exclude = (topic.exclude ?? []).map((operand) => operand.trim()).filter(Boolean);
  return exclude.length === 0 ? include : `${include} -(${exclude.join(' OR ')})`;
}
