export { detectLanguage, type DetectedLanguage } from './language/language.detector.js';
export { KeywordMatcher, normalizeForMatching, type KeywordMatch, type MatcherTopic } from './matching/keyword.matcher.js';
export { normalizeSocialText, SOCIAL_PLACEHOLDERS, type SocialPlaceholder } from './normalization/social-text.normalizer.js';
