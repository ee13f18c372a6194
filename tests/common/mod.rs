//! Helpers shared by the integration tests: temporary site folders and running the binary.
#![allow(dead_code, reason = "each test file uses a different subset")]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The fixed clock the tests build with.
pub const NOW: &str = "2026-11-23T12:00:00Z";

/// A minimal valid site config.
pub const CONFIG: &str = "title = \"Acme Status\"\nbase_url = \"https://status.acme.test\"\ntime_zone = \"Europe/Berlin\"\n";

/// A small catalogue: a group of two and one ungrouped component.
pub const COMPONENTS: &str = r#"[[group]]
id = "core"
name = "Core"

[[component]]
id = "api"
name = "API"
group = "core"

[[component]]
id = "web"
name = "Website"
group = "core"

[[component]]
id = "mail"
name = "Email"
"#;

/// A temporary site folder that is removed when dropped.
pub struct TempSite {
    dir: tempfile::TempDir,
}

impl TempSite {
    /// A site with the default config and components.
    pub fn new() -> Self {
        let site = TempSite {
            dir: tempfile::tempdir().unwrap(),
        };
        site.write("statuspress.toml", CONFIG);
        site.write("components.toml", COMPONENTS);
        site
    }

    /// A copy of the bundled example site.
    pub fn example() -> Self {
        let site = TempSite {
            dir: tempfile::tempdir().unwrap(),
        };
        copy_dir(&repo().join("content"), site.path());
        site
    }

    /// A copy of the site folder at `from`.
    pub fn copy_of(from: &Path) -> Self {
        let site = TempSite {
            dir: tempfile::tempdir().unwrap(),
        };
        copy_dir(from, site.path());
        site
    }

    /// The site folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file relative to the site folder, creating folders.
    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let p = self.path().join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
        self
    }

    /// Reads a file of the default output folder.
    pub fn read_output(&self, rel: &str) -> String {
        fs::read_to_string(self.path().join("public").join(rel))
            .unwrap_or_else(|e| panic!("reading public/{rel}: {e}"))
    }

    /// Runs `statuspress <args> --root <site>` (plus `--now NOW` for build and check).
    pub fn run(&self, args: &[&str]) -> Output {
        let mut all: Vec<&str> = args.to_vec();
        let root = self.path().to_str().unwrap().to_string();
        all.extend(["--root", &root]);
        if matches!(args.first(), Some(&"build") | Some(&"check")) && !args.contains(&"--now") {
            all.extend(["--now", NOW]);
        }
        statuspress(&all)
    }
}

/// Runs the statuspress binary with arguments.
pub fn statuspress(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_statuspress"))
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap()
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Copies a folder tree, skipping build output.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_entry(|e| e.file_name() != "public")
    {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file below a folder as (relative path, bytes), sorted.
pub fn snapshot_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// Every `href` and `src` of `html` that points inside the site (relative, not a fragment).
pub fn local_links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for (i, _) in html.match_indices(attr) {
            let rest = &html[i + attr.len()..];
            let link = &rest[..rest.find('"').unwrap_or(rest.len())];
            let external = link.contains("://")
                || link.starts_with('#')
                || link.starts_with("mailto:")
                || link.starts_with("data:")
                || link.starts_with('/');
            if !external && !link.contains("{{") {
                out.push(link.split(['#', '?']).next().unwrap_or("").to_string());
            }
        }
    }
    out
}

/// Follows every relative link of every page built into `out`: how many there are, and those
/// that reach no built file (as `page → link`).
pub fn broken_links(out: &Path) -> (usize, Vec<String>) {
    let mut checked = 0;
    let mut broken = Vec::new();
    for (rel, bytes) in snapshot_tree(out) {
        if !rel.ends_with(".html") || rel == "404.html" {
            continue; // The 404 page links from the site's absolute base path, wherever it is served.
        }
        let page_dir = out.join(&rel).parent().unwrap().to_path_buf();
        for link in local_links(&String::from_utf8(bytes).unwrap()) {
            let mut target = page_dir.join(&link);
            if link.is_empty() || link.ends_with('/') {
                target = target.join("index.html");
            }
            checked += 1;
            if !target.is_file() {
                broken.push(format!("{rel} → {link}"));
            }
        }
    }
    (checked, broken)
}

/// Fails the test with the exit code and both streams unless the command succeeded.
pub fn assert_ok(o: &Output) {
    assert!(
        o.status.success(),
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status.code(),
        stdout(o),
        stderr(o)
    );
}

/// Packs `binary` as a release archive laid out like the published ones:
/// `<tag_dir>/statuspress-<target>.tar.gz` holding `statuspress-<target>/statuspress`, plus the
/// `extra` files beside the binary. Returns the archive's path.
pub fn release_archive(
    tag_dir: &Path,
    target: &str,
    binary: &[u8],
    extra: &[(&str, &str)],
) -> PathBuf {
    let stage = tempfile::tempdir().unwrap();
    let folder = stage.path().join(format!("statuspress-{target}"));
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join("statuspress"), binary).unwrap();
    for (name, text) in extra {
        fs::write(folder.join(name), text).unwrap();
    }
    fs::create_dir_all(tag_dir).unwrap();
    let archive = tag_dir.join(format!("statuspress-{target}.tar.gz"));
    let tar = Command::new("tar")
        .arg("-czf")
        .arg(&archive)
        .arg("-C")
        .arg(stage.path())
        .arg(format!("statuspress-{target}"))
        .output()
        .unwrap();
    assert_ok(&tar);
    archive
}
