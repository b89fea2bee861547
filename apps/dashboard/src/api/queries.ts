/** Every operation the dashboard sends; field lists mirror the types in api.types.ts. */

const FEED_FIELDS = `
  id source url text language publishedAt topicIds direct duplicateOf
  author { handle name }
  sentiment { label score }
  spam { score }
  intent { label replyNeeded }
`;

/** The first page also reads each row's workflow; live events do not (see FeedMention.workflow). */
const PAGE_FIELDS = `${FEED_FIELDS} workflow { status assignee }`;

export const SESSION_QUERY = `query Session { me { id name role } topics { id name status } }`;

export const FEED_QUERY = `query Feed($filter: MentionFilter, $first: Int, $after: String) {
  mentions(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ${PAGE_FIELDS} } }
  }
}`;

export const LIVE_SUBSCRIPTION = `subscription Live($filter: MentionFilter) { mentionScored(filter: $filter) { ${FEED_FIELDS} } }`;

/** Workflow changes: the row markers and the detail panel's workflow (the panel re-reads its history itself). */
export const UPDATES_SUBSCRIPTION = `subscription Updates($topicIds: [ID!]) {
  mentionUpdated(topicIds: $topicIds) {
    id topicIds
    intent { label replyNeeded }
    workflow { status assignee tags firstResponseAt resolvedAt updatedAt }
  }
}`;

const DETAIL_FIELDS = `
  ${FEED_FIELDS}
  sourceId collectedAt scoredAt
  author { id handle name url followers }
  matches { topicId terms }
  engagement { likes reposts comments views }
  sentiment { label score scores { negative neutral positive } byTopic { topicId label score } }
  model { id version }
  spam { score reasons }
  parent { id text author { handle } }
  original { id text publishedAt author { handle } }
  intent { label replyNeeded confidence reasons }
  workflow { status assignee tags firstResponseAt resolvedAt updatedAt }
  suggestedAnswer { categoryId categoryName text matchedTerms missingPlaceholders language }
  history { id at actor kind message note status ruleId routeOutcome ticketId }
  toneCorrections { topicId label previousLabel comment by at }
`;

export const DETAIL_QUERY = `query Detail($id: ID!) { mention(id: $id) { ${DETAIL_FIELDS} } }`;

/** Workflow mutations; each answers with the whole mention so the panel shows it as stored. */
export const SET_STATUS_MUTATION = `mutation SetStatus($id: ID!, $status: MentionStatus!, $note: String) {
  mention: setMentionStatus(id: $id, status: $status, note: $note) { ${DETAIL_FIELDS} }
}`;
export const ASSIGN_MUTATION = `mutation Assign($id: ID!, $assignee: String) { mention: assignMention(id: $id, assignee: $assignee) { ${DETAIL_FIELDS} } }`;
export const TAG_MUTATION = `mutation Tag($id: ID!, $add: [String!], $remove: [String!]) { mention: tagMention(id: $id, add: $add, remove: $remove) { ${DETAIL_FIELDS} } }`;
export const NOTE_MUTATION = `mutation Note($id: ID!, $text: String!) { mention: addMentionNote(id: $id, text: $text) { ${DETAIL_FIELDS} } }`;
export const CORRECT_TONE_MUTATION = `mutation CorrectTone($id: ID!, $label: SentimentLabel!, $comment: String) {
  mention: correctSentiment(id: $id, label: $label, comment: $comment) { ${DETAIL_FIELDS} }
}`;

const ALERT_FIELDS = `
  id kind severity raisedAt topicIds sampleMentionIds
  topicId metric count baseline zScore escalatedFrom
  mentionId source handle url excerpt matchedTerms watchedAccount
  ruleName intent sentiment
`;

export const ALERTS_QUERY = `query Alerts($limit: Int) { alerts(limit: $limit) { ${ALERT_FIELDS} } }`;
export const ALERTS_SUBSCRIPTION = `subscription AlertsLive { alertRaised { ${ALERT_FIELDS} } }`;

export const SUPPORT_STATS_QUERY = `query SupportStats($topicIds: [ID!], $from: DateTime!, $to: DateTime!) {
  reactionTimes(topicIds: $topicIds, from: $from, to: $to) {
    topicId inScope responded resolved
    firstResponseMedianSeconds firstResponseP90Seconds resolutionMedianSeconds resolutionP90Seconds
  }
  handlingEffect(topicIds: $topicIds, from: $from, to: $to) { topicId authors beforeTotal beforeNegativeShare afterTotal afterNegativeShare }
  answerCoverage(topicIds: $topicIds, from: $from, to: $to) { topicId requests matched share }
}`;

export const ANALYTICS_QUERY = `query Analytics($topicIds: [ID!], $from: DateTime!, $to: DateTime!, $interval: TimeInterval, $filter: MentionFilter) {
  sentimentTimeline(topicIds: $topicIds, from: $from, to: $to, interval: $interval) { start negative neutral positive total }
  negativeShare(topicIds: $topicIds, from: $from, to: $to, interval: $interval) { start negative total share }
  shareOfVoice(from: $from, to: $to) { topicId topic { name } total share negative neutral positive }
  topAuthors(filter: $filter, limit: 8) { source authorId handle name followers total negative neutral positive }
  sourceBreakdown(filter: $filter) { source total negative neutral positive }
}`;

const RULE_FIELDS = `
  id name enabled position updatedAt
  conditions { topicIds sentiments intents replyNeeded sources query authorHandles direct includeSpam }
  actions {
    addTags setStatus assignTo notify stop
    helpdesk { name url headerNames signed payloadTemplate ticketIdField }
  }
`;

export const RULES_QUERY = `query Rules { rules { ${RULE_FIELDS} } }`;
export const CREATE_RULE_MUTATION = `mutation CreateRule($input: RuleInput!) { rule: createRule(input: $input) { ${RULE_FIELDS} } }`;
export const UPDATE_RULE_MUTATION = `mutation UpdateRule($id: ID!, $input: RuleInput!) { rule: updateRule(id: $id, input: $input) { ${RULE_FIELDS} } }`;
export const DELETE_RULE_MUTATION = `mutation DeleteRule($id: ID!) { rule: deleteRule(id: $id) { id } }`;

const ANSWER_FIELDS = `id name patterns template translations { language template } intents position`;

export const ANSWERS_QUERY = `query Answers { answerCategories { ${ANSWER_FIELDS} } }`;
export const CREATE_ANSWER_MUTATION = `mutation CreateAnswer($input: AnswerCategoryInput!) { category: createAnswerCategory(input: $input) { ${ANSWER_FIELDS} } }`;
export const UPDATE_ANSWER_MUTATION = `mutation UpdateAnswer($id: ID!, $input: AnswerCategoryInput!) { category: updateAnswerCategory(id: $id, input: $input) { ${ANSWER_FIELDS} } }`;
export const DELETE_ANSWER_MUTATION = `mutation DeleteAnswer($id: ID!) { category: deleteAnswerCategory(id: $id) { id } }`;
