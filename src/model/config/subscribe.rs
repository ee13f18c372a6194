//! The `[subscribe]` table of `statuspress.toml`: the public places where the operator posts
//! updates (a Discord server, a Mastodon account, a mailing list, a Slack community), which the
//! subscribe page lists.
//!
//! These addresses are published, so a webhook address (a secret: whoever has it can post) is
//! refused here; webhooks belong in environment variables that `[[notify]]` names.

use crate::diagnostic::Diagnostic;
use crate::model::toml_source::TomlSource;
use serde::Deserialize;
use toml::Spanned;

/// The `[subscribe]` table: public channels that carry the page's updates, each optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubscribeConfig {
    /// An invite to a Discord server where updates are posted.
    pub discord: Option<String>,
    /// A Mastodon (or other fediverse) account that posts updates.
    pub mastodon: Option<String>,
    /// Where to sign up for email: a web page or a `mailto:` address.
    pub mailing_list: Option<String>,
    /// A public Slack community channel.
    pub slack: Option<String>,
}

/// The keys of `[subscribe]`.
pub(super) const KEYS: &[&str] = &["discord", "mastodon", "mailing_list", "slack"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSubscribe {
    discord: Option<Spanned<String>>,
    mastodon: Option<Spanned<String>>,
    mailing_list: Option<Spanned<String>>,
    slack: Option<Spanned<String>>,
}

/// An example value of each key, for hints.
fn example(key: &str) -> &'static str {
    match key {
        "discord" => "discord = \"https://discord.gg/acme\"",
        "mastodon" => "mastodon = \"https://mastodon.social/@acmestatus\"",
        "mailing_list" => {
            "mailing_list = \"https://groups.google.com/g/acme-status\" or mailing_list = \"mailto:acme-status+subscribe@googlegroups.com\""
        }
        _ => "slack = \"https://acme-community.slack.com/\"",
    }
}

pub(super) fn parse_subscribe(
    src: &TomlSource<'_>,
    raw: Option<RawSubscribe>,
    errors: &mut Vec<Diagnostic>,
) -> SubscribeConfig {
    let Some(raw) = raw else {
        return SubscribeConfig::default();
    };
    let mut read = |key: &str, value: Option<Spanned<String>>| {
        let value = value?;
        let address = value.get_ref().trim();
        match check_address(address) {
            Ok(()) => Some(address.to_string()),
            Err(Problem::NotAbsolute) => {
                errors.push(
                    src.error_span(
                        &value.span(),
                        format!(
                            "`subscribe.{key}` must be an absolute https, http or mailto address, got `{}`",
                            value.get_ref()
                        ),
                    )
                    .with_hint(format!("write it as {}", example(key))),
                );
                None
            }
            Err(Problem::Secret(what)) => {
                errors.push(
                    src.error_span(
                        &value.span(),
                        format!(
                            "`subscribe.{key}` is {what}, a secret that the subscribe page would publish"
                        ),
                    )
                    .with_hint(format!(
                        "link a page where people join instead, e.g. {}; to post updates there, keep the webhook in an environment variable named by a [[notify]] entry's url_env",
                        example(key)
                    )),
                );
                None
            }
        }
    };
    SubscribeConfig {
        discord: read("discord", raw.discord),
        mastodon: read("mastodon", raw.mastodon),
        mailing_list: read("mailing_list", raw.mailing_list),
        slack: read("slack", raw.slack),
    }
}

