//! The one way authoring commands write a file: into a temporary file beside the target, read
//! back and checked, then renamed over the target. A failure at any step leaves no file behind.

use super::Error;
use std::fs;
use std::path::{Path, PathBuf};

/// Writes `text` to `root/rel` atomically. `check` receives the text as read back from the
/// temporary file (normally it parses it with the model); the rename happens only if it passes.
///
/// Folders created for the file are removed again on failure. Returns the full path written.
pub fn write_checked(
    root: &Path,
    rel: &Path,
    text: &str,
    check: impl FnOnce(&str) -> Result<(), Error>,
) -> Result<PathBuf, Error> {
    let target = root.join(rel);
    let parent = target
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let created = create_dirs(&parent)?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = fs::write(&temp, text)
        .map_err(|e| Error::new(format!("cannot write {}: {e}", temp.display())))
        .and_then(|()| {
            fs::read_to_string(&temp)
                .map_err(|e| Error::new(format!("cannot read back {}: {e}", temp.display())))
        })
        .and_then(|back| {
            if back != text {
                return Err(Error::new(format!(
                    "{} did not read back as written",
                    temp.display()
                )));
            }
            check(&back)
        })
        .and_then(|()| {
            fs::rename(&temp, &target).map_err(|e| {
                Error::new(format!(
                    "cannot move {} to {}: {e}",
                    temp.display(),
                    target.display()
                ))
            })
        });
    if let Err(e) = result {
        let _ = fs::remove_file(&temp);
        for dir in created.iter().rev() {
            let _ = fs::remove_dir(dir);
        }
        return Err(e);
    }
    Ok(target)
}

/// Creates `dir` and its missing ancestors, returning the ones it created, outermost first.
fn create_dirs(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut missing = Vec::new();
    let mut d = Some(dir);
    while let Some(p) = d {
        if p.as_os_str().is_empty() || p.exists() {
            break;
        }
        missing.push(p.to_path_buf());
        d = p.parent();
    }
    missing.reverse();
    for p in &missing {
        fs::create_dir(p).map_err(|e| Error::new(format!("cannot create {}: {e}", p.display())))?;
    }
    Ok(missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_only_what_passes_the_check() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let p = write_checked(root, Path::new("a/b/c.md"), "ok", |t| {
            assert_eq!(t, "ok");
            Ok(())
        })
        .unwrap();
        assert_eq!(fs::read_to_string(p).unwrap(), "ok");
        let e = write_checked(root, Path::new("x/y/z.md"), "bad", |_| {
            Err(Error::new("rejected"))
        })
        .unwrap_err();
        assert_eq!(e.message, "rejected");
        assert!(!root.join("x").exists(), "created folders are removed");
        let e = write_checked(root, Path::new("a/b/c.md"), "new", |_| {
            Err(Error::new("no"))
        });
        assert!(e.is_err());
        assert_eq!(fs::read_to_string(root.join("a/b/c.md")).unwrap(), "ok");
        let names: Vec<_> = fs::read_dir(root.join("a/b"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["c.md"]);
    }
}
