use super::values::looks_secret;
use super::*;
use crate::model::Config;
use std::path::Path;

const HEAD: &str = "title = \"Acme\"\nbase_url = \"https://status.acme.test\"\n";

fn parse(notify: &str) -> Result<Config, Vec<Diagnostic>> {
    let text = format!("{HEAD}{notify}");
    Config::parse(TomlSource::file(Path::new("statuspress.toml"), &text))
}

fn errors(notify: &str) -> Vec<String> {
    let mut diags = parse(notify).unwrap_err();
    crate::diagnostic::sort(&mut diags);
    diags
        .iter()
        .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
        .collect()
}

#[test]
fn a_config_without_notify_has_no_channels() {
    assert!(parse("").unwrap().notify.channels.is_empty());
}

#[test]
fn entries_are_read_with_defaults_and_names() {
    let c = parse(
        "[[notify]]\nkind = \"slack\"\nurl_env = \"SLACK_WEBHOOK_URL\"\n\n\
         [[notify]]\nkind = \"webhook\"\nurl_env = \"HOOK_A\"\nsecret_env = \"HOOK_A_KEY\"\ncomponents = [\"api\", \"core\"]\nevents = [\"incident\", \"resolved\"]\nmin_impact = \"major\"\nmax_age_hours = 48\n\n\
         [[notify]]\nkind = \"webhook\"\nurl_env = \"HOOK_B\"\n\n\
         [[notify]]\nkind = \"mastodon\"\nname = \"toot\"\ntoken_env = \"MASTODON_TOKEN\"\ninstance = \"https://mastodon.social/\"\n\n\
         [[notify]]\nkind = \"email\"\nurl_env = \"SMTP_URL\"\nfrom = \"Acme Status <status@acme.test>\"\nto = [\"announce@lists.acme.test\"]\n",
    )
    .unwrap();
    let names: Vec<&str> = c.notify.channels.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(
        names,
        ["slack", "webhook:HOOK_A", "webhook:HOOK_B", "toot", "email"]
    );
    let slack = &c.notify.channels[0];
    assert_eq!(slack.kind, ChannelKind::Slack);
    assert_eq!(slack.position, (3, 1));
    assert_eq!(
        slack.url_env,
        Some(EnvVar {
            name: "SLACK_WEBHOOK_URL".into(),
            position: (5, 11)
        })
    );
    assert!(slack.components.is_empty() && slack.events.is_empty());
    assert_eq!(
        (slack.min_impact, slack.max_age_hours),
        (None, DEFAULT_MAX_AGE_HOURS)
    );
    let hook = &c.notify.channels[1];
    assert_eq!(hook.secret_env.as_ref().unwrap().name, "HOOK_A_KEY");
    assert_eq!(
        hook.components,
        [
            ("api".to_string(), (11, 15)),
            ("core".to_string(), (11, 22))
        ]
    );
    assert_eq!(hook.events, ["incident", "resolved"]);
    assert_eq!(
        (hook.min_impact, hook.max_age_hours),
        (Some(Impact::Major), 48)
    );
    assert_eq!(
        c.notify.channels[3].instance.as_deref(),
        Some("https://mastodon.social")
    );
    assert_eq!(c.notify.channels[4].to, ["announce@lists.acme.test"]);
    assert_eq!(
        c.notify.channels[4].from.as_deref(),
        Some("Acme Status <status@acme.test>")
    );
}