/// Why an address cannot be published on the subscribe page.
#[derive(Debug, PartialEq, Eq)]
enum Problem {
    /// Not an absolute `https:`, `http:` or `mailto:` address.
    NotAbsolute,
    /// An address that grants access, described in words.
    Secret(&'static str),
}

/// Checks that `address` is an absolute web or `mailto:` address that is safe to publish.
fn check_address(address: &str) -> Result<(), Problem> {
    if address
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'))
    {
        return Err(Problem::NotAbsolute);
    }
    let lower = address.to_ascii_lowercase();
    if let Some(mailbox) = lower.strip_prefix("mailto:") {
        let mailbox = mailbox.split('?').next().unwrap_or_default();
        return match mailbox.split_once('@') {
            Some((local, domain)) if !local.is_empty() && !domain.is_empty() => Ok(()),
            _ => Err(Problem::NotAbsolute),
        };
    }
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return Err(Problem::NotAbsolute);
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let path = &rest[authority.len()..];
    if authority.contains('@') {
        return Err(Problem::Secret("an address with a user name or password"));
    }
    let host = authority.split(':').next().unwrap_or_default();
    if host.is_empty() || host.starts_with('.') || host.ends_with('.') {
        return Err(Problem::NotAbsolute);
    }
    let under = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
    let webhook = (under("slack.com") && host.starts_with("hooks."))
        || ((under("discord.com") || under("discordapp.com")) && path.starts_with("/api/webhooks"))
        || under("webhook.office.com")
        || under("logic.azure.com");
    if webhook {
        return Err(Problem::Secret("a webhook address"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::config::Config;
    use std::path::Path;

    fn parse(table: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::parse(TomlSource::file(
            Path::new("statuspress.toml"),
            &format!("title = \"Acme\"\nbase_url = \"https://a.test\"\n[subscribe]\n{table}"),
        ))
    }

    #[test]
    fn every_channel_is_optional_and_read_as_written() {
        assert_eq!(parse("").unwrap().subscribe, SubscribeConfig::default());
        let c = parse(
            "discord = \"https://discord.gg/acme\"\nmastodon = \" https://mastodon.social/@acmestatus \"\nmailing_list = \"mailto:acme-status+subscribe@googlegroups.com\"\nslack = \"http://acme-community.slack.com/archives/C01\"\n",
        )
        .unwrap();
        assert_eq!(
            c.subscribe,
            SubscribeConfig {
                discord: Some("https://discord.gg/acme".into()),
                mastodon: Some("https://mastodon.social/@acmestatus".into()),
                mailing_list: Some("mailto:acme-status+subscribe@googlegroups.com".into()),
                slack: Some("http://acme-community.slack.com/archives/C01".into()),
            }
        );
    }

    #[test]
    fn an_address_that_is_not_absolute_is_an_error_at_its_value() {
        let mut e = parse("discord = \"https://discord.gg/acme\"\nmailing_list = \"acme-status@googlegroups.com\"\nmastodon = \"@acmestatus@mastodon.social\"\n").unwrap_err();
        crate::diagnostic::sort(&mut e);
        assert_eq!(
            crate::diagnostic::located(&e),
            [
                "5:16 `subscribe.mailing_list` must be an absolute https, http or mailto address, got `acme-status@googlegroups.com`",
                "6:12 `subscribe.mastodon` must be an absolute https, http or mailto address, got `@acmestatus@mastodon.social`",
            ]
        );
        assert_eq!(
            e[0].hint.as_deref(),
            Some(
                "write it as mailing_list = \"https://groups.google.com/g/acme-status\" or mailing_list = \"mailto:acme-status+subscribe@googlegroups.com\""
            )
        );
        assert_eq!(
            e[1].hint.as_deref(),
            Some("write it as mastodon = \"https://mastodon.social/@acmestatus\"")
        );
    }

    #[test]
    fn only_web_and_mail_addresses_pass() {
        for good in [
            "https://discord.gg/acme",
            "https://mastodon.social/@acmestatus",
            "http://lists.acme.test:8080/subscribe?list=status#top",
            "mailto:status+subscribe@acme.test",
            "MAILTO:status@acme.test?subject=subscribe",
            "https://discord.com/invite/acme",
        ] {
            assert_eq!(check_address(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            "discord.gg/acme",
            "https://",
            "https:///path",
            "https://.acme.test/",
            "ftp://acme.test/",
            "javascript:alert(1)",
            "mailto:",
            "mailto:@acme.test",
            "mailto:status@",
            "https://acme.test/a b",
            "https://acme.test/\"onmouseover",
            "https://acme.test/<x>",
        ] {
            assert_eq!(check_address(bad), Err(Problem::NotAbsolute), "{bad}");
        }
    }

    #[test]
    fn a_webhook_or_a_password_is_refused_as_a_secret() {
        for secret in [
            "https://hooks.slack.com/services/T000/B000/XXXX",
            "https://discord.com/api/webhooks/123/abc",
            "https://ptb.discordapp.com/api/webhooks/123/abc",
            "https://acme.webhook.office.com/webhookb2/x",
            "https://prod-01.westus.logic.azure.com:443/workflows/x/triggers/manual/paths/invoke",
            "https://user:pass@lists.acme.test/",
        ] {
            assert!(
                matches!(check_address(secret), Err(Problem::Secret(_))),
                "{secret}"
            );
        }
        let e = parse("slack = \"https://hooks.slack.com/services/T000/B000/XXXX\"\n").unwrap_err();
        assert_eq!(
            crate::diagnostic::located(&e),
            [
                "4:9 `subscribe.slack` is a webhook address, a secret that the subscribe page would publish"
            ]
        );
        assert!(
            e[0].hint
                .as_deref()
                .unwrap()
                .contains("[[notify]] entry's url_env"),
            "{:?}",
            e[0].hint
        );
    }

    #[test]
    fn unknown_keys_and_wrong_types_are_reported_with_their_position() {
        let e = parse("discrod = \"https://discord.gg/acme\"\nslack = 3\n").unwrap_err();
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!(e[0].message, "unknown key `discrod` in [subscribe]");
        assert_eq!((e[0].line, e[0].column), (4, 1));
        assert!(
            e[0].hint
                .as_deref()
                .unwrap()
                .starts_with("did you mean `discord`?"),
            "{:?}",
            e[0].hint
        );
        assert_eq!((e[1].line, e[1].column), (5, 9));
        assert!(e[1].message.contains("invalid type"), "{}", e[1].message);
    }
}
