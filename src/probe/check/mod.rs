//! The check kinds. Each is one blocking function bounded by its target's timeout, that never
//! panics on what the network sends and reports every failure as a [`Down`](outcome::Verdict::Down)
//! outcome with a detail a person can act on.
//!
//! - [`tls`]: the certificate of a TLS server (handshake, chain, name, days left);
//! - [`dns`]: a DNS name resolves, optionally to an expected record;
//! - [`statuspage`]: the status of one component on an upstream provider's Statuspage.

pub mod dns;
pub mod outcome;
pub mod statuspage;
pub mod tls;
