import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The gateway's schema, the contract the dashboard is typed against. The one place its path is
 * written: turbo.json's inputs cover it with a glob (checked by codegen.spec.ts).
 */
export const SCHEMA_PATH = '../gateway/src/graphql/schema.graphql';

/** Generated at build, typecheck and lint time (git-ignored): never edit it. */
export const GENERATED_TYPES = 'src/api/api.generated.ts';

const config: CodegenConfig = {
  schema: SCHEMA_PATH,
  // The operations: template literals marked /* GraphQL */ (src/api/queries.ts).
  documents: ['src/**/*.ts', `!${GENERATED_TYPES}`],
  generates: {
    [GENERATED_TYPES]: {
      plugins: ['typescript-operations'],
      config: {
        enumType: 'string-literal',
        scalars: { DateTime: 'string', ID: 'string' },
        // The dashboard leaves an optional input field out rather than sending null.
        inputMaybeValue: 'T | undefined',
        skipTypename: true,
        useTypeImports: true,
      },
    },
  },
  // A document that does not validate against the schema (a removed or renamed field, a wrong
  // argument type) fails the run, and with it the dashboard's build, typecheck and lint.
  noSilentErrors: true,
  silent: true,
};

export default config;
