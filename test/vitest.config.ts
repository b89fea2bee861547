import { defineConfig } from 'vitest/config';

// Integration tests start real processes (mock Kafka, PostgreSQL, the apps): one file at a time.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
