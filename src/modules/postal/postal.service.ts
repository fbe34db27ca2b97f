/**
 * Postal use cases (QĐ 45/2016/QĐ-TTg): requests for pickup of a dossier and delivery of the result,
 * item events recorded by couriers and clerks, hand-over manifests, the chain of custody, cash
 * reconciliation, public tracking, figures and the postage tariff.
 *
 * Every change follows the same pipeline — load → authorise → decide (pure, domain/) → save + event
 * + audit + outbox in one transaction. Reads outside the transaction (service point, units, tariff,
 * settings, dossier facts) happen before it opens: PGlite is a single session.
 *
 * Dossier steps (the clerk's receipt, the return by post) go through the DossierDesk port before the
 * postal transaction, with idempotency keys derived from the tracking number (dossier-desk.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '../../adapters/db/database.ts';
import { AppError, type InvalidParam } from '../../kernel/errors.ts';
import { isLocalDate, localDateOf } from '../../kernel/local-date.ts';
import {
  hasPermission,
  mayAccess,
  scopeCovers,
  type Actor,
  type Permission,
  type ResourceLocation,
} from '../access/domain.ts';
import { appendAudit, type AuditActor } from '../audit/audit.repository.ts';
import { enqueueOutbox, type OutboxMessage } from '../outbox/outbox.repository.ts';
import type { OrgService } from '../org/org.service.ts';
import {
  normalizePhone,
  offeredAt,
  validateApplicant,
  type ChargedFee,
  type TickedDocument,
} from '../dossiers/domain/intake.ts';
import type { Applicant } from '../dossiers/domain/types.ts';
import { findIdempotent, saveIdempotent } from '../dossiers/dossiers.repository.ts';
import type { ProcedureVersion } from '../catalog/domain/procedure.ts';
import { reconcile, type CashDay } from './domain/cash.ts';
import { custodyFlags, type CustodyFlag, type ManifestLine } from './domain/custody.ts';
import { postalFigures, type FigureItem, type PostalFigures } from './domain/figures.ts';
import {
  cashDueOf,
  createdEvent,
  decide,
  FAIL_REASONS,
  ruleFor,
  TERMINAL_STATUSES,
  TRANSITIONS,
  topicOf,
  type Decision,
  type DecisionContext,
  type FailReason,
  type ItemCommand,
  type ItemEvent,
  type ItemEventType,
  type ItemStatus,
  type Leg,
  type PostalItem,
  type Side,
  type StaffRef,
} from './domain/lifecycle.ts';
import type { ChecklistEntry, PostalDocument } from './domain/pickup.ts';
import { legsNotOffered, planCharges, windowProblems, type PickupWindow } from './domain/request.ts';
import { looksLikeS10, parseS10 } from './domain/s10.ts';
import { bandFor, validateTariff, zoneOf, type TariffBand, type Zone } from './domain/tariff.ts';
import { trackingView, type TrackingItem } from './domain/tracking.ts';
import type { DossierDesk } from './dossier-desk.ts';
import * as repo from './postal.repository.ts';
import type { postalItems } from './postal.tables.ts';
import { requestHash as requestHashOf, sha256Hex } from '../../kernel/request-hash.ts';

// ---------------------------------------------------------------- inputs

/** An address down to the commune (personal data). */
export interface AddressInput {
  /** Code of a commune-level unit valid on the request day. */
  readonly communeCode: string;
  /** House number, street, hamlet (thôn, tổ). */
  readonly street: string;
  /** Who to ask for at the address, when not the applicant. */
  readonly contactName?: string | undefined;
  readonly phone?: string | undefined;
}

export interface ApplicantInput {
  readonly kind: 'person' | 'organisation';
  readonly fullName: string;
  readonly idNumber?: string | undefined;
  readonly taxCode?: string | undefined;
  readonly phone: string;
  readonly email?: string | undefined;
}

export interface RequestInput {
  readonly dossierCode?: string | undefined;
  readonly procedureCode?: string | undefined;
  /** Required with `procedureCode`: the service point that will receive the dossier. */
  readonly servicePointCode?: string | undefined;
  readonly applicant?: ApplicantInput | undefined;
  readonly pickup?:
    | {
        readonly address: AddressInput;
        readonly window: PickupWindow;
        readonly weightGrams?: number | undefined;
      }
    | undefined;
  readonly delivery?:
    { readonly address: AddressInput; readonly weightGrams?: number | undefined } | undefined;
  /** Collect the procedure's fees with the result (cash on delivery). */
  readonly cod?: boolean | undefined;
}

/** The body of `POST /api/v1/postal/items/{trackingNumber}/events`. */
export interface EventInput {
  readonly type: ItemEventType;
  /** assign: the courier's username (omitted: the least-loaded courier covering the address). */
  readonly courier?: string | undefined;
  /** guide: indexes of the missing documents. */
  readonly missing?: readonly number[] | undefined;
  readonly checklist?: readonly ChecklistEntry[] | undefined;
  readonly slipSignedByApplicant?: boolean | undefined;
  readonly slipSignedByCourier?: boolean | undefined;
  readonly sealed?: boolean | undefined;
  readonly cashCollected?: boolean | undefined;
  readonly recipient?:
    | {
        readonly name: string;
        readonly idNumber: string;
        readonly relation?: 'self' | 'authorised' | undefined;
        readonly authorisationRef?: string | undefined;
      }
    | undefined;
  /** Photo of the signed slip, base64 (JPEG or PNG). Pages send the bytes as `photoBytes`. */
  readonly photo?: { readonly base64: string } | undefined;
  readonly photoBytes?: Buffer | undefined;
  readonly reason?: string | undefined;
  readonly note?: string | undefined;
}

export interface ManifestInput {
  readonly direction: 'to_counter' | 'to_courier';
  readonly items: readonly string[];
}

export interface CashHandoverInput {
  readonly courier: string;
  readonly day: string;
  readonly amountVnd: number;
  readonly servicePointCode: string;
  readonly note?: string | undefined;
}

// ---------------------------------------------------------------- views

export interface ItemSummary {
  readonly trackingNumber: string;
  readonly leg: Leg;
  readonly status: ItemStatus;
  readonly version: number;
  readonly dossierCode: string | null;
  readonly procedure: { readonly code: string; readonly name: string };
  readonly servicePoint: { readonly code: string; readonly name: string };
  readonly courier: { readonly username: string; readonly name: string } | null;
  readonly attempts: number;
  readonly zone: string;
  readonly weightGrams: number;
  readonly postageVnd: number;
  readonly feesVnd: number;
  readonly codVnd: number;
  readonly cashDueVnd: number;
  readonly window: PickupWindow | null;
  readonly holder: { readonly kind: string; readonly name: string | null; readonly since: string };
  readonly createdAt: string;
  readonly lastEventAt: string;
}

export interface StoredAddress {
  readonly street: string;
  readonly communeCode: string;
  readonly communeName: string;
  readonly provinceName: string;
  readonly contactName: string | null;
  readonly phone: string | null;
  /** One line, as printed on run sheets. */
  readonly text: string;
}

export interface ItemView extends ItemSummary {
  readonly maxAttempts: number;
  readonly guided: boolean;
  /** Personal data (the read is audited). */
  readonly applicant: { readonly fullName: string; readonly phone: string };
  readonly address: StoredAddress;
  readonly recipient: { readonly name: string; readonly relation: string } | null;
  readonly photoSha256: string | null;
  readonly documents: readonly PostalDocument[];
  readonly events: readonly {
    readonly seq: number;
    readonly type: string;
    readonly at: string;
    readonly from: string | null;
    readonly to: string;
    readonly actor: string;
    readonly holder: { readonly kind: string; readonly name: string | null };
    readonly place: string | null;
    readonly data: unknown;
  }[];
  readonly manifests: readonly { readonly id: string; readonly number: string; readonly direction: string }[];
}

export interface ManifestView {
  readonly id: string;
  readonly number: string;
  readonly direction: 'to_counter' | 'to_courier';
  readonly servicePoint: { readonly code: string; readonly name: string };
  readonly courier: { readonly username: string; readonly name: string };
  readonly clerk: { readonly username: string; readonly name: string } | null;
  readonly createdAt: string;
  readonly itemCount: number;
  readonly giver: {
    readonly side: Side;
    readonly confirmedAt: string | null;
    readonly confirmedCount: number;
  };
  readonly receiver: {
    readonly side: Side;
    readonly confirmedAt: string | null;
    readonly confirmedCount: number;
  };
  readonly items: readonly {
    readonly trackingNumber: string;
    readonly giverConfirmedAt: string | null;
    readonly receiverConfirmedAt: string | null;
  }[];
}

/** A custody flag with its instant as ISO text (distributes over the flag kinds). */
export type FlagView = CustodyFlag extends infer F
  ? F extends CustodyFlag
    ? Omit<F, 'since'> & { readonly since: string }
    : never
  : never;

export interface CustodyRow {
  readonly trackingNumber: string;
  readonly leg: Leg;
  readonly status: ItemStatus;
  readonly dossierCode: string | null;
  readonly servicePoint: { readonly code: string; readonly name: string };
  readonly courier: string | null;
  readonly holder: { readonly kind: string; readonly name: string | null; readonly since: string };
  readonly flags: readonly FlagView[];
}

export interface CashDayView extends Omit<CashDay, 'courierId'> {
  readonly courier: string;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const manifestNumber = (serialNo: number): string => `BG${String(serialNo).padStart(6, '0')}`;

export const staffOf = (actor: Actor): StaffRef => ({
  id: actor.userId,
  username: actor.username,
  name: actor.fullName,
});
const auditActorOf = (ref: StaffRef): AuditActor => ({ id: ref.id, label: ref.username });
const PUBLIC_ACTOR: StaffRef = { id: null, username: 'public', name: 'Người dân (trực tuyến)' };
const SYSTEM: StaffRef = { id: null, username: 'system', name: 'Hệ thống' };

/** Statuses in which an item still needs somebody to act. */
export const OPEN_STATUSES: readonly ItemStatus[] = TRANSITIONS.flatMap((r) => r.from).filter(
  (s, i, all) => all.indexOf(s) === i && !TERMINAL_STATUSES.includes(s),
);

/** Permission owning the events of a side. */
const SIDE_PERMISSION: Readonly<Record<Side, Permission>> = {
  courier: 'postal.courier',
  counter: 'postal.counter',
};

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const startsWith = (bytes: Buffer, magic: readonly number[]): boolean =>
  bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** JPEG or PNG by magic bytes (never by the declared type, which the uploader controls). */
export function photoContentType(bytes: Buffer): 'image/jpeg' | 'image/png' | null {
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  if (startsWith(bytes, PNG)) return 'image/png';
  return null;
}

interface ResolvedAddress {
  readonly stored: StoredAddress;
  readonly unitAncestors: string[];
}

interface PreparedLeg {
  readonly leg: Leg;
  readonly address: ResolvedAddress;
  readonly window: PickupWindow | null;
  readonly weightGrams: number;
  readonly zone: Zone;
  readonly tariffId: number;
  readonly postageVnd: number;
  readonly feesVnd: number;
  readonly codVnd: number;
  readonly courier: StaffRef | null;
}

// ---------------------------------------------------------------- service

/** Stores the answer of an Idempotency-Key inside the change's transaction (see PostalService.once). */
export type IdempotencySave = (tx: Tx, answer: unknown) => Promise<void>;

export class PostalService {
  constructor(
    private readonly database: Database,
    private readonly org: OrgService,
    private readonly desk: DossierDesk,
  ) {}

