use super::*;
use crate::diagnostic::located;
use std::path::Path;

fn read(text: &str) -> (Option<Probes>, Vec<Diagnostic>) {
    Probes::read(TomlSource::file(Path::new(PROBES_FILE), text))
}

#[test]
fn a_full_http_probe_reads_with_its_defaults() {
    let text = "[defaults]\nretries = 1\nsample_days = 3\n\n[[probe]]\nid = \"api-health\"\ncomponent = \"api\"\nkind = \"http\"\nurl = \"https://api.example.com/healthz\"\nexpect_status = [204, 200]\nexpect_body = \"/^ok$/\"\ndegraded_over_ms = 1500\nheaders_env = { Authorization = \"API_HEALTH_TOKEN\" }\n\n[[probe]]\nid = \"db\"\ncomponent = \"api\"\nkind = \"tcp\"\nhost = \"db.example.com\"\nport = 5432\nfail_after = 3\n";
    let p = Probes::parse(TomlSource::file(Path::new(PROBES_FILE), text)).unwrap();
    assert_eq!(p.sample_days, 3);
    let http = &p.probes[0];
    assert_eq!(http.kind, ProbeKind::Http);
    assert_eq!(http.expect_status, [200, 204]);
    assert_eq!(http.expect_body, Some(BodyMatch::Regex("^ok$".into())));
    assert!(http.expect_body.as_ref().unwrap().matches("ok"));
    assert!(!http.expect_body.as_ref().unwrap().matches("not ok"));
    assert_eq!(
        http.headers_env,
        [("Authorization".to_string(), "API_HEALTH_TOKEN".to_string())]
    );
    assert_eq!(
        (
            http.timeout_ms,
            http.retries,
            http.fail_after,
            http.pass_after
        ),
        (5000, 1, 2, 2)
    );
    assert_eq!(http.degraded_over_ms, Some(1500));
    assert_eq!(http.position, (5, 1));
    assert_eq!(http.component_position, (7, 13));
    let tcp = &p.probes[1];
    assert_eq!(
        (tcp.host.as_deref(), tcp.port, tcp.fail_after),
        (Some("db.example.com"), Some(5432), 3)
    );
}

#[test]
fn every_problem_is_reported_at_its_place_in_one_run() {
    let text = "[[probe]]\nid = \"Bad Id\"\ncomponent = \"api\"\nkind = \"htp\"\n\n[[probe]]\nid = \"a\"\ncomponent = \"api\"\nkind = \"http\"\nurl = \"ftp://x\"\ntimeout_ms = 10\nhost = \"x\"\nexpect_stauts = [200]\n\n[[probe]]\nid = \"a\"\ncomponent = \"api\"\nkind = \"tcp\"\nport = 70000\n";
    let (_, errors) = read(text);
    assert_eq!(
        located(&errors),
        [
            "2:6 invalid probe id `Bad Id`",
            "4:8 unknown probe kind `htp`",
            "10:7 `url` must be an http(s) address, got `ftp://x`",
            "11:14 `timeout_ms` must be a whole number from 100 to 60000, got 10",
            "12:8 `host` is not used by kind `http`",
            "13:1 unknown key `expect_stauts` in [[probe]]",
            "15:1 [[probe]] `a` of kind `tcp` has no `host`",
            "16:6 the probe id `a` is already used by the [[probe]] at line 6",
            "19:8 `port` must be a number from 1 to 65535, got 70000",
        ]
    );
    let kind = errors.iter().find(|d| d.message.contains("htp")).unwrap();
    assert_eq!(kind.hint.as_deref(), Some("did you mean `http`?"));
    let key = errors
        .iter()
        .find(|d| d.message.contains("stauts"))
        .unwrap();
    assert!(
        key.hint
            .as_deref()
            .unwrap()
            .starts_with("did you mean `expect_status`?")
    );
}

#[test]
fn secrets_are_refused_and_never_repeated() {
    let text = "[[probe]]\nid = \"a\"\ncomponent = \"api\"\nkind = \"http\"\nurl = \"https://user:hunter2@api.example.com/\"\n\n[[probe]]\nid = \"b\"\ncomponent = \"api\"\nkind = \"http\"\nurl = \"https://api.example.com/?access_token=abc\"\nheaders_env = { Authorization = \"Bearer xoxb-123\" }\nheaders = { X = \"y\" }\n";
    let (_, errors) = read(text);
    assert_eq!(
        located(&errors),
        [
            "5:7 `url` holds a password or token, which would put a secret in the repository",
            "11:7 `url` holds a password or token, which would put a secret in the repository",
            "12:17 header `Authorization` in `headers_env` must be an environment variable name, got `Bearer xoxb-123`",
            "13:1 `headers` in [[probe]] would put secrets in the repository",
        ]
    );
    assert!(errors.iter().all(|d| !d.message.contains("hunter2")));
    assert!(errors[0].hint.as_deref().unwrap().contains("headers_env"));
}

#[test]
fn kinds_take_their_own_keys() {
    let text = "[[probe]]\nid = \"t\"\ncomponent = \"api\"\nkind = \"tls\"\n\n[[probe]]\nid = \"s\"\ncomponent = \"api\"\nkind = \"statuspage\"\nurl = \"https://www.githubstatus.com\"\n\n[[probe]]\nid = \"d\"\ncomponent = \"api\"\nkind = \"dns\"\nname = \"example.com\"\nrecord_type = \"MXX\"\nexpect_body = \"x\"\n\n[[probe]]\nid = \"h\"\ncomponent = \"api\"\nkind = \"http\"\nurl = \"https://x.test\"\nmethod = \"HEAD\"\nexpect_body = \"ok\"\ndegraded_over_ms = 6000\n";
    let (_, errors) = read(text);
    assert_eq!(
        located(&errors),
        [
            "1:1 [[probe]] `t` of kind `tls` has neither `url` nor `host` and `port`",
            "6:1 [[probe]] `s` of kind `statuspage` has no `upstream_component`",
            "17:15 unknown record type `MXX`",
            "18:15 `expect_body` is not used by kind `dns`",
            "26:15 `expect_body` cannot be checked with method = \"HEAD\"",
            "27:20 `degraded_over_ms` (6000) is not below `timeout_ms` (5000)",
        ]
    );
}

#[test]
fn components_must_exist_with_a_suggestion() {
    let catalog = crate::fixture::site(&[], &[]).catalog;
    let text = "[[probe]]\nid = \"a\"\ncomponent = \"apii\"\nkind = \"tcp\"\nhost = \"x\"\nport = 1\n\n[[probe]]\nid = \"b\"\ncomponent = \"core\"\nkind = \"tcp\"\nhost = \"x\"\nport = 1\n";
    let probes = Probes::parse(TomlSource::file(Path::new(PROBES_FILE), text)).unwrap();
    let errors = check_components(&probes, &catalog);
    assert_eq!(
        located(&errors),
        [
            "3:13 unknown component `apii` in [[probe]] `a`",
            "10:13 `core` is a group; a probe reports on one component",
        ]
    );
    assert!(
        errors[0]
            .hint
            .as_deref()
            .unwrap()
            .starts_with("did you mean `api`?")
    );
}
