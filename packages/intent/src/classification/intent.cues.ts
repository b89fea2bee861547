import { compileQuery, prepareDocument, tokenize, type PreparedDocument, type TextToken } from '@pulse/query';
import type { Intent } from './intent.types.js';

/** One post, tokenized and stemmed once for every cue. */
export interface PreparedText {
  readonly raw: string;
  /** Lower-cased, `ё` → `е`: what the word-form cues read. */
  readonly folded: string;
  readonly doc: PreparedDocument;
  readonly tokens: readonly TextToken[];
}

export function prepareText(raw: string): PreparedText {
  return { raw, folded: foldCase(raw), doc: prepareDocument({ text: raw }), tokens: tokenize(raw) };
}

export function foldCase(text: string): string {
  return text.toLowerCase().replace(/ё/gu, 'е');
}

export interface IntentCue {
  /** The cue as defined: the query, the word forms or a short description. */
  readonly id: string;
  readonly intent: Intent;
  readonly weight: number;
  /** What fired, for the reasons ("нет интернета" rather than the whole cue), or null. */
  match(text: PreparedText): string | null;
}

/** Stemmed, via the query language: inflections ("интернета", "списали") come for free. */
function stems(intent: Intent, weight: number, query: string): IntentCue {
  const compiled = compileQuery(query);
  return {
    id: query,
    intent,
    weight,
    match: (text) => {
      const explanation = compiled.explain(text.doc);
      if (!explanation.matched) return null;
      return explanation.highlights.map((span) => text.raw.slice(span.start, span.end)).join(' … ') || query;
    },
  };
}

/**
 * Exact word forms (several words = a phrase), where stemming would blur meaning: "лучше"
 * shares a stem with "лучший", "fixed my issue" is praise while "fix my" is a request.
 */
function forms(intent: Intent, weight: number, ...phrases: string[]): IntentCue {
  const alternatives = phrases.map((phrase) => ({ phrase, regex: wordRegExp([phrase]) }));
  const any = wordRegExp(phrases);
  return {
    id: phrases.join('|'),
    intent,
    weight,
    match: (text) => {
      if (!any.test(text.folded)) return null;
      return alternatives.filter((a) => a.regex.test(text.folded)).map((a) => a.phrase).join(', ');
    },
  };
}

function wordRegExp(phrases: readonly string[]): RegExp {
  const alternatives = phrases.map((phrase) => foldCase(phrase).split(/\s+/u).map(escapeRegExp).join('\\s+'));
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, 'u');
}

