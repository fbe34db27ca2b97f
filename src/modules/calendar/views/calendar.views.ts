/**
 * Calendar pages: the public year calendar (`/lich`, `/calendar`) and the admin form of a year
 * (`/admin/calendar/{year}`). Server-rendered, no JavaScript; one small extra stylesheet.
 */
import type { Lang } from '../../../adapters/http/i18n.ts';
import {
  dayInfo,
  lunarToSolar,
  solarToLunar,
  tetDate,
  type DayOffKind,
  type WorkingCalendar,
} from '../../../kernel/calendar/index.ts';
import { html, type SafeHtml } from '../../../views/html.ts';
import { fieldErrorMessage, textArea, type FieldError } from '../../../views/form-components.ts';
import { errorSummary, page, type PageContext } from '../../../views/layout.ts';
import { formatDateLong, formatInstantVi } from '../domain/instants.ts';
import {
  canChiOfYear,
  formatLunarLong,
  formatLunarShort,
  lunarDayName,
  lunarMonthName,
} from '../domain/lunar-names.ts';
import type { YearForm } from '../domain/year-form.ts';
import { DAY_OFF_KINDS } from '../domain/year-input.ts';
import type { RevisionSummary, YearView } from '../calendar.service.ts';

const S = {
  vi: {
    title: (y: number) => `Lịch nghỉ lễ, Tết năm ${y}`,
    editTitle: (y: number) => `Sửa lịch nghỉ năm ${y}`,
    year: 'Năm',
    show: 'Xem',
    otherYears: 'Năm khác',
    official: 'Chính thức',
    estimated: 'Ước tính',
    officialText: 'theo các văn bản của cơ quan có thẩm quyền dưới đây.',
    estimatedText:
      'chưa có thông báo nghỉ lễ, Tết của năm này trong hệ thống. Các ngày nghỉ được tính theo Bộ luật Lao động 2019 và có thể thay đổi khi có thông báo chính thức.',
    revision: (r: number) => (r === 0 ? 'Chưa có dữ liệu lưu trong hệ thống.' : `Bản sửa số ${r}.`),
    sources: 'Nguồn',
    note: 'Ghi chú về dữ liệu',
    highlights: 'Tết Nguyên đán và Giỗ Tổ Hùng Vương',
    tetDay: (y: number, d: string) => `Tết Nguyên đán ${canChiOfYear(y)}: mùng 1 tháng Giêng là ${d}.`,
    tetBreak: 'Nghỉ Tết',
    gioTo: 'Giỗ Tổ Hùng Vương (mùng 10 tháng Ba âm lịch)',
    daysOff: 'Các ngày nghỉ',
    workingDays: 'Ngày làm bù',
    noWorkingDays: 'Năm này không có ngày làm bù.',
    date: 'Ngày',
    lunar: 'Âm lịch',
    name: 'Tên',
    kind: 'Loại',
    months: 'Lịch các tháng',
    month: (m: number, y: number) => `Tháng ${m}/${y}`,
    legend: 'Chú giải',
    legendOff: 'Ngày nghỉ lễ, Tết (chữ đậm, nền đỏ nhạt)',
    legendWork: 'Ngày làm bù (chữ nghiêng, nền xanh nhạt)',
    legendWeekend: 'Thứ Bảy, Chủ nhật (chữ xám)',
    weekdays: [
      ['T2', 'Thứ Hai'],
      ['T3', 'Thứ Ba'],
      ['T4', 'Thứ Tư'],
      ['T5', 'Thứ Năm'],
      ['T6', 'Thứ Sáu'],
      ['T7', 'Thứ Bảy'],
      ['CN', 'Chủ nhật'],
    ],
    off: 'nghỉ',
    makeUp: 'làm bù',
    edit: (y: number) => `Sửa lịch năm ${y}`,
    viewPublic: (y: number) => `Xem lịch công khai năm ${y}`,
    editIntro: (r: number, status: string) =>
      r === 0
        ? `Năm này chưa có dữ liệu lưu trong hệ thống; biểu mẫu hiện các ngày nghỉ ước tính theo Bộ luật Lao động. Lưu sẽ tạo bản sửa số 1.`
        : `Đang áp dụng bản sửa số ${r} (${status}). Lưu sẽ tạo bản sửa số ${r + 1}; các bản cũ vẫn được lưu lại.`,
    saved: (r: number) => `Đã lưu bản sửa số ${r}`,
    status: 'Trạng thái dữ liệu',
    statusOfficial: 'Chính thức (đã có thông báo của cơ quan có thẩm quyền)',
    statusEstimated: 'Ước tính (chưa có thông báo)',
    daysOffHint:
      'Điền ngày nghỉ mới vào các dòng trống. Đánh dấu “Xóa” để bỏ một ngày. Cần thêm dòng: lưu rồi thêm tiếp.',
    workingDaysHint: 'Ngày làm bù phải là Thứ Bảy hoặc Chủ nhật.',
    sourcesHint: 'Văn bản, thông báo làm căn cứ (tên và địa chỉ trang web).',
    remove: 'Xóa',
    sourceTitle: 'Tên văn bản',
    sourceUrl: 'Địa chỉ (URL)',
    chooseKind: '— Chọn loại —',
    save: 'Lưu bản sửa mới',
    revisions: 'Các bản sửa',
    createdAt: 'Thời điểm lưu',
    createdBy: 'Người lưu',
    count: 'Số ngày nghỉ',
    rowLabel: (what: string, i: number, field: string) => `${what} ${i}: ${field}`,
    dayOffRow: 'Ngày nghỉ',
    workingDayRow: 'Ngày làm bù',
    sourceRow: 'Nguồn',
  },
  en: {
    title: (y: number) => `Public holidays and Tết in ${y}`,
    editTitle: (y: number) => `Edit the days off of ${y}`,
    year: 'Year',
    show: 'Show',
    otherYears: 'Other years',
    official: 'Official',
    estimated: 'Estimated',
    officialText: 'from the notices listed below.',
    estimatedText:
      'there is no official notice for this year in the system. The days off follow the Labour Code 2019 rules and may change when the notice is published.',
    revision: (r: number) => (r === 0 ? 'No data stored in the system.' : `Revision ${r}.`),
    sources: 'Sources',
    note: 'Notes on the data',
    highlights: 'Lunar New Year and Hùng Kings Commemoration Day',
    tetDay: (y: number, d: string) =>
      `Lunar New Year ${canChiOfYear(y)}: the 1st day of the 1st month is ${d}.`,
    tetBreak: 'Tết break',
    gioTo: 'Hùng Kings Commemoration Day (10th day of the 3rd lunar month)',
    daysOff: 'Days off',
    workingDays: 'Make-up working days',
    noWorkingDays: 'There are no make-up working days this year.',
    date: 'Date',
    lunar: 'Lunar date',
    name: 'Name',
    kind: 'Kind',
    months: 'Months',
    month: (m: number, y: number) => `${m}/${y}`,
    legend: 'Key',
    legendOff: 'Day off (bold, light red)',
    legendWork: 'Make-up working day (italic, light green)',
    legendWeekend: 'Saturday, Sunday (grey)',
    weekdays: [
      ['Mo', 'Monday'],
      ['Tu', 'Tuesday'],
      ['We', 'Wednesday'],
      ['Th', 'Thursday'],
      ['Fr', 'Friday'],
      ['Sa', 'Saturday'],
      ['Su', 'Sunday'],
    ],
    off: 'day off',
    makeUp: 'make-up working day',
    edit: (y: number) => `Edit ${y}`,
    viewPublic: (y: number) => `See the public calendar of ${y}`,
    editIntro: (r: number, status: string) =>
      r === 0
        ? 'This year has no stored data; the form shows the Labour Code estimate. Saving creates revision 1.'
        : `Revision ${r} (${status}) is in force. Saving creates revision ${r + 1}; earlier revisions are kept.`,
    saved: (r: number) => `Revision ${r} saved`,
    status: 'Status of the data',
    statusOfficial: 'Official (a notice has been published)',
    statusEstimated: 'Estimated (no notice yet)',
    daysOffHint:
      'Add new days off in the empty rows. Tick “Remove” to drop a day. Need more rows: save, then add more.',
    workingDaysHint: 'A make-up working day must be a Saturday or a Sunday.',
    sourcesHint: 'The decisions or notices the data comes from (title and web address).',
    remove: 'Remove',
    sourceTitle: 'Title',
    sourceUrl: 'Address (URL)',
    chooseKind: '— Choose —',
    save: 'Save as a new revision',
    revisions: 'Revisions',
    createdAt: 'Saved at',
    createdBy: 'Saved by',
    count: 'Days off',
    rowLabel: (what: string, i: number, field: string) => `${what} ${i}: ${field}`,
    dayOffRow: 'Day off',
    workingDayRow: 'Make-up day',
    sourceRow: 'Source',
  },
} as const;

