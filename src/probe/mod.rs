//! `statuspress probe`: checks the site's components from outside and keeps what it measures.
//!
//! Each run reads `probes.toml`, runs every check at once (a bounded number at a time), tries
//! a failing one again before counting it as failed, appends one sample per probe to its data
//! files under `.statuspress/probes/`, and opens or resolves incidents once `fail_after`
//! failed runs or `pass_after` passing runs in a row say so. [`check`] is one try of one
//! probe.

pub mod check;
pub mod data;
pub mod incidents;
pub mod run;
