//! Data files built in code rather than through templates: the Statuspage-compatible API,
//! `api/uptime.json`, feeds, the maintenance calendar and badges.

pub mod api;
pub mod badges;
pub mod calendar;
pub mod feeds;
pub mod ids;
pub mod probes;
pub mod uptime;
