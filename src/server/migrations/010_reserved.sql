-- 010: reserved for a change made on another branch; this placeholder only keeps the numbering
-- without gaps here and is replaced by that migration when the branches meet.
SELECT 1;
