//! attache pipeline stage (work in progress).
