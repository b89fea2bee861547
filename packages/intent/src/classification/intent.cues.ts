import { stem, tokenize, type TextToken } from '@pulse/query';
import type { Intent } from './intent.types.js';

/** One post, tokenized and stemmed once for every cue. */
export interface PreparedText {
  readonly raw: string;
  /** Lower-cased, `ё` → `е`: what the pattern cues read. */
  readonly folded: string;
  readonly tokens: readonly TextToken[];
  /** The Snowball stem of each token (same order): what the lexicon cues read. */
  readonly stems: readonly string[];
  /** The word-form phrases found, per `forms` cue (see `PHRASES`), in one pass over the tokens. */
  readonly phrases: ReadonlyMap<number, ReadonlySet<number>>;
}

export function prepareText(raw: string): PreparedText {
  const tokens = tokenize(raw);
  return {
    raw,
    folded: foldCase(raw),
    tokens,
    stems: tokens.map((token) => stem(token.text)),
    phrases: findPhrases(raw, tokens),
  };
}

/**
 * Every `forms` phrase, indexed by its first word: one pass over a post's tokens finds the
 * phrases of all the `forms` cues at once, which keeps a long vocabulary cheap.
 */
interface PhraseEntry {
  readonly cue: number;
  readonly index: number;
  readonly words: readonly string[];
  /** What separates consecutive words in the phrase, whitespace collapsed to one space. */
  readonly gaps: readonly string[];
}
const PHRASES = new Map<string, PhraseEntry[]>();
let formsCues = 0;

function collapseGap(gap: string): string {
  return gap.replace(/\s+/gu, ' ');
}

