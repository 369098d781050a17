-- Accounts, server-side sessions, one-time links and rate limits.

CREATE TABLE users (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    email             TEXT    NOT NULL,
    password_hash     TEXT    NOT NULL,
    role              TEXT    NOT NULL CHECK (role IN ('member', 'staff', 'board', 'admin')),
    organisation_id   INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    display_name      TEXT    NOT NULL DEFAULT '',
    lang              TEXT    NOT NULL DEFAULT 'ka' CHECK (lang IN ('ka', 'en')),
    email_verified_at INTEGER,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
-- Emails are stored trimmed and lower-cased, so this is case-insensitive.
CREATE UNIQUE INDEX users_email ON users (email);
CREATE INDEX users_organisation ON users (organisation_id);

-- The cookie holds a random token; only its SHA-256 is stored.
CREATE TABLE sessions (
    token_hash   TEXT    PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Links sent by mail: single use, expiring; only the token's SHA-256 is stored.
CREATE TABLE one_time_tokens (
    token_hash TEXT    PRIMARY KEY,
    purpose    TEXT    NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'change_email')),
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    payload    TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX one_time_tokens_user ON one_time_tokens (user_id, purpose);

-- Fixed-window counters shared by every server instance.
CREATE TABLE rate_limits (
    bucket       TEXT    NOT NULL,
    window_start INTEGER NOT NULL,
    hits         INTEGER NOT NULL,
    PRIMARY KEY (bucket, window_start)
);
