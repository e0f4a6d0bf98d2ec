export * from './model/index.ts';
export * from './docs/index.ts';
export * from './import/index.ts';
