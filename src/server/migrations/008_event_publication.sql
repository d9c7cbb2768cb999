-- 008: status events are published to their workstation's cursor when it pulls, not when
-- they are written — so writers of events (push, decisions, revisions) no longer queue
-- behind one lock per workstation (8 department workers deciding one
-- workstation's cases ran one at a time through that lock, WAL flush included).
--
-- `seq` (the identity) stays the write order; `pos` is the workstation's cursor. A pull
-- first numbers, under the workstation's publication lock, every event of its that is
-- committed and not yet numbered (in seq order), then reads after its cursor by `pos`. A
-- transaction still in flight is invisible to that numbering, so it is numbered by a later
-- pull — after every number handed out before: a cursor is never passed by an event that
-- commits later. Events written before this migration keep their seq as their pos, so
-- the cursors workstations hold stay valid.
ALTER TABLE status_events ADD COLUMN pos bigint;
UPDATE status_events SET pos = seq;
CREATE SEQUENCE status_event_pos;
SELECT setval('status_event_pos', COALESCE((SELECT max(seq) FROM status_events), 0) + 1, false);
CREATE UNIQUE INDEX status_events_published ON status_events (workstation_id, pos) WHERE pos IS NOT NULL;
CREATE INDEX status_events_unpublished ON status_events (workstation_id, seq) WHERE pos IS NULL;
DROP INDEX status_events_pull;

-- The case body is kept as the text that was hashed (canonical JSON), byte for byte: jsonb
-- reorders keys and re-spaces it, costs a parse on every write and a print on every claim,
-- and nothing queries inside it. Bodies written before stay as jsonb printed them.
ALTER TABLE cases ALTER COLUMN body TYPE text USING body::text;
