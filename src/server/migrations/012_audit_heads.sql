-- 012: an audit trail that notices what is missing. A case's hash chain alone cannot show its
-- last entries cut off, the whole chain deleted, or the chain rewritten with every later hash
-- recomputed; nor do its hashes cover the table's own columns or the receipt time. So:

-- The centre-level chain: each time a case's head on the server moves, one link hashes the
-- previous link + case id + head hash + head seq + receipt time (audit.ts, linkHash).
CREATE TABLE audit_head_links (
  centre_code    text NOT NULL REFERENCES centres (code),
  link_seq       bigint NOT NULL CHECK (link_seq >= 1),
  case_id        uuid NOT NULL,               -- no foreign key: a deleted case must still be noticed
  head_seq       integer NOT NULL,
  head_hash      text NOT NULL,
  received_at    timestamptz NOT NULL,
  prev_link_hash text NOT NULL,
  link_hash      text NOT NULL,
  PRIMARY KEY (centre_code, link_seq)
);
CREATE INDEX audit_head_links_case ON audit_head_links (case_id, head_seq);

-- The heads each workstation reports with its audit pushes (the copy of the chain held outside
-- this database): the highest one the server could check, per case.
CREATE TABLE audit_case_heads (
  case_id        uuid PRIMARY KEY,
  workstation_id text NOT NULL,
  seq            integer NOT NULL,
  hash           text NOT NULL,
  reported_at    timestamptz NOT NULL
);

-- Checkpoints: every so many links of a centre, and of the request table, the position and hash
-- reached (verify-audit prints the latest, to be noted outside; each must still match its chain).
CREATE TABLE audit_checkpoints (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  scope      text NOT NULL,                   -- 'centre:<code>' or 'requests'
  position   bigint NOT NULL,                 -- link_seq, or the request row's id
  hash       text NOT NULL,
  at         timestamptz NOT NULL,
  UNIQUE (scope, position)
);

-- The per-request audit table is chained too: each row hashes the previous row's hash and its
-- own columns (rows written before this migration stay unchained).
ALTER TABLE audit ADD COLUMN prev_hash text;
ALTER TABLE audit ADD COLUMN hash text;

-- Chains stored before this migration have no links; every other chain must be covered by them.
CREATE TABLE audit_legacy_cases (case_id uuid PRIMARY KEY);
INSERT INTO audit_legacy_cases SELECT DISTINCT case_id FROM case_audit_entries;
