import { describe, expect, it } from 'vitest';
import { html, type SafeHtml } from '../../src/views/html.ts';
import {
  checkbox,
  csrfField,
  describedBy,
  errorMessage,
  errorOf,
  hintText,
  radioGroup,
  radios,
  selectInput,
  textArea,
  textInput,
} from '../../src/views/form-components.ts';

/** The markup with white space folded, so assertions read like the HTML. */
const flat = (h: SafeHtml | ''): string =>
  (typeof h === 'string' ? h : h.value).replace(/\s+/g, ' ').replace(/ >/g, '>').replace(/> </g, '><');

/** The opening tag of the first element with `id="…"`. */
function tagWithId(markup: string, id: string): string {
  const at = markup.indexOf(`id="${id}"`);
  expect(at, `no element with id ${id}`).toBeGreaterThan(-1);
  return markup.slice(markup.lastIndexOf('<', at), markup.indexOf('>', at) + 1);
}

const SCRIPT = '<script>alert("x")</script>';
const ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;';

describe('error message', () => {
  it('has the screen-reader prefix in the page language', () => {
    expect(flat(errorMessage('vi', 'name', 'Nhập họ tên'))).toBe(
      '<span class="error-message" id="name-error"><span class="visually-hidden">Lỗi: </span>Nhập họ tên</span>',
    );
    expect(flat(errorMessage('en', 'name', 'Enter your name'))).toBe(
      '<span class="error-message" id="name-error"><span class="visually-hidden">Error: </span>Enter your name</span>',
    );
  });

  it('is nothing without a message, and escapes the message', () => {
    expect(errorMessage('vi', 'name', undefined)).toBe('');
    expect(errorMessage('en', 'name', '')).toBe('');
    const out = flat(errorMessage('en', 'name', SCRIPT));
    expect(out).toContain(ESCAPED);
    expect(out).not.toContain('<script>');
  });

  it('joins the distinct messages of a field, and finds none for another', () => {
    const errors = [
      { field: 'a', message: 'one.' },
      { field: 'b', message: 'other.' },
      { field: 'a', message: 'two.' },
      { field: 'a', message: 'one.' },
    ];
    expect(errorOf(errors, 'a')).toBe('one. two.');
    expect(errorOf(errors, 'c')).toBeUndefined();
  });
});

describe('hint and aria-describedby', () => {
  it('marks the hint up as a span (or a paragraph) with its id', () => {
    expect(flat(hintText('code', 'For example 1.001'))).toBe(
      '<span class="hint" id="code-hint">For example 1.001</span>',
    );
    expect(flat(hintText('code', 'x', { hintTag: 'p', hintClass: 'field-hint' }))).toBe(
      '<p class="hint field-hint" id="code-hint">x</p>',
    );
    expect(hintText('code', undefined)).toBe('');
  });

  it('names the hint and the error that are shown, in that order', () => {
    expect(describedBy('f', 'hint', 'error').value).toBe(' aria-describedby="f-hint f-error"');
    expect(describedBy('f', 'hint', undefined).value).toBe(' aria-describedby="f-hint"');
    expect(describedBy('f', undefined, 'error').value).toBe(' aria-describedby="f-error"');
    expect(describedBy('f', undefined, undefined).value).toBe('');
  });
});

describe('text input', () => {
  const errors = [{ field: 'phone', message: 'Enter a phone number like 0912 345 678' }];

  it('renders label, hint, error and input linked by ids, keeping what was typed', () => {
    const out = flat(
      textInput('en', {
        id: 'phone',
        label: 'Phone',
        hint: 'For text messages',
        value: '0912',
        type: 'tel',
        autocomplete: 'tel',
        inputmode: 'tel',
        maxlength: 20,
        width: 'w-medium',
        group: 'field',
        errors,
      }),
    );
    expect(out.startsWith('<div class="field field-error"><label for="phone">Phone</label>')).toBe(true);
    expect(out).toContain('<span class="hint" id="phone-hint">For text messages</span>');
    expect(out).toContain('<span class="visually-hidden">Error: </span>Enter a phone number');
    const input = tagWithId(out, 'phone');
    expect(input).toContain('type="tel"');
    expect(input).toContain('name="phone"');
    expect(input).toContain('value="0912"');
    expect(input).toContain('class="w-medium"');
    expect(input).toContain('autocomplete="tel"');
    expect(input).toContain('inputmode="tel"');
    expect(input).toContain('maxlength="20"');
    expect(input).toContain('aria-invalid="true"');
    expect(input).toContain('aria-describedby="phone-hint phone-error"');
  });

  it('uses the Vietnamese prefix on Vietnamese pages', () => {
    const out = flat(textInput('vi', { id: 'phone', label: 'Số điện thoại', errors }));
    expect(out).toContain('<span class="visually-hidden">Lỗi: </span>');
    expect(out).not.toContain('Error: ');
  });

  it('escapes the value, the label and the hint', () => {
    const out = flat(textInput('vi', { id: 'q', label: SCRIPT, hint: SCRIPT, value: SCRIPT }));
    expect(out).not.toContain('<script>');
    expect(out).toContain(`value="${ESCAPED}"`);
    expect(out).toContain(`<label for="q">${ESCAPED}</label>`);
    expect(out).toContain(`id="q-hint">${ESCAPED}</span>`);
  });

  it('has no class, autocomplete, error or description it was not given', () => {
    const out = flat(textInput('vi', { id: 'q', name: 'query', label: 'Q' }));
    expect(out).toBe(
      '<div class=""><label for="q">Q</label><input type="text" id="q" name="query" value="" /></div>',
    );
  });

  it('marks required fields natively or for assistive technology only', () => {
    expect(tagWithId(flat(textInput('vi', { id: 'a', label: 'A', required: true })), 'a')).toContain(
      ' required',
    );
    const aria = tagWithId(flat(textInput('vi', { id: 'a', label: 'A', required: 'aria' })), 'a');
    expect(aria).toContain('aria-required="true"');
    expect(aria).not.toContain(' required ');
  });
});

