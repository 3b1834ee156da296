//! attache resolve stage (work in progress).
