/**
 * Words and phrases the targeting rules look for, in Russian, Ukrainian and English. They
 * decide *whose* tone a clause carries and *when a comparison flips it*; how positive or
 * negative a clause is stays the model's call (except for a comparative's own direction,
 * which the model reads poorly: "[BRAND] лучше" comes out neutral).
 *
 * Rules match on a lowercased sentence with ё folded to е and every brand mention replaced
 * by ⟪k⟫ (k = the mention's index), so `B` below captures which mention filled a slot.
 */
export const B = '⟪(\\d+)⟫';

/** Word boundaries that work for Cyrillic too (\b does not). */
const L = '(?<![\\p{L}\\p{N}])';
const R = '(?![\\p{L}\\p{N}])';
export const words = (alternatives: readonly string[]): string => `${L}(?:${alternatives.join('|')})${R}`;

/** Comparatives whose direction is the word's own: +1 the subject wins, -1 it loses. */
export const COMPARATIVES: ReadonlyMap<string, 1 | -1> = new Map<string, 1 | -1>([
  // ru
  ...(['лучше', 'получше', 'дешевле', 'подешевле', 'быстрее', 'побыстрее', 'шустрее', 'стабильнее', 'надежнее', 'удобнее', 'выгоднее', 'приятнее', 'вежливее', 'качественнее', 'чище', 'круче', 'проще', 'понятнее', 'интереснее', 'адекватнее', 'дружелюбнее', 'вкуснее', 'обогнал', 'обогнала', 'обогнали', 'обгоняет', 'обходит', 'опережает', 'выигрывает'] as const).map((w) => [w, 1] as const),
  ...(['хуже', 'похуже', 'дороже', 'подороже', 'медленнее', 'медленней', 'тормознее', 'сложнее', 'грязнее', 'слабее', 'проигрывает', 'уступает', 'отстает'] as const).map((w) => [w, -1] as const),
  // uk
  ...(['краще', 'кращий', 'краща', 'дешевше', 'дешевший', 'дешевша', 'швидше', 'стабільніше', 'надійніше', 'зручніше', 'вигідніше', 'приємніше'] as const).map((w) => [w, 1] as const),
  ...(['гірше', 'гірший', 'гірша', 'дорожче', 'дорожчий', 'дорожча', 'повільніше'] as const).map((w) => [w, -1] as const),
  // en
  ...(['better', 'cheaper', 'faster', 'more reliable', 'more stable', 'nicer', 'easier', 'cleaner', 'friendlier', 'superior to', 'ahead of', 'beats', 'beat', 'outperforms', 'outperformed', '>'] as const).map((w) => [w, 1] as const),
  ...(['worse', 'pricier', 'more expensive', 'slower', 'less reliable', 'less stable', 'inferior to', 'behind', 'loses to', 'lost to', '<'] as const).map((w) => [w, -1] as const),
]);

/**
 * Longest first, so "more expensive" is not read as a bare word. One boundary check around the
 * whole alternation: a lookbehind per alternative made this the slowest step of targeting.
 */
export const COMPARATIVE_RE = new RegExp(
  `${L}(?:${[...COMPARATIVES.keys()]
    .filter((w) => !/^[<>]$/.test(w))
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')})${R}|(?<=\\s|⟫)[<>](?=\\s|⟪)`,
  'gu',
);

/**
 * Comparatives of quantity whose direction depends on what is measured ("ставка по вкладу выше"
 * is good, "цены выше" bad): with a written standard ("…, чем у Сбера") they compare two brands,
 * and the model reads which way.
 */
export const DEGREE_COMPARATIVE = new RegExp(
  `${words(['выше', 'ниже', 'больше', 'меньше', 'вище', 'нижче', 'більше', 'менше', 'higher', 'lower', 'more', 'less'])}(?=\\s*,?\\s*${words(['чем', 'than', 'ніж'])})`,
  'gu',
);