  settings(now: Date): Promise<repo.PostalSettings> {
    return repo.loadPostalSettings(this.database.db, localDateOf(now));
  }

  /** The canonical tracking number, or POSTAL_TRACKING_NUMBER_INVALID (a typo in any digit is caught). */
  parseTracking(input: string): string {
    const parsed = parseS10(input);
    if (!parsed.ok)
      throw new AppError('POSTAL_TRACKING_NUMBER_INVALID', { details: { problem: parsed.error } });
    return parsed.value.text;
  }

  // ------------------------------------------------------------ locations and scope

  private async servicePointUnits(code: string, at: string): Promise<string[]> {
    return [...((await this.org.servicePointLocation(code, at)).unitAncestors ?? [])];
  }

  /** Where an item sits: its service point, and (for couriers) the address's unit chain, else both chains. */
  private async locationOf(row: repo.ItemRow, forCourier: boolean): Promise<ResourceLocation> {
    if (forCourier) return { servicePoint: row.servicePointCode, unitAncestors: row.unitAncestors };
    const spUnits = await this.servicePointUnits(row.servicePointCode, localDateOf(row.createdAt));
    return {
      servicePoint: row.servicePointCode,
      unitAncestors: [...new Set([...row.unitAncestors, ...spUnits])],
    };
  }

  /** May the actor read this item (a read role's grant covers it)? A courier reads the items assigned to them. */
  private async mayRead(actor: Actor, row: repo.ItemRow): Promise<boolean> {
    if (row.courierId === actor.userId && hasPermission(actor, 'postal.courier')) return true;
    if (mayAccess(actor, 'postal.read', await this.locationOf(row, true))) return true;
    return mayAccess(actor, 'postal.read', await this.locationOf(row, false));
  }

  /**
   * Which side records `type` on this item now, checked against the actor's grants: FORBIDDEN when
   * the actor could never record it here, POSTAL_EVENT_NOT_ALLOWED when not in the current state.
   */
  private async authorize(actor: Actor, row: repo.ItemRow, type: ItemEventType): Promise<Side> {
    const may = async (side: Side) =>
      mayAccess(actor, SIDE_PERMISSION[side], await this.locationOf(row, side === 'courier'));
    const rule = ruleFor(row.leg as Leg, type, row.status as ItemStatus);
    if (rule) {
      if (!(await may(rule.by))) throw new AppError('FORBIDDEN');
      return rule.by;
    }
    const sides = [
      ...new Set(TRANSITIONS.filter((r) => r.leg === row.leg && r.event === type).map((r) => r.by)),
    ];
    for (const side of sides) {
      if (await may(side))
        throw new AppError('POSTAL_EVENT_NOT_ALLOWED', {
          detail: `Event ${type} is not allowed on a ${row.leg} item that is ${row.status}.`,
          details: { leg: row.leg, status: row.status, event: type },
        });
    }
    throw new AppError('FORBIDDEN');
  }

  // ------------------------------------------------------------ couriers

  /** Couriers whose grant covers the address (and the service point, when the grant names one). */
  async eligibleCouriers(location: ResourceLocation): Promise<StaffRef[]> {
    const grants = await repo.courierGrants(this.database.db);
    const out = new Map<string, StaffRef>();
    for (const g of grants) {
      const scope = { unit: g.unitCode ?? undefined, servicePoint: g.servicePointCode ?? undefined };
      if (scopeCovers(scope, location))
        out.set(g.userId, { id: g.userId, username: g.username, name: g.fullName });
    }
    return [...out.values()];
  }

  /** The named courier (must cover the item's area) or the least-loaded courier covering it. */
  private async pickCourier(location: ResourceLocation, username?: string): Promise<StaffRef | null> {
    const eligible = await this.eligibleCouriers(location);
    if (username !== undefined) {
      const found = eligible.find((c) => c.username === username);
      if (!found) throw new AppError('POSTAL_COURIER_OUT_OF_AREA', { details: { courier: username } });
      return found;
    }
    if (eligible.length === 0) return null;
    const load = await repo.openLoad(this.database.db, OPEN_STATUSES);
    return (
      [...eligible].sort(
        (a, b) =>
          (load.get(a.id ?? '') ?? 0) - (load.get(b.id ?? '') ?? 0) || a.username.localeCompare(b.username),
      )[0] ?? null
    );
  }

  // ------------------------------------------------------------ requests

  private async resolveAddress(address: AddressInput, today: string, path: string): Promise<ResolvedAddress> {
    const unit = await this.org.unitAt(address.communeCode, today);
    if (!unit || unit.level !== 'commune')
      throw new AppError('POSTAL_ADDRESS_INVALID', {
        details: { communeCode: address.communeCode, date: today },
        invalidParams: [{ name: `${path}/communeCode`, reason: 'a commune-level unit valid today' }],
      });
    const unitAncestors = await this.org.unitAncestors(unit.code, today);
    const province = await this.org.unitAt(unitAncestors[unitAncestors.length - 1] ?? unit.code, today);
    const provinceName = province?.fullName ?? '';
    const street = address.street.trim();
    return {
      unitAncestors,
      stored: {
        street,
        communeCode: unit.code,
        communeName: unit.fullName,
        provinceName,
        contactName: address.contactName?.trim() || null,
        phone: address.phone?.trim() || null,
        text: [street, unit.fullName, provinceName].filter((s) => s !== '').join(', '),
      },
    };
  }

  private applicantOf(input: ApplicantInput, address: string): Applicant {
    return input.kind === 'person'
      ? {
          kind: 'person',
          fullName: input.fullName.trim(),
          idNumber: (input.idNumber ?? '').trim(),
          phone: input.phone.trim(),
          email: input.email?.trim() || undefined,
          address,
        }
      : {
          kind: 'organisation',
          fullName: input.fullName.trim(),
          taxCode: (input.taxCode ?? '').trim(),
          phone: input.phone.trim(),
          email: input.email?.trim() || undefined,
          address,
        };
  }

