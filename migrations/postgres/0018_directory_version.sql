-- The directory is served from an index each server instance keeps in
-- memory. Every write to an organisation, through any instance or by hand,
-- moves this counter on; an instance compares it with the one its index
-- was built at before answering, and builds the index again when it moved.
CREATE TABLE directory_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO directory_version (id, version) VALUES (1, 0);
CREATE FUNCTION directory_version_bump() RETURNS trigger AS $$
BEGIN
    UPDATE directory_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER directory_version_bump
    AFTER INSERT OR UPDATE OR DELETE ON organisations
    FOR EACH STATEMENT EXECUTE FUNCTION directory_version_bump();
