/**
 * Configuration from the environment (documented in README's configuration table).
 */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly demo: boolean;
  readonly adminPassword: string | undefined;
  readonly publicBaseUrl: string;
  readonly logLevel: string;
  /** Log lines gathered before a write (0: each line at once); a partial buffer waits at most 1 s. */
  readonly logBufferBytes: number;
  readonly sessionHours: number;
  readonly bodyLimitBytes: number;
  readonly loginMaxFailures: number;
  readonly loginLockMinutes: number;
  readonly rateLimitPublicPerMinute: number;
  /** Failed phone-digit lookups per dossier code in 15 minutes (citizen portal, docs/portal.md). */
  readonly rateLimitLookupPerCode: number;
  /** Sign-in attempts per minute per IP (API and page), on top of the per-account lock. */
  readonly rateLimitLoginPerMinute: number;
  readonly cookieSecure: boolean;
  /** E-mail over SMTP; undefined (MOTCUA_SMTP_HOST unset): e-mail notifications stay queued. */
  readonly smtp: SmtpConfig | undefined;
  /** SMS over the HTTP gateway; undefined (MOTCUA_SMS_URL unset): SMS notifications stay queued. */
  readonly sms: SmsGatewayConfig | undefined;
  /** Seconds between two runs of the notification dispatcher; 0 turns it off. */
  readonly notifyIntervalSeconds: number;
  /** Automatic attempts per notification before it is `gave_up` (shown to staff). */
  readonly notifyMaxAttempts: number;
  /** Pause after the first failed attempt; doubles each time, capped at 6 hours. */
  readonly notifyRetryBaseSeconds: number;
  /** Citizen identification for online submission (docs/portal.md). */
  readonly citizen: CitizenIdentityConfig;
}

/** One-time codes, citizen sessions and the OpenID Connect login (docs/portal.md). */
export interface CitizenIdentityConfig {
  readonly otpTtlMinutes: number;
  readonly otpMaxAttempts: number;
  /** One-time codes one e-mail address or phone number may request per hour. */
  readonly otpMaxPerHour: number;
  readonly sessionMinutes: number;
  /** undefined (MOTCUA_OIDC_ISSUER unset): the OpenID Connect login is off. */
  readonly oidc: OidcConfig | undefined;
}

export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scope: string;
  /** The ID-token claim holding the 12-digit citizen ID. */
  readonly citizenIdClaim: string;
  /** Allow an http:// issuer (loopback tests, a local test provider); never in production. */
  readonly allowHttp: boolean;
}

/** SMTP server for notifications (docs/notifications.md). */
export interface SmtpConfig {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly user: string | undefined;
  readonly pass: string | undefined;
  readonly from: string;
}

