import { defineProject } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

export default defineProject({
  plugins: [WxtVitest({ root: import.meta.dirname })],
  test: {
    name: 'extension',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    environment: 'happy-dom',
    setupFiles: ['fake-indexeddb/auto'],
    // y-dexie announces every released Y.Doc with console.debug; that is not test output.
    onConsoleLog: (log) => !log.includes('was destroyed'),
  },
});
