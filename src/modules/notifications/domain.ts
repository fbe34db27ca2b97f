/**
 * Notifications, the pure part: which outbox topics become which messages, for whom; the retry
 * schedule; masking of recipients for staff; redaction of provider errors. No I/O, no clock.
 *
 * The outbox payload contract (what the dossiers module and, later, the postal module put in the
 * outbox) is documented in docs/notifications.md. Every field but `code` and a contact is optional:
 * templates leave out what is missing rather than fail.
 */
import type { TemplateData } from './templates.ts';

/** The channels a notification can travel by. */
export const CHANNELS = ['email', 'sms'] as const;
/** How a message travels. */
export type NotificationChannel = (typeof CHANNELS)[number];

/** Delivery statuses of a message (see NotificationStatus). */
export const STATUSES = ['queued', 'sent', 'failed', 'gave_up'] as const;
/**
 * `queued`: waiting for its first or next attempt; `sent`: accepted by the provider; `failed`: refused
 * for good by the provider (no automatic retry); `gave_up`: every automatic retry failed.
 */
export type NotificationStatus = (typeof STATUSES)[number];

/** Statuses staff can requeue. */
export const RETRYABLE_BY_STAFF: readonly NotificationStatus[] = ['failed', 'gave_up'];

/** Language of a message: Vietnamese unless the payload asks for English. */
export type Language = 'vi' | 'en';

/** The longest pause between two automatic attempts. */
export const MAX_RETRY_DELAY_MS = 6 * 60 * 60 * 1000;

/**
 * The pause after the `attempts`-th failed attempt: `baseMs × 2^(attempts−1)`, capped at six hours
 * (base 30 s: 30 s, 1 min, 2 min, 4 min … 4 h 16 min, 6 h). Deterministic, no jitter.
 */
export function retryDelayMs(attempts: number, baseMs: number): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 20));
  return Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** exponent);
}

// ---------------------------------------------------------------- recipients

const EMAIL_RE = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;

/** A plausible e-mail address (one @, a dot in the domain, no spaces or list separators). */
export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && EMAIL_RE.test(value);
}

/**
 * A Vietnamese phone number in E.164 (`+84…`), from `09xx…`, `84…` or `+84…` with spaces, dots or
 * dashes; undefined when it is not a 9–10 digit national number after the leading 0.
 */
export function toE164(phone: string): string | undefined {
  const compact = phone.replace(/[\s.()-]/g, '');
  let national: string;
  if (/^\+84\d+$/.test(compact)) national = compact.slice(3);
  else if (/^84\d{9,10}$/.test(compact)) national = compact.slice(2);
  else if (/^0\d+$/.test(compact)) national = compact.slice(1);
  else return undefined;
  if (!/^[1-9]\d{8,9}$/.test(national)) return undefined;
  return `+84${national}`;
}

/** `nguyen.van.a@gmail.com` → `n***@gmail.com`. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return '***';
  const local = address.slice(0, at);
  return `${local.slice(0, 1)}***@${address.slice(at + 1)}`;
}

/** `+84912345612` or `0912345612` → `09******12`. */
export function maskPhone(phone: string): string {
  const e164 = toE164(phone);
  const national = e164 ? `0${e164.slice(3)}` : phone.replace(/\D/g, '');
  if (national.length < 5) return '*'.repeat(national.length);
  return `${national.slice(0, 2)}${'*'.repeat(national.length - 4)}${national.slice(-2)}`;
}

/** The recipient as staff may see it. */
export function maskRecipient(channel: NotificationChannel, recipient: string): string {
  return channel === 'email' ? maskEmail(recipient) : maskPhone(recipient);
}

/**
 * Provider error text without personal data: e-mail addresses and digit runs that could be phone
 * or ID numbers are replaced, control characters dropped, length capped. SMTP replies echo the
 * recipient ("550 5.1.1 <a@b.vn>: Recipient address rejected"), so this runs on every stored error.
 */
