#![no_main]
//! The WARC reader and record processing.
use dechaff::corpus::{RecordOptions, WarcReader, process_warc};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = dechaff::Stripper::shared();
    for record in WarcReader::new(data, 1 << 20).flatten() {
        let _ = process_warc(s, &record, &RecordOptions::default());
    }
});
