//! Probes: checks run from outside the monitored service, whose results become data and
//! incidents.
//!
//! [`check`] holds the checks themselves: each takes a small target and returns an
//! [`Outcome`](check::outcome::Outcome), with the time it took and a short, human detail.

pub mod check;
