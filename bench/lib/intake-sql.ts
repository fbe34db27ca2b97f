/**
 * The SQL transaction equivalent to one counter intake — the rows MotCua writes, without MotCua:
 * the code sequence upsert, the dossier row and its history rows (events, fees …), the audit event
 * with the chain's head locked and moved, and the outbox row. Each row is copied from a dossier the
 * app itself took in (the template), so row sizes are the app's own.
 *
 * The same statements are written as a pgbench script (PostgreSQL server) and run in-process
 * (PGlite, which pgbench cannot reach).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../src/adapters/db/database.ts';

/** Where the copied rows come from. */
export interface IntakeTemplate {
  readonly dossierId: string;
  readonly auditSeq: number;
  readonly outboxId: number;
  /** Tables keyed by dossier_id that hold rows of the template (dossier_event, dossier_fee …). */
  readonly children: readonly string[];
}

export interface Statement {
  readonly sql: string;
  /** pgbench `\gset`: the row's columns become variables. */
  readonly gset?: boolean;
}

async function columns(db: Executor, table: string): Promise<{ name: string; serial: boolean }[]> {
  return rowsOf<{ name: string; serial: boolean }>(
    await db.execute(
      sql`select column_name as name, coalesce(column_default like 'nextval(%', false) as serial
          from information_schema.columns where table_schema = 'public' and table_name = ${table}
          and is_generated = 'NEVER' order by ordinal_position`,
    ),
  );
}

/** Picks the template: the first counter intake of the run, its audit event and outbox row. */
export async function findTemplate(db: Executor): Promise<IntakeTemplate> {
  const [d] = rowsOf<{ id: string; code: string }>(
    await db.execute(sql`select id::text as id, code from dossier order by created_at, code limit 1`),
  );
  if (!d) throw new Error('no dossier to copy: the HTTP warm-up took in nothing');
  const [a] = rowsOf<{ seq: string }>(
    await db.execute(
      sql`select seq::text as seq from audit_event where entity_type = 'dossier' and entity_id = ${d.code} order by seq limit 1`,
    ),
  );
  const [o] = rowsOf<{ id: string }>(
    await db.execute(
      sql`select id::text as id from outbox where payload->>'code' = ${d.code} order by id limit 1`,
    ),
  );
  const kids = rowsOf<{ table: string }>(
    await db.execute(sql`select c.table_name as table from information_schema.columns c
        join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
        where c.table_schema = 'public' and c.column_name = 'dossier_id' and t.table_type = 'BASE TABLE' order by c.table_name`),
  );
  const children: string[] = [];
  for (const { table } of kids) {
    const [n] = rowsOf<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from ${sql.identifier(table)} where dossier_id = ${d.id}::uuid`,
      ),
    );
    if ((n?.n ?? 0) > 0) children.push(table);
  }
  if (!a || !o) throw new Error(`template ${d.code} has no audit event or outbox row`);
  return { dossierId: d.id, auditSeq: Number(a.seq), outboxId: Number(o.id), children };
}

/** The statements of one intake; variables are `:name` (pgbench syntax). */
export async function intakeStatements(db: Executor, template: IntakeTemplate): Promise<Statement[]> {
  const dossierColumns = (await columns(db, 'dossier')).filter((c) => !c.serial);
  const exprOf = (name: string): string => {
    switch (name) {
      case 'id':
        return ':id::uuid';
      case 'code':
        return `'PGB-' || :client_id::text || '-' || :n::text`;
      case 'created_at':
      case 'updated_at':
      case 'received_at':
        return 'now()';
      case 'lookup_token_hash':
        return 'md5(:id::text)';
      default:
        return `"${name}"`;
    }
  };
  const statements: Statement[] = [
    { sql: 'SELECT gen_random_uuid() AS id', gset: true },
    { sql: 'BEGIN' },
    {
      sql: `INSERT INTO dossier_code_sequence (service_point_code, local_date, last_number) VALUES ('PGB-' || :client_id::text, CURRENT_DATE, 1) ON CONFLICT (service_point_code, local_date) DO UPDATE SET last_number = dossier_code_sequence.last_number + 1 RETURNING last_number AS n`,
      gset: true,
    },
    {
      sql: `INSERT INTO dossier (${dossierColumns.map((c) => `"${c.name}"`).join(', ')}) SELECT ${dossierColumns.map((c) => exprOf(c.name)).join(', ')} FROM dossier WHERE id = '${template.dossierId}'::uuid`,
    },
  ];
  for (const table of template.children) {
    const cols = (await columns(db, table)).filter((c) => !c.serial);
    statements.push({
      sql: `INSERT INTO "${table}" (${cols.map((c) => `"${c.name}"`).join(', ')}) SELECT ${cols.map((c) => (c.name === 'dossier_id' ? ':id::uuid' : `"${c.name}"`)).join(', ')} FROM "${table}" WHERE dossier_id = '${template.dossierId}'::uuid`,
    });
  }
  statements.push(
    {
      sql: 'SELECT last_seq + 1 AS seq, last_hash AS prev FROM audit_head WHERE id = 1 FOR UPDATE',
      gset: true,
    },
    {
      sql: `INSERT INTO audit_event (seq, at, actor_id, actor_label, action, entity_type, entity_id, change, prev_hash, hash) SELECT :seq::bigint, now(), actor_id, actor_label, action, entity_type, 'PGB-' || :client_id::text || '-' || :n::text, change, :prev::text, encode(sha256(convert_to(:prev::text || change::text, 'UTF8')), 'hex') FROM audit_event WHERE seq = ${template.auditSeq}`,
    },
    {
      sql: `UPDATE audit_head SET last_seq = :seq::bigint, last_hash = encode(sha256(convert_to(:prev::text || :seq::text, 'UTF8')), 'hex') WHERE id = 1`,
    },
    {
      sql: `INSERT INTO outbox (topic, payload, created_at, available_at, attempts) SELECT topic, payload, now(), now(), 0 FROM outbox WHERE id = ${template.outboxId}`,
    },
    { sql: 'COMMIT' },
  );
  return statements;
}

/** The pgbench script (one statement per line; `\gset` ends the statements that set variables). */
export function pgbenchScript(statements: readonly Statement[]): string {
  return `${statements.map((s) => (s.gset ? `${s.sql} \\gset` : `${s.sql};`)).join('\n')}\n`;
}

const quote = (v: string) => `'${v.replaceAll("'", "''")}'`;

/**
 * Runs the statements once on `db` (PGlite: one session, so BEGIN/COMMIT are plain statements),
 * substituting the variables as literals the way pgbench's simple protocol would.
 */
export async function runIntakeOnce(
  db: Executor,
  statements: readonly Statement[],
  clientId: number,
): Promise<void> {
  const vars: Record<string, string> = { client_id: String(clientId), id: randomUUID() };
  for (const s of statements) {
    if (s.sql === 'SELECT gen_random_uuid() AS id') continue;
    const text = s.sql.replaceAll(/(?<!:):([a-z_]+)/g, (_m, name: string) => {
      const value = vars[name];
      if (value === undefined) throw new Error(`variable ${name} is not set`);
      return quote(value);
    });
    const result = await db.execute(sql.raw(text));
    if (s.gset)
      for (const [k, v] of Object.entries(rowsOf<Record<string, unknown>>(result)[0] ?? {}))
        vars[k] = String(v);
  }
}
