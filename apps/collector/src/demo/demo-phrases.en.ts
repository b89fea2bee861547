import type { PhraseBank } from './demo-phrases.js';

/** English posts in parts, as RU_PHRASES (demo-phrases.ru.ts). */
export const EN_PHRASES: PhraseBank = {
  complaint: {
    core: {
      telecom: [
        '{brand} my internet has been down for {days}',
        '{brand} dropped three calls in a row today',
        '{brand} charged me ${amount} for a plan I never ordered',
        'no signal on {brand} anywhere in {city}',
        '{brand} raised my bill again without telling me',
      ],
      bank: [
        '{brand} locked my card at the checkout for no reason',
        'the {brand} app has been crashing {hours}',
        '{brand} charged an overdraft fee of ${amount} on a covered payment',
        'my transfer with {brand} is stuck and the money is gone',
      ],
      retail: [
        'my {brand} order is late by {days}',
        '{brand} delivered the wrong item and the return is a mess',
        'the {brand} driver marked my package delivered but it never came',
        '{brand} cancelled my order the day before delivery',
      ],
    },
    detail: ['support keeps saying they are working on it', 'been on hold for an hour', 'third time this month', 'I work from home so this is a disaster', 'chat support just loops', 'the neighbours have the same problem', 'still waiting on a callback'],
    closer: ['so frustrating', 'worst service', 'fed up', 'never again', 'this is ridiculous', 'unbelievable'],
    emoji: ['😡', '🙄', '👎'],
  },
  question: {
    core: {
      telecom: ['does {brand} have a prepaid plan without a contract?', 'how do I add a line to my {brand} plan?', 'anyone know if {brand} works in {city}?'],
      bank: ['can I reissue a {brand} card online?', 'is there a fee for {brand} international transfers?', 'how do I find my routing number in the {brand} app?'],
      retail: ['does {brand} deliver to {city}?', 'how long does {brand} keep a return open?', 'can I change the address on a {brand} order after checkout?'],
    },
    detail: ['could not find it on the site', 'asking for my dad', 'moving to {city} soon', 'the FAQ is unclear'],
    closer: ['thanks in advance', 'anyone tried?', 'quick question'],
    emoji: ['🤔'],
  },
  request: {
    core: {
      telecom: ['{brand} please refund my last bill, the outage lasted {days}', '{brand} call me back about my ticket', '{brand} please stop calling me about upgrades'],
      bank: ['{brand} unlock my card please, I confirmed the payment', '{brand} reverse that fee please', '{brand} please call me back about a disputed charge'],
      retail: ['{brand} refund my order please, it never arrived', '{brand} please send a replacement, the box was crushed', '{brand} cancel my order please'],
    },
    detail: ['ticket number in DM', 'waiting {days} already', 'details sent in chat'],
    closer: ['thanks', 'asap please', 'appreciate it'],
    emoji: ['🙏'],
  },
  praise: {
    core: {
      telecom: ['{brand} support fixed my issue in five minutes', 'switched to {brand} and the coverage is great', '{brand} speeds in {city} are blazing fast'],
      bank: ['{brand} caught a fraud charge before I did', 'the new {brand} app is seamless', '{brand} rep stayed late to help me'],
      retail: ['{brand} delivered a day early', 'returns at {brand} took two minutes', '{brand} driver was super friendly'],
    },
    detail: ['really impressed', 'kudos to the team', 'much appreciated', 'no complaints'],
    closer: ['thank you!', 'great job', '10/10', 'amazing'],
    emoji: ['👍', '🙌', '❤️'],
  },
  other: {
    core: {
      telecom: ['{brand} announces a new 5G rollout in {city}', '{brand} reports quarterly results', '{brand} launches a family plan'],
      bank: ['{brand} raises savings rates', '{brand} to open new branches in {city}', '{brand} reports record profit this quarter'],
      retail: ['{brand} rolls out drone delivery in {city}', '{brand} launches a summer sale', '{brand} plans a new warehouse near {city}'],
    },
    detail: ['according to the company', 'per industry press', 'details to follow'],
    closer: ['', 'we will see'],
    emoji: ['📰'],
  },
  context: {
    at: 'around {hh}:{mm}',
    times: ['last night', 'this morning', 'on Saturday', 'after lunch', 'an hour ago', 'over the weekend', 'before work', 'on my commute', 'just now', 'yesterday afternoon'],
    activities: ['was paying my utility bill', 'was on a client call', 'was ordering groceries', 'tried to send my sister money', 'was streaming a game', 'was setting up my parents router', 'was booking flights', 'was checking my balance', 'was picking up a package', 'was at the checkout', 'was uploading files for work', 'was waiting for a ride'],
    places: ['at the office', 'at my parents', 'on the train', 'at the mall', 'at home', 'at the airport', 'in a coffee shop', 'at the gym'],
  },
  news: {
    leads: ['the company said', 'Reuters reports', 'per a filing', 'analysts say', 'according to Bloomberg', 'CNBC reports'],
    figures: ['up {pct}% year over year', 'a ${n} million investment', 'affecting {n} thousand customers', 'a {pct}% market share', 'with {n} new jobs'],
  },
  slots: {
    city: ['Austin', 'Denver', 'Phoenix', 'Tampa', 'Columbus', 'Boise', 'Raleigh', 'Omaha', 'Tucson', 'Fresno'],
    days: ['two days', 'three days', 'a week', 'four days', 'since Monday'],
    hours: ['all morning', 'for two hours', 'all evening', 'since noon'],
    amount: ['35', '49', '80', '120', '199'],
  },
};
