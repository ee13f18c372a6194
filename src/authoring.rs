//! Writing content: `init`, `new`, `update`/`resolve`, `import` and `alert`.
//!
//! These commands are the only ones that change the site folder's sources. Every file goes
//! through [`write`](mod@write): it is written beside its target, read back and parsed with the model's own
//! parser, and renamed into place only when it parses cleanly, so a failure never leaves a partial
//! or invalid file behind. Times come from the injected clock, never from the system directly.

pub mod alert;
pub mod error;
pub mod import;
pub mod init;
pub mod new_post;
pub mod next_update;
pub mod site;
pub mod slug;
pub mod text;
pub mod update;
pub mod write;

pub use error::Error;
