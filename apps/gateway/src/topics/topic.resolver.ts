import type { TopicInput, TopicPatch, TopicService } from './topic.service.js';

export function topicResolvers(topics: TopicService) {
  return {
    Query: {
      topics: () => topics.list(),
      topic: (_: unknown, args: { id: string }) => topics.get(args.id),
    },
    Mutation: {
      createTopic: (_: unknown, args: { input: TopicInput }) => topics.create(args.input),
      updateTopic: (_: unknown, args: { id: string; input: TopicPatch }) => topics.update(args.id, args.input),
      pauseTopic: (_: unknown, args: { id: string }) => topics.setStatus(args.id, 'paused'),
      resumeTopic: (_: unknown, args: { id: string }) => topics.setStatus(args.id, 'active'),
      deleteTopic: (_: unknown, args: { id: string }) => topics.setStatus(args.id, 'deleted'),
    },
  };
}
