-- The Alliance's contacts, kept current by administrators: one row.
CREATE TABLE contacts (
    id             BIGINT PRIMARY KEY CHECK (id = 1),
    address_ka     TEXT    NOT NULL DEFAULT '',
    address_en     TEXT    NOT NULL DEFAULT '',
    email          TEXT    NOT NULL DEFAULT '',
    phone          TEXT    NOT NULL DEFAULT '',
    secretariat_ka TEXT    NOT NULL DEFAULT '',
    secretariat_en TEXT    NOT NULL DEFAULT '',
    board_ka       TEXT    NOT NULL DEFAULT '',
    board_en       TEXT    NOT NULL DEFAULT '',
    updated_at     BIGINT  NOT NULL,
    updated_by     BIGINT  REFERENCES users (id) ON DELETE SET NULL
);
