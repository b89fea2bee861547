/**
 * Every operation the dashboard sends. Each literal is marked `/* GraphQL *\/` so GraphQL Code
 * Generator reads it (codegen.ts), checks it against the gateway's schema and generates its result
 * and variable types (api.generated.ts); `${...}` only appends the fragment definitions a document
 * uses, which codegen reads from their own literals.
 */

export const FEED_FIELDS = /* GraphQL */ `
  fragment FeedFields on Mention {
    id source url text language publishedAt topicIds direct duplicateOf
    author { handle name }
    sentiment { label score }
    spam { score }
    intent { label replyNeeded }
  }
`;

export const SESSION_QUERY = /* GraphQL */ `query Session { me { id name role } topics { id name status } }`;

/** The first page also reads each row's workflow; live events do not (see FeedMention.workflow). */
export const FEED_QUERY = /* GraphQL */ `
  query Feed($filter: MentionFilter, $first: Int, $after: String) {
    mentions(filter: $filter, first: $first, after: $after) {
      totalCount totalCountIsExact
      pageInfo { hasNextPage endCursor }
      edges { node { ...FeedFields workflow { status assignee } } }
    }
  }
  ${FEED_FIELDS}
`;

export const LIVE_SUBSCRIPTION = /* GraphQL */ `
  subscription Live($filter: MentionFilter) { mentionScored(filter: $filter) { ...FeedFields } }
  ${FEED_FIELDS}
`;

/** Workflow changes: the row markers and the detail panel's workflow (the panel re-reads its history itself). */
export const UPDATES_SUBSCRIPTION = /* GraphQL */ `
  subscription Updates($topicIds: [ID!]) {
    mentionUpdated(topicIds: $topicIds) {
      id topicIds
      intent { label replyNeeded }
      workflow { status assignee tags firstResponseAt resolvedAt updatedAt }
    }
  }
`;

const DETAIL_FIELDS = /* GraphQL */ `
  fragment DetailFields on Mention {
    ...FeedFields
    sourceId collectedAt scoredAt
    author { id handle name url followers }
    matches { topicId terms }
    engagement { likes reposts comments views }
    sentiment { label score scores { negative neutral positive } byTopic { topicId label score explain { rule reason evidence } } }
    model { id version }
    spam { score reasons }
    parent { id text author { handle } }
    original { id text publishedAt author { handle } }
    intent { label replyNeeded confidence reasons }
    workflow { status assignee tags firstResponseAt resolvedAt updatedAt }
    suggestedAnswer { categoryId categoryName text matchedTerms missingPlaceholders language }
    history { id at actor kind message note status ruleId routeOutcome ticketId }
    toneCorrections { topicId label previousLabel comment by at }
    replies { id kind status source text remoteId url by createdAt sentAt attempts idempotencyKey account { id name handle } error { code message retryAfterSeconds } }
    replyOptions { repliable reason accounts { id name source handle } }
  }
`;
/** The definitions a document that spreads DetailFields must carry. */
const DETAIL_FRAGMENTS = `${DETAIL_FIELDS}${FEED_FIELDS}`;

export const DETAIL_QUERY = /* GraphQL */ `query Detail($id: ID!) { mention(id: $id) { ...DetailFields } } ${DETAIL_FRAGMENTS}`;

/** Workflow mutations; each answers with the whole mention so the panel shows it as stored. */
export const SET_STATUS_MUTATION = /* GraphQL */ `
  mutation SetStatus($id: ID!, $status: MentionStatus!, $note: String) {
    mention: setMentionStatus(id: $id, status: $status, note: $note) { ...DetailFields }
  }
  ${DETAIL_FRAGMENTS}
`;
export const ASSIGN_MUTATION = /* GraphQL */ `
  mutation Assign($id: ID!, $assignee: String) { mention: assignMention(id: $id, assignee: $assignee) { ...DetailFields } }
  ${DETAIL_FRAGMENTS}
`;
export const TAG_MUTATION = /* GraphQL */ `
  mutation Tag($id: ID!, $add: [String!], $remove: [String!]) { mention: tagMention(id: $id, add: $add, remove: $remove) { ...DetailFields } }
  ${DETAIL_FRAGMENTS}
`;
export const NOTE_MUTATION = /* GraphQL */ `
  mutation Note($id: ID!, $text: String!) { mention: addMentionNote(id: $id, text: $text) { ...DetailFields } }
  ${DETAIL_FRAGMENTS}
`;
export const CORRECT_TONE_MUTATION = /* GraphQL */ `
  mutation CorrectTone($id: ID!, $label: SentimentLabel!, $comment: String) {
    mention: correctSentiment(id: $id, label: $label, comment: $comment) { ...DetailFields }
  }
  ${DETAIL_FRAGMENTS}
`;

