//! Discord: a channel webhook with one embed, coloured by how bad the event is.

use super::http::Target;
use super::{Channel, Delivery, Outgoing};
use crate::notify::markup::{Dialect, clip, convert};
use crate::notify::notice::{Notice, Tone};
use serde_json::{Value, json};

/// Longest embed description.
pub const DESCRIPTION_LIMIT: usize = 4096;
/// Longest embed title.
const TITLE_LIMIT: usize = 256;
/// Longest field value.
const FIELD_LIMIT: usize = 1024;

/// A Discord channel webhook.
#[derive(Debug)]
pub struct Discord(pub Target);

impl Channel for Discord {
    fn name(&self) -> &str {
        &self.0.name
    }

    fn deliveries(&self, event: &Outgoing<'_>) -> Vec<Box<dyn Delivery>> {
        vec![Box::new(self.0.post_json(&payload(event.notice)))]
    }
}

/// The embed colour of a tone.
pub fn colour(tone: Tone) -> u32 {
    match tone {
        Tone::Resolved => 0x2e7d32,
        Tone::None => 0x607d8b,
        Tone::Minor => 0xf9a825,
        Tone::Major => 0xef6c00,
        Tone::Critical => 0xc62828,
        Tone::Maintenance => 0x1565c0,
    }
}

/// The message of `notice`: one embed titled and linked to the post, the update's Markdown as
/// its description, the facts as fields, in the notice's words. Mentions in the text never ping
/// anyone.
pub fn payload(n: &Notice) -> Value {
    let w = &n.words;
    let mut fields = vec![field(w.status, &n.status, true)];
    if !n.impact.is_empty() {
        fields.push(field(w.impact, &n.impact, true));
    }
    if !n.components.is_empty() {
        fields.push(field(w.components, &w.list(&n.components), false));
    }
    if let Some(window) = &n.window_text {
        fields.push(field(w.window, window, false));
    }
    let mut embed = json!({
        "title": clip(&n.title, TITLE_LIMIT),
        "url": n.url,
        "color": colour(n.tone),
        "fields": fields,
        "timestamp": n.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "footer": {"text": clip(&n.site_title, 2048)},
    });
    let description = convert(
        &n.body_markdown,
        Dialect::Discord,
        DESCRIPTION_LIMIT,
        (&n.url, w.read_more),
    );
    if !description.is_empty() {
        embed["description"] = Value::String(description);
    }
    json!({
        "allowed_mentions": {"parse": []},
        "embeds": [embed],
    })
}

fn field(name: &str, value: &str, inline: bool) -> Value {
    json!({"name": name, "value": clip(value, FIELD_LIMIT), "inline": inline})
}
