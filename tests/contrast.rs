//! Theme text colours meet WCAG contrast on their backgrounds, light and dark: the built-in theme
//! AA (4.5:1), the bundled high-contrast theme AAA (7:1).

use std::collections::BTreeMap;

const BUILT_IN: &str = include_str!("../templates/colors.css");
const HIGH_CONTRAST: &str = include_str!("../themes/high-contrast/templates/colors.css");

fn vars(block: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (i, _) in block.match_indices("--") {
        // A declaration starts after `{`, `;` or a line break; `var(--x)` is a use, not a declaration.
        if !matches!(block[..i].chars().last(), Some('{' | ';' | '\n')) {
            continue;
        }
        let rest = &block[i..];
        let Some((name, after)) = rest.split_once(':') else {
            continue;
        };
        let value = after.split([';', '}']).next().unwrap_or_default().trim();
        out.insert(name.to_string(), value.to_string());
    }
    out
}

fn luminance(hex: &str) -> f64 {
    let hex = hex.trim_start_matches('#');
    let hex: String = if hex.len() == 3 {
        hex.chars().flat_map(|c| [c, c]).collect()
    } else {
        hex.to_string()
    };
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[test]
fn status_and_text_colours_meet_wcag_aa() {
    check(BUILT_IN, 4.5);
}

#[test]
fn the_high_contrast_theme_meets_wcag_aaa() {
    check(HIGH_CONTRAST, 7.0);
}

fn check(css: &str, minimum: f64) {
    let light_end = css.find("@media (prefers-color-scheme:dark)").unwrap();
    let light = vars(&css[..light_end]);
    let dark_block = &css[light_end..];
    let dark = vars(&dark_block[..dark_block.find("}}").unwrap()]);
    for (scheme, v) in [("light", &light), ("dark", &dark)] {
        for fg in [
            "--fg",
            "--muted",
            "--link",
            "--ok",
            "--minor",
            "--major",
            "--critical",
            "--maint",
        ] {
            for bg in ["--bg", "--card"] {
                let ratio = contrast(&v[fg], &v[bg]);
                assert!(
                    ratio >= minimum,
                    "{scheme}: {fg} {} on {bg} {} is {ratio:.2}:1",
                    v[fg],
                    v[bg]
                );
            }
        }
        for bg in [
            "--ok-bg",
            "--minor-bg",
            "--major-bg",
            "--critical-bg",
            "--maint-bg",
        ] {
            for fg in ["--fg", "--muted"] {
                let ratio = contrast(&v[fg], &v[bg]);
                assert!(ratio >= minimum, "{scheme}: {fg} on {bg} is {ratio:.2}:1");
            }
        }
    }
}
