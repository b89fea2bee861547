import { Catch, Inject, type ArgumentsHost } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import type { Logger } from '@pulse/runtime';
import { GraphQLError } from 'graphql';
import { LOGGER } from '../core/gateway.tokens.js';
import { GatewayError, toGraphQLError } from './gateway.errors.js';

/**
 * The one place resolver failures become client errors: our codes through the exhaustive
 * mapping in gateway.errors.ts, anything unexpected logged with its cause and shown as INTERNAL.
 * (Apollo's formatError applies the same mapping to errors raised outside resolvers.)
 */
@Catch()
export class GatewayExceptionFilter implements GqlExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, _host: ArgumentsHost): GraphQLError {
    if (exception instanceof GraphQLError) return exception;
    if (exception instanceof GatewayError) return toGraphQLError(exception);
    this.logger.error({ err: exception }, 'unexpected resolver error');
    return toGraphQLError(new GatewayError('INTERNAL', 'internal error', {}, { cause: exception }));
  }
}
