#![no_main]
//! The HTML front-end (any bytes, any charset) and the engine.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = dechaff::Stripper::shared();
    let page = s.parse_html(data);
    let _ = page.title();
    let stripped = s.strip_page(&page);
    let _ = stripped.body_with_title();
    let _ = stripped.markdown(true);
    // The same bytes as a page already decoded.
    let page = s.parse_html_str(&String::from_utf8_lossy(data));
    let _ = s.strip_page(&page).markdown(false);
});
