import { describe, expect, it } from 'vitest';
import { loadDistributedSentimentEnv, parseLanguageModels, sentimentSettings, sentimentSettingsSchema } from './sentiment.config.js';

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

describe('distributed sentiment TLS settings', () => {
  it('takes certificate and key together, and reports half a TLS set-up by name', () => {
    const env = loadDistributedSentimentEnv({ KAFKA_BROKERS: 'localhost:9092', TLS_CERT_FILE: '/tls/cert.pem', TLS_KEY_FILE: '/tls/key.pem' });
    expect(env).toMatchObject({ TLS_CERT_FILE: '/tls/cert.pem', TLS_KEY_FILE: '/tls/key.pem', TLS_MIN_VERSION: 'TLSv1.2' });
    expect(() => loadDistributedSentimentEnv({ KAFKA_BROKERS: 'localhost:9092', TLS_CERT_FILE: '/tls/cert.pem' })).toThrow(/TLS_KEY_FILE/);
    expect(() => loadDistributedSentimentEnv({ KAFKA_BROKERS: 'localhost:9092', TLS_MIN_VERSION: 'TLSv1.1' })).toThrow(/TLS_MIN_VERSION/);
  });
});

describe('HEAP_GROWTH_PERCENT', () => {
  it('defaults to a bounded growth and reports a bad value with the other problems', () => {
    expect(loadDistributedSentimentEnv({ KAFKA_BROKERS: 'localhost:9092' }).HEAP_GROWTH_PERCENT).toBe(50);
    expect(loadDistributedSentimentEnv({ KAFKA_BROKERS: 'localhost:9092', HEAP_GROWTH_PERCENT: '0' }).HEAP_GROWTH_PERCENT).toBe(0);
    expect(() => loadDistributedSentimentEnv({ HEAP_GROWTH_PERCENT: 'half' })).toThrow(/KAFKA_BROKERS[\s\S]*HEAP_GROWTH_PERCENT|HEAP_GROWTH_PERCENT[\s\S]*KAFKA_BROKERS/);
  });
});
