/**
 * The ports the dispatcher sends through. Adapters: src/adapters/mail/smtp-mailer.ts (SMTP) and
 * src/adapters/sms/http-sms-gateway.ts (HTTP SMS gateway); tests may pass their own.
 *
 * An adapter either resolves (the provider accepted the message) or throws. A `DeliveryError`
 * says whether trying again can help (`retryable`: connection refused, timeout, SMTP 4xx, HTTP 5xx)
 * or not (`permanent`: SMTP 5xx for the recipient, HTTP 4xx); its `message` must hold no personal
 * data (the dispatcher also redacts it). Any other error counts as retryable.
 */

/** An e-mail to one recipient. */
export interface EmailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string | undefined;
  /** Stable per notification (`notification-<id>`): the Message-ID, so a duplicate can be recognised. */
  readonly reference: string;
}

/** An SMS to one recipient. */
export interface SmsMessage {
  /** E.164, e.g. `+84912345678`. */
  readonly to: string;
  /** GSM 7-bit text. */
  readonly text: string;
  /** Stable per notification (`notification-<id>`): gateways should treat a repeat as the same message. */
  readonly reference: string;
}

/** What the provider said when it accepted a message. */
export interface SendReceipt {
  /** The provider's id for the message (SMTP Message-ID / queue id, gateway `id`), if it gave one. */
  readonly providerMessageId: string | null;
}

/** Sends e-mail. */
export interface Mailer {
  send(message: EmailMessage): Promise<SendReceipt>;
  /** Releases connections (on shutdown). */
  close?(): Promise<void>;
}

/** Sends SMS. */
export interface SmsGateway {
  send(message: SmsMessage): Promise<SendReceipt>;
}

/** A failed send, classified. `message` is safe to store and log: no address, no phone number. */
export class DeliveryError extends Error {
  constructor(
    readonly kind: 'retryable' | 'permanent',
    message: string,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** True for a DeliveryError. */
export function isDeliveryError(value: unknown): value is DeliveryError {
  return value instanceof DeliveryError;
}