/** Replies in the channel: the result carries the mention as stored (replies, history, workflow). */
export const REPLY_MUTATION = /* GraphQL */ `
  mutation Reply($id: ID!, $text: String!, $account: ID!, $idempotencyKey: String) {
    result: replyToMention(id: $id, text: $text, account: $account, idempotencyKey: $idempotencyKey) {
      reply { id status }
      error { code message retryAfterSeconds }
      mention { ...DetailFields }
    }
  }
  ${DETAIL_FRAGMENTS}
`;
export const ANSWERED_ELSEWHERE_MUTATION = /* GraphQL */ `
  mutation AnsweredElsewhere($id: ID!, $url: String!, $note: String) {
    mention: markMentionAnsweredElsewhere(id: $id, url: $url, note: $note) { ...DetailFields }
  }
  ${DETAIL_FRAGMENTS}
`;

const ALERT_FIELDS = /* GraphQL */ `
  fragment AlertFields on Alert {
    id kind severity raisedAt topicIds sampleMentionIds
    topicId metric count baseline zScore escalatedFrom
    mentionId source handle url excerpt matchedTerms watchedAccount watchLists evidence
    ruleName intent sentiment
  }
`;

export const ALERTS_QUERY = /* GraphQL */ `query Alerts($limit: Int) { alerts(limit: $limit) { ...AlertFields } } ${ALERT_FIELDS}`;
export const ALERTS_SUBSCRIPTION = /* GraphQL */ `subscription AlertsLive { alertRaised { ...AlertFields } } ${ALERT_FIELDS}`;

export const SUPPORT_STATS_QUERY = /* GraphQL */ `
  query SupportStats($topicIds: [ID!], $from: DateTime!, $to: DateTime!) {
    reactionTimes(topicIds: $topicIds, from: $from, to: $to) {
      topicId inScope responded resolved
      firstResponseMedianSeconds firstResponseP90Seconds resolutionMedianSeconds resolutionP90Seconds
    }
    handlingEffect(topicIds: $topicIds, from: $from, to: $to) { topicId authors beforeTotal beforeNegativeShare afterTotal afterNegativeShare }
    answerCoverage(topicIds: $topicIds, from: $from, to: $to) { topicId requests matched share }
  }
`;

export const ANALYTICS_QUERY = /* GraphQL */ `
  query Analytics($topicIds: [ID!], $from: DateTime!, $to: DateTime!, $interval: TimeInterval, $filter: MentionFilter) {
    sentimentTimeline(topicIds: $topicIds, from: $from, to: $to, interval: $interval) { start negative neutral positive total }
    negativeShare(topicIds: $topicIds, from: $from, to: $to, interval: $interval) { start negative total share }
    shareOfVoice(from: $from, to: $to) { topicId topic { name } total share negative neutral positive }
    topAuthors(filter: $filter, limit: 8) { source authorId handle name followers total negative neutral positive }
    sourceBreakdown(filter: $filter) { source total negative neutral positive }
  }
`;

const RULE_FIELDS = /* GraphQL */ `
  fragment RuleFields on Rule {
    id name enabled position updatedAt
    conditions { topicIds sentiments intents replyNeeded sources query authorHandles direct includeSpam }
    actions {
      addTags setStatus assignTo notify stop
      helpdesk { name url headerNames signed payloadTemplate ticketIdField }
    }
  }
`;

export const RULES_QUERY = /* GraphQL */ `query Rules { rules { ...RuleFields } } ${RULE_FIELDS}`;
export const CREATE_RULE_MUTATION = /* GraphQL */ `mutation CreateRule($input: RuleInput!) { rule: createRule(input: $input) { ...RuleFields } } ${RULE_FIELDS}`;
export const UPDATE_RULE_MUTATION = /* GraphQL */ `mutation UpdateRule($id: ID!, $input: RuleInput!) { rule: updateRule(id: $id, input: $input) { ...RuleFields } } ${RULE_FIELDS}`;
export const DELETE_RULE_MUTATION = /* GraphQL */ `mutation DeleteRule($id: ID!) { rule: deleteRule(id: $id) { id } }`;

const ANSWER_FIELDS = /* GraphQL */ `fragment AnswerFields on AnswerCategory { id name patterns template translations { language template } intents position }`;

export const ANSWERS_QUERY = /* GraphQL */ `query Answers { answerCategories { ...AnswerFields } } ${ANSWER_FIELDS}`;
export const CREATE_ANSWER_MUTATION = /* GraphQL */ `
  mutation CreateAnswer($input: AnswerCategoryInput!) { category: createAnswerCategory(input: $input) { ...AnswerFields } }
  ${ANSWER_FIELDS}
`;
export const UPDATE_ANSWER_MUTATION = /* GraphQL */ `
  mutation UpdateAnswer($id: ID!, $input: AnswerCategoryInput!) { category: updateAnswerCategory(id: $id, input: $input) { ...AnswerFields } }
  ${ANSWER_FIELDS}
`;
export const DELETE_ANSWER_MUTATION = /* GraphQL */ `mutation DeleteAnswer($id: ID!) { category: deleteAnswerCategory(id: $id) { id } }`;
