/**
 * Pages of the post-office operations module (Vietnamese first, English with ?lang=en; no JavaScript):
 * counter staff and assignments, a staff member's record, training, inspections, clerk figures, and the
 * public transparency page /minh-bach.
 */
import type { Lang } from '../../../adapters/http/i18n.ts';
import { formatLocalDate } from '../../../kernel/local-date.ts';
import { html, type SafeHtml } from '../../../views/html.ts';
import { textArea, textInput } from '../../../views/form-components.ts';
import { errorSummary, page, type PageContext } from '../../../views/layout.ts';
import type { InvalidParam } from '../../../kernel/errors.ts';
import type {
  ClerkFigure,
  InspectionView,
  TransparencyRow,
  TransparencyView,
} from '../operations.service.ts';
import type * as repo from '../operations.repository.ts';

const tr = (lang: Lang, vi: string, en: string) => (lang === 'vi' ? vi : en);

export interface FormState {
  /** Which form the values and errors belong to. */
  readonly formId?: string;
  readonly form?: Record<string, string>;
  readonly errors?: readonly InvalidParam[];
  readonly notice?: string;
}

const REASONS_VI: Record<string, string> = {
  required: 'chưa nhập',
  'not a real date YYYY-MM-DD': 'không phải ngày hợp lệ (năm-tháng-ngày)',
  'post or agency': 'chọn Bưu điện hoặc cơ quan',
  'required for agency staff': 'cán bộ cơ quan cần ghi mã cơ quan',
  'post staff have no agency': 'nhân viên Bưu điện không ghi mã cơ quan',
  'before validFrom': 'trước ngày bắt đầu',
  'before the inspection date': 'trước ngày kiểm tra',
  'at least one procedure field': 'cần ít nhất một lĩnh vực',
  'a whole number of hours from 1 to 2000': 'số giờ nguyên từ 1 đến 2000',
  'a whole number from 1 to 999': 'số nguyên từ 1 đến 999',
  'the service point is not open on that date': 'bộ phận một cửa không hoạt động vào ngày đó',
  'before from': 'trước ngày bắt đầu',
  'a date from 2000 to 2099': 'ngày từ năm 2000 đến 2099',
};

const LABELS: Record<string, [string, string]> = {
  fullName: ['Họ và tên', 'Full name'],
  username: ['Tài khoản MotCua (nếu có)', 'MotCua username (if any)'],
  employer: ['Đơn vị chủ quản', 'Employer'],
  agencyCode: ['Mã cơ quan (cán bộ cơ quan)', 'Agency code (agency staff)'],
  servicePointCode: ['Mã bộ phận một cửa', 'Service point code'],
  counterNo: ['Số quầy', 'Counter number'],
  validFrom: ['Từ ngày', 'From'],
  validTo: ['Đến ngày (để trống nếu chưa kết thúc)', 'Until (blank if open)'],
  course: ['Khóa bồi dưỡng', 'Course'],
  organiser: ['Đơn vị tổ chức', 'Organiser'],
  hours: ['Số giờ', 'Hours'],
  completedOn: ['Ngày hoàn thành', 'Completed on'],
  certificateNo: ['Số chứng chỉ', 'Certificate number'],
  fields: ['Lĩnh vực TTHC (cách nhau bằng dấu phẩy)', 'Procedure fields (comma-separated)'],
  inspectedOn: ['Ngày kiểm tra', 'Inspection date'],
  inspector: ['Người kiểm tra', 'Inspector'],
  findings: ['Nội dung phát hiện', 'Findings'],
  description: ['Biện pháp khắc phục', 'Corrective action'],
  responsible: ['Người chịu trách nhiệm', 'Responsible'],
  dueOn: ['Hạn hoàn thành', 'Deadline'],
  closedOn: ['Ngày hoàn thành', 'Closed on'],
  note: ['Kết quả khắc phục', 'How it was corrected'],
  staffId: ['Nhân viên', 'Staff member'],
  from: ['Từ ngày', 'From'],
  to: ['Đến ngày', 'To'],
};

const label = (lang: Lang, name: string) => {
  const l = LABELS[name];
  return l ? (lang === 'vi' ? l[0] : l[1]) : name;
};

