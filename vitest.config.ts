import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/unit/**/*.test.ts', 'test/server/**/*.test.ts'],
    environment: 'node',
    pool: 'threads',
  },
});
