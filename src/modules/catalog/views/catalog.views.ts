/**
 * Public catalog pages: the search (/thu-tuc), the page a citizen reads before coming to the counter
 * (/thu-tuc/{code}), and the coverage table (/thu-tuc/thong-ke). Server-rendered, no JavaScript.
 */
import type { Lang } from '../../../adapters/http/i18n.ts';
import { html, type SafeHtml } from '../../../views/html.ts';
import { page, type PageContext } from '../../../views/layout.ts';
import type { CoverageTable } from '../catalog.service.ts';
import type { OnlineLevel, ProcedureLevel, ProcedureVersion } from '../domain/procedure.ts';
import {
  amountText,
  dateText,
  DOCUMENT_FORM,
  hrefWith,
  L,
  LEVEL,
  levelsText,
  ONLINE,
  POSTAL_FILTER,
  postalText,
  RESULT_KIND,
  timeLimitText,
  yesNo,
  type PostalFilter,
} from './labels.ts';

/** The filters of the public search form, as typed (kept in the form after a search). */
export interface SearchForm {
  readonly q: string;
  readonly level: ProcedureLevel | undefined;
  readonly field: string;
  readonly online: OnlineLevel | undefined;
  readonly postal: PostalFilter | undefined;
  readonly oneStop: boolean | undefined;
  readonly page: number;
}

