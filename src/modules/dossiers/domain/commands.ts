/**
 * Turns the body of `POST /api/v1/dossiers/{code}/actions` into a typed command. The HTTP schema
 * has already checked types and enums; this checks which fields each action needs, reporting every
 * missing field at once (VALIDATION_FAILED with invalidParams), before anything is loaded.
 */
import { AppError, err, ok, type InvalidParam, type Result } from '../../../kernel/errors.ts';
import type { DossierAction, DossierCommand } from './lifecycle.ts';
import type { PaymentMethod, ReturnMethod } from './types.ts';

/** The action body as the HTTP schema accepts it: `action`, `version`, and the action's fields. */
export interface ActionBody {
  readonly action: DossierAction;
  readonly version: number;
  readonly reason?: string | undefined;
  readonly items?: readonly string[] | undefined;
  readonly note?: string | undefined;
  readonly receiverName?: string | undefined;
  readonly giver?: { readonly name: string; readonly unit: string } | undefined;
  readonly receiver?: { readonly name: string; readonly unit: string } | undefined;
  readonly stepName?: string | undefined;
  readonly legalBasis?: string | undefined;
  readonly newDueAt?: string | undefined;
  readonly result?:
    | {
        readonly kind: 'electronic' | 'paper';
        readonly number: string;
        readonly fileSha256?: string | undefined;
      }
    | undefined;
  readonly method?: string | undefined;
  readonly identity?: 'id_document' | 'authorisation' | undefined;
  readonly authorisationRef?: string | undefined;
  readonly postalItemNumber?: string | undefined;
  readonly feeSeq?: number | undefined;
  readonly receiptNumber?: string | undefined;
}

const RETURN_METHODS: readonly string[] = ['counter', 'postal', 'online'];
const PAYMENT_METHODS: readonly string[] = ['cash', 'bank_transfer', 'vietqr', 'online'];

export function toCommand(body: ActionBody): Result<DossierCommand, AppError> {
  const problems: InvalidParam[] = [];
  const need = <T>(name: keyof ActionBody, value: T | undefined): T => {
    if (value === undefined || (typeof value === 'string' && value.trim() === ''))
      problems.push({ name: `body/${name}`, reason: `required for ${body.action}` });
    return value as T;
  };
  let command: DossierCommand;
  switch (body.action) {
    case 'receive':
      command = { action: 'receive' };
      break;
    case 'forward':
      command = { action: 'forward', receiverName: body.receiverName, note: body.note };
      break;
    case 'handover':
      command = {
        action: 'handover',
        giver: need('giver', body.giver),
        receiver: need('receiver', body.receiver),
        stepName: body.stepName,
        note: body.note,
      };
      break;
    case 'request-supplement':
      command = {
        action: 'request-supplement',
        reason: need('reason', body.reason),
        items: need('items', body.items) ?? [],
      };
      break;
    case 'supplement':
      command = { action: 'supplement', note: body.note };
      break;
    case 'reject':
    case 'withdraw':
      command = { action: body.action, reason: need('reason', body.reason) };
      break;
    case 'stop':
      command = { action: 'stop', reason: need('reason', body.reason), legalBasis: body.legalBasis };
      break;
    case 'apologize': {
      const text = need('newDueAt', body.newDueAt);
      const newDueAt = new Date(text ?? Number.NaN);
      if (text !== undefined && Number.isNaN(newDueAt.getTime()))
        problems.push({
          name: 'body/newDueAt',
          reason: 'an ISO 8601 instant, e.g. 2026-03-10T10:00:00+07:00',
        });
      command = { action: 'apologize', reason: need('reason', body.reason), newDueAt };
      break;
    }
    case 'complete':
      command = { action: 'complete', result: need('result', body.result) };
      break;
    case 'return': {
      const method = need('method', body.method);
      if (method !== undefined && !RETURN_METHODS.includes(method))
        problems.push({ name: 'body/method', reason: `one of ${RETURN_METHODS.join(', ')}` });
      command = {
        action: 'return',
        method: method as ReturnMethod,
        receiverName: body.receiverName,
        identity: body.identity,
        authorisationRef: body.authorisationRef,
        postalItemNumber: body.postalItemNumber,
      };
      break;
    }
    case 'record-payment': {
      const method = need('method', body.method);
      if (method !== undefined && !PAYMENT_METHODS.includes(method))
        problems.push({ name: 'body/method', reason: `one of ${PAYMENT_METHODS.join(', ')}` });
      command = {
        action: 'record-payment',
        feeSeq: need('feeSeq', body.feeSeq),
        method: method as PaymentMethod,
        receiptNumber: need('receiptNumber', body.receiptNumber),
      };
      break;
    }
  }
  return problems.length > 0
    ? err(new AppError('VALIDATION_FAILED', { invalidParams: problems }))
    : ok(command);
}
