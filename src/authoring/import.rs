//! `statuspress import`: bringing the history of a hosted status page into a site folder.

pub mod html_to_md;
pub mod statuspage;
