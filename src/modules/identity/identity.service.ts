/**
 * Citizen identification use cases: one-time codes by e-mail or SMS, the OpenID Connect login, and
 * citizen sessions (separate from staff sessions). Each change writes its audit event in the same
 * transaction; the one-time code message is queued for the notifications dispatcher in that
 * transaction too (an outbox row, already turned into its message, so the code never sits in an
 * outbox payload).
 */
import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { and, count, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../adapters/db/database.ts';
import { outbox } from '../../adapters/db/schema.ts';
import { randomSecret } from '../../adapters/crypto/password.ts';
import type { OidcRelyingParty } from '../../adapters/oidc/oidc-client.ts';
import type { CitizenIdentityConfig } from '../../config.ts';
import { parseCitizenId } from '../../kernel/citizen-id.ts';
import { AppError } from '../../kernel/errors.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { insertMessages } from '../notifications/notifications.repository.ts';
import {
  decideOtp,
  formatOtp,
  maskedRecipient,
  nationalPhone,
  otpMessage,
  parseRecipient,
  safeReturnPath,
  type Citizen,
  type IdentificationMethod,
  type OtpChannel,
} from './domain.ts';
import { citizenOidcLogins, citizenOtpChallenges, citizenSessions } from './identity.tables.ts';
import { sha256Hex } from '../../kernel/request-hash.ts';

const codeHashOf = (challengeId: string, code: string): string => sha256Hex(`${challengeId}:${code}`);

export interface OtpRequested {
  readonly challengeId: string;
  readonly channel: OtpChannel;
  /** Masked recipient, for the verification page. */
  readonly sentTo: string;
  readonly expiresAt: Date;
}

export interface Identified {
  /** The session token (cookie value or X-Citizen-Token); shown once. */
  readonly token: string;
  readonly citizen: Citizen;
  readonly returnTo: string;
}

/** How long an OpenID Connect login may take at the provider. */
const OIDC_LOGIN_MINUTES = 10;

export class IdentityService {
  constructor(
    private readonly database: Database,
    private readonly config: CitizenIdentityConfig,
    private readonly oidc: OidcRelyingParty | undefined,
  ) {}

  get oidcEnabled(): boolean {
    return this.oidc !== undefined;
  }

  get otpTtlMinutes(): number {
    return this.config.otpTtlMinutes;
  }

  /**
   * Sends a 6-digit code to an e-mail address or phone. At most `otpMaxPerHour` codes per recipient
   * per hour (RATE_LIMITED); the route adds a per-IP limit.
   */
  async requestOtp(
    input: { recipient: string; returnTo?: string | undefined; lang: 'vi' | 'en' },
    now: Date,
  ): Promise<OtpRequested> {
    const parsed = parseRecipient(input.recipient);
    if (!parsed)
      throw new AppError('VALIDATION_FAILED', {
        invalidParams: [{ name: 'body/recipient', reason: 'an e-mail address or a Vietnamese phone number' }],
      });
    const hourAgo = new Date(now.getTime() - 3_600_000);
    const [recent] = await this.database.db
      .select({ n: count() })
      .from(citizenOtpChallenges)
      .where(
        and(
          eq(citizenOtpChallenges.recipient, parsed.recipient),
          gt(citizenOtpChallenges.createdAt, hourAgo),
        ),
      );
    if ((recent?.n ?? 0) >= this.config.otpMaxPerHour)
      throw new AppError('RATE_LIMITED', { details: { retryAfterSeconds: 3600 } });

    const id = randomUUID();
    const code = formatOtp(randomInt(0, 1_000_000));
    const expiresAt = new Date(now.getTime() + this.config.otpTtlMinutes * 60_000);
    const message = otpMessage(code, this.config.otpTtlMinutes, input.lang);
    await this.database.transaction(async (tx) => {
      await tx.insert(citizenOtpChallenges).values({
        id,
        channel: parsed.channel,
        recipient: parsed.recipient,
        codeHash: codeHashOf(id, code),
        attempts: 0,
        maxAttempts: this.config.otpMaxAttempts,
        returnTo: safeReturnPath(input.returnTo),
        createdAt: now,
        expiresAt,
      });
      const [row] = await tx
        .insert(outbox)
        .values({
          topic: 'citizen.otp-requested',
          payload: { challengeId: id, channel: parsed.channel },
          createdAt: now,
          availableAt: now,
          deliveredAt: now,
        })
        .returning({ id: outbox.id });
      await insertMessages(tx, [
        {
          outboxId: row!.id,
          topic: 'citizen.otp-requested',
          dossierCode: null,
          servicePointCode: null,
          channel: parsed.channel,
          recipient: parsed.recipient,
          template: 'one-time-code',
          language: input.lang,
          subject: parsed.channel === 'email' ? message.subject : null,
          body: parsed.channel === 'email' ? message.text : message.sms,
          html: null,
          status: 'queued',
          attempts: 0,
          lastError: null,
          // Expires with the code: a message still queued after that is useless.
          nextAttemptAt: now,
          createdAt: now,
          updatedAt: now,
        },
      ]);
      await appendAudit(tx, { id: null, label: 'citizen' }, now, [
        {
          action: 'citizen.otp-requested',
          entityType: 'citizen-otp',
          entityId: id,
          change: { channel: parsed.channel, to: maskedRecipient(parsed.channel, parsed.recipient) },
        },
      ]);
    });
    return {
      challengeId: id,
      channel: parsed.channel,
      sentTo: maskedRecipient(parsed.channel, parsed.recipient),
      expiresAt,
    };
  }

  /** The masked recipient of a live challenge (verification page), or undefined. */
  async challenge(
    challengeId: string,
  ): Promise<{ channel: OtpChannel; sentTo: string; returnTo: string } | undefined> {
    if (!isUuid(challengeId)) return undefined;
    const [row] = await this.database.db
      .select()
      .from(citizenOtpChallenges)
      .where(eq(citizenOtpChallenges.id, challengeId));
    if (!row) return undefined;
    const channel = row.channel as OtpChannel;
    return { channel, sentTo: maskedRecipient(channel, row.recipient), returnTo: row.returnTo };
  }

  /**
   * Checks a code. The attempt is counted (and committed) before the comparison; a wrong code
   * answers IDENTITY_OTP_INVALID with the attempts left, then IDENTITY_OTP_LOCKED; an expired or
   * used challenge IDENTITY_OTP_EXPIRED. The right code opens a citizen session.
   */
  async verifyOtp(challengeId: string, code: string, now: Date): Promise<Identified> {
    if (!isUuid(challengeId)) throw new AppError('IDENTITY_OTP_EXPIRED');
    const entered = code.replace(/\s/g, '');
    const counted = await this.database.transaction(async (tx) => {
      const [row] = await tx
        .update(citizenOtpChallenges)
        .set({ attempts: sql`${citizenOtpChallenges.attempts} + 1` })
        .where(eq(citizenOtpChallenges.id, challengeId))
        .returning();
      return row;
    });
    if (!counted) throw new AppError('IDENTITY_OTP_EXPIRED');
    const expected = Buffer.from(counted.codeHash, 'hex');
    const given = Buffer.from(codeHashOf(challengeId, /^\d{6}$/.test(entered) ? entered : 'x'), 'hex');
    const decision = decideOtp(counted, timingSafeEqual(expected, given), now);
    if (decision.kind === 'expired') throw new AppError('IDENTITY_OTP_EXPIRED');
    if (decision.kind === 'locked') throw new AppError('IDENTITY_OTP_LOCKED');
    if (decision.kind === 'wrong')
      throw new AppError('IDENTITY_OTP_INVALID', { details: { attemptsLeft: decision.attemptsLeft } });
    const channel = counted.channel as OtpChannel;
    return this.database.transaction(async (tx) => {
      const consumed = await tx
        .update(citizenOtpChallenges)
        .set({ consumedAt: now })
        .where(and(eq(citizenOtpChallenges.id, challengeId), isNull(citizenOtpChallenges.consumedAt)))
        .returning({ id: citizenOtpChallenges.id });
      if (consumed.length === 0) throw new AppError('IDENTITY_OTP_EXPIRED');
      const identified = await this.openSession(
        tx,
        {
          method: channel,
          email: channel === 'email' ? counted.recipient : null,
          phone: channel === 'sms' ? nationalPhone(counted.recipient) : null,
          citizenId: null,
          fullName: null,
          subject: null,
        },
        now,
      );
      return { ...identified, returnTo: counted.returnTo };
    });
  }

  private async openSession(
    tx: Parameters<Parameters<Database['transaction']>[0]>[0],
    who: {
      method: IdentificationMethod;
      email: string | null;
      phone: string | null;
      citizenId: string | null;
      fullName: string | null;
      subject: string | null;
    },
    now: Date,
  ): Promise<{ token: string; citizen: Citizen }> {
    const token = randomSecret(32);
    const sessionHash = sha256Hex(token);
    const csrfToken = randomSecret(24);
    const expiresAt = new Date(now.getTime() + this.config.sessionMinutes * 60_000);
    await tx.insert(citizenSessions).values({
      tokenHash: sessionHash,
      csrfToken,
      ...who,
      createdAt: now,
      expiresAt,
    });
    await appendAudit(tx, { id: null, label: 'citizen' }, now, [
      {
        action: 'citizen.identified',
        entityType: 'citizen-session',
        entityId: sessionHash.slice(0, 16),
        change: { method: who.method },
      },
    ]);
    return {
      token,
      citizen: {
        sessionHash,
        csrfToken,
        method: who.method,
        email: who.email,
        phone: who.phone,
        citizenId: who.citizenId,
        fullName: who.fullName,
        expiresAt,
      },
    };
  }

  /** The citizen of a session token, or undefined (unknown, ended or expired). */
  async authenticate(token: string, now: Date): Promise<Citizen | undefined> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
    const sessionHash = sha256Hex(token);
    const [row] = await this.database.db
      .select()
      .from(citizenSessions)
      .where(eq(citizenSessions.tokenHash, sessionHash));
    if (!row || row.endedAt !== null || row.expiresAt.getTime() <= now.getTime()) return undefined;
    return {
      sessionHash,
      csrfToken: row.csrfToken,
      method: row.method as IdentificationMethod,
      email: row.email,
      phone: row.phone,
      citizenId: row.citizenId,
      fullName: row.fullName,
      expiresAt: row.expiresAt,
    };
  }

  async endSession(token: string, now: Date): Promise<void> {
    await this.database.db
      .update(citizenSessions)
      .set({ endedAt: now })
      .where(and(eq(citizenSessions.tokenHash, sha256Hex(token)), isNull(citizenSessions.endedAt)));
  }

  // ------------------------------------------------------------ OpenID Connect

  /** Starts a login at the provider: stores state, nonce and PKCE verifier; returns the provider URL. */
  async startOidc(returnTo: unknown, now: Date): Promise<string> {
    if (!this.oidc) throw new AppError('IDENTITY_OIDC_DISABLED');
    let start;
    try {
      start = await this.oidc.start();
    } catch {
      throw new AppError('SERVICE_UNAVAILABLE', { detail: 'The identity provider cannot be reached.' });
    }
    await this.database.db.insert(citizenOidcLogins).values({
      state: start.state,
      nonce: start.nonce,
      codeVerifier: start.codeVerifier,
      returnTo: safeReturnPath(returnTo),
      createdAt: now,
      expiresAt: new Date(now.getTime() + OIDC_LOGIN_MINUTES * 60_000),
    });
    return start.url;
  }

  /**
   * Finishes a login: the state must be one we issued, unused and recent; the code is exchanged and
   * the ID token verified (signature, issuer, audience, nonce, expiry); the citizen ID claim must be
   * a valid 12-digit number. Any failure is IDENTITY_OIDC_FAILED (the reason is logged by the caller
   * without personal data).
   */
  async finishOidc(callbackUrl: URL, now: Date): Promise<Identified> {
    if (!this.oidc) throw new AppError('IDENTITY_OIDC_DISABLED');
    const state = callbackUrl.searchParams.get('state') ?? '';
    const login = await this.database.transaction(async (tx) => {
      const [row] = await tx
        .update(citizenOidcLogins)
        .set({ consumedAt: now })
        .where(and(eq(citizenOidcLogins.state, state), isNull(citizenOidcLogins.consumedAt)))
        .returning();
      return row;
    });
    if (!login || login.expiresAt.getTime() <= now.getTime())
      throw new AppError('IDENTITY_OIDC_FAILED', { details: { reason: 'unknown or expired state' } });
    let claims: Record<string, unknown>;
    try {
      claims = await this.oidc.finish(callbackUrl, login);
    } catch (error) {
      throw new AppError('IDENTITY_OIDC_FAILED', {
        details: { reason: (error as { code?: string }).code ?? 'ID token rejected' },
      });
    }
    const claimName = this.config.oidc?.citizenIdClaim ?? 'citizen_id';
    const citizenId = typeof claims[claimName] === 'string' ? (claims[claimName] as string) : '';
    if (!parseCitizenId(citizenId).ok)
      throw new AppError('IDENTITY_OIDC_FAILED', { details: { reason: `no valid ${claimName} claim` } });
    const fullName = typeof claims.name === 'string' ? claims.name.normalize('NFC') : null;
    const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : null;
    const phone = typeof claims.phone_number === 'string' ? claims.phone_number : null;
    return this.database.transaction(async (tx) => {
      const identified = await this.openSession(
        tx,
        {
          method: 'oidc',
          email,
          phone,
          citizenId,
          fullName,
          subject: typeof claims.sub === 'string' ? claims.sub : null,
        },
        now,
      );
      return { ...identified, returnTo: login.returnTo };
    });
  }
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);
}
