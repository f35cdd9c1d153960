//! EDGAR simulator: a directory of submissions in, EDGAR's URL layout on 127.0.0.1 out.
//!
//! INTERFACE SKELETON — filled in by the implementation.