function pattern(intent: Intent, weight: number, id: string, regex: RegExp): IntentCue {
  return { id, intent, weight, match: (text) => (regex.test(text.raw) ? id : null) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
}

/**
 * Russian polite/plural imperatives ("верните", "разблокируйте", "свяжитесь") are how
 * customers ask a company to act. The ending alone over-fires on 2nd-person plural present
 * ("вы говорите") and on softeners that open questions, hence the exclusions.
 */
const NOT_REQUESTS = new Set([
  'подскажите', 'скажите', 'извините', 'простите', 'представьте', 'смотрите', 'посмотрите', 'знаете',
  'хотите', 'можете', 'говорите', 'видите', 'понимаете', 'издеваетесь', 'думаете', 'ребята', 'объясните',
]);
const IMPERATIVE = /^\p{L}{3,}(?:ите|йте|ьте|итесь|йтесь|ьтесь)$/u;

function russianImperative(intent: Intent, weight: number): IntentCue {
  return {
    id: 'imperative (-ите/-йте/-ьте)',
    intent,
    weight,
    match: (text) => {
      const verbs = text.tokens.filter((token) => IMPERATIVE.test(token.text) && !NOT_REQUESTS.has(token.text)).map((token) => token.text);
      return verbs.length === 0 ? null : `imperative: ${[...new Set(verbs)].join(', ')}`;
    },
  };
}

/**
 * Weights are tuned on the dev split only (see README). A cue scores once per post however
 * often it occurs; the classifier sums them per intent.
 */
export const INTENT_CUES: readonly IntentCue[] = [
  // ── question ────────────────────────────────────────────────────────────────────────────
  pattern('question', 1.0, 'question mark', /\?/u),
  forms('question', 1.5, 'подскажите', 'скажите', 'кто знает', 'кто-нибудь знает', 'кто пользовался', 'объясните'),
  forms('question', 1.0, 'можно ли', 'есть ли', 'нужен ли', 'нужна ли', 'нужно ли', 'или нет', 'правда ли'),
  forms('question', 0.7, 'как', 'когда', 'где', 'сколько', 'какой', 'какая', 'какие', 'какое', 'каким', 'куда', 'зачем', 'откуда', 'чем'),
  forms('question', 0.6, 'почему'),
  forms('complaint', 0.4, 'почему', 'why'),
  forms('question', 1.5, 'anyone know', 'does anyone know', 'how do i', 'how can i', 'can i', 'is there', 'is it possible', 'do you'),
  forms('question', 0.5, 'how', 'why', 'when', 'where', 'what', 'which', 'wonder'),
  pattern('question', 1.0, 'opens with an interrogative', /(?:^(?:@\S+\s+)?|[.!?]\s+|,\s+)(?:how|why|when|where|what|what's|which|does|do|is|are|can|could|will|should|anyone)(?![\p{L}'])/iu),

  // ── complaint ───────────────────────────────────────────────────────────────────────────
  stems('complaint', 1.5, 'не NEAR/1 (работает OR открывается OR грузится OR грузит OR приходит OR пришли OR приехал OR отвечает OR обновляется OR ловит OR могу)'),
  stems('complaint', 1.5, '(нет OR без) NEAR/2 (связь OR интернет OR сеть OR сигнал)'),
  stems('complaint', 1.2, 'пропа* OR сбой OR лежит OR вылетает OR завис OR обрываются OR авария'),
  stems('complaint', 1.2, '(списали OR списал OR списание OR списывают) -спасибо'),
  stems('complaint', 1.0, 'дважды OR "без предупреждения" OR навязали OR навязала OR заблокирована OR заблокировали OR блокируют'),
  forms('complaint', 1.5, 'ужас', 'ужасно', 'ужасная', 'ужасный', 'ужасное', 'кошмар', 'отвратительно', 'отвратительный', 'отвратительное', 'худший', 'худшее', 'худшая'),
  forms('complaint', 1.5, 'сколько можно', 'издеваетесь', 'недоволен', 'недовольна', 'обманули', 'обман', 'грабеж', 'развод', 'безобразие', 'позор'),
  forms('complaint', 0.8, 'невозможно', 'ни ногой', 'зря', 'просроченный', 'просроченная', 'просрочка', 'не тот', 'не та', 'очередь', 'ошибка', 'платный'),
  forms('complaint', 0.6, 'опять', 'снова', 'каждый вечер', 'каждый раз', 'третий день', 'третью неделю', 'никто'),
  forms('complaint', 1.5, 'not working', "doesn't work", "isn't working", 'nothing works', 'stopped working', 'no signal', 'zero bars', 'no service', 'unusable'),
  forms('complaint', 1.5, 'charged twice', 'charged me twice', 'double charged', 'without any notice', 'without notice', 'on hold'),
  forms('complaint', 1.5, 'worst', 'terrible', 'awful', 'horrible', 'nightmare', 'ridiculous', 'scam', 'not cool', 'unacceptable', 'disappointed'),
  forms('complaint', 1.0, 'broken', 'crashing', 'crashes', 'declined', 'down', 'wrong item', 'late', 'fails', 'failed', 'nowhere', 'raised my bill', 'damaged', 'missing'),
  forms('complaint', 0.6, 'again', 'keeps', 'every time'),
  pattern('complaint', 1.0, 'rhetorical "?!"', /\?\s*!|!\s*\?/u),
  pattern('complaint', 1.0, 'angry emoji', /[😡🤬😠👎💩]/u),

  // ── request ─────────────────────────────────────────────────────────────────────────────
  russianImperative('request', 1.5),
  forms('request', 1.5, 'прошу', 'требую', 'помогите', 'напишите мне', 'свяжитесь со мной', 'перезвоните'),
  forms('request', 0.6, 'пожалуйста'),
  forms('request', 1.5, 'please refund', 'refund me', 'refund my', 'please fix', 'fix the', 'fix my', 'please cancel', 'cancel my', 'please reverse', 'reverse the'),
  forms('request', 1.5, 'unblock', 'unlock my', 'call me back', 'dm me', 'help me', 'i need', 'need help', 'stop charging', 'restore my', 'reset my', 'send a technician', 'add international'),
  forms('request', 0.8, 'please', 'can you please', 'could you'),

  // ── praise ──────────────────────────────────────────────────────────────────────────────
  forms('praise', 2.0, 'спасибо', 'благодарю', 'благодарим', 'молодцы', 'молодец', 'огромное спасибо'),
  forms('praise', 1.2, 'отлично', 'отличное', 'отличная', 'отличный', 'отличным', 'супер', 'лучший', 'лучшая', 'лучшее', 'рекомендую', 'обожаю', 'порадовал', 'порадовали', 'приятно', 'восторг'),
  forms('praise', 1.0, 'без сбоев', 'ни одной проблемы', 'никаких нареканий', 'вежливые', 'вежливый', 'оперативную', 'оперативно', 'моментально', 'удобно', 'вовремя', 'огонь'),
  forms('praise', 2.0, 'thanks', 'thank you', 'great job', 'kudos', 'shoutout', 'well done'),
  forms('praise', 1.5, 'appreciate', 'amazing', 'excellent', 'impressed', 'love it', 'love my', 'awesome', 'fantastic', '10/10'),
  forms('praise', 1.0, 'great', 'best customer', 'helpful', 'friendly', 'smooth', 'love', 'perfectly'),
  pattern('praise', 1.0, 'warm emoji', /[😍❤🥰🙏👍😊👏💜💙]/u),

  // ── other: news, ads, jobs, spam ──────────────────────────────────────────────────────
  stems('other', 1.5, 'объявил OR запустил OR запуск OR вакансии OR выручка OR аналитики OR пресс-конференцию OR спонсирует OR интервью OR оштрафовал OR квартал OR прибыль'),
  stems('other', 1.5, 'акция OR скидка OR промокодов OR репост OR подпишись OR заработок OR "курс акций" OR "плановые работы" OR рекламу OR соглашение'),
  forms('other', 1.5, 'announces', 'announced', 'launches', 'hiring', 'hire', 'apply now', 'reports', 'profit', 'shares', 'stock', 'earnings', 'sponsors', 'sale', 'link in bio', 'dm for details', 'report says', 'partner on'),
];

/**
 * What makes a complaint, question or request one the brand should answer: a customer
 * talking to the brand or about their own case, not commentary on the industry.
 */
export interface ReplyCue {
  readonly id: string;
  readonly weight: number;
  test(text: PreparedText): boolean;
}

function replyForms(weight: number, id: string, ...phrases: string[]): ReplyCue {
  const regex = wordRegExp(phrases);
  return { id, weight, test: (text) => regex.test(text.folded) };
}

export const REPLY_CUES: readonly ReplyCue[] = [
  replyForms(0.5, 'addresses the brand (вы/ваш/you)', 'вы', 'вас', 'вам', 'ваш', 'ваше', 'ваша', 'ваши', 'you', 'your'),
  replyForms(0.5, 'own case (я/мне/мой/I/my)', 'я', 'мне', 'меня', 'мой', 'моя', 'мое', 'мои', 'у меня', 'i', 'my', 'me', "i'm"),
  replyForms(-1.5, 'general commentary, not a case', 'совсем обнаглели', 'у всех', 'читаю отзывы', 'все банки', 'все операторы', 'all the same', 'in this country', 'all these'),
];
