//! An authoritative DNS responder on 127.0.0.1 over UDP, written from RFC 1035 with raw bytes
//! (independent of the resolver under test): it answers from a small zone, says NXDOMAIN for a
//! name it does not hold, or keeps silent.

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, UdpSocket};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// One record's data.
#[derive(Debug, Clone)]
pub enum Data {
    A(Ipv4Addr),
    Aaaa(Ipv6Addr),
    Cname(&'static str),
    Mx(u16, &'static str),
    Txt(&'static str),
}

impl Data {
    fn type_code(&self) -> u16 {
        match self {
            Data::A(_) => 1,
            Data::Cname(_) => 5,
            Data::Mx(..) => 15,
            Data::Txt(_) => 16,
            Data::Aaaa(_) => 28,
        }
    }

    fn rdata(&self) -> Vec<u8> {
        match self {
            Data::A(ip) => ip.octets().to_vec(),
            Data::Aaaa(ip) => ip.octets().to_vec(),
            Data::Cname(name) => encode_name(name),
            Data::Mx(preference, exchange) => {
                let mut out = preference.to_be_bytes().to_vec();
                out.extend(encode_name(exchange));
                out
            }
            Data::Txt(text) => text
                .as_bytes()
                .chunks(255)
                .flat_map(|chunk| {
                    let mut s = vec![chunk.len() as u8];
                    s.extend_from_slice(chunk);
                    s
                })
                .collect(),
        }
    }
}

/// A running responder: its address and the questions it got (name, type code).
pub struct Responder {
    pub addr: SocketAddr,
    questions: Arc<Mutex<Vec<(String, u16)>>>,
}

impl Responder {
    /// Answers from `zone` (name, data): the records of the asked type, following one CNAME
    /// within the zone as a recursive server does; NOERROR with no answer for a name it holds
    /// without that type; NXDOMAIN for any other name.
    pub fn start(zone: Vec<(&'static str, Data)>) -> Responder {
        Responder::spawn(Some(zone))
    }

    /// Reads every question and never answers.
    pub fn silent() -> Responder {
        Responder::spawn(None)
    }

    fn spawn(zone: Option<Vec<(&'static str, Data)>>) -> Responder {
        let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
        socket
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let addr = socket.local_addr().unwrap();
        let questions = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&questions);
        thread::spawn(move || {
            let mut buf = [0u8; 1500];
            // Bounded in count and time: no test asks more than a few questions.
            for _ in 0..64 {
                let Ok((n, from)) = socket.recv_from(&mut buf) else {
                    return;
                };
                let Some((name, qtype, question_end)) = question(&buf[..n]) else {
                    continue;
                };
                seen.lock().unwrap().push((name.clone(), qtype));
                if let Some(zone) = &zone {
                    let reply = answer(&buf[..n], question_end, &name, qtype, zone);
                    let _ = socket.send_to(&reply, from);
                }
            }
        });
        Responder { addr, questions }
    }

    /// The questions so far.
    pub fn questions(&self) -> Vec<(String, u16)> {
        self.questions.lock().unwrap().clone()
    }
}

/// The first question of a query: lower-case name with its final dot, type, and where the
/// question ends.
fn question(query: &[u8]) -> Option<(String, u16, usize)> {
    let mut at = 12;
    let mut labels: Vec<String> = Vec::new();
    loop {
        let len = usize::from(*query.get(at)?);
        at += 1;
        if len == 0 {
            break;
        }
        labels.push(String::from_utf8_lossy(query.get(at..at + len)?).to_ascii_lowercase());
        at += len;
    }
    let qtype = u16::from_be_bytes([*query.get(at)?, *query.get(at + 1)?]);
    Some((format!("{}.", labels.join(".")), qtype, at + 4))
}

/// The reply to `query`.
fn answer(
    query: &[u8],
    question_end: usize,
    name: &str,
    qtype: u16,
    zone: &[(&'static str, Data)],
) -> Vec<u8> {
    let holds = |n: &str| zone.iter().any(|(z, _)| same(z, n));
    let mut records: Vec<(String, &Data)> = Vec::new();
    let mut owner = name.to_owned();
    for (z, data) in zone {
        if same(z, &owner) && data.type_code() == 5 && qtype != 5 {
            records.push((owner.clone(), data));
            if let Data::Cname(target) = data {
                owner = format!("{}.", target.trim_end_matches('.'));
            }
        }
    }
    for (z, data) in zone {
        if same(z, &owner) && data.type_code() == qtype {
            records.push((owner.clone(), data));
        }
    }
    let rcode: u16 = if holds(name) { 0 } else { 3 };
    let rd = u16::from_be_bytes([query[2], query[3]]) & 0x0100;
    let flags: u16 = 0x8000 | 0x0400 | rd | 0x0080 | rcode;
    let mut out = Vec::new();
    out.extend_from_slice(&query[0..2]);
    out.extend_from_slice(&flags.to_be_bytes());
    out.extend_from_slice(&1u16.to_be_bytes());
    out.extend_from_slice(&(records.len() as u16).to_be_bytes());
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(&query[12..question_end]);
    for (owner, data) in records {
        out.extend(encode_name(&owner));
        out.extend_from_slice(&data.type_code().to_be_bytes());
        out.extend_from_slice(&1u16.to_be_bytes());
        out.extend_from_slice(&60u32.to_be_bytes());
        let rdata = data.rdata();
        out.extend_from_slice(&(rdata.len() as u16).to_be_bytes());
        out.extend(rdata);
    }
    out
}

/// A name in wire format, uncompressed.
fn encode_name(name: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for label in name.trim_end_matches('.').split('.') {
        out.push(label.len() as u8);
        out.extend_from_slice(label.as_bytes());
    }
    out.push(0);
    out
}

fn same(a: &str, b: &str) -> bool {
    a.trim_end_matches('.')
        .eq_ignore_ascii_case(b.trim_end_matches('.'))
}
