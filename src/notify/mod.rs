//! `statuspress notify`: tells subscribers what changed since the last run, once per event and
//! channel.
//!
//! The build already knows every incident, update and maintenance window. Notify compares what
//! the site says at the clock ([`events`]) with what its [`ledger`] records as already
//! announced, turns each new event into a channel-neutral [`Notice`](notice::Notice), and has
//! every matching [`channel`] render and send it ([`run`]).

pub mod channel;
pub mod events;
pub mod ledger;
pub mod markup;
pub mod notice;
pub mod run;
pub mod statuspage;
