-- Mail waiting to leave. A request only adds a row (so it answers in the
-- same time whoever the mail is for); delivery happens after the answer and
-- is retried. A row is deleted once the mail has left, or given up.
CREATE TABLE mail_queue (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    to_address      TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    -- A calendar invitation (.ics) attached, when there is one.
    calendar        TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    -- Due from this time (unix seconds); a delivery in progress holds the
    -- row by moving it into the future.
    next_attempt_at INTEGER NOT NULL,
    created_at      INTEGER NOT NULL
);
CREATE INDEX mail_queue_due ON mail_queue (next_attempt_at);
