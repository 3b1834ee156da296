//! attache extract stage (work in progress).
