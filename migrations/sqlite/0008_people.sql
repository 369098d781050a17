-- People and roles: accounts an administrator deactivates (kept, with their
-- history, but unable to sign in), and invitation links.
ALTER TABLE users ADD COLUMN deactivated_at INTEGER;

-- SQLite cannot change a CHECK constraint in place: the links' table is
-- made again with the new purpose, its rows copied.
CREATE TABLE one_time_tokens_new (
    token_hash TEXT    PRIMARY KEY,
    purpose    TEXT    NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'change_email', 'invitation')),
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    payload    TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
INSERT INTO one_time_tokens_new (token_hash, purpose, user_id, payload, created_at, expires_at, used_at)
    SELECT token_hash, purpose, user_id, payload, created_at, expires_at, used_at FROM one_time_tokens;
DROP TABLE one_time_tokens;
ALTER TABLE one_time_tokens_new RENAME TO one_time_tokens;
CREATE INDEX one_time_tokens_user ON one_time_tokens (user_id, purpose);
