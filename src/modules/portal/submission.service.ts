/**
 * Online submission (nộp hồ sơ trực tuyến) by an identified citizen: the wizard's server-side draft
 * and the submission itself, which opens a dossier `submitted` through the online channel. A clerk
 * then receives it (dossiers module). The dossier, its events, files, audit event, outbox row
 * (`dossier.submitted`: the citizen gets a confirmation e-mail/SMS) and the idempotency record are
 * written in one transaction, as for the counter intake (dossiers.service.ts), whose pure rules
 * (applicant checks, completeness, channel, code) are reused as they are.
 */
import { randomUUID } from 'node:crypto';
import { randomSecret } from '../../adapters/crypto/password.ts';
import { and, asc, eq } from 'drizzle-orm';
import type { Database, Tx } from '../../adapters/db/database.ts';
import { AppError, type InvalidParam } from '../../kernel/errors.ts';
import { coversDate, localDateOf } from '../../kernel/local-date.ts';
import type { ProcedureVersion } from '../catalog/domain/procedure.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { checkUpload, type CheckedUpload } from '../documents/uploads.ts';
import type { CalendarSource } from '../dossiers/calendar-source.ts';
import { formatDossierCode, MAX_DAILY_SEQUENCE } from '../dossiers/domain/dossier-code.ts';
import {
  buildFees,
  channelProblems,
  checkCompleteness,
  offeredAt,
  openDossier,
  phoneLast4,
  snapshotOf,
  validateApplicant,
  type MissingItem,
  type TickedDocument,
} from '../dossiers/domain/intake.ts';
import type { Applicant, ReturnMethod, ServicePointRef } from '../dossiers/domain/types.ts';
import * as dossierRepo from '../dossiers/dossiers.repository.ts';
import { loadDossierSettings } from '../dossiers/dossiers.service.ts';
import type { ProcedureSource, SourcedProcedure } from '../dossiers/procedure-source.ts';
import type { Citizen } from '../identity/domain.ts';
import type { OrgService } from '../org/org.service.ts';
import { enqueueOutbox } from '../outbox/outbox.repository.ts';
import { submissionDraftFiles, submissionDrafts } from './submission.tables.ts';
import { sha256Hex, stableJson } from '../../kernel/request-hash.ts';

/** A procedure that may be submitted online, with the service points that offer it today. */
export interface OnlineProcedure {
  readonly sourced: SourcedProcedure;
  readonly servicePoints: readonly ServicePointRef[];
}

/** A file for the submission: checked bytes (API) or a file already stored by the wizard. */
export interface SubmissionFile {
  readonly documentIndex: number;
  readonly fileName: string;
  readonly checked: Pick<CheckedUpload, 'sha256' | 'contentType' | 'size'>;
  /** Present when the bytes still need storing (API uploads). */
  readonly bytes?: Buffer | undefined;
}

export interface SubmissionInput {
  readonly procedureCode: string;
  readonly servicePointCode?: string | undefined;
  readonly applicant: Applicant;
  readonly returnMethod: ReturnMethod;
  readonly deliveryAddress?: string | undefined;
  readonly files: readonly SubmissionFile[];
}

export interface SubmissionResult {
  readonly status: number;
  readonly body: { code: string; status: 'submitted'; submittedAt: string; lookupToken?: string };
  readonly replayed: boolean;
}

export interface DraftView {
  readonly id: string;
  readonly procedureCode: string;
  readonly servicePointCode: string | null;
  readonly applicant: Applicant | null;
  readonly returnMethod: ReturnMethod | null;
  readonly deliveryAddress: string | null;
  readonly dossierCode: string | null;
  readonly files: readonly { documentIndex: number; fileName: string; contentType: string; size: number }[];
}

/** Which return methods the procedure allows (QĐ 45/2016: post only if it returns by post; online only for electronic results). */
export function returnMethodsOf(v: ProcedureVersion): ReturnMethod[] {
  return (['counter', 'postal', 'online'] as const).filter(
    (m) => channelProblems(v, 'online', m).length === 0,
  );
}

export class SubmissionService {
  constructor(
    private readonly database: Database,
    private readonly org: OrgService,
    private readonly procedures: ProcedureSource,
    private readonly calendars: CalendarSource,
  ) {}

  /** The procedure in force today if it is offered online (full or partial), else SUBMISSION_NOT_ONLINE. */
  async onlineProcedure(code: string, now: Date): Promise<OnlineProcedure> {
    const today = localDateOf(now);
    const sourced = await this.procedures.versionInForce(code, today);
    if (!sourced) throw new AppError('DOSSIER_PROCEDURE_NOT_IN_FORCE', { details: { procedureCode: code } });
    if (sourced.version.onlineLevel === 'none')
      throw new AppError('SUBMISSION_NOT_ONLINE', { details: { procedureCode: code } });
    const points = await this.org.listServicePoints({ at: today });
    const servicePoints = points
      .map((sp) => ({
        code: sp.code,
        name: sp.name,
        level: sp.level,
        unitCode: sp.unitCode,
        address: sp.address,
      }))
      .filter((sp) => offeredAt(sourced.version, sp))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    return { sourced, servicePoints };
  }

