//! statuspress: a static status-page generator.
//!
//! One build is one pipeline, run by [`build::run`]: [`load`] reads a site folder into the pure
//! [`model`], [`derive`](mod@derive) computes the state at one instant, `render` turns it into
//! files (views, then HTML through Tera and data files built in code), and [`output`] is where
//! they land: a staging folder swapped in atomically, memory, or a tally. `serve` and
//! `authoring` sit beside the pipeline; [`cli`] parses the command line and reports.
//!
//! Only what the binary, the tests, the benchmarks and the examples use is public.

pub(crate) mod authoring;
pub mod build;
pub mod cli;
pub(crate) mod clock;
pub mod derive;
pub mod diagnostic;
pub(crate) mod i18n;
pub mod load;
pub mod model;
pub mod notify;
pub mod output;
pub mod probe;
pub(crate) mod render;
pub(crate) mod serve;

#[doc(hidden)]
pub mod fuzzing;

#[cfg(test)]
mod fixture;
