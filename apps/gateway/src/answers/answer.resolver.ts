import type { AnswerCategoryInput, AnswerCategoryView, AnswerService } from './answer.service.js';

export function answerResolvers(answers: AnswerService) {
  return {
    Query: {
      answerCategories: () => answers.list(),
    },
    Mutation: {
      createAnswerCategory: (_: unknown, args: { input: AnswerCategoryInput }) => answers.create(args.input),
      updateAnswerCategory: (_: unknown, args: { id: string; input: AnswerCategoryInput }) => answers.update(args.id, args.input),
      deleteAnswerCategory: (_: unknown, args: { id: string }) => answers.delete(args.id),
    },
    AnswerCategory: {
      name: (c: AnswerCategoryView) => c.definition.name,
      patterns: (c: AnswerCategoryView) => c.definition.patterns,
      template: (c: AnswerCategoryView) => c.definition.template,
      translations: (c: AnswerCategoryView) => Object.entries(c.definition.templates ?? {}).map(([language, template]) => ({ language, template })),
      intents: (c: AnswerCategoryView) => c.definition.intents ?? [],
    },
  };
}
