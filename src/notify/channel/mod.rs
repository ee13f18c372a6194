//! The channels a notice is sent through, each rendering it in its own format.

pub mod digest;
pub mod email;
pub mod mastodon;
pub mod plain;
#[cfg(test)]
mod sample;

/// Why a send failed: worth retrying within the run (timeouts, connection errors, 5xx, 408, 429), or never going to succeed (other 4xx, a refused address).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    /// Worth trying again: the next attempt may succeed.
    Retry(String),
    /// Will fail the same way every time until the configuration changes.
    Permanent(String),
}