/** "…, а качество то же самое": a clause saying the two are equal in something else. */
export const PARITY = new RegExp(
  words(['такой же', 'такая же', 'такое же', 'такие же', 'то же самое', 'тот же', 'та же', 'те же', 'так же', 'одинаковый', 'одинаковая', 'одинаковое', 'одинаковые', 'такий самий', 'така сама', 'те саме', 'the same', 'just as good', 'same']),
  'u',
);

/**
 * "Я не говорю, что Теле2 плохой, просто…", "Not saying Amazon is perfect but…": the author
 * disclaims a judgement on the brand right after; what follows is about something else. Not "not
 * that X is any better" nor "не то чтобы X лучше": those deny X a merit, they do not disclaim.
 */
export const DISCLAIMER = new RegExp(
  `${words(['не говорю', 'не скажу', 'не хочу сказать', 'не утверждаю', 'не кажу', 'не скажу що', 'not saying', 'not to say', "i'm not saying", 'im not saying', "i won't say"])}\\s*,?\\s*(?:(?:что|що|that)\\s+)?(?:(?:у|в|на|at|with)\\s+)?${B}`,
  'u',
);

/** "не лучше", "ничем не хуже", "no better than", "isn't worse": the comparative is negated. */
export const COMPARATIVE_NEGATION = new RegExp(`${words(['не', 'no', 'not', "isn't", "aren't", "wasn't", 'ні'])}\\s*$`, 'u');

/** What introduces the standard of comparison: "чем", "than", "ніж", "за" (uk). */
export const STANDARD_MARKER = new RegExp(`^\\s*,?\\s*${words(['чем', 'than', 'ніж', 'за'])}`, 'u');

/** "по сравнению с X", "compared to X", "X vs Y": a comparison whose direction the model reads. */
export const COMPARED_WITH = new RegExp(`${words(['по сравнению с', 'в сравнении с', 'порівняно з', 'compared to', 'compared with'])}\\s+${B}`, 'gu');

/** "Сбер и ВТБ рядом не стояли": the brands of that clause lose to the one before. */
export const NOT_EVEN_CLOSE = new RegExp(words(['рядом не стоял', 'рядом не стояла', 'рядом не стояли', 'рядом не стоит', 'рядом не стоят', 'и рядом не', 'даже рядом не', 'в подметки не годится', 'в подметки не годятся', 'nowhere near']), 'u');

/** Verbs of leaving one provider for another. */
export const SWITCH_VERB = new RegExp(
  words([
    'перешел', 'перешла', 'перешли', 'перехожу', 'переходим', 'перейду', 'переехал', 'переехала', 'переехали', 'переезжаю', 'переезжаем',
    'ушел', 'ушла', 'ушли', 'ухожу', 'уходим', 'уйду', 'сбежал', 'сбежала', 'сбежали', 'сменил', 'сменила', 'сменили', 'поменял', 'поменяла', 'поменяли',
    'перенес', 'перенесла', 'перенесли', 'перевел', 'перевела', 'перевели', 'вернулся', 'вернулась', 'вернулись', 'перебрался', 'перебралась',
    'закрыл', 'закрыла', 'закрыли', 'перестал', 'перестала', 'перестали', 'отказался', 'отказалась', 'вместо',
    'перейшов', 'перейшла', 'перейшли', 'переходжу', 'пішов', 'пішла', 'пішли', 'змінив', 'змінила', 'повернувся', 'повернулася',
    'switched', 'switching', 'switch', 'moved', 'moving', 'went', 'ported', 'porting', 'changed', 'migrated', 'left', 'leaving', 'ditched', 'dumped',
    'cancelled', 'canceled', 'dropped', 'quit', 'instead of',
  ]),
  'u',
);

/** Verbs that only leave ("закрыла счёт", "перестали ходить"): with no other switch verb, "в X" after them is not where one went. */
export const LEAVE_ONLY_VERB = new RegExp(words(['закрыл', 'закрыла', 'закрыли', 'перестал', 'перестала', 'перестали', 'отказался', 'отказалась', 'cancelled', 'canceled', 'quit']), 'gu');

