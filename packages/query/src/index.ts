export {
  compileQuery,
  prepareDocument,
  validateQuery,
  type PreparedDocument,
  type CompiledQuery,
  type QueryExplanation,
  type QueryTerm,
  type QueryValidation,
  type TextSpan,
} from './matching/query.compiler.js';
export type { QueryDocument } from './matching/document.view.js';
export { parseQuery, MAX_NESTING, MAX_QUERY_LENGTH } from './parsing/query.parser.js';
export { MAX_NEAR_DISTANCE } from './parsing/query.lexer.js';
export { QueryParseError } from './parsing/query-parse.error.js';
export {
  QUERY_FIELDS,
  type AndNode,
  type FieldNode,
  type NearNode,
  type NotNode,
  type OrNode,
  type PhraseNode,
  type PrefixNode,
  type QueryField,
  type QueryNode,
  type SourceSpan,
  type TermNode,
} from './parsing/query.ast.js';
export { stem } from './stemming/word.stemmer.js';
export { stemEnglish } from './stemming/english.stemmer.js';
export { stemRussian } from './stemming/russian.stemmer.js';
export { tokenize, type TextToken } from './text/text.tokenizer.js';
export { normalizeWord } from './text/word.normalizer.js';
export { foldHomoglyphs, foldHomoglyphsInText, cyrillicLookalike } from './text/homoglyph.folding.js';
export { transliterationAliases } from './text/transliteration.js';
export { CASE_ENDINGS, isAcronym } from './matching/name-forms.js';
export { topicAliases, topicQuery, type TopicDefinition } from './topics/topic.definition.js';
export { DEFAULT_TOPICS } from './topics/default-topics.js';
