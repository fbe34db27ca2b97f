/**
 * E-mail over SMTP with nodemailer: one connection per message (no pool: the dispatcher sends a few
 * messages a minute), timeouts on connect, greeting and socket, STARTTLS when the server offers it
 * (or implicit TLS with `secure`). Errors are classified for the dispatcher: a recipient or message
 * refused with an SMTP 5xx is permanent; connection problems, timeouts, 4xx replies and
 * authentication failures (a configuration problem, not the message's) are retryable.
 * Nothing here logs; error messages are redacted (SMTP replies echo the recipient's address).
 */
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { redactError } from '../../modules/notifications/domain.ts';
import {
  DeliveryError,
  type EmailMessage,
  type Mailer,
  type SendReceipt,
} from '../../modules/notifications/ports.ts';

/** SMTP settings (MOTCUA_SMTP_* in README's configuration table). */
export interface SmtpMailerOptions {
  readonly host: string;
  readonly port: number;
  /** Implicit TLS (port 465). When false, STARTTLS is used if the server offers it. */
  readonly secure: boolean;
  readonly user?: string | undefined;
  readonly pass?: string | undefined;
  /** The From header, e.g. `MotCua Bưu điện Gia Lai <no-reply@motcua.example.vn>`. */
  readonly from: string;
  readonly connectionTimeoutMs?: number;
  readonly greetingTimeoutMs?: number;
  readonly socketTimeoutMs?: number;
}

/** The shape of nodemailer's errors (SMTPConnection.SMTPError). */
interface SmtpErrorLike {
  readonly code?: unknown;
  readonly responseCode?: unknown;
  readonly command?: unknown;
  readonly message?: unknown;
}

/** Classifies a nodemailer error; the message keeps the error code and SMTP reply code, redacted. */
export function classifySmtpError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as SmtpErrorLike;
  const code = typeof e.code === 'string' ? e.code : 'ERROR';
  const reply = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const text = typeof e.message === 'string' ? e.message : String(error);
  const message = `smtp ${code}${reply ? ` ${reply}` : ''}: ${redactError(text)}`;
  // The recipient or the message itself was refused for good.
  const refusedForGood =
    (code === 'EENVELOPE' && (reply === undefined || reply >= 500)) ||
    (code === 'EMESSAGE' && reply !== undefined && reply >= 500);
  return new DeliveryError(refusedForGood ? 'permanent' : 'retryable', message);
}

/** The Mailer port over SMTP. */
export class SmtpMailer implements Mailer {
  readonly #transport: Transporter<SMTPTransport.SentMessageInfo>;
  readonly #from: string;
  readonly #domain: string;

  constructor(options: SmtpMailerOptions) {
    this.#from = options.from;
    const fromAddress = /<([^>]+)>/.exec(options.from)?.[1] ?? options.from;
    this.#domain = fromAddress.includes('@')
      ? fromAddress.slice(fromAddress.lastIndexOf('@') + 1)
      : 'motcua.invalid';
    this.#transport = nodemailer.createTransport({
      host: options.host,
      port: options.port,
      secure: options.secure,
      ...(options.user ? { auth: { user: options.user, pass: options.pass ?? '' } } : {}),
      connectionTimeout: options.connectionTimeoutMs ?? 10_000,
      greetingTimeout: options.greetingTimeoutMs ?? 10_000,
      socketTimeout: options.socketTimeoutMs ?? 30_000,
      disableFileAccess: true,
      disableUrlAccess: true,
      logger: false,
      debug: false,
    });
  }

  async send(message: EmailMessage): Promise<SendReceipt> {
    let info: SMTPTransport.SentMessageInfo;
    try {
      info = await this.#transport.sendMail({
        from: this.#from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        messageId: `<${message.reference}@${this.#domain}>`,
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
      });
    } catch (error) {
      throw classifySmtpError(error);
    }
    if (info.accepted.length === 0) throw new DeliveryError('permanent', 'smtp EENVELOPE: recipient refused');
    return { providerMessageId: info.messageId || null };
  }

  async close(): Promise<void> {
    this.#transport.close();
  }
}
