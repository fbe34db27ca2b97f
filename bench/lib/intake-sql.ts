/**
 * The SQL transaction equivalent to one counter intake — what MotCua sends to the database, without
 * MotCua: the session lookup of the request, then one statement (its own transaction, as the app's
 * is: prepared.ts `singleStatement`) of the code sequence upsert, the dossier row and its history rows
 * (events, fees …), the report cube deltas (the app's own statement text), the audit event (sealed
 * into the chain at COMMIT by the database's trigger) and the outbox row. Rows are copied from a dossier the app itself took in (the template), so row sizes are the
 * app's own; each client works at its own service point, as each HTTP client does.
 *
 * The same statements are written as a pgbench script (PostgreSQL server) and run in-process
 * (PGlite, which pgbench cannot reach).
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../src/adapters/db/database.ts';
import { sessionActorSql } from '../../src/modules/access/access.repository.ts';
import { auditBodyPrefix } from '../../src/modules/audit/audit-chain.ts';
import { loadDossier } from '../../src/modules/dossiers/dossiers.repository.ts';
import { CalendarModuleSource } from '../../src/modules/dossiers/calendar-source.ts';
import { CalendarService } from '../../src/modules/calendar/calendar.service.ts';
import { applyFactDeltasTexts } from '../../src/modules/reports/reports.repository.ts';
import { dossierChangeDeltas } from '../../src/modules/reports/reports.service.ts';
import type { Database } from '../../src/adapters/db/database.ts';

/** Where the copied rows come from. */
export interface IntakeTemplate {
  readonly dossierId: string;
  readonly code: string;
  readonly servicePointCode: string;
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
  const [d] = rowsOf<{ id: string; code: string; sp: string }>(
    await db.execute(
      sql`select id::text as id, code, service_point_code as sp from dossier where channel = 'counter' order by created_at, code limit 1`,
    ),
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
  return {
    dossierId: d.id,
    code: d.code,
    servicePointCode: d.sp,
    auditSeq: Number(a.seq),
    outboxId: Number(o.id),
    children,
  };
}

const quote = (v: string) => `'${v.replaceAll("'", "''")}'`;
/**
 * A text literal that pgbench cannot mistake for variables (`:name` anywhere in a statement is one,
 * JSON's `"key":1` included): base64, decoded by the server.
 */
const literal = (v: string) =>
  `convert_from(decode('${Buffer.from(v, 'utf8').toString('base64')}', 'base64'), 'UTF8')`;
/**
 * This client's service point in this turn (pgbench `-D turn=N`): each turn numbers its codes from 1,
 * so a turn, not the whole run, is bounded by the code's 9,999 a day (at ~180 a second per client,
 * some 55 s).
 */
const SERVICE_POINT = `'PGB-' || :turn::text || '-' || :client_id::text`;
/**
 * This client's dossier code and id (unique per client, service point and day): the number comes
 * from the sequence upsert `s` at the head of the same statement, as in the app.
 */
const CODE = `${SERVICE_POINT} || '-' || lpad((SELECT n FROM s)::text, 4, '0')`;
const ID = `md5(${CODE})::uuid`;

/**
 * The statements of one intake; variables are `:name` (pgbench syntax). `sessionTokenHash` is a live
 * session's token hash (the request's authentication).
 */
export async function intakeStatements(
  database: Database,
  template: IntakeTemplate,
  sessionTokenHash: string,
): Promise<Statement[]> {
  const db = database.db;
  const dossierColumns = (await columns(db, 'dossier')).filter((c) => !c.serial);
  const exprOf = (name: string): string => {
    switch (name) {
      case 'id':
        return ID;
      case 'code':
        return CODE;
      case 'service_point_code':
        return SERVICE_POINT;
      case 'created_at':
      case 'updated_at':
      case 'received_at':
        return 'now()';
      case 'lookup_token_hash':
        return `md5(${CODE})`;
      default:
        return `"${name}"`;
    }
  };
  // The report deltas of this intake, computed by the app's own function, at this client's point.
  const dossier = await loadDossier(db, template.code);
  if (!dossier) throw new Error(`template ${template.code} not found`);
  const { calendar } = await new CalendarModuleSource(new CalendarService(database)).calendarFor(
    template.servicePointCode,
  );
  const deltas = JSON.stringify(dossierChangeDeltas(null, dossier, calendar)).replaceAll(
    JSON.stringify(template.servicePointCode),
    '"@SP@"',
  );
  const [event] = rowsOf<{
    at: string;
    actor_id: string | null;
    actor_label: string;
    action: string;
    entity_type: string;
    change: unknown;
  }>(
    await db.execute(
      sql`select at::text as at, actor_id, actor_label, action, entity_type, change from audit_event where seq = ${template.auditSeq}`,
    ),
  );
  if (!event) throw new Error(`audit event ${template.auditSeq} not found`);
  const prefix = auditBodyPrefix({
    at: new Date(event.at),
    actorId: event.actor_id,
    actorLabel: event.actor_label,
    action: event.action,
    entityType: event.entity_type,
    entityId: template.code,
    change: event.change,
  });
  const session = sessionActorSql(db).replace('$1', quote(sessionTokenHash)).replace('$2', 'now()');

  // The writes, in the app's order; like the app (withWriteBatch) they go as one statement, headed
  // by the sequence upsert that numbers the code.
  const writes = [
    `INSERT INTO dossier (${dossierColumns.map((c) => `"${c.name}"`).join(', ')}) SELECT ${dossierColumns.map((c) => exprOf(c.name)).join(', ')} FROM dossier WHERE id = '${template.dossierId}'::uuid`,
  ];
  for (const table of template.children) {
    const cols = (await columns(db, table)).filter((c) => !c.serial);
    writes.push(
      `INSERT INTO "${table}" (${cols.map((c) => `"${c.name}"`).join(', ')}) SELECT ${cols.map((c) => (c.name === 'dossier_id' ? ID : `"${c.name}"`)).join(', ')} FROM "${table}" WHERE dossier_id = '${template.dossierId}'::uuid`,
    );
  }
  writes.push(
    ...applyFactDeltasTexts(db).map((text) =>
      text
        .replaceAll(/\s+/g, ' ')
        .trim()
        .replace('$1', `replace(${literal(deltas)}, '@SP@', ${SERVICE_POINT})`),
    ),
    `INSERT INTO audit_pending (at, actor_id, actor_label, action, entity_type, entity_id, change, body_prefix) SELECT now(), actor_id, actor_label, action, entity_type, ${CODE}, change, ${literal(prefix)} FROM audit_event WHERE seq = ${template.auditSeq}`,
    `INSERT INTO outbox (topic, payload, created_at, available_at, attempts) SELECT topic, payload, now(), now(), 0 FROM outbox WHERE id = ${template.outboxId}`,
  );
  const sequence = `INSERT INTO dossier_code_sequence (service_point_code, local_date, last_number) VALUES (${SERVICE_POINT}, CURRENT_DATE, 1) ON CONFLICT (service_point_code, local_date) DO UPDATE SET last_number = dossier_code_sequence.last_number + 1 RETURNING last_number AS n`;
  const last = writes.pop() as string;
  return [
    { sql: session },
    { sql: `WITH s AS (${sequence}), ${writes.map((w, i) => `w${i} AS (${w})`).join(', ')} ${last}` },
  ];
}

/** The pgbench script (one statement per line; `\gset` ends the statements that set variables). */
export function pgbenchScript(statements: readonly Statement[]): string {
  return `${statements.map((s) => (s.gset ? `${s.sql} \\gset` : `${s.sql};`)).join('\n')}\n`;
}

/**
 * Runs the statements once on `db` (PGlite: one session; each statement is its own transaction),
 * substituting the variables as literals the way pgbench's simple protocol would.
 */
export async function runIntakeOnce(
  db: Executor,
  statements: readonly Statement[],
  clientId: number,
  turn = 0,
): Promise<void> {
  const vars: Record<string, string> = { client_id: String(clientId), turn: String(turn) };
  for (const s of statements) {
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
