//! Plain words for the channels that carry text, not HTML: an email's text part and a Mastodon
//! post. Markdown stays readable as text (lists keep their markers, links become
//! "text (url)", code blocks are indented), and every channel words its headline the same way.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::notify::notice::{Notice, NoticeKind};
use crate::render::markdown::is_unsafe_url;

/// What happened, in a few words of the notice's language: the post's status for incidents
/// ("Identified"), the kind of change for maintenance ("Maintenance scheduled") and for
/// postmortems.
pub fn label(notice: &Notice) -> &str {
    let w = &notice.words;
    match notice.kind {
        NoticeKind::MaintenanceScheduled => w.maintenance_scheduled,
        NoticeKind::MaintenanceStarted => w.maintenance_started,
        NoticeKind::MaintenanceUpdated => w.maintenance_update,
        NoticeKind::MaintenanceCompleted => w.maintenance_completed,
        NoticeKind::Postmortem => w.postmortem,
        NoticeKind::IncidentOpened | NoticeKind::IncidentUpdated | NoticeKind::IncidentResolved => {
            &notice.status
        }
    }
}

/// The headline of a notice, joined as pages join a status and a title:
/// "Identified: Elevated error rates", "Maintenance scheduled: Database upgrade".
pub fn headline(notice: &Notice) -> String {
    notice.words.labelled(label(notice), &notice.title)
}

/// Markdown as readable plain text.
///
/// Paragraphs, headings and blocks are separated by blank lines; soft line breaks become spaces
/// (the reader's client wraps) and hard breaks stay; emphasis and code markers are dropped; list
/// items keep `-` or their number, nested items are indented by two spaces; block quotes start
/// with `> `, code blocks are indented by four spaces; a link reads "text (url)" unless its text
/// is its address; raw HTML is left out, and so are links that would run scripts.
pub fn markdown_to_plain(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut w = Writer::default();
    for event in Parser::new_ext(markdown, options) {
        w.event(event);
    }
    w.finish()
}

/// One list being written.
struct List {
    /// The next item's number, or `None` for bullets.
    next: Option<u64>,
    /// Its items hold paragraphs: a blank line between items, as in the source.
    loose: bool,
}

#[derive(Default)]
struct Writer {
    out: String,
    /// What every continued line starts with, one entry per open block quote or list item.
    prefixes: Vec<String>,
    /// The output is at the start of a line (the prefixes are not written yet).
    at_line_start: bool,
    /// A list item's marker was just written: its first paragraph follows on the same line.
    after_marker: bool,
    lists: Vec<List>,
    /// Open links: their address and where their text starts in `out`.
    links: Vec<(String, usize)>,
    /// Inside a table cell other than the row's first.
    cells_in_row: usize,
}

