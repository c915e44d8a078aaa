#![no_main]
//! JSONL record processing: every line gives one JSON output line.
use dechaff::corpus::{RecordOptions, process_jsonl};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = dechaff::Stripper::shared();
    for line in data.split(|&b| b == b'\n') {
        let (out, _) = process_jsonl(s, line, &RecordOptions::default());
        assert!(!out.contains('\n'));
    }
});
