/**
 * Staff catalog pages (permission `catalog.manage`): the list with status, one procedure's version
 * history with readable diffs, the draft form (main fields) and the publish and retire forms.
 */
import type { Lang } from '../../../adapters/http/i18n.ts';
import { html, type SafeHtml } from '../../../views/html.ts';
import {
  checkbox,
  fieldErrorMessage,
  textArea,
  textInput,
  type FieldError,
} from '../../../views/form-components.ts';
import { errorSummary, page, type PageContext } from '../../../views/layout.ts';
import type { AdminCatalogEntry, CoverageTable, StoredVersion } from '../catalog.service.ts';
import type { FieldChange } from '../domain/diff.ts';
import { TIME_UNITS, type OnlineLevel, type ProcedureStatus, type TimeUnit } from '../domain/procedure.ts';
import { coverageDateForm, coverageTable, pagination } from './catalog.views.ts';
import { dateText, hrefWith, L, levelsText, ONLINE, STATUS, TIME_UNIT, timeLimitText } from './labels.ts';

/** The draft form as typed (strings, kept on error). */
export interface DraftForm {
  readonly name: string;
  readonly timeValue: string;
  readonly timeUnit: string;
  readonly cutoff: string;
  readonly online: string;
  readonly postalSend: boolean;
  readonly postalReceive: boolean;
  readonly oneStop: boolean;
  readonly fees: string;
  readonly documents: string;
}

/** The publish form as typed. */
export interface PublishForm {
  readonly validFrom: string;
  readonly decisionNumber: string;
  readonly decisionDate: string;
}

/** The retire form as typed. */
export interface RetireForm {
  readonly lastDay: string;
}

/** What the procedure page shows besides the history: forms (with input and errors) and a notice. */
export interface AdminProcedureState {
  readonly draftForm: DraftForm;
  readonly publishForm: PublishForm;
  readonly retireForm: RetireForm;
  readonly errors: readonly FieldError[];
  /** Which form the errors belong to. */
  readonly errorForm?: 'draft' | 'publish' | 'retire';
  readonly notice?: string;
}

/** The catalog pages' fields: hints are paragraphs. */
const CATALOG_FIELD = { hintTag: 'p' } as const;

const statusTag = (lang: Lang, s: ProcedureStatus): SafeHtml =>
  html`<span class="tag${s === 'draft' ? ' draft' : s === 'retired' ? ' retired' : ''}"
    >${STATUS[s][lang]}</span
  >`;

