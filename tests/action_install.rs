//! The GitHub Action's install logic (`action/install.sh`, run by `action.yml`) against a fake
//! release served on loopback: the checksum is verified before anything is installed, a
//! missing binary falls back to `cargo install`, and a cached binary is reused.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;
use std::thread;

mod common;

const TARGET: &str = "x86_64-unknown-linux-musl";
const VERSION: &str = "9.8.7";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A release folder as cargo-dist lays it out: `v<version>/statuspress-<target>.tar.gz`, holding
/// `statuspress-<target>/statuspress`, and `<archive>.sha256`.
struct Release {
    dir: tempfile::TempDir,
    archive: Vec<u8>,
}

impl Release {
    fn new() -> Release {
        let dir = tempfile::tempdir().unwrap();
        let script = format!("#!/bin/sh\necho \"statuspress {VERSION} $*\"\n");
        let archive_path = common::release_archive(
            &dir.path().join(format!("v{VERSION}")),
            TARGET,
            script.as_bytes(),
            &[("README.md", "readme\n")],
        );
        let archive = fs::read(&archive_path).unwrap();
        Release { dir, archive }
    }

    /// Writes the checksum file the way cargo-dist does: `<hex> *<file name>`.
    fn checksum(&self, hex: &str) {
        let name = format!("statuspress-{TARGET}.tar.gz");
        fs::write(
            self.dir.path().join(format!("v{VERSION}/{name}.sha256")),
            format!("{hex} *{name}\n"),
        )
        .unwrap();
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }
}

/// Serves `root` on 127.0.0.1 until the test ends; returns its base address.
fn serve(root: &Path) -> String {
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
    let addr = server.server_addr().to_ip().unwrap();
    let root = root.to_path_buf();
    thread::spawn(move || {
        for request in server.incoming_requests() {
            let rel = request.url().trim_start_matches('/').to_string();
            let path = root.join(&rel);
            let response = if !rel.contains("..") && path.is_file() {
                tiny_http::Response::from_data(fs::read(&path).unwrap())
            } else {
                tiny_http::Response::from_data(b"not found".to_vec()).with_status_code(404)
            };
            let _ = request.respond(response);
        }
    });
    format!("http://{addr}")
}

struct Run {
    output: Output,
    install_dir: PathBuf,
    github_path: String,
    github_output: String,
}

/// Runs `install.sh install` with the given download base and extra PATH entries.
fn install(base: &str, path_prefix: Option<&Path>) -> Run {
    let work = tempfile::tempdir().unwrap().keep();
    let install_dir = work.join("tools/statuspress");
    let github_path = work.join("github_path");
    let github_output = work.join("github_output");
    let mut cmd = Command::new("bash");
    cmd.arg(repo().join("action/install.sh"))
        .arg("install")
        .env("STATUSPRESS_VERSION", format!("v{VERSION}"))
        .env("STATUSPRESS_TARGET", TARGET)
        .env("STATUSPRESS_DOWNLOAD_URL", base)
        .env("STATUSPRESS_INSTALL_DIR", &install_dir)
        .env("GITHUB_PATH", &github_path)
        .env("GITHUB_OUTPUT", &github_output);
    if let Some(prefix) = path_prefix {
        let path = std::env::var("PATH").unwrap_or_default();
        cmd.env("PATH", format!("{}:{path}", prefix.display()));
    }
    let output = cmd.output().unwrap();
    Run {
        output,
        install_dir,
        github_path: fs::read_to_string(&github_path).unwrap_or_default(),
        github_output: fs::read_to_string(&github_output).unwrap_or_default(),
    }
}

fn stderr(run: &Run) -> String {
    String::from_utf8_lossy(&run.output.stderr).into_owned()
}

