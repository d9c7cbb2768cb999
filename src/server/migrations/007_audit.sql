-- 007: the workstations' case audit trail: hash-chained entries, one chain per case
-- (src/core/quality/audit.ts), appended only in chain order; received_at is the server's clock.
CREATE TABLE case_audit_entries (
  case_id         uuid NOT NULL REFERENCES cases (case_id),
  seq             integer NOT NULL CHECK (seq >= 1),
  workstation_id  text NOT NULL REFERENCES workstations (id),
  action          text NOT NULL,
  prev_hash       text NOT NULL,
  hash            text NOT NULL,
  device_time     text NOT NULL,
  entry           jsonb NOT NULL,        -- the entry exactly as sent (without serverTime)
  received_at     timestamptz NOT NULL,
  PRIMARY KEY (case_id, seq)
);
CREATE INDEX case_audit_entries_workstation ON case_audit_entries (workstation_id, case_id, seq);
