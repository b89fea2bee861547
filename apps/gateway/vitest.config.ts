import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // graphql 16 ships CJS (main) and ESM (module): Node loads the CJS one for Apollo and graphql-ws,
  // Vite would pick the ESM one for our code, and graphql refuses types from "another realm".
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    // PGlite boots a WASM Postgres per suite; on a busy two-core CI box that alone can take seconds.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
