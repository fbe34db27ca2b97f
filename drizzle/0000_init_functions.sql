-- Hand-written first migration: functions the schema relies on. No extensions are needed:
-- MotCua runs the same SQL on PostgreSQL 15+ servers and on embedded PGlite (PostgreSQL 18).

-- Refuses any UPDATE or DELETE on an append-only table (the audit trail).
CREATE OR REPLACE FUNCTION motcua_forbid_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'check_violation';
END;
$$;
