import type { Intent } from '../classification/intent.types.js';
import type { AnswerCategory } from './typical-answers.js';

const SUPPORT: Intent[] = ['complaint', 'question', 'request'];

/**
 * The demo brands' (telecoms, banks, retailers) typical answers, Russian first with an
 * English translation. Patterns are brand-free so one base serves every tracked topic;
 * `{{topic.name}}` signs the answer with the brand. Order matters only for ties.
 */
export const DEFAULT_ANSWERS: readonly AnswerCategory[] = [
  {
    id: 'no-connection',
    name: 'Нет связи или интернета',
    intents: SUPPORT,
    patterns: [
      '(интернет OR связь OR сеть OR сигнал OR вайфай OR wi-fi OR звонки) NEAR/3 (нет OR пропал OR пропадает OR "не работает" OR лежит OR тормозит OR сбой OR обрываются OR "не ловит")',
      'без NEAR/2 (связи OR интернета) OR (роутер OR модем) NEAR/3 (мигает OR горит OR "не работает")',
      '(internet OR signal OR service OR wifi OR connection OR network OR calls OR fiber) NEAR/3 (down OR no OR dropping OR dropped OR drops OR outage OR "not working" OR slow)',
      '"zero bars" OR "no bars" OR outage',
    ],
    template:
      '{{author.name}}, здравствуйте! Сожалеем, что связь подвела. Напишите нам в личные сообщения номер телефона или договора и адрес: проверим, нет ли аварии в вашем районе, и скажем, когда всё заработает. Поддержка {{topic.name}}',
    templates: {
      en: 'Hi {{author.name}}, sorry your connection let you down. Please DM us your account number and address so we can check for outages in your area and get you back online. {{topic.name}} Support',
    },
  },
  {
    id: 'unexpected-charge',
    name: 'Двойное или непонятное списание',
    intents: SUPPORT,
    patterns: [
      '(списали OR списал OR списание OR списывают OR комиссия OR комиссию OR абонентку OR пробили) NEAR/5 (дважды OR "два раза" OR непонятно OR лишние OR ошибочно OR "без предупреждения" OR верните OR грабеж)',
      '(charged OR charge OR billed OR bill OR fee) NEAR/3 (twice OR double OR doubled OR duplicate OR unexpected OR unknown OR reverse OR refund)',
    ],
    template:
      '{{author.name}}, здравствуйте! Разберёмся со списанием. Пришлите, пожалуйста, в личные сообщения дату, сумму и последние 4 цифры карты или номер договора: проверим операцию и вернём деньги, если списание ошибочное. Поддержка {{topic.name}}',
    templates: {
      en: "Hi {{author.name}}, we'll look into that charge. Please DM us the date, amount and the last 4 digits of the card or your account number; if the charge is a mistake we'll refund it. {{topic.name}} Support",
    },
  },
  {
    id: 'card-blocked',
    name: 'Заблокирована карта или счёт',
    intents: SUPPORT,
    patterns: ['(карта OR карту OR счет OR счета OR аккаунт) NEAR/3 (заблок* OR разблок* OR блокир* OR заморозили OR арестовали)', '(card OR account) NEAR/3 (blocked OR unblock OR frozen OR froze OR locked OR declined OR suspended)'],
    template:
      '{{author.name}}, здравствуйте! Понимаем, как неприятно остаться без доступа к деньгам. Напишите нам в личные сообщения, не публикуя данные карты: проверим причину блокировки и подскажем, как её снять. Поддержка {{topic.name}}',
    templates: {
      en: "Hi {{author.name}}, we know how stressful a blocked card is. Please DM us (don't post card details here) and we'll check why it was blocked and how to restore access. {{topic.name}} Support",
    },
  },
  {
    id: 'delivery-late',
    name: 'Задержка доставки',
    intents: SUPPORT,
    patterns: [
      '(заказ OR доставка OR доставку OR посылка OR курьер OR трек) NEAR/4 (задерж* OR опазд* OR перенес* OR "не приехал" OR "не пришел" OR неделю OR едет OR ускорьте OR "не обновляется" OR доставлено)',
      '(package OR order OR delivery OR shipment OR parcel) NEAR/4 (late OR delayed OR "never arrived" OR "not arrived" OR "still not" OR "marked delivered" OR "left in")',
    ],
    template:
      '{{author.name}}, здравствуйте! Извините за задержку. Пришлите номер заказа в личные сообщения: уточним у службы доставки, где посылка, и назовём новый срок. Поддержка {{topic.name}}',
    templates: {
      en: "Hi {{author.name}}, sorry your order is running late. Please DM us the order number and we'll track it down with the carrier and give you a new delivery date. {{topic.name}} Support",
    },
  },
  {
    id: 'wrong-item-return',
    name: 'Не тот товар, брак, возврат',
    intents: SUPPORT,
    patterns: ['возврат* OR брак OR обмен* OR "не тот" OR "не та" OR "вернуть товар" OR просроч*', '"wrong item" OR damaged OR broken OR replacement OR exchange OR "return label" OR "return an"'],
    template:
      '{{author.name}}, здравствуйте! Жаль, что товар подвёл. Оформить возврат или обмен можно в приложении в разделе «Заказы»; если не получится, пришлите номер заказа и фото в личные сообщения, поможем. Поддержка {{topic.name}}',
    templates: {
      en: "Hi {{author.name}}, sorry about that item. You can start a return or exchange in the app under Orders; if that doesn't work, DM us the order number and a photo and we'll sort it out. {{topic.name}} Support",
    },
  },
  {
    id: 'app-not-working',
    name: 'Не работает приложение или сайт',
    intents: SUPPORT,
    patterns: [
      '(приложение OR приложении OR сайт OR онлайн OR "личный кабинет") NEAR/4 (вылетает OR "не работает" OR "не открывается" OR ошибка OR завис* OR лежит OR глючит OR "не грузится")',
      '(app OR website OR site) NEAR/4 (crash* OR "not working" OR error OR down OR unusable OR fails OR broken OR fix)',
    ],
    template:
      '{{author.name}}, здравствуйте! Проверьте, пожалуйста, что установлена последняя версия приложения, и попробуйте перезапустить его. Если ошибка повторяется, пришлите в личные сообщения модель телефона и скриншот: передадим разработчикам. Поддержка {{topic.name}}',
    templates: {
      en: "Hi {{author.name}}, please make sure the app is up to date and try restarting it. If the error keeps coming back, DM us your phone model and a screenshot and we'll pass it to our engineers. {{topic.name}} Support",
    },
  },
  {
    id: 'tariff-price',
    name: 'Тариф и цена',
    intents: SUPPORT,
    patterns: ['тариф* OR абонентк* OR "сколько стоит" OR подорожал* OR безлимит*', '"how much" OR pricing OR price OR unlimited OR "raised my bill" OR "which plan" OR "plan is best"'],
    template:
      '{{author.name}}, здравствуйте! Актуальные тарифы и цены есть в приложении и на сайте в разделе «Тарифы». Напишите в личные сообщения, как вы пользуетесь связью, и мы подберём самый выгодный вариант. Поддержка {{topic.name}}',
    templates: {
      en: "Hi {{author.name}}, current plans and prices are in the app and on our website under Plans. DM us how you use your service and we'll find the best-value option for you. {{topic.name}} Support",
    },
  },
  {
    id: 'roaming',
    name: 'Роуминг и связь за границей',
    intents: SUPPORT,
    patterns: ['роуминг* OR "за границей" OR "за рубежом" OR esim', 'roaming OR international OR abroad OR "day pass" OR traveling OR esim'],
    template:
      '{{author.name}}, здравствуйте! Роуминг подключается в приложении в разделе «Услуги → Поездки»; там же цены по странам. Если собираетесь в поездку скоро, напишите страну в личные сообщения: проверим, что всё будет работать. Поддержка {{topic.name}}',
    templates: {
      en: "Hi {{author.name}}, you can add international roaming in the app under Services → Travel, where you'll also find prices by country. DM us where you're going and we'll make sure everything works there. {{topic.name}} Support",
    },
  },
  {
    id: 'cashback-bonus',
    name: 'Кешбэк и бонусы',
    intents: SUPPORT,
    patterns: ['кешбэк* OR кэшбэк* OR кешбек* OR бонус* OR баллы OR баллов', 'cashback OR rewards OR points OR bonus'],
    template:
      '{{author.name}}, здравствуйте! Кешбэк и бонусы начисляются в течение 30 дней после покупки, историю видно в приложении в разделе «Бонусы». Если срок прошёл, пришлите в личные сообщения дату и сумму покупки, проверим. Поддержка {{topic.name}}',
    templates: {
      en: "Hi {{author.name}}, cashback and rewards post within 30 days of the purchase; you can see the history in the app under Rewards. If it's been longer, DM us the date and amount and we'll check. {{topic.name}} Support",
    },
  },
  {
    id: 'account-access',
    name: 'Вход в аккаунт и СМС-код',
    intents: SUPPORT,
    patterns: [
      '(смс OR sms OR код OR кодом) NEAR/3 ("не приходит" OR "не пришел" OR приходит)',
      'пароль OR логин OR "восстановить доступ" OR "вернуть доступ" OR "доступ к" OR "доступ в" OR "личный кабинет"',
      '((sms OR code) NEAR/3 (never OR "not" OR comes OR coming)) OR password OR login OR "log in" OR "sign in" OR "locked out"',
    ],
    template:
      '{{author.name}}, здравствуйте! Чтобы восстановить вход, нажмите «Забыли пароль?» на экране входа. Если СМС с кодом не приходит, перезагрузите телефон и проверьте, не заблокированы ли сервисные номера. Не помогло — напишите в личные сообщения, но никому не сообщайте коды. Поддержка {{topic.name}}',
    templates: {
      en: "Hi {{author.name}}, to get back in, tap \"Forgot password?\" on the sign-in screen. If the SMS code doesn't arrive, restart your phone and check that short codes aren't blocked. Still stuck? DM us, and never share your codes with anyone. {{topic.name}} Support",
    },
  },
  {
    id: 'store-service',
    name: 'Очереди и обслуживание в магазине или офисе',
    intents: SUPPORT,
    patterns: [
      '(очередь OR касса OR кассе OR кассир* OR магазин* OR отделени* OR "пункт выдачи" OR офис* OR сотрудник*) NEAR/5 (очередь OR закрыт OR хамство OR нахамил* OR "одна касса" OR грязно OR долго OR час)',
      '(store OR line OR checkout OR cashier OR branch OR staff) NEAR/5 (line OR wait OR waiting OR closed OR rude OR "only one" OR minutes OR hours)',
    ],
    template:
      '{{author.name}}, здравствуйте! Спасибо, что рассказали, нам очень жаль. Подскажите в личных сообщениях адрес и время визита: передадим руководителю, чтобы разобраться и не допустить такого снова. Поддержка {{topic.name}}',
    templates: {
      en: "Hi {{author.name}}, thank you for telling us, and we're sorry. Please DM us the location and time of your visit so we can pass it to the manager and make it right. {{topic.name}} Support",
    },
  },
  {
    id: 'thank-you',
    name: 'Благодарность',
    intents: ['praise'],
    patterns: ['спасибо OR благодарю OR молодцы OR спасиб* OR рекомендую', 'thanks OR "thank you" OR appreciate OR appreciated OR kudos OR props'],
    template: '{{author.name}}, спасибо за тёплые слова! Передадим команде, им будет очень приятно. Ваш {{topic.name}}',
    templates: {
      en: "Thank you, {{author.name}}! We'll pass your kind words on to the team. {{topic.name}}",
    },
  },
];