impl Writer {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Code(text) => self.text(&text),
            Event::SoftBreak => self.write(" "),
            Event::HardBreak => self.newline(),
            Event::Rule => {
                self.block_break();
                self.write("---");
                self.newline();
            }
            Event::TaskListMarker(done) => self.write(if done { "[x] " } else { "[ ] " }),
            Event::FootnoteReference(name) => self.write(&format!("[{name}]")),
            // Raw HTML and math are left out: the text part must not show markup.
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                if let Some(list) = self.lists.last_mut() {
                    list.loose = true;
                }
                self.block_break();
            }
            Tag::Heading { .. } => self.block_break(),
            Tag::BlockQuote(_) => {
                self.block_break();
                self.prefixes.push("> ".to_owned());
            }
            Tag::CodeBlock(_) => {
                self.block_break();
                self.prefixes.push("    ".to_owned());
            }
            Tag::List(first) => {
                if self.lists.is_empty() {
                    self.block_break();
                } else {
                    self.end_line();
                }
                self.lists.push(List {
                    next: first,
                    loose: false,
                });
            }
            Tag::Item => {
                if self.lists.last().is_some_and(|l| l.loose) {
                    self.block_break();
                } else {
                    self.end_line();
                }
                let marker = match self.lists.last_mut().and_then(|l| l.next.as_mut()) {
                    Some(n) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    None => "- ".to_owned(),
                };
                self.write(&marker);
                self.prefixes.push(" ".repeat(marker.chars().count()));
                self.after_marker = true;
            }
            Tag::FootnoteDefinition(name) => {
                self.block_break();
                self.write(&format!("[{name}]: "));
                self.after_marker = true;
            }
            Tag::Table(_) => self.block_break(),
            Tag::TableHead | Tag::TableRow => {
                self.end_line();
                self.cells_in_row = 0;
            }
            Tag::TableCell => {
                if self.cells_in_row > 0 {
                    self.write(" | ");
                }
                self.cells_in_row += 1;
            }
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                self.links.push((dest_url.into_string(), self.out.len()));
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableHead | TagEnd::TableRow => {
                self.end_line();
            }
            TagEnd::BlockQuote(_) | TagEnd::CodeBlock | TagEnd::Item => {
                self.end_line();
                self.prefixes.pop();
            }
            TagEnd::List(_) => {
                self.lists.pop();
            }
            TagEnd::Link | TagEnd::Image => {
                if let Some((url, start)) = self.links.pop() {
                    let text = self.out[start..].trim();
                    let shown = text == url
                        || url.strip_prefix("mailto:") == Some(text)
                        || is_unsafe_url(&url)
                        || url.is_empty();
                    if !shown {
                        self.write(&format!(" ({url})"));
                    }
                }
            }
            _ => {}
        }
    }

    /// Text, which in code blocks spans lines.
    fn text(&mut self, text: &str) {
        let mut lines = text.split('\n').peekable();
        while let Some(line) = lines.next() {
            if !line.is_empty() {
                self.write(line);
            }
            if lines.peek().is_some() {
                self.newline();
            }
        }
    }

    fn write(&mut self, text: &str) {
        if self.at_line_start {
            for prefix in &self.prefixes {
                self.out.push_str(prefix);
            }
            self.at_line_start = false;
        }
        self.after_marker = false;
        self.out.push_str(text);
    }

    fn newline(&mut self) {
        if self.at_line_start && !self.prefixes.is_empty() {
            // An empty line inside a quote still shows the quote.
            self.write("");
        }
        let trimmed = self.out.trim_end_matches(' ').len();
        self.out.truncate(trimmed);
        self.out.push('\n');
        self.at_line_start = true;
    }

    /// Ends the current line if something is on it.
    fn end_line(&mut self) {
        if !self.at_line_start && !self.out.is_empty() {
            self.newline();
        }
    }

    /// A blank line before a new block, except at the start and right after a list marker.
    fn block_break(&mut self) {
        if self.after_marker || self.out.is_empty() {
            return;
        }
        self.end_line();
        if !self.out.ends_with("\n\n") && !self.ends_with_empty_prefixed_line() {
            let prefixes: String = self.prefixes.concat();
            if prefixes.trim().is_empty() {
                self.out.push('\n');
            } else {
                self.out.push_str(prefixes.trim_end());
                self.out.push('\n');
            }
        }
    }

    /// Whether the last line holds only prefixes (a blank line inside a quote).
    fn ends_with_empty_prefixed_line(&self) -> bool {
        let body = self.out.strip_suffix('\n').unwrap_or(&self.out);
        let last = body.rsplit('\n').next().unwrap_or("");
        !last.is_empty() && last.trim_end() == self.prefixes.concat().trim_end()
    }

    fn finish(self) -> String {
        let mut text = String::with_capacity(self.out.len());
        let mut blank_run = 0;
        for line in self.out.lines() {
            let line = line.trim_end();
            blank_run = if line.is_empty() { blank_run + 1 } else { 0 };
            if blank_run < 2 {
                text.push_str(line);
                text.push('\n');
            }
        }
        text.trim_matches('\n').to_owned()
    }
}

#[cfg(test)]
mod tests;
