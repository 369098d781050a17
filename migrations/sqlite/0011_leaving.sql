-- Leaving and withdrawing: an applicant withdraws an open application; a
-- member organisation's representative asks to leave and the secretariat
-- records the day its membership ended (the organisation is kept, with its
-- history and past votes). Staff choose to be mailed when an application
-- arrives or a member asks to leave.

-- SQLite cannot change a CHECK constraint in place: the applications' tables
-- are made again. The tables that point at applications are set aside first,
-- so that dropping the old table cascades to nothing.
CREATE TABLE applications_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id         INTEGER NOT NULL REFERENCES users (id),
    id_code         TEXT    NOT NULL CHECK (length(id_code) = 9),
    name_ka         TEXT    NOT NULL,
    name_en         TEXT    NOT NULL DEFAULT '',
    answers         TEXT    NOT NULL,
    category        TEXT    NOT NULL CHECK (category IN ('full', 'associate', 'honorary')),
    status          TEXT    NOT NULL CHECK (status IN ('submitted', 'returned', 'resubmitted', 'approved', 'rejected', 'withdrawn')),
    granted         TEXT    CHECK (granted IN ('full', 'associate', 'honorary')),
    organisation_id INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    lang            TEXT    NOT NULL DEFAULT 'ka' CHECK (lang IN ('ka', 'en')),
    status_token_hash TEXT  NOT NULL UNIQUE,
    version         INTEGER NOT NULL DEFAULT 1,
    submitted_at    INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
INSERT INTO applications_new (id, user_id, id_code, name_ka, name_en, answers, category, status,
        granted, organisation_id, lang, status_token_hash, version, submitted_at, updated_at)
    SELECT id, user_id, id_code, name_ka, name_en, answers, category, status,
        granted, organisation_id, lang, status_token_hash, version, submitted_at, updated_at
    FROM applications;

CREATE TABLE application_events_kept AS SELECT * FROM application_events;
CREATE TABLE application_drafts_kept AS SELECT * FROM application_drafts;
DROP TABLE application_events;
DROP TABLE application_drafts;
DROP TABLE applications;
ALTER TABLE applications_new RENAME TO applications;
CREATE UNIQUE INDEX applications_open_id_code ON applications (id_code)
    WHERE status IN ('submitted', 'returned', 'resubmitted');
CREATE INDEX applications_queue ON applications (status, submitted_at);
CREATE INDEX applications_user ON applications (user_id);

CREATE TABLE application_events (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    actor_user_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    action         TEXT    NOT NULL CHECK (action IN ('submitted', 'returned', 'resubmitted', 'approved', 'rejected', 'withdrawn')),
    category       TEXT,
    message        TEXT    NOT NULL DEFAULT '',
    at             INTEGER NOT NULL
);
INSERT INTO application_events (id, application_id, actor_user_id, action, category, message, at)
    SELECT id, application_id, actor_user_id, action, category, message, at FROM application_events_kept;
DROP TABLE application_events_kept;
CREATE INDEX application_events_application ON application_events (application_id, id);

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
INSERT INTO application_drafts (token_hash, answers, password_hash, step_done, application_id,
        resume_sent_to, created_at, updated_at)
    SELECT token_hash, answers, password_hash, step_done, application_id,
        resume_sent_to, created_at, updated_at FROM application_drafts_kept;
DROP TABLE application_drafts_kept;
CREATE INDEX application_drafts_updated ON application_drafts (updated_at);

ALTER TABLE organisations ADD COLUMN leave_requested_at INTEGER;
ALTER TABLE organisations ADD COLUMN leave_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN left_on TEXT;

ALTER TABLE users ADD COLUMN notify_staff INTEGER NOT NULL DEFAULT 0 CHECK (notify_staff IN (0, 1));
