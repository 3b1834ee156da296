-- Schema version 3: an invitation can point to the visit that fulfilled it.
ALTER TABLE acts ADD COLUMN fulfilled_by TEXT;
