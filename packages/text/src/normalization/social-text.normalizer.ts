/**
 * Normalization of social-media text for tone classification. The output is lowercase text with
 * a few bracketed placeholders ([URL], [USER], [SMILE], ...) that a tokenizer can keep as single
 * tokens. It is idempotent: placeholders already in the input (including the entity markers
 * [BRAND] and [OTHER] that per-brand scoring inserts) survive unchanged.
 */
export const SOCIAL_PLACEHOLDERS = ['[URL]', '[USER]', '[SMILE]', '[LAUGH]', '[SAD]', '[LOVE]', '[WINK]', '[BRAND]', '[OTHER]'] as const;
export type SocialPlaceholder = (typeof SOCIAL_PLACEHOLDERS)[number];

// Private-use code points stand in for placeholders while the text is rewritten, so that
// lowercasing and the other rules cannot touch them.
const PUA_BASE = 0xe100;
const toPua = (p: SocialPlaceholder): string => String.fromCharCode(PUA_BASE + SOCIAL_PLACEHOLDERS.indexOf(p));
const PUA_RE = /[\ue100-\ue108]/g;
const PROTECT_RE = new RegExp(`\\[(?:${SOCIAL_PLACEHOLDERS.map((p) => p.slice(1, -1)).join('|')})\\]`, 'g');

const URL_RE = /(?:https?:\/\/|www\.)[^\s]+|\b[a-z0-9-]+\.(?:ru|com|рф|org|net|ly|me|co)\/[^\s]*/giu;
const HANDLE_RE = /(?<![\p{L}\p{N}_])@[\p{L}\p{N}_]+/gu;
// Hashtags keep their words: #ЛучшийБанк is "лучший банк", and #fail says "fail".
const HASHTAG_RE = /(?<![\p{L}\p{N}_])#([\p{L}\p{N}_]+)/gu;
const CAMEL_RE = /(\p{Ll})(\p{Lu})/gu;

// Emoticons are matched before lowercasing (":D" vs ":d"); order matters (":'(" before ":(").
const EMOTICONS: readonly [RegExp, SocialPlaceholder][] = [
  [/(?<![\p{L}\p{N}])[xXхХ][dDдД]+(?![\p{L}\p{N}])/gu, '[LAUGH]'],
  [/[:;=8]-?[dDдД]+(?![\p{L}\p{N}])/gu, '[LAUGH]'],
  [/(?<![\p{L}])(?:а?х[ах]{3,}|a?h[ah]{3,}|(?:ха){2,}|(?:ah|ha){2,}|lol|лол|rofl|lmao)(?![\p{L}])/giu, '[LAUGH]'],
  [/<3+|❤️?|♥️?/gu, '[LOVE]'],
  [/;-?\)+|;-?[pPрР](?![\p{L}\p{N}])/gu, '[WINK]'],
  [/[:=]['’]?-?\(+|[:=]-?\[|\({2,}/gu, '[SAD]'],
  [/[:=]-?\)+|[:=]-?\]|[:=]-?[pPрР](?![\p{L}\p{N}])|\(-?[:=]|\){2,}|\^_*\^/gu, '[SMILE]'],
];

// Russian writes a lone ")" for a smile and "(" for sadness: "спасибо)" / "жаль(".
function loneParens(text: string): string {
  if (!text.includes(')') && !text.includes('(')) return text;
  const open: number[] = [];
  const replace = new Map<number, SocialPlaceholder>();
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') open.push(i);
    else if (ch === ')') {
      if (open.length > 0) open.pop();
      else replace.set(i, '[SMILE]');
    }
  }
  // An unclosed "(" at the end of a clause (not opening a parenthetical) reads as a frown.
  for (const i of open) if (!/[\p{L}\p{N}]/u.test(text[i + 1] ?? '')) replace.set(i, '[SAD]');
  if (replace.size === 0) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const p = replace.get(i);
    out += p ? ` ${toPua(p)} ` : text[i];
  }
  return out;
}

const EMOJI_RE = /(\p{Extended_Pictographic})(?:\p{Emoji_Modifier}|\ufe0f|\u200d\p{Extended_Pictographic})*/gu;
const EMOJI_RUN_RE = /(\p{Extended_Pictographic}(?:\u200d\p{Extended_Pictographic})*)(?:\s+\1)+/gu;
// Cyrillic words never double a letter three times; Latin ones may double it ("cool"), so keep two.
const CYR_ELONG_RE = /(\p{Script=Cyrillic})\1{2,}/gu;
const LAT_ELONG_RE = /(\p{Script=Latin})\1{2,}/gu;
const PUNCT_RUN_RE = /([!?.])\1{2,}/g;
const CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200c\u200e\u200f\ufeff\ufffd]/g;

/**
 * Rewrites `text` for the sentiment model: links and handles become placeholders, emoticons
 * and laughter become tone placeholders, emoji are kept (they carry tone) but spaced and de-duplicated,
 * hashtags keep their words, elongations are shortened ("ооочень" → "очень"), ё becomes е,
 * everything is lowercased and whitespace collapsed.
 */
export function normalizeSocialText(text: string): string {
  let t = text.replace(CONTROL_RE, '').replace(PROTECT_RE, (m) => ` ${toPua(m as SocialPlaceholder)} `);
  t = t.replace(URL_RE, ` ${toPua('[URL]')} `);
  t = t.replace(HANDLE_RE, ` ${toPua('[USER]')} `);
  t = t.replace(HASHTAG_RE, (_m, body: string) => ` ${body.replace(/_/g, ' ').replace(CAMEL_RE, '$1 $2')} `);
  for (const [re, p] of EMOTICONS) t = t.replace(re, ` ${toPua(p)} `);
  t = loneParens(t);
  t = t.toLowerCase().replace(/ё/g, 'е');
  t = t.replace(CYR_ELONG_RE, '$1').replace(LAT_ELONG_RE, '$1$1').replace(PUNCT_RUN_RE, '$1$1');
  // Runs of the same emoji say no more than one; spacing makes each emoji its own token.
  t = t.replace(EMOJI_RE, (m) => ` ${m.replace(/\p{Emoji_Modifier}|\ufe0f/gu, '')} `).replace(EMOJI_RUN_RE, '$1');
  t = t.replace(PUA_RE, (c) => SOCIAL_PLACEHOLDERS[c.charCodeAt(0) - PUA_BASE] ?? '');
  return t.replace(/\s+/g, ' ').trim();
}
