//! Reads a MIME message as a mail client does: unfolded headers, encoded words, multipart parts
//! and their transfer encodings. Written for these tests, independent of the code that composes.

use base64::Engine as _;

/// A message or a part of one.
#[derive(Debug, Clone)]
pub struct Mail {
    /// Unfolded header lines, in order.
    pub headers: Vec<(String, String)>,
    /// The body as transferred (still encoded).
    pub raw_body: String,
}

/// Splits `raw` (CRLF line ends) into unfolded headers and body.
pub fn parse(raw: &str) -> Mail {
    let (head, body) = raw
        .split_once("\r\n\r\n")
        .expect("a blank line after the headers");
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.split("\r\n") {
        if line.starts_with([' ', '\t']) {
            let last = headers.last_mut().expect("a folded line after a header");
            last.1.push_str(line);
        } else {
            let (name, value) = line.split_once(':').expect("a header line");
            headers.push((name.to_owned(), value.trim_start().to_owned()));
        }
    }
    Mail {
        headers,
        raw_body: body.to_owned(),
    }
}

impl Mail {
    /// The value of the first header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// How many headers are named `name`.
    pub fn count(&self, name: &str) -> usize {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .count()
    }

    /// The value of a header with its encoded words (RFC 2047) decoded.
    pub fn decoded_header(&self, name: &str) -> Option<String> {
        self.header(name).map(decode_words)
    }

    /// A parameter of `Content-Type`, e.g. `boundary` or `charset`, without quotes.
    pub fn content_type_param(&self, param: &str) -> Option<String> {
        let ct = self.header("Content-Type")?;
        ct.split(';').skip(1).find_map(|p| {
            let (k, v) = p.trim().split_once('=')?;
            k.trim()
                .eq_ignore_ascii_case(param)
                .then(|| v.trim().trim_matches('"').to_owned())
        })
    }

    /// The media type of `Content-Type`, e.g. `text/plain`.
    pub fn media_type(&self) -> String {
        self.header("Content-Type")
            .unwrap_or("text/plain")
            .split(';')
            .next()
            .unwrap()
            .trim()
            .to_ascii_lowercase()
    }

    /// The parts of a multipart body.
    pub fn parts(&self) -> Vec<Mail> {
        let boundary = self.content_type_param("boundary").expect("a boundary");
        let delimiter = format!("--{boundary}");
        let mut parts = Vec::new();
        let mut chunks = self.raw_body.split(&delimiter).skip(1);
        for chunk in chunks.by_ref() {
            if chunk.starts_with("--") {
                break;
            }
            let chunk = chunk.strip_prefix("\r\n").expect("CRLF after a boundary");
            let chunk = chunk.strip_suffix("\r\n").unwrap_or(chunk);
            parts.push(parse(chunk));
        }
        parts
    }

    /// The body decoded from its transfer encoding and read as UTF-8.
    pub fn text(&self) -> String {
        let bytes = match self
            .header("Content-Transfer-Encoding")
            .unwrap_or("7bit")
            .to_ascii_lowercase()
            .as_str()
        {
            "quoted-printable" => quoted_printable(&self.raw_body),
            "base64" => base64::engine::general_purpose::STANDARD
                .decode(self.raw_body.replace("\r\n", ""))
                .expect("base64"),
            _ => self.raw_body.clone().into_bytes(),
        };
        String::from_utf8(bytes)
            .expect("UTF-8")
            .replace("\r\n", "\n")
    }
}

/// Decodes quoted-printable (RFC 2045): `=XX` bytes and `=` soft line breaks.
pub fn quoted_printable(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            if bytes[i + 1..].starts_with(b"\r\n") {
                i += 3;
                continue;
            }
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).expect("=XX"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

/// Decodes RFC 2047 encoded words (`=?utf-8?b?…?=`, `=?utf-8?q?…?=`); white space between two
/// encoded words is dropped, as the RFC says.
pub fn decode_words(value: &str) -> String {
    let mut out = String::new();
    let mut pending_space = String::new();
    let mut last_was_word = false;
    for token in value.split_inclusive([' ', '\t']) {
        let trimmed = token.trim_end_matches([' ', '\t']);
        let space = &token[trimmed.len()..];
        match decode_word(trimmed) {
            Some(decoded) => {
                if !last_was_word {
                    out.push_str(&pending_space);
                }
                out.push_str(&decoded);
                last_was_word = true;
            }
            None => {
                out.push_str(&pending_space);
                out.push_str(trimmed);
                last_was_word = false;
            }
        }
        pending_space = space.to_owned();
    }
    out.push_str(&pending_space);
    out
}

fn decode_word(token: &str) -> Option<String> {
    let inner = token.strip_prefix("=?")?.strip_suffix("?=")?;
    let mut fields = inner.splitn(3, '?');
    let charset = fields.next()?;
    let encoding = fields.next()?;
    let text = fields.next()?;
    assert!(charset.eq_ignore_ascii_case("utf-8"), "charset {charset}");
    let bytes = match encoding {
        "b" | "B" => base64::engine::general_purpose::STANDARD
            .decode(text)
            .ok()?,
        "q" | "Q" => quoted_printable(&text.replace('_', " ")),
        _ => return None,
    };
    String::from_utf8(bytes).ok()
}
