import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { authorize } from '../auth/permissions.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { GatewayResolver } from '../graphql/gateway-resolver.decorator.js';
import type { GatewayContext } from '../graphql/graphql-context.js';
import type { ConfidentialTerm, ConfidentialTermInput, LeakWatchChange, WatchList, WatchListInput } from './leak-watch.model.js';
import { LeakWatchService } from './leak-watch.service.js';

const principal = (ctx: GatewayContext) => authorize(ctx.principal, 'manageLeakWatch');

@GatewayResolver('LeakWatch')
export class LeakWatchResolver {
  constructor(@Inject(LeakWatchService) private readonly leaks: LeakWatchService) {}

  @Query('leakWatch')
  @RequirePermission('manageLeakWatch')
  leakWatch() {
    return this.leaks.snapshot();
  }

  @ResolveField('history')
  history(@Args('limit') limit: number | null | undefined) {
    return this.leaks.history(limit);
  }

  @Mutation('createWatchList')
  @RequirePermission('manageLeakWatch')
  createList(@Args('input') input: WatchListInput, @Context() ctx: GatewayContext) {
    return this.leaks.createList(input, principal(ctx));
  }

  @Mutation('updateWatchList')
  @RequirePermission('manageLeakWatch')
  updateList(@Args('id') id: string, @Args('input') input: WatchListInput, @Context() ctx: GatewayContext) {
    return this.leaks.updateList(id, input, principal(ctx));
  }

  @Mutation('deleteWatchList')
  @RequirePermission('manageLeakWatch')
  deleteList(@Args('id') id: string, @Context() ctx: GatewayContext) {
    return this.leaks.deleteList(id, principal(ctx));
  }

  @Mutation('createConfidentialTerm')
  @RequirePermission('manageLeakWatch')
  createTerm(@Args('input') input: ConfidentialTermInput, @Context() ctx: GatewayContext) {
    return this.leaks.createTerm(input, principal(ctx));
  }

  @Mutation('updateConfidentialTerm')
  @RequirePermission('manageLeakWatch')
  updateTerm(@Args('id') id: string, @Args('input') input: ConfidentialTermInput, @Context() ctx: GatewayContext) {
    return this.leaks.updateTerm(id, input, principal(ctx));
  }

  @Mutation('deleteConfidentialTerm')
  @RequirePermission('manageLeakWatch')
  deleteTerm(@Args('id') id: string, @Context() ctx: GatewayContext) {
    return this.leaks.deleteTerm(id, principal(ctx));
  }
}

const accounts = (n: number): string => `${n} account${n === 1 ? '' : 's'}`;

/** One line per change, for the Settings history. */
export function changeSummary(change: LeakWatchChange): string {
  if (change.action === 'seed') {
    const after = (change.after ?? {}) as { lists?: WatchList[]; terms?: ConfidentialTerm[] };
    const n = (after.lists ?? []).reduce((sum, l) => sum + l.accounts.length, 0);
    return `imported ALERT_LEAK_WATCH: ${accounts(n)}, ${(after.terms ?? []).length} terms`;
  }
  const verb = change.action === 'create' ? 'added' : change.action === 'update' ? 'changed' : 'removed';
  if (change.entity === 'list') {
    const before = change.before as WatchList | null;
    const after = change.after as WatchList | null;
    const list = after ?? before;
    const size = after && before ? `${accounts(before.accounts.length)} → ${accounts(after.accounts.length)}` : accounts(list?.accounts.length ?? 0);
    const renamed = after && before && after.name !== before.name ? ` (was “${before.name}”)` : '';
    return `${verb} watch list “${list?.name ?? change.entityId}”${renamed}: ${size}`;
  }
  const before = change.before as ConfidentialTerm | null;
  const after = change.after as ConfidentialTerm | null;
  const term = after ?? before;
  const was = after && before && after.expression !== before.expression ? ` (was ${before.expression})` : '';
  return `${verb} term ${term?.expression ?? change.entityId}${was}${term?.always ? ', from anyone' : ', from watched accounts'}`;
}

@Resolver('LeakWatchChange')
export class LeakWatchChangeResolver {
  @ResolveField('summary')
  summary(@Parent() change: LeakWatchChange) {
    return changeSummary(change);
  }

  @ResolveField('before')
  before(@Parent() change: LeakWatchChange) {
    return change.before === null || change.before === undefined ? null : JSON.stringify(change.before);
  }

  @ResolveField('after')
  after(@Parent() change: LeakWatchChange) {
    return change.after === null || change.after === undefined ? null : JSON.stringify(change.after);
  }
}
