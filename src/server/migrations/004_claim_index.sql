-- 004: claim-next reads a department's claimable dispatches in id order from their own
-- partial index. Without it the oldest-first claim walked the primary key past every
-- decided dispatch (a claim got slower with each one decided).
CREATE INDEX dispatches_claimable ON dispatches (department_code, id) WHERE state IN ('queued', 'claimed');
