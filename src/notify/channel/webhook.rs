//! The generic webhook: Statuspage's own webhook payloads, so that tools written for
//! Statuspage's webhooks work, signed with HMAC-SHA256 when a key is configured.

use super::http::{HttpPost, Target};
use super::{Channel, Delivery, Outgoing, Secret};

/// A webhook that receives Statuspage's payloads.
#[derive(Debug)]
pub struct Webhook {
    /// Where it posts.
    pub target: Target,
    /// The key its requests are signed with, if any.
    pub secret: Option<Secret>,
}

/// The header naming the event a request belongs to.
pub const EVENT_HEADER: &str = "X-Statuspress-Event";

impl Channel for Webhook {
    fn name(&self) -> &str {
        &self.target.name
    }

    /// The `incident` payload, then one `component_update` payload per changed component,
    /// each with the event's key in `X-Statuspress-Event`.
    fn deliveries(&self, event: &Outgoing<'_>) -> Vec<Box<dyn Delivery>> {
        event
            .statuspage
            .iter()
            .map(|payload| {
                let mut post: HttpPost = self.target.post(payload.clone());
                post.headers
                    .push((EVENT_HEADER.into(), event.notice.key.clone()));
                post.signature = self.secret.clone();
                Box::new(post) as Box<dyn Delivery>
            })
            .collect()
    }
}