  /**
   * Runs a postal change once per (caller, Idempotency-Key), as dossier intake does: a retry with the
   * same body gets the first answer (`replayed`), another body under the key IDEMPOTENCY_KEY_REUSED.
   * `run` receives `save`, which it calls inside its own transaction with the answer, so the key and
   * the change commit together. Anonymous callers (citizens) share one key space: a key is a random
   * value from the client, and a replay needs the identical body.
   */
  async once<T>(
    actor: Actor | undefined,
    key: string | undefined,
    request: { route: string; body: unknown },
    status: number,
    now: Date,
    run: (save: IdempotencySave | undefined) => Promise<T>,
  ): Promise<{ status: number; body: T; replayed: boolean }> {
    if (key === undefined) return { status, body: await run(undefined), replayed: false };
    const scopedKey = `${actor?.userId ?? 'public'}:postal:${key}`;
    const requestHash = requestHashOf(request);
    const replay = async () => {
      const stored = await findIdempotent(this.database.db, scopedKey);
      if (!stored) return undefined;
      if (stored.requestHash !== requestHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
      return { status: stored.status, body: stored.body as T, replayed: true };
    };
    const earlier = await replay();
    if (earlier) return earlier;
    try {
      const body = await run((tx, answer) =>
        saveIdempotent(tx, scopedKey, { requestHash, status, body: JSON.parse(JSON.stringify(answer)) }, now),
      );
      return { status, body, replayed: false };
    } catch (error) {
      // A concurrent request with the same key committed first (our key insert failed): its answer stands.
      const stored = await replay();
      if (stored) return stored;
      throw error;
    }
  }

  /**
   * A request for pickup, delivery or both. Anonymous callers are citizens online (a request by
   * dossier code must give the applicant's phone); signed-in callers are clerks taking a request by
   * phone for their service point. Answers the items with their tracking numbers and amounts.
   */
  async createRequest(actor: Actor | undefined, input: RequestInput, now: Date, save?: IdempotencySave) {
    const today = localDateOf(now);
    const problems: InvalidParam[] = [];
    if ((input.dossierCode === undefined) === (input.procedureCode === undefined))
      problems.push({
        name: 'body',
        reason: 'give either dossierCode or procedureCode (with applicant and servicePointCode)',
      });
    if (!input.pickup && !input.delivery)
      problems.push({ name: 'body', reason: 'ask for pickup, delivery or both' });
    if (input.pickup) problems.push(...windowProblems(input.pickup.window, today));
    for (const [leg, part] of [
      ['pickup', input.pickup],
      ['delivery', input.delivery],
    ] as const) {
      if (part && part.address.street.trim() === '')
        problems.push({ name: `body/${leg}/address/street`, reason: 'required' });
      if (
        part?.weightGrams !== undefined &&
        (!Number.isInteger(part.weightGrams) || part.weightGrams < 1 || part.weightGrams > 30_000)
      )
        problems.push({ name: `body/${leg}/weightGrams`, reason: '1..30000 grams' });
    }
    if (input.procedureCode !== undefined) {
      if (!input.servicePointCode)
        problems.push({ name: 'body/servicePointCode', reason: 'required with procedureCode' });
      if (!input.applicant) problems.push({ name: 'body/applicant', reason: 'required with procedureCode' });
      if (!input.pickup)
        problems.push({
          name: 'body/pickup',
          reason: 'without a dossier code, the post must collect the dossier',
        });
    }
    if (input.dossierCode !== undefined && !actor && !input.applicant?.phone)
      problems.push({
        name: 'body/applicant/phone',
        reason: 'the applicant’s phone, to check the dossier is yours',
      });
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { invalidParams: problems });

    const legs: Leg[] = [
      ...(input.pickup ? (['pickup'] as const) : []),
      ...(input.delivery ? (['delivery'] as const) : []),
    ];
    const firstAddress = (input.pickup ?? input.delivery)?.address as AddressInput;
    const resolved = new Map<Leg, ResolvedAddress>();
    if (input.pickup)
      resolved.set('pickup', await this.resolveAddress(input.pickup.address, today, 'body/pickup/address'));
    if (input.delivery)
      resolved.set(
        'delivery',
        await this.resolveAddress(input.delivery.address, today, 'body/delivery/address'),
      );
    const addressText =
      (resolved.get('pickup') ?? resolved.get('delivery'))?.stored.text ?? firstAddress.street;

    // The procedure, service point, applicant and fees: from the dossier, or from the catalog.
    let version: { id: string; version: ProcedureVersion };
    let servicePointCode: string;
    let applicant: Applicant;
    let feesVnd: number;
    let dossierCode: string | null = null;
    if (input.dossierCode !== undefined) {
      const facts = await this.desk.facts(input.dossierCode);
      const notEligible = (why: string) =>
        new AppError('POSTAL_DOSSIER_NOT_ELIGIBLE', { detail: actor ? why : undefined });
      if (!facts) {
        if (actor) throw new AppError('DOSSIER_NOT_FOUND', { details: { code: input.dossierCode } });
        throw notEligible('not found');
      }
      if (actor) {
        const location = await this.org.servicePointLocation(facts.servicePointCode, today);
        if (!mayAccess(actor, 'postal.counter', location)) throw new AppError('FORBIDDEN');
      } else if (normalizePhone(facts.applicant.phone) !== normalizePhone(input.applicant?.phone ?? '')) {
        throw notEligible('phone mismatch');
      }
      if (input.pickup && !(facts.status === 'submitted' && facts.channel === 'postal'))
        throw notEligible('a pickup needs a submitted postal-channel dossier');
      if (input.delivery && ['rejected', 'stopped', 'withdrawn', 'returned'].includes(facts.status))
        throw notEligible(`the dossier is ${facts.status}`);
      const open = (await repo.itemsOfDossier(this.database.db, facts.code)).filter(
        (i) => legs.includes(i.leg as Leg) && i.status !== 'cancelled' && i.status !== 'returned',
      );
      if (open.length > 0)
        throw new AppError('POSTAL_REQUEST_DUPLICATE', {
          details: { trackingNumbers: open.map((i) => i.trackingNumber) },
        });
      const v = await this.desk.versionById(facts.procedureVersionId);
      if (!v) throw new AppError('PROCEDURE_NOT_FOUND', { details: { code: facts.procedureCode } });
      version = v;
      servicePointCode = facts.servicePointCode;
      applicant = facts.applicant;
      feesVnd = facts.unpaidFees.reduce((s, f) => s + f.amountVnd, 0);
      dossierCode = facts.code;
    } else {
      servicePointCode = input.servicePointCode as string;
      const sp = await this.org.servicePoint(servicePointCode);
      if (sp.validFrom > today || (sp.validTo !== null && sp.validTo < today))
        throw new AppError('DOSSIER_SERVICE_POINT_CLOSED', {
          details: { servicePoint: sp.code, date: today },
        });
      if (actor) {
        const location = await this.org.servicePointLocation(servicePointCode, today);
        if (!mayAccess(actor, 'postal.counter', location)) throw new AppError('FORBIDDEN');
      }
      const v = await this.desk.versionInForce(input.procedureCode as string, today);
      if (!v)
        throw new AppError('PROCEDURE_NOT_IN_FORCE', { details: { code: input.procedureCode, at: today } });
      if (
        !offeredAt(v.version, {
          code: sp.code,
          name: sp.name,
          level: sp.level,
          unitCode: sp.unitCode,
          address: sp.address,
        })
      )
        throw new AppError('DOSSIER_PROCEDURE_NOT_OFFERED', {
          details: { procedureCode: v.version.code, servicePoint: sp.code },
        });
      version = v;
      applicant = this.applicantOf(input.applicant as ApplicantInput, addressText);
      const invalid = validateApplicant(applicant);
      if (invalid.length > 0) throw new AppError('VALIDATION_FAILED', { invalidParams: invalid });
      feesVnd = v.version.fees
        .filter((f) => f.amountVnd > 0 && f.appliesWhen === undefined)
        .reduce((s, f) => s + f.amountVnd, 0);
    }
    const notOffered = legsNotOffered(legs, version.version.postal);
    if (notOffered.length > 0)
      throw new AppError('POSTAL_OPTION_NOT_OFFERED', {
        details: { legs: notOffered, procedureCode: version.version.code },
      });
    const charges = planCharges({
      legs,
      cod: input.cod === true,
      feesVnd,
      feesBlockReturn: version.version.feesBlockReturn,
    });
    if (charges.problems.length > 0)
      throw new AppError('VALIDATION_FAILED', { invalidParams: charges.problems });

    const sp = await this.org.servicePoint(servicePointCode);
    const spUnits = await this.servicePointUnits(servicePointCode, today);
    const settings = await this.settings(now);
    const tariff = await repo.tariffRows(this.database.db);
    const prepared: PreparedLeg[] = [];
    for (const leg of legs) {
      const address = resolved.get(leg) as ResolvedAddress;
      const weightGrams =
        (leg === 'pickup' ? input.pickup?.weightGrams : input.delivery?.weightGrams) ??
        settings.defaultWeightGrams;
      const zone = zoneOf(address.unitAncestors, spUnits);
      const band = bandFor(tariff, zone, weightGrams, today);
      if (!band)
        throw new AppError('POSTAL_TARIFF_NOT_FOUND', { details: { zone, weightGrams, date: today } });
      prepared.push({
        leg,
        address,
        window: leg === 'pickup' ? (input.pickup?.window ?? null) : null,
        weightGrams,
        zone,
        tariffId: band.id,
        postageVnd: band.priceVnd,
        feesVnd: leg === 'pickup' ? charges.plan.feesAtPickupVnd : 0,
        codVnd: leg === 'delivery' ? charges.plan.codVnd : 0,
        courier: await this.pickCourier({
          servicePoint: servicePointCode,
          unitAncestors: address.unitAncestors,
        }),
      });
    }

    const documents: PostalDocument[] = version.version.documents.map((d, i) => ({
      index: i + 1,
      name: d.name,
      form: d.form,
      count: d.count,
      mandatory: d.mandatory,
    }));
    const by = actor ? staffOf(actor) : PUBLIC_ACTOR;
    const requestId = randomUUID();
    const channel = actor ? 'phone' : 'online';
    const items = await this.database.transaction(async (tx) => {
      await repo.insertRequest(tx, {
        id: requestId,
        createdAt: now,
        channel,
        createdBy: actor?.userId ?? null,
        servicePointCode,
        procedureCode: version.version.code,
        procedureVersionId: version.id,
        procedureName: version.version.name,
        documents,
        dossierCode,
        applicant,
        cod: input.cod === true,
        feesVnd,
        feesCollection: charges.plan.feesCollection,
        feesBlockReturn: version.version.feesBlockReturn,
      });
      const created: { row: repo.ItemRow; item: PostalItem }[] = [];
      for (const p of prepared) {
        const trackingNumber = await repo.allocateTrackingNumber(tx);
        const holderKind = p.leg === 'pickup' ? 'citizen' : 'counter';
        let item: PostalItem = {
          id: randomUUID(),
          trackingNumber,
          leg: p.leg,
          status: 'created',
          version: 1,
          servicePoint: { code: sp.code, name: sp.name },
          courier: null,
          attempts: 0,
          guided: false,
          postageVnd: p.postageVnd,
          feesVnd: p.feesVnd,
          codVnd: p.codVnd,
          holder: {
            kind: holderKind,
            ref: holderKind === 'counter' ? sp.code : null,
            name: holderKind === 'counter' ? sp.name : null,
            since: now,
          },
          lastEventAt: now,
        };
        const row: typeof postalItems.$inferInsert = {
          id: item.id,
          trackingNumber,
          requestId,
          leg: p.leg,
          status: item.status,
          version: 1,
          servicePointCode: sp.code,
          servicePointName: sp.name,
          dossierCode,
          communeCode: p.address.stored.communeCode,
          unitAncestors: p.address.unitAncestors,
          address: p.address.stored,
          window: p.window,
          weightGrams: p.weightGrams,
          zone: p.zone,
          tariffId: p.tariffId,
          postageVnd: p.postageVnd,
          feesVnd: p.feesVnd,
          codVnd: p.codVnd,
          holderKind: item.holder.kind,
          holderRef: item.holder.ref,
          holderName: item.holder.name,
          holderSince: now,
          createdAt: now,
          createdOn: today,
          updatedAt: now,
          lastEventAt: now,
        };
        await repo.insertItem(tx, row);
        const first = createdEvent(item, by, now);
        await repo.appendEvent(tx, item.id, first);
        const events: ItemEvent[] = [first];
        if (p.courier) {
          const assigned = decide(
            item,
            { type: 'assign', courier: p.courier },
            this.context(SYSTEM, settings, documents, null, now),
          );
          if (!assigned.ok) throw assigned.error;
          const auto = { ...assigned.value.event, data: { ...assigned.value.event.data, auto: true } };
          if (!(await repo.saveItem(tx, assigned.value.item, item.version, now)))
            throw new AppError('INTERNAL');
          await repo.appendEvent(tx, item.id, auto);
          item = assigned.value.item;
          events.push(auto);
        }
        await appendAudit(
          tx,
          auditActorOf(by),
          now,
          events.map((e) => ({
            action: `postal.${e.type}`,
            entityType: 'postal-item',
            entityId: trackingNumber,
            change: {
              leg: p.leg,
              to: e.to,
              requestId,
              channel,
              dossierCode,
              zone: p.zone,
              postageVnd: p.postageVnd,
              ...e.data,
            },
          })),
        );
        const stored = await repo.loadItem(tx, trackingNumber);
        if (!stored) throw new Error('item vanished');
        await enqueueOutbox(
          tx,
          now,
          events.map((e) =>
            this.outboxMessage(stored, { procedureName: version.version.name, applicant }, e, null),
          ),
        );
        created.push({ row: stored, item });
      }
      const answer = {
        requestId,
        channel,
        dossierCode,
        feesCollection: charges.plan.feesCollection,
        items: created.map(({ row }) => this.summary(row, version.version.name, version.version.code)),
      };
      if (save) await save(tx, answer);
      return answer;
    });
    return items;
  }

