import type { ApiKeyService } from './api-key.service.js';
import { GatewayError } from '../errors/gateway.errors.js';
import type { GatewayContext } from '../graphql/graphql-context.js';

export function apiKeyResolvers(keys: ApiKeyService) {
  return {
    Query: {
      me: async (_: unknown, _args: unknown, ctx: GatewayContext) => {
        const key = ctx.principal ? await keys.get(ctx.principal.keyId) : null;
        if (!key) throw new GatewayError('UNAUTHENTICATED', 'unknown or revoked API key');
        return key;
      },
      apiKeys: () => keys.list(),
    },
    Mutation: {
      createApiKey: (_: unknown, args: { input: { name: string; role: string } }) => keys.create(args.input),
      revokeApiKey: (_: unknown, args: { id: string }) => keys.revoke(args.id),
    },
  };
}