/** Right before the brand left behind: "с/из/от X", "from X", "вместо X", "после X". */
export const FROM_BEFORE = new RegExp(`${words(['с', 'со', 'из', 'от', 'вместо', 'после', 'from', 'instead of', 'after', 'з', 'із', 'від', 'been with', 'was with'])}\\s+$`, 'u');
/** Verbs that take the brand left behind as their object within a few words: "сменил X на", "left X for", "закрыла счета в X". */
export const LEAVE_VERB_BEFORE = new RegExp(
  `${words(['сменил', 'сменила', 'сменили', 'поменял', 'поменяла', 'закрыл', 'закрыла', 'закрыли', 'перестал', 'перестала', 'перестали', 'отказался', 'отказалась', 'змінив', 'змінила', 'left', 'leaving', 'ditched', 'dumped', 'cancelled', 'canceled', 'dropped', 'quit'])}(?:\\s+[^\\s⟪]+){0,3}\\s+$`,
  'u',
);
/** Right before the brand switched to: "на/в/к Y", "to Y", "for Y", "теперь (только) Y". */
export const TO_BEFORE = new RegExp(`${words(['на', 'в', 'во', 'к', 'ко', 'to', 'for', 'до', 'теперь', 'теперь только', 'only'])}\\s+$`, 'u');
/** "на МТС после Билайна", "on Verizon after AT&T": a switch told without a verb. */
export const ON_AFTER = new RegExp(`${words(['на', 'в', 'on', 'with'])}\\s+${B}\\s+${words(['после', 'after'])}\\s+${B}`, 'u');

/** The switch went wrong: the brand left behind was better. */
export const SWITCH_REGRET = new RegExp(
  words(['пожалел', 'пожалела', 'пожалели', 'жалею', 'зря', 'ошибка', 'вернусь обратно', 'regret', 'regretted', 'regrets', 'miss', 'mistake', 'пошкодував', 'пошкодувала', 'went (?:right )?back(?!\\s+to)']),
  'u',
);
/** Regret denied ("ни разу не пожалел", "zero regrets", "I miss nothing"): the switch stands. */
export const REGRET_DENIED = new RegExp(
  words(['не пожалел', 'не пожалела', 'не пожалели', 'не жалею', 'не зря', 'no regrets', 'zero regrets', 'not a single regret', "don't regret", 'do not regret', 'never regretted', "don't miss", 'do not miss', "won't miss", 'miss nothing', 'not miss', 'не пошкодував', 'не пошкодувала']),
  'gu',
);
/** Neither side won: "шило на мыло". */
export const SWITCH_NO_GAIN = new RegExp(
  words(['шило на мыло', 'хрен редьки не слаще', 'ничем не лучше', 'не лучше', 'то же самое', 'ничего не изменилось', 'no better', 'same crap', 'just as bad', 'same old', 'nothing changed', 'same problems', 'same issues']),
  'u',
);

