//! statuspress: a static status-page generator.
//!
//! The data flows one way: [`load`] reads a site folder into the pure [`model`], [`derive`](mod@derive)
//! computes the state at one instant, [`render`] turns it into in-memory files, and [`output`]
//! writes them (atomically) or hands them to the dev server.

pub mod authoring;
pub mod build;
pub mod cli;
pub mod clock;
pub mod derive;
pub mod diagnostic;
pub mod load;
pub mod model;
pub mod output;
pub mod render;
pub mod serve;

#[cfg(test)]
mod fixture;