/** /admin/catalog: every code with its latest version and status. */
export function adminListPage(
  ctx: PageContext,
  filter: { q: string; status: ProcedureStatus | undefined },
  list: { items: readonly AdminCatalogEntry[]; total: number; page: number; pageSize: number },
): string {
  const { lang } = ctx;
  const title = L(lang, 'Danh mục thủ tục hành chính', 'Procedure catalog');
  return page(
    ctx,
    title,
    html`<h1>${title}</h1>
      <p>
        <a href="/admin/catalog/coverage">${L(lang, 'Bảng thống kê', 'Coverage table')}</a> ·
        <a href="/api/v1/catalog/export?format=xlsx"
          >${L(lang, 'Tải danh mục (XLSX)', 'Download the catalog (XLSX)')}</a
        >
        ·
        <a href="/api/v1/catalog/export?format=csv"
          >${L(lang, 'Tải danh mục (CSV)', 'Download the catalog (CSV)')}</a
        >
      </p>
      <p class="hint">
        ${L(
          lang,
          'Nhập danh mục từ tệp XLSX/CSV: lệnh "npx motcua catalog import TỆP" hoặc API POST /api/v1/catalog/import.',
          'Import a catalog file: "npx motcua catalog import FILE" or POST /api/v1/catalog/import.',
        )}
      </p>
      <form method="get" action="/admin/catalog" role="search" class="inline-form">
        <div>
          <label for="q">${L(lang, 'Tên hoặc mã thủ tục', 'Procedure name or code')}</label>
          <input type="search" id="q" name="q" value="${filter.q}" maxlength="200" />
        </div>
        <div>
          <label for="status"
            >${L(lang, 'Trạng thái phiên bản mới nhất', 'Status of the latest version')}</label
          >
          <select id="status" name="status">
            <option value="">${L(lang, 'Tất cả', 'All')}</option>
            ${(['draft', 'published', 'retired'] as const).map(
              (s) =>
                html`<option value="${s}" ${filter.status === s ? html`selected` : ''}>
                  ${STATUS[s][lang]}
                </option>`,
            )}
          </select>
        </div>
        <button class="button secondary" type="submit">${L(lang, 'Tìm', 'Search')}</button>
      </form>
      <div
        class="table-wrap"
        role="region"
        tabindex="0"
        aria-label="${L(lang, 'Danh sách thủ tục', 'Procedures')}"
      >
        <table>
          <caption class="hint">
            ${L(lang, `${list.total} thủ tục`, `${list.total} procedures`)}
          </caption>
          <thead>
            <tr>
              <th scope="col">${L(lang, 'Mã', 'Code')}</th>
              <th scope="col">${L(lang, 'Tên thủ tục', 'Name')}</th>
              <th scope="col">${L(lang, 'Lĩnh vực', 'Field')}</th>
              <th scope="col" class="num">${L(lang, 'Phiên bản', 'Version')}</th>
              <th scope="col">${L(lang, 'Trạng thái', 'Status')}</th>
              <th scope="col">${L(lang, 'Đang áp dụng', 'In force')}</th>
            </tr>
          </thead>
          <tbody>
            ${list.items.map(
              (e) =>
                html`<tr>
                  <td>${e.code}</td>
                  <td><a href="/admin/catalog/${e.code}">${e.latest.name}</a></td>
                  <td>${e.latest.field}</td>
                  <td class="num">${e.latest.version}</td>
                  <td>${statusTag(lang, e.latest.status)}</td>
                  <td>
                    ${e.inForceVersion === null ? '—' : L(lang, `Phiên bản ${e.inForceVersion}`, `Version ${e.inForceVersion}`)}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${pagination(lang, list.total, list.page, list.pageSize, (p) =>
        hrefWith('/admin/catalog', { q: filter.q, status: filter.status, page: p }),
      )}`,
  );
}

function diffTable(lang: Lang, changes: readonly FieldChange[]): SafeHtml {
  if (changes.length === 0)
    return html`<p>${L(lang, 'Không có thay đổi về nội dung.', 'No change of content.')}</p>`;
  return html`<div
    class="table-wrap"
    role="region"
    tabindex="0"
    aria-label="${L(lang, 'Thay đổi', 'Changes')}"
  >
    <table class="diff">
      <thead>
        <tr>
          <th scope="col">${L(lang, 'Mục', 'Field')}</th>
          <th scope="col">${L(lang, 'Trước', 'Before')}</th>
          <th scope="col">${L(lang, 'Sau', 'After')}</th>
        </tr>
      </thead>
      <tbody>
        ${changes.map(
          (c) =>
            html`<tr>
              <th scope="row">${lang === 'vi' ? c.labelVi : c.labelEn}</th>
              <td>
                ${c.before === null ? html`<span class="hint">${L(lang, '(chưa có)', '(none)')}</span>` : html`<del>${c.before}</del>`}
              </td>
              <td>
                ${c.after === null ? html`<span class="hint">${L(lang, '(bỏ)', '(removed)')}</span>` : html`<ins>${c.after}</ins>`}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function draftFormHtml(
  ctx: PageContext,
  code: string,
  target: { action: string; heading: string; button: string },
  form: DraftForm,
  errors: readonly FieldError[],
): SafeHtml {
  const { lang } = ctx;
  const has = (f: string) => errors.some((e) => e.field === f);
  return html`<section aria-labelledby="draft-heading" class="panel">
    <h2 id="draft-heading">${target.heading}</h2>
    <form method="post" action="${target.action}" novalidate>
      <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
      <input type="hidden" name="code" value="${code}" />
      ${textInput(lang, { ...CATALOG_FIELD, id: 'name', label: L(lang, 'Tên thủ tục', 'Name'), value: form.name, errors, width: 'wide' })}
      <fieldset class="inline-form">
        <legend>${L(lang, 'Thời hạn giải quyết', 'Time limit')}</legend>
        ${textInput(lang, {
          ...CATALOG_FIELD,
          id: 'timeValue',
          label: L(lang, 'Số', 'Value'),
          value: form.timeValue,
          errors,
          hint: L(lang, '0 = trong ngày', '0 = within the day'),
          width: 'narrow',
          inputmode: 'decimal',
        })}
        <div class="${has('timeUnit') ? 'field-error' : ''}">
          <label for="timeUnit">${L(lang, 'Đơn vị', 'Unit')}</label
          >${fieldErrorMessage(lang, errors, 'timeUnit')}
          <select id="timeUnit" name="timeUnit">
            ${TIME_UNITS.map(
              (u: TimeUnit) =>
                html`<option value="${u}" ${form.timeUnit === u ? html`selected` : ''}>
                  ${TIME_UNIT[u][lang]}
                </option>`,
            )}
          </select>
        </div>
        ${textInput(lang, {
          ...CATALOG_FIELD,
          id: 'cutoff',
          label: L(lang, 'Giờ cắt (HH:MM)', 'Cut-off (HH:MM)'),
          value: form.cutoff,
          errors,
          hint: L(lang, 'Để trống nếu không có', 'Leave blank if none'),
          width: 'narrow',
        })}
      </fieldset>
      <div class="${has('online') ? 'field-error' : ''}">
        <label for="online">${L(lang, 'Mức độ dịch vụ công trực tuyến', 'Online service level')}</label
        >${fieldErrorMessage(lang, errors, 'online')}
        <select id="online" name="online">
          ${(['full', 'partial', 'none'] as const).map(
            (o: OnlineLevel) =>
              html`<option value="${o}" ${form.online === o ? html`selected` : ''}>
                ${ONLINE[o][lang]}
              </option>`,
          )}
        </select>
      </div>
      <fieldset>
        <legend>${L(lang, 'Bưu chính công ích và một cửa', 'Post and one-stop')}</legend>
        ${checkbox({ id: 'postalSend', label: L(lang, 'Nhận hồ sơ qua bưu điện (BCCI)', 'Dossier may be sent by post'), checked: form.postalSend, value: 'yes', itemClass: 'checkbox' })}
        ${checkbox({ id: 'postalReceive', label: L(lang, 'Trả kết quả qua bưu điện (BCCI)', 'Result may be returned by post'), checked: form.postalReceive, value: 'yes', itemClass: 'checkbox' })}
        ${checkbox({ id: 'oneStop', label: L(lang, 'Thực hiện theo cơ chế một cửa', 'Handled at the one-stop counter'), checked: form.oneStop, value: 'yes', itemClass: 'checkbox' })}
      </fieldset>
      ${textArea(lang, {
        ...CATALOG_FIELD,
        id: 'fees',
        label: L(lang, 'Phí, lệ phí', 'Fees'),
        hint: L(
          lang,
          'Mỗi khoản một dòng: Tên | Số tiền (đồng) | Khi nào áp dụng (nếu có)',
          'One per line: Name | Amount (đồng) | When it applies (optional)',
        ),
        value: form.fees,
        rows: 6,
        width: 'wide',
        errors,
      })}
      ${textArea(lang, {
        ...CATALOG_FIELD,
        id: 'documents',
        label: L(lang, 'Thành phần hồ sơ', 'Required documents'),
        hint: L(
          lang,
          'Mỗi giấy tờ một dòng: Tên | Bản chính / Bản sao chứng thực / Bản sao | Số bản | Bắt buộc Có/Không (| Lấy từ kho dữ liệu Có/Không | Tệp mẫu)',
          'One per line: Name | original / certified_copy / copy | Copies | Mandatory Có/Không (| From the data store | Blank form file)',
        ),
        value: form.documents,
        rows: 6,
        width: 'wide',
        errors,
      })}
      <button type="submit" class="button">${target.button}</button>
    </form>
  </section>`;
}

/** /admin/catalog/{code}: history, diffs, and the draft, publish and retire forms. */
export function adminProcedurePage(
  ctx: PageContext,
  code: string,
  history: readonly StoredVersion[],
  diffs: ReadonlyMap<number, readonly FieldChange[]>,
  inForce: number | null,
  state: AdminProcedureState,
): string {
  const { lang } = ctx;
  const latest = history[history.length - 1];
  const title = latest?.name ?? code;
  const draft = history.find((v) => v.status === 'draft');
  const errorsOf = (form: 'draft' | 'publish' | 'retire') => (state.errorForm === form ? state.errors : []);
  const current = history.find((v) => v.version === inForce);
  const publishedOpen = [...history].reverse().find((v) => v.status === 'published');
  const nextVersion = (latest?.version ?? 0) + 1;
  return page(
    ctx,
    title,
    html`${errorSummary(lang, state.errors)}
      ${state.notice ? html`<div class="panel success" role="status"><h2>${state.notice}</h2></div>` : ''}
      <p><a href="/admin/catalog">« ${L(lang, 'Danh mục thủ tục', 'Procedure catalog')}</a></p>
      <p class="caption">${L(lang, 'Mã thủ tục', 'Procedure code')} ${code}</p>
      <h1>${title}</h1>
      <p>
        ${
          current
            ? html`${L(lang, 'Đang áp dụng', 'In force')}: ${L(lang, 'phiên bản', 'version')}
                ${current.version} — ${timeLimitText(lang, current)} · ${levelsText(lang, current.levels)} ·
                <a href="/thu-tuc/${code}">${L(lang, 'Xem trang công khai', 'Public page')}</a>`
            : L(lang, 'Không có phiên bản đang áp dụng hôm nay.', 'No version is in force today.')
        }
      </p>
      <h2>${L(lang, 'Lịch sử phiên bản', 'Version history')}</h2>
      <div
        class="table-wrap"
        role="region"
        tabindex="0"
        aria-label="${L(lang, 'Lịch sử phiên bản', 'Version history')}"
      >
        <table>
          <thead>
            <tr>
              <th scope="col" class="num">${L(lang, 'Phiên bản', 'Version')}</th>
              <th scope="col">${L(lang, 'Trạng thái', 'Status')}</th>
              <th scope="col">${L(lang, 'Hiệu lực từ', 'Valid from')}</th>
              <th scope="col">${L(lang, 'Hiệu lực đến', 'Valid to')}</th>
              <th scope="col">${L(lang, 'Quyết định công bố', 'Decision')}</th>
              <th scope="col">${L(lang, 'Thời hạn', 'Time limit')}</th>
              <th scope="col">${L(lang, 'Người tạo / công bố', 'Created / published by')}</th>
            </tr>
          </thead>
          <tbody>
            ${history.map(
              (v) =>
                html`<tr>
                  <td class="num">${v.version}</td>
                  <td>${statusTag(lang, v.status)}</td>
                  <td>${dateText(v.validFrom)}</td>
                  <td>${dateText(v.validTo)}</td>
                  <td>${v.decision ? `${v.decision.number} (${dateText(v.decision.date)})` : '—'}</td>
                  <td>${timeLimitText(lang, v)}</td>
                  <td>${v.createdBy}${v.publishedBy ? ` / ${v.publishedBy}` : ''}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${[...history]
        .slice(1)
        .reverse()
        .map((v) => {
          const changes = diffs.get(v.version) ?? [];
          return html`<h3>
              ${L(lang, `Thay đổi từ phiên bản ${v.version - 1} sang ${v.version}`, `Changes from version ${v.version - 1} to ${v.version}`)}
            </h3>
            ${diffTable(
              lang,
              changes.filter((c) => !['status', 'validFrom', 'validTo', 'decision'].includes(c.path)),
            )}`;
        })}
      ${
        draft
          ? draftFormHtml(
              ctx,
              code,
              {
                action: `/admin/catalog/${code}/versions/${draft.version}`,
                heading: L(
                  lang,
                  `Sửa dự thảo phiên bản ${draft.version}`,
                  `Edit draft version ${draft.version}`,
                ),
                button: L(lang, 'Lưu dự thảo', 'Save the draft'),
              },
              state.draftForm,
              errorsOf('draft'),
            )
          : draftFormHtml(
              ctx,
              code,
              {
                action: `/admin/catalog/${code}/drafts`,
                heading: L(
                  lang,
                  `Tạo dự thảo phiên bản ${nextVersion} từ phiên bản hiện hành`,
                  `Create draft version ${nextVersion} from the current version`,
                ),
                button: L(lang, 'Tạo dự thảo', 'Create the draft'),
              },
              state.draftForm,
              errorsOf('draft'),
            )
      }
      ${draft ? publishFormHtml(ctx, code, draft.version, state.publishForm, errorsOf('publish')) : ''}
      ${publishedOpen && !draft ? retireFormHtml(ctx, code, publishedOpen, state.retireForm, errorsOf('retire')) : ''}`,
    { hasError: state.errors.length > 0 },
  );
}

function publishFormHtml(
  ctx: PageContext,
  code: string,
  version: number,
  form: PublishForm,
  errors: readonly FieldError[],
): SafeHtml {
  const { lang } = ctx;
  return html`<section aria-labelledby="publish-heading" class="panel">
    <h2 id="publish-heading">${L(lang, `Công bố phiên bản ${version}`, `Publish version ${version}`)}</h2>
    <p class="hint">
      ${L(
        lang,
        'Phiên bản đang áp dụng sẽ hết hiệu lực vào ngày trước ngày bắt đầu hiệu lực của phiên bản mới.',
        'The version in force ends the day before the new version starts.',
      )}
    </p>
    <form method="post" action="/admin/catalog/${code}/versions/${version}/publish" novalidate>
      <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
      ${textInput(lang, { ...CATALOG_FIELD, id: 'validFrom', label: L(lang, 'Hiệu lực từ ngày', 'Valid from'), value: form.validFrom, errors, type: 'date' })}
      ${textInput(lang, { ...CATALOG_FIELD, id: 'decisionNumber', label: L(lang, 'Số quyết định công bố (nếu có)', 'Decision number (optional)'), value: form.decisionNumber, errors, hint: L(lang, 'Ví dụ: 1096/QĐ-UBND', 'For example 1096/QĐ-UBND') })}
      ${textInput(lang, { ...CATALOG_FIELD, id: 'decisionDate', label: L(lang, 'Ngày ký quyết định', 'Decision date'), value: form.decisionDate, errors, type: 'date' })}
      <button type="submit" class="button">${L(lang, 'Công bố', 'Publish')}</button>
    </form>
  </section>`;
}

function retireFormHtml(
  ctx: PageContext,
  code: string,
  v: StoredVersion,
  form: RetireForm,
  errors: readonly FieldError[],
): SafeHtml {
  const { lang } = ctx;
  return html`<section aria-labelledby="retire-heading" class="panel">
    <h2 id="retire-heading">${L(lang, `Bãi bỏ phiên bản ${v.version}`, `Retire version ${v.version}`)}</h2>
    <form method="post" action="/admin/catalog/${code}/versions/${v.version}/retire" novalidate>
      <input type="hidden" name="_csrf" value="${ctx.csrfToken}" />
      ${textInput(lang, { ...CATALOG_FIELD, id: 'lastDay', label: L(lang, 'Ngày cuối cùng còn hiệu lực', 'Last day in force'), value: form.lastDay, errors, type: 'date' })}
      <button type="submit" class="button secondary">${L(lang, 'Bãi bỏ', 'Retire')}</button>
    </form>
  </section>`;
}

/** /admin/catalog/coverage. */
export function adminCoveragePage(ctx: PageContext, table: CoverageTable): string {
  const { lang } = ctx;
  const title = L(lang, 'Thống kê danh mục thủ tục', 'Catalog coverage');
  return page(
    ctx,
    title,
    html`<p><a href="/admin/catalog">« ${L(lang, 'Danh mục thủ tục', 'Procedure catalog')}</a></p>
      <h1>${title}</h1>
      ${coverageDateForm(lang, '/admin/catalog/coverage', table.at)} ${coverageTable(lang, table)}`,
  );
}
