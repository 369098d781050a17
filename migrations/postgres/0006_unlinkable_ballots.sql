-- SQLite's 0006 rebuilds `poll_votes` without a rowid, so that no hidden
-- insertion order follows the order of a secret poll's ballots. A
-- PostgreSQL table has no such column (rows are rewritten in key order when
-- a secret poll closes, see the polls' storage), so there is nothing to do
-- here; the file keeps the two folders' numbers the same.
SELECT 1;