/** HTTP SMS gateway for notifications (contract in docs/notifications.md). */
export interface SmsGatewayConfig {
  readonly url: string;
  readonly token: string;
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

/** The log buffer: below the log stream's largest single write (16 KiB). */
function logBuffer(value: string | undefined): number {
  const n = int(value, 4096, 'MOTCUA_LOG_BUFFER_BYTES');
  if (n > 16_000) throw new Error(`MOTCUA_LOG_BUFFER_BYTES must be at most 16000, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = int(env.PORT, 3000, 'PORT');
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.MOTCUA_DATA_DIR || './data/db',
    demo: env.MOTCUA_DEMO !== '0',
    adminPassword: env.MOTCUA_ADMIN_PASSWORD || undefined,
    publicBaseUrl: env.MOTCUA_PUBLIC_URL ?? `http://localhost:${port}`,
    logLevel: env.LOG_LEVEL ?? 'info',
    logBufferBytes: logBuffer(env.MOTCUA_LOG_BUFFER_BYTES),
    sessionHours: int(env.MOTCUA_SESSION_HOURS, 10, 'MOTCUA_SESSION_HOURS'),
    bodyLimitBytes: int(env.MOTCUA_BODY_LIMIT, 1_048_576, 'MOTCUA_BODY_LIMIT'),
    loginMaxFailures: int(env.MOTCUA_LOGIN_MAX_FAILURES, 5, 'MOTCUA_LOGIN_MAX_FAILURES'),
    loginLockMinutes: int(env.MOTCUA_LOGIN_LOCK_MINUTES, 15, 'MOTCUA_LOGIN_LOCK_MINUTES'),
    rateLimitPublicPerMinute: int(env.MOTCUA_RATE_LIMIT_PUBLIC, 120, 'MOTCUA_RATE_LIMIT_PUBLIC'),
    rateLimitLookupPerCode: int(
      env.MOTCUA_RATE_LIMIT_LOOKUP_PER_CODE,
      10,
      'MOTCUA_RATE_LIMIT_LOOKUP_PER_CODE',
    ),
    rateLimitLoginPerMinute: int(env.MOTCUA_RATE_LIMIT_LOGIN, 20, 'MOTCUA_RATE_LIMIT_LOGIN'),
    cookieSecure: env.MOTCUA_COOKIE_SECURE === '1',
    smtp: env.MOTCUA_SMTP_HOST
      ? {
          host: env.MOTCUA_SMTP_HOST,
          port: int(env.MOTCUA_SMTP_PORT, env.MOTCUA_SMTP_SECURE === '1' ? 465 : 587, 'MOTCUA_SMTP_PORT'),
          secure: env.MOTCUA_SMTP_SECURE === '1',
          user: env.MOTCUA_SMTP_USER || undefined,
          pass: env.MOTCUA_SMTP_PASS || undefined,
          from: env.MOTCUA_SMTP_FROM || 'MotCua <no-reply@localhost>',
        }
      : undefined,
    sms: env.MOTCUA_SMS_URL ? { url: env.MOTCUA_SMS_URL, token: env.MOTCUA_SMS_TOKEN ?? '' } : undefined,
    notifyIntervalSeconds: int(env.MOTCUA_NOTIFY_INTERVAL_SECONDS, 15, 'MOTCUA_NOTIFY_INTERVAL_SECONDS'),
    notifyMaxAttempts: Math.max(1, int(env.MOTCUA_NOTIFY_MAX_ATTEMPTS, 12, 'MOTCUA_NOTIFY_MAX_ATTEMPTS')),
    notifyRetryBaseSeconds: Math.max(
      1,
      int(env.MOTCUA_NOTIFY_RETRY_BASE_SECONDS, 30, 'MOTCUA_NOTIFY_RETRY_BASE_SECONDS'),
    ),
    citizen: {
      otpTtlMinutes: Math.max(1, int(env.MOTCUA_OTP_TTL_MINUTES, 10, 'MOTCUA_OTP_TTL_MINUTES')),
      otpMaxAttempts: Math.max(1, int(env.MOTCUA_OTP_MAX_ATTEMPTS, 5, 'MOTCUA_OTP_MAX_ATTEMPTS')),
      otpMaxPerHour: Math.max(1, int(env.MOTCUA_OTP_MAX_PER_HOUR, 5, 'MOTCUA_OTP_MAX_PER_HOUR')),
      sessionMinutes: Math.max(
        5,
        int(env.MOTCUA_CITIZEN_SESSION_MINUTES, 60, 'MOTCUA_CITIZEN_SESSION_MINUTES'),
      ),
      oidc: env.MOTCUA_OIDC_ISSUER
        ? {
            issuer: env.MOTCUA_OIDC_ISSUER,
            clientId: env.MOTCUA_OIDC_CLIENT_ID ?? '',
            clientSecret: env.MOTCUA_OIDC_CLIENT_SECRET ?? '',
            scope: env.MOTCUA_OIDC_SCOPE || 'openid profile',
            citizenIdClaim: env.MOTCUA_OIDC_CITIZEN_ID_CLAIM || 'citizen_id',
            allowHttp: env.MOTCUA_OIDC_ALLOW_HTTP === '1',
          }
        : undefined,
    },
  };
}
