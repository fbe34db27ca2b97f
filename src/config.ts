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
  readonly sessionHours: number;
  readonly bodyLimitBytes: number;
  readonly loginMaxFailures: number;
  readonly loginLockMinutes: number;
  readonly rateLimitPublicPerMinute: number;
  readonly cookieSecure: boolean;
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a non-negative integer, got "${value}"`);
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
    sessionHours: int(env.MOTCUA_SESSION_HOURS, 10, 'MOTCUA_SESSION_HOURS'),
    bodyLimitBytes: int(env.MOTCUA_BODY_LIMIT, 1_048_576, 'MOTCUA_BODY_LIMIT'),
    loginMaxFailures: int(env.MOTCUA_LOGIN_MAX_FAILURES, 5, 'MOTCUA_LOGIN_MAX_FAILURES'),
    loginLockMinutes: int(env.MOTCUA_LOGIN_LOCK_MINUTES, 15, 'MOTCUA_LOGIN_LOCK_MINUTES'),
    rateLimitPublicPerMinute: int(env.MOTCUA_RATE_LIMIT_PUBLIC, 120, 'MOTCUA_RATE_LIMIT_PUBLIC'),
    cookieSecure: env.MOTCUA_COOKIE_SECURE === '1',
  };
}
