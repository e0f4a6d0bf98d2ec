export * from './department-aggregates.ts';
