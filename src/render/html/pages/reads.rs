//! What the pages whose contexts are costly to build read, named for `serve`'s memo (see
//! `render::memo`): the page of an incident or a maintenance file, and a month of history.
//! Every other page is kept by its whole context. Each key below must name everything its arm
//! of `page_context` reads besides the globals.

use super::Page;
use super::data::{Data, MonthView};
use crate::model::{Site, urls};
use crate::render::memo::{EditionRound, Key, PostId, Reads};
use crate::render::views::Views;

/// The file of `page` and the key of what it reads, for a page that names it while `part`
/// keeps files; `None` for the others.
pub(super) fn declared(
    page: Page,
    site: &Site,
    views: &Views,
    data: &Data<'_>,
    part: &EditionRound<'_>,
) -> Option<(String, Key)> {
    let round = part.round()?;
    match page {
        // The site view, the incident's view, and the incident itself (its updates and
        // postmortem): its view and model are compared as the post's.
        Page::Incident(i) => {
            let post = &views.incidents[i];
            let reads = Reads {
                posts: vec![round.incident(i)],
                site_view: true,
                ..Reads::default()
            };
            Some((urls::page_file(&post.url), Key::Reads(reads)))
        }
        // The site view, the maintenance file (its updates) and its windows (their statuses and
        // views), in order.
        Page::Maintenance(f) => {
            let id = &site.maintenance[f].id;
            let windows = data.file_windows[f].iter().map(|&w| round.window(w));
            let reads = Reads {
                posts: std::iter::once(PostId::File(id.clone()))
                    .chain(windows)
                    .collect(),
                site_view: true,
                ..Reads::default()
            };
            Some((urls::page_file(&urls::maintenance(id)), Key::Reads(reads)))
        }
        // The site view, the month and the views of its posts, and the labels and links of
        // the months before and after it.
        Page::Month(k) => {
            let month = &data.months[k];
            let neighbour =
                |m: Option<&MonthView<'_>>| format!("{:?}", m.map(|m| (&m.label, &m.url)));
            let newer = k.checked_sub(1).map(|j| &data.months[j]);
            let reads = Reads {
                posts: month.posts.iter().map(|p| PostId::of_view(p)).collect(),
                words: vec![
                    month.key.clone(),
                    month.label.clone(),
                    month.url.clone(),
                    neighbour(newer),
                    neighbour(data.months.get(k + 1)),
                ],
                site_view: true,
            };
            Some((urls::page_file(&month.url), Key::Reads(reads)))
        }
        _ => None,
    }
}
