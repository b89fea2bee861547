/**
 * The closed list of rules that decide the tone toward one brand of a post. Each per-topic tone
 * carries the name of the rule that decided it (`sentiment.byTopic[].explain.rule`); the
 * descriptions are the sentiment README's rules table.
 */
export const TARGETING_RULES = {
  'whole-post': 'Only one tracked brand is located in the post: the tone of the whole post.',
  'not-located': "The topic matched but none of its terms is found in the text (a query matched on something else): the whole post's tone.",
  'own-clause': 'The brand has clauses of its own (split at connectives and punctuation, brandless clauses joined to the brand before them): the model reads those.',
  concession: 'Its own clause is followed in the same sentence by a brandless "зато/но/однако/but/yet" clause ("Мегафон дорогой, зато ловит везде"): the model reads what follows the connective, the author\'s verdict.',
  'shared-clause': 'Several brands share one clause with no comparison in it ("МТС и Билайн опять подняли цены"): each gets that clause\'s tone.',
  'contrast-opposite': 'Its clause reads neutral but is contrasted ("а", "но", "зато", "whereas", "but"…) with another brand\'s clause that reads positive or negative: the opposite of that.',
  'contrast-relative': 'Both contrasted clauses read neutral: the one the model leans more positive on (by at least 0.1 in P(positive) − P(negative)) gets positive, the other negative.',
  'contrast-ellipsis': 'An elliptical contrast ("…, а у Теле2 нет", "а у Йоты как всегда"): the opposite of the clause it is contrasted with.',
  unlike: '"В отличие от X, …" / "Unlike X, …": X gets the opposite of the main clause, which the other brand gets.',
  'comparison-winner': 'Subject of a comparative that favours it ("X лучше/дешевле Y", "X better than Y", "Y хуже X", "X > Y"), or whose clause the model reads positive in "X по сравнению с Y".',
  'comparison-loser': 'The other side of a comparison: the opposite of the winner (or the subject of "хуже/дороже/worse"; "Сбер и ВТБ рядом не стояли").',
  'comparison-no-better': '"X не лучше Y", "X is no better than Y": both negative.',
  'comparison-no-worse': '"X не хуже Y", "X is no worse than Y": X positive, Y neutral.',
  'comparison-but': 'A comparison followed by a "но/зато/but" clause ("ВкусВилл дороже Пятёрочки, но качество несравнимо"): that clause decides the subject, the other brand gets the opposite.',
  'comparison-degree': '"У X ставка выше, чем у Y", "X даёт больше, чем Y": a comparative of quantity whose direction depends on what is measured. The model reads the sentence for X, leaning positive or negative (P(positive) against P(negative)); Y gets the opposite.',
  'switch-from': 'The brand switched away from ("перешёл с X на Y", "ушёл от X к Y", "switched from X to Y", "left X for Y", "вместо X"): negative.',
  'switch-to': 'The brand switched to: positive.',
  'switch-regret': 'A switch regretted ("…и пожалел", "зря", "regret", "I miss X"): the brand left positive, the new one negative.',
  'switch-no-gain': 'A switch that changed nothing ("шило на мыло", "no better"): both negative.',
  'not-x-but-y': '"не X, а Y" / "not X but Y": Y gets the sentence\'s tone; X the opposite when that is positive (rejected), neutral when negative (the blame moved).',
  'not-at-fault': '"Not X\'s fault", "не X виноват": X neutral.',
  disclaimer: '"Я не говорю, что X плохой, …", "Not saying X is perfect, …": the author disclaims a judgement on X: neutral.',
  'neither-nor': '"ни X, ни Y" / "neither X nor Y": both get the sentence\'s tone.',
  'not-only': '"не только X, но и Y" / "not just X, Y too": both get the sentence\'s tone.',
  'question-neutral': 'A question asking for advice or a choice ("что лучше, X или Y?", "подскажите", "should I"): neutral, unless the model is confident (question-loaded).',
  'question-loaded': 'Such a question that the model reads confidently positive or negative: that tone.',
  'news-neutral': 'A news item (reporting verbs and sources, nobody speaking for themselves): neutral, unless the model is confident (news-loaded).',
  'news-loaded': 'News that the model reads confidently positive or negative (a fine, an outage, an award): that tone.',
  sarcasm: 'Ironic praise ("браво", "как всегда на высоте", "great job", "отличный сервис: …"): negative unless the rest reads confidently positive.',
} as const;

export type TargetingRule = keyof typeof TARGETING_RULES;
