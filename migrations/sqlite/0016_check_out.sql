-- A delegate leaving the hall checks out: the organisation no longer
-- counts as present (quorum, and who votes when a poll opens) until it
-- checks in again. The audit log keeps every check-in and check-out.
ALTER TABLE attendance ADD COLUMN checked_out_at INTEGER;
ALTER TABLE attendance ADD COLUMN checked_out_by INTEGER;
