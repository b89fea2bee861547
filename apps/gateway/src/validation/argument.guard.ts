import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { TrackedTopic } from '@pulse/contracts';
import { getNullableType, isInputObjectType, isListType, isScalarType, type GraphQLInputType, type GraphQLResolveInfo } from 'graphql';
import { GatewayError, storeError } from '../errors/gateway.errors.js';
import { dateTimeProblem, idProblem, textProblem, unknownTopicError } from './input-checks.js';

export interface ArgumentProblem {
  /** The argument path, e.g. `filter.authorHandle` or `id`. */
  field: string;
  message: string;
}

/**
 * Arguments and input fields listing tracked topics to read or watch: each id must exist.
 * (A single `topicId`, as in correctSentiment, names one of a mention's own topics and is
 * checked against the mention.)
 */
const TOPIC_ID_FIELDS = new Set(['topicIds', 'competitorTopicIds']);

export interface ArgumentScan {
  problem: ArgumentProblem | null;
  /** Topic ids named by the arguments, with the field naming them. */
  topicRefs: { field: string; id: string }[];
}

/**
 * Reads an argument value off its GraphQL type: the first problem (an `ID` with any control
 * character, a `String` with NUL or another control character — tab and line breaks allowed —,
 * a `DateTime` outside the dates the store holds) and every topic id it names. Input objects
 * and lists are walked; list items are named by their list (`filter.topicIds`).
 */
export function scanArgument(type: GraphQLInputType, value: unknown, path: string, scan: ArgumentScan = { problem: null, topicRefs: [] }): ArgumentScan {
  if (value === null || value === undefined || scan.problem) return scan;
  const inner = getNullableType(type);
  const name = path.slice(path.lastIndexOf('.') + 1);
  if (isListType(inner)) {
    for (const item of Array.isArray(value) ? value : [value]) scanArgument(inner.ofType, item, path, scan);
    return scan;
  }
  if (isInputObjectType(inner)) {
    if (typeof value !== 'object') return scan;
    for (const field of Object.values(inner.getFields())) scanArgument(field.type, (value as Record<string, unknown>)[field.name], `${path}.${field.name}`, scan);
    return scan;
  }
  if (!isScalarType(inner) || typeof value !== 'string') return scan;
  const message = inner.name === 'ID' ? idProblem(value) : inner.name === 'String' ? textProblem(value) : inner.name === 'DateTime' ? dateTimeProblem(value) : null;
  if (message !== null) scan.problem = { field: path, message };
  else if (inner.name === 'ID' && TOPIC_ID_FIELDS.has(name)) scan.topicRefs.push({ field: path, id: value });
  return scan;
}

/** NOT_FOUND naming the unknown ids of the first field that has any, or null when every id is known. */
export function unknownTopics(refs: readonly { field: string; id: string }[], found: readonly (TrackedTopic | null | undefined)[]): GatewayError | null {
  const missing = refs.filter((_, i) => !found[i]);
  if (missing.length === 0) return null;
  const field = missing[0]!.field;
  return unknownTopicError(field, missing.filter((m) => m.field === field).map((m) => m.id));
}

/**
 * Checks every root field's arguments before its resolver runs (queries, mutations and
 * subscriptions alike): NUL in an id or year 0 in a date is the caller's INVALID_ARGUMENT naming
 * the field, never a store failure; a topic id that does not exist is NOT_FOUND naming it, not an
 * empty answer or a silent subscription. Runs after the permission guard: a caller without the
 * permission learns nothing about what the field accepts. Topics are read through the
 * operation's topic loader (one batched lookup).
 */
@Injectable()
export class ArgumentGuard implements CanActivate {
  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<GqlContextType>() !== 'graphql') return true;
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo>();
    const definition = info.parentType.getFields()[info.fieldName];
    if (!definition) return true;
    const args = gql.getArgs<Record<string, unknown>>();
    const scan: ArgumentScan = { problem: null, topicRefs: [] };
    for (const arg of definition.args) scanArgument(arg.type, args[arg.name], arg.name, scan);
    if (scan.problem) throw new GatewayError('INVALID_ARGUMENT', `${scan.problem.field} ${scan.problem.message}`, { field: scan.problem.field });
    if (scan.topicRefs.length > 0) {
      const topics = gql.getContext<{ topics?: { loadMany(ids: string[]): Promise<(TrackedTopic | Error | null)[]> } }>().topics;
      if (topics) {
        const found = await topics.loadMany(scan.topicRefs.map((r) => r.id));
        const error = found.find((f): f is Error => f instanceof Error);
        if (error) throw storeError(error);
        const unknown = unknownTopics(scan.topicRefs, found as (TrackedTopic | null)[]);
        if (unknown) throw unknown;
      }
    }
    return true;
  }
}
