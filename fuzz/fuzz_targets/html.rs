#![no_main]
//! The HTML front-end (any bytes, any charset) and the engine.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = dechaff::Stripper::shared();
    let page = s.parse_html(data);
    let _ = s.strip_page(&page).body();
});
