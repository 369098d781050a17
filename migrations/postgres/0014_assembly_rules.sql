-- Each assembly keeps the rules it was called with: the quorum (">1/2",
-- "2/3"), the membership categories that vote (comma-separated codes) and
-- the most proxies one organisation may hold. Assemblies called before
-- this migration are given the server's configured rules when it next
-- starts (left empty here, filled once, then never changed by a restart).
-- Each poll keeps the quorum as it stood when it opened, and whether
-- the secretariat opened it without one.
ALTER TABLE assemblies ADD COLUMN quorum TEXT;
ALTER TABLE assemblies ADD COLUMN voting_categories TEXT;
ALTER TABLE assemblies ADD COLUMN proxies_per_holder BIGINT;
ALTER TABLE polls ADD COLUMN quorum_present BIGINT;
ALTER TABLE polls ADD COLUMN quorum_needed BIGINT;
ALTER TABLE polls ADD COLUMN quorum_voters BIGINT;
