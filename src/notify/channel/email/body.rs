//! The two parts of a notice's email: plain text, and HTML with inline styles (mail clients drop
//! style sheets and scripts, and no image is loaded from anywhere), both in the notice's words;
//! the HTML names its language and is laid out right to left for a language written so.

use crate::notify::channel::plain::{label, markdown_to_plain};
use crate::notify::notice::{Notice, Tone};
use crate::render::{escape, markdown};

/// The facts above the update's text: (name, value) in reading order, empty values left out.
fn facts(notice: &Notice) -> Vec<(&'static str, String)> {
    let w = &notice.words;
    let mut facts = Vec::new();
    if !notice.components.is_empty() {
        facts.push((w.affects, w.list(&notice.components)));
    }
    if let Some(window) = &notice.window_text {
        facts.push((w.window, window.clone()));
    }
    facts.push((w.posted, notice.at_text.clone()));
    facts
}

/// The status line: "Identified · Major impact".
fn status_line(notice: &Notice) -> String {
    if notice.impact.is_empty() {
        label(notice).to_owned()
    } else {
        format!("{} · {}", label(notice), notice.impact)
    }
}

/// What the link to the post says.
fn link_text(notice: &Notice) -> &'static str {
    if notice.kind.is_maintenance() {
        notice.words.view_maintenance
    } else {
        notice.words.view_incident
    }
}

/// The text part: title, status, facts, the update as plain text, the link to the post, and the
/// site as signature.
pub fn text_part(notice: &Notice) -> String {
    let mut text = format!("{}\n{}\n\n", notice.title, status_line(notice));
    let w = &notice.words;
    for (name, value) in facts(notice) {
        text.push_str(&w.labelled(name, &value));
        text.push('\n');
    }
    let body = markdown_to_plain(&notice.body_markdown);
    if !body.is_empty() {
        text.push('\n');
        text.push_str(&body);
        text.push('\n');
    }
    text.push_str(&format!(
        "\n{}\n\n-- \n{}\n{}\n",
        w.labelled(link_text(notice), &notice.url),
        notice.site_title,
        notice.site_url
    ));
    text
}

/// The colours of the status line, from the site's own palette: (text and border, background).
fn colours(tone: Tone) -> (&'static str, &'static str) {
    match tone {
        Tone::Resolved => ("#1a7f37", "#dafbe1"),
        Tone::None => ("#59636e", "#f6f8fa"),
        Tone::Minor => ("#9a6700", "#fff8c5"),
        Tone::Major => ("#bc4c00", "#fff1e5"),
        Tone::Critical => ("#cf222e", "#ffebe9"),
        Tone::Maintenance => ("#0550ae", "#ddf4ff"),
    }
}

/// The HTML part: the same content as [`text_part`], the update rendered from Markdown as on
/// the site (sanitized), in one centred column with inline styles. The labels sit at the start
/// of their lines and the status line's bar at its start edge: on the right in a language written
/// right to left.
pub fn html_part(notice: &Notice) -> String {
    let e = escape::html;
    let (colour, background) = colours(notice.tone);
    let font = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif";
    let w = &notice.words;
    // Mail clients do not all know `start` and `inline-start`: the sides are named.
    let (start, label_padding, dir) = if w.right_to_left {
        ("right", "2px 0 2px 12px", " dir=\"rtl\"")
    } else {
        ("left", "2px 12px 2px 0", "")
    };
    let mut rows = String::new();
    for (name, value) in facts(notice) {
        rows.push_str(&format!(
            "<tr><th style=\"text-align:{start};padding:{label_padding};color:#59636e;font-weight:normal\">{}</th><td style=\"padding:2px 0\">{}</td></tr>\n",
            e(name),
            e(&value)
        ));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"{dir}>\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width\">\n<title>{title}</title>\n</head>\n\
         <body style=\"margin:0;padding:0;background:#f6f8fa\">\n\
         <div style=\"max-width:600px;margin:0 auto;padding:24px;background:#ffffff;color:#1f2328;{font};font-size:15px;line-height:1.5\">\n\
         <p style=\"margin:0 0 8px;color:#59636e;font-size:13px\">{site}</p>\n\
         <h1 style=\"margin:0 0 12px;font-size:20px;line-height:1.3\">{title}</h1>\n\
         <p style=\"margin:0 0 16px;padding:8px 12px;border-{start}:4px solid {colour};background:{background};color:{colour};font-weight:600\">{status}</p>\n\
         <table role=\"presentation\" style=\"border-collapse:collapse;margin:0 0 16px;font-size:14px\">\n{rows}</table>\n\
         <div>\n{body}</div>\n\
         <p style=\"margin:24px 0\"><a href=\"{url}\" style=\"color:#0550ae\">{link}</a></p>\n\
         <p style=\"margin:24px 0 0;padding-top:12px;border-top:1px solid #d1d9e0;color:#59636e;font-size:13px\">\
         <a href=\"{site_url}\" style=\"color:#59636e\">{site}</a></p>\n\
         </div>\n</body>\n</html>\n",
        title = e(&notice.title),
        site = e(&notice.site_title),
        status = e(&status_line(notice)),
        body = markdown::to_html(&notice.body_markdown),
        url = e(&notice.url),
        link = e(link_text(notice)),
        site_url = e(&notice.site_url),
        lang = e(w.language),
    )
}