export const NOT_X_BUT_Y = [
  new RegExp(`${words(['не', 'ні'])}\\s+(?:(?:у|в|на|с|від|у)\\s+)?${B}((?:\\s+[^\\s⟪,]+){0,2})\\s*,?\\s*(?:а|a)\\s+(?:(?:у|в|на|с)\\s+)?${B}`, 'u'),
  new RegExp(`${words(['not'])}\\s+(?:(?:at|with|to)\\s+)?${B}()\\s*,?\\s*but\\s+(?:(?:at|with|to)\\s+)?${B}`, 'u'),
];
/** "Not Verizon's fault", "не Озон виноват": the blame is taken off the brand. */
export const NOT_AT_FAULT = new RegExp(
  `(?:${words(['not'])}\\s+${B}\\s*(?:'s|’s)?\\s+fault|${words(['не'])}\\s+${B}\\s+винова|${words(['не в'])}\\s+${B}\\s+дело|${words(['дело не в'])}\\s+${B})`,
  'u',
);
/** "Выбрал не МТС, а Мегафон": a choice, so the one not chosen is rejected whatever the model reads. */
export const CHOICE_VERB = new RegExp(
  words(['выбрал', 'выбрала', 'выбрали', 'выбираю', 'взял', 'взяла', 'взяли', 'беру', 'предпочел', 'предпочла', 'предпочитаю', 'остановился', 'остановилась', 'обрав', 'обрала', 'chose', 'choose', 'picked', 'went with', 'prefer', 'preferred']),
  'u',
);
export const NEITHER_NOR = [
  new RegExp(`${words(['ни', 'ні'])}\\s+(?:(?:у|в|на)\\s+)?${B}\\s*,?\\s*${words(['ни', 'ні'])}\\s+(?:(?:у|в|на)\\s+)?${B}`, 'u'),
  new RegExp(`${words(['neither'])}\\s+${B}\\s+nor\\s+${B}`, 'u'),
];
export const NOT_ONLY = [
  new RegExp(`${words(['не только', 'не лише', 'не тільки'])}\\s+(?:(?:у|в|на)\\s+)?${B}.*?${words(['но и', 'а и', 'а й', 'але й'])}\\s+(?:(?:у|в|на)\\s+)?${B}`, 'u'),
  new RegExp(`${words(['not only', 'not just'])}\\s+${B}.*?${B}`, 'u'),
];

/** Opening words of a question that asks rather than complains. */
export const QUESTION_OPENER = new RegExp(
  `^(?:[^\\p{L}⟪]*)${words([
    'что', 'кто', 'где', 'какой', 'какая', 'какое', 'какие', 'каким', 'куда', 'сколько', 'или', 'есть ли', 'стоит ли', 'можно ли',
    'що', 'хто', 'де', 'який', 'яка', 'які', 'чи',
    'is', 'are', 'does', 'do', 'did', 'should', 'which', 'what', 'where', 'who', 'can', 'could', 'would', 'will', 'any', 'anyone', 'anybody', 'has anyone', 'or',
  ])}`,
  'u',
);
/** Anywhere in a question: a request for advice or an either/or between brands. */
export const ADVICE = new RegExp(
  `${words(['подскажите', 'посоветуйте', 'порекомендуйте', 'кто знает', 'кто-нибудь', 'кто пробовал', 'кто пользовался', 'что выбрать', 'что лучше', 'стоит ли', 'есть ли смысл', 'підкажіть', 'порадьте', 'recommend', 'recommendations', 'recs', 'any advice', 'anyone tried', 'should i', 'worth it', 'thoughts'])}|${B}\\s*(?:,\\s*)?${words(['или', 'or', 'vs', 'versus', 'чи'])}\\s+${B}`,
  'u',
);
/** A question that is a complaint: "почему опять не работает?", "why is X so bad?". */
export const RHETORICAL = new RegExp(
  words(['почему', 'зачем', 'за что', 'с какой стати', 'сколько можно', 'когда уже', 'доколе', 'объясните', 'объяснить', 'серьезно', 'чому', 'навіщо', 'why', 'how come', 'is it just me', 'seriously', 'wtf', 'since when']),
  'u',
);

