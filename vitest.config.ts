import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@core': fileURLToPath(new URL('./src/core', import.meta.url)) } },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/unit/**/*.test.ts', 'test/server/**/*.test.ts'],
    environment: 'node',
    // fast-check keeps the seed and path of every failure (test-results/fast-check-failures.jsonl)
    setupFiles: ['test/fast-check-setup.ts'],
    pool: 'threads',
  },
});