function fieldErrors(lang: Lang, state: FormState, formId: string) {
  if (state.formId !== formId) return [];
  return (state.errors ?? []).map((e) => ({
    field: `${formId}-${e.name}`,
    message: `${label(lang, e.name)}: ${lang === 'vi' ? (REASONS_VI[e.reason] ?? e.reason) : e.reason}`,
  }));
}

/** One labelled input; ids are prefixed with the form id so several forms can share a page. */
function input(
  lang: Lang,
  state: FormState,
  formId: string,
  name: string,
  options: { type?: string; value?: string; textarea?: boolean; required?: boolean } = {},
): SafeHtml {
  const id = `${formId}-${name}`;
  const mine = state.formId === formId;
  const value = mine ? (state.form?.[name] ?? '') : (options.value ?? '');
  const error = mine ? state.errors?.find((e) => e.name === name) : undefined;
  const field = {
    id,
    name,
    label: label(lang, name),
    value,
    required: options.required ?? false,
    errors: error
      ? [{ field: id, message: lang === 'vi' ? (REASONS_VI[error.reason] ?? error.reason) : error.reason }]
      : [],
  };
  return options.textarea
    ? textArea(lang, field)
    : textInput(lang, { ...field, ...(options.type ? { type: options.type } : {}) });
}

const csrf = (ctx: PageContext) => html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}" />`;
const langField = (ctx: PageContext) =>
  ctx.lang === 'en' ? html`<input type="hidden" name="lang" value="en" />` : '';

function subnav(lang: Lang): SafeHtml {
  return html`<nav aria-label="${tr(lang, 'Vận hành Bưu điện', 'Post office operations')}">
    <ul class="inline-form">
      <li><a href="/operations/staff">${tr(lang, 'Nhân sự tại quầy', 'Counter staff')}</a></li>
      <li><a href="/operations/training">${tr(lang, 'Bồi dưỡng', 'Training')}</a></li>
      <li><a href="/operations/inspections">${tr(lang, 'Kiểm tra', 'Inspections')}</a></li>
      <li><a href="/operations/clerks">${tr(lang, 'Số liệu nhân viên', 'Clerk figures')}</a></li>
      <li><a href="/org/coverage">${tr(lang, 'Phạm vi và nhân sự', 'Coverage and staffing')}</a></li>
    </ul>
  </nav>`;
}

const employerText = (lang: Lang, employer: string, agency: string | null) =>
  employer === 'post'
    ? tr(lang, 'Bưu điện', 'Post office')
    : `${tr(lang, 'Cơ quan', 'Agency')} ${agency ?? ''}`;

function notice(state: FormState): SafeHtml | string {
  return state.notice ? html`<div class="panel success" role="status">${state.notice}</div>` : '';
}

// ---------------------------------------------------------------- staff

