//! attache ingest stage (work in progress).
