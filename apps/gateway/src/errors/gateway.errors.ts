import { GraphQLError } from 'graphql';

/** The closed list of gateway failures a client can see. */
export const GATEWAY_ERROR_CODES = ['INVALID_ARGUMENT', 'INVALID_CURSOR', 'NOT_FOUND', 'TOPIC_EXISTS', 'STORE_UNAVAILABLE', 'INTERNAL'] as const;
export type GatewayErrorCode = (typeof GATEWAY_ERROR_CODES)[number];

export class GatewayError extends Error {
  constructor(
    readonly code: GatewayErrorCode,
    message: string,
    readonly details: { field?: string } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GatewayError';
  }
}

/** The one place gateway errors become GraphQL errors; the switch is exhaustive on purpose. */
export function toGraphQLError(error: GatewayError): GraphQLError {
  const extensions: Record<string, unknown> = { code: error.code, ...(error.details.field ? { field: error.details.field } : {}) };
  switch (error.code) {
    case 'INVALID_ARGUMENT':
    case 'INVALID_CURSOR':
      return new GraphQLError(error.message, { extensions: { ...extensions, http: { status: 400 } }, originalError: error });
    case 'NOT_FOUND':
      return new GraphQLError(error.message, { extensions, originalError: error });
    case 'TOPIC_EXISTS':
      return new GraphQLError(error.message, { extensions, originalError: error });
    case 'STORE_UNAVAILABLE':
      return new GraphQLError('the mention store is unavailable; retry shortly', { extensions, originalError: error });
    case 'INTERNAL':
      return new GraphQLError('internal error', { extensions, originalError: error });
    default: {
      const unreachable: never = error.code;
      return unreachable;
    }
  }
}