export function staffPage(
  ctx: PageContext,
  at: string,
  staff: readonly repo.StaffRow[],
  assignments: readonly Awaited<ReturnType<typeof repo.assignmentsAt>>[number][],
  canManage: boolean,
  state: FormState,
): string {
  const { lang } = ctx;
  const errors = fieldErrors(lang, state, 'staff');
  return page(
    ctx,
    tr(lang, 'Nhân sự tại quầy', 'Counter staff'),
    html`${errorSummary(lang, errors)}
      <h1>${tr(lang, 'Nhân sự tại quầy', 'Counter staff')}</h1>
      ${subnav(lang)} ${notice(state)}
      <form method="get" action="/operations/staff" class="inline-form">
        ${langField(ctx)}
        <div>
          <label for="at">${tr(lang, 'Tại ngày', 'As of')}</label
          ><input type="date" id="at" name="at" value="${at}" />
        </div>
        <button class="button secondary" type="submit">${tr(lang, 'Xem', 'Show')}</button>
      </form>
      <h2>${tr(lang, 'Phân công tại ngày', 'Assignments on')} ${formatLocalDate(at)}</h2>
      <div
        class="table-wrap"
        role="region"
        tabindex="0"
        aria-label="${tr(lang, 'Phân công tại ngày', 'Assignments on')}"
      >
        <table>
          <thead>
            <tr>
              <th scope="col">${tr(lang, 'Bộ phận một cửa', 'Service point')}</th>
              <th scope="col" class="num">${tr(lang, 'Quầy', 'Counter')}</th>
              <th scope="col">${tr(lang, 'Họ và tên', 'Name')}</th>
              <th scope="col">${tr(lang, 'Đơn vị chủ quản', 'Employer')}</th>
              <th scope="col">${tr(lang, 'Từ ngày', 'From')}</th>
            </tr>
          </thead>
          <tbody>
            ${
              assignments.length === 0
                ? html`<tr>
                    <td colspan="5">${tr(lang, 'Chưa có phân công.', 'No assignments.')}</td>
                  </tr>`
                : assignments.map(
                    (a) =>
                      html`<tr>
                        <td>${a.servicePointCode}</td>
                        <td class="num">${a.counterNo ?? '—'}</td>
                        <td><a href="/operations/staff/${a.staffId}">${a.fullName}</a></td>
                        <td>${employerText(lang, a.employer, a.agencyCode)}</td>
                        <td>${formatLocalDate(a.validFrom)}</td>
                      </tr>`,
                  )
            }
          </tbody>
        </table>
      </div>
      <h2>${tr(lang, 'Danh sách nhân viên', 'Staff register')}</h2>
      <ul>
        ${staff.map(
          (s) =>
            html`<li>
              <a href="/operations/staff/${s.id}">${s.fullName}</a> —
              ${employerText(lang, s.employer, s.agencyCode)}
            </li>`,
        )}
      </ul>
      ${
        canManage
          ? html`<h2>${tr(lang, 'Thêm nhân viên', 'Add a staff member')}</h2>
              <form method="post" action="/operations/staff" novalidate>
                ${csrf(ctx)} ${langField(ctx)} ${input(lang, state, 'staff', 'fullName', { required: true })}
                ${input(lang, state, 'staff', 'username')}
                <fieldset>
                  <legend>${label(lang, 'employer')}</legend>
                  ${(['post', 'agency'] as const).map(
                    (e) =>
                      html`<div class="checkbox">
                        <input
                          type="radio"
                          id="staff-employer-${e}"
                          name="employer"
                          value="${e}"
                          ${(state.formId === 'staff' ? state.form?.employer : 'post') === e ? html` checked` : ''}
                        /><label for="staff-employer-${e}"
                          >${
                            e === 'post'
                              ? tr(lang, 'Bưu điện', 'Post office')
                              : tr(lang, 'Cơ quan (BHXH, Công an …)', 'Agency (BHXH, Công an …)')
                          }</label
                        >
                      </div>`,
                  )}
                </fieldset>
                ${input(lang, state, 'staff', 'agencyCode')}
                <button class="button" type="submit">${tr(lang, 'Lưu', 'Save')}</button>
              </form>`
          : ''
      }`,
    { hasError: errors.length > 0 },
  );
}

