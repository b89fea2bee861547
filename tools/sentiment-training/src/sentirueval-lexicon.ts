/**
 * How the SentiRuEval companies are written in the tweets, for marking the company being scored
 * as [BRAND] and the others as [OTHER] (the input the app builds from a topic's matched terms).
 * Cyrillic terms of four letters or more also match inflected forms ("Билайна", "Сбером"),
 * with the same rule as the app's keyword matching.
 */
export const SENTIRUEVAL_COMPANY_TERMS: Readonly<Record<string, readonly string[]>> = {
  beeline: ['Билайн', 'Beeline', 'Би Лайн', 'Вымпелком', 'beeline_rus'],
  mts: ['МТС', 'MTS', 'mts_rus', 'mtsru'],
  megafon: ['Мегафон', 'MegaFon', 'megafonru'],
  tele2: ['Теле2', 'Tele2', 'Теле 2', 'Tele 2', 'tele2_russia'],
  rostelecom: ['Ростелеком', 'Rostelecom', 'РТК'],
  komstar: ['Комстар', 'Komstar'],
  skylink: ['Скайлинк', 'Skylink'],
  sberbank: ['Сбербанк', 'Сбер', 'Sberbank', 'Sber', 'СБРФ', 'sberbank_ru'],
  vtb: ['ВТБ', 'ВТБ24', 'ВТБ 24', 'VTB', 'VTB24'],
  gazprom: ['Газпромбанк', 'Газпром', 'Gazprombank', 'Gazprom', 'ГПБ'],
  alfabank: ['Альфа-Банк', 'Альфабанк', 'Альфа банк', 'Альфа', 'Alfa-Bank', 'Alfabank', 'Alfa bank', 'Alfa'],
  bankmoskvy: ['Банк Москвы', 'Bank of Moscow'],
  raiffeisen: ['Райффайзенбанк', 'Райффайзен', 'Райфайзен', 'Райф', 'Raiffeisen', 'Raiffeisenbank'],
  uralsib: ['Уралсиб', 'Uralsib'],
  rshb: ['Россельхозбанк', 'РСХБ', 'RSHB'],
};

export function companyTerms(company: string): readonly string[] {
  return SENTIRUEVAL_COMPANY_TERMS[company] ?? [company];
}
