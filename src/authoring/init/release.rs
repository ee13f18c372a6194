//! The statuspress release a new site installs: the version of the binary that ran `init`, and
//! the addresses derived from the repository in `Cargo.toml`, the only place it is spelled.

/// The version of this binary; new sites install the same one.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The project's repository, e.g. `https://github.com/statuspress/statuspress`.
pub const REPOSITORY_URL: &str = env!("CARGO_PKG_REPOSITORY");

/// The repository's `owner/name` on GitHub, which is also the name of its action.
pub fn repository() -> &'static str {
    let url = REPOSITORY_URL.trim_end_matches('/');
    url.strip_prefix("https://github.com/").unwrap_or(url)
}

/// The action pinned to this release: `owner/name@vVERSION`.
pub fn action() -> String {
    format!("{}@v{VERSION}", repository())
}

/// Where the releases' archives are, by tag: `<this>/vVERSION/statuspress-<target>.tar.gz`.
pub fn downloads() -> String {
    format!("{}/releases/download", REPOSITORY_URL.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_action_is_the_repository_at_this_version() {
        let (owner, name) = repository().split_once('/').unwrap();
        assert!(!owner.is_empty() && !name.is_empty() && !name.contains('/'));
        assert_eq!(
            action(),
            format!("{owner}/{name}@v{}", env!("CARGO_PKG_VERSION"))
        );
        assert_eq!(
            downloads(),
            format!("https://github.com/{owner}/{name}/releases/download")
        );
    }
}
