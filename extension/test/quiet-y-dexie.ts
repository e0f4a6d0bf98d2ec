/* eslint-disable no-console -- this file exists to filter console output */
/**
 * y-dexie announces every released Y.Doc with console.debug ("Y.Doc x was destroyed"). That is
 * library chatter, not test output, so tests drop exactly those lines and keep everything else.
 */
const debug = console.debug.bind(console);
console.debug = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].endsWith(' was destroyed')) return;
  debug(...args);
};