#[test]
fn a_release_with_a_matching_checksum_is_installed_and_put_on_the_path() {
    let release = Release::new();
    release.checksum(&sha256_hex(&release.archive));
    let base = serve(release.root());
    let run = install(&base, None);
    assert!(run.output.status.success(), "{}", stderr(&run));
    let bin = run.install_dir.join("bin/statuspress");
    let out = Command::new(&bin).arg("--version").output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("statuspress {VERSION} --version\n")
    );
    assert_eq!(
        run.github_path.trim(),
        run.install_dir.join("bin").display().to_string()
    );
    assert!(
        run.github_output
            .contains(&format!("path={}", bin.display())),
        "{}",
        run.github_output
    );
    // Only the binary is installed, not the archive's other files.
    let installed: Vec<_> = fs::read_dir(run.install_dir.join("bin"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(installed, ["statuspress"]);
}

#[test]
fn a_checksum_mismatch_installs_nothing_and_says_why() {
    let release = Release::new();
    let mut tampered = release.archive.clone();
    tampered.push(0);
    release.checksum(&sha256_hex(&tampered));
    let base = serve(release.root());
    let run = install(&base, None);
    assert!(!run.output.status.success());
    let err = stderr(&run);
    assert!(err.contains("checksum mismatch"), "{err}");
    assert!(err.contains(&sha256_hex(&release.archive)), "{err}");
    assert!(!run.install_dir.join("bin/statuspress").exists());
    assert!(run.github_path.is_empty());
}

#[test]
fn a_missing_checksum_file_installs_nothing() {
    let release = Release::new();
    let base = serve(release.root());
    let run = install(&base, None);
    assert!(!run.output.status.success());
    assert!(stderr(&run).contains(".sha256 failed (HTTP status 404)"));
    assert!(!run.install_dir.join("bin/statuspress").exists());
}

#[test]
fn no_binary_for_the_target_falls_back_to_cargo_install_at_that_version() {
    // A release with no archive for this target; a fake cargo records how it was called.
    let empty = tempfile::tempdir().unwrap();
    let base = serve(empty.path());
    let fake = tempfile::tempdir().unwrap();
    let log = fake.path().join("cargo.log");
    let script = format!(
        "#!/bin/sh\necho \"$@\" > '{}'\n\
         while [ $# -gt 0 ]; do if [ \"$1\" = --root ]; then root=$2; fi; shift; done\n\
         mkdir -p \"$root/bin\" && printf '#!/bin/sh\\necho built\\n' > \"$root/bin/statuspress\" && chmod +x \"$root/bin/statuspress\"\n",
        log.display()
    );
    fs::write(fake.path().join("cargo"), script).unwrap();
    let chmod = Command::new("chmod")
        .arg("+x")
        .arg(fake.path().join("cargo"))
        .status()
        .unwrap();
    assert!(chmod.success());
    let run = install(&base, Some(fake.path()));
    assert!(run.output.status.success(), "{}", stderr(&run));
    assert_eq!(
        fs::read_to_string(&log).unwrap().trim(),
        format!(
            "install --locked --version {VERSION} statuspress --root {}",
            run.install_dir.display()
        )
    );
    assert!(run.install_dir.join("bin/statuspress").exists());
}

#[test]
fn an_installed_binary_is_reused_without_a_download() {
    let release = Release::new();
    release.checksum(&sha256_hex(&release.archive));
    let base = serve(release.root());
    let first = install(&base, None);
    assert!(first.output.status.success(), "{}", stderr(&first));
    // The same folder again, as after a cache restore, with nothing served.
    let nothing = tempfile::tempdir().unwrap();
    let base = serve(nothing.path());
    let output = Command::new("bash")
        .arg(repo().join("action/install.sh"))
        .arg("install")
        .env("STATUSPRESS_VERSION", VERSION)
        .env("STATUSPRESS_TARGET", TARGET)
        .env("STATUSPRESS_DOWNLOAD_URL", &base)
        .env("STATUSPRESS_INSTALL_DIR", &first.install_dir)
        .env_remove("GITHUB_PATH")
        .env_remove("GITHUB_OUTPUT")
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("is installed in"));
}

