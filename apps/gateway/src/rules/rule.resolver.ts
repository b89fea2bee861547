import type { RuleService } from './rule.service.js';
import type { HelpdeskRoute, RuleInput } from './rule.model.js';

export function ruleResolvers(rules: RuleService) {
  return {
    Query: {
      rules: () => rules.list(),
    },
    Mutation: {
      createRule: (_: unknown, args: { input: RuleInput }) => rules.create(args.input),
      updateRule: (_: unknown, args: { id: string; input: RuleInput }) => rules.update(args.id, args.input),
      deleteRule: (_: unknown, args: { id: string }) => rules.delete(args.id),
    },
    HelpdeskRoute: {
      headerNames: (h: HelpdeskRoute) => h.headers.map((header) => header.name),
      signed: (h: HelpdeskRoute) => h.secret !== null,
    },
  };
}
