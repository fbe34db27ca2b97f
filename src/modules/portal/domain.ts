/**
 * The citizen portal's rules (pure: no I/O, no clock — instants are passed in).
 *
 * - The public view of a dossier: what the holder of the code + phone digits (or of the QR token)
 *   may see. It is built from a whitelist, never by removing fields, so a field added to the dossier
 *   later cannot leak: no applicant name, ID number, address, phone, delivery address, staff names,
 *   file hashes or comments. Labels are plain language, Vietnamese and English.
 * - Satisfaction rating (QĐ 766 indicator): three levels, once per dossier, after the result is
 *   returned, optional comment (NFC, length-limited).
 */
import { AppError, err, ok, type Result } from '../../kernel/errors.ts';
import type { Dossier, DossierStatus } from '../dossiers/domain/types.ts';

export type Text = { readonly vi: string; readonly en: string };

// ---------------------------------------------------------------- credentials

/** Last four digits of the applicant's phone, as typed. */
export const PHONE4 = /^\d{4}$/;
/** Lookup tokens are 18 random bytes in base64url (24 characters); a little slack for other issuers. */
export const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;
/** Dossier codes: `H21.52-260302-0001` (service point code, date, number). */
export const CODE = /^[A-Za-z0-9.-]{1,100}$/;

/** Digits only, from what a person may type ("0 1 2 3", "0123"). */
export function cleanPhone4(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '');
}

/** Codes are upper case; people type them in any case and with spaces around. */
export function cleanCode(raw: string): string {
  return raw.normalize('NFKC').trim().toUpperCase();
}

// ---------------------------------------------------------------- labels

export const STATUS_LABELS: Readonly<Record<DossierStatus, Text>> = {
  submitted: { vi: 'Đã nộp, chờ bộ phận một cửa tiếp nhận', en: 'Submitted, waiting to be received' },
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  in_progress: { vi: 'Đang giải quyết', en: 'Being processed' },
  supplement_requested: { vi: 'Cần bổ sung giấy tờ', en: 'More documents needed' },
  result_ready: { vi: 'Đã có kết quả, chờ trả', en: 'Result ready' },
  returned: { vi: 'Đã trả kết quả', en: 'Result returned' },
  rejected: { vi: 'Không được giải quyết', en: 'Not granted' },
  stopped: { vi: 'Đã dừng giải quyết', en: 'Processing stopped' },
  withdrawn: { vi: 'Đã rút hồ sơ', en: 'Withdrawn' },
};

/** Plain-language steps of the timeline, by event type. Types not listed are not shown. */
export const EVENT_LABELS: Readonly<Record<string, Text>> = {
  'dossier.submitted': { vi: 'Bạn đã nộp hồ sơ', en: 'You submitted the dossier' },
  'dossier.received': {
    vi: 'Bộ phận một cửa đã tiếp nhận hồ sơ và hẹn ngày trả kết quả',
    en: 'The one-stop counter received the dossier and set the result date',
  },
  'dossier.forwarded': {
    vi: 'Hồ sơ đã được chuyển đến cơ quan giải quyết',
    en: 'The dossier was sent to the agency that decides on it',
  },
  'dossier.handed-over': { vi: 'Hồ sơ đang được giải quyết', en: 'The dossier is being processed' },
  'dossier.supplement-requested': {
    vi: 'Cơ quan giải quyết đề nghị bổ sung giấy tờ',
    en: 'The agency asked for more documents',
  },
  'dossier.supplemented': { vi: 'Giấy tờ bổ sung đã được nhận', en: 'The extra documents were received' },
  'dossier.apologized': {
    vi: 'Cơ quan giải quyết xin lỗi vì trễ hẹn và hẹn lại ngày trả kết quả',
    en: 'The agency apologised for the delay and set a new result date',
  },
  'dossier.result-ready': { vi: 'Đã có kết quả giải quyết', en: 'The result is ready' },
  'dossier.returned': { vi: 'Đã trả kết quả', en: 'The result was handed over' },
  'dossier.rejected': { vi: 'Hồ sơ không được giải quyết', en: 'The request was not granted' },
  'dossier.stopped': { vi: 'Hồ sơ đã dừng giải quyết', en: 'Processing was stopped' },
  'dossier.withdrawn': { vi: 'Hồ sơ đã được rút', en: 'The dossier was withdrawn' },
  'dossier.fee-paid': { vi: 'Đã nộp phí, lệ phí', en: 'Fees paid' },
};

