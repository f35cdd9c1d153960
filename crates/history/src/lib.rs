//! History: extracted statements in, the SQLite history of `docs/schema.md` out.
//!
//! INTERFACE SKELETON — filled in by the implementation.
