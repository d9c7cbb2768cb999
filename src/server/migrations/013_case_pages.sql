-- 013: pages of materials (材料电子化). The bytes live sealed in the page store (a directory or
-- an S3 bucket, src/server/pages/storage.ts) under their SHA-256; these tables say which pages
-- the service holds, who proved they have them, which case each belongs to, and who read them.

-- One row per stored object (content address). Written after the sealed object is in the store.
CREATE TABLE page_objects (
  sha256      text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  mime        text NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp')),
  bytes       integer NOT NULL CHECK (bytes > 0),
  stored_at   timestamptz NOT NULL
);

-- The workstations that uploaded these bytes themselves. Only they may skip an upload (HEAD),
-- link the page to a case or read it back: holding a hash is not holding the page.
CREATE TABLE page_holders (
  sha256          text NOT NULL REFERENCES page_objects (sha256),
  workstation_id  text NOT NULL REFERENCES workstations (id),
  first_at        timestamptz NOT NULL,
  PRIMARY KEY (sha256, workstation_id)
);

-- A page of a case, as linked by the workstation that uploaded it. No foreign key to cases: a
-- page may arrive before its case is pushed. Departments see a page only when the linking
-- workstation is the case's own (checked on every read).
CREATE TABLE case_pages (
  case_id         uuid NOT NULL,
  sha256          text NOT NULL REFERENCES page_objects (sha256),
  mime            text NOT NULL,
  bytes           integer NOT NULL,
  workstation_id  text NOT NULL REFERENCES workstations (id),
  uploaded_at     timestamptz NOT NULL,
  PRIMARY KEY (case_id, sha256)
);

-- Every read of a page: by a department (the officer, or the worker a department system named)
-- or by the uploading workstation. Written before the bytes are sent, in the request itself:
-- unlike the request audit rows (written after the response), a read is never unrecorded.
CREATE TABLE page_reads (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at               timestamptz NOT NULL,
  case_id          uuid,
  sha256           text NOT NULL,
  reader_kind      text NOT NULL CHECK (reader_kind IN ('department', 'workstation')),
  department_code  text,
  officer_id       bigint REFERENCES officers (id),
  worker           text,
  workstation_id   text
);
CREATE INDEX page_reads_case ON page_reads (case_id, at);