  // ------------------------------------------------------------ submission

  /**
   * Submits a dossier online for the citizen. Checks like the counter intake (applicant, channel,
   * return method, documents: every mandatory document needs its scan), but incomplete is refused
   * (422 SUBMISSION_INCOMPLETE listing what is missing) rather than recorded as guidance.
   */
  async submit(citizen: Citizen, input: SubmissionInput, now: Date, key?: string): Promise<SubmissionResult> {
    const problems: InvalidParam[] = validateApplicant(input.applicant);
    if (input.returnMethod === 'postal' && !input.deliveryAddress?.trim())
      problems.push({ name: 'body/deliveryAddress', reason: 'required when the result is returned by post' });
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { invalidParams: problems });

    const scopedKey = key === undefined ? undefined : `citizen:${citizen.sessionHash.slice(0, 32)}:${key}`;
    const requestHash = sha256Hex(
      stableJson({
        route: 'POST /api/v1/public/submissions',
        body: { ...input, files: input.files.map((f) => ({ ...f, bytes: undefined })) },
      }),
    );
    const replay = async (): Promise<SubmissionResult | undefined> => {
      if (!scopedKey) return undefined;
      const stored = await dossierRepo.findIdempotent(this.database.db, scopedKey);
      if (!stored) return undefined;
      if (stored.requestHash !== requestHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
      return { status: stored.status, body: stored.body as SubmissionResult['body'], replayed: true };
    };
    const earlier = await replay();
    if (earlier) return earlier;

    // Reads before the transaction (PGlite is one session).
    const today = localDateOf(now);
    const { sourced, servicePoints } = await this.onlineProcedure(input.procedureCode, now);
    const v = sourced.version;
    const servicePoint =
      input.servicePointCode === undefined
        ? servicePoints.length === 1
          ? servicePoints[0]
          : undefined
        : servicePoints.find((sp) => sp.code === input.servicePointCode);
    if (!servicePoint)
      throw new AppError('VALIDATION_FAILED', {
        invalidParams: [
          {
            name: 'body/servicePointCode',
            reason:
              input.servicePointCode === undefined
                ? 'required: the procedure is offered at several service points'
                : 'a service point that offers the procedure online',
          },
        ],
      });
    const sp = await this.org.servicePoint(servicePoint.code);
    if (!coversDate(sp.validFrom, sp.validTo, today))
      throw new AppError('DOSSIER_SERVICE_POINT_CLOSED', { details: { servicePoint: sp.code, date: today } });
    const channel = channelProblems(v, 'online', input.returnMethod);
    if (channel.length > 0)
      throw new AppError('DOSSIER_CHANNEL_NOT_OFFERED', { details: { problems: channel } });
    const badIndex = input.files
      .map((f, i) => ({ f, i }))
      .filter(({ f }) => f.documentIndex < 1 || f.documentIndex > v.documents.length)
      .map(({ i }) => ({
        name: `body/files/${i}/documentIndex`,
        reason: `the procedure has documents 1..${v.documents.length}`,
      }));
    if (badIndex.length > 0) throw new AppError('VALIDATION_FAILED', { invalidParams: badIndex });
    const ticked: TickedDocument[] = [...new Set(input.files.map((f) => f.documentIndex))].map((index) => {
      const doc = v.documents[index - 1]!;
      return { index, form: doc.form, count: doc.count, attached: true, reused: false };
    });
    const missing: MissingItem[] = checkCompleteness(v, ticked, 'online');
    if (missing.length > 0) throw new AppError('SUBMISSION_INCOMPLETE', { details: { missing } });
    const unitAncestors = await this.org.unitAncestors(sp.unitCode, today);
    const calendar = await this.calendars.calendarFor(sp.code);

    try {
      const result = await this.database.transaction(async (tx) => {
        const answer = await this.write(
          tx,
          citizen,
          input,
          { sourced, servicePoint, unitAncestors, calendar, ticked, today },
          now,
        );
        if (scopedKey) await dossierRepo.saveIdempotent(tx, scopedKey, { requestHash, ...answer }, now);
        return answer;
      });
      return { ...result, replayed: false };
    } catch (error) {
      const stored = scopedKey ? await replay() : undefined;
      if (stored) return stored;
      throw error;
    }
  }

