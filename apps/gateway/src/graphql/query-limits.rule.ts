import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { GatewayError, toGraphQLError } from '../errors/gateway.errors.js';

export interface QueryLimits {
  /** Deepest chain of nested fields, e.g. `mentions { edges { node { id } } }` is 4. */
  maxDepth: number;
  /** Estimated fields resolved: each field costs 1, a list field multiplies its children by its page size. */
  maxCost: number;
}

/** Page-size arguments; a variable counts as the largest page the API allows. */
const PAGE_ARGS = new Set(['first', 'limit']);
const MAX_PAGE = 200;

interface Measure {
  depth: number;
  cost: number;
  /** The part of the cost that reaches the store: the `@cost` weights alone. */
  store: number;
}

function pageSize(node: FieldNode, field: GraphQLField<unknown, unknown> | undefined): number {
  for (const arg of node.arguments ?? []) {
    if (!PAGE_ARGS.has(arg.name.value)) continue;
    if (arg.value.kind === Kind.INT) return Math.max(1, Number(arg.value.value));
    if (arg.value.kind === Kind.VARIABLE) return MAX_PAGE;
  }
  const declared = field?.args.find((a) => PAGE_ARGS.has(a.name));
  return typeof declared?.defaultValue === 'number' ? declared.defaultValue : 1;
}

/** A field's own weight: `@cost(weight: n)` in schema.graphql for fields that scan the store, else 1. */
function storeWeightOf(field: GraphQLField<unknown, unknown> | undefined): number {
  const directive = field?.astNode?.directives?.find((d) => d.name.value === 'cost');
  const weight = directive?.arguments?.find((a) => a.name.value === 'weight')?.value;
  return weight?.kind === Kind.INT ? Number(weight.value) : 0;
}

/** What measuring needs from a validation context: the schema and the document's fragments. */
type MeasureContext = Pick<ValidationContext, 'getSchema' | 'getFragment'>;

function measure(context: MeasureContext, set: SelectionSetNode, parent: GraphQLNamedType | undefined, depth: number, seen: ReadonlySet<string>): Measure {
  let deepest = depth;
  let cost = 0;
  let store = 0;
  for (const selection of set.selections) {
    let inner: Measure;
    if (selection.kind === Kind.FIELD) {
      // Introspection is bounded by the schema, not by data: tooling must be able to run it.
      if (selection.name.value.startsWith('__')) continue;
      const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
      const child = selection.selectionSet
        ? measure(context, selection.selectionSet, field ? getNamedType(field.type) : undefined, depth + 1, seen)
        : { depth: depth + 1, cost: 0, store: 0 };
      const weight = storeWeightOf(field);
      const page = pageSize(selection, field);
      inner = { depth: child.depth, cost: Math.max(1, weight) + page * child.cost, store: weight + page * child.store };
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? context.getSchema().getType(selection.typeCondition.name.value) : parent;
      inner = measure(context, selection.selectionSet, type ?? undefined, depth, seen);
    } else {
      const name = selection.name.value;
      const fragment = context.getFragment(name);
      // Unknown or cyclic fragments are reported by graphql's own rules.
      if (!fragment || seen.has(name)) continue;
      const type = context.getSchema().getType(fragment.typeCondition.name.value);
      inner = measure(context, fragment.selectionSet, type ?? undefined, depth, new Set([...seen, name]));
    }
    deepest = Math.max(deepest, inner.depth);
    cost += inner.cost;
    store += inner.store;
  }
  return { depth: deepest, cost, store };
}

/** The store cost of the operation a request runs (the `@cost` weights it adds up): what the rate limiter charges. */
export function operationStoreCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const context: MeasureContext = { getSchema: () => schema, getFragment: (name: string) => fragments.get(name) ?? null };
  return measure(context, operation.selectionSet, schema.getRootType(operation.operation) ?? undefined, 0, new Set()).store;
}

/**
 * Refuses operations deeper or costlier than the limits before anything executes, so a
 * nested `parent { parent { … } }` chain or 200×200 fan-out cannot be used to load the store.
 */
export function queryLimitsRule(limits: QueryLimits): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const root = context.getSchema().getRootType(operation.operation);
      const { depth, cost } = measure(context, operation.selectionSet, root ?? undefined, 0, new Set());
      if (depth > limits.maxDepth) {
        context.reportError(toGraphQLError(new GatewayError('QUERY_TOO_COMPLEX', `query depth ${depth} exceeds the limit of ${limits.maxDepth}`)));
      } else if (cost > limits.maxCost) {
        context.reportError(toGraphQLError(new GatewayError('QUERY_TOO_COMPLEX', `query cost ${cost} exceeds the limit of ${limits.maxCost}; ask for smaller pages or fewer fields`)));
      }
    },
  });
}