export const RETURN_LABELS: Readonly<Record<Dossier['returnMethod'], Text>> = {
  counter: { vi: 'Nhận tại bộ phận một cửa', en: 'Collect at the one-stop counter' },
  postal: { vi: 'Nhận qua dịch vụ bưu chính công ích', en: 'Delivered by public postal service' },
  online: { vi: 'Nhận trực tuyến', en: 'Online' },
};

// ---------------------------------------------------------------- public view

export interface TimelineStep {
  readonly at: string;
  readonly type: string;
  readonly label: Text;
}

/** A postal item of the dossier as public tracking shows it (no address, no names). */
export interface PublicPostalItem {
  readonly trackingNumber: string;
  readonly leg: 'pickup' | 'delivery';
  readonly status: string;
  readonly statusLabel: Text;
}

export interface PublicDossierView {
  readonly code: string;
  readonly procedure: { readonly code: string; readonly name: string };
  readonly status: DossierStatus;
  readonly statusLabel: Text;
  /** Public data of the service point (name and its own address, as on Mẫu 01). */
  readonly servicePoint: { readonly code: string; readonly name: string; readonly address: string };
  readonly submittedAt: string | null;
  readonly receivedAt: string | null;
  /** The result date in force (after apologies), and the one printed on Mẫu 01. */
  readonly appointment: { readonly dueAt: string | null; readonly originalDueAt: string | null };
  readonly timeline: readonly TimelineStep[];
  /** The open supplement request: what to bring, and where. */
  readonly supplement: {
    readonly requestedAt: string;
    readonly reason: string;
    readonly items: readonly string[];
    readonly bringTo: { readonly name: string; readonly address: string };
  } | null;
  readonly apologies: readonly {
    readonly issuedAt: string;
    readonly reason: string;
    readonly previousDueAt: string;
    readonly newDueAt: string;
  }[];
  readonly result: {
    readonly readyAt: string;
    readonly method: Dossier['returnMethod'];
    readonly methodLabel: Text;
    /** Where to collect it (counter), or null. */
    readonly collectAt: { readonly name: string; readonly address: string } | null;
    /** The delivery item(s) of the result (postal), or empty. */
    readonly postal: readonly PublicPostalItem[];
  } | null;
  readonly returnedAt: string | null;
  readonly closing: { readonly kind: string; readonly reason: string; readonly at: string } | null;
  readonly rating: {
    /** The dossier may be rated now (returned, not yet rated). */
    readonly open: boolean;
    readonly given: boolean;
  };
}

/** A stored event, as the dossiers module's `eventsOf` answers it. */
export interface EventInput {
  readonly type: string;
  readonly at: Date;
}

/**
 * What the public view is built from: the few parts of a dossier it reads. A whole `Dossier`
 * fits; the lookup's single statement (portal.repository `lookupRow`) reads only these.
 */
export interface LookupSource {
  readonly code: string;
  readonly procedure: { readonly code: string; readonly name: string };
  readonly status: DossierStatus;
  readonly servicePoint: { readonly code: string; readonly name: string; readonly address: string };
  readonly returnMethod: Dossier['returnMethod'];
  readonly submittedAt: Date | null;
  readonly receivedAt: Date | null;
  readonly dueAt: Date | null;
  readonly originalDueAt: Date | null;
  readonly returnedAt: Date | null;
  readonly suspensions: readonly {
    readonly requestedAt: Date;
    readonly resumedAt: Date | null;
    readonly reason: string;
    readonly items: readonly string[];
  }[];
  readonly apologies: readonly {
    readonly issuedAt: Date;
    readonly reason: string;
    readonly previousDueAt: Date;
    readonly newDueAt: Date;
  }[];
  readonly result: { readonly readyAt: Date } | null;
  readonly closing: { readonly kind: string; readonly reason: string; readonly at: Date } | null;
}

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

