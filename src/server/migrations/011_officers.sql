-- 011: department officers (部门经办人) have their own accounts, so every claim and decision
-- names the person who made it. An administrator creates them per department; an officer signs
-- in at the inbox with 工号 + 密码 and gets a session token of their own.
CREATE TABLE officers (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  department_code text NOT NULL REFERENCES departments (code),
  staff_no        text NOT NULL UNIQUE,          -- 工号, what the officer types to sign in
  name            text NOT NULL,
  password_hash   text NOT NULL,                 -- scrypt (see officers.ts); the password itself is never stored
  failed_attempts integer NOT NULL DEFAULT 0,    -- consecutive failed sign-ins; reset by a successful one
  locked_until    timestamptz,                   -- sign-in refused until then after repeated failures
  disabled_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX officers_department ON officers (department_code, staff_no);

-- Sign-in sessions: only the SHA-256 of the random token is kept.
CREATE TABLE officer_sessions (
  token_hash  text PRIMARY KEY,
  officer_id  bigint NOT NULL REFERENCES officers (id),
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz
);
CREATE INDEX officer_sessions_officer ON officer_sessions (officer_id);

-- Who claimed and who decided a dispatch; null when the department's system token acted.
ALTER TABLE dispatches ADD COLUMN claimed_by bigint REFERENCES officers (id);
ALTER TABLE dispatches ADD COLUMN decided_by bigint REFERENCES officers (id);
-- The person on the event the workstation receives, with the name as it was when they decided.
ALTER TABLE status_events ADD COLUMN officer_id bigint REFERENCES officers (id);
ALTER TABLE status_events ADD COLUMN officer_name text;
-- The request audit names the officer too (actor_id stays the department's code).
ALTER TABLE audit ADD COLUMN officer_id bigint;
