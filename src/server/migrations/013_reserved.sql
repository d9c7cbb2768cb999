-- 013: reserved for the page store's migration, which lands from another branch. This placeholder
-- only keeps the numbering without gaps on this branch: delete it when that 013 is merged (a
-- database that applied the placeholder must not be kept — development databases only).
SELECT 1;
