-- General Assemblies: attendance, proxies, polls and ballots.
-- Integrity lives here: one "has voted" row per organisation per poll (its
-- primary key), written in the same transaction as the ballot. Named
-- ballots name the organisation; secret ballots do not: a random (v4) id,
-- no voter, no time, and on SQLite a WITHOUT ROWID table, so that neither
-- a column nor the storage order links a ballot to its voter.

CREATE TABLE assemblies (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    title_ka   TEXT    NOT NULL,
    title_en   TEXT    NOT NULL DEFAULT '',
    kind       TEXT    NOT NULL CHECK (kind IN ('ordinary', 'extraordinary')),
    starts_at  INTEGER NOT NULL,
    place      TEXT    NOT NULL CHECK (place IN ('in_person', 'online', 'hybrid')),
    status     TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'announced', 'in_session', 'closed')),
    created_at INTEGER NOT NULL
);

CREATE TABLE agenda_items (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    assembly_id INTEGER NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    title_ka    TEXT    NOT NULL,
    title_en    TEXT    NOT NULL DEFAULT '',
    UNIQUE (assembly_id, position)
);

CREATE TABLE attendance (
    assembly_id     INTEGER NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    checked_in_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    checked_in_at   INTEGER NOT NULL,
    PRIMARY KEY (assembly_id, organisation_id)
);

-- A voting organisation authorises another for one assembly.
CREATE TABLE proxies (
    assembly_id INTEGER NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    from_org    INTEGER NOT NULL REFERENCES organisations (id),
    to_org      INTEGER NOT NULL REFERENCES organisations (id),
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (assembly_id, from_org),
    CHECK (from_org <> to_org)
);
CREATE INDEX proxies_holder ON proxies (assembly_id, to_org);

CREATE TABLE polls (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    assembly_id     INTEGER NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    agenda_item_id  INTEGER REFERENCES agenda_items (id) ON DELETE SET NULL,
    title_ka        TEXT    NOT NULL,
    title_en        TEXT    NOT NULL DEFAULT '',
    kind            TEXT    NOT NULL CHECK (kind IN ('motion', 'election')),
    secret          INTEGER NOT NULL DEFAULT 0 CHECK (secret IN (0, 1)),
    rule            TEXT    NOT NULL DEFAULT 'simple' CHECK (rule IN ('simple', 'absolute', 'two_thirds')),
    seats           INTEGER NOT NULL DEFAULT 1,
    candidates      TEXT    NOT NULL DEFAULT '[]',
    status          TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
    present_at_open INTEGER NOT NULL DEFAULT 0,
    opened_at       INTEGER,
    closed_at       INTEGER
);
CREATE INDEX polls_assembly ON polls (assembly_id, id);

-- Who may vote, fixed when the poll opens: the organisation, and through
-- which organisation's delegate its ballot is cast (itself or its proxy).
CREATE TABLE poll_voters (
    poll_id         INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    cast_by_org     INTEGER NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (poll_id, organisation_id)
);

-- "Organisation X has voted in poll P": one row, ever.
CREATE TABLE poll_votes (
    poll_id         INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (poll_id, organisation_id)
);

-- Named ballots: public to the participants, so they name the voter.
CREATE TABLE named_ballots (
    poll_id         INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    choice          TEXT    NOT NULL,
    PRIMARY KEY (poll_id, organisation_id)
);

-- Secret ballots: no voter, no time, a random id that orders the table.
CREATE TABLE secret_ballots (
    id      TEXT    NOT NULL PRIMARY KEY,
    poll_id INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    tracker TEXT    NOT NULL,
    choice  TEXT    NOT NULL,
    UNIQUE (poll_id, tracker)
) WITHOUT ROWID;
