//! An update's Markdown in the markup of a chat: Slack's mrkdwn, Discord's Markdown or the
//! Markdown subset of Teams' Adaptive Cards, cut to the channel's length limit with a link to
//! the whole text.
//!
//! Raw HTML is left out (its text stays); links keep only http(s) and mailto targets. A cut
//! never splits a link or leaves a marker open: a link fits whole or is left out, and open
//! bold, italics or code are closed before the "Read more" link (in the site's language).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The markup a channel renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Slack's mrkdwn: `*bold*`, `_italics_`, `~strike~`, `<url|text>`, `&<>` escaped.
    Slack,
    /// Discord's Markdown: `**bold**`, `[text](url)`, Markdown characters escaped.
    Discord,
    /// The Markdown of Adaptive Card text blocks: bold, italics, lists and links only.
    Teams,
}

impl Dialect {
    fn strong(self) -> &'static str {
        match self {
            Dialect::Slack => "*",
            Dialect::Discord | Dialect::Teams => "**",
        }
    }

    fn strike(self) -> &'static str {
        match self {
            Dialect::Slack => "~",
            Dialect::Discord => "~~",
            Dialect::Teams => "",
        }
    }

    fn code(self) -> &'static str {
        match self {
            Dialect::Slack | Dialect::Discord => "`",
            Dialect::Teams => "",
        }
    }

    fn bullet(self) -> &'static str {
        match self {
            Dialect::Slack => "• ",
            Dialect::Discord | Dialect::Teams => "- ",
        }
    }

    /// Text with the characters this markup would read as markup escaped.
    fn escape(self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            match (self, c) {
                (Dialect::Slack, '&') => out.push_str("&amp;"),
                (Dialect::Slack, '<') => out.push_str("&lt;"),
                (Dialect::Slack, '>') => out.push_str("&gt;"),
                (Dialect::Discord, '\\' | '*' | '_' | '~' | '`' | '|' | '[' | ']' | '#' | '>') => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
        out
    }

    /// A link, or `None` when `text` cannot be written as one.
    fn link(self, url: &str, text: &str) -> String {
        // Characters that would end the link early are percent-encoded.
        let url: String = url
            .chars()
            .map(|c| match c {
                '|' => "%7C".to_string(),
                '<' => "%3C".to_string(),
                '>' => "%3E".to_string(),
                '(' => "%28".to_string(),
                ')' => "%29".to_string(),
                ' ' => "%20".to_string(),
                c => c.to_string(),
            })
            .collect();
        match self {
            Dialect::Slack if text.is_empty() => format!("<{url}>"),
            Dialect::Slack => format!("<{url}|{text}>"),
            _ if text.is_empty() => format!("[{url}]({url})"),
            _ => format!("[{text}]({url})"),
        }
    }

    /// What ends a cut text: an ellipsis and a link to the whole of it at `url`, whose text is
    /// `words` ("Read more").
    pub fn read_more(self, (url, words): (&str, &str)) -> String {
        format!("… {}", self.link(url, &self.escape(words)))
    }
}

/// `markdown` in `dialect`, at most `limit` characters; a longer text is cut at a word and
/// ends with a link to the whole text, `more`: its address and its words ("Read more").
pub fn convert(markdown: &str, dialect: Dialect, limit: usize, more: (&str, &str)) -> String {
    let suffix = dialect.read_more(more);
    // Room for the markers a cut closes.
    let reserve = suffix.chars().count() + 8;
    let mut w = Writer {
        dialect,
        out: String::new(),
        used: 0,
        budget: limit.saturating_sub(reserve),
        open: Vec::new(),
        lists: Vec::new(),
        quote: 0,
        pending: "",
        link: None,
        code_block: false,
        cut: false,
    };
    let options =
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS;
    for event in Parser::new_ext(markdown, options) {
        w.event(event);
        if w.cut {
            break;
        }
    }
    let mut out = w.out.trim_end().to_string();
    if !w.cut {
        return out;
    }
    for marker in w.open.iter().rev() {
        out.push_str(marker);
    }
    if out.is_empty() {
        let (url, words) = more;
        return dialect.link(url, &dialect.escape(words));
    }
    out.push_str(&suffix);
    out
}

/// `text` cut to at most `max` characters, ending with "…" when cut.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

struct Writer {
    dialect: Dialect,
    out: String,
    /// Characters in `out`.
    used: usize,
    /// Characters the text may use before the cut.
    budget: usize,
    /// Closing markers of the open inline formatting, innermost last.
    open: Vec<&'static str>,
    /// The open lists: the next number of an ordered one, `None` for bullets.
    lists: Vec<Option<u64>>,
    /// Block quote depth.
    quote: usize,
    /// The break to write before the next text.
    pending: &'static str,
    /// An open link: its target and its text so far.
    link: Option<(String, String)>,
    /// True inside a code block, whose text is not markup.
    code_block: bool,
    /// True once the budget ran out.
    cut: bool,
}

