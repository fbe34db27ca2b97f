/**
 * MotCua as a real child process on a loopback port: started like `npx tsx src/main.ts` (without
 * npx's wrapper process, so `kill -9` hits the server itself), stopped with SIGTERM or killed with
 * SIGKILL, its output captured for the log tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from '../../../src/node-flags.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const MAIN_ENTRY = 'src/main.ts';
export const CHILD_ADMIN_PASSWORD = 'crash-test-admin-password';

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  server.close();
  await once(server, 'close');
  return port;
}

export interface ChildServerOptions {
  /** The script to run (default src/main.ts). */
  readonly entry?: string;
  /** PGlite data folder (ignored when databaseUrl is set). */
  readonly dataDir?: string;
  readonly databaseUrl?: string;
  readonly port?: number;
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Write the process's stdout and stderr to this file instead of piping them here (benchmarks: a
   * busy server's request log would otherwise be read by the load generator's own process).
   */
  readonly logFile?: string;
  /** How long to wait for /health (ms). */
  readonly startTimeoutMs?: number;
  /** Modules to load before the entry, after tsx (`--import`; benchmarks' probes). */
  readonly preload?: readonly string[];
}

export interface ChildServer {
  readonly baseUrl: string;
  readonly port: number;
  readonly pid: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** SIGKILL (kill -9) to the whole process group; resolves when it has exited. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<void>;
  readonly exited: Promise<number | null>;
}

/** Starts MotCua and waits until /health answers 200. */
export async function startChildServer(options: ChildServerOptions): Promise<ChildServer> {
  const port = options.port ?? (await freePort());
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  delete env.DATABASE_URL;
  delete env.NODE_OPTIONS;
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    MOTCUA_DEMO: '1',
    MOTCUA_ADMIN_PASSWORD: CHILD_ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
    MOTCUA_RATE_LIMIT_PUBLIC: '1000000',
    ...(options.databaseUrl
      ? { DATABASE_URL: options.databaseUrl }
      : { MOTCUA_DATA_DIR: options.dataDir ?? '' }),
    ...options.env,
  });
  const logFd = options.logFile === undefined ? undefined : openSync(options.logFile, 'a');
  const preload = (options.preload ?? []).flatMap((module) => ['--import', module]);
  // The flags `npm start` runs MotCua with (src/node-flags.ts), so the process is the production one.
  const args = [...SERVER_NODE_FLAGS, '--import', 'tsx', ...preload, options.entry ?? MAIN_ENTRY];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: logFd === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', logFd, logFd],
  });
  if (logFd !== undefined) closeSync(logFd);
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const pid = child.pid ?? 0;
  const baseUrl = `http://127.0.0.1:${port}`;

  const output = () => (options.logFile === undefined ? out : readFileSync(options.logFile, 'utf8'));
  const deadline = Date.now() + (options.startTimeoutMs ?? 90_000);
  for (;;) {
    if (gone) throw new Error(`MotCua exited before it was ready:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      process.kill(-pid, 'SIGKILL');
      throw new Error(`MotCua did not become ready in time:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }

  return {
    baseUrl,
    port,
    pid,
    exited,
    output,
    async kill9() {
      if (!gone) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await exited;
    },
    async stop() {
      if (!gone) child.kill('SIGTERM');
      const timer = setTimeout(() => {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // gone
        }
      }, 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** JSON over HTTP with a bearer token; never throws on HTTP errors (network errors do throw). */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<{ status: number; body: string; headers: Headers; json<T>(): T }> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
  });
  const body = await res.text();
  return { status: res.status, body, headers: res.headers, json: <T>() => JSON.parse(body) as T };
}

/** Signs in through the API and returns the bearer token. */
export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await call(baseUrl, 'POST', '/api/v1/auth/login', { body: { username, password } });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.body}`);
  return res.json<{ token: string }>().token;
}

/**
 * Publishes a procedure version through the catalog API (draft, then publish from its validFrom), so
 * that a running MotCua can take in dossiers for it. A code that already has a published version
 * is left as it is.
 */
export async function publishProcedure(
  baseUrl: string,
  adminToken: string,
  version: { code: string; validFrom: string | null },
): Promise<void> {
  const existing = await call(
    baseUrl,
    'GET',
    `/api/v1/procedures/${encodeURIComponent(version.code)}/versions`,
    {
      token: adminToken,
    },
  );
  if (
    existing.status === 200 &&
    existing.json<{ items: { status: string }[] }>().items.some((v) => v.status === 'published')
  )
    return;
  const draft = await call(baseUrl, 'POST', '/api/v1/procedures', { token: adminToken, body: version });
  if (draft.status !== 201) throw new Error(`draft ${version.code}: ${draft.status} ${draft.body}`);
  const number = draft.json<{ version: number }>().version;
  const published = await call(
    baseUrl,
    'POST',
    `/api/v1/procedures/${encodeURIComponent(version.code)}/versions/${number}/publish`,
    {
      token: adminToken,
      body: { validFrom: version.validFrom ?? '2025-07-01' },
    },
  );
  if (published.status !== 200)
    throw new Error(`publish ${version.code}: ${published.status} ${published.body}`);
}
