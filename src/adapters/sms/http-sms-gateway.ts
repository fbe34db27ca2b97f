/**
 * SMS through an HTTP gateway (the contract is in docs/notifications.md):
 *
 *   POST <MOTCUA_SMS_URL>
 *   Authorization: Bearer <MOTCUA_SMS_TOKEN>
 *   Content-Type: application/json; charset=utf-8
 *   Idempotency-Key: <reference>
 *   {"to": "+84912345678", "text": "MotCua: Ho so …", "reference": "notification-42"}
 *
 * 2xx: accepted; the body `{"id": "…"}` is the gateway's message id (optional).
 * 4xx (but 408 and 429): refused for good (bad number, bad request, bad token) → permanent.
 * 408, 429, 5xx, connection errors and timeouts → retryable.
 * Nothing here logs; error texts are redacted (a gateway may echo the number).
 */
import { redactError } from '../../modules/notifications/domain.ts';
import {
  DeliveryError,
  type SendReceipt,
  type SmsGateway,
  type SmsMessage,
} from '../../modules/notifications/ports.ts';

/** Gateway settings (MOTCUA_SMS_URL, MOTCUA_SMS_TOKEN). */
export interface HttpSmsGatewayOptions {
  readonly url: string;
  readonly token: string;
  /** Whole request, connect to body (default 10 s). */
  readonly timeoutMs?: number;
}

/** The SmsGateway port over HTTP. */
export class HttpSmsGateway implements SmsGateway {
  constructor(private readonly options: HttpSmsGatewayOptions) {}

  async send(message: SmsMessage): Promise<SendReceipt> {
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.options.token}`,
          'content-type': 'application/json; charset=utf-8',
          accept: 'application/json',
          'idempotency-key': message.reference,
        },
        body: JSON.stringify({ to: message.to, text: message.text, reference: message.reference }),
        redirect: 'error',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      const e = error as { name?: unknown; cause?: { code?: unknown } };
      const why =
        e.name === 'TimeoutError' || e.name === 'AbortError'
          ? 'timeout'
          : typeof e.cause?.code === 'string'
            ? e.cause.code
            : error instanceof Error
              ? error.message
              : 'network error';
      throw new DeliveryError('retryable', `sms gateway: ${redactError(why)}`);
    }
    const body = await response.text().catch(() => '');
    if (response.ok) {
      let id: unknown;
      try {
        id = (JSON.parse(body) as { id?: unknown }).id;
      } catch {
        id = undefined;
      }
      return { providerMessageId: typeof id === 'string' || typeof id === 'number' ? String(id) : null };
    }
    const status = response.status;
    const retryable = status >= 500 || status === 408 || status === 429;
    const detail = redactError(body).slice(0, 120);
    throw new DeliveryError(
      retryable ? 'retryable' : 'permanent',
      `sms gateway HTTP ${status}${detail ? `: ${detail}` : ''}`,
    );
  }
}