/** Signs of a news item: reporting verbs, sources, corporate events. */
export const NEWS_CUE = new RegExp(
  words([
    'сообщает', 'сообщил', 'сообщила', 'сообщили', 'сообщают', 'объявил', 'объявила', 'объявили', 'заявил', 'заявила', 'заявили', 'отчитался', 'отчиталась', 'отчитались',
    'подписали', 'подписал', 'подписала', 'признан', 'признана', 'по данным', 'по информации', 'по версии', 'оштрафовала', 'оштрафовал', 'оштрафован', 'фас', 'цб', 'подали заявки',
    'выручка', 'квартал', 'повысили ставки', 'повысил ставки', 'снизил ставки', 'announce', 'announces', 'announced', 'report', 'reports', 'reported', 'according to', 'said', 'says',
    'fined', 'regulators', 'secures', 'licence', 'license', 'shares', 'quarter', 'unveils', 'partnership', 'outage hits', 'повідомляє', 'оголосив', 'оголосила',
  ]),
  'u',
);
/** A writer speaking for themselves or to someone is not reporting news. */
export const PERSONAL = new RegExp(
  `${words(['я', 'мне', 'меня', 'мной', 'мой', 'моя', 'мое', 'мои', 'мы', 'нас', 'нам', 'наш', 'наша', 'вы', 'вас', 'вам', 'ваш', 'i', 'me', 'my', 'we', 'our', 'us', 'you', 'your', 'мені', 'мій', 'моя', 'ми'])}|[!?)(]|:\\)|\\p{Extended_Pictographic}`,
  'u',
);

/** Ironic praise. */
export const SARCASM = new RegExp(
  `${words(['ну конечно', 'ну спасибо', 'браво', 'как всегда на высоте', 'спасибо большое за', 'конечно лучший', 'конечно, лучший', 'great job', 'nice job', 'well done', 'thanks a lot', 'love how', 'so glad', 'yeah right'])}|^(?:[^\\p{L}⟪]*)${words(['отличный', 'отличная', 'отличное', 'прекрасный', 'прекрасная', 'замечательный', 'great', 'amazing', 'wonderful'])}[^:.!?]{0,40}:`,
  'u',
);

/** Second person, when a post opens by addressing a brand ("@beeline_rus вы серьёзно?"): that brand. */
export const SECOND_PERSON = /(?<![\p{L}\p{N}])(?:вы|вас|вам|вами|ваш|ваша|ваше|ваши|вашего|вашей|вашим|ваших|вашу|ви|you|your|yours)(?![\p{L}\p{N}])/giu;

/** "X so bad and Y fine": where one clause may hold two statements about two brands. */
export const COORDINATOR = /\s(?:и|and|і|&)\s/gu;

/** Words that carry no content of their own: a clause of brands and these is a list, not a statement. */
export const FUNCTION_WORDS = new Set([
  'и', 'или', 'а', 'но', 'у', 'в', 'во', 'на', 'с', 'со', 'из', 'от', 'к', 'за', 'по', 'ни', 'не', 'только', 'чем', 'vs', 'versus', 'оба', 'обе', 'тоже', 'также', 'даже', 'же', 'ли', 'то',
  'і', 'й', 'та', 'чи', 'ніж', 'від', 'до', 'з',
  'and', 'or', 'but', 'at', 'on', 'with', 'for', 'to', 'from', 'the', 'a', 'an', 'both', 'too', 'also', 'than', 'nor', 'neither', 'of', 'in',
]);

/** Contrastive connectives after which a neutral clause about another brand reads as the opposite. */
export const OPPOSING_CONNECTIVES = new Set(['а', 'а вот', 'но', 'однако', 'зато', 'тогда как', 'в то время как', 'впрочем', 'але', 'проте', 'однак', 'зате', 'тоді як', 'в той час як', 'but', 'however', 'whereas', 'while', 'whilst', 'meanwhile', 'on the other hand', 'yet']);

/** Words that say two brands' clauses are alike, not set against each other ("МТС подорожал. Билайн тоже"). */
export const PARALLEL = new RegExp(words(['тоже', 'также', 'так же', 'то же', 'оба', 'обе', 'и там', 'и тут', 'теж', 'також', 'too', 'also', 'as well', 'either', 'both', 'same', 'likewise']), 'u');

/** Connectives after which a brandless clause overrides what was just said about the brand ("дорогой, зато ловит везде"). */
export const CONCESSIVE = new Set(['но', 'однако', 'зато', 'впрочем', 'але', 'проте', 'однак', 'зате', 'but', 'however', 'yet']);
