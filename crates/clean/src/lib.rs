//! attache clean stage (work in progress).
