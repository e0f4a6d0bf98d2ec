export * from './report-language.ts';
export * from './unit-averages.ts';
export * from './compare-to-unit.ts';
export * from './suggestion-catalogue.ts';
export * from './report-templates.ts';
export * from './feedback-report.ts';
export * from './build-report.ts';
export * from './unit-figures.ts';
