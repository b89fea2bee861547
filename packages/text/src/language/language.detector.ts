/**
 * Script-and-stopword language detection for short social posts. A model-free detector
 * is enough to route Russian, Ukrainian and English (the languages Pulse scores first);
 * anything it cannot place is "und" rather than a guess.
 */
export type DetectedLanguage = 'ru' | 'uk' | 'en' | 'und';

const UKRAINIAN_ONLY = /[іїєґ]/giu;
const RUSSIAN_ONLY = /[ыэъё]/giu;
const CYRILLIC = /\p{Script=Cyrillic}/gu;
const LATIN = /\p{Script=Latin}/gu;

const UK_WORDS = new Set(['що', 'це', 'як', 'та', 'але', 'вже', 'мені', 'немає', 'дуже', 'який', 'яка', 'від', 'щоб', 'чи', 'його', 'вони', 'ми', 'ви', 'коли', 'тому', 'зараз', 'треба', 'знову', 'навіть', 'будь', 'ласка']);
const RU_WORDS = new Set(['что', 'это', 'как', 'но', 'уже', 'мне', 'нет', 'очень', 'который', 'от', 'чтобы', 'ли', 'его', 'они', 'мы', 'вы', 'когда', 'потому', 'сейчас', 'надо', 'опять', 'даже', 'пожалуйста', 'не', 'и', 'в', 'на', 'я', 'с', 'у', 'так', 'все', 'был', 'кто']);
const EN_WORDS = new Set(['the', 'and', 'is', 'are', 'to', 'of', 'in', 'for', 'my', 'it', 'this', 'that', 'with', 'not', 'no', 'you', 'your', 'have', 'has', 'was', 'be', 'on', 'at', 'again', 'why', 'what', 'how', 'can', 'just', 'i', 'me', 'they', 'we', 'do', 'does', 'am', 'so', 'but', 'from', 'get', 'got']);

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

export function detectLanguage(text: string): DetectedLanguage {
  // Handles, links and hashtags say nothing about the writer's language.
  const body = text.replace(/https?:\/\/\S+|[@#][\p{L}\p{N}_]+/gu, ' ');
  const cyrillic = count(body, CYRILLIC);
  const latin = count(body, LATIN);
  if (cyrillic === 0 && latin === 0) return 'und';
  const words = body.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (cyrillic >= latin) {
    const ukLetters = count(body, UKRAINIAN_ONLY);
    const ruLetters = count(body, RUSSIAN_ONLY);
    const ukWords = words.filter((w) => UK_WORDS.has(w)).length;
    const ruWords = words.filter((w) => RU_WORDS.has(w)).length;
    return ukLetters * 2 + ukWords > ruLetters * 2 + ruWords ? 'uk' : 'ru';
  }
  const enWords = words.filter((w) => EN_WORDS.has(w)).length;
  // Brand-only posts ("Verizon 5G") have no stopwords; short Latin text is most likely English.
  if (enWords > 0 || words.length <= 3) return 'en';
  return 'und';
}
