-- The audit trail is append-only: any UPDATE or DELETE fails. (A superuser can still disable the
-- trigger; that is what the hash chain and `npm run audit:verify` are for.)
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION motcua_forbid_change();
--> statement-breakpoint
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION motcua_forbid_change();
--> statement-breakpoint
INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, repeat('0', 64));
