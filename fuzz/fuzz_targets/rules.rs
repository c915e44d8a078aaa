#![no_main]
//! The rule-file parser and compiler: errors, never panics.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(s) = dechaff::Stripper::builder()
        .rules_str("fuzz.rules", &text)
        .build()
    {
        let _ = s
            .strip("Home | News\n\nThe council approved the budget on Tuesday.")
            .body();
    }
});
