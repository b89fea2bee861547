export { detectLanguage, type DetectedLanguage } from './language/language.detector.js';
export { normalizeSocialText, SOCIAL_PLACEHOLDERS, type SocialPlaceholder } from './normalization/social-text.normalizer.js';
export { splitClauses, CLAUSE_CONNECTIVES, type Clause, type ClauseBoundary, type Connective, type ConnectiveKind } from './clauses/clause.splitter.js';
