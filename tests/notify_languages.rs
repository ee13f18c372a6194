//! `statuspress notify` on sites in other languages than English, against real receivers on
//! loopback: every channel's message is written in the site's default language (the table of
//! its root pages, with the site's own `i18n/` texts), and the webhook's payloads say what the
//! site's API says, word for word.

mod common;
mod notify_mail_support;
mod notify_support;

use common::{NOW, TempSite, stderr};
use notify_mail_support::http::Receiver as Mastodon;
use notify_mail_support::mime;
use notify_mail_support::smtp::Server;
use notify_support::{Receiver, notify};
use serde_json::Value;

/// An incident on `api` and `mail`: its opening is longer than a Slack section, its second
/// update promises the next by 12:30 UTC.
fn incident() -> String {
    format!(
        "+++
title = \"Erhöhte Fehlerraten\"
impact = \"major\"
started = 2026-11-23T10:00:00Z
affected = [\"api\", \"mail\"]
+++

## Identified — 2026-11-23 11:20 UTC · next update by 2026-11-23 12:30 UTC
Ein fehlerhaftes Deployment wird zurückgenommen.

## Investigating — 2026-11-23 10:05 UTC
{}
",
        "Wir sehen Fehler bei Anfragen an die API und prüfen jeden Server einzeln. ".repeat(50)
    )
}

/// A window on `mail` announced the day before, started by the clock at 11:30 UTC.
const WINDOW: &str = "+++
title = \"Mailserver-Update\"
start = 2026-11-23T11:30:00Z
end = 2026-11-23T13:30:00Z
affected = [\"mail\"]
+++

## Scheduled — 2026-11-22 14:00 UTC
Wir aktualisieren den Mailserver.
";

const CHANNELS: &str = "
[[notify]]
kind = \"slack\"
url_env = \"SLACK_URL\"

[[notify]]
kind = \"discord\"
url_env = \"DISCORD_URL\"

[[notify]]
kind = \"teams\"
url_env = \"TEAMS_URL\"

[[notify]]
kind = \"webhook\"
url_env = \"HOOK_URL\"

[[notify]]
kind = \"email\"
url_env = \"SMTP_URL\"
from = \"status@acme.test\"
to = [\"status-announce@acme.test\"]
";

/// A site of [`common::CONFIG`] (Berlin time) with `config` added, the incident and the window.
fn site(config: &str, mastodon: &str) -> TempSite {
    let site = TempSite::new();
    site.write(
        "statuspress.toml",
        &format!(
            "{}{config}{CHANNELS}
[[notify]]
kind = \"mastodon\"
instance = \"{mastodon}\"
token_env = \"MASTODON_TOKEN\"
",
            common::CONFIG
        ),
    );
    site.write("incidents/api-errors.md", &incident());
    site.write("maintenance/mail-update.md", WINDOW);
    site
}

/// What every channel received in one run of notify on `site`.
struct Received {
    slack: Vec<Value>,
    discord: Vec<Value>,
    teams: Vec<Value>,
    hook: Vec<Value>,
    mails: Vec<mime::Mail>,
    posts: Vec<String>,
}

/// Runs notify once on the site of `config` with `files` added.
fn run(config: &str, files: &[(&str, &str)]) -> (TempSite, Received) {
    let (slack, discord, teams, hook) = (
        Receiver::ok(),
        Receiver::ok(),
        Receiver::ok(),
        Receiver::ok(),
    );
    let smtp = Server::start();
    let mastodon = Mastodon::start(vec![(200, "{\"id\": \"1\"}")]);
    let site = site(config, &mastodon.base);
    for (path, text) in files {
        site.write(path, text);
    }
    let smtp_url = format!("smtp://127.0.0.1:{}?tls=none", smtp.port);
    let env = [
        ("SLACK_URL", slack.url.as_str()),
        ("DISCORD_URL", discord.url.as_str()),
        ("TEAMS_URL", teams.url.as_str()),
        ("HOOK_URL", hook.url.as_str()),
        ("SMTP_URL", smtp_url.as_str()),
        ("MASTODON_TOKEN", "t0ken-for-tests"),
    ];
    let o = notify(site.path(), NOW, &[], &env);
    assert!(o.status.success(), "{}", stderr(&o));
    // The announcement, the opening, the second update and the start of the window.
    let received = Received {
        slack: slack.bodies(),
        discord: discord.bodies(),
        teams: teams.bodies(),
        hook: hook.bodies(),
        mails: (smtp.sessions(4).iter())
            .map(|s| mime::parse(&s.data))
            .collect(),
        posts: (mastodon.requests(4).iter())
            .map(|r| r.field("status").unwrap())
            .collect(),
    };
    assert_eq!(
        [
            received.slack.len(),
            received.discord.len(),
            received.teams.len(),
            received.mails.len(),
            received.posts.len()
        ],
        [4; 5]
    );
    (site, received)
}

/// The API file `path` of a build of `site` at [`NOW`].
fn api(site: &TempSite, path: &str) -> Value {
    assert_eq!(site.run(&["build"]).status.code(), Some(0));
    serde_json::from_str(&site.read_output(path)).unwrap()
}

/// The `(title, value)` pairs of a Teams card's facts.
fn facts(card: &Value) -> Vec<(String, String)> {
    card["attachments"][0]["content"]["body"][2]["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let text = |k: &str| f[k].as_str().unwrap().to_string();
            (text("title"), text("value"))
        })
        .collect()
}

const URL: &str = "https://status.acme.test/incidents/api-errors/";

#[test]
fn a_german_site_notifies_in_german_on_every_channel() {
    // The site's own text for one of notify's words wins over the built-in one.
    let own = "[notify]\nview_on = \"Alles Weitere auf {site}\"\n";
    let (_, r) = run("language = \"de\"\n", &[("i18n/de.toml", own)]);

    // Slack: the fields, the link to the post, and the opening cut with a link to the rest.
    let opened = &r.slack[1];
    assert_eq!(
        opened["text"],
        "Acme Status: Erhöhte Fehlerraten — Wird untersucht"
    );
    let fields: Vec<&str> = opened["blocks"][1]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        [
            "*Status*\nWird untersucht",
            "*Auswirkungen*\nErhebliche Auswirkungen",
            "*Komponenten*\nAPI, Email",
            "*Veröffentlicht*\n23. November 2026, 11:05 MEZ",
        ]
    );
    let text = opened["blocks"][2]["text"]["text"].as_str().unwrap();
    assert!(text.ends_with(&format!("… <{URL}|Weiterlesen>")), "{text}");
    assert_eq!(
        opened["blocks"][3]["elements"][0]["text"],
        format!("<{URL}|Alles Weitere auf Acme Status> · 23. November 2026, 11:05 MEZ")
    );
    assert_eq!(
        r.slack[2]["blocks"][2]["text"]["text"],
        "Ein fehlerhaftes Deployment wird zurückgenommen.\n\nNächstes Update bis 13:30 MEZ."
    );
    // The window, started by the clock, with Statuspage's default text in German.
    let started = &r.slack[3];
    assert_eq!(started["blocks"][1]["fields"][0]["text"], "*Status*\nLäuft");
    assert_eq!(
        started["blocks"][1]["fields"][2]["text"],
        "*Zeitraum*\n23. November 2026, 12:30 – 14:30 MEZ"
    );
    assert_eq!(
        started["blocks"][2]["text"]["text"],
        "Die geplanten Wartungsarbeiten laufen. Wir informieren Sie bei Bedarf."
    );

    // Discord and Teams: the same words as field names, facts and the button.
    let names: Vec<&str> = r.discord[2]["embeds"][0]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Status", "Auswirkungen", "Komponenten"]);
    assert!(
        r.discord[2]["embeds"][0]["description"]
            .as_str()
            .unwrap()
            .ends_with("Nächstes Update bis 13:30 MEZ."),
    );
    assert_eq!(r.discord[0]["embeds"][0]["fields"][2]["name"], "Zeitraum");
    assert_eq!(
        facts(&r.teams[0]),
        [
            ("Status".to_string(), "Geplant".to_string()),
            ("Komponenten".to_string(), "Email".to_string()),
            (
                "Zeitraum".to_string(),
                "23. November 2026, 12:30 – 14:30 MEZ".to_string()
            ),
        ]
    );
    assert_eq!(
        r.teams[1]["attachments"][0]["content"]["actions"][0]["title"],
        "Alles Weitere auf Acme Status"
    );
    // Colour names are Teams' own, whatever the language.
    assert_eq!(
        r.teams[1]["attachments"][0]["content"]["body"][1]["color"],
        "Attention"
    );

    // Email: the subject, the facts and the link, and the HTML names its language.
    let subjects: Vec<String> = (r.mails.iter())
        .map(|m| m.decoded_header("Subject").unwrap())
        .collect();
    assert_eq!(
        subjects,
        [
            "[Acme Status] Wartung geplant: Mailserver-Update",
            "[Acme Status] Wird untersucht: Erhöhte Fehlerraten",
            "[Acme Status] Ursache gefunden: Erhöhte Fehlerraten",
            "[Acme Status] Wartung begonnen: Mailserver-Update",
        ]
    );
    let parts = r.mails[2].parts();
    let text = parts[0].text();
    assert!(
        text.starts_with(
            "Erhöhte Fehlerraten\nUrsache gefunden · Erhebliche Auswirkungen\n\n\
             Betrifft: API, Email\nVeröffentlicht: 23. November 2026, 12:20 MEZ\n\n\
             Ein fehlerhaftes Deployment wird zurückgenommen.\n\nNächstes Update bis 13:30 MEZ.\n\n\
             Zur Störung: https://status.acme.test/incidents/api-errors/\n"
        ),
        "{text}"
    );
    let html = parts[1].text();
    assert!(html.contains("<html lang=\"de\">"), "{html}");
    assert!(html.contains(">Zur Störung</a>"), "{html}");
    assert!(
        r.mails[3].parts()[0]
            .text()
            .contains("Zeitraum: 23. November 2026, 12:30 – 14:30 MEZ\n")
    );

    // Mastodon: the headline and the facts.
    assert!(
        r.posts[3].starts_with(
            "🔧 Wartung begonnen: Mailserver-Update\nBetrifft: Email\n\
             Wann: 23. November 2026, 12:30 – 14:30 MEZ\n\n\
             Die geplanten Wartungsarbeiten laufen."
        ),
        "{}",
        r.posts[3]
    );
    assert!(
        r.posts[2].contains("\nBetrifft: API, Email · Erhebliche Auswirkungen\n"),
        "{}",
        r.posts[2]
    );
}

#[test]
fn a_german_sites_webhook_says_what_its_api_says() {
    let (site, r) = run("language = \"de\"\n", &[]);
    let incidents = api(&site, "api/v2/incidents.json");
    let incident = &incidents["incidents"][0];
    // The opening, its component updates, the second update, in that order.
    let told: Vec<&Value> = (r.hook.iter())
        .filter(|p| p.get("incident").is_some())
        .collect();
    let of_incident: Vec<&&Value> = told
        .iter()
        .filter(|p| p["incident"]["id"] == incident["id"])
        .collect();
    assert_eq!(of_incident.len(), 2);
    for payload in &of_incident {
        assert_eq!(payload["incident"], *incident);
    }
    // The update's body is the API's, promise included, in German; its status stays the enum.
    let update = &of_incident[1]["incident"]["incident_updates"][0];
    assert_eq!(update["status"], "identified");
    assert_eq!(
        update["body"],
        incident["incident_updates"][0]["body"].clone()
    );
    assert!(
        update["body"]
            .as_str()
            .unwrap()
            .contains("Nächstes Update bis 13:30 MEZ."),
        "{update}"
    );
    assert_eq!(of_incident[0]["incident"]["impact"], "major");
    // The window's start, by the clock, with the default text the API gives it.
    let windows = api(&site, "api/v2/scheduled-maintenances.json");
    let window = &windows["scheduled_maintenances"][0];
    let started = told.last().unwrap();
    assert_eq!(started["incident"], *window);
    assert_eq!(
        started["incident"]["incident_updates"][0]["body"],
        "Die geplanten Wartungsarbeiten laufen. Wir informieren Sie bei Bedarf."
    );
    assert_eq!(started["incident"]["status"], "in_progress");
}

#[test]
fn an_arabic_site_notifies_in_arabic_right_to_left() {
    let (site, r) = run("language = \"ar\"\n", &[]);
    let opened = &r.slack[1];
    let fields: Vec<&str> = opened["blocks"][1]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    assert_eq!(fields[0], "*الحالة*\nقيد التحقيق");
    assert_eq!(fields[1], "*التأثير*\nتأثير كبير");
    assert_eq!(fields[2], "*المكونات*\nAPI، Email");
    let posted = fields[3].strip_prefix("*تاريخ النشر*\n").unwrap();
    assert!(posted.contains("نوفمبر"), "{posted}");
    let text = opened["blocks"][2]["text"]["text"].as_str().unwrap();
    assert!(text.ends_with(&format!("… <{URL}|اقرأ المزيد>")), "{text}");
    assert!(
        r.slack[2]["blocks"][2]["text"]["text"]
            .as_str()
            .unwrap()
            .ends_with("التحديث التالي بحلول 13:30 CET."),
    );
    assert_eq!(
        r.slack[3]["blocks"][2]["text"]["text"],
        "الصيانة المجدولة جارية حاليًا. سنوافيكم بالمستجدات عند الحاجة."
    );
    // The email reads right to left: its language, its direction and the sides of its layout.
    let html = r.mails[1].parts()[1].text();
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"), "{html}");
    assert!(html.contains("border-right:4px solid"), "{html}");
    assert!(html.contains("<th style=\"text-align:right;"), "{html}");
    assert_eq!(
        r.mails[1].decoded_header("Subject").as_deref(),
        Some("[Acme Status] قيد التحقيق: Erhöhte Fehlerraten")
    );
    // The webhook's update texts are the API's.
    let incidents = api(&site, "api/v2/incidents.json");
    let payload = r
        .hook
        .iter()
        .filter(|p| p.get("incident").is_some())
        .nth(2)
        .unwrap();
    assert_eq!(payload["incident"], incidents["incidents"][0]);
}

#[test]
fn an_english_site_and_a_site_whose_default_is_english_notify_alike() {
    let (_, english) = run("", &[]);
    let (_, several) = run("languages = [\"en\", \"de\"]\n", &[]);
    assert_eq!(english.slack, several.slack);
    assert_eq!(english.teams, several.teams);
    assert_eq!(english.posts, several.posts);
    assert_eq!(
        english.slack[1]["blocks"][1]["fields"][1]["text"],
        "*Impact*\nMajor impact"
    );
    let (_, german_first) = run("languages = [\"de\", \"en\"]\n", &[]);
    assert_eq!(
        german_first.slack[1]["blocks"][1]["fields"][0]["text"],
        "*Status*\nWird untersucht"
    );
}
