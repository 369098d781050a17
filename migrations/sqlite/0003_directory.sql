-- The member directory: facet bitmasks and a search text kept on each
-- organisation (derived from its link tables and texts by the application,
-- which also fills them for rows written before this migration), logos kept
-- in the database, and the record of every profile change.

ALTER TABLE organisations ADD COLUMN sectors_mask  INTEGER NOT NULL DEFAULT 0;
ALTER TABLE organisations ADD COLUMN regions_mask  INTEGER NOT NULL DEFAULT 0;
ALTER TABLE organisations ADD COLUMN impact_mask   INTEGER NOT NULL DEFAULT 0;
ALTER TABLE organisations ADD COLUMN search_text   TEXT    NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN name_sort_en  TEXT    NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN index_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE organisations ADD COLUMN logo_version  INTEGER NOT NULL DEFAULT 0;

DROP INDEX organisations_listing;
CREATE INDEX organisations_by_name_ka ON organisations (status, listed, name_ka, id);
CREATE INDEX organisations_by_name_en ON organisations (status, listed, name_sort_en, id);
CREATE INDEX organisations_by_since   ON organisations (status, listed, member_since, id);
CREATE INDEX organisations_index_version ON organisations (index_version);

CREATE TABLE organisation_logos (
    organisation_id INTEGER PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
    content_type    TEXT    NOT NULL,
    bytes           BLOB    NOT NULL,
    updated_at      INTEGER NOT NULL
);

CREATE TABLE organisation_changes (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    changed_at      INTEGER NOT NULL,
    -- JSON: {"field": [before, after], ...}
    changes         TEXT    NOT NULL
);
CREATE INDEX organisation_changes_by_org ON organisation_changes (organisation_id, changed_at);
