//! Request handling: mapping a request path to a file of the in-memory site, content types, and
//! the responses a dev server owes a browser (no caching, HEAD, its own 404 page).
//!
//! Only the in-memory build is ever served, so no request can reach the file system; the path
//! checks below refuse traversal attempts outright instead of relying on that.

use super::overlay;
use super::reload::{self, EVENTS_PATH};
use super::state::{Shared, Snapshot};
use crate::model::urls;
use tiny_http::{Header, Method, Request, Response, StatusCode};

/// What a request path resolves to in the current site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A file of the site, by output path.
    File(String),
    /// A folder asked for without its trailing slash: redirect to this relative location.
    Redirect(String),
    /// No such file: the site's 404 page.
    NotFound,
    /// The live-reload event stream.
    Events,
    /// A malformed path (bad percent escape, not UTF-8, NUL byte, not starting with `/`).
    BadRequest(&'static str),
    /// A path that tries to leave the site (`..`, `.`, backslash, empty segment).
    Forbidden(&'static str),
}

/// Resolves a request target (path and query, as sent) against the site's files.
///
/// `exists` tells whether the site has a file at an output path.
pub fn resolve(url: &str, exists: impl Fn(&str) -> bool) -> Target {
    let (raw_path, query) = match url.find(['?', '#']) {
        Some(i) => (&url[..i], &url[i..]),
        None => (url, ""),
    };
    let Some(raw_rest) = raw_path.strip_prefix('/') else {
        return Target::BadRequest("the path must start with /");
    };
    let path = match percent_decode(raw_path) {
        Ok(p) => p,
        Err(why) => return Target::BadRequest(why),
    };
    if path.contains('\0') {
        return Target::BadRequest("the path contains a NUL byte");
    }
    if path.contains('\\') {
        return Target::Forbidden("backslashes are not allowed in paths");
    }
    if path == EVENTS_PATH {
        return Target::Events;
    }
    let rest = &path[1..];
    let segments: Vec<&str> = rest.split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        match *segment {
            ".." | "." => return Target::Forbidden("`.` and `..` are not allowed in paths"),
            "" if i != last => return Target::Forbidden("empty path segments are not allowed"),
            _ => {}
        }
    }
    if rest.is_empty() || rest.ends_with('/') {
        let index = urls::page_file(rest);
        return if exists(&index) {
            Target::File(index)
        } else {
            Target::NotFound
        };
    }
    if exists(rest) {
        return Target::File(rest.to_string());
    }
    if exists(&urls::page_file(&format!("{rest}/"))) {
        let raw_last = raw_rest.rsplit('/').next().unwrap_or(raw_rest);
        return Target::Redirect(format!("{raw_last}/{query}"));
    }
    Target::NotFound
}

/// Decodes `%XX` escapes. Fails on a malformed escape or on bytes that are not UTF-8.
pub fn percent_decode(s: &str) -> Result<String, &'static str> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).ok_or("a % escape is cut short")?;
            let hex = std::str::from_utf8(hex).map_err(|_| "a % escape is malformed")?;
            let byte = u8::from_str_radix(hex, 16).map_err(|_| "a % escape is malformed")?;
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "the path is not UTF-8")
}

/// The `Content-Type` of an output path, by extension.
pub fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = match name.rfind('.') {
        Some(i) if i > 0 => name[i + 1..].to_ascii_lowercase(),
        _ => return "application/octet-stream",
    };
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "xml" | "xsl" => "application/xml",
        "atom" => "application/atom+xml",
        "rss" => "application/rss+xml",
        "ics" => "text/calendar; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// True for content types that get the live-reload script (and the error overlay).
pub fn is_html(content_type: &str) -> bool {
    content_type.starts_with("text/html")
}

/// Answers one request from the current snapshot of the site.
pub fn handle(request: Request, shared: &Shared) {
    let method = request.method().clone();
    if !matches!(method, Method::Get | Method::Head) {
        let response = text(405, "only GET and HEAD are supported\n")
            .with_header(header("Allow", "GET, HEAD"));
        let _ = request.respond(response);
        return;
    }
    let snapshot = shared.snapshot();
    let url = request.url().to_string();
    let target = resolve(&url, |p| {
        snapshot.site.as_ref().is_some_and(|s| s.get(p).is_some())
    });
    if target == Target::Events {
        if method == Method::Head {
            let _ = request.respond(empty(200, "text/event-stream"));
        } else {
            reload::stream(request, shared);
        }
        return;
    }
    let response = match (&snapshot.site, target) {
        (_, Target::BadRequest(why)) => text(400, &format!("bad request: {why}\n")),
        (_, Target::Forbidden(why)) => text(403, &format!("forbidden: {why}\n")),
        (None, _) => {
            let page = overlay::error_page(&snapshot.errors);
            html(500, inject(page.as_bytes(), &snapshot, &url))
        }
        (Some(_), Target::Redirect(location)) => {
            text(302, "moved\n").with_header(header("Location", &location))
        }
        (Some(site), Target::File(path)) => {
            let bytes = site.get(&path).unwrap_or_default();
            let kind = content_type(&path);
            if is_html(kind) {
                html(200, inject(bytes, &snapshot, &url))
            } else {
                respond_bytes(200, kind, bytes.to_vec())
            }
        }
        (Some(site), Target::NotFound) => match site.get("404.html") {
            Some(page) => html(404, inject(page, &snapshot, &url)),
            None => text(404, "not found\n"),
        },
        (Some(_), Target::Events) => unreachable!("handled above"),
    };
    let _ = request.respond(response);
}

