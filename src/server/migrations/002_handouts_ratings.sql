-- 002: 统一窗口出件 (result hand-outs) and 好差评 (ratings, with the follow-up a 差评 opens).

-- One row per hand-out, idempotent on the workstation-generated id.
CREATE TABLE handouts (
  id               uuid PRIMARY KEY,
  case_id          uuid NOT NULL REFERENCES cases (case_id),
  workstation_id   text NOT NULL REFERENCES workstations (id),
  method           text NOT NULL CHECK (method IN ('inPerson', 'post', 'electronic')),
  department_codes jsonb NOT NULL,
  at               timestamptz NOT NULL,
  content_hash     text NOT NULL,            -- SHA-256 of the canonical body: same id + other body = conflict
  body             jsonb NOT NULL,
  received_at      timestamptz NOT NULL
);
CREATE INDEX handouts_case ON handouts (case_id);

-- One rating per case and trigger (一次一评), idempotent on the workstation-generated id.
CREATE TABLE ratings (
  id               uuid PRIMARY KEY,
  case_id          uuid NOT NULL REFERENCES cases (case_id),
  workstation_id   text NOT NULL REFERENCES workstations (id),
  trigger          text NOT NULL CHECK (trigger IN ('afterAcceptance', 'afterHandout')),
  level            text NOT NULL,
  score            integer NOT NULL CHECK (score BETWEEN 1 AND 5),
  at               timestamptz NOT NULL,
  content_hash     text NOT NULL,
  body             jsonb NOT NULL,
  received_at      timestamptz NOT NULL,
  UNIQUE (case_id, trigger)
);

-- A 差评's follow-up: call back and fix deadlines (inclusive dates in China).
CREATE TABLE rating_follow_ups (
  rating_id        uuid PRIMARY KEY REFERENCES ratings (id),
  case_id          uuid NOT NULL REFERENCES cases (case_id),
  opened_at        timestamptz NOT NULL,
  call_back_by     date NOT NULL,
  fix_by           date NOT NULL,
  provisional      boolean NOT NULL,
  called_back_at   timestamptz,
  fixed_at         timestamptz
);
CREATE INDEX rating_follow_ups_due ON rating_follow_ups (call_back_by) WHERE called_back_at IS NULL;