/** One page of search results (full versions, for the time limit and options). */
export interface SearchResults {
  readonly items: readonly ProcedureVersion[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

function option(value: string, label: string, selected: boolean): SafeHtml {
  return html`<option value="${value}" ${selected ? html`selected` : ''}>${label}</option>`;
}

/** GOV.UK-style pagination: previous, a window of page numbers, next. */
export function pagination(
  lang: Lang,
  total: number,
  pageNo: number,
  pageSize: number,
  href: (page: number) => string,
): SafeHtml {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return html``;
  const from = Math.max(1, pageNo - 2);
  const to = Math.min(pages, pageNo + 2);
  const numbers: number[] = [];
  for (let p = from; p <= to; p++) numbers.push(p);
  return html`<nav class="pagination no-print" aria-label="${L(lang, 'Phân trang', 'Pages')}">
    <ul>
      ${pageNo > 1 ? html`<li><a href="${href(pageNo - 1)}" rel="prev">« ${L(lang, 'Trang trước', 'Previous')}</a></li>` : ''}
      ${
        from > 1
          ? html`<li><a href="${href(1)}">1</a></li>
              ${from > 2 ? html`<li aria-hidden="true">…</li>` : ''}`
          : ''
      }
      ${numbers.map((p) =>
        p === pageNo
          ? html`<li>
              <a href="${href(p)}" aria-current="page"
                ><span class="visually-hidden">${L(lang, 'Trang', 'Page')} </span>${p}</a
              >
            </li>`
          : html`<li>
              <a href="${href(p)}"><span class="visually-hidden">${L(lang, 'Trang', 'Page')} </span>${p}</a>
            </li>`,
      )}
      ${
        to < pages
          ? html`${to < pages - 1 ? html`<li aria-hidden="true">…</li>` : ''}
              <li><a href="${href(pages)}">${pages}</a></li>`
          : ''
      }
      ${pageNo < pages ? html`<li><a href="${href(pageNo + 1)}" rel="next">${L(lang, 'Trang sau', 'Next')} »</a></li>` : ''}
    </ul>
  </nav>`;
}

/** The search box shared by the home page and the search page. */
export function searchBox(lang: Lang, q: string, options: { heading?: boolean } = {}): SafeHtml {
  return html`<form method="get" action="/thu-tuc" role="search" class="search-box">
    <label for="q"
      >${options.heading ? L(lang, 'Tìm thủ tục hành chính', 'Find an administrative procedure') : L(lang, 'Tên hoặc mã thủ tục', 'Procedure name or code')}</label
    >
    <p class="hint" id="q-hint">
      ${L(lang, 'Gõ có dấu hoặc không dấu, ví dụ: dang ky khai sinh', 'With or without diacritics, e.g. dang ky khai sinh')}
    </p>
    <div class="search-row">
      <input type="search" id="q" name="q" value="${q}" aria-describedby="q-hint" maxlength="200" />
      <button type="submit" class="button">${L(lang, 'Tìm kiếm', 'Search')}</button>
    </div>
  </form>`;
}

function resultItem(lang: Lang, v: ProcedureVersion): SafeHtml {
  return html`<li>
    <h2><a href="/thu-tuc/${v.code}">${v.name}</a></h2>
    <p class="hint">
      ${L(lang, 'Mã', 'Code')} ${v.code} · ${v.field} · ${v.agency.name} · ${levelsText(lang, v.levels)}
    </p>
    <p>
      ${L(lang, 'Thời hạn', 'Time limit')}: ${timeLimitText(lang, { processingTime: v.processingTime })}
      ${v.onlineLevel !== 'none' ? html` <span class="tag">${L(lang, 'Trực tuyến', 'Online')}: ${ONLINE[v.onlineLevel][lang]}</span>` : ''}
      ${v.postal.sendDossier || v.postal.receiveResult ? html` <span class="tag post">${postalText(lang, v.postal)}</span>` : ''}
    </p>
  </li>`;
}

/** /thu-tuc: the search form with its filters and one page of results. */
export function searchPage(
  ctx: PageContext,
  form: SearchForm,
  fields: readonly string[],
  results: SearchResults,
  at: string,
): string {
  const { lang } = ctx;
  const title = L(lang, 'Tra cứu thủ tục hành chính', 'Find an administrative procedure');
  const params = {
    q: form.q,
    level: form.level,
    field: form.field,
    online: form.online,
    postal: form.postal,
    oneStop: form.oneStop === undefined ? undefined : form.oneStop ? 'yes' : 'no',
  };
  const filtered = Object.entries(params).some(([k, v]) => k !== 'q' && v !== undefined && v !== '');
  return page(
    ctx,
    form.q ? `${form.q} — ${title}` : title,
    html`<h1>${title}</h1>
      <form method="get" action="/thu-tuc" role="search">
        <div>
          <label for="q">${L(lang, 'Tên hoặc mã thủ tục', 'Procedure name or code')}</label>
          <p class="hint" id="q-hint">
            ${L(lang, 'Gõ có dấu hoặc không dấu, ví dụ: dang ky khai sinh', 'With or without diacritics, e.g. dang ky khai sinh')}
          </p>
          <input type="search" id="q" name="q" value="${form.q}" aria-describedby="q-hint" maxlength="200" />
        </div>
        <fieldset class="inline-form">
          <legend>${L(lang, 'Lọc kết quả', 'Filter the results')}</legend>
          <div>
            <label for="level">${L(lang, 'Cấp thực hiện', 'Level')}</label>
            <select id="level" name="level">
              ${option('', L(lang, 'Tất cả', 'All'), form.level === undefined)}
              ${(['province', 'district', 'commune'] as const).map((l) => option(l, LEVEL[l][lang], form.level === l))}
            </select>
          </div>
          <div>
            <label for="field">${L(lang, 'Lĩnh vực', 'Field')}</label>
            <select id="field" name="field">
              ${option('', L(lang, 'Tất cả', 'All'), form.field === '')}
              ${fields.map((f) => option(f, f, form.field === f))}
            </select>
          </div>
          <div>
            <label for="online">${L(lang, 'Dịch vụ công trực tuyến', 'Online service')}</label>
            <select id="online" name="online">
              ${option('', L(lang, 'Tất cả', 'All'), form.online === undefined)}
              ${(['full', 'partial', 'none'] as const).map((o) => option(o, ONLINE[o][lang], form.online === o))}
            </select>
          </div>
          <div>
            <label for="postal">${L(lang, 'Qua bưu điện (BCCI)', 'By post')}</label>
            <select id="postal" name="postal">
              ${option('', L(lang, 'Tất cả', 'All'), form.postal === undefined)}
              ${(Object.keys(POSTAL_FILTER) as PostalFilter[]).map((p) => option(p, POSTAL_FILTER[p][lang], form.postal === p))}
            </select>
          </div>
          <div>
            <label for="oneStop">${L(lang, 'Một cửa', 'One-stop')}</label>
            <select id="oneStop" name="oneStop">
              ${option('', L(lang, 'Tất cả', 'All'), form.oneStop === undefined)}
              ${option('yes', L(lang, 'Có', 'Yes'), form.oneStop === true)}
              ${option('no', L(lang, 'Không', 'No'), form.oneStop === false)}
            </select>
          </div>
        </fieldset>
        <button type="submit" class="button">${L(lang, 'Tìm kiếm', 'Search')}</button>
        ${filtered || form.q ? html` <a href="/thu-tuc" class="button secondary">${L(lang, 'Xóa bộ lọc', 'Clear')}</a>` : ''}
      </form>
      <p role="status" class="result-count">
        ${
          results.total === 0
            ? L(
                lang,
                'Không tìm thấy thủ tục nào. Hãy thử từ khóa ngắn hơn hoặc bỏ bớt bộ lọc.',
                'No procedure found. Try fewer words or filters.',
              )
            : L(lang, `Tìm thấy ${results.total} thủ tục`, `${results.total} procedures found`)
        }
        <span class="hint"> · ${L(lang, 'áp dụng tại ngày', 'in force on')} ${dateText(at)}</span>
      </p>
      <ol class="results">
        ${results.items.map((v) => resultItem(lang, v))}
      </ol>
      ${pagination(lang, results.total, results.page, results.pageSize, (p) => hrefWith('/thu-tuc', { ...params, page: p }))}
      <p class="no-print">
        <a href="/thu-tuc/thong-ke"
          >${L(lang, 'Thống kê thủ tục theo cấp, một cửa, mức độ trực tuyến và bưu chính', 'Procedures by level, one-stop, online level and post')}</a
        >
      </p>`,
  );
}

/** /thu-tuc/{code}: what to bring, fees, time limit, where, online and postal options, result, legal basis. */
export function procedurePage(ctx: PageContext, v: ProcedureVersion, at: string, today: string): string {
  const { lang } = ctx;
  const row = (label: string, value: SafeHtml | string) =>
    html`<div>
      <dt>${label}</dt>
      <dd>${value}</dd>
    </div>`;
  return page(
    ctx,
    v.name,
    html`<p class="no-print"><a href="/thu-tuc">« ${L(lang, 'Tra cứu thủ tục', 'Find a procedure')}</a></p>
      <p class="caption">${L(lang, 'Mã thủ tục', 'Procedure code')} ${v.code} · ${v.field}</p>
      <h1>${v.name}</h1>
      ${at !== today ? html`<div class="panel" role="note">${L(lang, `Thông tin áp dụng tại ngày ${dateText(at)}.`, `As in force on ${dateText(at)}.`)}</div>` : ''}
      <dl class="summary">
        ${row(L(lang, 'Cơ quan giải quyết', 'Competent agency'), v.agency.name)}
        ${row(L(lang, 'Cấp thực hiện', 'Level'), levelsText(lang, v.levels))}
        ${row(L(lang, 'Thời hạn giải quyết', 'Time limit'), timeLimitText(lang, v))}
        ${row(
          L(lang, 'Phí, lệ phí', 'Fees'),
          v.fees.length === 0
            ? L(lang, 'Không thu', 'None')
            : v.fees.map((f) => `${f.name}: ${amountText(lang, f.amountVnd)}`).join('; '),
        )}
        ${row(
          L(lang, 'Nộp trực tuyến', 'Apply online'),
          v.onlineLevel === 'none'
            ? ONLINE[v.onlineLevel][lang]
            : html`${ONLINE[v.onlineLevel][lang]} —
                <a href="/nop-truc-tuyen/${v.code}"
                  >${L(lang, 'Nộp hồ sơ trực tuyến', 'Apply online now')}</a
                >`,
        )}
        ${row(
          L(lang, 'Qua bưu điện (BCCI)', 'By post (BCCI)'),
          html`${L(lang, 'Gửi hồ sơ', 'Send the dossier')}: ${yesNo(lang, v.postal.sendDossier)};
          ${L(lang, 'nhận kết quả', 'receive the result')}: ${yesNo(lang, v.postal.receiveResult)}`,
        )}
        ${row(
          L(lang, 'Nơi nộp hồ sơ', 'Where to apply'),
          v.oneStop
            ? L(lang, 'Bộ phận Một cửa', 'The one-stop counter')
            : L(lang, `Trực tiếp tại ${v.agency.name}`, `At ${v.agency.name}`),
        )}
        ${row(L(lang, 'Kết quả', 'Result'), `${v.result.name} (${RESULT_KIND[v.result.kind][lang].toLowerCase()})`)}
        ${v.feesBlockReturn ? row(L(lang, 'Lưu ý', 'Note'), L(lang, 'Kết quả chỉ được trả khi đã nộp đủ phí, lệ phí.', 'The result is handed over only once the fees are paid.')) : ''}
      </dl>

      <h2 id="giay-to">${L(lang, 'Giấy tờ cần mang theo', 'What to bring')}</h2>
      ${
        v.documents.length === 0
          ? html`<p>
              ${L(lang, 'Chưa có thông tin thành phần hồ sơ. Vui lòng hỏi tại bộ phận một cửa.', 'The list of documents is not available. Ask at the counter.')}
            </p>`
          : html`<div
              class="table-wrap"
              role="region"
              tabindex="0"
              aria-label="${L(lang, 'Thành phần hồ sơ', 'Required documents')}"
            >
              <table>
                <caption class="visually-hidden">
                  ${L(lang, 'Thành phần hồ sơ', 'Required documents')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${L(lang, 'Giấy tờ', 'Document')}</th>
                    <th scope="col">${L(lang, 'Loại bản', 'Form')}</th>
                    <th scope="col" class="num">${L(lang, 'Số bản', 'Copies')}</th>
                    <th scope="col">${L(lang, 'Bắt buộc', 'Mandatory')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${v.documents.map(
                    (d) =>
                      html`<tr>
                        <td>
                          ${d.name}
                          ${d.blankFormFile ? html`<br /><span class="hint">${L(lang, 'Mẫu', 'Form')}: ${d.blankFormFile}</span>` : ''}
                          ${d.reusableFromDataStore ? html`<br /><span class="hint">${L(lang, 'Có thể không cần nộp nếu đã có trong kho dữ liệu điện tử', 'Not needed if already in your data store')}</span>` : ''}
                        </td>
                        <td>${DOCUMENT_FORM[d.form][lang]}</td>
                        <td class="num">${d.count}</td>
                        <td>
                          ${d.mandatory ? L(lang, 'Bắt buộc', 'Yes') : L(lang, 'Nếu có', 'If applicable')}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }

      <h2 id="phi">${L(lang, 'Phí, lệ phí', 'Fees')}</h2>
      ${
        v.fees.length === 0
          ? html`<p>${L(lang, 'Không thu phí, lệ phí.', 'No fees.')}</p>`
          : html`<div
              class="table-wrap"
              role="region"
              tabindex="0"
              aria-label="${L(lang, 'Phí, lệ phí', 'Fees')}"
            >
              <table>
                <caption class="visually-hidden">
                  ${L(lang, 'Phí, lệ phí', 'Fees')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${L(lang, 'Khoản thu', 'Fee')}</th>
                    <th scope="col" class="num">${L(lang, 'Số tiền', 'Amount')}</th>
                    <th scope="col">${L(lang, 'Áp dụng khi', 'Applies when')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${v.fees.map(
                    (f) =>
                      html`<tr>
                        <td>${f.name}</td>
                        <td class="num">${amountText(lang, f.amountVnd)}</td>
                        <td>${f.appliesWhen ?? '—'}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
      ${
        v.legalBasis.length > 0
          ? html`<h2>${L(lang, 'Căn cứ pháp lý', 'Legal basis')}</h2>
              <ul>
                ${v.legalBasis.map((b) => html`<li>${b}</li>`)}
              </ul>`
          : ''
      }
      <p class="hint">
        ${L(lang, 'Phiên bản', 'Version')} ${v.version} · ${L(lang, 'áp dụng từ', 'in force from')}
        ${dateText(v.validFrom)}${v.validTo ? html` ${L(lang, 'đến', 'to')} ${dateText(v.validTo)}` : ''}${
          v.decision
            ? html` · ${L(lang, 'Quyết định công bố', 'Announced by decision')} ${v.decision.number}
              ${L(lang, 'ngày', 'of')} ${dateText(v.decision.date)}`
            : ''
        }
      </p>
      <p class="hint no-print">
        ${L(lang, 'Có thể in trang này (Ctrl + P) để mang theo.', 'You can print this page (Ctrl + P) to take with you.')}
      </p>`,
  );
}

/** The coverage table (public and staff pages). */
export function coverageTable(lang: Lang, table: CoverageTable): SafeHtml {
  const rows = [...table.rows.filter((r) => r.total > 0 || r.level !== 'district'), table.total];
  return html`<div
      class="table-wrap"
      role="region"
      tabindex="0"
      aria-label="${L(lang, 'Bảng thống kê', 'Coverage table')}"
    >
      <table>
        <caption>
          ${L(lang, `Thủ tục áp dụng tại ngày ${dateText(table.at)}`, `Procedures in force on ${dateText(table.at)}`)}
        </caption>
        <thead>
          <tr>
            <th scope="col" rowspan="2">${L(lang, 'Cấp', 'Level')}</th>
            <th scope="col" rowspan="2" class="num">${L(lang, 'Tổng số', 'Total')}</th>
            <th scope="colgroup" colspan="2">${L(lang, 'Một cửa', 'One-stop')}</th>
            <th scope="colgroup" colspan="3">${L(lang, 'Dịch vụ công trực tuyến', 'Online service')}</th>
            <th scope="colgroup" colspan="4">${L(lang, 'Bưu chính công ích (BCCI)', 'By post (BCCI)')}</th>
          </tr>
          <tr>
            <th scope="col" class="num">${L(lang, 'Có', 'Yes')}</th>
            <th scope="col" class="num">${L(lang, 'Không', 'No')}</th>
            <th scope="col" class="num">${ONLINE.full[lang]}</th>
            <th scope="col" class="num">${ONLINE.partial[lang]}</th>
            <th scope="col" class="num">${ONLINE.none[lang]}</th>
            <th scope="col" class="num">${L(lang, 'Gửi hồ sơ', 'Send')}</th>
            <th scope="col" class="num">${L(lang, 'Nhận kết quả', 'Receive')}</th>
            <th scope="col" class="num">${L(lang, 'Cả hai', 'Both')}</th>
            <th scope="col" class="num">${L(lang, 'Không', 'Neither')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) =>
              html`<tr>
                <th scope="row">
                  ${r.level === 'all' ? L(lang, 'Tổng cộng', 'All levels') : LEVEL[r.level][lang]}
                </th>
                <td class="num">${r.total}</td>
                <td class="num">${r.oneStop}</td>
                <td class="num">${r.notOneStop}</td>
                <td class="num">${r.online.full}</td>
                <td class="num">${r.online.partial}</td>
                <td class="num">${r.online.none}</td>
                <td class="num">${r.postal.send}</td>
                <td class="num">${r.postal.receive}</td>
                <td class="num">${r.postal.both}</td>
                <td class="num">${r.postal.none}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <p class="hint">
      ${L(
        lang,
        'Thủ tục thực hiện ở nhiều cấp được tính ở mỗi cấp và một lần trong tổng cộng.',
        'A procedure carried out at several levels counts at each level and once in the total.',
      )}
    </p>`;
}

/** The date form of the coverage pages. */
export function coverageDateForm(lang: Lang, action: string, at: string): SafeHtml {
  return html`<form method="get" action="${action}" class="inline-form no-print">
    <div>
      <label for="at">${L(lang, 'Tại ngày', 'As of')}</label
      ><input type="date" id="at" name="at" value="${at}" />
    </div>
    <button class="button secondary" type="submit">${L(lang, 'Xem', 'Show')}</button>
  </form>`;
}

/** /thu-tuc/thong-ke: the public coverage table. */
export function publicCoveragePage(ctx: PageContext, table: CoverageTable): string {
  const { lang } = ctx;
  const title = L(lang, 'Thống kê thủ tục hành chính', 'Procedure statistics');
  return page(
    ctx,
    title,
    html`<p class="no-print"><a href="/thu-tuc">« ${L(lang, 'Tra cứu thủ tục', 'Find a procedure')}</a></p>
      <h1>${title}</h1>
      ${coverageDateForm(lang, '/thu-tuc/thong-ke', table.at)} ${coverageTable(lang, table)}`,
  );
}
