/**
 * Form fields in the GOV.UK pattern, shared by every module's pages: a label, an optional hint, the
 * error message (with a visually hidden "Lỗi: " / "Error: " prefix in the page language) above the
 * control, `aria-describedby` linking hint and error, `aria-invalid` on a text control with an
 * error, and the value the user typed kept.
 * Every value is escaped by the `html` template. Field ids are the targets of the error summary's
 * links (`errorSummary` in layout.ts).
 */
import type { Lang } from '../adapters/http/i18n.ts';
import { html, type SafeHtml } from './html.ts';
import { t } from './messages.ts';

/** One problem with one field, as the error summary lists it. */
export interface FieldError {
  /** Id of the input (or fieldset) the summary links to. */
  readonly field: string;
  readonly message: string;
}

/** The distinct messages for `field`, joined (undefined when there is none). */
export function errorOf(errors: readonly FieldError[], field: string): string | undefined {
  const found = new Set(errors.filter((e) => e.field === field).map((e) => e.message));
  return found.size > 0 ? [...found].join(' ') : undefined;
}

/** The hidden CSRF field of a POST form. */
export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}" />`;
}

/** The error message of field `id` (id `${id}-error`), with the screen-reader prefix in `lang`. */
export function errorMessage(lang: Lang, id: string, message: string | undefined): SafeHtml | '' {
  if (!message) return '';
  return html`<span class="error-message" id="${id}-error"
    ><span class="visually-hidden">${t(lang, 'errorPrefix')}</span>${message}</span
  >`;
}

/** The error message of field `field` from the form's errors (nothing when it has none). */
export function fieldErrorMessage(lang: Lang, errors: readonly FieldError[], field: string): SafeHtml | '' {
  return errorMessage(lang, field, errorOf(errors, field));
}

/** How a field's hint is marked up: `span` (default) or `p`, with extra classes besides `hint`. */
export interface HintLook {
  readonly hintTag?: 'span' | 'p';
  readonly hintClass?: string;
}

/** The hint of field `id` (id `${id}-hint`). */
export function hintText(id: string, hint: string | undefined, look: HintLook = {}): SafeHtml | '' {
  if (!hint) return '';
  const cls = look.hintClass ? `hint ${look.hintClass}` : 'hint';
  return look.hintTag === 'p'
    ? html`<p class="${cls}" id="${id}-hint">${hint}</p>`
    : html`<span class="${cls}" id="${id}-hint">${hint}</span>`;
}

/** ` aria-describedby="…"` naming the hint and the error of field `id` that are shown, or nothing. */
export function describedBy(id: string, hint: unknown, error: unknown): SafeHtml {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids ? html` aria-describedby="${ids}"` : html``;
}

/** The class of a field's wrapper: `group` (e.g. `field`) plus `field-error` when it has an error. */
export function groupClass(group: string | undefined, error: unknown): string {
  return [group ?? '', error ? 'field-error' : ''].filter(Boolean).join(' ');
}

/** What every labelled field takes. */
export interface FieldOptions extends HintLook {
  /** Id of the control (and of its hint and error: `${id}-hint`, `${id}-error`). */
  readonly id: string;
  /** Form name; the id by default. */
  readonly name?: string;
  readonly label: string;
  readonly hint?: string | undefined;
  readonly errors?: readonly FieldError[];
  /** Class of the wrapping `div` besides `field-error` (`field` on the dossier and portal pages). */
  readonly group?: string;
}

/** Options of a text input. */
export interface InputOptions extends FieldOptions {
  readonly value?: string | undefined;
  readonly type?: string;
  /** Omitted when not given. */
  readonly autocomplete?: string;
  readonly inputmode?: string;
  readonly maxlength?: number;
  readonly min?: number | string;
  readonly max?: number | string;
  /** `required` sets the HTML attribute, `aria` only `aria-required="true"` (no browser validation). */
  readonly required?: boolean | 'aria';
  readonly autofocus?: boolean;
  /** Width class of the input: `w-short`, `w-medium`, `narrow`, `wide`; none (full width) by default. */
  readonly width?: string | undefined;
}

/** A field around its control (made knowing the field's error): wrapper, label, hint and error message. */
function labelled(lang: Lang, o: FieldOptions, control: (error: string | undefined) => SafeHtml): SafeHtml {
  const error = errorOf(o.errors ?? [], o.id);
  return html`<div class="${groupClass(o.group, error)}">
    <label for="${o.id}">${o.label}</label>${hintText(o.id, o.hint, o)}${errorMessage(lang, o.id, error)}
    ${control(error)}
  </div>`;
}

/** What text inputs and textareas share: width, length, required, invalid, and their description. */
function typingAttributes(
  o: FieldOptions & { width?: string | undefined; maxlength?: number; required?: boolean | 'aria' },
  error: string | undefined,
): SafeHtml {
  return html`${o.width ? html` class="${o.width}"` : ''}${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}${
    o.required === 'aria' ? html` aria-required="true"` : o.required ? html` required` : ''
  }${error ? html` aria-invalid="true"` : ''}${describedBy(o.id, o.hint, error)}`;
}

/** A labelled text input (also date, time, number, tel, email, search, password). */
export function textInput(lang: Lang, o: InputOptions): SafeHtml {
  return labelled(
    lang,
    o,
    (error) =>
      html`<input
        type="${o.type ?? 'text'}"
        id="${o.id}"
        name="${o.name ?? o.id}"
        value="${o.value ?? ''}"
        ${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}
        ${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}
        ${o.min !== undefined ? html` min="${o.min}"` : ''}
        ${o.max !== undefined ? html` max="${o.max}"` : ''}
        ${o.autofocus ? html` autofocus` : ''}
        ${typingAttributes(o, error)}
      />`,
  );
}

