-- Full-text search over documents in every language: an FTS5 index of titles and cleaned
-- texts, kept in step with `documents` by triggers. The trigram tokenizer needs no word
-- boundaries, so Chinese, Japanese and Thai are searchable like the rest; it ignores case.
CREATE VIRTUAL TABLE documents_search USING fts5 (
    title, text,
    content = 'documents', content_rowid = 'seq',
    tokenize = 'trigram'
);

CREATE TRIGGER documents_search_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_search (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

CREATE TRIGGER documents_search_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_search (documents_search, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
END;

CREATE TRIGGER documents_search_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_search (documents_search, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO documents_search (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

INSERT INTO documents_search (documents_search) VALUES ('rebuild');
