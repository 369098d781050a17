-- The directory is served from an index each server instance keeps in
-- memory. Every write to an organisation, through any instance or by hand,
-- moves this counter on; an instance compares it with the one its index
-- was built at before answering, and builds the index again when it moved.
CREATE TABLE directory_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO directory_version (id, version) VALUES (1, 0);
CREATE TRIGGER directory_version_insert AFTER INSERT ON organisations
BEGIN
    UPDATE directory_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER directory_version_update AFTER UPDATE ON organisations
BEGIN
    UPDATE directory_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER directory_version_delete AFTER DELETE ON organisations
BEGIN
    UPDATE directory_version SET version = version + 1 WHERE id = 1;
END;
