/**
 * Tables of citizen identification (re-exported by src/adapters/db/schema.ts for drizzle-kit).
 *
 * Citizens have no account: they prove control of an e-mail address or phone number with a one-time
 * code, or sign in through an OpenID Connect provider (VNeID-style). Either way they get a citizen
 * session, separate from staff sessions. Secrets are stored hashed (SHA-256): the code of a
 * challenge, the session token. Recipients and citizen IDs are personal data: never logged.
 */
import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const instant = () => timestamp({ withTimezone: true, mode: 'date' });

/** A one-time code sent to an e-mail address or phone (6 digits, hashed, short-lived, few attempts). */
export const citizenOtpChallenges = pgTable(
  'citizen_otp_challenge',
  {
    id: uuid().primaryKey(),
    channel: text().notNull(), // email | sms
    /** Normalised e-mail (lower case) or phone (E.164). Personal data. */
    recipient: text().notNull(),
    /** SHA-256 of `<id>:<code>`, hex. */
    codeHash: text().notNull(),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull(),
    /** Where to go after a successful check (a local path). */
    returnTo: text().notNull().default('/'),
    createdAt: instant().notNull(),
    expiresAt: instant().notNull(),
    consumedAt: instant(),
  },
  (t) => [index('citizen_otp_challenge_recipient_idx').on(t.recipient, t.createdAt)],
);

/** A signed-in citizen (cookie `motcua_citizen` or header `X-Citizen-Token`); the token is stored hashed. */
export const citizenSessions = pgTable(
  'citizen_session',
  {
    tokenHash: text().primaryKey(),
    /** Double-submit token the citizen's forms carry. */
    csrfToken: text().notNull(),
    method: text().notNull(), // email | sms | oidc
    email: text(),
    phone: text(),
    /** 12-digit citizen ID (OIDC login). Personal data. */
    citizenId: text(),
    fullName: text(),
    /** The provider's `sub` (OIDC login). */
    subject: text(),
    createdAt: instant().notNull(),
    expiresAt: instant().notNull(),
    endedAt: instant(),
  },
  (t) => [
    index('citizen_session_expires_idx')
      .on(t.expiresAt)
      .where(sql`ended_at IS NULL`),
  ],
);

/** An OpenID Connect login in flight: state, nonce and PKCE verifier, used once. */
export const citizenOidcLogins = pgTable('citizen_oidc_login', {
  state: text().primaryKey(),
  nonce: text().notNull(),
  codeVerifier: text().notNull(),
  returnTo: text().notNull().default('/'),
  createdAt: instant().notNull(),
  expiresAt: instant().notNull(),
  consumedAt: instant(),
});
