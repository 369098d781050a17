-- The Board's record: a term is recorded by hand (the initial Board) or
-- confirmed from a closed Board election (`poll_id`, once per election);
-- `reminded_at` marks the one mail sent 90 days before the term ends.
-- A run-off poll names the election whose tie it resolves (once each).
ALTER TABLE board_terms ADD COLUMN poll_id INTEGER REFERENCES polls (id) ON DELETE SET NULL;
ALTER TABLE board_terms ADD COLUMN recorded_at INTEGER;
ALTER TABLE board_terms ADD COLUMN recorded_by INTEGER REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE board_terms ADD COLUMN reminded_at INTEGER;
CREATE UNIQUE INDEX board_terms_poll ON board_terms (poll_id);
ALTER TABLE polls ADD COLUMN runoff_of INTEGER REFERENCES polls (id) ON DELETE SET NULL;
CREATE UNIQUE INDEX polls_runoff_of ON polls (runoff_of);
