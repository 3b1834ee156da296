-- Schema version 4: near-duplicate articles (wire copies, translations) form stories; a
-- document that is a copy records the story's first document.
ALTER TABLE documents ADD COLUMN story TEXT;
CREATE INDEX documents_by_story ON documents (story);
