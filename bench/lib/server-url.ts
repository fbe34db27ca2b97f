/**
 * The PostgreSQL server the benchmarks use: MOTCUA_BENCH_DATABASE_URL, else the local server — by its
 * Unix socket when it has one (as an application on the same machine would connect; pgbench and
 * MotCua then use the same transport), else 127.0.0.1:5432.
 */
import { existsSync } from 'node:fs';

const SOCKET_DIR = '/var/run/postgresql';

export function benchServerUrl(): string {
  const configured = process.env.MOTCUA_BENCH_DATABASE_URL;
  if (configured) return configured;
  return existsSync(`${SOCKET_DIR}/.s.PGSQL.5432`)
    ? `postgres://postgres@${encodeURIComponent(SOCKET_DIR)}/postgres`
    : 'postgres://postgres@127.0.0.1:5432/postgres';
}
