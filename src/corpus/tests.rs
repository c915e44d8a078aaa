//! Tests of corpus records: JSON output, JSONL fields, WARC records.

use super::json::to_json;
use super::*;

#[test]
fn json_output_is_serde_jsons_byte_for_byte() {
    use proptest::prelude::*;
    use proptest::test_runner::TestRunner;
    // Strings dense in what gets escaped, near the 8-byte steps.
    let piece = prop_oneof![
        Just("\"".to_string()),
        Just("\\".to_string()),
        Just("\n".to_string()),
        Just("\u{7f}é\u{1f}".to_string()),
        Just("😀".to_string()),
        "[\\x00-\\x7f]{0,9}",
        ".{0,5}",
    ];
    let text = prop::collection::vec(piece, 0..12).prop_map(|p| p.concat());
    let leaf = prop_oneof![
        text.clone().prop_map(Value::String),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|n| json!(n)),
        any::<bool>().prop_map(Value::Bool),
        Just(Value::Null),
    ];
    let value = leaf.prop_recursive(3, 24, 4, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((text.clone(), inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    });
    TestRunner::default()
        .run(&value, |v| {
            prop_assert_eq!(to_json(&v, 0), v.to_string());
            Ok(())
        })
        .unwrap();
    let every_byte: String = (0u8..0x80).map(char::from).collect();
    assert_eq!(
        to_json(&json!(every_byte), 8),
        json!(every_byte).to_string()
    );
}

const PROSE: &str = "The council approved the new budget on Tuesday after a long debate that went on into the night, and the mayor said the roads would be repaired.";

#[test]
fn jsonl_records_keep_their_fields_and_order() {
    let s = Stripper::shared();
    let line = format!(
        r#"{{"id":7,"meta":{{"body":"Home | News | Sport\n\n{PROSE}\n\n© 2024 Example"}},"lang":"en"}}"#
    );
    let opts = RecordOptions {
        field: vec!["meta".into(), "body".into()],
        ..RecordOptions::default()
    };
    let (out, outcome) = process_jsonl(s, line.as_bytes(), &opts);
    assert_eq!(
        out,
        format!(r#"{{"id":7,"meta":{{"body":"{PROSE}"}},"lang":"en"}}"#)
    );
    assert!(
        matches!(&outcome, Outcome::Stripped { cut_by, .. }
            if cut_by.iter().map(|(_, n)| n).sum::<u64>() == 2),
        "{outcome:?}"
    );
}

#[test]
fn html_in_a_json_string_is_text_already_whatever_its_meta_charset() {
    let s = Stripper::shared();
    let prose = PROSE.replace("council", "caf\u{e9} owners' council");
    let page =
        format!("<html><head><meta charset=windows-1252></head><body><p>{prose}</p></body></html>");
    let line = serde_json::json!({ "html": page }).to_string();
    let opts = RecordOptions {
        field: vec!["html".into()],
        html: Some(true),
        ..RecordOptions::default()
    };
    let (out, _) = process_jsonl(s, line.as_bytes(), &opts);
    assert_eq!(out, serde_json::json!({ "html": prose }).to_string());
}

#[test]
fn numbers_pass_through_with_their_digits() {
    // Found by fuzzing: a 40-digit id read as an f64 came out as
    // 1.3333333333333335e33, and 1e400 made the record bad JSON.
    let s = Stripper::shared();
    let numbers = r#""id":1333333333333333333333333333333333333333,"f":0.1,"n":-0,"big":1e+400,"u":18446744073709551616"#;
    let line = format!(r#"{{{numbers},"text":"{PROSE}"}}"#);
    let (out, outcome) = process_jsonl(s, line.as_bytes(), &RecordOptions::default());
    assert_eq!(out, format!(r#"{{{numbers},"text":"{PROSE}"}}"#));
    assert!(matches!(outcome, Outcome::Stripped { .. }), "{outcome:?}");
}

#[test]
fn bad_records_pass_through_with_an_error() {
    let s = &Stripper::builder().max_paragraphs(2).build().unwrap();
    let opts = RecordOptions {
        max_bytes: 10,
        ..RecordOptions::default()
    };
    for (line, kind) in [
        (&b"{not json"[..], "bad_json"),
        (b"\xff\xfe", "bad_utf8"),
        (br#"{"title":"x"}"#, "missing_field"),
        (br#"{"text":3}"#, "field_not_text"),
        (br#"{"text":"more than ten bytes"}"#, "too_large"),
        (br#"{"text":"a\n\nb\n\nc"}"#, "too_many_paragraphs"),
        (b"[1,2]", "missing_field"),
    ] {
        let (out, outcome) = process_jsonl(s, line, &opts);
        assert_eq!(outcome, Outcome::Error(kind));
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["error"], kind, "{out}");
    }
}

fn warc(kind: &str, block: &str) -> String {
    format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: http://example.com/a\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
        block.len()
    )
}

#[test]
fn warc_records_by_type() {
    let html = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<nav><a href=/>Home</a></nav><p>{PROSE}</p>"
    );
    let input = warc("warcinfo", "software: x\r\n")
        + &warc("response", &html)
        + &warc("conversion", &format!("Menu\n\n{PROSE}"))
        + &warc("request", "GET / HTTP/1.1\r\n\r\n");
    let records: Vec<WarcRecord> = WarcReader::new(input.as_bytes(), 1 << 20)
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(records.len(), 4);
    let s = Stripper::shared();
    let opts = RecordOptions::default();
    let outs: Vec<(Option<String>, Outcome)> =
        records.iter().map(|r| process_warc(s, r, &opts)).collect();
    assert_eq!(outs[0].1, Outcome::Skipped("warcinfo".into()));
    let v: Value = serde_json::from_str(outs[1].0.as_ref().unwrap()).unwrap();
    assert_eq!(v["text"], PROSE);
    assert_eq!(v["url"], "http://example.com/a");
    let v: Value = serde_json::from_str(outs[2].0.as_ref().unwrap()).unwrap();
    assert_eq!(v["text"], PROSE);
    assert_eq!(outs[3].1, Outcome::Skipped("request".into()));
}

#[test]
fn truncated_and_malformed_warc_are_errors_after_the_good_records() {
    let good = warc("conversion", PROSE);
    let cut = &good[..good.len() - 20];
    let input = good.clone() + cut;
    let results: Vec<_> = WarcReader::new(input.as_bytes(), 1 << 20).collect();
    assert_eq!(results.len(), 2);
    assert!(results[0].is_ok());
    assert!(matches!(results[1], Err(WarcError::Truncated(_))));
    let results: Vec<_> = WarcReader::new(&b"garbage\r\n"[..], 1 << 20).collect();
    assert!(matches!(results[..], [Err(WarcError::Malformed(_))]));
    let big = "WARC/1.0\r\nContent-Length: 999999999\r\n\r\n";
    let results: Vec<_> = WarcReader::new(big.as_bytes(), 1 << 20).collect();
    assert!(matches!(results[..], [Err(WarcError::TooLarge(_))]));
}
