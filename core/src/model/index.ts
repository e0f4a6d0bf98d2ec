export * from './ids.ts';
export * from './org.ts';
export * from './performance.ts';
export * from './result.ts';
