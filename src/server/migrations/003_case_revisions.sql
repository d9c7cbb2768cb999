-- 003: case versions after a 补正 (correction) — the clerk's fix, linked to the version before by its content hash.

-- Revision 1 is the case as pushed (table cases); each fix is the next number here.
CREATE TABLE case_revisions (
  case_id               uuid NOT NULL REFERENCES cases (case_id),
  revision              integer NOT NULL CHECK (revision >= 2),
  previous_content_hash text NOT NULL,
  content_hash          text NOT NULL,
  workstation_id        text NOT NULL REFERENCES workstations (id),
  changed_paths         jsonb NOT NULL,
  reason                jsonb,
  body                  jsonb NOT NULL,      -- the revised case exactly as hashed
  received_at           timestamptz NOT NULL,
  PRIMARY KEY (case_id, revision)
);

-- A new status event kind: the case came back from the window after a correction request.
ALTER TABLE status_events DROP CONSTRAINT status_events_kind_check;
ALTER TABLE status_events ADD CONSTRAINT status_events_kind_check
  CHECK (kind IN ('received', 'dispatched', 'takenForReview', 'correctionRequested', 'approved', 'denied', 'returned', 'resubmitted'));
