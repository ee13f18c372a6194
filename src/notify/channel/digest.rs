//! Stable identities derived from a notice's key or thread: the same key gives the same digest in
//! every run and on every machine, so an email's `Message-ID` and a Mastodon post's
//! `Idempotency-Key` survive reruns and retries.

use sha2::{Digest, Sha256};

/// The SHA-256 of `text` as 32 lower-case hex digits (the first 128 bits): short enough for a
/// header, far too long to collide between the events of one site.
pub fn digest(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_are_stable_hex_and_differ_by_key() {
        // SHA-256("abc") starts ba7816bf 8f01cfea 414140de 5dae2223.
        assert_eq!(digest("abc"), "ba7816bf8f01cfea414140de5dae2223");
        let a = digest("incident/x/update/2026-11-20T14:40:00Z");
        assert_eq!(a.len(), 32);
        assert!(
            a.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
        assert_ne!(a, digest("incident/x/update/2026-11-20T14:41:00Z"));
    }
}
