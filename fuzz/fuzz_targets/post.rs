//! An incident or maintenance file: every problem is a diagnostic naming the post.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| statuspress::fuzzing::post(text));
