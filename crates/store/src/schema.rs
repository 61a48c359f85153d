//! The schema and its migrations. The version is SQLite's `user_version`:
//! 0 for a new file, then the number of migrations applied. Each migration
//! runs in its own transaction together with the version bump, so a crash
//! during one leaves the previous version.

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Migration `i` takes the schema from version `i` to `i + 1`.
pub(crate) const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5];

/// Version 1: articles, entities, their mentions, quotes, full-text indexes.
const V1: &str = r#"
CREATE TABLE articles (
    rowid      INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,     -- the contract id
    hash       TEXT NOT NULL,            -- hash of the stored JSON
    title      TEXT,
    published  TEXT,
    day        TEXT,                     -- YYYY-MM-DD of published
    month      TEXT,                     -- YYYY-MM of published
    lang       TEXT,
    outlet     TEXT,                     -- source.outlet, else the URL's host
    n_quotes   INTEGER NOT NULL,
    n_entities INTEGER NOT NULL,
    json       TEXT NOT NULL             -- the article object, verbatim
);
CREATE INDEX articles_published ON articles(published, id);
CREATE INDEX articles_outlet ON articles(outlet, published, id);

CREATE TABLE entities (
    rowid    INTEGER PRIMARY KEY,
    id       TEXT NOT NULL UNIQUE,       -- actor id, else type:slug
    name     TEXT NOT NULL COLLATE NOCASE,
    type     TEXT NOT NULL,
    actor    TEXT,
    articles INTEGER NOT NULL DEFAULT 0, -- kept up to date on every write
    mentions INTEGER NOT NULL DEFAULT 0,
    quotes   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_rank ON entities(articles DESC, mentions DESC);
CREATE INDEX entities_type_rank ON entities(type, articles DESC, mentions DESC);
CREATE INDEX entities_name ON entities(name);

CREATE TABLE article_entities (
    article  INTEGER NOT NULL,           -- articles.rowid
    local_id TEXT NOT NULL,              -- "E1"
    entity   INTEGER NOT NULL,           -- entities.rowid
    name     TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article, local_id)
) WITHOUT ROWID;
CREATE INDEX article_entities_entity ON article_entities(entity, article);

