-- A database as schema version 1 wrote it: the v1 schema verbatim, then one document,
-- one encounter and one act. Never edit; later schema versions must open it.

-- Schema version 1: documents with their per-document extraction, and the resolved events.
--
-- Dates are ISO-8601 text ('2024-06-20'), which sorts like the dates themselves.
-- `*_key` columns hold `attache_store::search_key()` of the display name, for diacritics- and
-- case-insensitive search ('to lam' finds 'Tô Lâm'); they are computed in Rust, not SQL.

-- One row per distinct cleaned text. `seq` is the ingestion order.
CREATE TABLE documents (
    seq        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    hash       TEXT NOT NULL UNIQUE,     -- sha256 of `text`, lower-case hex
    origin     TEXT NOT NULL,
    text       TEXT NOT NULL,
    title      TEXT,
    published  TEXT,
    dateline   TEXT,
    source     TEXT,
    url        TEXT,
    lang       TEXT,
    extraction TEXT NOT NULL             -- DocExtraction as JSON: the mentions to re-resolve from
);

-- Resolved events. They are replaced as a whole by every resolution run, so `seq` is the
-- order the resolver gave them in; `day_first`/`day_last` are the interval the timeline
-- filters and sorts on (NULL when the text gives no day and no bound).
CREATE TABLE encounters (
    seq           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    type          TEXT NOT NULL,
    date_start    TEXT,
    date_end      TEXT,
    not_before    TEXT,
    date_text     TEXT,
    date_how      TEXT,
    day_first     TEXT,
    day_last      TEXT,
    place_name    TEXT,
    place_country TEXT,
    confidence    REAL NOT NULL
);
CREATE INDEX encounters_by_day ON encounters (day_first, day_last);
CREATE INDEX encounters_by_type ON encounters (type, day_first);

CREATE TABLE encounter_participants (
    encounter  INTEGER NOT NULL REFERENCES encounters (seq) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    country    TEXT,
    person     TEXT,
    person_key TEXT,
    role       TEXT,
    side       TEXT,
    PRIMARY KEY (encounter, position)
) WITHOUT ROWID;
CREATE INDEX encounter_participants_by_country ON encounter_participants (country, encounter);
CREATE INDEX encounter_participants_by_person ON encounter_participants (person_key);

-- Documents are referenced by id without a foreign key: events can outlive or precede
-- their documents (an imported interchange file, a pruned corpus).
CREATE TABLE encounter_documents (
    encounter INTEGER NOT NULL REFERENCES encounters (seq) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    document  TEXT NOT NULL,
    PRIMARY KEY (encounter, position)
) WITHOUT ROWID;
CREATE INDEX encounter_documents_by_document ON encounter_documents (document);

CREATE TABLE acts (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    type         TEXT NOT NULL,
    during       TEXT REFERENCES encounters (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    from_country TEXT,
    from_person  TEXT,
    from_key     TEXT,
    to_country   TEXT,
    to_person    TEXT,
    to_key       TEXT,
    object       TEXT,
    date_start   TEXT,
    date_end     TEXT,
    not_before   TEXT,
    date_text    TEXT,
    date_how     TEXT,
    day_first    TEXT,
    day_last     TEXT
);
CREATE INDEX acts_by_during ON acts (during);
CREATE INDEX acts_by_day ON acts (day_first, day_last);
CREATE INDEX acts_by_type ON acts (type, day_first);
CREATE INDEX acts_by_from_country ON acts (from_country);
CREATE INDEX acts_by_to_country ON acts (to_country);
CREATE INDEX acts_by_from_person ON acts (from_key);
CREATE INDEX acts_by_to_person ON acts (to_key);

CREATE TABLE act_documents (
    act      INTEGER NOT NULL REFERENCES acts (seq) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    document TEXT NOT NULL,
    PRIMARY KEY (act, position)
) WITHOUT ROWID;
CREATE INDEX act_documents_by_document ON act_documents (document);

-- Sentences reporting an encounter or an act (exactly one of the two).
CREATE TABLE evidence (
    encounter INTEGER REFERENCES encounters (seq) ON DELETE CASCADE,
    act       INTEGER REFERENCES acts (seq) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    document  TEXT NOT NULL,
    language  TEXT NOT NULL,
    text      TEXT NOT NULL,
    start     INTEGER NOT NULL,             -- character offsets into the document's text
    "end"     INTEGER NOT NULL,
    CHECK ((encounter IS NULL) <> (act IS NULL))
);
CREATE INDEX evidence_by_encounter ON evidence (encounter, position);
CREATE INDEX evidence_by_act ON evidence (act, position);
CREATE INDEX evidence_by_document ON evidence (document);

INSERT INTO documents (seq, id, hash, origin, text, title, published, dateline, source, url, lang, extraction)
VALUES (1, '001_a.txt', '0f6f4b4f2c6a0d5bb5b7b1bd4c3a1b1f4f0b1f5a7c7e0f3e2e7d1c9b8a6f5e4d',
        'corpus/001_a.txt', 'Chủ tịch nước Tô Lâm hội đàm với Tổng thống Vladimir Putin.',
        'Tô Lâm hội đàm với Putin', '2024-06-21', '21/06/2024 09:55', 'VnExpress',
        'https://example.vn/001', 'vi',
        '{"encounters":[{"id":"m0","type":"meeting","date":{"start":"2024-06-20","end":null,"not_before":null,"text":"hôm qua","how":"relative to dateline"},"participants":[{"country":"RUS","person":"Vladimir Putin","role":"president","side":null},{"country":"VNM","person":"Tô Lâm","role":"president","side":null}],"place":null,"documents":["001_a.txt"],"evidence":[{"document":"001_a.txt","language":"vi","text":"Chủ tịch nước Tô Lâm hội đàm với Tổng thống Vladimir Putin.","start":0,"end":59}],"confidence":0.8}],"acts":[]}');

INSERT INTO encounters (seq, id, type, date_start, date_end, not_before, date_text, date_how, day_first, day_last, place_name, place_country, confidence)
VALUES (1, 'ev-1', 'meeting', '2024-06-20', NULL, NULL, 'hôm qua', 'relative to dateline', '2024-06-20', '2024-06-20', 'Hà Nội', 'VNM', 0.8);
INSERT INTO encounter_participants (encounter, position, country, person, person_key, role, side)
VALUES (1, 0, 'RUS', 'Vladimir Putin', 'vladimir putin', 'president', NULL),
       (1, 1, 'VNM', 'Tô Lâm', 'to lam', 'president', NULL);
INSERT INTO encounter_documents (encounter, position, document) VALUES (1, 0, '001_a.txt');
INSERT INTO evidence (encounter, act, position, document, language, text, start, "end")
VALUES (1, NULL, 0, '001_a.txt', 'vi', 'Chủ tịch nước Tô Lâm hội đàm với Tổng thống Vladimir Putin.', 0, 59);

INSERT INTO acts (seq, id, type, during, from_country, from_person, from_key, to_country, to_person, to_key, object, date_start, date_end, not_before, date_text, date_how, day_first, day_last)
VALUES (1, 'act-1', 'invitation', 'ev-1', 'RUS', 'Vladimir Putin', 'vladimir putin', 'VNM', 'Tô Lâm', 'to lam', 'visit to Moscow', '2024-06-20', NULL, NULL, NULL, NULL, '2024-06-20', '2024-06-20');
INSERT INTO act_documents (act, position, document) VALUES (1, 0, '001_a.txt');

PRAGMA user_version = 1;