impl Writer {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) if self.code_block => {
                let literal = match self.dialect {
                    Dialect::Slack => Dialect::Slack.escape(&text),
                    _ => text.replace("```", "'''"),
                };
                self.text(&literal, true);
            }
            Event::Text(text) => {
                let escaped = self.dialect.escape(&text);
                self.text(&escaped, true);
            }
            Event::Code(code) => {
                let marker = self.dialect.code();
                let inner = match self.dialect {
                    Dialect::Slack => Dialect::Slack.escape(&code),
                    _ => code.replace('`', "'"),
                };
                self.text(&format!("{marker}{inner}{marker}"), false);
            }
            Event::SoftBreak => self.text(" ", false),
            Event::HardBreak => self.pending = "\n",
            Event::Rule => {
                self.block_break();
                self.text("———", false);
                self.block_break();
            }
            Event::TaskListMarker(done) => self.text(if done { "☑ " } else { "☐ " }, false),
            Event::FootnoteReference(name) => self.text(&format!("[{name}]"), false),
            // Raw HTML is left out; the text between its tags arrives as text.
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {}
            Tag::Heading { .. } => {
                self.block_break();
                self.open_marker(self.dialect.strong());
            }
            Tag::BlockQuote(_) => {
                self.block_break();
                self.quote += 1;
            }
            Tag::CodeBlock(_) => {
                self.block_break();
                self.code_block = true;
                if self.dialect != Dialect::Teams {
                    self.text("```\n", false);
                    self.open.push("\n```");
                }
            }
            Tag::List(start) => {
                if self.lists.is_empty() {
                    self.block_break();
                }
                self.lists.push(start);
            }
            Tag::Item => {
                // The first item of a list keeps the blank line before the list.
                if self.pending != "\n\n" {
                    self.pending = "\n";
                }
                let depth = self.lists.len().saturating_sub(1);
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => self.dialect.bullet().to_string(),
                };
                self.text(&format!("{}{marker}", "   ".repeat(depth)), false);
            }
            Tag::Emphasis => self.open_marker("_"),
            Tag::Strong => self.open_marker(self.dialect.strong()),
            Tag::Strikethrough => self.open_marker(self.dialect.strike()),
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                self.link = Some((dest_url.to_string(), String::new()));
            }
            Tag::TableCell | Tag::TableRow | Tag::TableHead | Tag::Table(_) => {}
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.block_break(),
            TagEnd::Heading(_) => {
                self.close_marker();
                self.block_break();
            }
            TagEnd::BlockQuote(_) => {
                self.quote = self.quote.saturating_sub(1);
                self.block_break();
            }
            TagEnd::CodeBlock => {
                self.code_block = false;
                if self.dialect != Dialect::Teams {
                    // The fence closes on its own line.
                    if self.out.ends_with('\n') {
                        self.out.pop();
                        self.used -= 1;
                    }
                    self.close_marker();
                }
                self.block_break();
            }
            TagEnd::List(_) => {
                self.lists.pop();
                self.block_break();
            }
            TagEnd::Item => {}
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => self.close_marker(),
            TagEnd::Link | TagEnd::Image => {
                if let Some((url, text)) = self.link.take() {
                    let safe = ["http://", "https://", "mailto:"]
                        .iter()
                        .any(|s| url.to_ascii_lowercase().starts_with(s));
                    if safe {
                        let text = if text == self.dialect.escape(&url) {
                            String::new()
                        } else {
                            text
                        };
                        let link = self.dialect.link(&url, &text);
                        self.text(&link, false);
                    } else {
                        self.text(&text, false);
                    }
                }
            }
            TagEnd::TableCell => self.text(" | ", false),
            TagEnd::TableHead | TagEnd::TableRow => {
                if self.out.ends_with(" | ") {
                    let keep = self.out.len() - 3;
                    self.out.truncate(keep);
                    self.used -= 3;
                }
                self.pending = "\n";
            }
            TagEnd::Table => self.block_break(),
            _ => {}
        }
    }

    fn block_break(&mut self) {
        if !self.out.is_empty() {
            self.pending = if self.lists.is_empty() { "\n\n" } else { "\n" };
        }
    }

    fn open_marker(&mut self, marker: &'static str) {
        if !marker.is_empty() {
            self.text(marker, false);
        }
        self.open.push(marker);
    }

    fn close_marker(&mut self) {
        if let Some(marker) = self.open.pop() {
            // An empty pair (`**` `**`) would read as text: drop the opening marker instead.
            if !marker.is_empty() && self.out.ends_with(marker) && marker != "\n```" {
                let keep = self.out.len() - marker.len();
                self.out.truncate(keep);
                self.used -= marker.chars().count();
            } else {
                self.out.push_str(marker);
                self.used += marker.chars().count();
            }
        }
    }

    /// Writes `text` (already escaped), after any pending break. `splittable` text may be cut at
    /// a word when it does not fit; anything else fits whole or not at all.
    fn text(&mut self, text: &str, splittable: bool) {
        if let Some((_, link_text)) = self.link.as_mut() {
            link_text.push_str(text);
            return;
        }
        let mut lead = String::new();
        if !self.out.is_empty() && !self.pending.is_empty() {
            lead.push_str(self.pending);
        }
        self.pending = "";
        if self.quote > 0
            && self.dialect != Dialect::Teams
            && (self.out.is_empty() || lead.ends_with('\n'))
        {
            lead.push_str(&"> ".repeat(self.quote));
        }
        let needed = lead.chars().count() + text.chars().count();
        if self.used + needed <= self.budget {
            self.out.push_str(&lead);
            self.out.push_str(text);
            self.used += needed;
            return;
        }
        self.cut = true;
        if !splittable {
            return;
        }
        let room = self.budget.saturating_sub(self.used + lead.chars().count());
        let fits: String = text.chars().take(room).collect();
        // Cut at the last space, never inside a word or an escape.
        let at = fits.rfind(' ').unwrap_or(0);
        let part = fits[..at].trim_end();
        if !part.is_empty() {
            self.out.push_str(&lead);
            self.out.push_str(part);
            self.used += lead.chars().count() + part.chars().count();
        }
    }
}

#[cfg(test)]
mod tests;