#[test]
fn the_version_comes_from_the_input_or_a_full_version_tag() {
    let plan = |version: &str, action_ref: &str| {
        Command::new("bash")
            .arg(repo().join("action/install.sh"))
            .arg("plan")
            .env("STATUSPRESS_VERSION", version)
            .env("ACTION_REF", action_ref)
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "ARM64")
            .env("RUNNER_TOOL_CACHE", "/opt/hostedtoolcache")
            .env_remove("STATUSPRESS_TARGET")
            .env_remove("STATUSPRESS_INSTALL_DIR")
            .env_remove("GITHUB_OUTPUT")
            .output()
            .unwrap()
    };
    let out = plan("", "v1.2.3");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "version=1.2.3\ntarget=aarch64-unknown-linux-musl\n\
         dir=/opt/hostedtoolcache/statuspress/1.2.3/aarch64-unknown-linux-musl\n"
    );
    let out = plan("0.4.0", "v1");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("version=0.4.0\n"));
    // A major-version tag alone does not say which release to install.
    let out = plan("", "v1");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("set the action's `version` input"));
    let out = plan("latest", "");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a statuspress version"));
}

#[test]
fn the_action_runs_this_script_for_planning_and_installing() {
    let action: serde_yaml::Value =
        serde_yaml::from_str(&fs::read_to_string(repo().join("action.yml")).unwrap()).unwrap();
    let steps = action["runs"]["steps"].as_sequence().unwrap();
    let run_of = |id: &str| {
        steps
            .iter()
            .find(|s| s["id"].as_str() == Some(id))
            .and_then(|s| s["run"].as_str())
            .unwrap_or_default()
            .to_string()
    };
    assert!(run_of("plan").contains("action/install.sh\" plan"));
    assert!(run_of("install").contains("action/install.sh\" install"));
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    for input in ["version", "command", "args", "root"] {
        assert!(action["inputs"][input].is_mapping(), "input {input}");
    }
}

#[test]
fn the_install_script_passes_shellcheck() {
    let Ok(out) = Command::new("shellcheck")
        .arg("--severity=style")
        .arg(repo().join("action/install.sh"))
        .output()
    else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "shellcheck is missing under CI=true (.ci/run installs it)"
        );
        eprintln!("SKIPPED the_install_script_passes_shellcheck: shellcheck is not installed");
        return;
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// cargo-binstall, the Action and `dist` must agree on where a release archive is and what it
/// holds.
#[test]
fn binstall_finds_the_archives_that_dist_builds_and_the_action_installs() {
    let manifest: toml::Table =
        toml::from_str(&fs::read_to_string(repo().join("Cargo.toml")).unwrap()).unwrap();
    let package = &manifest["package"];
    let binstall = &package["metadata"]["binstall"];
    let fill = |template: &str| {
        template
            .replace("{ repo }", package["repository"].as_str().unwrap())
            .replace("{ version }", VERSION)
            .replace("{ name }", "statuspress")
            .replace("{ target }", TARGET)
            .replace("{ archive-suffix }", ".tar.gz")
            .replace("{ bin }", "statuspress")
            .replace("{ binary-ext }", "")
    };
    let url = fill(binstall["pkg-url"].as_str().unwrap());
    assert_eq!(
        url,
        format!(
            "https://github.com/statuspress/statuspress/releases/download/v{VERSION}/statuspress-{TARGET}.tar.gz"
        )
    );
    // The same file name and layout as the fake release the Action installs from above.
    let release = Release::new();
    let archive = release
        .root()
        .join(format!("v{VERSION}/statuspress-{TARGET}.tar.gz"));
    assert!(
        url.ends_with(
            &archive
                .strip_prefix(release.root())
                .unwrap()
                .display()
                .to_string()
        )
    );
    let bin_dir = fill(binstall["bin-dir"].as_str().unwrap());
    let listing = Command::new("tar")
        .arg("-tzf")
        .arg(&archive)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&listing.stdout)
            .lines()
            .any(|l| l == bin_dir),
        "{bin_dir} not in the archive"
    );
    // dist builds exactly these archive formats and checksums.
    let dist: toml::Table =
        toml::from_str(&fs::read_to_string(repo().join("dist-workspace.toml")).unwrap()).unwrap();
    assert_eq!(dist["dist"]["unix-archive"].as_str(), Some(".tar.gz"));
    assert_eq!(dist["dist"]["windows-archive"].as_str(), Some(".zip"));
    assert_eq!(dist["dist"]["checksum"].as_str(), Some("sha256"));
    let targets = dist["dist"]["targets"].as_array().unwrap();
    assert!(targets.iter().any(|t| t.as_str() == Some(TARGET)));
}