  private async write(
    tx: Tx,
    citizen: Citizen,
    input: SubmissionInput,
    p: {
      sourced: SourcedProcedure;
      servicePoint: ServicePointRef;
      unitAncestors: string[];
      calendar: Awaited<ReturnType<CalendarSource['calendarFor']>>;
      ticked: TickedDocument[];
      today: string;
    },
    now: Date,
  ): Promise<{ status: number; body: SubmissionResult['body'] }> {
    const sequence = await dossierRepo.allocateSequence(tx, p.servicePoint.code, p.today);
    if (sequence > MAX_DAILY_SEQUENCE)
      throw new AppError('DOSSIER_CODE_SEQUENCE_EXHAUSTED', {
        details: { servicePoint: p.servicePoint.code, date: p.today, max: MAX_DAILY_SEQUENCE },
      });
    const code = formatDossierCode(p.servicePoint.code, p.today, sequence);
    const actor = { id: null, label: `citizen:${citizen.method}`, name: 'Công dân (nộp trực tuyến)' };
    const opened = openDossier(
      {
        id: randomUUID(),
        code,
        channel: 'online',
        procedure: snapshotOf(p.sourced.id, p.sourced.version),
        servicePoint: p.servicePoint,
        unitAncestors: p.unitAncestors,
        applicant: input.applicant,
        documents: p.ticked,
        documentNames: p.sourced.version.documents.map((d) => d.name),
        returnMethod: input.returnMethod,
        deliveryAddress: input.deliveryAddress?.trim() || null,
        // Unconditional fees of the version, as at the counter; paid later (counter, transfer).
        fees: (() => {
          const fees = buildFees(p.sourced.version, undefined, now);
          if (!fees.ok) throw fees.error;
          return fees.value;
        })(),
      },
      { now, actor, calendar: p.calendar.calendar, calendarRule: p.calendar.rule },
    );
    if (!opened.ok) throw opened.error;
    const d = opened.value.dossier;
    const lookupToken = randomSecret(18);
    await dossierRepo.insertDossier(tx, d, {
      codeOn: p.today,
      lookupTokenHash: sha256Hex(lookupToken),
      phoneLast4: phoneLast4(d.applicant.phone),
      now,
    });
    await dossierRepo.appendEvents(tx, d.id, opened.value.events);
    for (const f of input.files) {
      if (f.bytes)
        await dossierRepo.storeFile(tx, {
          sha256: f.checked.sha256,
          contentType: f.checked.contentType,
          bytes: f.bytes,
          at: now,
        });
      await dossierRepo.linkFile(tx, {
        dossierId: d.id,
        documentIndex: f.documentIndex,
        sha256: f.checked.sha256,
        fileName: f.fileName,
        at: now,
        by: actor.label,
      });
    }
    await appendAudit(tx, { id: null, label: actor.label }, now, [
      {
        action: 'dossier.submitted',
        entityType: 'dossier',
        entityId: d.code,
        change: {
          status: d.status,
          version: d.version,
          channel: 'online',
          procedure: `${d.procedure.code}@${d.procedure.version}`,
          files: input.files.length,
        },
      },
    ]);
    await enqueueOutbox(tx, now, [
      {
        topic: 'dossier.submitted',
        payload: {
          code: d.code,
          procedureName: d.procedure.name,
          channel: 'online',
          servicePoint: {
            code: p.servicePoint.code,
            name: p.servicePoint.name,
            address: p.servicePoint.address,
          },
          contact: { phone: d.applicant.phone, email: d.applicant.email ?? null },
        },
      },
    ]);
    return {
      status: 201,
      body: { code: d.code, status: 'submitted', submittedAt: now.toISOString(), lookupToken },
    };
  }

  /** Checks an upload against the dossier settings' size limit and the accepted types. */
  async checkFile(bytes: Buffer, declaredType: string | undefined, fileName: string | undefined, now: Date) {
    const { maxUploadBytes } = await loadDossierSettings(this.database.db, localDateOf(now));
    const checked = checkUpload({ bytes, declaredType, fileName, maxBytes: maxUploadBytes });
    if (!checked.ok) throw checked.error;
    return checked.value;
  }

  // ------------------------------------------------------------ drafts (the wizard)

  async createDraft(citizen: Citizen, procedureCode: string, now: Date): Promise<string> {
    const { servicePoints } = await this.onlineProcedure(procedureCode, now);
    const id = randomUUID();
    await this.database.db.insert(submissionDrafts).values({
      id,
      sessionHash: citizen.sessionHash,
      procedureCode,
      servicePointCode: servicePoints.length === 1 ? servicePoints[0]!.code : null,
      createdAt: now,
      updatedAt: now,
    });
    return id;
  }

