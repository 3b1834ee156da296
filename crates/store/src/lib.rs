//! attache store stage (work in progress).
