//! Microsoft Teams: a Workflows webhook ("Post to a channel when a webhook request is
//! received"), sent a message with one Adaptive Card.

use super::http::Target;
use super::{Channel, Delivery, Outgoing};
use crate::notify::markup::{Dialect, convert};
use crate::notify::notice::{Notice, Tone};
use serde_json::{Value, json};

/// Longest update text on a card; Teams refuses cards over about 28 KB.
pub const TEXT_LIMIT: usize = 5000;

/// A Teams workflow webhook.
#[derive(Debug)]
pub struct Teams(pub Target);

impl Channel for Teams {
    fn name(&self) -> &str {
        &self.0.name
    }

    fn deliveries(&self, event: &Outgoing<'_>) -> Vec<Box<dyn Delivery>> {
        vec![Box::new(self.0.post_json(&payload(event.notice)))]
    }
}

/// The Adaptive Card colour of a tone's title.
fn colour(tone: Tone) -> &'static str {
    match tone {
        Tone::Resolved => "Good",
        Tone::None => "Default",
        Tone::Minor => "Warning",
        Tone::Major | Tone::Critical => "Attention",
        Tone::Maintenance => "Accent",
    }
}

/// The message of `notice`: an Adaptive Card 1.4 with the site, the title, the facts, the
/// update's text and a button to the post, in the notice's words.
pub fn payload(n: &Notice) -> Value {
    let w = &n.words;
    let mut facts = vec![fact(w.status, &n.status)];
    if !n.impact.is_empty() {
        facts.push(fact(w.impact, &n.impact));
    }
    if !n.components.is_empty() {
        facts.push(fact(w.components, &w.list(&n.components)));
    }
    match &n.window_text {
        Some(window) => facts.push(fact(w.window, window)),
        None => facts.push(fact(w.posted, &n.at_text)),
    }
    let mut body = vec![
        json!({"type": "TextBlock", "text": n.site_title, "size": "Small", "isSubtle": true, "wrap": true}),
        json!({"type": "TextBlock", "text": n.title, "size": "Large", "weight": "Bolder", "color": colour(n.tone), "wrap": true}),
        json!({"type": "FactSet", "facts": facts}),
    ];
    let text = convert(
        &n.body_markdown,
        Dialect::Teams,
        TEXT_LIMIT,
        (&n.url, w.read_more),
    );
    if !text.is_empty() {
        body.push(json!({"type": "TextBlock", "text": text, "wrap": true}));
    }
    json!({
        "type": "message",
        "attachments": [{
            "contentType": "application/vnd.microsoft.card.adaptive",
            "contentUrl": null,
            "content": {
                "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                "type": "AdaptiveCard",
                "version": "1.4",
                "body": body,
                "actions": [{
                    "type": "Action.OpenUrl",
                    "title": w.view_on(&n.site_title),
                    "url": n.url,
                }],
            },
        }],
    })
}

fn fact(title: &str, value: &str) -> Value {
    json!({"title": title, "value": value})
}