const KIND_NAMES: Record<DayOffKind, { vi: string; en: string }> = {
  holiday: { vi: 'Ngày lễ', en: 'Public holiday' },
  tet: { vi: 'Tết Âm lịch', en: 'Lunar New Year' },
  compensatory: { vi: 'Nghỉ bù', en: 'Compensatory day off' },
  swapped: { vi: 'Nghỉ hoán đổi', en: 'Swapped day off' },
};

/** The display name of a day-off kind. */
export function kindName(kind: string, lang: Lang): string {
  return KIND_NAMES[kind as DayOffKind]?.[lang] ?? kind;
}

const stylesheet = html`<link rel="stylesheet" href="/assets/calendar.css" />`;

function lunarCell(date: string): string {
  return formatLunarShort(solarToLunar(date));
}

function statusPanel(lang: Lang, view: YearView): SafeHtml {
  const s = S[lang];
  const official = view.status === 'official';
  return html`<div class="panel ${official ? 'success' : 'cal-estimated'}">
    <p>
      <strong class="tag ${official ? '' : 'post'}">${official ? s.official : s.estimated}</strong>
      ${official ? s.officialText : s.estimatedText} ${s.revision(view.revision)}
    </p>
    <h2>${s.sources}</h2>
    <ul>
      ${view.source.map((src) => html`<li><a href="${src.url}" rel="noopener noreferrer">${src.title}</a></li>`)}
    </ul>
    ${
      view.note
        ? html`<details>
            <summary>${s.note}</summary>
            <p>${view.note}</p>
          </details>`
        : ''
    }
  </div>`;
}

