-- 010: a case number names one case, and departments read the catalog's item names.
--
-- A workstation numbers its own cases (centre-date-workstation-sequence, src/core/intake/caseNumber.ts),
-- so two different cases under one number are either a bug or someone posing as another
-- workstation: the push checks the number against the token and answers `conflict` for a
-- number already taken; this index is the last word when two pushes race.
-- (On a database that already holds two cases under one number this fails, naming the number;
-- settle those cases by hand before upgrading.)
DROP INDEX cases_case_number;
CREATE UNIQUE INDEX cases_case_number ON cases (case_number);

-- Parallel to basic_codes: each item's name as the published catalog has it (not as the
-- workstation wrote it into the case).
ALTER TABLE dispatches ADD COLUMN item_names jsonb NOT NULL DEFAULT '[]'::jsonb;

UPDATE dispatches d SET item_names = (
  SELECT coalesce(jsonb_agg(coalesce(
           (SELECT i->>'name' FROM catalog_versions v, jsonb_array_elements(v.body->'items') i
            WHERE v.version = c.catalog_version AND i->>'basicCode' = b.code LIMIT 1),
           b.code) ORDER BY b.ord), '[]'::jsonb)
  FROM cases c, jsonb_array_elements_text(d.basic_codes) WITH ORDINALITY AS b(code, ord)
  WHERE c.case_id = d.case_id
);
