//! A small SMTP server on 127.0.0.1 (RFC 5321: EHLO, STARTTLS, AUTH PLAIN, MAIL, RCPT, DATA,
//! QUIT) that records each session, and can refuse or drop any command.

use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// The commands a reply can be scripted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Mail,
    Rcpt,
    Data,
}

/// What the server does at a command instead of accepting it.
#[derive(Debug, Clone)]
pub enum Fault {
    /// Answers with this reply line, e.g. `550 5.1.1 No such mailbox`.
    Reply(Command, String),
    /// Closes the connection without a word.
    Close(Command),
}

/// One SMTP session as the server saw it.
#[derive(Debug, Clone, Default)]
pub struct Session {
    /// Every command line, in order (`AUTH` lines with their secret).
    pub commands: Vec<String>,
    /// Whether STARTTLS was completed before the message.
    pub tls: bool,
    /// The argument of `AUTH PLAIN`, base64.
    pub auth_plain: Option<String>,
    /// The reverse path of `MAIL FROM`.
    pub mail_from: String,
    /// The forward paths of `RCPT TO`.
    pub rcpt_to: Vec<String>,
    /// The message after DATA, dot-unstuffed, CRLF line ends; empty if none came.
    pub data: String,
}

/// A running server: its port and the sessions so far.
pub struct Server {
    pub port: u16,
    sessions: Arc<Mutex<Vec<Session>>>,
}

impl Server {
    /// Accepts everything.
    pub fn start() -> Server {
        Server::with(Vec::new(), None)
    }

    /// Speaks TLS from the first byte (`smtps://`, RFC 8314).
    pub fn implicit_tls(tls: Arc<rustls::ServerConfig>) -> Server {
        Server::spawn(Vec::new(), Some(tls), true)
    }

    /// Applies the faults, each to the first session only (a later session is accepted), and
    /// offers STARTTLS with `tls` when given.
    pub fn with(faults: Vec<Fault>, tls: Option<Arc<rustls::ServerConfig>>) -> Server {
        Server::spawn(faults, tls, false)
    }

    fn spawn(faults: Vec<Fault>, tls: Option<Arc<rustls::ServerConfig>>, implicit: bool) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let sessions = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&sessions);
        thread::spawn(move || {
            // Bounded: no test opens more than a handful of sessions.
            for (n, stream) in listener.incoming().take(16).enumerate() {
                let Ok(stream) = stream else { continue };
                let faults = if n == 0 { faults.clone() } else { Vec::new() };
                let mut session = Session::default();
                let _ = serve(stream, &faults, tls.clone(), implicit, &mut session);
                recorded.lock().unwrap().push(session);
            }
        });
        Server { port, sessions }
    }

    /// The sessions that have ended, waiting up to two seconds for `n` of them.
    pub fn sessions(&self, n: usize) -> Vec<Session> {
        for _ in 0..200 {
            if self.sessions.lock().unwrap().len() >= n {
                break;
            }
            thread::sleep(Duration::from_millis(10));
        }
        self.sessions.lock().unwrap().clone()
    }
}

enum Stream {
    Plain(TcpStream),
    Tls(Box<rustls::StreamOwned<rustls::ServerConnection, TcpStream>>),
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(s) => s.read(buf),
            Stream::Tls(s) => s.read(buf),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(s) => s.write(buf),
            Stream::Tls(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Stream::Plain(s) => s.flush(),
            Stream::Tls(s) => s.flush(),
        }
    }
}

/// The server side of a TLS session on a plain stream.
fn start_tls(stream: Stream, config: &Arc<rustls::ServerConfig>) -> io::Result<Stream> {
    let Stream::Plain(tcp) = stream else {
        return Err(io::Error::other("TLS is already on"));
    };
    let conn = rustls::ServerConnection::new(Arc::clone(config)).map_err(io::Error::other)?;
    Ok(Stream::Tls(Box::new(rustls::StreamOwned::new(conn, tcp))))
}

/// One line without its CRLF; `None` at the end of the stream.
fn read_line(stream: &mut Stream) -> io::Result<Option<String>> {
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    loop {
        if stream.read(&mut byte)? == 0 {
            return Ok(if line.is_empty() {
                None
            } else {
                Some(String::from_utf8_lossy(&line).into_owned())
            });
        }
        if byte[0] == b'\n' {
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            return Ok(Some(String::from_utf8_lossy(&line).into_owned()));
        }
        line.push(byte[0]);
    }
}

