use super::*;

const URL: &str = "https://status.acme.test/incidents/a/";
const MORE: (&str, &str) = (URL, "Read more");

fn all(markdown: &str) -> [String; 3] {
    [Dialect::Slack, Dialect::Discord, Dialect::Teams].map(|d| convert(markdown, d, 3000, MORE))
}

#[test]
fn inline_formatting_and_links_in_each_dialect() {
    let md = "We **rolled back** the _faulty_ deploy, see [the log](https://ops.acme.test/log?a=1&b=2) and `kubectl get`.\n\n~~Old~~ news.";
    assert_eq!(
        all(md),
        [
            "We *rolled back* the _faulty_ deploy, see <https://ops.acme.test/log?a=1&b=2|the log> and `kubectl get`.\n\n~Old~ news.",
            "We **rolled back** the _faulty_ deploy, see [the log](https://ops.acme.test/log?a=1&b=2) and `kubectl get`.\n\n~~Old~~ news.",
            "We **rolled back** the _faulty_ deploy, see [the log](https://ops.acme.test/log?a=1&b=2) and kubectl get.\n\nOld news.",
        ]
    );
}

#[test]
fn text_that_reads_as_markup_is_escaped() {
    let [slack, discord, _] = all("Errors <5% & rising > 2x for `a<b>`, 2 \\* 3 = 6_000");
    assert_eq!(
        slack,
        "Errors &lt;5% &amp; rising &gt; 2x for `a&lt;b&gt;`, 2 * 3 = 6_000"
    );
    assert_eq!(
        discord,
        "Errors <5% & rising \\> 2x for `a<b>`, 2 \\* 3 = 6\\_000"
    );
}

#[test]
fn lists_headings_quotes_and_code_blocks() {
    let md =
        "### Impact\n\n- API\n- Web\n  1. login\n  2. search\n\n> quoted\n\n```\nerr <1>\n```\n";
    let [slack, discord, teams] = all(md);
    assert_eq!(
        slack,
        "*Impact*\n\n• API\n• Web\n   1. login\n   2. search\n\n> quoted\n\n```\nerr &lt;1&gt;\n```"
    );
    assert_eq!(
        discord,
        "**Impact**\n\n- API\n- Web\n   1. login\n   2. search\n\n> quoted\n\n```\nerr <1>\n```"
    );
    assert_eq!(
        teams,
        "**Impact**\n\n- API\n- Web\n   1. login\n   2. search\n\nquoted\n\nerr <1>"
    );
}

#[test]
fn raw_html_and_unsafe_links_leave_only_their_text() {
    let [slack, discord, _] = all(
        "See <b>this</b> and [that](javascript:alert(1)) or <https://acme.test/x>.\n\n<div>block</div>\n",
    );
    assert_eq!(slack, "See this and that or <https://acme.test/x>.");
    assert_eq!(
        discord,
        "See this and that or [https://acme.test/x](https://acme.test/x)."
    );
}

#[test]
fn a_long_text_is_cut_at_a_word_with_a_read_more_link() {
    let md = format!("**{}**", "word ".repeat(1000).trim_end());
    for (dialect, limit) in [(Dialect::Slack, 3000), (Dialect::Discord, 4096)] {
        let out = convert(&md, dialect, limit, MORE);
        assert!(out.chars().count() <= limit, "{}", out.len());
        assert!(out.chars().count() > limit - 60, "{}", out.len());
        let (text, link) = out.rsplit_once("… ").unwrap();
        assert!(
            text.ends_with(&format!("word{}", dialect.strong())),
            "{text}"
        );
        assert_eq!(link, dialect.link(URL, "Read more"));
    }
    assert!(
        convert(&md, Dialect::Slack, 3000, MORE)
            .ends_with("word*… <https://status.acme.test/incidents/a/|Read more>")
    );
}

#[test]
fn a_cut_never_splits_a_link() {
    let md = format!(
        "{} [a long link text](https://acme.test/{}) tail",
        "x".repeat(40),
        "p".repeat(30)
    );
    let out = convert(&md, Dialect::Slack, 120, MORE);
    assert_eq!(out, format!("{}… <{URL}|Read more>", "x".repeat(40)));
}

#[test]
fn the_link_after_a_cut_says_the_words_given_as_text_of_its_markup() {
    let md = "word ".repeat(100);
    let german = convert(&md, Dialect::Slack, 80, (URL, "Weiterlesen"));
    assert!(
        german.ends_with(&format!("word… <{URL}|Weiterlesen>")),
        "{german}"
    );
    // Words that would read as markup are escaped like any text.
    let odd = (URL, "Mehr [lesen] > *hier*");
    let discord = convert(&md, Dialect::Discord, 200, odd);
    assert!(
        discord.ends_with(&format!("word… [Mehr \\[lesen\\] \\> \\*hier\\*]({URL})")),
        "{discord}"
    );
    let slack = convert(&md, Dialect::Slack, 200, odd);
    assert!(
        slack.ends_with(&format!("word… <{URL}|Mehr [lesen] &gt; *hier*>")),
        "{slack}"
    );
}

#[test]
fn clip_cuts_plain_text_with_an_ellipsis() {
    assert_eq!(clip("Elevated errors", 150), "Elevated errors");
    assert_eq!(clip("Elevated errors", 9), "Elevated…");
    assert_eq!(clip("ééééé", 3), "éé…");
}