function highlights(lang: Lang, view: YearView): SafeHtml {
  const s = S[lang];
  const year = view.year;
  const tet = tetDate(year);
  const tetDays = view.daysOff.filter((d) => d.kind === 'tet').map((d) => d.date);
  const first = tetDays[0];
  const last = tetDays[tetDays.length - 1];
  const gioTo = lunarToSolar({ day: 10, month: 3, year, leap: false });
  const lunarSpan = (date: string) => {
    const l = solarToLunar(date);
    return `${lunarDayName(l.day)} ${lunarMonthName(l.month, l.leap)}`;
  };
  return html`<h2>${s.highlights}</h2>
    <ul>
      <li>${s.tetDay(year, formatDateLong(tet, lang))}</li>
      ${
        first && last
          ? html`<li>
              ${s.tetBreak}: <strong>${formatDateLong(first, lang)} – ${formatDateLong(last, lang)}</strong>
              (${lunarSpan(first)} – ${lunarSpan(last)})
            </li>`
          : ''
      }
      ${gioTo.ok ? html`<li>${s.gioTo}: <strong>${formatDateLong(gioTo.value, lang)}</strong></li>` : ''}
    </ul>`;
}

function daysOffTable(lang: Lang, view: YearView): SafeHtml {
  const s = S[lang];
  return html`<h2 id="ngay-nghi">${s.daysOff}</h2>
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">
          ${s.daysOff} ${view.year}
        </caption>
        <thead>
          <tr>
            <th scope="col">${s.date}</th>
            <th scope="col">${s.lunar}</th>
            <th scope="col">${s.name}</th>
            <th scope="col">${s.kind}</th>
          </tr>
        </thead>
        <tbody>
          ${view.daysOff.map(
            (d) =>
              html`<tr>
                <th scope="row">${formatDateLong(d.date, lang)}</th>
                <td>${lunarCell(d.date)}</td>
                <td>${d.name}</td>
                <td>${kindName(d.kind, lang)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <h2 id="ngay-lam-bu">${s.workingDays}</h2>
    ${
      view.workingDays.length === 0
        ? html`<p>${s.noWorkingDays}</p>`
        : html`<div class="table-wrap">
            <table>
              <caption class="visually-hidden">
                ${s.workingDays} ${view.year}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${s.date}</th>
                  <th scope="col">${s.lunar}</th>
                  <th scope="col">${s.name}</th>
                </tr>
              </thead>
              <tbody>
                ${view.workingDays.map(
                  (d) =>
                    html`<tr>
                      <th scope="row">${formatDateLong(d.date, lang)}</th>
                      <td>${lunarCell(d.date)}</td>
                      <td>${d.name}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }`;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function monthTable(lang: Lang, calendar: WorkingCalendar, year: number, month: number): SafeHtml {
  const s = S[lang];
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const firstWeekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay(); // 0 = Sunday
  const lead = (firstWeekday + 6) % 7; // Monday-first columns
  const cells: SafeHtml[] = [];
  for (let i = 0; i < lead; i++) cells.push(html`<td></td>`);
  for (let d = 1; d <= days; d++) {
    const info = dayInfo(calendar, `${year}-${pad(month)}-${pad(d)}`);
    if (info.dayOff) {
      cells.push(
        html`<td class="cal-off">
          <strong>${d}</strong><span class="visually-hidden">, ${s.off}: ${info.dayOff.name}</span>
        </td>`,
      );
    } else if (info.makeUp) {
      cells.push(
        html`<td class="cal-work">
          <em>${d}</em><span class="visually-hidden">, ${s.makeUp}: ${info.makeUp.name}</span>
        </td>`,
      );
    } else if (info.weekday === 0 || info.weekday === 6) {
      cells.push(html`<td class="cal-weekend">${d}</td>`);
    } else {
      cells.push(html`<td>${d}</td>`);
    }
  }
  while (cells.length % 7 !== 0) cells.push(html`<td></td>`);
  const weeks: SafeHtml[] = [];
  for (let i = 0; i < cells.length; i += 7)
    weeks.push(
      html`<tr>
        ${cells.slice(i, i + 7)}
      </tr>`,
    );
  return html`<table class="cal-month">
    <caption>
      ${s.month(month, year)}
    </caption>
    <thead>
      <tr>
        ${s.weekdays.map(([short, long]) => html`<th scope="col"><abbr title="${long}">${short}</abbr></th>`)}
      </tr>
    </thead>
    <tbody>
      ${weeks}
    </tbody>
  </table>`;
}

/** The public calendar of a year. */
export function yearPage(
  ctx: PageContext,
  view: YearView,
  calendar: WorkingCalendar,
  options: { readonly canManage: boolean },
): string {
  const { lang } = ctx;
  const s = S[lang];
  const y = view.year;
  const months: SafeHtml[] = [];
  for (let m = 1; m <= 12; m++) months.push(monthTable(lang, calendar, y, m));
  return page(
    ctx,
    s.title(y),
    html`${stylesheet}
      <h1>${s.title(y)}</h1>
      <nav aria-label="${s.otherYears}" class="cal-years">
        <ul>
          ${y > 1900 ? html`<li><a href="/lich?year=${y - 1}">← ${y - 1}</a></li>` : ''}
          ${y < 2199 ? html`<li><a href="/lich?year=${y + 1}">${y + 1} →</a></li>` : ''}
          ${options.canManage ? html`<li><a href="/admin/calendar/${y}">${s.edit(y)}</a></li>` : ''}
        </ul>
      </nav>
      <form method="get" action="/lich" class="inline-form">
        <div>
          <label for="year">${s.year}</label>
          <input type="text" id="year" name="year" inputmode="numeric" value="${y}" class="cal-year-input" />
        </div>
        <button type="submit" class="button secondary">${s.show}</button>
      </form>
      ${statusPanel(lang, view)} ${highlights(lang, view)} ${daysOffTable(lang, view)}
      <h2>${s.months}</h2>
      <ul class="cal-legend" aria-label="${s.legend}">
        <li><span class="cal-swatch cal-off" aria-hidden="true"></span>${s.legendOff}</li>
        <li><span class="cal-swatch cal-work" aria-hidden="true"></span>${s.legendWork}</li>
        <li><span class="cal-swatch cal-weekend" aria-hidden="true"></span>${s.legendWeekend}</li>
      </ul>
      <div class="cal-months">${months}</div>`,
  );
}

/** The admin form of a year. */
export function editYearPage(
  ctx: PageContext,
  state: {
    readonly year: number;
    readonly current: YearView;
    readonly form: YearForm;
    readonly revisions: readonly RevisionSummary[];
    readonly errors?: readonly FieldError[];
    readonly saved?: number | undefined;
  },
): string {
  const { lang } = ctx;
  const s = S[lang];
  const { year, form, current } = state;
  const errors = state.errors ?? [];
  const has = (f: string) => errors.some((e) => e.field === f);
  const described = (f: string) => (has(f) ? html` aria-describedby="${f}-error"` : '');
  const cellClass = (f: string) => (has(f) ? 'field-error' : '');
  const hiddenLabel = (id: string, what: string, i: number, field: string) =>
    html`<label class="visually-hidden" for="${id}">${s.rowLabel(what, i + 1, field)}</label>`;

  const offRows = [...form.daysOff, ...Array.from({ length: 3 }, () => null)];
  const workRows = [...form.workingDays, ...Array.from({ length: 2 }, () => null)];
  const srcRows = [...form.sources, ...Array.from({ length: 2 }, () => null)];
  const min = `${year}-01-01`;
  const max = `${year}-12-31`;

  const dateInput = (id: string, value: string, what: string, i: number) =>
    html`<td class="${cellClass(id)}">
      ${hiddenLabel(id, what, i, s.date)}${fieldErrorMessage(lang, errors, id)}
      <input
        type="date"
        id="${id}"
        name="${id}"
        value="${value}"
        min="${min}"
        max="${max}"
        ${described(id)}
      />
    </td>`;
  const textInput = (id: string, value: string, what: string, i: number, field: string) =>
    html`<td class="${cellClass(id)}">
      ${hiddenLabel(id, what, i, field)}${fieldErrorMessage(lang, errors, id)}
      <input type="text" id="${id}" name="${id}" value="${value}" autocomplete="off" ${described(id)} />
    </td>`;
  const removeBox = (id: string, checked: boolean, what: string, i: number, present: boolean) =>
    present
      ? html`<td>
          <input type="checkbox" id="${id}" name="${id}" value="1" ${checked ? html` checked` : ''} />
          ${hiddenLabel(id, what, i, s.remove)}
        </td>`
      : html`<td></td>`;

  return page(
    ctx,
    s.editTitle(year),
    html`${stylesheet} ${errorSummary(lang, errors)}
      ${
        state.saved
          ? html`<div class="panel success" role="status"><h2>${s.saved(state.saved)}</h2></div>`
          : ''
      }
      <h1>${s.editTitle(year)}</h1>
      <p>${s.editIntro(current.revision, current.status === 'official' ? s.official : s.estimated)}</p>
      <p><a href="/lich?year=${year}">${s.viewPublic(year)}</a></p>
      <form method="post" action="/admin/calendar/${year}" novalidate>
        <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
        <input type="hidden" name="expectedRevision" value="${form.expectedRevision}" />
        <fieldset class="${has('status-official') ? 'field-error' : ''}">
          <legend>${s.status}</legend>
          ${fieldErrorMessage(lang, errors, 'status-official')}
          <div class="cal-radio">
            <input
              type="radio"
              id="status-official"
              name="status"
              value="official"
              ${form.status === 'official' ? html` checked` : ''}
            />
            <label for="status-official">${s.statusOfficial}</label>
          </div>
          <div class="cal-radio">
            <input
              type="radio"
              id="status-estimated"
              name="status"
              value="estimated"
              ${form.status === 'estimated' ? html` checked` : ''}
            />
            <label for="status-estimated">${s.statusEstimated}</label>
          </div>
        </fieldset>

        <h2>${s.daysOff}</h2>
        <p class="hint">${s.daysOffHint}</p>
        <div class="table-wrap">
          <table class="cal-edit">
            <caption class="visually-hidden">
              ${s.daysOff} ${year}
            </caption>
            <thead>
              <tr>
                <th scope="col">${s.date}</th>
                <th scope="col">${s.name}</th>
                <th scope="col">${s.kind}</th>
                <th scope="col">${s.remove}</th>
              </tr>
            </thead>
            <tbody>
              ${offRows.map((row, i) => {
                const id = (f: string) => `off-${i}-${f}`;
                const kind = row?.kind ?? '';
                return html`<tr>
                  ${dateInput(id('date'), row?.date ?? '', s.dayOffRow, i)}
                  ${textInput(id('name'), row?.name ?? '', s.dayOffRow, i, s.name)}
                  <td class="${cellClass(id('kind'))}">
                    ${hiddenLabel(id('kind'), s.dayOffRow, i, s.kind)}${fieldErrorMessage(lang, errors, id('kind'))}
                    <select id="${id('kind')}" name="${id('kind')}" ${described(id('kind'))}>
                      <option value="" ${kind === '' ? html` selected` : ''}>${s.chooseKind}</option>
                      ${DAY_OFF_KINDS.map((k) => html`<option value="${k}" ${kind === k ? html` selected` : ''}>${kindName(k, lang)}</option>`)}
                    </select>
                  </td>
                  ${removeBox(id('remove'), row?.remove ?? false, s.dayOffRow, i, row !== null)}
                </tr>`;
              })}
            </tbody>
          </table>
        </div>

        <h2>${s.workingDays}</h2>
        <p class="hint">${s.workingDaysHint}</p>
        <div class="table-wrap">
          <table class="cal-edit">
            <caption class="visually-hidden">
              ${s.workingDays} ${year}
            </caption>
            <thead>
              <tr>
                <th scope="col">${s.date}</th>
                <th scope="col">${s.name}</th>
                <th scope="col">${s.remove}</th>
              </tr>
            </thead>
            <tbody>
              ${workRows.map((row, i) => {
                const id = (f: string) => `work-${i}-${f}`;
                return html`<tr>
                  ${dateInput(id('date'), row?.date ?? '', s.workingDayRow, i)}
                  ${textInput(id('name'), row?.name ?? '', s.workingDayRow, i, s.name)}
                  ${removeBox(id('remove'), row?.remove ?? false, s.workingDayRow, i, row !== null)}
                </tr>`;
              })}
            </tbody>
          </table>
        </div>

        <h2>${s.sources}</h2>
        <p class="hint">${s.sourcesHint}</p>
        <div class="table-wrap">
          <table class="cal-edit">
            <caption class="visually-hidden">
              ${s.sources}
            </caption>
            <thead>
              <tr>
                <th scope="col">${s.sourceTitle}</th>
                <th scope="col">${s.sourceUrl}</th>
                <th scope="col">${s.remove}</th>
              </tr>
            </thead>
            <tbody>
              ${srcRows.map((row, i) => {
                const id = (f: string) => `src-${i}-${f}`;
                return html`<tr>
                  ${textInput(id('title'), row?.title ?? '', s.sourceRow, i, s.sourceTitle)}
                  ${textInput(id('url'), row?.url ?? '', s.sourceRow, i, s.sourceUrl)}
                  ${removeBox(id('remove'), row?.remove ?? false, s.sourceRow, i, row !== null)}
                </tr>`;
              })}
            </tbody>
          </table>
        </div>

        ${textArea(lang, { id: 'note', label: s.note, value: form.note, rows: 4, errors })}
        <button type="submit" class="button">${s.save}</button>
      </form>

      <h2>${s.revisions}</h2>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">
            ${s.revisions} ${year}
          </caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">${s.status}</th>
              <th scope="col" class="num">${s.count}</th>
              <th scope="col">${s.createdAt}</th>
              <th scope="col">${s.createdBy}</th>
            </tr>
          </thead>
          <tbody>
            ${state.revisions.map(
              (r) =>
                html`<tr>
                  <th scope="row">${r.revision}</th>
                  <td>${r.status === 'official' ? s.official : s.estimated}</td>
                  <td class="num">${r.daysOffCount}</td>
                  <td>${formatInstantVi(r.createdAt.getTime(), lang)}</td>
                  <td>${r.createdBy}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`,
    { hasError: errors.length > 0 },
  );
}

/** The lunar date of a solar date, as a sentence (CLI and pages). */
export function lunarSentence(date: string, lang: Lang = 'vi'): string {
  const l = solarToLunar(date);
  return lang === 'vi'
    ? `${formatDateLong(date, 'vi')} là ${formatLunarLong(l)} (âm lịch)`
    : `${formatDateLong(date, 'en')} is lunar ${l.day}/${l.month}${l.leap ? ' (leap)' : ''} of ${canChiOfYear(l.year)}`;
}
