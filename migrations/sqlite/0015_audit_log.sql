-- The tamper-evident record: every decision and event, appended in the
-- same transaction as the change it records. Each entry's hash is SHA-256
-- over the previous entry's hash and the entry's own canonical form, so
-- changing, deleting or inserting an entry breaks the chain from there on
-- (`alliance audit verify`). The one row of audit_head is the chain's
-- end: appends lock it (PostgreSQL) or run in a write transaction
-- (SQLite), so the chain never forks however many instances write.
-- No foreign keys: the record outlives the accounts and rows it names.
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    actor_id  INTEGER,
    kind      TEXT NOT NULL,
    subject   TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE INDEX audit_log_kind ON audit_log (kind, seq);
CREATE INDEX audit_log_actor ON audit_log (actor_id, seq);
CREATE INDEX audit_log_at ON audit_log (at, seq);

CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
