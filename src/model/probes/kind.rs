//! The kinds of check a probe runs, the keys each one takes, and the small enums of values.

/// What a probe checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProbeKind {
    /// An HTTP(S) request: the status and, optionally, the body.
    Http,
    /// A TCP connection to a host and port.
    Tcp,
    /// A DNS lookup of a name, optionally expecting a record.
    Dns,
    /// A TLS handshake: the certificate's chain, name and expiry.
    Tls,
    /// An upstream provider's Statuspage `summary.json`, mirroring one of its components.
    Statuspage,
}

impl ProbeKind {
    /// Every kind, in documentation order.
    pub const ALL: &'static [ProbeKind] = &[
        ProbeKind::Http,
        ProbeKind::Tcp,
        ProbeKind::Dns,
        ProbeKind::Tls,
        ProbeKind::Statuspage,
    ];
    /// The names `kind` takes.
    pub const NAMES: &'static [&'static str] = &["http", "tcp", "dns", "tls", "statuspage"];

    /// The name written in `probes.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            ProbeKind::Http => "http",
            ProbeKind::Tcp => "tcp",
            ProbeKind::Dns => "dns",
            ProbeKind::Tls => "tls",
            ProbeKind::Statuspage => "statuspage",
        }
    }

    /// The kind named `s`.
    pub fn parse(s: &str) -> Option<ProbeKind> {
        ProbeKind::ALL.iter().copied().find(|k| k.as_str() == s)
    }

    /// The kind-specific keys this kind requires, and those it accepts besides.
    pub fn keys(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            ProbeKind::Http => (
                &["url"],
                &[
                    "expect_status",
                    "expect_body",
                    "method",
                    "headers_env",
                    "ca_file",
                ],
            ),
            ProbeKind::Tcp => (&["host", "port"], &[]),
            ProbeKind::Dns => (&["name"], &["record_type", "expect"]),
            ProbeKind::Tls => (
                &[],
                &["url", "host", "port", "expires_within_days", "ca_file"],
            ),
            ProbeKind::Statuspage => (&["url", "upstream_component"], &["ca_file"]),
        }
    }
}

/// The HTTP method of an `http` probe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Method {
    /// `GET` (the default).
    #[default]
    Get,
    /// `HEAD`: no body is read, so `expect_body` cannot be used with it.
    Head,
}

/// The record a `dns` probe asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RecordType {
    /// IPv4 addresses (the default).
    #[default]
    A,
    /// IPv6 addresses.
    Aaaa,
    /// A canonical name.
    Cname,
    /// Mail exchangers.
    Mx,
    /// Text records.
    Txt,
}

impl RecordType {
    /// The names `record_type` takes.
    pub const NAMES: &'static [&'static str] = &["A", "AAAA", "CNAME", "MX", "TXT"];

    /// The record type named `s` (in any case).
    pub fn parse(s: &str) -> Option<RecordType> {
        match s.to_ascii_uppercase().as_str() {
            "A" => Some(RecordType::A),
            "AAAA" => Some(RecordType::Aaaa),
            "CNAME" => Some(RecordType::Cname),
            "MX" => Some(RecordType::Mx),
            "TXT" => Some(RecordType::Txt),
            _ => None,
        }
    }

    /// The name as DNS writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordType::A => "A",
            RecordType::Aaaa => "AAAA",
            RecordType::Cname => "CNAME",
            RecordType::Mx => "MX",
            RecordType::Txt => "TXT",
        }
    }
}

/// What the body of an `http` answer must hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyMatch {
    /// The body contains this text.
    Substring(String),
    /// The body matches this regular expression (written `/.../` in the file); checked to
    /// compile when the file is read.
    Regex(String),
}

impl BodyMatch {
    /// True when `body` matches.
    pub fn matches(&self, body: &str) -> bool {
        match self {
            BodyMatch::Substring(s) => body.contains(s.as_str()),
            BodyMatch::Regex(r) => regex::Regex::new(r).is_ok_and(|re| re.is_match(body)),
        }
    }

    /// The expectation in words, for failure details.
    pub fn describe(&self) -> String {
        match self {
            BodyMatch::Substring(s) => format!("\"{s}\""),
            BodyMatch::Regex(r) => format!("/{r}/"),
        }
    }
}
