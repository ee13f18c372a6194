//! Records as text, and whether the expected one is among them.

use super::RecordKind;
use hickory_resolver::proto::rr::{Name, RData};
use std::net::IpAddr;

/// A record as a person writes it: `192.0.2.1`, `2001:db8::1`, `target.example.com`,
/// `10 mail.example.com`, the text of a TXT record (its strings joined). `None` for other types.
pub(super) fn record_text(data: &RData) -> Option<String> {
    match data {
        RData::A(a) => Some(a.0.to_string()),
        RData::AAAA(a) => Some(a.0.to_string()),
        RData::CNAME(c) => Some(name_text(&c.0)),
        RData::MX(mx) => Some(format!("{} {}", mx.preference, name_text(&mx.exchange))),
        RData::TXT(txt) => Some(
            txt.txt_data
                .iter()
                .map(|part| String::from_utf8_lossy(part))
                .collect(),
        ),
        _ => None,
    }
}

/// A name without its final dot.
fn name_text(name: &Name) -> String {
    let text = name.to_utf8();
    text.strip_suffix('.').unwrap_or(&text).to_owned()
}

/// Whether `expected` is among `answers` (texts from [`record_text`]): addresses compare as
/// addresses (`::1` is `0:0::1`), names without case and final dot, an MX by its exchange or by
/// `PREFERENCE EXCHANGE`, a TXT record by its whole text.
pub(super) fn expected_among(kind: RecordKind, expected: &str, answers: &[String]) -> bool {
    let expected = expected.trim();
    answers.iter().any(|answer| match kind {
        RecordKind::A | RecordKind::Aaaa => {
            match (expected.parse::<IpAddr>(), answer.parse::<IpAddr>()) {
                (Ok(e), Ok(a)) => e == a,
                _ => false,
            }
        }
        RecordKind::Cname => same_name(expected, answer),
        RecordKind::Mx => {
            let exchange = answer.split_once(' ').map_or(answer.as_str(), |(_, x)| x);
            same_name(expected, exchange)
                || expected
                    .split_once(char::is_whitespace)
                    .is_some_and(|(pref, x)| {
                        answer
                            .split_once(' ')
                            .is_some_and(|(p, a)| p == pref.trim() && same_name(x.trim(), a))
                    })
        }
        RecordKind::Txt => answer == expected,
    })
}

/// Two host names are the same, ignoring case and a final dot.
fn same_name(a: &str, b: &str) -> bool {
    let a = a.strip_suffix('.').unwrap_or(a);
    let b = b.strip_suffix('.').unwrap_or(b);
    a.eq_ignore_ascii_case(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hickory_resolver::proto::rr::rdata::{A, AAAA, CNAME, MX, TXT};

    fn texts(answers: &[&str]) -> Vec<String> {
        answers.iter().map(|a| (*a).to_owned()).collect()
    }

    #[test]
    fn records_read_as_a_person_writes_them() {
        let name = |n: &str| Name::from_utf8(n).unwrap();
        assert_eq!(
            record_text(&RData::A(A::new(192, 0, 2, 1))).as_deref(),
            Some("192.0.2.1")
        );
        assert_eq!(
            record_text(&RData::AAAA(AAAA::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1))).as_deref(),
            Some("2001:db8::1")
        );
        assert_eq!(
            record_text(&RData::CNAME(CNAME(name("edge.example.net.")))).as_deref(),
            Some("edge.example.net")
        );
        assert_eq!(
            record_text(&RData::MX(MX::new(10, name("mx.example.test.")))).as_deref(),
            Some("10 mx.example.test")
        );
        let txt = TXT::new(vec!["v=spf1 ".into(), "-all".into()]);
        assert_eq!(
            record_text(&RData::TXT(txt)).as_deref(),
            Some("v=spf1 -all")
        );
    }

    #[test]
    fn addresses_compare_as_addresses() {
        let answers = texts(&["2001:db8::1"]);
        assert!(expected_among(
            RecordKind::Aaaa,
            "2001:0db8:0:0::1",
            &answers
        ));
        assert!(!expected_among(RecordKind::Aaaa, "2001:db8::2", &answers));
        assert!(!expected_among(
            RecordKind::A,
            "not an address",
            &texts(&["192.0.2.1"])
        ));
    }

    #[test]
    fn names_compare_without_case_or_final_dot() {
        let answers = texts(&["edge.example.net"]);
        assert!(expected_among(
            RecordKind::Cname,
            "Edge.Example.NET.",
            &answers
        ));
        assert!(!expected_among(RecordKind::Cname, "example.net", &answers));
    }

    #[test]
    fn an_mx_matches_by_exchange_or_with_its_preference() {
        let answers = texts(&["10 mx1.example.test", "20 mx2.example.test"]);
        assert!(expected_among(
            RecordKind::Mx,
            "mx2.example.test.",
            &answers
        ));
        assert!(expected_among(
            RecordKind::Mx,
            "10 mx1.example.test",
            &answers
        ));
        assert!(!expected_among(
            RecordKind::Mx,
            "20 mx1.example.test",
            &answers
        ));
    }

    #[test]
    fn a_txt_record_matches_by_its_whole_text() {
        let answers = texts(&["v=spf1 -all"]);
        assert!(expected_among(RecordKind::Txt, " v=spf1 -all ", &answers));
        assert!(!expected_among(RecordKind::Txt, "v=spf1", &answers));
    }
}
