//! JSONL records: the text at a dotted field path is stripped, every other
//! field is kept in order.

use std::borrow::Cow;

use serde_json::{Value, json};

use super::json::to_json;
use super::{Input, Outcome, RecordOptions, strip_one};
use crate::Stripper;
use crate::html::looks_like_html;

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
        Input::HtmlText(input)
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

/// The value at a dotted path inside a JSON object.
fn field_mut<'v>(record: &'v mut Value, path: &[String]) -> Option<&'v mut Value> {
    let mut v = record;
    for key in path {
        v = v.as_object_mut()?.get_mut(key)?;
    }
    Some(v)
}