  private context(
    actor: StaffRef,
    settings: repo.PostalSettings,
    documents: readonly PostalDocument[],
    applicantIdNumber: string | null,
    now: Date,
  ): DecisionContext {
    return { now, actor, maxAttempts: settings.maxAttempts, documents, applicantIdNumber };
  }

  // ------------------------------------------------------------ events

  /** Turns the API body into a command (every missing field reported at once). */
  private async toCommand(row: repo.ItemRow, input: EventInput): Promise<ItemCommand> {
    const problems: InvalidParam[] = [];
    const need = <T>(name: string, value: T | undefined): T => {
      if (value === undefined) problems.push({ name: `body/${name}`, reason: `required for ${input.type}` });
      return value as T;
    };
    let command: ItemCommand;
    switch (input.type) {
      case 'assign': {
        const location = { servicePoint: row.servicePointCode, unitAncestors: row.unitAncestors };
        const courier = await this.pickCourier(location, input.courier);
        if (!courier)
          throw new AppError('POSTAL_COURIER_OUT_OF_AREA', {
            detail: 'No courier covers the area of this item.',
          });
        command = { type: 'assign', courier };
        break;
      }
      case 'guide':
        command = { type: 'guide', missing: need('missing', input.missing) ?? [] };
        break;
      case 'pick-up':
        command = {
          type: 'pick-up',
          checklist: need('checklist', input.checklist) ?? [],
          slipSignedByApplicant: input.slipSignedByApplicant === true,
          slipSignedByCourier: input.slipSignedByCourier === true,
          sealed: input.sealed === true,
          cashCollected: input.cashCollected === true,
        };
        break;
      case 'deliver': {
        const r = need('recipient', input.recipient);
        command = {
          type: 'deliver',
          recipient: {
            name: r?.name ?? '',
            idNumber: r?.idNumber ?? '',
            relation: r?.relation ?? 'self',
            authorisationRef: r?.authorisationRef,
          },
          photoSha256: null,
          cashCollected: input.cashCollected === true,
        };
        break;
      }
      case 'fail-attempt': {
        const reason = need('reason', input.reason);
        if (reason !== undefined && !(FAIL_REASONS as readonly string[]).includes(reason))
          problems.push({ name: 'body/reason', reason: `one of ${FAIL_REASONS.join(', ')}` });
        command = { type: 'fail-attempt', reason: reason as FailReason, note: input.note };
        break;
      }
      case 'cancel':
        command = { type: 'cancel', reason: need('reason', input.reason) ?? '' };
        break;
      default:
        command = { type: input.type };
    }
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { invalidParams: problems });
    return command;
  }

  /** The photo of a signed slip: JPEG or PNG within the size limit. */
  private photoOf(
    input: EventInput,
    maxBytes: number,
  ): { bytes: Buffer; sha256: string; contentType: string } | null {
    const bytes = input.photoBytes ?? (input.photo ? Buffer.from(input.photo.base64, 'base64') : undefined);
    if (bytes === undefined || bytes.length === 0) return null;
    const contentType = photoContentType(bytes);
    if (!contentType || bytes.length > maxBytes)
      throw new AppError('POSTAL_PHOTO_INVALID', { details: { maxBytes } });
    return { bytes, sha256: sha256Hex(bytes), contentType };
  }

  /**
   * Records one event on an item. The clerk's take-over of a pickup receives the dossier (creating
   * the postal-channel dossier first when the request had none); the clerk's hand-over of a result
   * returns the dossier by post. A pick-up with missing documents records the guidance once and
   * answers POSTAL_PICKUP_INCOMPLETE.
   */
  async record(actor: Actor, trackingNumber: string, input: EventInput, now: Date) {
    const tn = this.parseTracking(trackingNumber);
    const row = await repo.loadItem(this.database.db, tn);
    if (!row) throw new AppError('POSTAL_ITEM_NOT_FOUND', { details: { trackingNumber: tn } });
    const side = await this.authorize(actor, row, input.type);
    const request = await this.requestOf(row);
    const settings = await this.settings(now);
    const command = await this.toCommand(row, input);
    const photo = command.type === 'deliver' ? this.photoOf(input, settings.maxPhotoBytes) : null;
    const finalCommand: ItemCommand =
      command.type === 'deliver' && photo ? { ...command, photoSha256: photo.sha256 } : command;
    const ctx = this.context(
      staffOf(actor),
      settings,
      request.documents as PostalDocument[],
      this.applicantIdNumber(request),
      now,
    );

    const dry = decide(repo.toItem(row), finalCommand, ctx);
    if (!dry.ok && dry.error.code !== 'POSTAL_PICKUP_INCOMPLETE') throw dry.error;
    if (dry.ok) await this.beforeWrite(actor, side, row, request, dry.value.event, now);

    type Outcome = { incomplete: AppError } | { saved: repo.ItemRow; event: ItemEvent };
    const outcome = await this.database.transaction(async (tx): Promise<Outcome> => {
      const locked = await repo.loadItem(tx, tn, { forUpdate: true });
      if (!locked) throw new AppError('POSTAL_ITEM_NOT_FOUND');
      const lockedRequest = await repo.loadRequest(tx, locked.requestId);
      if (!lockedRequest) throw new Error('request vanished');
      const decided = decide(repo.toItem(locked), finalCommand, ctx);
      if (!decided.ok) {
        if (decided.error.code === 'POSTAL_PICKUP_INCOMPLETE' && !locked.guided) {
          const missing = ((decided.error.details?.missing as { index: number }[] | undefined) ?? []).map(
            (m) => m.index,
          );
          const guidance = decide(repo.toItem(locked), { type: 'guide', missing }, ctx);
          if (!guidance.ok) throw guidance.error;
          await this.persist(tx, ctx.actor, locked, lockedRequest, guidance.value, now);
          return { incomplete: decided.error };
        }
        throw decided.error;
      }
      if (photo) await repo.storePhoto(tx, { ...photo, at: now });
      const saved = await this.persist(tx, ctx.actor, locked, lockedRequest, decided.value, now, {
        recipient: command.type === 'deliver' ? { ...command.recipient } : undefined,
        photoSha256: photo?.sha256,
      });
      await this.recordHandoverLine(tx, ctx.actor, saved, decided.value.event, now);
      return { saved, event: decided.value.event };
    });
    if ('incomplete' in outcome)
      throw new AppError('POSTAL_PICKUP_INCOMPLETE', {
        details: { ...outcome.incomplete.details, guided: true },
      });
    const dossier = outcome.saved.dossierCode ? await this.desk.facts(outcome.saved.dossierCode) : undefined;
    return {
      item: this.summary(outcome.saved, request.procedureName, request.procedureCode),
      event: {
        type: outcome.event.type,
        at: outcome.event.at.toISOString(),
        from: outcome.event.from,
        to: outcome.event.to,
      },
      dossier: dossier ? { code: dossier.code, status: dossier.status } : null,
    };
  }

  private async requestOf(row: repo.ItemRow): Promise<repo.RequestRow> {
    const request = await repo.loadRequest(this.database.db, row.requestId);
    if (!request) throw new Error(`postal request ${row.requestId} is missing`);
    return request;
  }

  private applicantIdNumber(request: repo.RequestRow): string | null {
    const a = request.applicant as Applicant;
    return a.kind === 'person' ? a.idNumber : null;
  }

  /**
   * Dossier steps that must happen with an event, before the postal transaction:
   *  - the clerk takes a collected dossier over (pickup → at_counter): submit it if it has no code
   *    yet, record the fees the courier collected, then receive it (`submitted → received`);
   *  - the clerk hands a result to a courier (delivery → handover_pending): return it by post;
   *  - a courier takes a result over first: the result must exist (returned when the clerk confirms).
   */
  private async beforeWrite(
    actor: Actor,
    side: Side,
    row: repo.ItemRow,
    request: repo.RequestRow,
    event: ItemEvent,
    now: Date,
  ): Promise<void> {
    const tn = row.trackingNumber;
    if (row.leg === 'pickup' && event.to === 'at_counter')
      await this.ensureReceived(actor, row, request, now);
    if (row.leg === 'delivery' && event.type === 'hand-over' && side === 'counter')
      await this.ensureReturnedByPost(actor, row, request, now);
    if (row.leg === 'delivery' && event.type === 'take-over' && event.to === 'with_courier') {
      const code = request.dossierCode;
      const facts = code ? await this.desk.facts(code) : undefined;
      if (!facts || !['result_ready', 'returned'].includes(facts.status))
        throw new AppError('POSTAL_RESULT_NOT_READY', {
          details: { trackingNumber: tn, dossierStatus: facts?.status ?? null },
        });
    }
  }