export function staffMemberPage(
  ctx: PageContext,
  data: {
    staff: repo.StaffRow;
    assignments: readonly repo.AssignmentRow[];
    training: readonly Awaited<ReturnType<typeof repo.listTraining>>[number][];
    at: string;
  },
  canManage: boolean,
  state: FormState,
): string {
  const { lang } = ctx;
  const { staff } = data;
  const errors = [...fieldErrors(lang, state, 'assign'), ...fieldErrors(lang, state, 'training')];
  return page(
    ctx,
    staff.fullName,
    html`${errorSummary(lang, errors)}
      <h1>${staff.fullName}</h1>
      ${subnav(lang)} ${notice(state)}
      <dl class="summary">
        <div>
          <dt>${tr(lang, 'Đơn vị chủ quản', 'Employer')}</dt>
          <dd>${employerText(lang, staff.employer, staff.agencyCode)}</dd>
        </div>
        <div>
          <dt>${tr(lang, 'Tài khoản', 'Account')}</dt>
          <dd>${staff.username ?? '—'}</dd>
        </div>
      </dl>
      <h2>${tr(lang, 'Phân công', 'Assignments')}</h2>
      <div class="table-wrap" role="region" tabindex="0" aria-label="${tr(lang, 'Phân công', 'Assignments')}">
        <table>
          <thead>
            <tr>
              <th scope="col">${tr(lang, 'Bộ phận một cửa', 'Service point')}</th>
              <th scope="col" class="num">${tr(lang, 'Quầy', 'Counter')}</th>
              <th scope="col">${tr(lang, 'Từ ngày', 'From')}</th>
              <th scope="col">${tr(lang, 'Đến ngày', 'Until')}</th>
            </tr>
          </thead>
          <tbody>
            ${data.assignments.map(
              (a) =>
                html`<tr>
                  <td>${a.servicePointCode}</td>
                  <td class="num">${a.counterNo ?? '—'}</td>
                  <td>${formatLocalDate(a.validFrom)}</td>
                  <td>${a.validTo ? formatLocalDate(a.validTo) : '—'}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <h2>${tr(lang, 'Bồi dưỡng nghiệp vụ', 'Training')}</h2>
      ${trainingTable(lang, data.training, false)}
      ${
        canManage
          ? html`<h2>${tr(lang, 'Phân công mới', 'New assignment')}</h2>
              <form method="post" action="/operations/staff/${staff.id}/assignments" novalidate>
                ${csrf(ctx)} ${langField(ctx)}
                ${input(lang, state, 'assign', 'servicePointCode', { required: true })}
                ${input(lang, state, 'assign', 'counterNo', { type: 'number' })}
                ${input(lang, state, 'assign', 'validFrom', { type: 'date', value: data.at, required: true })}
                ${input(lang, state, 'assign', 'validTo', { type: 'date' })}
                <button class="button" type="submit">${tr(lang, 'Phân công', 'Assign')}</button>
              </form>
              <h2>${tr(lang, 'Ghi nhận khóa bồi dưỡng', 'Record training')}</h2>
              <form method="post" action="/operations/staff/${staff.id}/training" novalidate>
                ${csrf(ctx)} ${langField(ctx)} ${input(lang, state, 'training', 'course', { required: true })}
                ${input(lang, state, 'training', 'organiser', { required: true })}
                ${input(lang, state, 'training', 'hours', { type: 'number', required: true })}
                ${input(lang, state, 'training', 'completedOn', { type: 'date', required: true })}
                ${input(lang, state, 'training', 'certificateNo')}
                ${input(lang, state, 'training', 'fields', { required: true })}
                <button class="button" type="submit">${tr(lang, 'Lưu', 'Save')}</button>
              </form>`
          : ''
      }`,
    { hasError: errors.length > 0 },
  );
}

// ---------------------------------------------------------------- training

function trainingTable(
  lang: Lang,
  rows: readonly Awaited<ReturnType<typeof repo.listTraining>>[number][],
  withName: boolean,
): SafeHtml {
  return html`<div
    class="table-wrap"
    role="region"
    tabindex="0"
    aria-label="${tr(lang, 'Bồi dưỡng nghiệp vụ', 'Training')}"
  >
    <table>
      <thead>
        <tr>
          ${withName ? html`<th scope="col">${tr(lang, 'Nhân viên', 'Staff member')}</th>` : ''}
          <th scope="col">${tr(lang, 'Khóa bồi dưỡng', 'Course')}</th>
          <th scope="col">${tr(lang, 'Đơn vị tổ chức', 'Organiser')}</th>
          <th scope="col" class="num">${tr(lang, 'Số giờ', 'Hours')}</th>
          <th scope="col">${tr(lang, 'Ngày hoàn thành', 'Completed')}</th>
          <th scope="col">${tr(lang, 'Số chứng chỉ', 'Certificate')}</th>
          <th scope="col">${tr(lang, 'Lĩnh vực', 'Fields')}</th>
        </tr>
      </thead>
      <tbody>
        ${
          rows.length === 0
            ? html`<tr>
                <td colspan="${withName ? 7 : 6}">
                  ${tr(lang, 'Chưa có khóa bồi dưỡng.', 'No training recorded.')}
                </td>
              </tr>`
            : rows.map(
                (r) =>
                  html`<tr>
                    ${withName ? html`<td><a href="/operations/staff/${r.staffId}">${r.fullName}</a></td>` : ''}
                    <td>${r.course}</td>
                    <td>${r.organiser}</td>
                    <td class="num">${r.hours}</td>
                    <td>${formatLocalDate(r.completedOn)}</td>
                    <td>${r.certificateNo ?? '—'}</td>
                    <td>${r.fields.join(', ')}</td>
                  </tr>`,
              )
        }
      </tbody>
    </table>
  </div>`;
}

export function trainingPage(
  ctx: PageContext,
  filter: { field: string; from: string; to: string },
  rows: readonly Awaited<ReturnType<typeof repo.listTraining>>[number][],
  needs: readonly { username: string; field: string; dossiers: number }[],
): string {
  const { lang } = ctx;
  return page(
    ctx,
    tr(lang, 'Bồi dưỡng nghiệp vụ', 'Training records'),
    html`<h1>${tr(lang, 'Bồi dưỡng nghiệp vụ', 'Training records')}</h1>
      ${subnav(lang)}
      <form method="get" action="/operations/training" class="inline-form">
        ${langField(ctx)}
        <div>
          <label for="field">${tr(lang, 'Lĩnh vực', 'Field')}</label
          ><input type="text" id="field" name="field" value="${filter.field}" />
        </div>
        <div>
          <label for="from">${label(lang, 'from')}</label
          ><input type="date" id="from" name="from" value="${filter.from}" />
        </div>
        <div>
          <label for="to">${label(lang, 'to')}</label
          ><input type="date" id="to" name="to" value="${filter.to}" />
        </div>
        <button class="button secondary" type="submit">${tr(lang, 'Xem', 'Show')}</button>
      </form>
      ${trainingTable(lang, rows, true)}
      <h2>${tr(lang, 'Cần bồi dưỡng', 'Who needs training')}</h2>
      <p class="hint">
        ${tr(
          lang,
          'Nhân viên đã tiếp nhận hồ sơ của một lĩnh vực trong kỳ nhưng chưa có khóa bồi dưỡng nào về lĩnh vực đó.',
          'Clerks who received dossiers of a field in the period with no training record for that field.',
        )}
      </p>
      <div
        class="table-wrap"
        role="region"
        tabindex="0"
        aria-label="${tr(lang, 'Cần bồi dưỡng', 'Who needs training')}"
      >
        <table>
          <thead>
            <tr>
              <th scope="col">${tr(lang, 'Tài khoản', 'Username')}</th>
              <th scope="col">${tr(lang, 'Lĩnh vực', 'Field')}</th>
              <th scope="col" class="num">${tr(lang, 'Hồ sơ đã tiếp nhận', 'Dossiers received')}</th>
            </tr>
          </thead>
          <tbody>
            ${
              needs.length === 0
                ? html`<tr>
                    <td colspan="3">${tr(lang, 'Không có.', 'None.')}</td>
                  </tr>`
                : needs.map(
                    (n) =>
                      html`<tr>
                        <td>${n.username}</td>
                        <td>${n.field}</td>
                        <td class="num">${n.dossiers}</td>
                      </tr>`,
                  )
            }
          </tbody>
        </table>
      </div>`,
  );
}

// ---------------------------------------------------------------- inspections

const statusTag = (lang: Lang, a: { status: string; overdue: boolean }) =>
  a.status === 'closed'
    ? html`<span class="tag">${tr(lang, 'Đã khắc phục', 'Closed')}</span>`
    : a.overdue
      ? html`<span class="tag post">${tr(lang, 'Quá hạn', 'Overdue')}</span>`
      : html`<span class="tag draft">${tr(lang, 'Đang khắc phục', 'Open')}</span>`;

export function inspectionsPage(
  ctx: PageContext,
  at: string,
  items: readonly InspectionView[],
  canManage: boolean,
  state: FormState,
): string {
  const { lang } = ctx;
  const errors = fieldErrors(lang, state, 'inspection');
  return page(
    ctx,
    tr(lang, 'Kiểm tra bộ phận một cửa', 'Inspections'),
    html`${errorSummary(lang, errors)}
      <h1>${tr(lang, 'Kiểm tra bộ phận một cửa', 'Inspections')}</h1>
      ${subnav(lang)} ${notice(state)}
      <p class="hint">
        ${tr(lang, 'Biện pháp quá hạn tính tại ngày', 'Overdue actions judged on')} ${formatLocalDate(at)}
      </p>
      <div
        class="table-wrap"
        role="region"
        tabindex="0"
        aria-label="${tr(lang, 'Kiểm tra bộ phận một cửa', 'Inspections')}"
      >
        <table>
          <thead>
            <tr>
              <th scope="col">${tr(lang, 'Ngày kiểm tra', 'Date')}</th>
              <th scope="col">${tr(lang, 'Bộ phận một cửa', 'Service point')}</th>
              <th scope="col">${tr(lang, 'Người kiểm tra', 'Inspector')}</th>
              <th scope="col" class="num">${tr(lang, 'Biện pháp chưa xong', 'Open actions')}</th>
              <th scope="col" class="num">${tr(lang, 'Quá hạn', 'Overdue')}</th>
            </tr>
          </thead>
          <tbody>
            ${
              items.length === 0
                ? html`<tr>
                    <td colspan="5">${tr(lang, 'Chưa có lần kiểm tra nào.', 'No inspections yet.')}</td>
                  </tr>`
                : items.map(
                    (i) =>
                      html`<tr>
                        <td>
                          <a href="/operations/inspections/${i.id}">${formatLocalDate(i.inspectedOn)}</a>
                        </td>
                        <td>${i.servicePointCode}</td>
                        <td>${i.inspector}</td>
                        <td class="num">${i.openActions}</td>
                        <td class="num">${i.overdueActions}</td>
                      </tr>`,
                  )
            }
          </tbody>
        </table>
      </div>
      ${
        canManage
          ? html`<h2>${tr(lang, 'Ghi nhận lần kiểm tra', 'Record an inspection')}</h2>
              <form method="post" action="/operations/inspections" novalidate>
                ${csrf(ctx)} ${langField(ctx)}
                ${input(lang, state, 'inspection', 'inspectedOn', { type: 'date', value: at, required: true })}
                ${input(lang, state, 'inspection', 'inspector', { required: true })}
                ${input(lang, state, 'inspection', 'servicePointCode', { required: true })}
                ${input(lang, state, 'inspection', 'findings', { textarea: true, required: true })}
                <button class="button" type="submit">${tr(lang, 'Lưu', 'Save')}</button>
              </form>`
          : ''
      }`,
    { hasError: errors.length > 0 },
  );
}

export function inspectionPage(
  ctx: PageContext,
  at: string,
  item: InspectionView,
  canManage: boolean,
  state: FormState,
): string {
  const { lang } = ctx;
  const errors = [
    ...fieldErrors(lang, state, 'action'),
    ...item.actions.flatMap((a) => fieldErrors(lang, state, `close-${a.id}`)),
  ];
  return page(
    ctx,
    `${tr(lang, 'Kiểm tra', 'Inspection')} ${formatLocalDate(item.inspectedOn)}`,
    html`${errorSummary(lang, errors)}
      <h1>${tr(lang, 'Kiểm tra ngày', 'Inspection of')} ${formatLocalDate(item.inspectedOn)}</h1>
      ${subnav(lang)} ${notice(state)}
      <dl class="summary">
        <div>
          <dt>${tr(lang, 'Bộ phận một cửa', 'Service point')}</dt>
          <dd>${item.servicePointCode}</dd>
        </div>
        <div>
          <dt>${tr(lang, 'Người kiểm tra', 'Inspector')}</dt>
          <dd>${item.inspector}</dd>
        </div>
        <div>
          <dt>${tr(lang, 'Nội dung phát hiện', 'Findings')}</dt>
          <dd>${item.findings}</dd>
        </div>
      </dl>
      <h2>${tr(lang, 'Biện pháp khắc phục', 'Corrective actions')}</h2>
      <p class="hint">${tr(lang, 'Quá hạn tính tại ngày', 'Overdue judged on')} ${formatLocalDate(at)}</p>
      ${
        item.actions.length === 0
          ? html`<p>${tr(lang, 'Chưa có biện pháp khắc phục.', 'No corrective actions.')}</p>`
          : html`<ul class="results">
              ${item.actions.map(
                (a) =>
                  html`<li>
                    <h3>${a.description} ${statusTag(lang, a)}</h3>
                    <p>
                      ${tr(lang, 'Người chịu trách nhiệm', 'Responsible')}: ${a.responsible} ·
                      ${tr(lang, 'Hạn', 'Deadline')}: ${formatLocalDate(a.dueOn)}
                      ${
                        a.closedOn
                          ? html` · ${tr(lang, 'Hoàn thành', 'Closed')}: ${formatLocalDate(a.closedOn)} —
                            ${a.closureNote}`
                          : ''
                      }
                    </p>
                    ${
                      canManage && a.status === 'open'
                        ? html`<form method="post" action="/operations/actions/${a.id}/close" novalidate>
                            ${csrf(ctx)} ${langField(ctx)}
                            <input type="hidden" name="inspection" value="${item.id}" />
                            ${input(lang, state, `close-${a.id}`, 'closedOn', { type: 'date', value: at })}
                            ${input(lang, state, `close-${a.id}`, 'note')}
                            <button class="button secondary" type="submit">
                              ${tr(lang, 'Đóng biện pháp', 'Close the action')}
                            </button>
                          </form>`
                        : ''
                    }
                  </li>`,
              )}
            </ul>`
      }
      ${
        canManage
          ? html`<h2>${tr(lang, 'Thêm biện pháp khắc phục', 'Add a corrective action')}</h2>
              <form method="post" action="/operations/inspections/${item.id}/actions" novalidate>
                ${csrf(ctx)} ${langField(ctx)}
                ${input(lang, state, 'action', 'description', { textarea: true, required: true })}
                ${input(lang, state, 'action', 'responsible', { required: true })}
                ${input(lang, state, 'action', 'dueOn', { type: 'date', required: true })}
                <button class="button" type="submit">${tr(lang, 'Thêm', 'Add')}</button>
              </form>`
          : ''
      }`,
    { hasError: errors.length > 0 },
  );
}

// ---------------------------------------------------------------- clerk figures

function periodForm(ctx: PageContext, action: string, from: string, to: string): SafeHtml {
  const { lang } = ctx;
  return html`<form method="get" action="${action}" class="inline-form">
    ${langField(ctx)}
    <div>
      <label for="from">${label(lang, 'from')}</label
      ><input type="date" id="from" name="from" value="${from}" />
    </div>
    <div>
      <label for="to">${label(lang, 'to')}</label><input type="date" id="to" name="to" value="${to}" />
    </div>
    <button class="button secondary" type="submit">${tr(lang, 'Xem', 'Show')}</button>
  </form>`;
}

const minutes = (lang: Lang, seconds: number | null) =>
  seconds === null
    ? tr(lang, 'chưa có dữ liệu', 'no data')
    : `${(Math.round(seconds / 6) / 10).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')}`;

export function clerksPage(
  ctx: PageContext,
  period: { from: string; to: string },
  figures: readonly ClerkFigure[],
): string {
  const { lang } = ctx;
  const q = `from=${period.from}&to=${period.to}`;
  return page(
    ctx,
    tr(lang, 'Số liệu nhân viên tiếp nhận', 'Clerk figures'),
    html`<h1>${tr(lang, 'Số liệu nhân viên tiếp nhận', 'Clerk figures')}</h1>
      ${subnav(lang)} ${periodForm(ctx, '/operations/clerks', period.from, period.to)}
      <p>
        <a href="/api/v1/operations/clerk-figures?${q}&format=xlsx"
          >${tr(lang, 'Tải Excel (XLSX)', 'Download Excel (XLSX)')}</a
        >
        ·
        <a href="/api/v1/operations/clerk-figures?${q}&format=pdf">${tr(lang, 'Tải PDF', 'Download PDF')}</a>
      </p>
      <div
        class="table-wrap"
        role="region"
        tabindex="0"
        aria-label="${tr(lang, 'Số liệu nhân viên tiếp nhận', 'Clerk figures')}"
      >
        <table>
          <thead>
            <tr>
              <th scope="col">${tr(lang, 'Nhân viên', 'Clerk')}</th>
              <th scope="col" class="num">${tr(lang, 'Đã tiếp nhận', 'Received')}</th>
              <th scope="col" class="num">${tr(lang, 'Đã trả kết quả', 'Returned')}</th>
              <th scope="col" class="num">${tr(lang, 'Lượt có ghi thời gian', 'Timed sessions')}</th>
              <th scope="col" class="num">
                ${tr(lang, 'Thời gian tại quầy, trung vị (phút)', 'Median counter time (min)')}
              </th>
            </tr>
          </thead>
          <tbody>
            ${
              figures.length === 0
                ? html`<tr>
                    <td colspan="5">
                      ${tr(lang, 'Không có số liệu trong kỳ.', 'No figures in the period.')}
                    </td>
                  </tr>`
                : figures.map(
                    (f) =>
                      html`<tr>
                        <th scope="row">${f.name} (${f.username})</th>
                        <td class="num">${f.received}</td>
                        <td class="num">${f.returned}</td>
                        <td class="num">${f.counterSessions}</td>
                        <td class="num">${minutes(lang, f.medianCounterSeconds)}</td>
                      </tr>`,
                  )
            }
          </tbody>
        </table>
      </div>`,
  );
}

// ---------------------------------------------------------------- public transparency

const rate = (lang: Lang, v: number | null) =>
  v === null
    ? tr(lang, 'chưa có dữ liệu', 'no data')
    : `${v.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')} %`;

function transparencyTable(
  lang: Lang,
  caption: string,
  first: string,
  rows: readonly TransparencyRow[],
): SafeHtml {
  return html`<div class="table-wrap" role="region" tabindex="0" aria-label="${first}: ${caption}">
    <table>
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">${first}</th>
          <th scope="col" class="num">${tr(lang, 'Đã giải quyết', 'Resolved')}</th>
          <th scope="col" class="num">${tr(lang, 'Đúng hạn', 'On time')}</th>
          <th scope="col" class="num">${tr(lang, 'Tỉ lệ đúng hạn', 'On-time rate')}</th>
          <th scope="col" class="num">${tr(lang, 'Tỉ lệ hài lòng', 'Satisfaction')}</th>
        </tr>
      </thead>
      <tbody>
        ${
          rows.length === 0
            ? html`<tr>
                <td colspan="5">
                  ${tr(lang, 'Không có hồ sơ giải quyết xong trong kỳ.', 'No dossiers resolved in the period.')}
                </td>
              </tr>`
            : rows.map(
                (r) =>
                  html`<tr>
                    <th scope="row">${r.name}</th>
                    <td class="num">${r.resolved}</td>
                    <td class="num">${r.onTime}</td>
                    <td class="num">${rate(lang, r.onTimeRate)}</td>
                    <td class="num">${rate(lang, r.satisfactionRate)}</td>
                  </tr>`,
              )
        }
      </tbody>
    </table>
  </div>`;
}

export function transparencyPage(ctx: PageContext, v: TransparencyView): string {
  const { lang } = ctx;
  const q = `from=${v.from}&to=${v.to}`;
  return page(
    ctx,
    tr(
      lang,
      'Công khai kết quả giải quyết thủ tục hành chính',
      'Public results of administrative procedures',
    ),
    html`<h1>
        ${tr(lang, 'Công khai kết quả giải quyết hồ sơ', 'How dossiers are handled: public figures')}
      </h1>
      <p class="hint">
        ${tr(
          lang,
          'Số liệu tính trực tiếp từ dữ liệu hiện tại, theo ngày kết thúc xử lý hồ sơ. Đúng hạn: kết thúc xử lý không muộn hơn hạn giải quyết và bổ sung hồ sơ không quá một lần.',
          'Computed live from current data, by the day processing ended. On time: ended no later than the due time, with at most one supplement request.',
        )}
      </p>
      ${periodForm(ctx, '/minh-bach', v.from, v.to)}
      <p>
        <a href="/api/v1/public/transparency?${q}&format=xlsx"
          >${tr(lang, 'Tải Excel (XLSX)', 'Download Excel (XLSX)')}</a
        >
        · <a href="/api/v1/public/transparency?${q}&format=pdf">${tr(lang, 'Tải PDF', 'Download PDF')}</a>
      </p>
      ${
        v.satisfactionAvailable
          ? ''
          : html`<p class="panel">
              ${tr(lang, 'Tỉ lệ hài lòng: chưa có dữ liệu đánh giá.', 'Satisfaction: no rating data yet.')}
            </p>`
      }
      <h2>${tr(lang, 'Theo bộ phận một cửa', 'By service point')}</h2>
      ${transparencyTable(
        lang,
        `${tr(lang, 'Từ', 'From')} ${formatLocalDate(v.from)} ${tr(lang, 'đến', 'to')} ${formatLocalDate(v.to)}`,
        tr(lang, 'Bộ phận một cửa', 'Service point'),
        v.servicePoints,
      )}
      <h2>${tr(lang, 'Theo cơ quan giải quyết', 'By competent agency')}</h2>
      ${transparencyTable(
        lang,
        `${tr(lang, 'Từ', 'From')} ${formatLocalDate(v.from)} ${tr(lang, 'đến', 'to')} ${formatLocalDate(v.to)}`,
        tr(lang, 'Cơ quan', 'Agency'),
        v.agencies,
      )}`,
  );
}
