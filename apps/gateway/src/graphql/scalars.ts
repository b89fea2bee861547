import { GraphQLScalarType, Kind } from 'graphql';
import { GatewayError, toGraphQLError } from '../errors/gateway.errors.js';

function parseDateTime(value: unknown): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
  throw toGraphQLError(new GatewayError('INVALID_ARGUMENT', `"${String(value)}" is not an ISO 8601 date-time`));
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (value) => (value instanceof Date ? value.toISOString() : String(value)),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
