/**
 * Small GOV.UK-pattern form pieces for the citizen pages (identification and online submission):
 * a text field with its hint and error, radios, the hidden CSRF field. Errors are listed at the top
 * by `errorSummary` (src/views/layout.ts); each field here links to its message.
 */
import type { Lang } from '../../../adapters/http/i18n.ts';
import { html, type SafeHtml } from '../../../views/html.ts';

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export const L = (lang: Lang, vi: string, en: string): string => (lang === 'vi' ? vi : en);

export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}" />`;
}

function errorOf(errors: readonly FieldError[], field: string): string | undefined {
  const found = errors.filter((e) => e.field === field).map((e) => e.message);
  return found.length > 0 ? found.join(' ') : undefined;
}

export function errorText(lang: Lang, id: string, message: string | undefined): SafeHtml | '' {
  if (!message) return '';
  return html`<span class="error-message" id="${id}-error"
    ><span class="visually-hidden">${L(lang, 'Lỗi: ', 'Error: ')}</span>${message}</span
  >`;
}

export function textField(
  lang: Lang,
  errors: readonly FieldError[],
  f: {
    name: string;
    label: string;
    value: string;
    hint?: string;
    type?: string;
    autocomplete?: string;
    inputmode?: string;
    wide?: boolean;
    narrow?: boolean;
  },
): SafeHtml {
  const error = errorOf(errors, f.name);
  const describedBy = [f.hint ? `${f.name}-hint` : '', error ? `${f.name}-error` : '']
    .filter(Boolean)
    .join(' ');
  return html`<div class="${error ? 'field-error' : ''}">
    <label for="${f.name}">${f.label}</label>
    ${f.hint ? html`<span class="hint" id="${f.name}-hint">${f.hint}</span>` : ''}
    ${errorText(lang, f.name, error)}
    <input
      id="${f.name}"
      name="${f.name}"
      type="${f.type ?? 'text'}"
      value="${f.value}"
      class="${f.wide ? 'wide' : f.narrow ? 'narrow' : ''}"
      ${f.autocomplete ? html`autocomplete="${f.autocomplete}"` : ''}
      ${f.inputmode ? html`inputmode="${f.inputmode}"` : ''}
      ${describedBy ? html`aria-describedby="${describedBy}"` : ''}
      ${error ? html`aria-invalid="true"` : ''}
    />
  </div>`;
}

export function radios(
  lang: Lang,
  errors: readonly FieldError[],
  f: {
    name: string;
    legend: string;
    value: string;
    options: readonly { value: string; label: string; hint?: string; extra?: SafeHtml }[];
    headingLegend?: boolean;
  },
): SafeHtml {
  const error = errorOf(errors, f.name);
  return html`<div class="${error ? 'field-error' : ''}">
    <fieldset ${error ? html`aria-describedby="${f.name}-error"` : ''}>
      <legend>${f.headingLegend ? html`<h1>${f.legend}</h1>` : f.legend}</legend>
      ${errorText(lang, f.name, error)}
      ${f.options.map(
        (o, i) =>
          html`<div class="checkbox">
              <input
                type="radio"
                id="${i === 0 ? f.name : `${f.name}-${o.value}`}"
                name="${f.name}"
                value="${o.value}"
                ${f.value === o.value ? html`checked` : ''}
              />
              <label for="${i === 0 ? f.name : `${f.name}-${o.value}`}">${o.label}</label>
              ${o.hint ? html`<span class="hint">${o.hint}</span>` : ''}
            </div>
            ${o.extra ?? ''}`,
      )}
    </fieldset>
  </div>`;
}
