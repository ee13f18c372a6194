//! Live reload: a Server-Sent Events stream on a reserved path and the small script that
//! listens to it.
//!
//! Every page carries the token of the build it came from. On connecting, and after every
//! visible rebuild, the stream sends the current token; the script reloads the page when the
//! token differs from its own. So a browser that was disconnected while a build happened (or
//! while the server restarted, which changes the token's instance part) reloads as soon as it
//! reconnects, and none reloads before the new site is in place.

use super::state::Shared;
use crate::model::urls;
use std::io::Write;
use std::time::Duration;
use tiny_http::Request;

/// The reserved path of the event stream.
pub const EVENTS_PATH: &str = "/__statuspress/events";

/// How often an idle stream sends a comment, so proxies and browsers keep it open.
pub const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The script added to every HTML response. `token` identifies the build the page comes from;
/// `root` is the relative path from the page to the site root (`""`, `"../"`, ...), so the
/// script finds the server from the page's own location, under any host, port or base path.
///
/// Hidden tabs close their stream (browsers allow only a few connections per host) and
/// reconnect when shown, which reloads them if a build happened meanwhile.
pub fn script(token: &str, root: &str) -> String {
    format!(
        r#"<script data-statuspress-reload>(function () {{
  var token = "{token}";
  var url = new URL("{root}{events}", location.href).href;
  var delay = 250;
  var source = null;
  function connect() {{
    if (source || document.hidden) return;
    source = new EventSource(url);
    source.addEventListener("build", function (e) {{
      delay = 250;
      if (e.data !== token) {{ source.close(); location.reload(); }}
    }});
    source.onerror = function () {{
      source.close();
      source = null;
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 5000);
    }};
  }}
  document.addEventListener("visibilitychange", function () {{
    if (!document.hidden) return connect();
    if (source) {{ source.close(); source = null; }}
  }});
  connect();
}})();</script>
"#,
        events = &EVENTS_PATH[1..],
    )
}

/// The relative path from the page at `url` (as requested, undecoded) to the site root.
pub fn root_prefix(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    // A request path starts with the `/` of the site root itself.
    urls::up(urls::depth(path).saturating_sub(1))
}

/// Inserts `snippet` before the last `</body>` (any case), or appends it when there is none.
pub fn inject(html: &[u8], snippet: &str) -> Vec<u8> {
    const TAG: &[u8] = b"</body>";
    let at = html
        .windows(TAG.len())
        .rposition(|w| w.eq_ignore_ascii_case(TAG))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// One event carrying the current build token.
pub fn event(token: &str) -> String {
    format!("retry: 1000\nevent: build\ndata: {token}\n\n")
}

/// Serves the event stream to one client until it goes away or the server stops.
///
/// The response is written straight to the connection (no chunked encoding, which would
/// buffer small events): headers, then the current token, then one event per visible rebuild
/// and a comment line every [`KEEP_ALIVE`].
pub fn stream(request: Request, shared: &Shared) {
    let version = request.http_version().clone();
    let mut writer = request.into_writer();
    let head = format!(
        "HTTP/{version} 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\nX-Accel-Buffering: no\r\n\r\n"
    );
    let mut token = shared.snapshot().token.clone();
    let mut chunk = format!("{head}{}", event(&token));
    loop {
        if writer
            .write_all(chunk.as_bytes())
            .and_then(|()| writer.flush())
            .is_err()
        {
            return;
        }
        let next = shared.wait_for_change(&token, KEEP_ALIVE);
        if shared.is_shutting_down() {
            return;
        }
        if next.token != token {
            token = next.token.clone();
            chunk = event(&token);
        } else {
            chunk = ": keep-alive\n\n".to_string();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_the_last_closing_body() {
        let page = b"<html><body><p>x</p></BODY></html>";
        assert_eq!(
            inject(page, "<s>"),
            b"<html><body><p>x</p><s></BODY></html>".to_vec()
        );
        assert_eq!(inject(b"<p>bare</p>", "<s>"), b"<p>bare</p><s>".to_vec());
    }

    #[test]
    fn root_prefix_follows_the_page_depth() {
        assert_eq!(root_prefix("/"), "");
        assert_eq!(root_prefix("/index.html"), "");
        assert_eq!(root_prefix("/history/"), "../");
        assert_eq!(root_prefix("/incidents/x/?q=a/b"), "../../");
        assert_eq!(root_prefix("/a%2Fb/"), "../");
    }

    #[test]
    fn script_carries_token_and_relative_events_path() {
        let s = script("abc-3", "../../");
        assert!(s.contains(r#"var token = "abc-3";"#));
        assert!(s.contains(r#"new URL("../../__statuspress/events", location.href)"#));
        assert!(s.ends_with("</script>\n"));
        assert_eq!(event("abc-3"), "retry: 1000\nevent: build\ndata: abc-3\n\n");
    }
}
