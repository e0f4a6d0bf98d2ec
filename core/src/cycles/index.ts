export * from './cycle-settings.ts';
export * from './population.ts';
export * from './expected-raters.ts';
export * from './snapshot.ts';
export * from './cycle-directory.ts';
export * from './cycle-progress.ts';
export * from './card-input.ts';
export * from './score-cohort.ts';
