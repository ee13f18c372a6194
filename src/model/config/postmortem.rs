//! `postmortem_due_days`: how many days after a major or critical incident is resolved `check`
//! starts to warn that it has no postmortem. Absent, the check is off.

use crate::diagnostic::Diagnostic;
use crate::model::toml_source::TomlSource;
use toml::Spanned;

/// Largest accepted `postmortem_due_days`: a year.
pub const MAX_POSTMORTEM_DUE_DAYS: u32 = 365;

/// Reads `postmortem_due_days`: `None` when absent (or wrong, which is reported).
pub(super) fn read_due_days(
    src: &TomlSource<'_>,
    value: Option<&Spanned<i64>>,
    errors: &mut Vec<Diagnostic>,
) -> Option<u32> {
    let v = value?;
    match u32::try_from(*v.get_ref()) {
        Ok(days) if (1..=MAX_POSTMORTEM_DUE_DAYS).contains(&days) => Some(days),
        _ => {
            errors.push(
                src.error_span(
                    &v.span(),
                    format!(
                        "`postmortem_due_days` must be a number of days from 1 to {MAX_POSTMORTEM_DUE_DAYS}, got {}",
                        v.get_ref()
                    ),
                )
                .with_hint(
                    "write e.g. postmortem_due_days = 14, or leave it out to turn the check off",
                ),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Config;
    use crate::model::toml_source::TomlSource;
    use std::path::Path;

    const BASE: &str = "title = \"Acme\"\nbase_url = \"https://a.test\"\n";

    fn due(line: &str) -> Result<Option<u32>, Vec<(usize, usize, String)>> {
        let text = format!("{BASE}{line}");
        Config::parse(TomlSource::file(Path::new("statuspress.toml"), &text))
            .map(|c| c.postmortem_due_days)
            .map_err(|e| {
                e.into_iter()
                    .map(|d| (d.line, d.column, d.message))
                    .collect()
            })
    }

    #[test]
    fn off_unless_set_to_a_positive_number_of_days() {
        assert_eq!(due(""), Ok(None));
        assert_eq!(due("postmortem_due_days = 14\n"), Ok(Some(14)));
        assert_eq!(due("postmortem_due_days = 365\n"), Ok(Some(365)));
        for bad in ["0", "-3", "366"] {
            assert_eq!(
                due(&format!("postmortem_due_days = {bad}\n")),
                Err(vec![(
                    3,
                    23,
                    format!(
                        "`postmortem_due_days` must be a number of days from 1 to 365, got {bad}"
                    )
                )])
            );
        }
        let misspelt = due("postmortem_due_day = 14\n").unwrap_err();
        assert_eq!(misspelt[0].2, "unknown key `postmortem_due_day`");
    }
}