/// Adds the error overlay (when the last build failed) and the reload script to an HTML page.
fn inject(page: &[u8], snapshot: &Snapshot, url: &str) -> Vec<u8> {
    let mut snippet = String::new();
    if snapshot.site.is_some() && !snapshot.errors.is_empty() {
        snippet.push_str(&overlay::overlay(&snapshot.errors));
    }
    snippet.push_str(&reload::script(&snapshot.token, &reload::root_prefix(url)));
    reload::inject(page, &snippet)
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn respond_bytes(status: u16, kind: &str, body: Vec<u8>) -> Response<std::io::Cursor<Vec<u8>>> {
    // Whole pages are in memory: always send Content-Length (also for HEAD), never chunks.
    Response::from_data(body)
        .with_chunked_threshold(usize::MAX)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
}

fn html(status: u16, body: Vec<u8>) -> Response<std::io::Cursor<Vec<u8>>> {
    respond_bytes(status, "text/html; charset=utf-8", body)
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    respond_bytes(
        status,
        "text/plain; charset=utf-8",
        body.as_bytes().to_vec(),
    )
}

fn empty(status: u16, kind: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    respond_bytes(status, kind, Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(url: &str) -> Target {
        let files = [
            "index.html",
            "404.html",
            "history/index.html",
            "incidents/a b/index.html",
            "logo.svg",
        ];
        resolve(url, |p| files.contains(&p))
    }

    #[test]
    fn maps_folders_to_index_and_redirects_without_slash() {
        assert_eq!(site("/"), Target::File("index.html".into()));
        assert_eq!(site("/?x=1"), Target::File("index.html".into()));
        assert_eq!(site("/history/"), Target::File("history/index.html".into()));
        assert_eq!(site("/history"), Target::Redirect("history/".into()));
        assert_eq!(
            site("/history?a=b"),
            Target::Redirect("history/?a=b".into())
        );
        assert_eq!(site("/incidents/a%20b"), Target::Redirect("a%20b/".into()));
        assert_eq!(
            site("/incidents/a%20b/"),
            Target::File("incidents/a b/index.html".into())
        );
        assert_eq!(site("/logo.svg#top"), Target::File("logo.svg".into()));
        assert_eq!(site("/nope"), Target::NotFound);
        assert_eq!(site("/nope/"), Target::NotFound);
        assert_eq!(site(EVENTS_PATH), Target::Events);
        assert_eq!(site("/__statuspress/events?b=1"), Target::Events);
    }

    #[test]
    fn refuses_traversal_in_every_spelling() {
        for url in [
            "/../Cargo.toml",
            "/%2e%2e/",
            "/%2E%2E/statuspress.toml",
            "/..%2fstatuspress.toml",
            "/history/../../x",
            "/./index.html",
            "/..%5cstatuspress.toml",
            "/a\\b",
            "//etc/passwd",
            "/%2fetc/passwd",
        ] {
            assert!(
                matches!(site(url), Target::Forbidden(_)),
                "{url} gave {:?}",
                site(url)
            );
        }
        for url in ["/%00", "/%zz", "/%2", "/%ff", "etc/passwd", "http://x/"] {
            assert!(
                matches!(site(url), Target::BadRequest(_)),
                "{url} gave {:?}",
                site(url)
            );
        }
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("/a%20b%2Fc").unwrap(), "/a b/c");
        assert_eq!(percent_decode("/caf%C3%A9").unwrap(), "/café");
        assert!(percent_decode("/%C3").is_err());
    }

    #[test]
    fn content_types_by_extension() {
        for (path, kind) in [
            ("index.html", "text/html; charset=utf-8"),
            ("a/style.CSS", "text/css; charset=utf-8"),
            ("app.js", "text/javascript; charset=utf-8"),
            ("status.json", "application/json"),
            ("sitemap.xml", "application/xml"),
            ("feed.atom", "application/atom+xml"),
            ("feed.rss", "application/rss+xml"),
            ("maintenance.ics", "text/calendar; charset=utf-8"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("logo.svg", "image/svg+xml"),
            ("logo.png", "image/png"),
            ("favicon.ico", "image/x-icon"),
            ("site.webmanifest", "application/manifest+json"),
            ("CNAME", "application/octet-stream"),
            (".nojekyll", "application/octet-stream"),
        ] {
            assert_eq!(content_type(path), kind, "{path}");
        }
        assert!(is_html(content_type("x.htm")));
        assert!(!is_html(content_type("x.xml")));
    }
}
