-- Membership applications: drafts kept while the wizard is filled in, the
-- submitted applications, and every decision taken on them.

CREATE TABLE applications (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id         INTEGER NOT NULL REFERENCES users (id),
    id_code         TEXT    NOT NULL CHECK (length(id_code) = 9),
    name_ka         TEXT    NOT NULL,
    name_en         TEXT    NOT NULL DEFAULT '',
    answers         TEXT    NOT NULL,
    category        TEXT    NOT NULL CHECK (category IN ('full', 'associate', 'honorary')),
    status          TEXT    NOT NULL CHECK (status IN ('submitted', 'returned', 'resubmitted', 'approved', 'rejected')),
    granted         TEXT    CHECK (granted IN ('full', 'associate', 'honorary')),
    organisation_id INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    lang            TEXT    NOT NULL DEFAULT 'ka' CHECK (lang IN ('ka', 'en')),
    status_token_hash TEXT  NOT NULL UNIQUE,
    version         INTEGER NOT NULL DEFAULT 1,
    submitted_at    INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
-- One open application per identification code: a double click or a second
-- tab cannot create two.
CREATE UNIQUE INDEX applications_open_id_code ON applications (id_code)
    WHERE status IN ('submitted', 'returned', 'resubmitted');
CREATE INDEX applications_queue ON applications (status, submitted_at);
CREATE INDEX applications_user ON applications (user_id);

CREATE TABLE application_events (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    actor_user_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    action         TEXT    NOT NULL CHECK (action IN ('submitted', 'returned', 'resubmitted', 'approved', 'rejected')),
    category       TEXT,
    message        TEXT    NOT NULL DEFAULT '',
    at             INTEGER NOT NULL
);
CREATE INDEX application_events_application ON application_events (application_id, id);

-- A draft is found by a random token (in a cookie, or in a resume link);
-- only its SHA-256 is stored. The answers are JSON; the password typed on
-- the account step is kept only as a hash until the application is sent.
CREATE TABLE application_drafts (
    token_hash     TEXT    PRIMARY KEY,
    answers        TEXT    NOT NULL,
    password_hash  TEXT    NOT NULL DEFAULT '',
    step_done      INTEGER NOT NULL DEFAULT 0,
    application_id INTEGER REFERENCES applications (id) ON DELETE CASCADE,
    resume_sent_to TEXT    NOT NULL DEFAULT '',
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX application_drafts_updated ON application_drafts (updated_at);
