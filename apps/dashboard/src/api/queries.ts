/** Every operation the dashboard sends; field lists mirror the types in api.types.ts. */

const FEED_FIELDS = `
  id source url text language publishedAt topicIds direct duplicateOf
  author { handle name }
  sentiment { label score }
  spam { score }
`;

export const SESSION_QUERY = `query Session { me { id name role } topics { id name status } }`;

export const FEED_QUERY = `query Feed($filter: MentionFilter, $first: Int, $after: String) {
  mentions(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ${FEED_FIELDS} } }
  }
}`;

export const LIVE_SUBSCRIPTION = `subscription Live($filter: MentionFilter) { mentionScored(filter: $filter) { ${FEED_FIELDS} } }`;

export const DETAIL_QUERY = `query Detail($id: ID!) {
  mention(id: $id) {
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
  }
}`;

export const ANALYTICS_QUERY = `query Analytics($topicIds: [ID!], $from: DateTime!, $to: DateTime!, $interval: TimeInterval, $filter: MentionFilter) {
  sentimentTimeline(topicIds: $topicIds, from: $from, to: $to, interval: $interval) { start negative neutral positive total }
  negativeShare(topicIds: $topicIds, from: $from, to: $to, interval: $interval) { start negative total share }
  shareOfVoice(from: $from, to: $to) { topicId topic { name } total share negative neutral positive }
  topAuthors(filter: $filter, limit: 8) { source authorId handle name followers total negative neutral positive }
  sourceBreakdown(filter: $filter) { source total negative neutral positive }
}`;
