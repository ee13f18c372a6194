//! A Statuspage API document imported into an empty folder: what it writes must load.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|json: &[u8]| {
    let dir = tempfile::tempdir().expect("a temporary folder");
    statuspress::fuzzing::statuspage(json, dir.path());
});
