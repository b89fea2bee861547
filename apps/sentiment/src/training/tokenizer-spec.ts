/**
 * Text normalization lives inside tokenizer.json so that every consumer of the model directory
 * (trainer, app, anyone loading it with transformers.js) applies exactly the same rules.
 * transformers.js 2.17.2 supports Sequence/BertNormalizer/Replace normalizers (src/tokenizers.js).
 */
export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'] as const;
export const PAD_ID = 0;
export const UNK_ID = 1;
export const CLS_ID = 2;
export const SEP_ID = 3;
export const MODEL_MAX_LENGTH = 256;

interface ReplaceRule {
  /** A JS-and-Rust compatible regex (transformers.js compiles it with the `gu` flags). */
  regex?: string;
  string?: string;
  content: string;
  why: string;
}

/** Applied after lowercasing, so patterns only need lower case. */
export const REPLACE_RULES: readonly ReplaceRule[] = [
  { regex: 'https?:\\S*|www\\.\\S+', content: ' ', why: 'links carry no tone and would flood the vocabulary' },
  { regex: '@[a-z0-9_]+', content: '@user', why: 'handles are per-user noise; TweetEval already uses @user' },
  { string: 'ё', content: 'е', why: 'ё is written as е in most Russian text' },
];

export function normalizerConfig(): object {
  return {
    type: 'Sequence',
    normalizers: [
      // strip_accents must be explicitly false: with lowercase on, both HF and transformers.js strip
      // combining marks by default, which would turn й into и.
      { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: false, lowercase: true },
      ...REPLACE_RULES.map((r) => ({
        type: 'Replace',
        pattern: r.regex !== undefined ? { Regex: r.regex } : { String: r.string },
        content: r.content,
      })),
    ],
  };
}

const COMPILED_RULES = REPLACE_RULES.map((r) => ({
  re: new RegExp(r.regex ?? (r.string ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gu'),
  content: r.content,
}));

/**
 * JS replica of the normalizer, used only to count words when building the vocabulary; the ids
 * used for training come from transformers.js itself.
 */
export function normalizeText(text: string): string {
  let t = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp === 0 || cp === 0xfffd || (/\p{C}/u.test(ch) && !/[\t\n\r]/.test(ch))) continue;
    t += /\s/u.test(ch) ? ' ' : ch;
  }
  t = t.toLowerCase();
  for (const r of COMPILED_RULES) t = t.replace(r.re, r.content);
  return t;
}

// Same pattern as transformers.js' BertPreTokenizer.
const PUNCT = '\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E';
const PRE_TOKENIZE_RE = new RegExp(`[^\\s${PUNCT}]+|[${PUNCT}]`, 'gu');

export function preTokenize(normalized: string): string[] {
  return normalized.trim().match(PRE_TOKENIZE_RE) ?? [];
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
    added_tokens: SPECIAL_TOKENS.map((t, i) => special(t, i)),
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
    tokenizer_class: 'BertTokenizer',
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