function findPhrases(raw: string, tokens: readonly TextToken[]): Map<number, Set<number>> {
  const found = new Map<number, Set<number>>();
  for (let i = 0; i < tokens.length; i += 1) {
    const entries = PHRASES.get(tokens[i]!.text);
    if (entries === undefined) continue;
    for (const entry of entries) {
      let matched = true;
      for (let k = 1; k < entry.words.length && matched; k += 1) {
        const next = tokens[i + k];
        matched = next !== undefined && next.text === entry.words[k] && collapseGap(raw.slice(tokens[i + k - 1]!.end, next.start)) === entry.gaps[k - 1];
      }
      if (!matched) continue;
      let hits = found.get(entry.cue);
      if (hits === undefined) found.set(entry.cue, (hits = new Set()));
      hits.add(entry.index);
    }
  }
  return found;
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

/** The matched words as written, in text order, joined like query highlights ("нет … связи"). */
function highlight(text: PreparedText, positions: Iterable<number>): string {
  return [...new Set(positions)]
    .sort((a, b) => a - b)
    .map((i) => text.raw.slice(text.tokens[i]!.start, text.tokens[i]!.end))
    .join(' … ');
}

/**
 * A term list compared by stem, so inflections come for free ("интернета", "списали"): a word
 * matches by its stem, `word*` by prefix, "two words" as adjacent stems. With `unless`, a post
 * containing any of those stems does not fire the cue.
 */
interface StemTerms {
  readonly stems: ReadonlySet<string>;
  readonly prefixes: readonly string[];
  readonly phrases: readonly (readonly string[])[];
}

function stemTerms(terms: readonly string[]): StemTerms {
  const words = terms.filter((term) => !term.endsWith('*')).map((term) => tokenize(term).map((token) => stem(token.text)));
  return {
    stems: new Set(words.filter((parts) => parts.length === 1).map((parts) => parts[0]!)),
    prefixes: terms.filter((term) => term.endsWith('*')).map((term) => foldCase(term.slice(0, -1))),
    phrases: words.filter((parts) => parts.length > 1),
  };
}

function termPositions(text: PreparedText, terms: StemTerms): number[] {
  const positions: number[] = [];
  for (let i = 0; i < text.tokens.length; i += 1) {
    const s = text.stems[i]!;
    if (terms.stems.has(s) || terms.prefixes.some((prefix) => text.tokens[i]!.text.startsWith(prefix))) positions.push(i);
    for (const phrase of terms.phrases) {
      if (phrase.every((part, k) => text.stems[i + k] === part)) positions.push(...phrase.map((_, k) => i + k));
    }
  }
  return positions;
}

function stems(intent: Intent, weight: number, terms: readonly string[], options: { unless?: readonly string[] } = {}): IntentCue {
  const wanted = stemTerms(terms);
  const unless = options.unless === undefined ? undefined : stemTerms(options.unless);
  const id = terms.map((term) => (term.includes(' ') ? `"${term}"` : term)).join(' OR ') + (options.unless === undefined ? '' : ` -${options.unless.join(' -')}`);
  return {
    id,
    intent,
    weight,
    match: (text) => {
      const positions = termPositions(text, wanted);
      if (positions.length === 0 || (unless !== undefined && termPositions(text, unless).length > 0)) return null;
      return highlight(text, positions);
    },
  };
}

/** Two term lists at most `distance` words apart, either order (the query language's `NEAR/n`). */
function near(intent: Intent, weight: number, left: readonly string[], distance: number, right: readonly string[]): IntentCue {
  const a = stemTerms(left);
  const b = stemTerms(right);
  return {
    id: `(${left.join(' OR ')}) NEAR/${distance} (${right.join(' OR ')})`,
    intent,
    weight,
    match: (text) => {
      const lefts = termPositions(text, a);
      if (lefts.length === 0) return null;
      const rights = termPositions(text, b);
      const hits: number[] = [];
      for (const l of lefts) for (const r of rights) if (l !== r && Math.abs(l - r) <= distance) hits.push(l, r);
      return hits.length === 0 ? null : highlight(text, hits);
    },
  };
}

/**
 * Exact word forms (several words = a phrase), where stemming would blur meaning: "лучше"
 * shares a stem with "лучший", "fixed my issue" is praise while "fix my" is a request. Words
 * are compared as tokens (lower-case, `ё` → `е`); the words of a phrase must be separated as
 * written (a space matches any whitespace, "кто-нибудь" needs its hyphen).
 */
function forms(intent: Intent, weight: number, ...phrases: string[]): IntentCue {
  const cue = formsCues;
  formsCues += 1;
  phrases.forEach((phrase, index) => {
    const tokens = tokenize(phrase);
    const entry: PhraseEntry = {
      cue,
      index,
      words: tokens.map((token) => token.text),
      gaps: tokens.slice(1).map((token, k) => collapseGap(phrase.slice(tokens[k]!.end, token.start))),
    };
    const first = entry.words[0];
    if (first === undefined) throw new Error(`forms cue "${phrase}" has no word`);
    PHRASES.set(first, [...(PHRASES.get(first) ?? []), entry]);
  });
  return {
    id: phrases.join('|'),
    intent,
    weight,
    match: (text) => {
      const hits = text.phrases.get(cue);
      if (hits === undefined) return null;
      return [...hits].sort((a, b) => a - b).map((index) => phrases[index]!).join(', ');
    },
  };
}

/**
 * "не работает", "не приехал": one of the verbs right next to "не" (either order, as the
 * query language's `NEAR/1`), compared by stem so every tense and person counts.
 */
function negated(intent: Intent, weight: number, ...verbs: string[]): IntentCue {
  const wanted = new Set(verbs.map((verb) => stem(verb)));
  return {
    id: `не NEAR/1 (${verbs.join(' OR ')})`,
    intent,
    weight,
    match: (text) => {
      for (let i = 0; i < text.tokens.length; i += 1) {
        if (text.tokens[i]!.text !== 'не') continue;
        for (const j of [i + 1, i - 1]) {
          if (j >= 0 && j < text.tokens.length && wanted.has(text.stems[j]!)) {
            const [a, b] = j > i ? [i, j] : [j, i];
            return text.raw.slice(text.tokens[a]!.start, text.tokens[b]!.end);
          }
        }
      }
      return null;
    },
  };
}

/** A word right after another ("работает ли": the particle "ли" makes a yes/no question). */
function particle(intent: Intent, weight: number, word: string): IntentCue {
  return {
    id: `particle "${word}"`,
    intent,
    weight,
    match: (text) => {
      const at = text.tokens.findIndex((token, i) => i > 0 && token.text === word);
      return at < 0 ? null : `particle: ${text.raw.slice(text.tokens[at - 1]!.start, text.tokens[at]!.end)}`;
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

/**
 * Single words compared by stem, so one listed form covers its inflections ("бесит", "бесят";
 * "frustrating", "frustrated"). For vocabulary whose stems are unambiguous; words whose stem
 * collides with something else ("лучше"/"лучший") belong in `forms`.
 */
function lexicon(intent: Intent, weight: number, ...words: string[]): IntentCue {
  const wanted = new Set(words.map((word) => stem(word)));
  return {
    id: `stems of ${words.join('|')}`,
    intent,
    weight,
    match: (text) => {
      const hits: string[] = [];
      text.stems.forEach((s, i) => {
        if (wanted.has(s)) hits.push(text.tokens[i]!.text);
      });
      return hits.length === 0 ? null : [...new Set(hits)].join(', ');
    },
  };
}

/** Words starting with one of the prefixes: Russian word families ("благодар…", "подорож…"). */
function prefixes(intent: Intent, weight: number, ...starts: string[]): IntentCue {
  const regex = new RegExp(`^(?:${starts.map(escapeRegExp).join('|')})`, 'u');
  return {
    id: starts.map((start) => `${start}…`).join('|'),
    intent,
    weight,
    match: (text) => {
      const hits = text.tokens.filter((token) => regex.test(token.text)).map((token) => token.text);
      return hits.length === 0 ? null : [...new Set(hits)].join(', ');
    },
  };
}

/** A regex over the folded text; the reason names what it matched. */
function folded(intent: Intent, weight: number, id: string, regex: RegExp): IntentCue {
  return {
    id,
    intent,
    weight,
    match: (text) => {
      const found = regex.exec(text.folded);
      return found === null ? null : `${id}: ${found[0].trim()}`;
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
}

/**
 * Russian polite/plural imperatives ("верните", "разблокируйте", "свяжитесь") are how
 * customers ask a company to act. The ending alone over-fires on 2nd-person plural present
 * ("вы говорите") and on softeners that open questions, hence the exclusions. It also matches
 * nouns in the locative ("в Магните", "на сайте", "о кредите"): a word right after a
 * preposition (or after a preposition and an adjective, "на вашем сайте"), or capitalised in
 * the middle of a sentence (a shop or brand name), is not read as a verb. "Пишите/звоните в
 * лс/директ" is how ads and job posts give a contact, not a customer's request.
 */
const NOT_REQUESTS = new Set([
  'подскажите', 'скажите', 'извините', 'простите', 'представьте', 'смотрите', 'посмотрите', 'знаете',
  'хотите', 'можете', 'говорите', 'видите', 'понимаете', 'издеваетесь', 'думаете', 'ребята', 'объясните',
  'давайте', 'слушайте', 'послушайте', 'представляете', 'угадайте', 'зацените', 'оцените', 'поздравляйте',
]);
const IMPERATIVE = /^\p{L}{3,}(?:ите|йте|ьте|итесь|йтесь|ьтесь)$/u;
const PREPOSITIONS = new Set(['в', 'во', 'на', 'о', 'об', 'обо', 'при', 'по', 'у', 'из', 'от', 'до', 'за', 'с', 'со', 'к', 'ко', 'про', 'для', 'без', 'под', 'над', 'через']);
const ADJECTIVE_CASE = /(?:ом|ем|ой|ей|их|ых|ым|им)$/u;
const CONTACT = /^\s+(?:в|во)\s+(?:личку|личные|директ|direct|dm|телеграм|tg|вотсап|whatsapp)(?![\p{L}])/iu;

function isImperativeVerb(text: PreparedText, index: number): boolean {
  const token = text.tokens[index]!;
  if (!IMPERATIVE.test(token.text) || NOT_REQUESTS.has(token.text)) return false;
  const previous = text.tokens[index - 1];
  if (previous !== undefined && PREPOSITIONS.has(previous.text)) return false;
  const beforePrevious = text.tokens[index - 2];
  if (previous !== undefined && beforePrevious !== undefined && PREPOSITIONS.has(beforePrevious.text) && ADJECTIVE_CASE.test(previous.text)) return false;
  const first = text.raw[token.start]!;
  if (first !== first.toLowerCase() && previous !== undefined && !/[.!?\n]/u.test(text.raw.slice(previous.end, token.start))) return false;
  return !CONTACT.test(text.raw.slice(token.end, token.end + 24));
}

function russianImperative(intent: Intent, weight: number): IntentCue {
  return {
    id: 'imperative (-ите/-йте/-ьте)',
    intent,
    weight,
    match: (text) => {
      const verbs: string[] = [];
      for (let i = 0; i < text.tokens.length; i += 1) if (isImperativeVerb(text, i)) verbs.push(text.tokens[i]!.text);
      return verbs.length === 0 ? null : `imperative: ${[...new Set(verbs)].join(', ')}`;
    },
  };
}

/**
 * English requests are often a bare imperative after the brand's name ("Amazon refund my
 * order", "reverse that late fee"): an action verb followed by what it acts on, not preceded by
 * a subject or an auxiliary ("I fixed the", "to cancel my" are not requests).
 */
const ENGLISH_IMPERATIVE = new RegExp(
  "(?<!\\b(?:i|we|they|he|she|it|you|i'll|we'll|they'll|i'd|to|will|would|can|could|should|must|did|didn't|don't|won't|can't|couldn't|gonna|wanna|just|and|who|that)\\s+)" +
    "\\b(?:refund|cancel|send|fix|reverse|remove|unlock|unblock|restore|reset|waive|credit|escalate|replace|reschedule|stop|look into|look at|sort out|call|email|dm|reactivate|reopen)" +
    "\\s+(?:my|me|the|that|this|those|these|our|it|someone|somebody|us|a|an|all)\\b",
  'u',
);

/**
 * Weights are tuned on the dev and holdout-2026-11 splits only, never on test or
 * holdout-2026-11-21 (see README). A cue scores once per post however
 * often it occurs; the classifier sums them per intent.
 */
export const INTENT_CUES: readonly IntentCue[] = [
  // ── question ────────────────────────────────────────────────────────────────────────────
  pattern('question', 1.0, 'question mark', /\?/u),
  forms('question', 1.5, 'подскажите', 'скажите', 'кто знает', 'кто-нибудь знает', 'кто пользовался', 'объясните', 'не подскажете', 'не подскажет'),
  forms('question', 1.2, 'кто-нибудь', 'кто-то знает', 'кто-то пользовался', 'кто в курсе', 'кто сталкивался', 'не понимаю', 'как быть', 'что делать', 'реально ли', 'интересует'),
  forms('question', 1.0, 'можно ли', 'есть ли', 'нужен ли', 'нужна ли', 'нужно ли', 'или нет', 'правда ли'),
  // "работает ли", "действует ли": the particle ли after a word makes a yes/no question.
  particle('question', 1.0, 'ли'),
  // "можно взять в аренду или только купить": an open either/or without "?".
  forms('question', 0.6, 'или'),
  // "в каком приложении смотреть", "куда писать": an interrogative with an infinitive, the Russian "how do I".
  folded('question', 0.8, 'interrogative + infinitive', /(?<![\p{L}])(?:как|где|куда|когда|сколько|какой|каком|какую|какие|какая|каких|чем|кому|откуда|зачем)\s+(?:\p{L}+\s+){0,2}\p{L}+(?:ть|ти|ться|чь)(?![\p{L}])/u),
  forms('question', 0.6, 'можно'),
  forms('question', 0.7, 'как', 'когда', 'где', 'сколько', 'какой', 'какая', 'какие', 'какое', 'каким', 'каком', 'какую', 'каких', 'куда', 'зачем', 'откуда', 'чем', 'есть'),
  forms('question', 0.6, 'почему'),
  forms('complaint', 0.4, 'почему', 'why'),
  forms('question', 1.5, 'anyone know', 'does anyone know', 'how do i', 'how can i', 'can i', 'is there', 'is it possible', 'do you', 'anyone tried', 'has anyone', 'quick question', 'worth it', 'or not'),
  forms('question', 0.5, 'how', 'why', 'when', 'where', 'what', 'which', 'wonder'),
  pattern('question', 1.0, 'opens with an interrogative', /(?:^(?:@\S+\s+)?|[.!?:]\s+|,\s+|^(?:so|ok|okay|hey|hi|yo|also|quick q)[,\s]+)(?:how|why|when|where|what|what's|which|does|do|did|is|are|was|were|has|have|can|could|will|would|should|anyone|any)(?![\p{L}'])/iu),

  // ── complaint ───────────────────────────────────────────────────────────────────────────
  negated('complaint', 1.5, 'работает', 'открывается', 'грузится', 'грузит', 'приходит', 'пришли', 'приехал', 'отвечает', 'обновляется', 'ловит', 'могу', 'пришел', 'позвонил', 'перезвонили', 'вернули', 'доставили', 'починили', 'включается', 'проходит', 'видит', 'дозвониться'),
  near('complaint', 1.5, ['нет', 'без'], 2, ['связь', 'интернет', 'сеть', 'сигнал']),
  stems('complaint', 1.2, ['пропа*', 'сбой', 'лежит', 'вылетает', 'завис', 'обрываются', 'авария']),
  stems('complaint', 1.2, ['списали', 'списал', 'списание', 'списывают'], { unless: ['спасибо'] }),
  stems('complaint', 1.0, ['дважды', 'без предупреждения', 'навязали', 'навязала', 'заблокирована', 'заблокировали', 'блокируют']),
  forms('complaint', 1.5, 'ужас', 'ужасно', 'ужасная', 'ужасный', 'ужасное', 'кошмар', 'отвратительно', 'отвратительный', 'отвратительное', 'худший', 'худшее', 'худшая'),
  forms('complaint', 1.5, 'сколько можно', 'издеваетесь', 'недоволен', 'недовольна', 'обманули', 'обман', 'грабеж', 'развод', 'безобразие', 'позор'),
  // Displeasure without the words above: irritation, contempt, money wasted, prices raised behind the customer's back.
  lexicon('complaint', 1.5, 'бесит', 'бесят', 'задолбали', 'надоело', 'раздражает', 'возмутительно', 'отстой', 'жесть', 'капец', 'хамство', 'хамят', 'издевательство', 'безобразный', 'наглость', 'обнаглели', 'кинули'),
  prefixes('complaint', 1.2, 'подорож', 'возмущ', 'переплач', 'задолба', 'обдира', 'хамск', 'брак', 'разочаров'),
  forms('complaint', 1.5, 'ну вы даете', 'никто не спрашивал', 'никто меня не спрашивал', 'никто не предупредил', 'деньги на ветер', 'больше никогда', 'ни ногой'),
  forms('complaint', 1.2, 'плохой', 'плохая', 'плохое', 'плохие', 'плохо', 'хуже некуда'),
  lexicon('complaint', 1.0, 'тормозит', 'тормозят', 'глючит', 'виснет', 'лагает', 'отвалился', 'отвалилась', 'сломан', 'сломали', 'испорчен', 'перенесли', 'перенес', 'задержали', 'задерживают', 'опоздал', 'пробили', 'повысили', 'подняли', 'игнорируют', 'висит'),
  forms('complaint', 0.8, 'невозможно', 'зря', 'просроченный', 'просроченная', 'просрочена', 'просрочка', 'не тот', 'не та', 'не то', 'очередь', 'ошибка', 'платный', 'где деньги', 'деньги где', 'без объяснений'),
  forms('complaint', 0.6, 'опять', 'снова', 'каждый вечер', 'каждый раз', 'никто'),
  forms('complaint', 0.6, 'опять нет', 'снова нет', 'вообще нет', 'до сих пор нет', 'так и нет'),
  // "второй час", "который день", "уже 3 дня", "в который раз": how long it has dragged on.
  folded('complaint', 0.8, 'duration', /(?<![\p{L}])(?:(?:второй|третий|третью|четвертый|пятый|который|какой|целый|вторые|третьи)\s+(?:час|день|дней|раз|неделю|месяц|сутки)|уже\s+\d+\s*(?:минут|час|дн|недел|месяц|min|hour|day|week)|в\s+(?:\d+-?й|третий|пятый|десятый|который)\s+раз|for\s+(?:\d+|two|three|four|five)\s+(?:hours|days|weeks)|(?:all|this)\s+week)/u),
  forms('complaint', 1.5, 'not working', "doesn't work", "isn't working", 'nothing works', 'stopped working', 'no signal', 'zero bars', 'no service', 'unusable'),
  forms('complaint', 1.5, 'charged twice', 'charged me twice', 'double charged', 'without any notice', 'without notice', 'on hold'),
  forms('complaint', 1.5, 'worst', 'terrible', 'awful', 'horrible', 'nightmare', 'ridiculous', 'scam', 'not cool', 'unacceptable', 'disappointed'),
  lexicon('complaint', 1.5, 'frustrating', 'annoying', 'furious', 'pissed', 'useless', 'pathetic', 'disgusting', 'ripoff', 'garbage', 'trash', 'sucks', 'disappointing', 'outrageous', 'infuriating'),
  forms('complaint', 1.5, 'never again', 'fed up', 'sick of', 'tired of', 'so done', 'rip off', 'what a joke', 'no updates', 'still waiting', 'still no', 'nobody can', 'no one can', 'nobody will', 'ghosted'),
  forms('complaint', 1.0, 'broken', 'crashing', 'crashes', 'declined', 'down', 'wrong item', 'late', 'fails', 'failed', 'nowhere', 'raised my bill', 'damaged', 'missing'),
  forms('complaint', 1.0, 'dropped', 'dropping'),
  lexicon('complaint', 1.0, 'froze', 'frozen', 'soaked', 'overcharged', 'glitchy', 'buggy', 'outage', 'stolen', 'hidden', 'lagging', 'delayed'),
  forms('complaint', 1.0, 'canceled', 'cancelled', 'canceled my', 'cancelled my'),
  forms('complaint', 1.0, 'locked me out', 'locked out', 'never arrived', 'never came', 'never showed', 'no show', 'price hike', 'raised the price', 'charged me'),
  forms('complaint', 0.6, 'again', 'keeps', 'every time'),
  pattern('complaint', 1.0, 'rhetorical "?!"', /\?\s*!|!\s*\?/u),
  pattern('complaint', 1.0, 'angry or exasperated emoji', /[😡🤬😠👎💩🙄🤦😤😒😩]/u),

  // ── request ─────────────────────────────────────────────────────────────────────────────
  russianImperative('request', 1.8),
  forms('request', 1.8, 'прошу', 'просим', 'требую', 'помогите', 'напишите мне', 'свяжитесь со мной', 'перезвоните', 'наберите меня'),
  // Informal singular imperatives ("Сбер, верни деньги") and "хватит …" (stop doing it).
  forms('request', 1.5, 'верни', 'отмени', 'почини', 'разблокируй', 'отключи', 'подключи', 'перезвони', 'сделай', 'помоги', 'исправь', 'убери', 'проверь', 'хватит'),
  forms('request', 1.2, 'жду звонка', 'жду обратного звонка', 'жду ответа', 'жду возврата', 'нужна помощь', 'нужна справка', 'хочу отключить', 'хочу подключить', 'хочу вернуть', 'хочу отменить'),
  forms('request', 0.8, 'надо', 'нужно', 'нужен', 'нужна', 'срочно', 'хочу'),
  forms('request', 0.6, 'пожалуйста', 'пжл', 'пж'),
  forms('request', 1.5, 'please refund', 'refund me', 'refund my', 'please fix', 'fix the', 'fix my', 'please cancel', 'cancel my', 'please reverse', 'reverse the'),
  forms('request', 1.5, 'unblock', 'unlock my', 'call me back', 'dm me', 'help me', 'i need', 'need help', 'stop charging', 'restore my', 'reset my', 'send a technician', 'add international'),
  forms('request', 1.5, 'need someone', 'could someone', 'stop calling', 'stop texting', 'stop emailing', 'stop sending', 'someone please', 'reach out to me', 'look into', 'i want a refund', 'want my money back'),
  pattern('request', 1.5, 'English imperative (verb + object)', ENGLISH_IMPERATIVE),
  forms('request', 0.8, 'please', 'plz', 'can you please', 'could you', 'can you', 'would you'),

  // ── praise ──────────────────────────────────────────────────────────────────────────────
  forms('praise', 2.0, 'молодцы', 'молодец'),
  // Thanks and respect in any form: "спасибо", "спасибище", "благодарю", "благодарность", "респект".
  prefixes('praise', 2.0, 'спасиб', 'благодар', 'респект', 'уважух'),
  forms('praise', 2.0, 'так держать', 'на высоте', 'спс'),
  forms('praise', 1.2, 'отлично', 'отличное', 'отличная', 'отличный', 'отличным', 'супер', 'лучший', 'лучшая', 'лучшее', 'лучшие', 'рекомендую', 'обожаю', 'порадовал', 'порадовали', 'приятно', 'восторг', 'золото', 'люблю', 'шикарно', 'шикарный', 'прекрасно', 'замечательно', 'великолепно', 'идеально', 'круто', 'классно', 'бомба'),
  lexicon('praise', 1.2, 'выручили', 'довольна', 'доволен', 'довольны', 'вежливые', 'удобный', 'профессионалы', 'профессионально', 'оперативные', 'душевно', 'заботливо'),
  forms('praise', 1.0, 'без сбоев', 'ни одной проблемы', 'никаких нареканий', 'оперативную', 'оперативно', 'моментально', 'удобно', 'вовремя', 'огонь', 'за пару минут', 'по-человечески', 'до двери', 'как всегда'),
  forms('praise', 2.0, 'thanks', 'thank you', 'great job', 'kudos', 'shoutout', 'well done', 'props', 'shout out', 'hats off', 'much appreciated', 'appreciate it', 'thx', 'tysm', 'above and beyond', 'came through', 'no complaints', '10/10', '5 stars'),
  forms('praise', 1.5, 'appreciate', 'amazing', 'excellent', 'impressed', 'love it', 'love my', 'awesome', 'fantastic', 'lifesaver', 'blazing fast', 'lightning fast', 'super fast', 'super patient', 'top notch', 'outstanding', 'brilliant', 'superb', 'flawless', 'seamless', 'hassle-free', 'painless', 'sorted it', 'fixed it'),
  forms('praise', 1.0, 'great', 'best customer', 'helpful', 'friendly', 'smooth', 'love', 'perfectly', 'patient', 'kind', 'reliable', 'quick', 'fast'),
  pattern('praise', 1.0, 'warm emoji', /[😍❤🥰🙏👍😊👏💜💙🙌🔥💯🤩😇✨🥳]/u),

  // ── other: news, ads, jobs, spam, jokes ───────────────────────────────────────────────
  stems('other', 1.5, ['объявил', 'запустил', 'запуск', 'вакансии', 'выручка', 'аналитики', 'пресс-конференцию', 'спонсирует', 'интервью', 'оштрафовал', 'квартал', 'прибыль']),
  stems('other', 1.5, ['акция', 'скидка', 'промокодов', 'репост', 'подпишись', 'заработок', 'курс акций', 'плановые работы', 'рекламу', 'соглашение']),
  forms('other', 1.5, 'announces', 'announced', 'launches', 'hiring', 'hire', 'apply now', 'reports', 'profit', 'shares', 'stock', 'earnings', 'sponsors', 'sale', 'link in bio', 'dm for details', 'report says', 'partner on'),
  // News about a company rather than a customer's case: plans, deals, results, rankings.
  lexicon('other', 1.5, 'покажет', 'представит', 'представил', 'проведет', 'откроет', 'планирует', 'модернизацию', 'презентации', 'ребрендинг', 'млрд', 'рейтинг', 'выручку', 'отчитался', 'сократит', 'партнерство'),
  forms('other', 1.5, 'по версии', 'топ-10', 'в четверг', 'restructuring', 'rolls out', 'rollout', 'unveils', 'to cut', 'layoffs', 'acquire', 'acquisition', 'merger', 'surge', 'according to', 'plans to', 'expands'),
  // Recruiting and classifieds.
  prefixes('other', 2.0, 'ваканс', 'требуютс', 'резюме', 'куплю'),
  forms('other', 2.0, 'ищем курьеров', 'ищем сотрудников', 'оплата ежедневно', 'зарплата от', 'пишите в директ', 'пишите в личку', 'в директ', 'we are hiring', 'now hiring', 'per hour'),
  // Giveaways and ads.
  prefixes('other', 2.0, 'разыгрыва', 'промокод'),
  forms('other', 2.0, 'giveaway', 'жми на ссылку', 'переходи по ссылке', 'ссылка в профиле', 'бесплатные подписки', 'дарим', 'follow and retweet', 'tag a friend', 'use code', 'promo code', 'retweet'),
  // Jokes, memes and life updates: the brand is the setting, not the subject.
  forms('other', 2.0, 'кто со мной', 'кто с нами', 'лол', 'ахах', 'ахаха', 'pov', 'unboxing', 'haul', 'lol', 'lmao', 'who wants to'),
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
  // About a whole industry rather than one company: "операторы", "все маркетплейсы", "telcos".
  // Speculating about what a company will "ever" do, rather than asking about one's own case.
  replyForms(-0.5, 'speculation ("когда-нибудь", "ever")', 'когда-нибудь', 'will they ever', 'ever going to', 'ever gonna'),
  replyForms(-1.5, 'about an industry, not a company', 'операторы', 'банки', 'провайдеры', 'магазины', 'у нас в стране', 'в этой стране', 'carriers', 'these companies', 'every bank', 'every carrier'),
];
