//! Corpus formats: JSONL records and WARC/WET records in, JSONL records out.
//!
//! Each input record gives exactly one output record (or, for WARC record
//! types that hold no page, a counted skip). A record that cannot be processed
//! is passed through with an `error` field; nothing is dropped silently.
//! The binary's `dechaff corpus` adds files, compression, threads and statistics.

use std::borrow::Cow;
use std::io::{self, BufRead, Read};

use serde_json::{Map, Value, json};

use crate::Stripper;
use crate::html::looks_like_html;

/// How one record went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Stripped; the rules that cut paragraphs are counted.
    Stripped {
        /// Bytes of text in.
        bytes_in: usize,
        /// Bytes of clean body out.
        bytes_out: usize,
        /// The most negative rule of each cut paragraph (or the reason it
        /// was cut, when no negative rule fired), with how many paragraphs
        /// it cut; one entry per rule, in order of first cut.
        cut_by: Vec<(String, u64)>,
    },
    /// Passed through with an `error` field of this kind.
    Error(&'static str),
    /// A WARC record with no page in it (request, metadata, warcinfo…).
    Skipped(String),
}

/// Options of record processing.
#[derive(Clone, Debug)]
pub struct RecordOptions {
    /// Dotted path of the text field in JSONL records (`text`, `meta.body`).
    pub field: Vec<String>,
    /// Read the field as HTML (`Some(true)`), text (`Some(false)`) or by looking (`None`).
    pub html: Option<bool>,
    /// Add the cut paragraphs with their rules and scores under `dechaff`.
    pub annotate: bool,
    /// Records whose text is longer than this many bytes are passed through
    /// with an error instead of being stripped.
    pub max_bytes: usize,
}

impl Default for RecordOptions {
    fn default() -> RecordOptions {
        RecordOptions {
            field: vec!["text".into()],
            html: Some(false),
            annotate: false,
            max_bytes: 50 << 20,
        }
    }
}

/// Processes one JSONL line into one output line (without its newline).
pub fn process_jsonl(stripper: &Stripper, line: &[u8], opts: &RecordOptions) -> (String, Outcome) {
    let fail = |kind: &'static str, detail: String| {
        let v = json!({"error": kind, "detail": detail, "raw": String::from_utf8_lossy(line)});
        (v.to_string(), Outcome::Error(kind))
    };
    let text = match std::str::from_utf8(line) {
        Ok(t) => t,
        Err(e) => return fail("bad_utf8", e.to_string()),
    };
    let mut record: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return fail("bad_json", e.to_string()),
    };
    let with_error = |mut record: Value, kind: &'static str| {
        if let Some(obj) = record.as_object_mut() {
            obj.insert("error".into(), json!(kind));
            (record.to_string(), Outcome::Error(kind))
        } else {
            (
                json!({"error": kind, "raw": record}).to_string(),
                Outcome::Error(kind),
            )
        }
    };
    let Some(slot) = field_mut(&mut record, &opts.field) else {
        return with_error(record, "missing_field");
    };
    let Some(input) = slot.as_str() else {
        return with_error(record, "field_not_text");
    };
    if input.len() > opts.max_bytes {
        return with_error(record, "too_large");
    }
    let html = opts
        .html
        .unwrap_or_else(|| looks_like_html(input.as_bytes()));
    let input = if html {
        Input::Html(input.as_bytes())
    } else {
        Input::Text(Cow::Borrowed(input))
    };
    let (body, outcome, notes) = match strip_one(stripper, input, opts.annotate) {
        Ok(done) => done,
        Err(kind) => return with_error(record, kind),
    };
    *slot = Value::String(body);
    if let (Some(notes), Some(obj)) = (notes, record.as_object_mut()) {
        obj.insert("dechaff".into(), notes);
    }
    (to_json(&record, line.len()), outcome)
}

/// Strips one document; returns the body, the outcome and, when asked, the
/// annotation (cut paragraphs with rules and scores); or the kind of error
/// when the stripper's limits refuse it.
fn strip_one(
    stripper: &Stripper,
    input: Input<'_>,
    annotate: bool,
) -> Result<(String, Outcome, Option<Value>), &'static str> {
    let refused = |e: crate::Error| match e.kind() {
        crate::ErrorKind::TooManyParagraphs { .. } => "too_many_paragraphs",
        _ => "too_large",
    };
    let bytes_in = match &input {
        Input::Html(html) => html.len(),
        Input::Text(text) => text.len(),
    };
    // Without notes, the engine's summary (no per-paragraph results built).
    let (body, cut_by, notes) = match (&input, annotate) {
        (Input::Html(html), false) => {
            let page = stripper.try_parse_html(html).map_err(refused)?;
            let (body, cut_by) = stripper.summarize_page(&page);
            (body, owned(cut_by), None)
        }
        (Input::Text(text), false) => {
            let (body, cut_by) = stripper.summarize_text(text).map_err(refused)?;
            (body, owned(cut_by), None)
        }
        (Input::Html(html), true) => {
            let page = stripper.try_parse_html(html).map_err(refused)?;
            annotated(&stripper.strip_page(&page))
        }
        (Input::Text(text), true) => annotated(&stripper.try_strip(text).map_err(refused)?),
    };
    let outcome = Outcome::Stripped {
        bytes_in,
        bytes_out: body.len(),
        cut_by,
    };
    Ok((body, outcome, notes))
}

