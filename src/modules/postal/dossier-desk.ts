/**
 * The port through which the postal module uses dossiers, and its adapter over the dossiers
 * module's DossierService.
 *
 * The postal flow needs four things from a dossier: its facts (state, procedure, applicant) to
 * accept a request; submitting a postal-channel dossier when the post brings a paper dossier that
 * has no code yet; the clerk's receipt (`submitted → received`) when the clerk takes the item over;
 * and the return of the result by post (`result_ready → returned`, with the tracking number) when
 * the clerk hands it to a courier.
 *
 * Transactions: DossierService runs each change in its own transaction (with an idempotency key).
 * The postal service therefore calls the port first, with keys derived from the tracking number
 * (a retry replays the dossier's stored answer), then records the postal event in its own
 * transaction; a retry after a failure finds the dossier already received and goes on. When the
 * dossiers module offers a receive that joins a caller's transaction, `receive` should take the
 * Tx and both commit together (docs/postal.md §What the other modules owe).
 */
import type { Database } from '../../adapters/db/database.ts';
import { AppError } from '../../kernel/errors.ts';
import type { Actor } from '../access/domain.ts';
import type { ProcedureVersion } from '../catalog/domain/procedure.ts';
import { loadDossier } from '../dossiers/dossiers.repository.ts';
import type { DossierService } from '../dossiers/dossiers.service.ts';
import type { Applicant, DossierStatus } from '../dossiers/domain/types.ts';
import type { ChargedFee, TickedDocument } from '../dossiers/domain/intake.ts';

/** What the postal module reads of a dossier (personal data: the applicant; the caller audits the read). */
export interface DossierFacts {
  readonly code: string;
  readonly status: DossierStatus;
  readonly version: number;
  readonly channel: 'counter' | 'online' | 'postal';
  readonly procedureCode: string;
  readonly procedureVersionId: string;
  readonly procedureName: string;
  readonly servicePointCode: string;
  readonly unitAncestors: readonly string[];
  readonly applicant: Applicant;
  /** Fee rows not yet paid (seq, amount). */
  readonly unpaidFees: readonly { readonly seq: number; readonly amountVnd: number }[];
  readonly feesBlockReturn: boolean;
}

/** A paper dossier the post collected, to be submitted through the postal channel. */
export interface PostalSubmission {
  readonly procedureCode: string;
  readonly servicePointCode: string;
  readonly applicant: Applicant;
  readonly documents: readonly TickedDocument[];
  readonly returnMethod: 'counter' | 'postal';
  readonly deliveryAddress?: string | undefined;
  /** Fee items charged, with the cash payment the courier collected (receipt = tracking number). */
  readonly fees?: readonly ChargedFee[] | undefined;
}

export interface DossierDesk {
  facts(code: string): Promise<DossierFacts | undefined>;
  /** The procedure version a dossier or request refers to, and the one in force today. */
  versionById(id: string): Promise<{ id: string; version: ProcedureVersion } | undefined>;
  versionInForce(code: string, at: string): Promise<{ id: string; version: ProcedureVersion } | undefined>;
  /** Opens a `submitted` postal-channel dossier; DOSSIER_INCOMPLETE when documents are missing. */
  submitPostal(actor: Actor, input: PostalSubmission, now: Date, key: string): Promise<{ code: string }>;
  /** `submitted → received` by a clerk of the dossier's service point. */
  receive(actor: Actor, code: string, now: Date, key: string): Promise<void>;
  /** Records cash payments of unpaid fees collected by the courier at pickup. */
  recordCashPayments(
    actor: Actor,
    code: string,
    receiptNumber: string,
    now: Date,
    key: string,
  ): Promise<void>;
  /** `result_ready → returned` by post, with the delivery item's tracking number. */
  returnByPost(actor: Actor, code: string, trackingNumber: string, now: Date, key: string): Promise<void>;
}

/** The adapter over the dossiers module. */
export class DossierServiceDesk implements DossierDesk {
  constructor(
    private readonly dossiers: DossierService,
    private readonly database: Database,
  ) {}

  async facts(code: string): Promise<DossierFacts | undefined> {
    const d = await loadDossier(this.database.db, code);
    if (!d) return undefined;
    return {
      code: d.code,
      status: d.status,
      version: d.version,
      channel: d.channel,
      procedureCode: d.procedure.code,
      procedureVersionId: d.procedure.versionId,
      procedureName: d.procedure.name,
      servicePointCode: d.servicePoint.code,
      unitAncestors: d.unitAncestors,
      applicant: d.applicant,
      unpaidFees: d.fees
        .filter((f) => f.payment === null && f.amountVnd > 0)
        .map((f) => ({ seq: f.seq, amountVnd: f.amountVnd })),
      feesBlockReturn: d.procedure.feesBlockReturn,
    };
  }

  versionById(id: string) {
    return this.dossiers.procedures.versionById(id);
  }

  versionInForce(code: string, at: string) {
    return this.dossiers.procedures.versionInForce(code, at);
  }

  async submitPostal(
    actor: Actor,
    input: PostalSubmission,
    now: Date,
    key: string,
  ): Promise<{ code: string }> {
    const result = await this.dossiers.intake(
      actor,
      {
        procedureCode: input.procedureCode,
        servicePointCode: input.servicePointCode,
        channel: 'postal',
        applicant: input.applicant,
        documents: input.documents,
        returnMethod: input.returnMethod,
        deliveryAddress: input.deliveryAddress,
        fees: input.fees,
      },
      now,
      key,
    );
    const code = result.body.code;
    if (result.status === 201 && typeof code === 'string') return { code };
    throw new AppError('DOSSIER_INCOMPLETE', {
      details: { missing: result.body.missing, guidanceId: result.body.guidanceId },
    });
  }

  private async act(
    actor: Actor,
    code: string,
    body: Record<string, unknown>,
    now: Date,
    key: string,
  ): Promise<void> {
    const d = await loadDossier(this.database.db, code);
    if (!d) throw new AppError('DOSSIER_NOT_FOUND', { details: { code } });
    await this.dossiers.act(
      actor,
      code,
      { ...body, version: d.version } as Parameters<DossierService['act']>[2],
      now,
      key,
    );
  }

  receive(actor: Actor, code: string, now: Date, key: string): Promise<void> {
    return this.act(actor, code, { action: 'receive' }, now, key);
  }

  async recordCashPayments(
    actor: Actor,
    code: string,
    receiptNumber: string,
    now: Date,
    key: string,
  ): Promise<void> {
    const facts = await this.facts(code);
    for (const fee of facts?.unpaidFees ?? [])
      await this.act(
        actor,
        code,
        { action: 'record-payment', feeSeq: fee.seq, method: 'cash', receiptNumber },
        now,
        `${key}:${fee.seq}`,
      );
  }

  returnByPost(actor: Actor, code: string, trackingNumber: string, now: Date, key: string): Promise<void> {
    return this.act(
      actor,
      code,
      { action: 'return', method: 'postal', postalItemNumber: trackingNumber },
      now,
      key,
    );
  }
}
