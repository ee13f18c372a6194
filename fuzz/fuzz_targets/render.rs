//! A post built into a whole site in memory; then every XML file must be well-formed, the
//! calendar must parse, and every JSON file must be JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quick_xml::Reader;
use quick_xml::events::Event;

fn assert_well_formed_xml(path: &str, text: &str) {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Text(t)) => {
                if let Err(e) = t.unescape() {
                    panic!("{path}: bad text at {}: {e}", reader.buffer_position());
                }
            }
            Ok(_) => {}
            Err(e) => panic!("{path} is not well-formed XML at {}: {e}", reader.buffer_position()),
        }
    }
    // XML 1.0 allows no C0 control character but tab, line feed and carriage return.
    if let Some(c) = text
        .chars()
        .find(|c| (c.is_control() && !matches!(c, '\t' | '\n' | '\r') && (*c as u32) < 0x20) || matches!(c, '\u{FFFE}' | '\u{FFFF}'))
    {
        panic!("{path} holds {:?}, which XML does not allow", c);
    }
}

fuzz_target!(|text: &str| {
    let Some(output) = statuspress::fuzzing::render(text) else {
        return;
    };
    for (path, bytes) in output.iter() {
        let Ok(text) = std::str::from_utf8(bytes) else {
            panic!("{path} is not UTF-8");
        };
        if path.ends_with(".atom") || path.ends_with(".rss") || path.ends_with(".xml") || path.ends_with(".svg") {
            assert_well_formed_xml(path, text);
        } else if path.ends_with(".ics") {
            if let Err(e) = text.parse::<icalendar::Calendar>() {
                panic!("{path} does not parse: {e}");
            }
        } else if path.ends_with(".json") {
            if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
                panic!("{path} is not JSON: {e}");
            }
        }
    }
});
