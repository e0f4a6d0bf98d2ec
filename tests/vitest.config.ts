import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'tests',
    include: ['integration/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
