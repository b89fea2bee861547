/**
 * The period report's operation (codegen reads every /* GraphQL *\/ literal under src/, see
 * codegen.ts): kept beside the report page rather than in api/queries.ts.
 */
export const PERIOD_REPORT_QUERY = /* GraphQL */ `
  query PeriodReport($topicIds: [ID!]!, $from: DateTime!, $to: DateTime!, $interval: TimeInterval) {
    periodReport(topicIds: $topicIds, from: $from, to: $to, interval: $interval) {
      topicIds competitorTopicIds from to interval generatedAt
      topics { id name }
      mentions { total negative neutral positive negativeShare }
      requests {
        inScope responded resolved answeredShare
        firstResponseMedianSeconds firstResponseP90Seconds resolutionMedianSeconds resolutionP90Seconds
      }
      categories { key name requests share examples { mentionId source handle url excerpt publishedAt } }
      intents { key name requests share examples { mentionId source handle url excerpt publishedAt } }
      toneTrend { start negative neutral positive total }
      negativeShareTrend { start negative total share }
      handling { windowHours authors beforeTotal beforeNegative beforeNegativeShare afterTotal afterNegative afterNegativeShare }
      shareOfVoice { topicId topic { name } competitor total share negative neutral positive }
      topSources { source total negative neutral positive }
      topAuthors { source authorId handle name total negative neutral positive }
      handledRequests {
        mentionId source handle url excerpt collectedAt firstResponseAt firstResponseSeconds
        resolvedAt resolutionSeconds status categoryName
      }
    }
  }
`;