/** Options of a textarea. */
export interface TextAreaOptions extends FieldOptions {
  readonly value?: string | undefined;
  readonly rows?: number;
  readonly maxlength?: number;
  readonly required?: boolean | 'aria';
  /** Width class of the textarea (`wide`). */
  readonly width?: string | undefined;
}

/** A labelled multi-line input. */
export function textArea(lang: Lang, o: TextAreaOptions): SafeHtml {
  return labelled(
    lang,
    o,
    (error) =>
      html`<textarea
        id="${o.id}"
        name="${o.name ?? o.id}"
        rows="${o.rows ?? 3}"
        ${typingAttributes(o, error)}
      >
${o.value ?? ''}</textarea>`,
  );
}

/** One option of a select or a radio group. */
export interface Choice {
  readonly value: string;
  readonly label: string;
  readonly hint?: string | undefined;
}

/** Options of a select. */
export interface SelectOptions extends FieldOptions {
  readonly options: readonly Choice[];
  readonly value?: string | undefined;
}

/** A labelled select. */
export function selectInput(lang: Lang, o: SelectOptions): SafeHtml {
  return labelled(
    lang,
    o,
    (error) =>
      html`<select id="${o.id}" name="${o.name ?? o.id}" ${describedBy(o.id, o.hint, error)}>
        ${o.options.map((c) => html`<option value="${c.value}" ${c.value === (o.value ?? '') ? html` selected` : ''}>${c.label}</option>`)}
      </select>`,
  );
}

/** One radio or checkbox input (its label is the caller's). */
function choiceInput(
  type: 'radio' | 'checkbox',
  id: string,
  name: string,
  value: string,
  checked: boolean,
): SafeHtml {
  // One line: pages are searched for `id="…" name="…" value="…" checked`.
  // prettier-ignore
  return html`<input type="${type}" id="${id}" name="${name}" value="${value}"${checked ? html` checked` : ''} />`;
}

/** Radios in a fieldset that is itself the field: its id is `id`, each radio's `id-value` and the first's `id-input`. */
export function radios(
  lang: Lang,
  o: {
    readonly id: string;
    readonly name: string;
    readonly legend: string;
    readonly options: readonly Choice[];
    readonly value?: string | undefined;
    readonly hint?: string | undefined;
    readonly errors?: readonly FieldError[];
    readonly inline?: boolean;
  },
): SafeHtml {
  const error = errorOf(o.errors ?? [], o.id);
  const idOf = (c: Choice, i: number) => (i === 0 ? `${o.id}-input` : `${o.id}-${c.value}`);
  return html`<fieldset
    class="${groupClass('field', error)}"
    id="${o.id}"
    ${describedBy(o.id, o.hint, error)}
  >
    <legend>${o.legend}</legend>
    ${hintText(o.id, o.hint, { hintClass: 'field-hint' })}${errorMessage(lang, o.id, error)}
    <div class="choices${o.inline ? ' inline' : ''}">
      ${o.options.map(
        (c, i) =>
          html`<div class="choice">
            ${choiceInput('radio', idOf(c, i), o.name, c.value, c.value === o.value)}
            <label for="${idOf(c, i)}"
              >${c.label}${c.hint ? html` <span class="hint">${c.hint}</span>` : ''}</label
            >
          </div>`,
      )}
    </div>
  </fieldset>`;
}

/**
 * Radios in a fieldset inside a wrapping `div` (the field): the first radio's id is `name` (the
 * summary's target), the others `name-value`; each option may carry extra markup shown after it
 * (a conditional question).
 */
export function radioGroup(
  lang: Lang,
  errors: readonly FieldError[],
  f: {
    readonly name: string;
    readonly legend: string;
    readonly value: string;
    readonly options: readonly { value: string; label: string; hint?: string; extra?: SafeHtml }[];
    /** The legend is the page's heading (`h1`). */
    readonly headingLegend?: boolean;
    /** Class of the wrapping `div` besides `field-error`. */
    readonly group?: string;
    /** Class of each radio's `div`: `checkbox` by default. */
    readonly itemClass?: string;
  },
): SafeHtml {
  const error = errorOf(errors, f.name);
  const idOf = (value: string, i: number) => (i === 0 ? f.name : `${f.name}-${value}`);
  return html`<div class="${groupClass(f.group, error)}">
    <fieldset ${describedBy(f.name, false, error)}>
      <legend>${f.headingLegend ? html`<h1>${f.legend}</h1>` : f.legend}</legend>
      ${errorMessage(lang, f.name, error)}
      ${f.options.map(
        (o, i) =>
          html`<div class="${f.itemClass ?? 'checkbox'}">
              ${choiceInput('radio', idOf(o.value, i), f.name, o.value, f.value === o.value)}
              <label for="${idOf(o.value, i)}">${o.label}</label>
              ${o.hint ? html`<span class="hint">${o.hint}</span>` : ''}
            </div>
            ${o.extra ?? ''}`,
      )}
    </fieldset>
  </div>`;
}

/** One checkbox with its label (and an optional hint inside the label). */
export function checkbox(o: {
  readonly id: string;
  readonly name?: string;
  readonly label: string | SafeHtml;
  readonly checked: boolean;
  readonly hint?: string | undefined;
  /** `1` by default. */
  readonly value?: string;
  /** Class of the wrapping `div`: `choice` by default. */
  readonly itemClass?: string;
}): SafeHtml {
  return html`<div class="${o.itemClass ?? 'choice'}">
    ${choiceInput('checkbox', o.id, o.name ?? o.id, o.value ?? '1', o.checked)}
    <label for="${o.id}">${o.label}${o.hint ? html` <span class="hint">${o.hint}</span>` : ''}</label>
  </div>`;
}
