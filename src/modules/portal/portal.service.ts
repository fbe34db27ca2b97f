/**
 * Citizen portal use cases: public status lookup (by code + last four phone digits, or by the QR
 * token printed on Mẫu 01) and the satisfaction rating (by link, QR or the counter kiosk).
 *
 * No oracle: an unknown code, wrong digits and a wrong token all end in the same
 * PORTAL_LOOKUP_FAILED, after the same work (a comparison against a dummy value when there is no
 * dossier). Comparisons are constant-time on SHA-256 digests. Rate limits are the routes' job.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Database } from '../../adapters/db/database.ts';
import { AppError, isAppError } from '../../kernel/errors.ts';
import { mayAccess, type Actor } from '../access/domain.ts';
import { appendAudit, type AuditActor } from '../audit/audit.repository.ts';
import { locationOf } from '../dossiers/domain/lifecycle.ts';
import type { Dossier } from '../dossiers/domain/types.ts';
import * as dossierRepo from '../dossiers/dossiers.repository.ts';
import { enqueueOutbox } from '../outbox/outbox.repository.ts';
import type { PostalService } from '../postal/postal.service.ts';
import {
  mayRate,
  normaliseComment,
  publicView,
  RATING_LABELS,
  type PublicDossierView,
  type PublicPostalItem,
  type Rating,
  type RatingChannel,
  type Text,
} from './domain.ts';
import * as repo from './portal.repository.ts';

/** What the holder presents: the last four digits of the applicant's phone, or the QR token. */
export type Credential = { readonly phone4: string } | { readonly token: string };

export interface RatingReceipt {
  readonly code: string;
  readonly rating: Rating;
  readonly ratingLabel: Text;
  readonly channel: RatingChannel;
  readonly ratedAt: string;
}

/** What the kiosk shows once the clerk picked a dossier (no personal data: the citizen sees the screen). */
export interface KioskDossier {
  readonly code: string;
  readonly procedureName: string;
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
const DUMMY = digest('motcua:no-such-dossier');

/** Constant-time equality of two strings, compared as SHA-256 digests (equal length by construction). */
function sameSecret(given: string, expected: string | null): boolean {
  const ok = timingSafeEqual(digest(given), expected === null ? DUMMY : digest(expected));
  return ok && expected !== null;
}

/** Constant-time equality of a token and a stored SHA-256 hex digest. */
function tokenMatches(token: string, storedHash: string | null): boolean {
  const given = Buffer.from(createHash('sha256').update(token, 'utf8').digest('hex'), 'utf8');
  const stored = storedHash && storedHash.length === given.length ? Buffer.from(storedHash, 'utf8') : null;
  const ok = timingSafeEqual(given, stored ?? Buffer.alloc(given.length));
  return ok && stored !== null;
}

export class PortalService {
  constructor(
    private readonly database: Database,
    private readonly postal: PostalService,
  ) {}

  /** The dossier's credential row when the credential matches; PORTAL_LOOKUP_FAILED otherwise (whatever was wrong). */
  private async authenticate(code: string, credential: Credential): Promise<repo.CredentialRow> {
    const row = await repo.credentialsOf(this.database.db, code);
    const matches =
      'token' in credential
        ? tokenMatches(credential.token, row?.lookupTokenHash ?? null)
        : sameSecret(credential.phone4, row?.phoneLast4 ?? null);
    if (!row || !matches) throw new AppError('PORTAL_LOOKUP_FAILED');
    return row;
  }

  /** Postal items of the dossier as public tracking shows them (none → empty). */
  private async postalItems(code: string): Promise<PublicPostalItem[]> {
    try {
      const tracked = await this.postal.track(code);
      return tracked.items.map((i) => ({
        trackingNumber: i.trackingNumber,
        leg: i.leg,
        status: i.status,
        statusLabel: i.statusLabel,
      }));
    } catch (error) {
      if (isAppError(error) && error.code === 'POSTAL_ITEM_NOT_FOUND') return [];
      throw error;
    }
  }

  /**
   * The limited view of a dossier for the holder of its code + phone digits or of its QR token:
   * one statement (credential, view columns, events, open supplement request, rating), the
   * credential checked here in constant time, and the postal tracking only for postal returns.
   */
  async lookup(code: string, credential: Credential): Promise<PublicDossierView> {
    const row = await repo.lookupRow(this.database.db, code);
    const matches =
      'token' in credential
        ? tokenMatches(credential.token, row?.lookupTokenHash ?? null)
        : sameSecret(credential.phone4, row?.phoneLast4 ?? null);
    if (!row || !matches) throw new AppError('PORTAL_LOOKUP_FAILED');
    const postal = row.source.returnMethod === 'postal' ? await this.postalItems(row.source.code) : [];
    return publicView(row.source, row.events, { postal, rated: row.rated });
  }

