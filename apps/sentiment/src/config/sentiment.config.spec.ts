import { describe, expect, it } from 'vitest';
import { parseLanguageModels, sentimentSettings, sentimentSettingsSchema } from './sentiment.config.js';

describe('SENTIMENT_MODELS', () => {
  it('maps languages to models, paths and hub ids alike', () => {
    expect(parseLanguageModels('uk=/models/uk, en = cardiffnlp/twitter-xlm-roberta-base-sentiment')).toEqual({
      uk: '/models/uk',
      en: 'cardiffnlp/twitter-xlm-roberta-base-sentiment',
    });
    expect(parseLanguageModels('')).toEqual({});
  });

  it('rejects entries without a language or a model', () => {
    expect(() => parseLanguageModels('ukrainian=/x')).toThrow(/SENTIMENT_MODELS entry "ukrainian=\/x"/);
    expect(() => parseLanguageModels('uk=')).toThrow(/SENTIMENT_MODELS/);
    expect(sentimentSettingsSchema.safeParse({ SENTIMENT_MODELS: 'uk' }).success).toBe(false);
  });

  it('defaults to the bundled model for every language', () => {
    const config = sentimentSettings(sentimentSettingsSchema.parse({}));
    expect(config.model).toMatch(/pulse-sentiment-v\d$/);
    expect(config.languageModels).toEqual({});
  });
});
