-- 001: the department-queue service's tables.
-- Runs on PostgreSQL ≥ 13 and on PGlite. Applied once, inside the migration transaction.

-- Service centres (综合受理中心): the 6-digit GB/T 2260 area code.
CREATE TABLE centres (
  code        text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Workstations: id = '<centre>-<code>', code = the 2-symbol workstation code of its case numbers.
CREATE TABLE workstations (
  id          text PRIMARY KEY,
  centre_code text NOT NULL REFERENCES centres (code),
  code        text NOT NULL,
  token_hash  text NOT NULL UNIQUE,          -- SHA-256 (hex) of the bearer token; the token itself is never stored
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz,
  UNIQUE (centre_code, code)
);

-- Departments (实施主体 / 联办机构), by the catalog's department code.
CREATE TABLE departments (
  code        text PRIMARY KEY,
  name        text NOT NULL,
  token_hash  text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);

-- Published catalog versions (immutable once published).
CREATE TABLE catalog_versions (
  version        text PRIMARY KEY,
  effective_date date NOT NULL,
  content_hash   text NOT NULL,
  body           jsonb NOT NULL,
  published_at   timestamptz NOT NULL DEFAULT now()
);

-- Published holiday data, one row per year (a year published again replaces the old one).
CREATE TABLE holiday_data (
  year          integer PRIMARY KEY,
  body          jsonb NOT NULL,
  published_at  timestamptz NOT NULL DEFAULT now()
);

-- Cases as pushed by their workstation (idempotent on case_id + content_hash).
CREATE TABLE cases (
  case_id         uuid PRIMARY KEY,
  content_hash    text NOT NULL,
  case_number     text NOT NULL,
  centre_code     text NOT NULL REFERENCES centres (code),
  workstation_id  text NOT NULL REFERENCES workstations (id),
  training        boolean NOT NULL DEFAULT false CHECK (training = false),  -- training cases are refused, never stored
  status          text NOT NULL,                                            -- accepted | noticeIssued | refused
  catalog_version text NOT NULL,
  body            jsonb NOT NULL,                                           -- the case exactly as hashed
  received_at     timestamptz NOT NULL
);
CREATE INDEX cases_workstation ON cases (workstation_id, received_at);
CREATE INDEX cases_case_number ON cases (case_number);

-- One dispatch per case per responsible department (按责转办), all queued at once.
CREATE TABLE dispatches (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id         uuid NOT NULL REFERENCES cases (case_id),
  department_code text NOT NULL,
  basic_codes     jsonb NOT NULL,            -- ["330001002000", …] this department is responsible for
  roles           jsonb NOT NULL,            -- ["implementing" | "coHandling", …] parallel to basic_codes
  state           text NOT NULL DEFAULT 'queued'
                  CHECK (state IN ('queued', 'claimed', 'inReview', 'correctionRequested', 'approved', 'denied', 'returned')),
  lease_owner     text,
  lease_until     timestamptz,
  queued_at       timestamptz NOT NULL,
  claimed_at      timestamptz,
  decided_at      timestamptz,
  UNIQUE (case_id, department_code)          -- exactly once per department
);
CREATE INDEX dispatches_queue ON dispatches (department_code, state, id);

-- What became of each case, pulled by its workstation after a cursor.
CREATE TABLE status_events (
  seq             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,   -- the cursor
  case_id         uuid NOT NULL REFERENCES cases (case_id),
  workstation_id  text NOT NULL,                                      -- denormalised: the pull filters on it
  kind            text NOT NULL
                  CHECK (kind IN ('received', 'dispatched', 'takenForReview', 'correctionRequested', 'approved', 'denied', 'returned')),
  department_code text,
  at              timestamptz NOT NULL,
  comment         text,
  field_comments  jsonb,
  result_ready    boolean
);
CREATE INDEX status_events_pull ON status_events (workstation_id, seq);
CREATE INDEX status_events_case ON status_events (case_id, seq);

-- Who did what: every /api request's actor. Never bodies, tokens or personal data.
CREATE TABLE audit (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL,
  actor_kind  text NOT NULL CHECK (actor_kind IN ('workstation', 'department', 'anonymous')),
  actor_id    text,
  worker      text,
  method      text NOT NULL,
  route       text,           -- the route pattern, e.g. /api/v1/department/dispatches/:id/claim
  path        text NOT NULL,  -- the path without its query string
  status      integer NOT NULL,
  duration_ms integer
);
CREATE INDEX audit_actor ON audit (actor_kind, actor_id, at);
