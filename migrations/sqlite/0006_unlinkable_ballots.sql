-- "Organisation X has voted in poll P" without a hidden insertion order:
-- a rowid table numbers its rows in the order they were written, which for
-- a secret poll is the order of the ballots. Rebuilt as a WITHOUT ROWID
-- table, stored by its key (poll, organisation) only.
CREATE TABLE poll_votes_keyed (
    poll_id         INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (poll_id, organisation_id)
) WITHOUT ROWID;
INSERT INTO poll_votes_keyed (poll_id, organisation_id)
    SELECT poll_id, organisation_id FROM poll_votes ORDER BY poll_id, organisation_id;
DROP TABLE poll_votes;
ALTER TABLE poll_votes_keyed RENAME TO poll_votes;