  private async ensureReceived(
    actor: Actor,
    row: repo.ItemRow,
    request: repo.RequestRow,
    now: Date,
  ): Promise<void> {
    const tn = row.trackingNumber;
    let code = request.dossierCode;
    const createdHere = code === null;
    if (code === null) {
      const events = await repo.eventsOf(this.database.db, [row.id]);
      const pickUp = [...events].reverse().find((e) => e.type === 'pick-up');
      const presented = new Set(
        ((pickUp?.data as { presented?: number[] } | undefined)?.presented ?? []) as number[],
      );
      const documents: TickedDocument[] = (request.documents as PostalDocument[])
        .filter((d) => presented.has(d.index))
        .map((d) => ({ index: d.index, form: d.form, count: d.count, attached: false, reused: false }));
      const items = await repo.itemsOfRequest(this.database.db, request.id);
      const delivery = items.find((i) => i.leg === 'delivery' && i.status !== 'cancelled');
      const version = await this.desk.versionById(request.procedureVersionId);
      const fees: ChargedFee[] | undefined =
        request.feesCollection === 'pickup' && version
          ? version.version.fees
              .map((f, i) => ({ f, index: i + 1 }))
              .filter(({ f }) => f.amountVnd > 0 && f.appliesWhen === undefined)
              .map(({ index }) => ({ index, payment: { method: 'cash' as const, receiptNumber: tn } }))
          : undefined;
      const submitted = await this.desk.submitPostal(
        actor,
        {
          procedureCode: request.procedureCode,
          servicePointCode: request.servicePointCode,
          applicant: request.applicant as Applicant,
          documents,
          returnMethod: delivery ? 'postal' : 'counter',
          deliveryAddress: delivery ? (delivery.address as StoredAddress).text : undefined,
          fees,
        },
        now,
        `postal:${tn}:submit`,
      );
      code = submitted.code;
      const linked = code;
      await this.database.transaction(async (tx) => {
        await repo.setDossierCode(tx, request.id, linked);
        await appendAudit(tx, auditActorOf(staffOf(actor)), now, [
          {
            action: 'postal.dossier-linked',
            entityType: 'postal-item',
            entityId: tn,
            change: { dossierCode: linked, requestId: request.id },
          },
        ]);
        await enqueueOutbox(tx, now, [
          {
            topic: 'postal.dossier-linked',
            payload: { trackingNumber: tn, code: linked, requestId: request.id },
          },
        ]);
      });
      request = { ...request, dossierCode: linked };
    }
    const facts = await this.desk.facts(code);
    if (!facts) throw new AppError('DOSSIER_NOT_FOUND', { details: { code } });
    if (facts.status === 'submitted') {
      if (!createdHere && request.feesCollection === 'pickup' && facts.unpaidFees.length > 0)
        await this.desk.recordCashPayments(actor, code, tn, now, `postal:${tn}:fees`);
      await this.desk.receive(actor, code, now, `postal:${tn}:receive`);
    } else if (
      !['received', 'in_progress', 'supplement_requested', 'result_ready', 'returned'].includes(facts.status)
    ) {
      throw new AppError('POSTAL_DOSSIER_NOT_ELIGIBLE', {
        detail: `The dossier is ${facts.status}.`,
        details: { code, status: facts.status },
      });
    }
  }

  private async ensureReturnedByPost(
    actor: Actor,
    row: repo.ItemRow,
    request: repo.RequestRow,
    now: Date,
  ): Promise<void> {
    const code = request.dossierCode;
    const facts = code ? await this.desk.facts(code) : undefined;
    if (facts?.status === 'result_ready')
      await this.desk.returnByPost(
        actor,
        facts.code,
        row.trackingNumber,
        now,
        `postal:${row.trackingNumber}:return`,
      );
    else if (facts?.status !== 'returned')
      throw new AppError('POSTAL_RESULT_NOT_READY', {
        details: { trackingNumber: row.trackingNumber, dossierStatus: facts?.status ?? null },
      });
  }

  /** Writes a decision: item row, event, cash, audit, outbox. Answers the saved row. */
  private async persist(
    tx: Tx,
    actor: StaffRef,
    row: repo.ItemRow,
    request: repo.RequestRow,
    decision: Decision,
    now: Date,
    extra: { recipient?: unknown; photoSha256?: string | undefined } = {},
  ): Promise<repo.ItemRow> {
    const { item, event, cash } = decision;
    const terminal = TERMINAL_STATUSES.includes(item.status);
    const started =
      (row.leg === 'pickup' && event.type === 'pick-up') ||
      (row.leg === 'delivery' && event.to === 'with_courier');
    const ok = await repo.saveItem(tx, item, row.version, now, {
      ...(extra.recipient !== undefined ? { recipient: extra.recipient } : {}),
      ...(extra.photoSha256 !== undefined ? { photoSha256: extra.photoSha256 } : {}),
      ...(started && row.startedAt === null ? { startedAt: now } : {}),
      ...(terminal ? { endedAt: now, endedOn: localDateOf(now) } : {}),
    });
    if (!ok)
      throw new AppError('POSTAL_EVENT_NOT_ALLOWED', {
        detail: 'The item was changed by someone else. Reload it and try again.',
      });
    await repo.appendEvent(tx, item.id, event);
    if (cash && item.courier) {
      const courier = item.courier;
      await repo.insertCash(
        tx,
        (['postage', 'fees', 'cod'] as const)
          .map((category) => ({
            category,
            amountVnd:
              category === 'postage' ? cash.postageVnd : category === 'fees' ? cash.feesVnd : cash.codVnd,
          }))
          .filter((c) => c.amountVnd > 0)
          .map((c) => ({
            courierId: courier.id ?? '',
            courierUsername: courier.username,
            day: localDateOf(now),
            kind: 'collected',
            category: c.category,
            amountVnd: c.amountVnd,
            itemId: item.id,
            servicePointCode: row.servicePointCode,
            at: now,
            recordedBy: actor.username,
          })),
      );
    }
    await appendAudit(tx, auditActorOf(actor), now, [
      {
        action: `postal.${event.type}`,
        entityType: 'postal-item',
        entityId: row.trackingNumber,
        change: {
          leg: row.leg,
          from: event.from,
          to: event.to,
          version: item.version,
          holder: { kind: event.holder.kind, ref: event.holder.ref },
          dossierCode: row.dossierCode ?? request.dossierCode,
          ...(cash ? { cashCollectedVnd: cash.postageVnd + cash.feesVnd + cash.codVnd } : {}),
          ...event.data,
        },
      },
    ]);
    const saved = await repo.loadItem(tx, row.trackingNumber);
    if (!saved) throw new Error('item vanished');
    // "Out for delivery" tells the citizen once per delivery attempt: an event of an attempt already
    // announced (a replayed or duplicated event) records its history but sends nothing again.
    if (event.type === 'out-for-delivery' && (await this.attemptAnnounced(tx, saved.id, event))) return saved;
    await enqueueOutbox(tx, now, [
      this.outboxMessage(
        saved,
        { procedureName: request.procedureName, applicant: request.applicant as Applicant },
        event,
        cash,
      ),
    ]);
    return saved;
  }

  /** Whether an earlier out-for-delivery event of the item already announced this attempt. */
  private async attemptAnnounced(tx: Tx, itemId: string, event: ItemEvent): Promise<boolean> {
    const attempt = (event.data as { attempt?: number }).attempt;
    const same = (await repo.eventsOf(tx, [itemId])).filter(
      (e) => e.type === 'out-for-delivery' && (e.data as { attempt?: number }).attempt === attempt,
    );
    return same.length > 1;
  }

  /** The outbox message of an event; citizen-facing topics carry the applicant's contact (notifications). */
  private outboxMessage(
    row: repo.ItemRow,
    request: { procedureName: string; applicant: Applicant },
    event: ItemEvent,
    cash: Decision['cash'],
  ): OutboxMessage {
    const topic = topicOf(row.leg as Leg, event.type, event.to);
    const citizenFacing = [
      'postal.picked-up',
      'postal.received-at-counter',
      'postal.out-for-delivery',
      'postal.delivered',
      'postal.delivery-failed',
      'postal.pickup-failed',
      'postal.returned',
      'postal.cancelled',
      'postal.created',
    ].includes(topic);
    return {
      topic,
      payload: {
        trackingNumber: row.trackingNumber,
        leg: row.leg,
        status: event.to,
        event: event.type,
        at: event.at.toISOString(),
        code: row.dossierCode,
        procedureName: request.procedureName,
        servicePoint: { code: row.servicePointCode, name: row.servicePointName },
        ...(event.type === 'deliver' ? { deliveredAt: event.at.toISOString() } : {}),
        ...(event.type === 'fail-attempt' ? { reason: event.data.reason, attempt: event.data.attempt } : {}),
        // One notification per attempt: the key notifications can deduplicate on.
        ...(event.type === 'out-for-delivery'
          ? {
              attempt: event.data.attempt,
              notificationKey: `postal:${row.trackingNumber}:out-for-delivery:${String(event.data.attempt)}`,
            }
          : {}),
        ...(cash ? { cashCollectedVnd: cash.postageVnd + cash.feesVnd + cash.codVnd } : {}),
        ...(citizenFacing
          ? { contact: { phone: request.applicant.phone, email: request.applicant.email ?? null } }
          : {}),
      },
    };
  }

  /** Direction of the hand-over an event belongs to. */
  private directionOf(leg: Leg, to: ItemStatus): 'to_counter' | 'to_courier' {
    if (leg === 'pickup') return 'to_counter';
    return to === 'handover_pending' || to === 'with_courier' ? 'to_courier' : 'to_counter';
  }

  /**
   * The manifest line of a single-item hand-over or take-over: a take-over confirms the open line
   * the giver created; anything else opens a one-line manifest confirmed by this side only.
   */
  private async recordHandoverLine(
    tx: Tx,
    actor: StaffRef,
    saved: repo.ItemRow,
    event: ItemEvent,
    now: Date,
  ): Promise<void> {
    if (event.type !== 'hand-over' && event.type !== 'take-over') return;
    const direction = this.directionOf(saved.leg as Leg, event.to);
    const side = event.type === 'hand-over' ? 'giver' : 'receiver';
    const clerk = this.counterSideOf(direction, side) ? actor : null;
    if (side === 'receiver') {
      const open = await repo.openLineOf(tx, saved.id, direction, 'receiver');
      if (open) {
        await repo.confirmLine(tx, open.manifest.id, saved.id, 'receiver', now);
        await repo.refreshManifest(tx, open.manifest.id, now, clerk);
        return;
      }
    }
    await this.openManifest(tx, actor, direction, [saved], side, now);
  }

  /** True when `side` of a manifest in `direction` is the counter. */
  private counterSideOf(direction: 'to_counter' | 'to_courier', side: 'giver' | 'receiver'): boolean {
    return (direction === 'to_counter') === (side === 'receiver');
  }

  private async openManifest(
    tx: Tx,
    actor: StaffRef,
    direction: 'to_counter' | 'to_courier',
    rows: readonly repo.ItemRow[],
    side: 'giver' | 'receiver',
    now: Date,
  ): Promise<repo.ManifestRow> {
    const first = rows[0] as repo.ItemRow;
    const clerk = this.counterSideOf(direction, side) ? actor : null;
    const id = randomUUID();
    const manifest = await repo.insertManifest(
      tx,
      {
        id,
        direction,
        servicePointCode: first.servicePointCode,
        servicePointName: first.servicePointName,
        courierId: first.courierId ?? '',
        courierUsername: first.courierUsername ?? '',
        courierName: first.courierName ?? '',
        clerkId: clerk?.id ?? null,
        clerkUsername: clerk?.username ?? null,
        clerkName: clerk?.name ?? null,
        createdAt: now,
        createdBy: actor.username,
        giverConfirmedAt: side === 'giver' ? now : null,
        receiverConfirmedAt: side === 'receiver' ? now : null,
        itemCount: rows.length,
      },
      rows.map((r) => ({
        itemId: r.id,
        trackingNumber: r.trackingNumber,
        giverConfirmedAt: side === 'giver' ? now : null,
        receiverConfirmedAt: side === 'receiver' ? now : null,
      })),
    );
    await appendAudit(tx, auditActorOf(actor), now, [
      {
        action: 'postal.manifest-opened',
        entityType: 'postal-manifest',
        entityId: manifestNumber(manifest.serialNo),
        change: {
          id,
          direction,
          side,
          servicePoint: first.servicePointCode,
          courier: first.courierUsername,
          items: rows.map((r) => r.trackingNumber),
        },
      },
    ]);
    await enqueueOutbox(tx, now, [
      {
        topic: 'postal.manifest-opened',
        payload: {
          manifestId: id,
          number: manifestNumber(manifest.serialNo),
          direction,
          side,
          count: rows.length,
        },
      },
    ]);
    return manifest;
  }