fn reply(stream: &mut Stream, text: &str) -> io::Result<()> {
    stream.write_all(format!("{text}\r\n").as_bytes())?;
    stream.flush()
}

/// The scripted answer at `command`: `Ok(None)` to go on normally, `Err` to hang up.
fn fault(faults: &[Fault], command: Command) -> Result<Option<String>, ()> {
    for f in faults {
        match f {
            Fault::Reply(c, text) if *c == command => return Ok(Some(text.clone())),
            Fault::Close(c) if *c == command => return Err(()),
            _ => {}
        }
    }
    Ok(None)
}

fn serve(
    tcp: TcpStream,
    faults: &[Fault],
    tls: Option<Arc<rustls::ServerConfig>>,
    implicit: bool,
    session: &mut Session,
) -> io::Result<()> {
    tcp.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut stream = Stream::Plain(tcp);
    if implicit {
        stream = start_tls(stream, tls.as_ref().unwrap())?;
        session.tls = true;
    }
    reply(&mut stream, "220 mx.test ESMTP ready")?;
    while let Some(line) = read_line(&mut stream)? {
        session.commands.push(line.clone());
        let upper = line.to_ascii_uppercase();
        let scripted = |c| fault(faults, c);
        if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            let mut lines = vec!["250-mx.test".to_owned(), "250-8BITMIME".to_owned()];
            if tls.is_some() && !session.tls {
                lines.push("250-STARTTLS".to_owned());
            }
            lines.push("250-AUTH PLAIN".to_owned());
            lines.push("250 SIZE 10000000".to_owned());
            reply(&mut stream, &lines.join("\r\n"))?;
        } else if upper == "STARTTLS" && tls.is_some() && !session.tls {
            reply(&mut stream, "220 2.0.0 Ready to start TLS")?;
            stream = start_tls(stream, tls.as_ref().unwrap())?;
            session.tls = true;
        } else if upper.starts_with("AUTH PLAIN ") {
            session.auth_plain = Some(line["AUTH PLAIN ".len()..].to_owned());
            reply(&mut stream, "235 2.7.0 Authentication successful")?;
        } else if upper.starts_with("MAIL FROM:") {
            match scripted(Command::Mail) {
                Err(()) => return Ok(()),
                Ok(Some(text)) => reply(&mut stream, &text)?,
                Ok(None) => {
                    session.mail_from = path(&line);
                    reply(&mut stream, "250 2.1.0 OK")?;
                }
            }
        } else if upper.starts_with("RCPT TO:") {
            match scripted(Command::Rcpt) {
                Err(()) => return Ok(()),
                Ok(Some(text)) => reply(&mut stream, &text)?,
                Ok(None) => {
                    session.rcpt_to.push(path(&line));
                    reply(&mut stream, "250 2.1.5 OK")?;
                }
            }
        } else if upper == "DATA" {
            match scripted(Command::Data) {
                Err(()) => return Ok(()),
                Ok(Some(text)) => reply(&mut stream, &text)?,
                Ok(None) => {
                    reply(&mut stream, "354 End data with <CR><LF>.<CR><LF>")?;
                    let mut data = Vec::new();
                    while let Some(line) = read_line(&mut stream)? {
                        if line == "." {
                            break;
                        }
                        data.push(line.strip_prefix('.').map_or(line.clone(), str::to_owned));
                    }
                    session.data = data.join("\r\n") + "\r\n";
                    reply(&mut stream, "250 2.0.0 Queued")?;
                }
            }
        } else if upper == "QUIT" {
            reply(&mut stream, "221 2.0.0 Bye")?;
            return Ok(());
        } else if upper == "RSET" || upper == "NOOP" {
            reply(&mut stream, "250 2.0.0 OK")?;
        } else {
            reply(&mut stream, "502 5.5.2 Command not recognized")?;
        }
    }
    Ok(())
}

/// The address between `<` and `>` of a MAIL or RCPT command.
fn path(line: &str) -> String {
    let start = line.find('<').map_or(0, |i| i + 1);
    let end = line.rfind('>').unwrap_or(line.len());
    line[start..end].to_owned()
}

/// A TLS configuration for `127.0.0.1` with a certificate made now, and that certificate in PEM
/// for the client to trust.
pub fn self_signed_tls() -> (Arc<rustls::ServerConfig>, String) {
    let rcgen::CertifiedKey { cert, signing_key } =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(signing_key.serialize_der().into());
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert.der().clone()], key)
        .unwrap();
    (Arc::new(config), cert.pem())
}
