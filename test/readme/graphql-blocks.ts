import { buildClientSchema, getIntrospectionQuery, Kind, parse, print, validate, type DocumentNode, type GraphQLSchema, type IntrospectionQuery, type OperationDefinitionNode } from 'graphql';

/** The schema the instance serves, read over its own API (what a reader's tooling would see). */
export async function liveSchema(baseUrl: string, key: string): Promise<GraphQLSchema> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: getIntrospectionQuery() }),
  });
  const body = (await res.json()) as { data?: IntrospectionQuery; errors?: unknown[] };
  if (!body.data) throw new Error(`introspection failed (${res.status}): ${JSON.stringify(body.errors)}`);
  return buildClientSchema(body.data);
}

/**
 * A README block may list several operations, anonymous ones included ("query { … }" lines one
 * after another): each is its own document, as a reader would send it.
 */
export function operationsOf(code: string): { document: DocumentNode; kind: OperationDefinitionNode['operation']; text: string }[] {
  const whole = parse(code);
  const fragments = whole.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  return whole.definitions
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => {
      const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] };
      return { document, kind: operation.operation, text: print(document) };
    });
}

/** Validation errors of each operation against the schema, as "operation: message". */
export function validationErrors(schema: GraphQLSchema, code: string): string[] {
  return operationsOf(code).flatMap(({ document, text }) => validate(schema, document).map((e) => `${text.split('\n')[0]}: ${e.message}`));
}

/** "now", "now-7d", "now+1h", "now-30m" → an ISO date-time; other values pass through. */
export function resolveVariables(variables: Record<string, unknown> | undefined, now = Date.now()): Record<string, unknown> {
  const units: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  return Object.fromEntries(
    Object.entries(variables ?? {}).map(([name, value]) => {
      const relative = typeof value === 'string' ? /^now(?:([+-]\d+)([smhd]))?$/u.exec(value) : null;
      if (!relative) return [name, value];
      const offset = relative[1] ? Number(relative[1]) * units[relative[2]!]! : 0;
      return [name, new Date(now + offset).toISOString()];
    }),
  );
}

/** Runs each query and mutation of a block; returns the errors the API answered with. */
export async function executeOperations(baseUrl: string, key: string, code: string, variables: Record<string, unknown>): Promise<string[]> {
  const errors: string[] = [];
  for (const { kind, text } of operationsOf(code)) {
    if (kind === 'subscription') continue;
    const res = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: text, variables }),
    });
    const body = (await res.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
    for (const e of body.errors ?? []) errors.push(`${text.split('\n')[0]}: ${e.extensions?.code ?? ''} ${e.message}`);
  }
  return errors;
}
