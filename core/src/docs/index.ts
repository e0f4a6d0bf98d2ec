export * from './names.ts';
export * from './directory.ts';
export * from './record.ts';
export * from './apply-import.ts';
