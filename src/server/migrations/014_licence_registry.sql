-- 014: data sharing (一数一源) — the centre's electronic licence registry (电子证照库), the basic
-- records behind 秒填 (persons, organisations), the look-up log, and a training registry of
-- fictional people kept in tables of its own (src/server/sharing/).
--
-- Holder ids and names are personal data: a row keeps a keyed blind index (HMAC-SHA-256 of the id
-- type and id, `holder_key`) to be found by, and the values themselves sealed (AES-256-GCM,
-- `*_sealed`, bound to the row); the key lives outside the database (docs/data-sharing.md).

-- 电子证照目录: licence types, from the published catalogs' `licenceTypes` and from imports.
CREATE TABLE licence_types (
  code                    text PRIMARY KEY,
  name                    text NOT NULL,
  name_en                 text,
  issuing_department_code text NOT NULL,
  holder_id_type          text NOT NULL CHECK (holder_id_type IN ('residentId', 'uscc', 'property')),
  -- Where the definition came from: a catalog or an import wins over the training registry's own.
  source                  text NOT NULL DEFAULT 'catalog' CHECK (source IN ('catalog', 'import', 'training')),
  updated_at              timestamptz NOT NULL DEFAULT now()
);

-- A licence document (PDF or image), sealed, stored once per content.
CREATE TABLE licence_documents (
  sha256      text PRIMARY KEY,            -- of the plain bytes
  mime        text NOT NULL CHECK (mime IN ('application/pdf', 'image/jpeg', 'image/png', 'image/webp')),
  size        integer NOT NULL,
  sealed      bytea NOT NULL
);

CREATE SEQUENCE licence_number_seq;

CREATE TABLE licences (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  type_code         text NOT NULL,
  number            text NOT NULL,          -- 证照编号
  holder_id_type    text NOT NULL CHECK (holder_id_type IN ('residentId', 'uscc', 'property')),
  holder_key        bytea NOT NULL,         -- blind index of (holder id type, holder id)
  holder_sealed     bytea NOT NULL,         -- sealed { holderId, holderName, fields }
  issuer            text NOT NULL,          -- 发证机关 (name)
  issued_on         date NOT NULL,
  expires_on        date,                   -- null = 长期
  -- As recorded; 'expired' is also computed at look-up time from expires_on.
  status            text NOT NULL CHECK (status IN ('valid', 'expired', 'revoked', 'cancelled')),
  status_reason     text,
  status_changed_at timestamptz,
  document_sha256   text,
  origin            text NOT NULL CHECK (origin IN ('import', 'decision', 'seed')),
  issued_by_dispatch bigint,                -- the 办结 that issued it (origin = decision)
  updated_at        timestamptz NOT NULL,
  UNIQUE (type_code, number),
  UNIQUE (issued_by_dispatch, type_code)    -- one licence of a type per 办结, however often it is retried
);
CREATE INDEX licences_holder ON licences (type_code, holder_key);

-- 秒填 basic records: 人口 (resident id → name, registered address), 法人 (USCC → name, legal
-- representative, address, registration status). Keyed by blind index; the values sealed.
CREATE TABLE persons (
  id_key      bytea PRIMARY KEY,
  sealed      bytea NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE TABLE organisations (
  id_key      bytea PRIMARY KEY,
  sealed      bytea NOT NULL,
  updated_at  timestamptz NOT NULL
);

-- Every look-up of someone's data (licence or basic record), whatever the answer. No foreign key
-- to cases: a look-up is recorded whether or not its case ever reaches the service.
CREATE TABLE sharing_lookups (
  lookup_id      uuid PRIMARY KEY,
  seq            bigint GENERATED ALWAYS AS IDENTITY,  -- the order they were made in
  at             timestamptz NOT NULL,
  centre_code    text NOT NULL,
  workstation_id text NOT NULL,
  clerk_id       text NOT NULL,
  case_id        uuid NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('licence', 'person', 'organisation')),
  type_code      text,
  holder_key     bytea NOT NULL,            -- whose data (blind index: find every look-up of a person)
  holder_masked  text NOT NULL,             -- 3301**********1234, for the log
  subject_sealed bytea NOT NULL,            -- sealed { holderId, holderName, answer }: what was asked and said
  on_date        date,
  outcome        text NOT NULL,
  source         text NOT NULL CHECK (source IN ('centre', 'platform')),
  platform_note  text,                      -- why the platform did not answer (timeout, circuitOpen …)
  licence_id     bigint,
  licence_number text,
  licence_hash   text,
  status_at      text
);
CREATE INDEX sharing_lookups_centre ON sharing_lookups (centre_code, at, seq);
CREATE INDEX sharing_lookups_case ON sharing_lookups (case_id);
CREATE INDEX sharing_lookups_holder ON sharing_lookups (holder_key, at);

-- Every read of a licence document (by the workstation that looked it up, or a department).
CREATE TABLE sharing_document_reads (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL,
  lookup_id   uuid NOT NULL,
  reader_kind text NOT NULL CHECK (reader_kind IN ('workstation', 'department')),
  reader_id   text NOT NULL,                -- workstation id or department code
  officer_id  bigint,
  worker      text
);
CREATE INDEX sharing_document_reads_lookup ON sharing_document_reads (lookup_id, at);

-- The provincial sharing platform's answers, cached with their time (sealed).
CREATE TABLE platform_answers (
  type_code   text NOT NULL,
  holder_key  bytea NOT NULL,
  answered_at timestamptz NOT NULL,
  sealed      bytea NOT NULL,
  PRIMARY KEY (type_code, holder_key)
);

-- The training registry: the same shapes, fictional people only, never joined with the live
-- tables (a training look-up names only these).
CREATE TABLE training_licence_documents (LIKE licence_documents INCLUDING ALL);
CREATE TABLE training_licences (LIKE licences INCLUDING ALL);
CREATE TABLE training_persons (LIKE persons INCLUDING ALL);
CREATE TABLE training_organisations (LIKE organisations INCLUDING ALL);
CREATE TABLE training_sharing_lookups (LIKE sharing_lookups INCLUDING ALL);
CREATE TABLE training_sharing_document_reads (LIKE sharing_document_reads INCLUDING ALL);