CREATE TABLE mentions (
    article INTEGER NOT NULL,
    entity  INTEGER NOT NULL,
    start   INTEGER NOT NULL,
    end     INTEGER NOT NULL,
    text    TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions(article);
CREATE INDEX mentions_entity ON mentions(entity);

CREATE TABLE quotes (
    rowid          INTEGER PRIMARY KEY,
    article        INTEGER NOT NULL,
    idx            INTEGER NOT NULL,     -- position in the article's quotes
    text           TEXT NOT NULL,
    start          INTEGER NOT NULL,
    end            INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    cue            TEXT,
    speaker_text   TEXT,
    speaker        TEXT COLLATE NOCASE,  -- linked entity's name, else speaker.name
    speaker_entity INTEGER,              -- entities.rowid
    said_on        TEXT,
    date           TEXT,                 -- said_on, else the article's day
    UNIQUE (article, idx)
);
CREATE INDEX quotes_date ON quotes(date, rowid);
CREATE INDEX quotes_speaker ON quotes(speaker, date);
CREATE INDEX quotes_speaker_entity ON quotes(speaker_entity, date);

CREATE TABLE quote_about (                -- entities mentioned inside a quote
    entity INTEGER NOT NULL,
    quote  INTEGER NOT NULL,
    PRIMARY KEY (entity, quote)
) WITHOUT ROWID;
CREATE INDEX quote_about_quote ON quote_about(quote);

CREATE VIRTUAL TABLE article_fts USING fts5(title, text, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE quote_fts USING fts5(text, speaker, tokenize = 'unicode61 remove_diacritics 2');
"#;

/// Merges the segments of both full-text indexes (see [`crate::Store::optimize`]).
pub(crate) const OPTIMIZE: &str = "INSERT INTO article_fts (article_fts) VALUES ('optimize'); \
     INSERT INTO quote_fts (quote_fts) VALUES ('optimize');";

/// Version 5: what the API reads per request, kept up to date by every
/// write in the article's transaction instead of being counted per query:
/// narrative counts per group, an entity's months, names and roles, the
/// quotes per speaker name; the quotes get their article's outlet, so the
/// outlet and date filters are one index range; the full-text indexes are
/// merged into one segment each.
const V5: &str = r#"
ALTER TABLE quotes ADD COLUMN outlet TEXT;
UPDATE quotes SET outlet = (SELECT outlet FROM articles WHERE rowid = quotes.article);
CREATE INDEX quotes_outlet ON quotes(outlet, date);

CREATE TABLE narrative_counts (
    grouping     TEXT NOT NULL,          -- 'all', 'outlet' or 'month'
    grp          TEXT,                   -- the outlet or month (NULL: none)
    narrative    TEXT NOT NULL,
    subnarrative TEXT,                   -- NULL: the narrative's total
    articles     INTEGER NOT NULL,       -- distinct articles
    score_sum    REAL NOT NULL,          -- over every label with a score
    scored       INTEGER NOT NULL
);
CREATE INDEX narrative_counts_key ON narrative_counts(grouping, grp, narrative, subnarrative);
INSERT INTO narrative_counts
SELECT 'all', NULL, narrative, NULL, count(DISTINCT article), total(score), count(score)
FROM narratives GROUP BY narrative;
INSERT INTO narrative_counts
SELECT 'all', NULL, narrative, subnarrative, count(DISTINCT article), total(score), count(score)
FROM narratives WHERE subnarrative IS NOT NULL GROUP BY narrative, subnarrative;
INSERT INTO narrative_counts
SELECT 'outlet', outlet, narrative, NULL, count(DISTINCT article), total(score), count(score)
FROM narratives GROUP BY outlet, narrative;
INSERT INTO narrative_counts
SELECT 'outlet', outlet, narrative, subnarrative, count(DISTINCT article), total(score), count(score)
FROM narratives WHERE subnarrative IS NOT NULL GROUP BY outlet, narrative, subnarrative;
INSERT INTO narrative_counts
SELECT 'month', month, narrative, NULL, count(DISTINCT article), total(score), count(score)
FROM narratives GROUP BY month, narrative;
INSERT INTO narrative_counts
SELECT 'month', month, narrative, subnarrative, count(DISTINCT article), total(score), count(score)
FROM narratives WHERE subnarrative IS NOT NULL GROUP BY month, narrative, subnarrative;

CREATE TABLE entity_months (
    entity   INTEGER NOT NULL,
    month    TEXT,
    articles INTEGER NOT NULL,
    mentions INTEGER NOT NULL
);
CREATE INDEX entity_months_key ON entity_months(entity, month);
INSERT INTO entity_months
SELECT entity, month, count(DISTINCT article), sum(mentions)
FROM article_entities GROUP BY entity, month;

CREATE TABLE entity_names (
    entity INTEGER NOT NULL,
    name   TEXT NOT NULL,
    links  INTEGER NOT NULL,             -- article_entities rows with this name
    PRIMARY KEY (entity, name)
) WITHOUT ROWID;
INSERT INTO entity_names
SELECT entity, name, count(*) FROM article_entities GROUP BY entity, name;

CREATE TABLE entity_roles (
    entity    INTEGER NOT NULL,
    main      TEXT NOT NULL,
    fine      TEXT,                      -- NULL: the main role's total
    articles  INTEGER NOT NULL,
    score_sum REAL NOT NULL,
    scored    INTEGER NOT NULL
);
CREATE INDEX entity_roles_key ON entity_roles(entity, main, fine);
INSERT INTO entity_roles
SELECT entity, main, NULL, count(DISTINCT article), total(score), count(score)
FROM roles WHERE entity IS NOT NULL GROUP BY entity, main;
INSERT INTO entity_roles
SELECT r.entity, r.main, f.value, count(DISTINCT r.article), total(r.score), count(r.score)
FROM roles r, json_each(CASE WHEN json_valid(r.fine)
                             THEN CASE WHEN json_type(r.fine) = 'array' THEN r.fine ELSE '[]' END
                             ELSE '[]' END) f
WHERE r.entity IS NOT NULL AND f.type = 'text'
GROUP BY r.entity, r.main, f.value;

CREATE TABLE speaker_counts (
    speaker TEXT NOT NULL COLLATE NOCASE PRIMARY KEY,
    quotes  INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO speaker_counts
SELECT speaker, count(*) FROM quotes WHERE speaker IS NOT NULL GROUP BY speaker;

INSERT INTO article_fts (article_fts) VALUES ('optimize');
INSERT INTO quote_fts (quote_fts) VALUES ('optimize');
"#;

/// Version 4: covering indexes for an entity's roles and for the narrative
/// counts, which get the article's outlet and month (on a generated
/// 100,000-article database: roles of an entity 50 → 6 ms; narrative
/// counts no longer read every article row).
const V4: &str = r#"
CREATE INDEX roles_entity_cover ON roles(entity, main, article, score, fine);
DROP INDEX roles_entity;

ALTER TABLE narratives ADD COLUMN outlet TEXT;
ALTER TABLE narratives ADD COLUMN month TEXT;
UPDATE narratives SET
    outlet = (SELECT outlet FROM articles WHERE rowid = narratives.article),
    month = (SELECT month FROM articles WHERE rowid = narratives.article);
DROP INDEX narratives_narrative;
CREATE INDEX narratives_all ON narratives(narrative, subnarrative, article, score);
CREATE INDEX narratives_outlet ON narratives(outlet, narrative, subnarrative, article, score);
CREATE INDEX narratives_month ON narratives(month, narrative, subnarrative, article, score);
"#;

/// Version 3: the month of the article on its entity links and the date
/// of the quote on its "about" links, so an entity's months, names and the
/// quotes about it are read from covering indexes in order (an entity in
/// 20,000 articles: 264 → a few ms on the entity page).
const V3: &str = r#"
ALTER TABLE article_entities ADD COLUMN month TEXT;
UPDATE article_entities SET month = (SELECT month FROM articles WHERE rowid = article_entities.article);
CREATE INDEX article_entities_months ON article_entities(entity, month, article, mentions);
CREATE INDEX article_entities_names ON article_entities(entity, name);

ALTER TABLE quote_about ADD COLUMN date TEXT;
UPDATE quote_about SET date = (SELECT date FROM quotes WHERE rowid = quote_about.quote);
CREATE INDEX quote_about_date ON quote_about(entity, date, quote);
"#;

/// Version 2: narratives and roles (those pipeline stages came later),
/// filled from the articles already stored.
const V2: &str = r#"
CREATE TABLE narratives (
    article      INTEGER NOT NULL,
    idx          INTEGER NOT NULL,
    narrative    TEXT NOT NULL,
    subnarrative TEXT,
    score        REAL,
    evidence     TEXT NOT NULL,          -- JSON array of {start, end}
    PRIMARY KEY (article, idx)
) WITHOUT ROWID;
CREATE INDEX narratives_narrative ON narratives(narrative, subnarrative);

CREATE TABLE roles (
    article  INTEGER NOT NULL,
    idx      INTEGER NOT NULL,
    local_id TEXT,                       -- "E2"
    entity   INTEGER,                    -- entities.rowid
    main     TEXT NOT NULL,
    fine     TEXT NOT NULL,              -- JSON array of strings
    score    REAL,
    PRIMARY KEY (article, idx)
) WITHOUT ROWID;
CREATE INDEX roles_entity ON roles(entity);

ALTER TABLE articles ADD COLUMN n_narratives INTEGER NOT NULL DEFAULT 0;

INSERT INTO narratives (article, idx, narrative, subnarrative, score, evidence)
SELECT a.rowid, n.key,
       json_extract(n.value, '$.narrative'),
       json_extract(n.value, '$.subnarrative'),
       json_extract(n.value, '$.score'),
       coalesce(json_extract(n.value, '$.evidence'), '[]')
FROM articles a, json_each(a.json, '$.narratives') n
WHERE n.type = 'object' AND json_type(n.value, '$.narrative') = 'text';

INSERT INTO roles (article, idx, local_id, entity, main, fine, score)
SELECT a.rowid, r.key,
       json_extract(r.value, '$.entity'),
       ae.entity,
       json_extract(r.value, '$.main'),
       coalesce(json_extract(r.value, '$.fine'), '[]'),
       json_extract(r.value, '$.score')
FROM articles a
JOIN json_each(a.json, '$.roles') r
LEFT JOIN article_entities ae
       ON ae.article = a.rowid AND ae.local_id = json_extract(r.value, '$.entity')
WHERE r.type = 'object' AND json_type(r.value, '$.main') = 'text';

UPDATE articles SET n_narratives = (SELECT count(*) FROM narratives WHERE article = articles.rowid);
"#;
