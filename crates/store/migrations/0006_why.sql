-- Schema version 6: why reports from other articles were merged into an encounter (a JSON
-- array of lines, for `attache show`).
ALTER TABLE encounters ADD COLUMN why TEXT;
