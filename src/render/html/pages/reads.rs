//! What the pages whose contexts are costly to build read, named for `serve`'s memo (see
//! `render::memo`): the page of an incident or a maintenance file, and a month of history.
//! Every other page is kept by its whole context. Each key below must name everything its
//! page's context holds besides the globals (`lines.rs` and `page.rs` build them).

use super::data::{Data, MonthView};
use super::lines::PostKey;
use crate::model::{Site, urls};
use crate::render::memo::{EditionRound, Key, PostId, Reads};

/// The name of `post` in a rendering that keeps files.
pub(super) fn post_id(part: &EditionRound<'_>, post: PostKey) -> Option<PostId> {
    let round = part.round()?;
    Some(match post {
        PostKey::Incident(i) => round.incident(i),
        PostKey::Window(w) => round.window(w),
    })
}

/// The file of the page of incident `i` of `site` and the key of what it reads, while `part`
/// keeps files: the site view, the incident's view, and the incident itself (its updates and
/// postmortem); its view and model are compared as the post's.
pub(super) fn incident(part: &EditionRound<'_>, site: &Site, i: usize) -> Option<(String, Key)> {
    let round = part.round()?;
    let reads = Reads {
        posts: vec![round.incident(i)],
        site_view: true,
        ..Reads::default()
    };
    let url = urls::incident(&site.incidents[i].id);
    Some((urls::page_file(&url), Key::Reads(reads)))
}

/// The file of the page of maintenance file `f` and the key of what it reads, while `part`
/// keeps files: the site view, the file (its updates and recurrence) and its windows (their
/// statuses and views), in order.
pub(super) fn maintenance(
    part: &EditionRound<'_>,
    site: &Site,
    data: &Data,
    f: usize,
) -> Option<(String, Key)> {
    let round = part.round()?;
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

/// The file of month `k` of the history and the key of what its page reads, while `part`
/// keeps files: the site view; the month's label and link and those of the months before and
/// after it; its days, each with its date and label; the posts that started on each day (their
/// entries) and those still under way on it from an earlier day, which may have started in an
/// earlier month (their views). The posts are named in the order of the days, those that
/// started first, and each day's counts of both pin which day shows which.
pub(super) fn month(part: &EditionRound<'_>, data: &Data, k: usize) -> Option<(String, Key)> {
    part.round()?;
    let month = &data.months[k];
    let id = |key| post_id(part, key).expect("the part keeps files");
    let started = month.days.iter().flat_map(|d| &d.posts);
    let continued = month.days.iter().flat_map(|d| &d.continued);
    let posts = started.chain(continued).map(|&p| id(p)).collect();
    let neighbour = |m: Option<&MonthView>| format!("{:?}", m.map(|m| (&m.label, &m.url)));
    let newer = k.checked_sub(1).map(|j| &data.months[j]);
    let mut words = vec![
        month.key.clone(),
        month.label.clone(),
        month.url.clone(),
        month.count.to_string(),
        neighbour(newer),
        neighbour(data.months.get(k + 1)),
    ];
    words.extend(month.days.iter().map(|d| {
        format!(
            "{}\t{}\t{}\t{}",
            d.date,
            d.label,
            d.posts.len(),
            d.continued.len()
        )
    }));
    let reads = Reads {
        posts,
        words,
        site_view: true,
    };
    Some((urls::page_file(&month.url), Key::Reads(reads)))
}
