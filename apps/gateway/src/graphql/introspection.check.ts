import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import { can, type Principal } from '../auth/permissions.js';
import { GatewayError } from '../errors/gateway.errors.js';

const INTROSPECTION_FIELDS = new Set(['__schema', '__type']);

/** True when any operation of the document reads the schema (`__schema`, `__type`; `__typename` is data). */
export function readsSchema(document: DocumentNode): boolean {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode): boolean =>
    set.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return INTROSPECTION_FIELDS.has(selection.name.value) || (selection.selectionSet ? visit(selection.selectionSet) : false);
      if (selection.kind === Kind.INLINE_FRAGMENT) return visit(selection.selectionSet);
      const name = selection.name.value;
      if (seen.has(name)) return false;
      seen.add(name);
      const fragment = fragments.get(name);
      return fragment ? visit(fragment.selectionSet) : false;
    });
  return document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION && visit(definition.selectionSet));
}

/**
 * The schema describes every query and what it returns: only a key that may read data may
 * read it (an ingest key writes mentions and has no use for it). FORBIDDEN otherwise.
 */
export function assertMayIntrospect(principal: Principal | undefined, document: DocumentNode): void {
  if (!readsSchema(document)) return;
  if (principal && can(principal, 'read')) return;
  throw new GatewayError('FORBIDDEN', `an API key with role "${principal?.role ?? 'none'}" may not read the schema (introspection needs read)`);
}
