-- Foundation: member organisations, news and the Board.
-- Conventions shared with the PostgreSQL migrations: integer ids, dates as
-- ISO text (YYYY-MM-DD), instants as Unix seconds, flags as 0/1 integers.

CREATE TABLE organisations (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    slug           TEXT    NOT NULL UNIQUE,
    name_ka        TEXT    NOT NULL,
    name_en        TEXT    NOT NULL DEFAULT '',
    legal_form     TEXT    NOT NULL,
    id_code        TEXT    NOT NULL CHECK (length(id_code) = 9),
    category       TEXT    NOT NULL CHECK (category IN ('full', 'associate', 'honorary')),
    status         TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'left')),
    listed         INTEGER NOT NULL DEFAULT 1 CHECK (listed IN (0, 1)),
    member_since   TEXT    NOT NULL,
    activity_start TEXT,
    description_ka TEXT    NOT NULL DEFAULT '',
    description_en TEXT    NOT NULL DEFAULT '',
    products_ka    TEXT    NOT NULL DEFAULT '',
    products_en    TEXT    NOT NULL DEFAULT '',
    website        TEXT    NOT NULL DEFAULT '',
    email          TEXT    NOT NULL DEFAULT '',
    phone          TEXT    NOT NULL DEFAULT '',
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);

-- One membership per identification code among organisations that have not left.
CREATE UNIQUE INDEX organisations_open_id_code ON organisations (id_code) WHERE status <> 'left';
CREATE INDEX organisations_listing ON organisations (status, listed, category);

CREATE TABLE organisation_sectors (
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    sector          TEXT    NOT NULL,
    PRIMARY KEY (organisation_id, sector)
);
CREATE INDEX organisation_sectors_sector ON organisation_sectors (sector, organisation_id);

CREATE TABLE organisation_regions (
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    region          TEXT    NOT NULL,
    PRIMARY KEY (organisation_id, region)
);
CREATE INDEX organisation_regions_region ON organisation_regions (region, organisation_id);

CREATE TABLE organisation_impact_areas (
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    impact_area     TEXT    NOT NULL,
    PRIMARY KEY (organisation_id, impact_area)
);
CREATE INDEX organisation_impact_areas_area ON organisation_impact_areas (impact_area, organisation_id);

CREATE TABLE news_posts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    slug         TEXT    NOT NULL UNIQUE,
    title_ka     TEXT    NOT NULL,
    title_en     TEXT    NOT NULL DEFAULT '',
    summary_ka   TEXT    NOT NULL DEFAULT '',
    summary_en   TEXT    NOT NULL DEFAULT '',
    body_ka      TEXT    NOT NULL DEFAULT '',
    body_en      TEXT    NOT NULL DEFAULT '',
    published_at INTEGER NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX news_posts_published ON news_posts (published_at DESC, id DESC);

CREATE TABLE board_terms (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    starts_on TEXT NOT NULL,
    ends_on   TEXT NOT NULL CHECK (ends_on > starts_on)
);

CREATE TABLE board_members (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    term_id         INTEGER NOT NULL REFERENCES board_terms (id) ON DELETE CASCADE,
    seat            INTEGER NOT NULL CHECK (seat BETWEEN 1 AND 7),
    role            TEXT    NOT NULL CHECK (role IN ('chair', 'deputy_chair', 'member')),
    person_ka       TEXT    NOT NULL,
    person_en       TEXT    NOT NULL DEFAULT '',
    organisation_id INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    UNIQUE (term_id, seat)
);