describe('textarea', () => {
  it('keeps (escaped) text, links hint and error, and has the prefix in the page language', () => {
    const errors = [{ field: 'fees', message: 'Line 2: no amount' }];
    for (const [lang, prefix] of [
      ['vi', 'Lỗi: '],
      ['en', 'Error: '],
    ] as const) {
      const out = flat(
        textArea(lang, {
          id: 'fees',
          label: 'Fees',
          hint: 'One per line',
          hintTag: 'p',
          value: SCRIPT,
          rows: 6,
          width: 'wide',
          errors,
        }),
      );
      expect(out).toContain('<p class="hint" id="fees-hint">One per line</p>');
      expect(out).toContain(`<span class="visually-hidden">${prefix}</span>Line 2: no amount`);
      const tag = tagWithId(out, 'fees');
      expect(tag).toContain('rows="6"');
      expect(tag).toContain('class="wide"');
      expect(tag).toContain('aria-describedby="fees-hint fees-error"');
      expect(out).toContain(`${ESCAPED}</textarea>`);
      expect(out).not.toContain('<script>');
    }
  });
});

describe('select', () => {
  it('selects the current value, escapes options and links the error', () => {
    const out = flat(
      selectInput('en', {
        id: 'unit',
        label: 'Unit',
        value: 'b"',
        options: [
          { value: 'a', label: SCRIPT },
          { value: 'b"', label: 'B' },
        ],
        errors: [{ field: 'unit', message: 'Choose a unit' }],
      }),
    );
    expect(out).toContain(`<option value="a">${ESCAPED}</option>`);
    expect(out).toContain('<option value="b&quot;" selected>B</option>');
    expect(tagWithId(out, 'unit')).toContain('aria-describedby="unit-error"');
    expect(out).toContain('<span class="visually-hidden">Error: </span>Choose a unit');
    expect(out).not.toContain('<script>');
  });
});

describe('radios in a fieldset that is the field', () => {
  it('gives the fieldset the id, links hint and error to it and checks the value', () => {
    const out = flat(
      radios('vi', {
        id: 'return',
        name: 'returnMethod',
        legend: 'Return',
        hint: 'Pick one',
        value: 'postal',
        inline: true,
        options: [
          { value: 'counter', label: 'At the counter' },
          { value: 'postal', label: SCRIPT, hint: 'By post' },
        ],
        errors: [{ field: 'return', message: 'Chọn một cách' }],
      }),
    );
    const fieldset = tagWithId(out, 'return');
    expect(fieldset).toContain('class="field field-error"');
    expect(fieldset).toContain('aria-describedby="return-hint return-error"');
    expect(out).toContain('<span class="hint field-hint" id="return-hint">Pick one</span>');
    expect(out).toContain('<span class="visually-hidden">Lỗi: </span>Chọn một cách');
    expect(out).toContain('<div class="choices inline">');
    expect(tagWithId(out, 'return-input')).toContain('value="counter"');
    expect(tagWithId(out, 'return-postal')).toContain(' checked');
    expect(out).toContain(`<label for="return-postal">${ESCAPED} <span class="hint">By post</span></label>`);
  });
});

describe('radios in a wrapped fieldset', () => {
  it('ids the first radio by the name, links the error and shows the extra markup', () => {
    const out = flat(
      radioGroup('en', [{ field: 'rating', message: 'Choose a rating' }], {
        name: 'rating',
        legend: SCRIPT,
        headingLegend: true,
        value: 'good',
        group: 'field',
        itemClass: 'radio',
        options: [
          { value: 'good', label: 'Good', hint: 'All fine' },
          { value: 'bad', label: 'Bad', extra: html`<p id="extra">more</p>` },
        ],
      }),
    );
    expect(out.startsWith('<div class="field field-error"><fieldset aria-describedby="rating-error">')).toBe(
      true,
    );
    expect(out).toContain(`<legend><h1>${ESCAPED}</h1></legend>`);
    expect(out).toContain('<span class="visually-hidden">Error: </span>Choose a rating');
    expect(tagWithId(out, 'rating')).toContain(' checked');
    expect(tagWithId(out, 'rating-bad')).not.toContain('checked');
    expect(out).toContain('<div class="radio">');
    expect(out).toContain('<span class="hint">All fine</span>');
    expect(out).toContain('<p id="extra">more</p>');
  });

  it('has no error markup or description without an error', () => {
    const out = flat(
      radioGroup('vi', [], { name: 'm', legend: 'M', value: '', options: [{ value: 'a', label: 'A' }] }),
    );
    expect(out).not.toContain('aria-describedby');
    expect(out).not.toContain('error');
    expect(out).toContain('<div class="checkbox">');
  });
});

describe('checkbox', () => {
  it('escapes the label, keeps the check and names its value', () => {
    const out = flat(
      checkbox({ id: 'cod', label: SCRIPT, checked: true, value: 'yes', itemClass: 'checkbox' }),
    );
    expect(out).toBe(
      `<div class="checkbox"><input type="checkbox" id="cod" name="cod" value="yes" checked /><label for="cod">${ESCAPED}</label></div>`,
    );
    expect(flat(checkbox({ id: 'x', name: 'y', label: 'X', checked: false }))).toContain(
      '<div class="choice"><input type="checkbox" id="x" name="y" value="1" />',
    );
  });
});

describe('CSRF field', () => {
  it('escapes the token', () => {
    expect(csrfField('a"b').value).toBe('<input type="hidden" name="_csrf" value="a&quot;b" />');
  });
});
