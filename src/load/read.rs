//! Reading one text file of the site, with an error that says what went wrong and how to fix it.

use crate::diagnostic::{Diagnostic, line_col};
use std::fs;
use std::io::ErrorKind;
use std::path::Path;

/// The text of `rel` (relative to `root`), or an error naming it: a byte that is not UTF-8 is
/// pointed at by line and column, and the hint follows the kind of failure.
pub(super) fn read_utf8(root: &Path, rel: &Path) -> Result<String, Diagnostic> {
    let bytes = fs::read(root.join(rel)).map_err(|e| unreadable(rel, &e))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        // Everything before the first bad byte is text, so its line and column count.
        let before = String::from_utf8_lossy(&bytes[..valid]);
        Diagnostic::error(
            rel,
            line_col(&before, valid),
            format!(
                "cannot read file: byte 0x{:02x} is not UTF-8 text",
                bytes[valid]
            ),
        )
        .with_hint("save the file as UTF-8 text")
    })
}

/// An error for a file that could not be read, with a hint chosen by the kind of failure.
pub(super) fn unreadable(rel: &Path, e: &std::io::Error) -> Diagnostic {
    let hint = match e.kind() {
        ErrorKind::NotFound => {
            "the file is gone (moved or deleted while it was read); save it again"
        }
        ErrorKind::PermissionDenied => "make the file readable by you, e.g. chmod u+r on it",
        ErrorKind::IsADirectory => "this is a folder where a file was expected; rename it",
        _ => "check that it is a regular file you can read",
    };
    Diagnostic::error(rel, (1, 1), format!("cannot read file: {e}")).with_hint(hint)
}

/// An error for an entry a folder walk could not enter or follow: a link to nothing, a link
/// back to a folder above it, a folder without permission. `rel` is its path from the site.
pub(super) fn unwalkable(rel: &Path, e: &walkdir::Error) -> Diagnostic {
    if e.loop_ancestor().is_some() {
        // Not `e` itself: it names both folders by their absolute paths.
        return Diagnostic::error(rel, (1, 1), "cannot read file: File system loop found")
            .with_hint(
                "a link here leads back to a folder above it: remove it, or point it elsewhere",
            );
    }
    match e.io_error() {
        Some(io) if io.kind() == ErrorKind::NotFound => {
            Diagnostic::error(rel, (1, 1), format!("cannot read file: {io}"))
                .with_hint("a link here points to nothing: fix its target or remove it")
        }
        Some(io) => unreadable(rel, io),
        None => Diagnostic::error(rel, (1, 1), format!("cannot read file: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hint_follows_the_kind_of_failure() {
        let hint = |kind| {
            unreadable(Path::new("incidents/a.md"), &std::io::Error::from(kind))
                .hint
                .unwrap()
        };
        assert_eq!(
            hint(ErrorKind::PermissionDenied),
            "make the file readable by you, e.g. chmod u+r on it"
        );
        assert_eq!(
            hint(ErrorKind::NotFound),
            "the file is gone (moved or deleted while it was read); save it again"
        );
        assert!(!hint(ErrorKind::Other).contains("UTF-8"));
    }

    #[test]
    fn a_byte_that_is_not_utf8_is_pointed_at() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("a.md"), b"+++\ntitle = \"caf\xe9\"\n").unwrap();
        let d = read_utf8(tmp.path(), Path::new("a.md")).unwrap_err();
        assert_eq!((d.line, d.column), (2, 13));
        assert_eq!(d.hint.as_deref(), Some("save the file as UTF-8 text"));
    }
}
