/**
 * Pieces of the dossier pages (also used by the feedback pages): the stylesheet, how form fields
 * look here (the fields themselves are src/views/form-components.ts), summary lists and tags.
 */
import { html, type SafeHtml } from '../../../views/html.ts';

/** The page's own stylesheet (served by dossiers.pages.ts), linked from the body like the calendar's. */
export const DOSSIER_STYLESHEET = html`<link rel="stylesheet" href="/assets/dossiers.css" />`;

/** How the dossier and feedback pages mark a field up: a `field` wrapper, a `field-hint` hint. */
export const FIELD_LOOK = { group: 'field', hintClass: 'field-hint' } as const;

/** The same for text inputs, with autocomplete off unless a caller names a token. */
export const INPUT_LOOK = { ...FIELD_LOOK, autocomplete: 'off' } as const;

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