export function redactError(text: string): string {
  return text
    .replace(/[^\s<>"']+@[^\s<>"']+/g, '<address>')
    .replace(/\+?\d[\d\s.-]{5,}\d/g, (run) => (run.replace(/\D/g, '').length >= 7 ? '<number>' : run))
    .replace(/[\p{Cc}\s]+/gu, ' ')
    .trim()
    .slice(0, 300);
}

// ---------------------------------------------------------------- outbox topics → messages

/** Topics turned into messages; every other topic is acknowledged without a message. */
export const HANDLED_TOPICS = [
  'dossier.submitted',
  'dossier.received',
  'dossier.supplement-requested',
  'dossier.apologized',
  'dossier.result-ready',
  'dossier.returned',
  'postal.out-for-delivery',
  'postal.delivered',
  'feedback.rejected',
  'feedback.info-requested',
  'feedback.answered',
] as const;

/** Feedback (PAKN) topics: the item's reference stands where a dossier's code does. */
const FEEDBACK_OUTCOMES = {
  'feedback.rejected': { outcome: 'rejected', text: 'reason' },
  'feedback.info-requested': { outcome: 'info-requested', text: 'request' },
  'feedback.answered': { outcome: 'answered', text: 'answer' },
} as const;

/** One message to create, before rendering. `problem` set: the recipient is unusable (message created `failed`). */
export interface PlannedRecipient {
  readonly channel: NotificationChannel;
  readonly recipient: string;
  readonly problem?: string;
}

/** What one outbox event becomes (see planNotifications). */
export type NotificationPlan =
  | { readonly kind: 'ignore'; readonly reason: string }
  | { readonly kind: 'invalid'; readonly reason: string }
  | {
      readonly kind: 'notify';
      readonly dossierCode: string;
      readonly servicePointCode: string | null;
      readonly language: Language;
      readonly recipients: readonly PlannedRecipient[];
      readonly data: TemplateData;
    };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

function instant(v: unknown): Date | undefined {
  const s = str(v);
  if (!s) return undefined;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function place(v: unknown): { name: string; address?: string } | undefined {
  if (!isObject(v)) return undefined;
  const name = str(v.name);
  if (!name) return undefined;
  const address = str(v.address);
  return address ? { name, address } : { name };
}

const CODE_RE = /^(.+)-\d{6}-\d{4}$/;

/** The service point code a dossier code starts with (`H21.52-260302-0001` → `H21.52`). */
export function servicePointOfCode(code: string): string | null {
  return CODE_RE.exec(code)?.[1] ?? null;
}

function recipientsOf(payload: Json): PlannedRecipient[] {
  const contact = isObject(payload.contact) ? payload.contact : {};
  const out: PlannedRecipient[] = [];
  const email = str(contact.email);
  if (email)
    out.push(
      isEmailAddress(email)
        ? { channel: 'email', recipient: email }
        : { channel: 'email', recipient: email, problem: 'recipient: not a valid e-mail address' },
    );
  const phone = str(contact.phone);
  if (phone) {
    const e164 = toE164(phone);
    out.push(
      e164
        ? { channel: 'sms', recipient: e164 }
        : { channel: 'sms', recipient: phone, problem: 'recipient: not a Vietnamese phone number' },
    );
  }
  return out;
}

/** Reads the optional `language` of a payload (`vi` unless `en`). */
function languageOf(payload: Json): Language {
  const l = str(payload.language) ?? str(payload.lang);
  return l?.toLowerCase().startsWith('en') ? 'en' : 'vi';
}

function dataFor(topic: string, p: Json, code: string): TemplateData | { invalid: string } | undefined {
  const procedureName = str(p.procedureName);
  const servicePoint = place(p.servicePoint);
  const common = {
    code,
    ...(procedureName ? { procedureName } : {}),
    ...(servicePoint ? { servicePoint } : {}),
  };
  if (topic in FEEDBACK_OUTCOMES) {
    const { outcome, text } = FEEDBACK_OUTCOMES[topic as keyof typeof FEEDBACK_OUTCOMES];
    const subject = str(p.subject);
    const body = str(p[text]);
    return {
      template: 'feedback-update',
      code,
      outcome,
      ...(subject ? { subject } : {}),
      ...(body ? { text: body } : {}),
    };
  }
  switch (topic) {
    case 'dossier.submitted':
      return { template: 'submitted', ...common };
    case 'dossier.received': {
      const appointmentAt = instant(p.dueAt) ?? instant(p.appointmentAt);
      return { template: 'received', ...common, ...(appointmentAt ? { appointmentAt } : {}) };
    }
    case 'dossier.supplement-requested': {
      const items = Array.isArray(p.items) ? p.items.map(str).filter((x): x is string => !!x) : [];
      const reason = str(p.reason);
      return { template: 'supplement-requested', ...common, items, ...(reason ? { reason } : {}) };
    }
    case 'dossier.apologized': {
      const newDueAt = instant(p.newDueAt);
      if (!newDueAt) return { invalid: 'dossier.apologized without a valid newDueAt' };
      const previousDueAt = instant(p.previousDueAt);
      const reason = str(p.reason);
      return {
        template: 'apology',
        ...common,
        newDueAt,
        ...(previousDueAt ? { previousDueAt } : {}),
        ...(reason ? { reason } : {}),
      };
    }
    case 'dossier.result-ready': {
      const m = str(p.returnMethod);
      const returnMethod = m === 'counter' || m === 'postal' || m === 'online' ? m : undefined;
      return { template: 'result-ready', ...common, ...(returnMethod ? { returnMethod } : {}) };
    }
    case 'dossier.returned': {
      // Handed to the post: the postal module tells the applicant (postal.out-for-delivery, postal.delivered).
      const method = str(p.method) ?? str(p.returnMethod);
      if (method === 'postal') return undefined;
      return { template: 'rating-invitation', ...common };
    }
    case 'postal.out-for-delivery': {
      const trackingNumber = str(p.trackingNumber) ?? str(p.postalItemNumber);
      return { template: 'out-for-delivery', ...common, ...(trackingNumber ? { trackingNumber } : {}) };
    }
    case 'postal.delivered': {
      const deliveredAt = instant(p.deliveredAt);
      const trackingNumber = str(p.trackingNumber) ?? str(p.postalItemNumber);
      return {
        template: 'delivered',
        ...common,
        ...(deliveredAt ? { deliveredAt } : {}),
        ...(trackingNumber ? { trackingNumber } : {}),
      };
    }
    default:
      return undefined;
  }
}

/**
 * What to send for one outbox event: nothing (`ignore`: a topic we do not handle, or no contact),
 * a payload we cannot use (`invalid`: kept in the outbox and retried, visible to staff), or the
 * template data and recipients. Only whitelisted fields are read, so a payload carrying more
 * (an ID number, an address) cannot leak into a message.
 */
export function planNotifications(topic: string, payload: unknown): NotificationPlan {
  if (!(HANDLED_TOPICS as readonly string[]).includes(topic))
    return { kind: 'ignore', reason: 'topic not handled' };
  if (!isObject(payload)) return { kind: 'invalid', reason: `${topic}: payload is not an object` };
  const code = str(payload.code) ?? str(payload.dossierCode) ?? str(payload.reference);
  if (!code)
    // A postal item need not belong to a dossier; a dossier event without its code is a bug.
    return topic.startsWith('postal.')
      ? { kind: 'ignore', reason: 'no dossier code' }
      : { kind: 'invalid', reason: `${topic}: payload has no dossier code` };
  const data = dataFor(topic, payload, code);
  if (!data) return { kind: 'ignore', reason: 'topic not handled' };
  if ('invalid' in data) return { kind: 'invalid', reason: data.invalid };
  const recipients = recipientsOf(payload);
  if (recipients.length === 0) return { kind: 'ignore', reason: 'no contact' };
  const servicePointCode =
    (isObject(payload.servicePoint) ? str(payload.servicePoint.code) : undefined) ??
    str(payload.servicePointCode) ??
    servicePointOfCode(code);
  return {
    kind: 'notify',
    dossierCode: code,
    servicePointCode,
    language: languageOf(payload),
    recipients,
    data,
  };
}
