//! Samples: the real fixture wrapped as an EDGAR submission, and a generator of made-up months.
//!
//! INTERFACE SKELETON — filled in by the implementation.
