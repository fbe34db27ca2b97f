/**
 * Form pieces of the dossier pages in the GOV.UK pattern: a label, an optional hint, the error
 * message above the input, `aria-describedby` linking both, and the value the user typed kept.
 * Field ids are the targets of the error summary's links.
 */
import { html, type SafeHtml } from '../../../views/html.ts';

/** One problem with one field, as the error summary lists it. */
export interface FieldError {
  /** Id of the input (or fieldset) the summary links to. */
  readonly field: string;
  readonly message: string;
}

/** The page's own stylesheet (served by dossiers.pages.ts), linked from the body like the calendar's. */
export const DOSSIER_STYLESHEET = html`<link rel="stylesheet" href="/assets/dossiers.css" />`;

function messageOf(errors: readonly FieldError[], id: string): string | undefined {
  return errors.find((e) => e.field === id)?.message;
}

function describedBy(id: string, hint: string | undefined, error: string | undefined): SafeHtml {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids ? html` aria-describedby="${ids}"` : html``;
}

function hintAndError(id: string, hint: string | undefined, error: string | undefined): SafeHtml {
  return html`${hint ? html`<span class="hint field-hint" id="${id}-hint">${hint}</span>` : ''}${
    error
      ? html`<span class="error-message" id="${id}-error"
          ><span class="visually-hidden">Lỗi: </span>${error}</span
        >`
      : ''
  }`;
}

/** Options of a text input (also used, in part, by `textArea`). */
export interface InputOptions {
  readonly id: string;
  readonly name?: string;
  readonly label: string;
  readonly value?: string | undefined;
  readonly hint?: string | undefined;
  readonly type?: 'text' | 'tel' | 'email' | 'date' | 'time' | 'number' | 'search';
  readonly autocomplete?: string;
  readonly inputmode?: 'numeric' | 'tel' | 'email' | 'text';
  readonly maxlength?: number;
  readonly min?: number;
  readonly max?: number;
  readonly required?: boolean;
  readonly autofocus?: boolean;
  /** CSS width class: `w-short` (about 6 characters), `w-medium`, full width otherwise. */
  readonly width?: 'w-short' | 'w-medium';
  readonly errors?: readonly FieldError[];
}

/** A labelled text input. */
export function textInput(o: InputOptions): SafeHtml {
  const error = messageOf(o.errors ?? [], o.id);
  return html`<div class="field${error ? ' field-error' : ''}">
    <label for="${o.id}">${o.label}</label>${hintAndError(o.id, o.hint, error)}
    <input
      type="${o.type ?? 'text'}"
      id="${o.id}"
      name="${o.name ?? o.id}"
      value="${o.value ?? ''}"
      class="${o.width ?? ''}"
      ${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : html` autocomplete="off"`}
      ${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}
      ${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}
      ${o.min !== undefined ? html` min="${o.min}"` : ''}
      ${o.max !== undefined ? html` max="${o.max}"` : ''}
      ${o.required ? html` aria-required="true"` : ''}
      ${o.autofocus ? html` autofocus` : ''}
      ${error ? html` aria-invalid="true"` : ''}
      ${describedBy(o.id, o.hint, error)}
    />
  </div>`;
}

/** A labelled multi-line input. */
export function textArea(
  o: Omit<InputOptions, 'type' | 'inputmode' | 'min' | 'max'> & { rows?: number },
): SafeHtml {
  const error = messageOf(o.errors ?? [], o.id);
  return html`<div class="field${error ? ' field-error' : ''}">
    <label for="${o.id}">${o.label}</label>${hintAndError(o.id, o.hint, error)}
    <textarea
      id="${o.id}"
      name="${o.name ?? o.id}"
      rows="${o.rows ?? 3}"
      ${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}
      ${o.required ? html` aria-required="true"` : ''}
      ${error ? html` aria-invalid="true"` : ''}
      ${describedBy(o.id, o.hint, error)}
    >
${o.value ?? ''}</textarea>
  </div>`;
}

/** One option of a select or a radio group. */
export interface Choice {
  readonly value: string;
  readonly label: string;
  readonly hint?: string | undefined;
}

/** A labelled select. */
export function selectInput(o: {
  readonly id: string;
  readonly name?: string;
  readonly label: string;
  readonly options: readonly Choice[];
  readonly value?: string | undefined;
  readonly hint?: string | undefined;
  readonly errors?: readonly FieldError[];
}): SafeHtml {
  const error = messageOf(o.errors ?? [], o.id);
  return html`<div class="field${error ? ' field-error' : ''}">
    <label for="${o.id}">${o.label}</label>${hintAndError(o.id, o.hint, error)}
    <select id="${o.id}" name="${o.name ?? o.id}" ${describedBy(o.id, o.hint, error)}>
      ${o.options.map((c) => html`<option value="${c.value}" ${c.value === (o.value ?? '') ? html` selected` : ''}>${c.label}</option>`)}
    </select>
  </div>`;
}

/** Radios in a fieldset; the fieldset's id is `id`, each radio `id-value` (the first is the summary's target). */
export function radios(o: {
  readonly id: string;
  readonly name: string;
  readonly legend: string;
  readonly options: readonly Choice[];
  readonly value?: string | undefined;
  readonly hint?: string | undefined;
  readonly errors?: readonly FieldError[];
  readonly inline?: boolean;
}): SafeHtml {
  const error = messageOf(o.errors ?? [], o.id);
  return html`<fieldset
    class="field${error ? ' field-error' : ''}"
    id="${o.id}"
    ${describedBy(o.id, o.hint, error)}
  >
    <legend>${o.legend}</legend>
    ${hintAndError(o.id, o.hint, error)}
    <div class="choices${o.inline ? ' inline' : ''}">
      ${o.options.map(
        (c, i) =>
          html`<div class="choice">
            <input
              type="radio"
              id="${i === 0 ? `${o.id}-input` : `${o.id}-${c.value}`}"
              name="${o.name}"
              value="${c.value}"
              ${c.value === o.value ? html` checked` : ''}
            />
            <label for="${i === 0 ? `${o.id}-input` : `${o.id}-${c.value}`}"
              >${c.label}${c.hint ? html` <span class="hint">${c.hint}</span>` : ''}</label
            >
          </div>`,
      )}
    </div>
  </fieldset>`;
}

/** One checkbox with its label (and an optional hint inside the label). */
export function checkbox(o: {
  readonly id: string;
  readonly name?: string;
  readonly label: string | SafeHtml;
  readonly checked: boolean;
  readonly hint?: string | undefined;
  readonly value?: string;
}): SafeHtml {
  return html`<div class="choice">
    <input
      type="checkbox"
      id="${o.id}"
      name="${o.name ?? o.id}"
      value="${o.value ?? '1'}"
      ${o.checked ? html` checked` : ''}
    />
    <label for="${o.id}">${o.label}${o.hint ? html` <span class="hint">${o.hint}</span>` : ''}</label>
  </div>`;
}

/** A summary list (GOV.UK `govuk-summary-list`): key/value rows. */
export function summaryList(rows: readonly (readonly [string, SafeHtml | string])[]): SafeHtml {
  return html`<dl class="summary-list">
    ${rows.map(
      ([k, v]) =>
        html`<div>
          <dt>${k}</dt>
          <dd>${v}</dd>
        </div>`,
    )}
  </dl>`;
}

/** A coloured tag (status, timeliness): `kind` picks the colour. */
export function tag(
  text: string,
  kind: 'grey' | 'blue' | 'green' | 'red' | 'yellow' | 'purple' = 'blue',
): SafeHtml {
  return html`<strong class="tag tag-${kind}">${text}</strong>`;
}
