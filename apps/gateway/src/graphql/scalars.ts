import { GraphQLScalarType, Kind } from 'graphql';
import { GatewayError, toGraphQLError } from '../errors/gateway.errors.js';
import { dateTimeProblem } from '../validation/input-checks.js';

/** Strict: a real calendar date with a time zone, within the years the store holds (no "2020-02-30" silently read as 1 March). */
function parseDateTime(value: unknown): string {
  const problem = typeof value === 'string' ? dateTimeProblem(value) : 'must be an ISO 8601 date-time string';
  if (problem === null) return new Date(value as string).toISOString();
  throw toGraphQLError(new GatewayError('INVALID_ARGUMENT', `"${String(value).slice(0, 100)}" ${problem}`));
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (value) => (value instanceof Date ? value.toISOString() : String(value)),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
