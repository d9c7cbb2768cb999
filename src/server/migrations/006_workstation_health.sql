-- 006: workstation health — the latest report of each workstation, sent on each
-- sync round. No personal data: counts, ages, versions, storage figures (src/core/quality/health.ts).
CREATE TABLE workstation_health (
  workstation_id text PRIMARY KEY REFERENCES workstations (id),
  centre_code    text NOT NULL REFERENCES centres (code),
  reported_at    timestamptz NOT NULL,      -- the workstation's clock
  received_at    timestamptz NOT NULL,      -- the server's clock
  body           jsonb NOT NULL
);
CREATE INDEX workstation_health_centre ON workstation_health (centre_code);