  // ------------------------------------------------------------ manifests

  /**
   * A hand-over of several items at once, recorded by the giver: the courier at the counter
   * (`to_counter`: collected dossiers, results coming back) or the clerk to a courier (`to_courier`:
   * results). Every item gets its `hand-over` event; the receiver confirms with the count.
   */
  async createManifest(actor: Actor, input: ManifestInput, now: Date): Promise<ManifestView> {
    if (input.items.length === 0 || input.items.length > 200)
      throw new AppError('VALIDATION_FAILED', {
        invalidParams: [{ name: 'body/items', reason: '1..200 tracking numbers' }],
      });
    const numbers = [...new Set(input.items.map((t) => this.parseTracking(t)))];
    const giverSide: Side = input.direction === 'to_counter' ? 'courier' : 'counter';
    const rows: repo.ItemRow[] = [];
    for (const tn of numbers) {
      const row = await repo.loadItem(this.database.db, tn);
      if (!row) throw new AppError('POSTAL_ITEM_NOT_FOUND', { details: { trackingNumber: tn } });
      const side = await this.authorize(actor, row, 'hand-over');
      if (side !== giverSide)
        throw new AppError('POSTAL_EVENT_NOT_ALLOWED', {
          details: { trackingNumber: tn, direction: input.direction },
        });
      rows.push(row);
    }
    const first = rows[0] as repo.ItemRow;
    if (rows.some((r) => r.servicePointCode !== first.servicePointCode || r.courierId !== first.courierId))
      throw new AppError('VALIDATION_FAILED', {
        invalidParams: [{ name: 'body/items', reason: 'one service point and one courier per manifest' }],
      });
    const settings = await this.settings(now);
    const ctxs = new Map<string, { request: repo.RequestRow; ctx: DecisionContext }>();
    for (const row of rows) {
      const request = await this.requestOf(row);
      const ctx = this.context(
        staffOf(actor),
        settings,
        request.documents as PostalDocument[],
        this.applicantIdNumber(request),
        now,
      );
      const dry = decide(repo.toItem(row), { type: 'hand-over' }, ctx);
      if (!dry.ok) throw dry.error;
      ctxs.set(row.id, { request, ctx });
    }
    for (const row of rows) {
      const { request, ctx } = ctxs.get(row.id) as { request: repo.RequestRow; ctx: DecisionContext };
      const dry = decide(repo.toItem(row), { type: 'hand-over' }, ctx);
      if (dry.ok) await this.beforeWrite(actor, giverSide, row, request, dry.value.event, now);
    }
    const id = await this.database.transaction(async (tx) => {
      const locked: repo.ItemRow[] = [];
      for (const row of rows) {
        const l = await repo.loadItem(tx, row.trackingNumber, { forUpdate: true });
        if (!l) throw new AppError('POSTAL_ITEM_NOT_FOUND');
        locked.push(l);
      }
      const manifest = await this.openManifest(tx, staffOf(actor), input.direction, locked, 'giver', now);
      for (const l of locked) {
        const { request, ctx } = ctxs.get(l.id) as { request: repo.RequestRow; ctx: DecisionContext };
        const decided = decide(repo.toItem(l), { type: 'hand-over' }, ctx);
        if (!decided.ok) throw decided.error;
        const lockedRequest = (await repo.loadRequest(tx, l.requestId)) ?? request;
        await this.persist(
          tx,
          ctx.actor,
          l,
          lockedRequest,
          {
            ...decided.value,
            event: { ...decided.value.event, data: { ...decided.value.event.data, manifestId: manifest.id } },
          },
          now,
        );
      }
      return manifest.id;
    });
    return this.manifest(actor, id);
  }

  /**
   * The other side confirms a manifest with the count it checked. The receiver's confirmation takes
   * every item over (for collected dossiers: the dossier is received); a giver's late confirmation
   * (the receiver recorded first) only completes the manifest.
   */
  async confirmManifest(actor: Actor, id: string, count: number, now: Date): Promise<ManifestView> {
    const found = await repo.loadManifest(this.database.db, id);
    if (!found) throw new AppError('POSTAL_MANIFEST_NOT_FOUND', { details: { id } });
    const { manifest, lines } = found;
    const direction = manifest.direction as 'to_counter' | 'to_courier';
    const spLocation = await this.org.servicePointLocation(manifest.servicePointCode, localDateOf(now));
    const isCourier = manifest.courierId === actor.userId && hasPermission(actor, 'postal.courier');
    const isCounter = mayAccess(actor, 'postal.counter', spLocation);
    if (!isCourier && !isCounter) throw new AppError('FORBIDDEN');
    const actorSide: Side = isCourier ? 'courier' : 'counter';
    const role: 'giver' | 'receiver' =
      this.counterSideOf(direction, 'receiver') === (actorSide === 'counter') ? 'receiver' : 'giver';
    const pending = lines.filter(
      (l) => (role === 'giver' ? l.giverConfirmedAt : l.receiverConfirmedAt) === null,
    );
    if (pending.length === 0)
      throw new AppError('POSTAL_MANIFEST_ALREADY_CONFIRMED', {
        details: { number: manifestNumber(manifest.serialNo), side: role },
      });
    if (count !== lines.length)
      throw new AppError('POSTAL_MANIFEST_COUNT_MISMATCH', {
        details: { expected: lines.length, counted: count },
      });

    const settings = await this.settings(now);
    const plans: { row: repo.ItemRow; request: repo.RequestRow; ctx: DecisionContext; take: boolean }[] = [];
    for (const line of pending) {
      const row = await repo.loadItemById(this.database.db, line.itemId);
      if (!row) throw new AppError('POSTAL_ITEM_NOT_FOUND');
      const request = await this.requestOf(row);
      const ctx = this.context(
        staffOf(actor),
        settings,
        request.documents as PostalDocument[],
        this.applicantIdNumber(request),
        now,
      );
      // The receiver takes over items still waiting; a line already taken over (one-sided) only gets confirmed.
      const take = role === 'receiver' && line.giverConfirmedAt !== null;
      if (take) {
        await this.authorize(actor, row, 'take-over');
        const dry = decide(repo.toItem(row), { type: 'take-over' }, ctx);
        if (!dry.ok) throw dry.error;
        await this.beforeWrite(actor, actorSide, row, request, dry.value.event, now);
      } else if (role === 'giver' && direction === 'to_courier' && row.leg === 'delivery') {
        // The clerk confirms giving a result the courier already took: the dossier is returned by post now.
        await this.ensureReturnedByPost(actor, row, request, now);
      }
      plans.push({ row, request, ctx, take });
    }
    await this.database.transaction(async (tx) => {
      await repo.loadManifest(tx, id, { forUpdate: true });
      for (const p of plans) {
        if (p.take) {
          const locked = await repo.loadItem(tx, p.row.trackingNumber, { forUpdate: true });
          if (!locked) throw new AppError('POSTAL_ITEM_NOT_FOUND');
          const decided = decide(repo.toItem(locked), { type: 'take-over' }, p.ctx);
          if (!decided.ok) throw decided.error;
          const request = (await repo.loadRequest(tx, locked.requestId)) ?? p.request;
          await this.persist(
            tx,
            p.ctx.actor,
            locked,
            request,
            {
              ...decided.value,
              event: { ...decided.value.event, data: { ...decided.value.event.data, manifestId: id } },
            },
            now,
          );
        }
        await repo.confirmLine(tx, id, p.row.id, role, now);
      }
      await repo.refreshManifest(tx, id, now, actorSide === 'counter' ? staffOf(actor) : null);
      await appendAudit(tx, auditActorOf(staffOf(actor)), now, [
        {
          action: 'postal.manifest-confirmed',
          entityType: 'postal-manifest',
          entityId: manifestNumber(manifest.serialNo),
          change: { id, side: role, by: actorSide, count, items: plans.map((p) => p.row.trackingNumber) },
        },
      ]);
      await enqueueOutbox(tx, now, [
        {
          topic: 'postal.manifest-confirmed',
          payload: {
            manifestId: id,
            number: manifestNumber(manifest.serialNo),
            direction,
            side: role,
            count,
          },
        },
      ]);
    });
    return this.manifest(actor, id);
  }

  /** A manifest with both sides' confirmations (no personal data). */
  async manifest(actor: Actor, id: string): Promise<ManifestView> {
    const found = await repo.loadManifest(this.database.db, id);
    if (!found) throw new AppError('POSTAL_MANIFEST_NOT_FOUND', { details: { id } });
    const { manifest: m, lines } = found;
    const location = await this.org.servicePointLocation(m.servicePointCode, localDateOf(m.createdAt));
    if (m.courierId !== actor.userId && !mayAccess(actor, 'postal.read', location))
      throw new AppError('FORBIDDEN');
    return this.manifestView(m, lines);
  }

  private manifestView(m: repo.ManifestRow, lines: readonly repo.ManifestLineRow[]): ManifestView {
    const direction = m.direction as 'to_counter' | 'to_courier';
    return {
      id: m.id,
      number: manifestNumber(m.serialNo),
      direction,
      servicePoint: { code: m.servicePointCode, name: m.servicePointName },
      courier: { username: m.courierUsername, name: m.courierName },
      clerk: m.clerkUsername ? { username: m.clerkUsername, name: m.clerkName ?? '' } : null,
      createdAt: m.createdAt.toISOString(),
      itemCount: m.itemCount,
      giver: {
        side: direction === 'to_counter' ? 'courier' : 'counter',
        confirmedAt: iso(m.giverConfirmedAt),
        confirmedCount: lines.filter((l) => l.giverConfirmedAt).length,
      },
      receiver: {
        side: direction === 'to_counter' ? 'counter' : 'courier',
        confirmedAt: iso(m.receiverConfirmedAt),
        confirmedCount: lines.filter((l) => l.receiverConfirmedAt).length,
      },
      items: lines.map((l) => ({
        trackingNumber: l.trackingNumber,
        giverConfirmedAt: iso(l.giverConfirmedAt),
        receiverConfirmedAt: iso(l.receiverConfirmedAt),
      })),
    };
  }

