#![no_main]
//! JSONL record processing: every line gives one JSON output line, which
//! parses and keeps the input record's other fields as they were.
use dechaff::corpus::{RecordOptions, process_jsonl};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let s = dechaff::Stripper::shared();
    for line in data.split(|&b| b == b'\n') {
        let (out, _) = process_jsonl(s, line, &RecordOptions::default());
        assert!(!out.contains('\n'));
        let written: Value = serde_json::from_str(&out).expect("output line is JSON");
        let Ok(Value::Object(read)) = serde_json::from_slice::<Value>(line) else {
            continue;
        };
        for (key, value) in &read {
            if key != "text" && key != "error" {
                assert_eq!(written.get(key), Some(value), "{key}");
            }
        }
    }
});
