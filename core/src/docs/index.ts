export * from './names.ts';
export * from './directory.ts';
export * from './record.ts';
export * from './apply-import.ts';
export * from './coaching-docs-check-ins.ts';
export * from './coaching-docs-log.ts';
export * from './coaching-docs-prefs.ts';
