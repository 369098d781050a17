-- Assemblies corrected before and during their session. A cancelled
-- assembly is closed (nothing can happen in it any more) with the time it
-- was cancelled; the calendar sequence counts the changes mailed to the
-- participants, so their calendars replace the event instead of adding one.
-- Documents (PDF) are kept in the database with the assembly.
ALTER TABLE assemblies ADD COLUMN cancelled_at INTEGER;
ALTER TABLE assemblies ADD COLUMN calendar_sequence INTEGER NOT NULL DEFAULT 0;

CREATE TABLE assembly_documents (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    assembly_id INTEGER NOT NULL REFERENCES assemblies (id) ON DELETE CASCADE,
    title_ka    TEXT    NOT NULL,
    title_en    TEXT    NOT NULL DEFAULT '',
    file_name   TEXT    NOT NULL,
    size        INTEGER NOT NULL,
    sha256      TEXT    NOT NULL,
    bytes       BLOB    NOT NULL,
    created_at  INTEGER NOT NULL,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX assembly_documents_assembly ON assembly_documents (assembly_id);
