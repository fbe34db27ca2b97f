-- Seals pending audit events into the hash chain at COMMIT (see audit_pending in schema.ts).
-- A deferred constraint trigger runs when the transaction commits, in the order the rows were
-- inserted; it locks the chain's head only then, so concurrent transactions queue on the head for
-- the length of a commit, not for the round trips between the application and the database.
-- The hashed text is the event's canonical JSON (src/modules/audit/audit-chain.ts): its keys are
-- sorted and "seq" is the last one, so the application sends everything up to `"seq":` and the
-- trigger appends the number and the closing brace. `audit verify` recomputes it in the application.
CREATE FUNCTION motcua_audit_seal() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  next_seq bigint;
  prev text;
  next_hash text;
BEGIN
  SELECT last_seq + 1, last_hash INTO next_seq, prev FROM audit_head WHERE id = 1 FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit_head row is missing';
  END IF;
  next_hash := encode(sha256(convert_to(prev || E'\n' || NEW.body_prefix || next_seq::text || '}', 'UTF8')), 'hex');
  INSERT INTO audit_event (seq, at, actor_id, actor_label, action, entity_type, entity_id, change, prev_hash, hash)
    VALUES (next_seq, NEW.at, NEW.actor_id, NEW.actor_label, NEW.action, NEW.entity_type, NEW.entity_id,
            NEW.change, prev, next_hash);
  UPDATE audit_head SET last_seq = next_seq, last_hash = next_hash WHERE id = 1;
  DELETE FROM audit_pending WHERE id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER audit_pending_seal AFTER INSERT ON audit_pending
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION motcua_audit_seal();
