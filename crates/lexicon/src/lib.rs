//! attache lexicon stage (work in progress).