fn owned(cut_by: Vec<(&str, u64)>) -> Vec<(String, u64)> {
    cut_by
        .into_iter()
        .map(|(name, n)| (name.to_string(), n))
        .collect()
}

/// The body, the cut counts by rule and the notes of `--annotate`: every
/// cut paragraph with its score, reason and rules.
fn annotated(stripped: &crate::Stripped<'_>) -> (String, Vec<(String, u64)>, Option<Value>) {
    // Counted per record by name: a few distinct rules cut most paragraphs.
    let mut cut_by: Vec<(&str, u64)> = Vec::new();
    let mut cut = Vec::new();
    for p in stripped.paragraphs().iter().filter(|p| !p.kept) {
        crate::engine::count_cut(&mut cut_by, p.hits.iter().map(|h| h.rule), p.reason);
        let rules: Vec<Value> = p
            .hits
            .iter()
            .map(|h| json!([h.rule.name, h.rule.weight]))
            .collect();
        cut.push(json!({
            "text": stripped.paragraph_text(p),
            "score": p.score,
            "reason": p.reason.describe(),
            "rules": rules,
        }));
    }
    let notes = json!({"language": stripped.language(), "cut": cut});
    (stripped.body(), owned(cut_by), Some(notes))
}

/// A document as a record holds it.
enum Input<'a> {
    /// Text, valid UTF-8 (a JSON string, or a WET payload decoded lossily).
    Text(Cow<'a, str>),
    /// An HTML payload, any bytes.
    Html(&'a [u8]),
}

/// The value at a dotted path inside a JSON object.
fn field_mut<'v>(record: &'v mut Value, path: &[String]) -> Option<&'v mut Value> {
    let mut v = record;
    for key in path {
        v = v.as_object_mut()?.get_mut(key)?;
    }
    Some(v)
}

/// One WARC record: its headers (names as written) and its content block.
#[derive(Clone, Debug, Default)]
pub struct WarcRecord {
    /// Header fields in order.
    pub headers: Vec<(String, String)>,
    /// The content block.
    pub block: Vec<u8>,
}

