//! attache lang stage (work in progress).
