//! Fetch: CIKs and date ranges in, raw EDGAR submissions on disk out.
//!
//! INTERFACE SKELETON — filled in by the implementation.