  /** The citizen's draft (another session's draft is "not found"). */
  async draft(citizen: Citizen, id: string): Promise<DraftView> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id))
      throw new AppError('SUBMISSION_DRAFT_NOT_FOUND');
    const [row] = await this.database.db
      .select()
      .from(submissionDrafts)
      .where(and(eq(submissionDrafts.id, id), eq(submissionDrafts.sessionHash, citizen.sessionHash)));
    if (!row) throw new AppError('SUBMISSION_DRAFT_NOT_FOUND');
    const files = await this.database.db
      .select()
      .from(submissionDraftFiles)
      .where(eq(submissionDraftFiles.draftId, id))
      .orderBy(asc(submissionDraftFiles.documentIndex));
    return {
      id: row.id,
      procedureCode: row.procedureCode,
      servicePointCode: row.servicePointCode,
      applicant: (row.applicant as Applicant | null) ?? null,
      returnMethod: (row.returnMethod as ReturnMethod | null) ?? null,
      deliveryAddress: row.deliveryAddress,
      dossierCode: row.dossierCode,
      files: files.map((f) => ({
        documentIndex: f.documentIndex,
        fileName: f.fileName,
        contentType: f.contentType,
        size: f.size,
      })),
    };
  }

  async updateDraft(
    citizen: Citizen,
    id: string,
    change: Partial<{
      servicePointCode: string;
      applicant: Applicant;
      returnMethod: ReturnMethod;
      deliveryAddress: string | null;
    }>,
    now: Date,
  ): Promise<void> {
    const draft = await this.draft(citizen, id);
    if (draft.dossierCode) throw new AppError('SUBMISSION_DRAFT_NOT_FOUND');
    await this.database.db
      .update(submissionDrafts)
      .set({ ...change, updatedAt: now })
      .where(eq(submissionDrafts.id, id));
  }

  /** Stores a checked scan and records it as the draft's file for a document (replacing an earlier one). */
  async addDraftFile(
    citizen: Citizen,
    id: string,
    documentIndex: number,
    upload: { bytes: Buffer; fileName: string; declaredType: string | undefined },
    now: Date,
  ): Promise<void> {
    const draft = await this.draft(citizen, id);
    if (draft.dossierCode) throw new AppError('SUBMISSION_DRAFT_NOT_FOUND');
    const checked = await this.checkFile(upload.bytes, upload.declaredType, upload.fileName, now);
    const fileName =
      upload.fileName.split(/[\\/]/).pop()!.normalize('NFC').slice(0, 200) || `file.${checked.extension}`;
    await this.database.transaction(async (tx) => {
      await dossierRepo.storeFile(tx, {
        sha256: checked.sha256,
        contentType: checked.contentType,
        bytes: upload.bytes,
        at: now,
      });
      await tx
        .delete(submissionDraftFiles)
        .where(
          and(eq(submissionDraftFiles.draftId, id), eq(submissionDraftFiles.documentIndex, documentIndex)),
        );
      await tx.insert(submissionDraftFiles).values({
        draftId: id,
        documentIndex,
        sha256: checked.sha256,
        fileName,
        contentType: checked.contentType,
        size: checked.size,
        uploadedAt: now,
      });
      await tx.update(submissionDrafts).set({ updatedAt: now }).where(eq(submissionDrafts.id, id));
    });
  }

  /** Submits the draft (check-your-answers page); the draft keeps the dossier code. */
  async submitDraft(citizen: Citizen, id: string, now: Date): Promise<SubmissionResult> {
    const draft = await this.draft(citizen, id);
    if (draft.dossierCode)
      return {
        status: 201,
        body: { code: draft.dossierCode, status: 'submitted', submittedAt: now.toISOString() },
        replayed: true,
      };
    if (!draft.applicant || !draft.returnMethod)
      throw new AppError('VALIDATION_FAILED', {
        invalidParams: [{ name: draft.applicant ? 'returnMethod' : 'applicant', reason: 'required' }],
      });
    const files = await this.database.db
      .select()
      .from(submissionDraftFiles)
      .where(eq(submissionDraftFiles.draftId, id));
    const result = await this.submit(
      citizen,
      {
        procedureCode: draft.procedureCode,
        servicePointCode: draft.servicePointCode ?? undefined,
        applicant: draft.applicant,
        returnMethod: draft.returnMethod,
        deliveryAddress: draft.deliveryAddress ?? undefined,
        files: files.map((f) => ({
          documentIndex: f.documentIndex,
          fileName: f.fileName,
          checked: {
            sha256: f.sha256,
            contentType: f.contentType as CheckedUpload['contentType'],
            size: f.size,
          },
        })),
      },
      now,
      `draft:${id}`,
    );
    await this.database.db
      .update(submissionDrafts)
      .set({ dossierCode: result.body.code, updatedAt: now })
      .where(eq(submissionDrafts.id, id));
    return result;
  }
}