/** The limited view of a dossier for its holder. Built field by field (whitelist). */
export function publicView(
  d: LookupSource,
  events: readonly EventInput[],
  extra: { readonly postal: readonly PublicPostalItem[]; readonly rated: boolean },
): PublicDossierView {
  const sp = { name: d.servicePoint.name, address: d.servicePoint.address };
  const open = d.suspensions.find((s) => s.resumedAt === null);
  return {
    code: d.code,
    procedure: { code: d.procedure.code, name: d.procedure.name },
    status: d.status,
    statusLabel: STATUS_LABELS[d.status],
    servicePoint: { code: d.servicePoint.code, ...sp },
    submittedAt: iso(d.submittedAt),
    receivedAt: iso(d.receivedAt),
    appointment: { dueAt: iso(d.dueAt), originalDueAt: iso(d.originalDueAt) },
    timeline: events.flatMap((e) => {
      const label = EVENT_LABELS[e.type];
      return label ? [{ at: e.at.toISOString(), type: e.type, label }] : [];
    }),
    supplement:
      d.status === 'supplement_requested' && open
        ? {
            requestedAt: open.requestedAt.toISOString(),
            reason: open.reason,
            items: [...open.items],
            bringTo: sp,
          }
        : null,
    apologies: d.apologies.map((a) => ({
      issuedAt: a.issuedAt.toISOString(),
      reason: a.reason,
      previousDueAt: a.previousDueAt.toISOString(),
      newDueAt: a.newDueAt.toISOString(),
    })),
    result: d.result
      ? {
          readyAt: d.result.readyAt.toISOString(),
          method: d.returnMethod,
          methodLabel: RETURN_LABELS[d.returnMethod],
          collectAt: d.returnMethod === 'counter' ? sp : null,
          postal: extra.postal.filter((p) => p.leg === 'delivery'),
        }
      : null,
    returnedAt: iso(d.returnedAt),
    closing: d.closing
      ? { kind: d.closing.kind, reason: d.closing.reason, at: d.closing.at.toISOString() }
      : null,
    rating: { open: d.status === 'returned' && !extra.rated, given: extra.rated },
  };
}

// ---------------------------------------------------------------- rating

export const RATINGS = ['very_satisfied', 'satisfied', 'not_satisfied'] as const;
export type Rating = (typeof RATINGS)[number];

export const RATING_LABELS: Readonly<Record<Rating, Text>> = {
  very_satisfied: { vi: 'Rất hài lòng', en: 'Very satisfied' },
  satisfied: { vi: 'Hài lòng', en: 'Satisfied' },
  not_satisfied: { vi: 'Không hài lòng', en: 'Not satisfied' },
};

/** How the rating reached us: by link (code + phone digits), by the QR token, on the counter tablet, or by staff. */
export const RATING_CHANNELS = ['link', 'qr', 'kiosk', 'counter'] as const;
export type RatingChannel = (typeof RATING_CHANNELS)[number];

export const MAX_COMMENT_LENGTH = 1000;

export function isRating(value: unknown): value is Rating {
  return typeof value === 'string' && (RATINGS as readonly string[]).includes(value);
}

/** A dossier may be rated once its result has been returned (and not before). */
export function mayRate(status: DossierStatus): Result<true, AppError> {
  return status === 'returned' ? ok(true) : err(new AppError('RATING_NOT_YET', { details: { status } }));
}

/**
 * The comment as stored: NFC, control characters other than line breaks removed, trimmed; empty → null.
 * Longer than MAX_COMMENT_LENGTH characters (after normalising) → VALIDATION_FAILED at `field`.
 */
export function normaliseComment(
  raw: string | undefined,
  field = 'body/comment',
): Result<string | null, AppError> {
  if (raw === undefined) return ok(null);
  const text = raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, '')
    .trim();
  if ([...text].length > MAX_COMMENT_LENGTH)
    return err(
      new AppError('VALIDATION_FAILED', {
        invalidParams: [{ name: field, reason: `at most ${MAX_COMMENT_LENGTH} characters` }],
      }),
    );
  return ok(text === '' ? null : text);
}
