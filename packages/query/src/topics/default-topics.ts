import type { TopicDefinition } from './topic.definition.js';

/**
 * Topics a fresh install tracks so the demo feed arrives matched: Russian telecoms, banks,
 * retailers and marketplaces first, then a few US brands. Measured against the labeled set
 * in fixtures/matching-set.jsonl (`npm run eval:matching`); the README has the figures.
 *
 * Keywords list the spellings people use (Cyrillic, Latin, misspellings, nicknames,
 * handles); every one inflects. `glued` names are long and distinctive enough to be found
 * inside hashtags and derived words; short ones are not (ВБ would hit "вбить"). `exclude`
 * holds the false friends: the megaphone, the ozone, the magnet, the alpha version.
 */
export const DEFAULT_TOPICS: readonly TopicDefinition[] = [
  {
    id: 'mts',
    name: 'МТС',
    keywords: ['МТС', 'MTS', 'Мобильные ТелеСистемы'],
    // An acronym glues only at a word's edges: мтсник, мтсовский.
    glued: ['МТС'],
    exclude: ['"машинно-тракторная"'],
  },
  {
    id: 'beeline',
    name: 'Билайн',
    keywords: ['Билайн', 'Beeline'],
    glued: ['Билайн', 'Beeline'],
    // "Made a beeline for the door": the English idiom ("beelined" would stem like the brand).
    exclude: ['"a beeline for"', '"a beeline to"', '"a beeline towards"'],
  },
  {
    id: 'megafon',
    name: 'МегаФон',
    keywords: ['МегаФон', 'Megafon'],
    glued: ['МегаФон'],
    // The loudspeaker: shouted through, on a siren, sold with walkie-talkies.
    exclude: [
      '"через мегафон"',
      'мегафон NEAR/3 (кричать OR кричал OR орать OR орал OR орет OR сирена OR сиреной OR рупор OR громкоговоритель OR рации OR рация OR батарейки)',
    ],
  },
  {
    id: 'tele2',
    name: 'Т2 (Tele2)',
    keywords: ['Теле2', 'Теле 2', 'Tele2', 'Т2', 'T2'],
    glued: ['Теле2', 'Tele2'],
    // T2 is also an MRI sequence, the second Terminator and type 2 diabetes.
    exclude: ['мрт', 'терминатор', 'диабет', 'terminator', 'diabetes', 'mri'],
  },
  {
    id: 'rostelecom',
    name: 'Ростелеком',
    keywords: ['Ростелеком', 'Rostelecom'],
    glued: ['Ростелеком', 'Rostelecom'],
  },
  {
    id: 'sberbank',
    name: 'Сбер',
    // "Сбер" glued would find "сбережения": its derived words are listed instead.
    keywords: ['Сбер', 'Сбербанк', 'Sber', 'Sberbank', 'SberPay', 'СберПей', 'СберСпасибо', 'СберБизнес', 'сберовск*', 'сберовц*'],
    glued: ['Сбербанк', 'Sberbank'],
  },
  {
    id: 'tinkoff',
    name: 'Т-Банк (Тинькофф)',
    keywords: ['Тинькофф', 'Т-Банк', 'ТБанк', 'T-Bank', 'TBank', 'Tinkoff', 'Тинек'],
    glued: ['Тинькофф', 'Tinkoff'],
  },
  {
    id: 'vtb',
    name: 'ВТБ',
    keywords: ['ВТБ', 'VTB'],
    glued: ['ВТБ'],
    // Named after the bank, not about it: the arena and the basketball league.
    exclude: ['"втб арена"', '"лига втб"'],
  },
  {
    id: 'alfabank',
    name: 'Альфа-Банк',
    keywords: ['Альфа-Банк', 'Альфабанк', 'Alfa-Bank', 'Альфа', 'Альфа-Клик'],
    glued: ['Альфа-Банк', 'Alfa-Bank'],
    // "Альфа" alone is how people call the bank, and the first word of many other things.
    exclude: [
      '"альфа версия"', '"альфа самец"', '"альфа самка"', 'альфа NEAR/1 тест*', '"альфа центавра"', '"альфа ромео"', '"alfa romeo"',
      '"альфа липоевая"', '"альфа канал"', '"альфа частица"', '"альфа излучение"', '"альфа ритм"',
    ],
  },
  {
    id: 'wildberries',
    name: 'Wildberries',
    keywords: ['Wildberries', 'Вайлдберриз', 'Вайлдберис', 'Вайлдбериз', 'Ваилдберриз', 'Валдберис', 'Валберис', 'Вальдберис', 'WB', 'ВБ', 'RWB', 'вбшн*'],
    glued: ['Wildberries', 'Вайлдберриз'],
  },
  {
    id: 'ozon',
    name: 'Ozon',
    keywords: ['Ozon', 'Озон', 'озоновск*'],
    glued: ['Ozon'],
    // The gas: smelled after a storm, measured in the air, a layer over the poles.
    exclude: [
      'озон NEAR/3 (запах OR пахнет OR пахнуть OR слой OR гроза OR атмосфера OR воздух OR содержание OR концентрация)',
      '"ozone layer"', '"ozone level"', 'ozone NEAR/3 (air OR pollution OR smog)',
    ],
  },
  {
    id: 'magnit',
    name: 'Магнит',
    keywords: ['Магнит', 'Magnit'],
    // The magnet, real and figurative.
    exclude: [
      'магнит NEAR/3 (холодильник OR неодимовый OR притягивает OR сувенир OR железо)',
      '"настоящий магнит"',
      '"магнит для"',
    ],
  },
  {
    id: 'pyaterochka',
    name: 'Пятёрочка',
    keywords: ['Пятёрочка', 'Pyaterochka', 'Пятёрка', '5ка', '5ке', '5ку', '5кой', '5ки'],
    glued: ['Пятёрочка'],
    // A "пятёрка" is also a top school mark, and a team of five.
    exclude: [
      '(пятерочка OR пятерка) NEAR/4 (получил OR оценка OR четверка OR контрольная OR экзамен OR урок OR учительница OR математика OR физика OR школа)',
      'пятерка NEAR/3 (стартовая OR лучших OR лидеров OR турнир OR матч OR команда)',
    ],
  },
  {
    id: 'verizon',
    name: 'Verizon',
    keywords: ['Verizon', 'VZW', 'Verizon Wireless'],
    glued: ['Verizon'],
  },
  {
    id: 'att',
    name: 'AT&T',
    // "ATT" glued would find "attention", "matt": the brand's handles are listed instead.
    keywords: ['AT&T', 'ATT', 'ATTHelp', 'ATTOutage', 'ATTFiber'],
  },
  {
    id: 'tmobile',
    name: 'T-Mobile',
    keywords: ['T-Mobile', 'TMobile', 'TMO'],
    glued: ['T-Mobile'],
  },
  {
    id: 'chase',
    name: 'Chase',
    // "Chase" is a verb and a first name, so the bare word needs banking around it.
    keywords: ['JPMorgan Chase', 'Chase Bank', 'Chase Sapphire', 'Chase Freedom', 'ChaseBank'],
    queries: [
      'chase NEAR/4 (bank OR card OR account OR app OR checking OR savings OR overdraft OR fee OR fraud OR deposit OR branch OR atm OR credit OR debit OR mortgage OR loan OR zelle OR statement OR cashback)',
    ],
  },
  {
    id: 'bankofamerica',
    name: 'Bank of America',
    keywords: ['Bank of America', 'BankofAmerica', 'BofA', 'B of A'],
  },
  {
    id: 'amazon',
    name: 'Amazon',
    keywords: ['Amazon'],
    glued: ['Amazon'],
    transliterate: true,
    // The river, the rainforest, the warriors.
    exclude: ['rainforest', 'river', 'jungle', 'deforestation', 'basin', 'амазонка', '"wonder woman"'],
  },
  {
    id: 'walmart',
    name: 'Walmart',
    keywords: ['Walmart', 'Wal-Mart', 'Wally World'],
    transliterate: true,
  },
];
