/**
 * The procedure catalog's pure core: model and validation, version rules, diff, search,
 * generator, and the real-data loader. No I/O; the lead wires it to storage and HTTP.
 */
export * from './procedure.ts';
export { addDays, formatLocalDateVi, isLocalDate } from './local-date.ts';
export * from './versions.ts';
export * from './diff.ts';
export * from './search.ts';
export * from './generate.ts';
export * from './real-catalog.ts';