  /** A manifest with what its PDF prints of each item (leg, dossier code, procedure; no personal data). */
  async manifestDocument(
    actor: Actor,
    id: string,
  ): Promise<{
    manifest: ManifestView;
    items: Map<string, { leg: Leg; dossierCode: string | null; procedureName: string }>;
  }> {
    const manifest = await this.manifest(actor, id);
    const items = new Map<string, { leg: Leg; dossierCode: string | null; procedureName: string }>();
    for (const line of manifest.items) {
      const row = await repo.loadItem(this.database.db, line.trackingNumber);
      if (!row) continue;
      const request = await this.requestOf(row);
      items.set(row.trackingNumber, {
        leg: row.leg as Leg,
        dossierCode: row.dossierCode,
        procedureName: request.procedureName,
      });
    }
    return { manifest, items };
  }

  /** Recent manifests of a courier or a service point (for the pages). */
  async recentManifests(filter: { courierId?: string; servicePointCode?: string }): Promise<ManifestView[]> {
    const rows = await repo.manifestsOf(this.database.db, { ...filter, limit: 30 });
    const out: ManifestView[] = [];
    for (const m of rows) {
      const found = await repo.loadManifest(this.database.db, m.id);
      if (found) out.push(this.manifestView(found.manifest, found.lines));
    }
    return out;
  }

  // ------------------------------------------------------------ reads

  private summary(row: repo.ItemRow, procedureName: string, procedureCode: string): ItemSummary {
    return {
      trackingNumber: row.trackingNumber,
      leg: row.leg as Leg,
      status: row.status as ItemStatus,
      version: row.version,
      dossierCode: row.dossierCode,
      procedure: { code: procedureCode, name: procedureName },
      servicePoint: { code: row.servicePointCode, name: row.servicePointName },
      courier: row.courierUsername ? { username: row.courierUsername, name: row.courierName ?? '' } : null,
      attempts: row.attempts,
      zone: row.zone,
      weightGrams: row.weightGrams,
      postageVnd: row.postageVnd,
      feesVnd: row.feesVnd,
      codVnd: row.codVnd,
      cashDueVnd: cashDueOf(row),
      window: (row.window as PickupWindow | null) ?? null,
      holder: { kind: row.holderKind, name: row.holderName, since: row.holderSince.toISOString() },
      createdAt: row.createdAt.toISOString(),
      lastEventAt: row.lastEventAt.toISOString(),
    };
  }

  private async auditPersonalRead(
    actor: Actor,
    now: Date,
    entries: { entityType: string; entityId: string; purpose: string }[],
  ): Promise<void> {
    if (entries.length === 0) return;
    await this.database.transaction((tx) =>
      appendAudit(
        tx,
        auditActorOf(staffOf(actor)),
        now,
        entries.map((e) => ({
          action: 'personal-data.read',
          entityType: e.entityType,
          entityId: e.entityId,
          change: { fields: ['name', 'phone', 'address', 'idNumber'], purpose: e.purpose },
        })),
      ),
    );
  }

  /** One item with its history and the personal data staff need (the read is audited). */
  async item(
    actor: Actor,
    trackingNumber: string,
    now: Date,
    purpose = 'postal.item.view',
  ): Promise<ItemView> {
    const tn = this.parseTracking(trackingNumber);
    const row = await repo.loadItem(this.database.db, tn);
    if (!row) throw new AppError('POSTAL_ITEM_NOT_FOUND', { details: { trackingNumber: tn } });
    if (!(await this.mayRead(actor, row))) throw new AppError('FORBIDDEN');
    const request = await this.requestOf(row);
    const settings = await this.settings(now);
    const events = await repo.eventsOf(this.database.db, [row.id]);
    const manifests = await repo.manifestsOfItem(this.database.db, row.id);
    await this.auditPersonalRead(actor, now, [{ entityType: 'postal-item', entityId: tn, purpose }]);
    const applicant = request.applicant as Applicant;
    const recipient = row.recipient as { name: string; relation: string } | null;
    return {
      ...this.summary(row, request.procedureName, request.procedureCode),
      maxAttempts: settings.maxAttempts,
      guided: row.guided,
      applicant: { fullName: applicant.fullName, phone: applicant.phone },
      address: row.address as StoredAddress,
      recipient: recipient ? { name: recipient.name, relation: recipient.relation } : null,
      photoSha256: row.photoSha256,
      documents: request.documents as PostalDocument[],
      events: events.map((e) => ({
        seq: e.seq,
        type: e.type,
        at: e.at.toISOString(),
        from: e.fromStatus,
        to: e.toStatus,
        actor: e.actorName,
        holder: { kind: e.holderKind, name: e.holderName },
        place: e.place,
        data: e.data,
      })),
      manifests: manifests.map((m) => ({
        id: m.id,
        number: manifestNumber(m.serialNo),
        direction: m.direction,
      })),
    };
  }

  /** Items in the actor's scope (no personal data). */
  async list(actor: Actor, filter: repo.ItemFilter): Promise<ItemSummary[]> {
    const rows = await repo.listItems(this.database.db, filter);
    const out: ItemSummary[] = [];
    const requests = new Map<string, repo.RequestRow>();
    for (const row of rows) {
      if (!(await this.mayRead(actor, row))) continue;
      const request = requests.get(row.requestId) ?? (await this.requestOf(row));
      requests.set(row.requestId, request);
      out.push(this.summary(row, request.procedureName, request.procedureCode));
    }
    return out;
  }

  /** The courier's open items with addresses (for their page and run sheet; the read is audited). */
  async courierItems(actor: Actor, courierId: string, day: string, now: Date): Promise<ItemView[]> {
    const rows = await repo.listItems(this.database.db, { courierId, statuses: OPEN_STATUSES });
    const due = rows.filter(
      (r) =>
        r.leg !== 'pickup' ||
        r.status !== 'assigned' ||
        ((r.window as PickupWindow | null)?.date ?? day) <= day,
    );
    const out: ItemView[] = [];
    for (const r of due) {
      if (!(await this.mayRead(actor, r))) continue;
      out.push(await this.item(actor, r.trackingNumber, now, `postal.run-sheet:${day}`));
    }
    return out;
  }

  /** Items waiting at a counter: collected dossiers to take over, results to hand over, returns. */
  async counterItems(actor: Actor, servicePointCode: string, now: Date): Promise<ItemSummary[]> {
    const location = await this.org.servicePointLocation(servicePointCode, localDateOf(now));
    if (!mayAccess(actor, 'postal.counter', location)) throw new AppError('FORBIDDEN');
    return this.list(actor, { servicePointCode, statuses: OPEN_STATUSES });
  }

  /** Resolves a courier account by username (for run sheets, cash). */
  async courierByUsername(username: string): Promise<StaffRef> {
    const found = (await repo.courierGrants(this.database.db)).find((c) => c.username === username);
    if (!found) throw new AppError('USER_NOT_FOUND', { details: { username } });
    return { id: found.userId, username: found.username, name: found.fullName };
  }

  // ------------------------------------------------------------ custody

  /** Who holds each paper dossier and result now, and the gaps (one-sided hand-overs, idle items). */
  async custody(
    actor: Actor,
    filter: { servicePointCode?: string | undefined; flaggedOnly?: boolean | undefined },
    now: Date,
  ) {
    const settings = await this.settings(now);
    const open = await repo.listItems(this.database.db, {
      statuses: OPEN_STATUSES,
      servicePointCode: filter.servicePointCode,
      limit: 5_000,
    });
    const oneSided = await repo.oneSidedLines(this.database.db);
    const linesByItem = new Map<string, ManifestLine[]>();
    for (const { manifest, line } of oneSided) {
      const list = linesByItem.get(line.itemId) ?? [];
      list.push({
        manifestId: manifest.id,
        manifestNumber: manifestNumber(manifest.serialNo),
        direction: manifest.direction as 'to_counter' | 'to_courier',
        giverConfirmedAt: line.giverConfirmedAt,
        receiverConfirmedAt: line.receiverConfirmedAt,
      });
      linesByItem.set(line.itemId, list);
    }
    const rows = new Map(open.map((r) => [r.id, r]));
    for (const itemId of linesByItem.keys()) {
      if (rows.has(itemId)) continue;
      const r = await repo.loadItemById(this.database.db, itemId);
      if (r && (!filter.servicePointCode || r.servicePointCode === filter.servicePointCode))
        rows.set(itemId, r);
    }
    const out: CustodyRow[] = [];
    for (const r of rows.values()) {
      if (!mayAccess(actor, 'postal.custody', await this.locationOf(r, false))) continue;
      const flags = custodyFlags(
        {
          trackingNumber: r.trackingNumber,
          leg: r.leg as Leg,
          status: r.status as ItemStatus,
          holder: {
            kind: r.holderKind as 'citizen',
            ref: r.holderRef,
            name: r.holderName,
            since: r.holderSince,
          },
          lastEventAt: r.lastEventAt,
        },
        linesByItem.get(r.id) ?? [],
        now,
        settings.idleHours,
      );
      if (filter.flaggedOnly && flags.length === 0) continue;
      out.push({
        trackingNumber: r.trackingNumber,
        leg: r.leg as Leg,
        status: r.status as ItemStatus,
        dossierCode: r.dossierCode,
        servicePoint: { code: r.servicePointCode, name: r.servicePointName },
        courier: r.courierName,
        holder: { kind: r.holderKind, name: r.holderName, since: r.holderSince.toISOString() },
        flags: flags.map((f) => ({ ...f, since: f.since.toISOString() })),
      });
    }
    out.sort((a, b) => b.flags.length - a.flags.length || a.holder.since.localeCompare(b.holder.since));
    return {
      at: now.toISOString(),
      idleHours: settings.idleHours,
      flagged: out.filter((r) => r.flags.length > 0).length,
      items: out,
    };
  }

  // ------------------------------------------------------------ cash

