-- Schema version 2: an encounter can belong to an episode (the visit it happened during).
ALTER TABLE encounters ADD COLUMN episode TEXT;
CREATE INDEX encounters_by_episode ON encounters (episode);
