//! `statuspress.toml` and `components.toml`, split at the first NUL byte.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| statuspress::fuzzing::site_files(text));