  /** Whether the credential opens the dossier and it may be rated now (for the rating page). */
  async ratingState(code: string, credential: Credential): Promise<{ open: boolean; procedureName: string }> {
    const view = await this.lookup(code, credential);
    if (view.rating.given) throw new AppError('RATING_ALREADY_GIVEN');
    return { open: view.rating.open, procedureName: view.procedure.name };
  }

  /** The citizen's rating, by link (phone digits) or QR (token). Once per dossier, after return. */
  async rate(
    code: string,
    credential: Credential,
    input: { rating: Rating; comment?: string | undefined },
    now: Date,
  ): Promise<RatingReceipt> {
    const comment = normaliseComment(input.comment);
    if (!comment.ok) throw comment.error;
    const row = await this.authenticate(code, credential);
    const channel: RatingChannel = 'token' in credential ? 'qr' : 'link';
    return this.record(
      row.code,
      { rating: input.rating, comment: comment.value, channel },
      { id: null, label: `citizen:${channel}` },
      now,
    );
  }

  /** The dossier the clerk picked on the kiosk: at the clerk's service point, returned, not yet rated. */
  async kioskDossier(actor: Actor, code: string): Promise<KioskDossier> {
    const d = await dossierRepo.loadDossier(this.database.db, code);
    if (!d) throw new AppError('DOSSIER_NOT_FOUND', { details: { code } });
    // Another service point's dossier is not found, as for reads out of scope (docs/security.md).
    if (!mayAccess(actor, 'portal.kiosk', locationOf(d)))
      throw new AppError('DOSSIER_NOT_FOUND', { details: { code } });
    const allowed = mayRate(d.status);
    if (!allowed.ok) throw allowed.error;
    if (await repo.ratingOf(this.database.db, d.id)) throw new AppError('RATING_ALREADY_GIVEN');
    return { code: d.code, procedureName: d.procedure.name };
  }

  /** A rating tapped on the counter tablet (channel `kiosk`; audited under the signed-in clerk). */
  async rateAtKiosk(actor: Actor, code: string, rating: Rating, now: Date): Promise<RatingReceipt> {
    await this.kioskDossier(actor, code);
    return this.record(
      code,
      { rating, comment: null, channel: 'kiosk' },
      { id: actor.userId, label: actor.username },
      now,
    );
  }

  /** Stores the rating with its audit event and outbox row, in one transaction; once per dossier. */
  private async record(
    code: string,
    input: { rating: Rating; comment: string | null; channel: RatingChannel },
    auditActor: AuditActor,
    now: Date,
  ): Promise<RatingReceipt> {
    const d: Dossier | undefined = await dossierRepo.loadDossier(this.database.db, code);
    if (!d) throw new AppError('PORTAL_LOOKUP_FAILED');
    const allowed = mayRate(d.status);
    if (!allowed.ok) throw allowed.error;
    await this.database.transaction(async (tx) => {
      const inserted = await repo.insertRating(tx, {
        dossierId: d.id,
        servicePointCode: d.servicePoint.code,
        rating: input.rating,
        comment: input.comment,
        channel: input.channel,
        ratedAt: now,
      });
      if (!inserted) throw new AppError('RATING_ALREADY_GIVEN');
      await appendAudit(tx, auditActor, now, [
        {
          action: 'dossier.rated',
          entityType: 'dossier',
          entityId: d.code,
          change: {
            rating: input.rating,
            channel: input.channel,
            servicePoint: d.servicePoint.code,
            withComment: input.comment !== null,
          },
        },
      ]);
      // For the reports (QĐ 766 satisfaction indicator); the comment stays in the table.
      await enqueueOutbox(tx, now, [
        {
          topic: 'dossier.rated',
          payload: {
            code: d.code,
            servicePointCode: d.servicePoint.code,
            procedureCode: d.procedure.code,
            agencyCode: d.agencyCode,
            rating: input.rating,
            channel: input.channel,
            ratedAt: now.toISOString(),
          },
        },
      ]);
    });
    return {
      code: d.code,
      rating: input.rating,
      ratingLabel: RATING_LABELS[input.rating],
      channel: input.channel,
      ratedAt: now.toISOString(),
    };
  }
}
