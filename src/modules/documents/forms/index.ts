/**
 * Public API of the forms: the form-set registry, the view models, rendering to PDF (from a view
 * model built by the dossier module, src/modules/dossiers/domain/forms.ts) and the text formats the forms use.
 */
export * from './form-sets.ts';
export type * from './view-models.ts';
export { renderForm, renderFormFor } from './render.ts';
export { localDateTimeOf, localDateTimeText, vnDateTimeText, vnd } from './format.ts';
