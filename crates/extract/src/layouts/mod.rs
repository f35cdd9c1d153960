//! The layouts remit can read: each directory or file holds only what is particular to one
//! trustee's statement; what they share sits at the crate root.

pub mod db2002;
pub mod stc;
pub mod unknown;