  /** The cash ledger entries the actor may see (by service point), reconciled per courier and day. */
  async cash(
    actor: Actor,
    query: { from: string; to: string; courier?: string | undefined },
    now: Date,
  ): Promise<CashDayView[]> {
    const problems: InvalidParam[] = [];
    for (const [name, value] of [
      ['from', query.from],
      ['to', query.to],
    ] as const)
      if (!isLocalDate(value)) problems.push({ name: `querystring/${name}`, reason: 'a date YYYY-MM-DD' });
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { invalidParams: problems });
    const courier = query.courier ? await this.courierByUsername(query.courier) : undefined;
    const { entries, servicePoints, couriers } = await repo.cashEntries(
      this.database.db,
      query.from,
      query.to,
      courier?.id ?? undefined,
    );
    const visible = await this.visibleByServicePoint(actor, 'postal.cash', servicePoints, now);
    return reconcile(entries.filter((_, i) => visible[i] === true)).map(({ courierId, ...d }) => ({
      ...d,
      courier: couriers.get(courierId) ?? courierId,
    }));
  }

  /** For each service point code (in order), whether the actor holds `permission` there. */
  private async visibleByServicePoint(
    actor: Actor,
    permission: Permission,
    servicePoints: readonly string[],
    now: Date,
  ): Promise<boolean[]> {
    const cache = new Map<string, boolean>();
    const out: boolean[] = [];
    for (const sp of servicePoints) {
      if (!cache.has(sp))
        cache.set(
          sp,
          mayAccess(actor, permission, await this.org.servicePointLocation(sp, localDateOf(now))),
        );
      out.push(cache.get(sp) as boolean);
    }
    return out;
  }

  /** The clerk records the cash a courier hands over for a day; answers that courier-day reconciled. */
  async handOverCash(
    actor: Actor,
    input: CashHandoverInput,
    now: Date,
    save?: IdempotencySave,
  ): Promise<CashDayView> {
    const problems: InvalidParam[] = [];
    if (!isLocalDate(input.day)) problems.push({ name: 'body/day', reason: 'a date YYYY-MM-DD' });
    else if (input.day > localDateOf(now)) problems.push({ name: 'body/day', reason: 'today or earlier' });
    if (!Number.isInteger(input.amountVnd) || input.amountVnd < 0)
      problems.push({ name: 'body/amountVnd', reason: 'whole đồng ≥ 0' });
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { invalidParams: problems });
    const location = await this.org.servicePointLocation(input.servicePointCode, localDateOf(now));
    if (!mayAccess(actor, 'postal.counter', location)) throw new AppError('FORBIDDEN');
    const courier = await this.courierByUsername(input.courier);
    const clerk = staffOf(actor);
    return this.database.transaction(async (tx) => {
      await repo.insertCash(tx, [
        {
          courierId: courier.id ?? '',
          courierUsername: courier.username,
          day: input.day,
          kind: 'handed_over',
          category: null,
          amountVnd: input.amountVnd,
          itemId: null,
          servicePointCode: input.servicePointCode,
          at: now,
          recordedBy: clerk.username,
          note: input.note ?? null,
        },
      ]);
      await appendAudit(tx, auditActorOf(clerk), now, [
        {
          action: 'postal.cash-handed-over',
          entityType: 'postal-cash',
          entityId: `${courier.username}:${input.day}`,
          change: { amountVnd: input.amountVnd, servicePoint: input.servicePointCode },
        },
      ]);
      await enqueueOutbox(tx, now, [
        {
          topic: 'postal.cash-handed-over',
          payload: {
            courier: courier.username,
            day: input.day,
            amountVnd: input.amountVnd,
            servicePoint: input.servicePointCode,
          },
        },
      ]);
      // The day as it stands with this hand-over (read in the transaction: the answer a retry replays).
      const { entries } = await repo.cashEntries(tx, input.day, input.day, courier.id ?? undefined);
      const [day] = reconcile(entries);
      if (!day) throw new Error('no cash day after a hand-over');
      const { courierId: _c, ...rest } = day;
      const answer = { ...rest, courier: courier.username };
      if (save) await save(tx, answer);
      return answer;
    });
  }

  // ------------------------------------------------------------ figures

  async figures(
    actor: Actor,
    query: { from: string; to: string; servicePointCode?: string | undefined },
    now: Date,
  ): Promise<PostalFigures> {
    const problems: InvalidParam[] = [];
    if (!isLocalDate(query.from)) problems.push({ name: 'querystring/from', reason: 'a date YYYY-MM-DD' });
    if (!isLocalDate(query.to)) problems.push({ name: 'querystring/to', reason: 'a date YYYY-MM-DD' });
    if (problems.length === 0 && query.to < query.from)
      problems.push({ name: 'querystring/to', reason: 'on or after from' });
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { invalidParams: problems });
    if (query.servicePointCode) {
      const location = await this.org.servicePointLocation(query.servicePointCode, localDateOf(now));
      if (!mayAccess(actor, 'postal.reports', location)) throw new AppError('FORBIDDEN');
    }
    const rows = await repo.itemsForFigures(this.database.db, query.from, query.to, query.servicePointCode);
    const visible: repo.ItemRow[] = [];
    for (const r of rows)
      if (mayAccess(actor, 'postal.reports', await this.locationOf(r, false))) visible.push(r);
    const failed = await repo.failedAttemptCounts(
      this.database.db,
      visible.map((r) => r.id),
    );
    const items: FigureItem[] = visible.map((r) => ({
      leg: r.leg as Leg,
      createdOn: r.createdOn,
      createdAt: r.createdAt,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      endedOn: r.endedOn,
      outcome:
        r.status === 'at_counter' || r.status === 'delivered'
          ? 'done'
          : r.status === 'returned'
            ? 'returned'
            : r.status === 'cancelled'
              ? 'cancelled'
              : 'open',
      failedAttempts: failed.get(r.id) ?? 0,
    }));
    const cash = await repo.cashEntries(this.database.db, query.from, query.to);
    const allowed = query.servicePointCode
      ? cash.servicePoints.map((sp) => sp === query.servicePointCode)
      : await this.visibleByServicePoint(actor, 'postal.reports', cash.servicePoints, now);
    const entries = cash.entries.filter((_, i) => allowed[i] === true);
    return postalFigures(items, reconcile(entries), query);
  }

  // ------------------------------------------------------------ tariff

  /** The tariff bands in force on a date (public: citizens see the price list). */
  async tariff(at: string) {
    if (!isLocalDate(at))
      throw new AppError('VALIDATION_FAILED', {
        invalidParams: [{ name: 'querystring/at', reason: 'a date YYYY-MM-DD' }],
      });
    const rows = await repo.tariffRows(this.database.db);
    return {
      at,
      bands: rows
        .filter((r) => r.validFrom <= at && (r.validTo === null || at <= r.validTo))
        .map((r) => ({
          zone: r.zone,
          maxWeightGrams: r.maxWeightGrams,
          priceVnd: r.priceVnd,
          validFrom: r.validFrom,
          validTo: r.validTo,
        })),
    };
  }

  /** A new tariff from `validFrom` (today or later); the previous bands end the day before. */
  async setTariff(
    actor: Actor | null,
    input: { validFrom: string; bands: readonly TariffBand[]; note?: string | undefined },
    now: Date,
  ) {
    const problems = validateTariff(input.bands);
    if (!isLocalDate(input.validFrom)) problems.push({ name: 'body/validFrom', reason: 'a date YYYY-MM-DD' });
    else if (actor && input.validFrom < localDateOf(now))
      problems.push({
        name: 'body/validFrom',
        reason: 'today or later: postage already charged does not change',
      });
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { invalidParams: problems });
    const by = actor ? staffOf(actor) : SYSTEM;
    await this.database.transaction(async (tx) => {
      await repo.replaceTariff(tx, input.bands, input.validFrom, now, input.note ?? null);
      await appendAudit(tx, auditActorOf(by), now, [
        {
          action: 'postal.tariff-set',
          entityType: 'postal-tariff',
          entityId: input.validFrom,
          change: { bands: input.bands, note: input.note ?? null },
        },
      ]);
      await enqueueOutbox(tx, now, [
        { topic: 'postal.tariff-set', payload: { validFrom: input.validFrom, bands: input.bands.length } },
      ]);
    });
    return this.tariff(input.validFrom);
  }

  // ------------------------------------------------------------ public tracking

  /**
   * Public tracking by tracking number or dossier code: steps, times and service point names only.
   * A mistyped tracking number is refused (POSTAL_TRACKING_NUMBER_INVALID) rather than "not found".
   */
  async track(query: string): Promise<{ query: string; items: TrackingItem[] }> {
    const text = query.trim();
    let rows: repo.ItemRow[];
    if (looksLikeS10(text)) {
      const tn = this.parseTracking(text);
      const row = await repo.loadItem(this.database.db, tn);
      rows = row ? [row] : [];
    } else {
      rows = text.length > 0 && text.length <= 100 ? await repo.itemsOfDossier(this.database.db, text) : [];
    }
    if (rows.length === 0) throw new AppError('POSTAL_ITEM_NOT_FOUND');
    const events = await repo.eventsOf(
      this.database.db,
      rows.map((r) => r.id),
    );
    const names = new Map(rows.map((r) => [r.servicePointCode, r.servicePointName]));
    return {
      query: text,
      items: rows.map((r) =>
        trackingView(
          { trackingNumber: r.trackingNumber, leg: r.leg as Leg, status: r.status as ItemStatus },
          events
            .filter((e) => e.itemId === r.id)
            .map((e) => ({
              type: e.type as ItemEvent['type'],
              at: e.at,
              to: e.toStatus as ItemStatus,
              place: e.place,
              data: e.data as Record<string, unknown>,
            })),
          names,
        ),
      ),
    };
  }

  /** The photo of a signed slip (personal: the read is audited). */
  async photo(actor: Actor, trackingNumber: string, now: Date) {
    const tn = this.parseTracking(trackingNumber);
    const row = await repo.loadItem(this.database.db, tn);
    if (!row || !row.photoSha256) throw new AppError('NOT_FOUND');
    if (!(await this.mayRead(actor, row))) throw new AppError('FORBIDDEN');
    const file = await repo.loadPhoto(this.database.db, row.photoSha256);
    if (!file) throw new AppError('NOT_FOUND');
    await this.auditPersonalRead(actor, now, [
      { entityType: 'postal-item', entityId: tn, purpose: 'postal.photo' },
    ]);
    return file;
  }
}
