-- Schema version 5: resolution by dyad. Every event belongs to the set of countries it joins
-- (its dyad, "RUS,VNM"); every document lists the dyads its reports touch. A new document
-- re-resolves only the events of its dyads.
ALTER TABLE encounters ADD COLUMN dyad TEXT;
ALTER TABLE acts ADD COLUMN dyad TEXT;
CREATE INDEX encounters_by_dyad ON encounters (dyad);
CREATE INDEX acts_by_dyad ON acts (dyad);
CREATE TABLE document_dyads (
    dyad     TEXT NOT NULL,
    document TEXT NOT NULL,
    PRIMARY KEY (dyad, document)
) WITHOUT ROWID;
CREATE INDEX document_dyads_by_document ON document_dyads (document);
