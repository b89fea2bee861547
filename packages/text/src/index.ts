export { detectLanguage, type DetectedLanguage } from './language/language.detector.js';
export { normalizeSocialText, SOCIAL_PLACEHOLDERS, type SocialPlaceholder } from './normalization/social-text.normalizer.js';
