//! An Alertmanager webhook body, as `statuspress alert` reads it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| statuspress::fuzzing::alertmanager(text));
