/**
 * The registry of form sets (bộ biểu mẫu), as data with effective dates.
 *
 * Why data and not constants in the renderers: the legal framework changed on 1 July 2025
 * (Nghị định 118/2025/NĐ-CP), and with it, reportedly, the forms (Thông tư 03/2025/TT-VPCP) — form
 * 04 changed meaning, a new 05 appeared, and the control slip and register moved from 05/06 to
 * 06/07. A dossier keeps the rules in force when it was received, so the set is chosen by the
 * dossier's receipt date, and a re-print of an old dossier uses the old set. See docs/forms.md.
 *
 * Pure: no I/O.
 */
import { AppError } from '../../../kernel/errors.ts';
import { isLocalDate } from '../../../kernel/local-date.ts';
import type { Orientation, PaperSize } from '../../../adapters/pdf/pdf-renderer.ts';
import type { FormKind } from './view-models.ts';

export interface FormDefinition {
  /** Number as printed: "Mẫu số 01". */
  readonly no: string;
  readonly kind: FormKind;
  /** Title as printed, upper case. */
  readonly title: string;
  readonly paper: PaperSize;
  readonly orientation: Orientation;
}

export interface FormSet {
  readonly id: string;
  /** Legal text that prescribes the forms. */
  readonly legalBasis: string;
  /**
   * Reference printed next to the form number, "TT 01/2018/TT-VPCP"; null while the prescribing
   * text is unverified, so that no unconfirmed circular number appears on a citizen's paper.
   */
  readonly printedRef: string | null;
  /** First receipt date (inclusive) the set applies to, `YYYY-MM-DD`. */
  readonly effectiveFrom: string;
  /** Last receipt date (inclusive), or null while in force. */
  readonly effectiveTo: string | null;
  /** `unverified`: numbering and titles come from secondary sources; check against the gazette. */
  readonly status: 'verified' | 'unverified';
  readonly source: string;
  readonly forms: readonly FormDefinition[];
}

/**
 * The sets MotCua knows. TT 01/2018/TT-VPCP took effect on 06/01/2019 (DOMAIN.md §1.1); the 2025
 * set applies to dossiers received from 01/07/2025, when ND 118/2025 took effect.
 */
export const FORM_SETS = [
  {
    id: 'TT01/2018',
    legalBasis: 'Thông tư 01/2018/TT-VPCP',
    printedRef: 'TT 01/2018/TT-VPCP',
    effectiveFrom: '2019-01-06',
    effectiveTo: '2025-06-30',
    status: 'verified',
    source: 'https://trangtinphapluat.com/blog/bieu-mau/quy-trinh-giai-quyet-thu-tuc-hanh-chinh/',
    forms: [
      {
        no: '01',
        kind: 'receipt',
        title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
        paper: 'A5',
        orientation: 'portrait',
      },
      {
        no: '02',
        kind: 'supplement',
        title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
        paper: 'A5',
        orientation: 'portrait',
      },
      {
        no: '03',
        kind: 'refusal',
        title: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
        paper: 'A5',
        orientation: 'portrait',
      },
      {
        no: '04',
        kind: 'apology',
        title: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
        paper: 'A5',
        orientation: 'portrait',
      },
      {
        no: '05',
        kind: 'control',
        title: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
        paper: 'A5',
        orientation: 'portrait',
      },
      // A4 per TT 01/2018; landscape is MotCua's choice: fourteen columns do not fit upright.
      { no: '06', kind: 'register', title: 'SỔ THEO DÕI HỒ SƠ', paper: 'A4', orientation: 'landscape' },
    ],
  },
  {
    id: 'ND118/2025',
    legalBasis: 'Nghị định 118/2025/NĐ-CP; mẫu reportedly in Thông tư 03/2025/TT-VPCP (unverified)',
    printedRef: null,
    effectiveFrom: '2025-07-01',
    effectiveTo: null,
    status: 'unverified',
    source: 'DOMAIN.md §1.3: one public working document; paper sizes assumed as in 2018',
    forms: [
      {
        no: '01',
        kind: 'receipt',
        title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
        paper: 'A5',
        orientation: 'portrait',
      },
      {
        no: '02',
        kind: 'supplement',
        title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
        paper: 'A5',
        orientation: 'portrait',
      },
      {
        no: '03',
        kind: 'refusal',
        title: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
        paper: 'A5',
        orientation: 'portrait',
      },
      {
        no: '04',
        kind: 'apology',
        title: 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT',
        paper: 'A5',
        orientation: 'portrait',
      },
      {
        no: '05',
        kind: 'stop',
        title: 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
        paper: 'A5',
        orientation: 'portrait',
      },
      {
        no: '06',
        kind: 'control',
        title: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
        paper: 'A5',
        orientation: 'portrait',
      },
      { no: '07', kind: 'register', title: 'SỔ THEO DÕI HỒ SƠ', paper: 'A4', orientation: 'landscape' },
    ],
  },
] as const satisfies readonly FormSet[];

export type FormSetId = (typeof FORM_SETS)[number]['id'];

/** The form set that applies to a dossier received on `receivedOn` (`YYYY-MM-DD`, local date). */
export function formSet(receivedOn: string): FormSet & { readonly id: FormSetId } {
  if (!isLocalDate(receivedOn)) {
    throw new AppError('VALIDATION_FAILED', {
      invalidParams: [{ name: 'receivedOn', reason: 'must be a date YYYY-MM-DD' }],
    });
  }
  const set = FORM_SETS.find(
    (s) => s.effectiveFrom <= receivedOn && (s.effectiveTo === null || receivedOn <= s.effectiveTo),
  );
  if (set === undefined) throw new AppError('DOCUMENT_FORM_SET_NOT_FOUND', { details: { receivedOn } });
  return set;
}

/** The set with this id. */
export function formSetById(id: string): FormSet & { readonly id: FormSetId } {
  const set = FORM_SETS.find((s) => s.id === id);
  if (set === undefined) throw new AppError('DOCUMENT_FORM_NOT_FOUND', { details: { setId: id } });
  return set;
}

/** Form `formNo` ("01", or "1") of set `setId`. */
export function formDefinition(setId: string, formNo: string): FormDefinition {
  const no = formNo.padStart(2, '0');
  const form = formSetById(setId).forms.find((f) => f.no === no);
  if (form === undefined) throw new AppError('DOCUMENT_FORM_NOT_FOUND', { details: { setId, formNo } });
  return form;
}

/** The form of a kind in the set that applies on `receivedOn`: "the control slip for this dossier". */
export function formFor(receivedOn: string, kind: FormKind): FormDefinition & { readonly setId: FormSetId } {
  const set = formSet(receivedOn);
  const form = set.forms.find((f) => f.kind === kind);
  if (form === undefined) throw new AppError('DOCUMENT_FORM_NOT_FOUND', { details: { setId: set.id, kind } });
  return { ...form, setId: set.id };
}