impl WarcRecord {
    /// The value of header `name` (ASCII case ignored).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Errors of the WARC reader.
#[derive(Debug, thiserror::Error)]
pub enum WarcError {
    /// Reading (or gunzipping) failed.
    #[error("read error: {0}")]
    Io(#[from] io::Error),
    /// The input ended inside a record.
    #[error("truncated record: {0}")]
    Truncated(&'static str),
    /// A record does not start with a `WARC/` version line or lacks Content-Length.
    #[error("malformed record: {0}")]
    Malformed(String),
    /// A record is larger than the reader accepts.
    #[error("record of {0} bytes is over the limit")]
    TooLarge(u64),
}

/// Reads WARC records one after the other from a (decompressed) stream.
pub struct WarcReader<R> {
    input: R,
    max_record: u64,
    done: bool,
}

impl<R: BufRead> WarcReader<R> {
    /// A reader that refuses records over `max_record` bytes.
    pub fn new(input: R, max_record: u64) -> WarcReader<R> {
        WarcReader {
            input,
            max_record,
            done: false,
        }
    }

    fn read_record(&mut self) -> Result<Option<WarcRecord>, WarcError> {
        let mut line = Vec::new();
        // Blank lines between records are allowed.
        loop {
            line.clear();
            if self.read_line(&mut line)? == 0 {
                return Ok(None);
            }
            if !trim_eol(&line).is_empty() {
                break;
            }
        }
        if !line.starts_with(b"WARC/") {
            return Err(WarcError::Malformed(format!(
                "expected a WARC/ version line, found {:?}",
                String::from_utf8_lossy(&line[..line.len().min(40)])
            )));
        }
        let mut headers = Vec::new();
        loop {
            line.clear();
            if self.read_line(&mut line)? == 0 {
                return Err(WarcError::Truncated("input ends inside the headers"));
            }
            let l = trim_eol(&line);
            if l.is_empty() {
                break;
            }
            let text = String::from_utf8_lossy(l);
            if let Some((k, v)) = text.split_once(':') {
                headers.push((k.trim().to_string(), v.trim().to_string()));
            }
        }
        let record = WarcRecord {
            headers,
            block: Vec::new(),
        };
        let length: u64 = record
            .header("Content-Length")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| WarcError::Malformed("no valid Content-Length".into()))?;
        if length > self.max_record {
            return Err(WarcError::TooLarge(length));
        }
        let mut block = Vec::with_capacity(length as usize);
        (&mut self.input).take(length).read_to_end(&mut block)?;
        if (block.len() as u64) < length {
            return Err(WarcError::Truncated("input ends inside the content block"));
        }
        Ok(Some(WarcRecord { block, ..record }))
    }

    fn read_line(&mut self, line: &mut Vec<u8>) -> io::Result<usize> {
        // Header lines are short; a bounded read keeps garbage input from
        // growing one line without end.
        (&mut self.input).take(1 << 16).read_until(b'\n', line)
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<WarcRecord, WarcError>;

    /// The next record; after an error the reader stops (the stream position
    /// inside a broken record is unknown).
    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.read_record() {
            Ok(Some(r)) => Some(Ok(r)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Processes one WARC record into one JSONL line: WET `conversion` records
/// through the text front-end, `response` records with an HTML payload
/// through the HTML front-end; other records are skipped (and counted).
pub fn process_warc(
    stripper: &Stripper,
    record: &WarcRecord,
    opts: &RecordOptions,
) -> (Option<String>, Outcome) {
    let kind = record
        .header("WARC-Type")
        .unwrap_or("")
        .to_ascii_lowercase();
    let (payload, html) = match kind.as_str() {
        "conversion" => (&record.block[..], false),
        "response" => match http_body(&record.block) {
            Some((content_type, body)) if content_type.contains("html") => (body, true),
            _ => return (None, Outcome::Skipped("response (not HTML)".into())),
        },
        _ => return (None, Outcome::Skipped(kind)),
    };
    let mut out = Map::new();
    for (key, header) in [
        ("url", "WARC-Target-URI"),
        ("warc_record_id", "WARC-Record-ID"),
        ("warc_date", "WARC-Date"),
    ] {
        if let Some(v) = record.header(header) {
            out.insert(key.into(), json!(v));
        }
    }
    out.insert("warc_type".into(), json!(kind));
    if payload.len() > opts.max_bytes {
        out.insert("error".into(), json!("too_large"));
        return (
            Some(Value::Object(out).to_string()),
            Outcome::Error("too_large"),
        );
    }
    let input = if html {
        Input::Html(payload)
    } else {
        Input::Text(String::from_utf8_lossy(payload))
    };
    let (body, outcome, notes) = match strip_one(stripper, input, opts.annotate) {
        Ok(done) => done,
        Err(kind) => {
            out.insert("error".into(), json!(kind));
            return (Some(Value::Object(out).to_string()), Outcome::Error(kind));
        }
    };
    out.insert("text".into(), json!(body));
    if let Some(n) = notes {
        out.insert("dechaff".into(), n);
    }
    (Some(to_json(&Value::Object(out), 256)), outcome)
}

/// Splits an HTTP response into its Content-Type (lowercased) and body.
fn http_body(block: &[u8]) -> Option<(String, &[u8])> {
    let end = memchr::memmem::find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| memchr::memmem::find(block, b"\n\n").map(|i| (i, i + 2)))?;
    let head = String::from_utf8_lossy(&block[..end.0]).to_ascii_lowercase();
    let content_type = head
        .lines()
        .find_map(|l| l.strip_prefix("content-type:"))
        .map(|v| v.trim().to_string())
        .unwrap_or_default();
    Some((content_type, &block[end.1..]))
}

/// `value` as compact JSON, byte for byte as `Value::to_string` writes it,
/// with strings escaped eight bytes at a time: serde_json looks up every
/// byte, and the bodies make up most of the output.
/// `capacity`: what the caller expects it to take (the input line's length).
fn to_json(value: &Value, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    write_json(value, &mut out);
    out
}

fn write_json(value: &Value, out: &mut String) {
    match value {
        Value::String(s) => write_json_str(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json_str(key, out);
                out.push(':');
                write_json(item, out);
            }
            out.push('}');
        }
        // Null, booleans and numbers: serde_json's own formatting.
        other => out.push_str(&other.to_string()),
    }
}

/// A JSON string literal, escaped as serde_json escapes: `"`, `\\`, and
/// control chars (`\n` and the like where JSON has a short form).
fn write_json_str(s: &str, out: &mut String) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // High bit of each byte that is zero. Bytes above the first zero byte
    // may be flagged too, never bytes below it: the lowest flag is exact.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push('"');
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(eight) = bytes.get(i..i + 8) {
            let x = u64::from_le_bytes(eight.try_into().unwrap_or_default());
            // Bytes below 0x20 (bits 5-7 clear), `"` and `\`.
            let special = zero(x & 0xE0E0_E0E0_E0E0_E0E0)
                | zero(x ^ (ONES * b'"' as u64))
                | zero(x ^ (ONES * b'\\' as u64));
            if special == 0 {
                i += 8;
                continue;
            }
            i += special.trailing_zeros() as usize / 8;
        } else if !needs_escape(bytes[i]) {
            i += 1;
            continue;
        }
        let b = bytes[i];
        // `i` is at an ASCII byte: a char boundary.
        out.push_str(s.get(start..i).unwrap_or_default());
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0C => out.push_str("\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 0xF) as usize] as char);
            }
        }
        i += 1;
        start = i;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

#[cfg(test)]
mod tests {
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
}
