import { SOCIAL_PLACEHOLDERS, normalizeSocialText } from '@pulse/text';

/**
 * Social-media normalization (links, handles, emoticons, elongation, ё, case) runs in TypeScript
 * before the tokenizer: @pulse/text's normalizeSocialText, applied by the app, the CLI and the
 * trainer alike (config.json `pulse.input_normalization`). tokenizer.json only lowercases, so
 * that the JS tokenizer, the throughput bottleneck, does as little as possible; its placeholders
 * ([URL], [SMILE], [BRAND], ...) are added tokens, split off before pre-tokenization.
 */
export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'] as const;
export const PLACEHOLDER_TOKENS: readonly string[] = SOCIAL_PLACEHOLDERS;
export const PAD_ID = 0;
export const UNK_ID = 1;
export const CLS_ID = 2;
export const SEP_ID = 3;
export const MODEL_MAX_LENGTH = 256;

export function normalizerConfig(): object {
  return { type: 'Lowercase' };
}

/** The text the tokenizer sees for a raw input: lowercase apart from the placeholders. */
export function normalizeText(text: string): string {
  return normalizeSocialText(text);
}

const PLACEHOLDER_RE = new RegExp(PLACEHOLDER_TOKENS.map((t) => t.replace(/[[\]]/g, '\\$&')).join('|'), 'g');

// Same pattern as transformers.js' BertPreTokenizer.
const PUNCT = '\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E';
const PRE_TOKENIZE_RE = new RegExp(`[^\\s${PUNCT}]+|[${PUNCT}]`, 'gu');

/** Words as the tokenizer's WordPiece model receives them; placeholders are whole tokens, not words. */
export function preTokenize(normalized: string): string[] {
  return normalized.replace(PLACEHOLDER_RE, ' ').trim().match(PRE_TOKENIZE_RE) ?? [];
}

export function buildTokenizerJson(vocab: readonly string[]): object {
  const vocabObj: Record<string, number> = {};
  vocab.forEach((tok, i) => {
    vocabObj[tok] = i;
  });
  const special = (content: string, id: number): object => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [
      ...SPECIAL_TOKENS.map((t, i) => special(t, i)),
      // Placeholders are ordinary tokens the model learns, but must never be split into "[", "url", "]".
      ...PLACEHOLDER_TOKENS.map((t) => ({ ...(special(t, vocab.indexOf(t)) as object), special: false })),
    ],
    normalizer: normalizerConfig(),
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [CLS_ID], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [SEP_ID], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: vocabObj,
    },
  };
}

export function buildTokenizerConfig(): object {
  return {
    // A plain WordPiece tokenizer class: transformers.js' BertTokenizer also builds token_type_ids,
    // a third int64 tensor per batch that the graph never reads, and the tokenizer is the bottleneck.
    tokenizer_class: 'DistilBertTokenizer',
    do_lower_case: true,
    strip_accents: false,
    tokenize_chinese_chars: true,
    model_max_length: MODEL_MAX_LENGTH,
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    clean_up_tokenization_spaces: true,
  };
}
