/**
 * A citizen's feedback or complaint as submitted (pure checks shared by the API and the pages),
 * and the reference number. Every problem names its field and carries a Vietnamese and an English
 * message, so the API answers VALIDATION_FAILED with every problem and the form lists them all.
 */
import { isEmailAddress, toE164 } from '../../notifications/domain.ts';
import { FEEDBACK_KINDS, type FeedbackKind } from './lifecycle.ts';

export interface SubmissionInput {
  readonly kind: string;
  readonly servicePointCode?: string | undefined;
  readonly dossierCode?: string | undefined;
  readonly subject: string;
  readonly content: string;
  readonly contact: {
    readonly name: string;
    readonly email?: string | undefined;
    readonly phone?: string | undefined;
  };
  readonly language?: string | undefined;
}

/** A submission that passed the checks (text trimmed and NFC). */
export interface Submission {
  readonly kind: FeedbackKind;
  readonly servicePointCode: string | null;
  readonly dossierCode: string | null;
  readonly subject: string;
  readonly content: string;
  readonly contact: { readonly name: string; readonly email: string | null; readonly phone: string | null };
  readonly language: 'vi' | 'en';
}

export interface FieldProblem {
  /** The field, as a path (`contact/email`); pages map it to an input id. */
  readonly field: string;
  readonly code: string;
  readonly vi: string;
  readonly en: string;
}

export const LIMITS = { subject: 200, content: 5000, name: 200, email: 200, phone: 20, code: 64 } as const;

const clean = (s: string | undefined): string => (s ?? '').normalize('NFC').trim();

/** Checks a submission; either the cleaned value or every problem. */
export function checkSubmission(
  input: SubmissionInput,
): { ok: true; value: Submission } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const add = (field: string, code: string, vi: string, en: string) => problems.push({ field, code, vi, en });
  const kind = clean(input.kind);
  if (!(FEEDBACK_KINDS as readonly string[]).includes(kind))
    add('kind', 'required', 'Chọn loại: phản ánh hoặc kiến nghị', 'Choose the kind: feedback or complaint');
  const servicePointCode = clean(input.servicePointCode);
  const dossierCode = clean(input.dossierCode).toUpperCase();
  if (!servicePointCode && !dossierCode)
    add(
      'servicePointCode',
      'required',
      'Chọn nơi tiếp nhận hoặc nhập mã hồ sơ',
      'Choose the service point or enter the dossier code',
    );
  if (dossierCode && (dossierCode.length > LIMITS.code || !/^[A-Z0-9.]+-\d{6}-\d{4}$/.test(dossierCode)))
    add(
      'dossierCode',
      'format',
      'Mã hồ sơ có dạng như H21.52-260302-0001',
      'A dossier code looks like H21.52-260302-0001',
    );
  if (servicePointCode.length > LIMITS.code)
    add('servicePointCode', 'format', 'Nơi tiếp nhận không hợp lệ', 'The service point is not valid');
  const subject = clean(input.subject);
  if (!subject) add('subject', 'required', 'Nhập tiêu đề', 'Enter a subject');
  else if (subject.length > LIMITS.subject)
    add(
      'subject',
      'too_long',
      `Tiêu đề tối đa ${LIMITS.subject} ký tự`,
      `The subject must be ${LIMITS.subject} characters or fewer`,
    );
  const content = clean(input.content);
  if (!content) add('content', 'required', 'Nhập nội dung phản ánh, kiến nghị', 'Enter your feedback');
  else if (content.length > LIMITS.content)
    add(
      'content',
      'too_long',
      `Nội dung tối đa ${LIMITS.content} ký tự`,
      `The content must be ${LIMITS.content} characters or fewer`,
    );
  const name = clean(input.contact.name);
  if (!name) add('contact/name', 'required', 'Nhập họ và tên', 'Enter your full name');
  else if (name.length > LIMITS.name)
    add('contact/name', 'too_long', 'Họ và tên quá dài', 'The name is too long');
  const email = clean(input.contact.email);
  const phone = clean(input.contact.phone);
  if (!email && !phone)
    add(
      'contact/email',
      'required',
      'Nhập thư điện tử hoặc số điện thoại để nhận trả lời',
      'Enter an e-mail address or a phone number to get the answer',
    );
  if (email && (email.length > LIMITS.email || !isEmailAddress(email)))
    add(
      'contact/email',
      'format',
      'Nhập thư điện tử đúng dạng, như ten@example.vn',
      'Enter an e-mail address in the right format, like name@example.vn',
    );
  if (phone && (phone.length > LIMITS.phone || !toE164(phone)))
    add(
      'contact/phone',
      'format',
      'Nhập số điện thoại Việt Nam, như 0912345678',
      'Enter a Vietnamese phone number, like 0912345678',
    );
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      kind: kind as FeedbackKind,
      servicePointCode: servicePointCode || null,
      dossierCode: dossierCode || null,
      subject,
      content,
      contact: { name, email: email || null, phone: phone || null },
      language: clean(input.language) === 'en' ? 'en' : 'vi',
    },
  };
}

/** PAKN-YYYYMMDD-NNNN from the local receipt date and the day's number. */
export function referenceOf(localDate: string, no: number): string {
  return `PAKN-${localDate.replaceAll('-', '')}-${String(no).padStart(4, '0')}`;
}

export const REFERENCE_RE = /^PAKN-\d{8}-\d{4,}$/;
