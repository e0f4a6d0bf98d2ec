import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['core', 'fixtures', 'sync-server', 'extension', 'tests'],
  },
});