#[test]
fn secrets_in_the_file_are_refused_without_repeating_them() {
    let text = "[[notify]]\nkind = \"slack\"\nurl_env = \"https://hooks.slack.com/services/T0/B0/abc\"\n\n\
                [[notify]]\nkind = \"webhook\"\nurl = \"https://example.test/hook\"\nurl_env = \"HOOK\"\nsecret_env = \"q7Hd93KsmW0pLx82NvB4\"\n\n\
                [[notify]]\nkind = \"mastodon\"\ntoken = \"abc\"\ntoken_env = \"slack-token\"\ninstance = \"https://m.test\"\n";
    let mut diags = parse(text).unwrap_err();
    crate::diagnostic::sort(&mut diags);
    assert_eq!(
        errors(text),
        [
            "5:11 `url_env` names an environment variable, not the URL itself",
            "9:1 `url` in [[notify]] would put a secret in the repository",
            "11:14 `secret_env` names an environment variable, not the secret itself",
            "15:1 `token` in [[notify]] would put a secret in the repository",
            "16:13 `token_env` must be an environment variable name, got `slack-token`",
        ]
    );
    for d in &diags {
        let all = format!("{d}");
        assert!(!all.contains("hooks.slack.com"), "{all}");
        assert!(!all.contains("q7Hd93KsmW0pLx82NvB4"), "{all}");
    }
    assert!(
        diags[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("url_env = \"SLACK_WEBHOOK_URL\"")
    );
    assert!(diags[1].hint.as_deref().unwrap().contains("url_env = "));
}

#[test]
fn every_problem_of_every_entry_is_reported_at_its_value() {
    let text = "[[notify]]\nkind = \"slak\"\nurl_env = \"X\"\n\n\
                [[notify]]\nkind = \"discord\"\nurl_env = 3\nevents = [\"incidnet\", \"update\"]\nmin_impact = \"huge\"\nmax_age_hours = 0\ncomponents = []\nsecret_env = \"K\"\nchannel = \"#ops\"\n\n\
                [[notify]]\nurl_env = \"Y\"\n\n\
                [[notify]]\nkind = \"email\"\nurl_env = \"SMTP\"\nto = [\"nobody\"]\n";
    assert_eq!(
        errors(text),
        [
            "4:8 unknown channel kind `slak`",
            "9:11 `url_env` must be a string, got an integer",
            "10:11 unknown event `incidnet`",
            "11:14 unknown impact `huge` in `min_impact`",
            "12:17 `max_age_hours` must be a whole number from 1 to 8760, got 0",
            "13:14 `components` is an empty list",
            "14:14 `secret_env` is not used by kind `discord`",
            "15:1 unknown key `channel` in [[notify]]",
            "17:1 [[notify]] has no `kind`",
            "20:1 [[notify]] of kind `email` has no `from`",
            "23:7 `to` holds `nobody`, which is not a mail address",
        ]
    );
    let mut diags = parse(text).unwrap_err();
    crate::diagnostic::sort(&mut diags);
    assert_eq!(diags[0].hint.as_deref(), Some("did you mean `slack`?"));
    assert_eq!(diags[2].hint.as_deref(), Some("did you mean `incident`?"));
    assert_eq!(
        diags[6].hint.as_deref(),
        Some("remove it; `secret_env` is for kind webhook")
    );
}

#[test]
fn a_name_used_twice_is_an_error_on_the_second() {
    let text = "[[notify]]\nkind = \"slack\"\nname = \"ops\"\nurl_env = \"A\"\n\n\
                [[notify]]\nkind = \"discord\"\nname = \"ops\"\nurl_env = \"B\"\n\n\
                [[notify]]\nkind = \"teams\"\nurl_env = \"T\"\n\n\
                [[notify]]\nkind = \"teams\"\nurl_env = \"T\"\n";
    assert_eq!(
        errors(text),
        [
            "10:8 the channel name `ops` is already used by the [[notify]] at line 3",
            "17:1 the channel name `teams:T` is already used by the [[notify]] at line 13",
        ]
    );
}

#[test]
fn component_filters_are_checked_against_the_catalogue() {
    let c = parse(
        "[[notify]]\nkind = \"slack\"\nurl_env = \"A\"\ncomponents = [\"api\", \"core\", \"wbe\"]\n",
    )
    .unwrap();
    let catalog = Catalog::parse(TomlSource::file(
        Path::new("components.toml"),
        "[[group]]\nid = \"core\"\n[[component]]\nid = \"api\"\ngroup = \"core\"\n[[component]]\nid = \"web\"\n",
    ))
    .unwrap();
    let d = check_components(&c.notify, &catalog);
    assert_eq!(
        crate::diagnostic::located(&d),
        ["6:30 unknown component `wbe` in [[notify]] `components`"]
    );
    assert_eq!(d[0].path, Path::new("statuspress.toml"));
    assert!(
        d[0].hint
            .as_deref()
            .unwrap()
            .starts_with("did you mean `web`?")
    );
}

#[test]
fn env_names_and_secret_shapes() {
    for ok in ["SLACK_WEBHOOK_URL", "_X", "a1", "hook_url"] {
        assert!(is_env_name(ok) && !looks_secret(ok), "{ok}");
    }
    for bad in ["1X", "A-B", "A B", ""] {
        assert!(!is_env_name(bad), "{bad}");
    }
    for secret in [
        "https://hooks.slack.com/services/T0/B0/x",
        "xoxb-123",
        "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
        "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5",
    ] {
        assert!(looks_secret(secret), "{secret}");
    }
}

#[test]
fn a_single_notify_table_is_an_error_that_leaves_the_rest_readable() {
    let text = format!("{HEAD}[notify]\nkind = \"slack\"\nurl_env = \"X\"\n");
    let (config, errors) = Config::read(TomlSource::file(Path::new("statuspress.toml"), &text));
    assert!(config.is_some_and(|c| c.notify.channels.is_empty()));
    assert_eq!(
        crate::diagnostic::located(&errors),
        ["3:1 `[notify]` is one table; each channel is a [[notify]] table"]
    );
    assert_eq!(
        errors[0].hint.as_deref(),
        Some("write [[notify]], with two brackets, before the keys of each channel")
    );
}
