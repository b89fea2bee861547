import { composePost, personalMoment, type PhraseBank } from './demo-phrases.js';
import { RU_PHRASES } from './demo-phrases.ru.js';
import type { DemoPost, DemoPostFactory } from './demo-posts.js';
import type { DemoRandom } from './demo-random.js';
import { DEMO_BRANDS, type DemoBrand } from './demo-world.js';

/** An outage: complaints far above the brand's usual level, the brand answering, customers following up. */
export interface DemoIncident {
  topicId: string;
  /** Complaints per minute at the peak, on top of ordinary traffic. */
  peakPerMinute: number;
  /** Share of direct complaints the brand answers, and how fast (median minutes). */
  answered: number;
  answerMedianMinutes: number;
  /** Share of answered customers who come back once it works again. */
  followUp: number;
}

/** The outage's words: the complaint bank with outage cores instead of everyday ones. */
const OUTAGE: PhraseBank = {
  ...RU_PHRASES,
  complaint: {
    ...RU_PHRASES.complaint,
    core: {
      ...RU_PHRASES.complaint.core,
      telecom: [
        '{brand}, у всего района нет связи',
        'у {gen} массовый сбой? ни звонков, ни интернета',
        '{brand} лежит по всему городу',
        'связь {gen} пропала полностью, телефон пишет «только SOS»',
        '{brand}, что происходит? интернет отвалился у всех в доме',
        'на {brand} не проходят звонки, даже в скорую не дозвониться',
        'у {gen} снова авария, в {city} ничего не работает',
        'сбой у {gen}: ни мобильного интернета, ни домашнего',
      ],
    },
  },
};

const ANSWERS = [
  '{name}, здравствуйте! Видим сбой в вашем районе, инженеры уже работают. Напишем, как только восстановим связь.',
  '{name}, добрый вечер. Это авария на нашем оборудовании, бригада выехала. Извините за неудобства!',
  'Здравствуйте, {name}! Проблема известна, восстанавливаем. Номер обращения пришлём в личные сообщения.',
  '{name}, приносим извинения. Сбой затронул несколько районов, ориентир по восстановлению — пара часов.',
  'Здравствуйте! {name}, уже разбираемся: авария на линии, специалисты на месте. Спасибо за терпение.',
  '{name}, здравствуйте. Передали ваш адрес инженерам, держим в курсе.',
];

const FOLLOW_UPS = [
  'Связь вернулась, спасибо {brand} за оперативность',
  'Всё заработало, спасибо поддержке {gen}, быстро ответили',
  '{brand}, интернет снова летает, спасибо что держали в курсе',
  'Починили! Спасибо {brand}, вопрос закрыт',
  'Заработало, {brand}. Спасибо, что не игнорировали',
  'Спасибо {gen} за компенсацию и быстрый ответ, всё работает',
];

export function incidentBrand(incident: DemoIncident): DemoBrand {
  return DEMO_BRANDS.find((b) => b.topicId === incident.topicId)!;
}

/** One outage complaint by a regular of the brand's language, published at `time`. */
export function outageComplaint(factory: DemoPostFactory, rng: DemoRandom, brand: DemoBrand, time: number): DemoPost {
  const author = factory.author(brand.language);
  const direct = brand.handle !== undefined && author.source !== 'rss' && rng.chance(0.45);
  return factory.post(author, brand, 'complaint', time, composePost(OUTAGE, 'complaint', brand.category, brand, rng, { direct }));
}

/**
 * The brand's side of an incident for the complaints it produced: answers under direct
 * complaints (log-normal delay around the median) and later thanks from some of the
 * customers answered. Answers are returned separately: they must reach the gateway after the
 * complaints they answer (see DemoHistory).
 */
export function handleIncident(
  factory: DemoPostFactory,
  rng: DemoRandom,
  incident: DemoIncident,
  complaints: readonly DemoPost[],
  until: number,
): { answers: DemoPost[]; followUps: DemoPost[] } {
  const brand = incidentBrand(incident);
  const answers: DemoPost[] = [];
  const followUps: DemoPost[] = [];
  for (const complaint of complaints) {
    if (!complaint.meta.direct || complaint.source === 'rss' || !rng.chance(incident.answered)) continue;
    const delayMinutes = Math.max(2, incident.answerMedianMinutes * Math.exp(0.8 * rng.normal()));
    const answeredAt = complaint.meta.time + delayMinutes * 60_000;
    if (answeredAt >= until) continue;
    const name = complaint.author.name.split(' ')[0] ?? complaint.author.handle;
    answers.push(factory.answer(complaint, brand, rng.pick(ANSWERS).replaceAll('{name}', name), answeredAt));
    if (!rng.chance(incident.followUp)) continue;
    const thanksAt = answeredAt + rng.int(60, 8 * 60) * 60_000;
    if (thanksAt >= until) continue;
    const author = factory.authorById(complaint.author.id)!;
    const text = rng.pick(FOLLOW_UPS).replaceAll('{brand}', brand.nominative).replaceAll('{gen}', brand.genitive);
    const moment = personalMoment(RU_PHRASES, rng);
    followUps.push(factory.post(author, brand, 'praise', thanksAt, `${text}. ${moment.charAt(0).toUpperCase()}${moment.slice(1)} ${rng.pick(['🙏', '👍', '❤️', '🙂'])}`));
  }
  return { answers, followUps };
}
