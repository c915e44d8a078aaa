#![no_main]
//! The text front-end and the whole engine on any UTF-8.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let s = dechaff::Stripper::shared().strip(&text);
    let _ = s.body();
});
