//! Corpus formats: JSONL records and WARC/WET records in, JSONL records out.
//!
//! Each input record gives exactly one output record (or, for WARC record
//! types that hold no page, a counted skip). A record that cannot be processed
//! is passed through with an `error` field; nothing is dropped silently.
//! The binary's `dechaff corpus` adds files, compression, threads and statistics.

mod json;
mod jsonl;
mod warc;

#[cfg(test)]
mod tests;

use std::borrow::Cow;

use serde_json::{Value, json};

use crate::Stripper;

pub use jsonl::process_jsonl;
pub use warc::{WarcError, WarcReader, WarcRecord, process_warc};

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
        Input::HtmlText(html) => html.len(),
        Input::Text(text) => text.len(),
    };
    let page = match &input {
        Input::Html(html) => Ok(stripper.try_parse_html(html).map_err(refused)?),
        Input::HtmlText(html) => Ok(stripper.try_parse_html_str(html).map_err(refused)?),
        Input::Text(text) => Err(text),
    };
    // Without notes, the engine's summary (no per-paragraph results built).
    let (body, cut_by, notes) = match (page, annotate) {
        (Ok(page), false) => {
            let (body, cut_by) = stripper.summarize_page(&page);
            (body, owned(cut_by), None)
        }
        (Ok(page), true) => annotated(&stripper.strip_page(&page)),
        (Err(text), false) => {
            let (body, cut_by) = stripper.summarize_text(text).map_err(refused)?;
            (body, owned(cut_by), None)
        }
        (Err(text), true) => annotated(&stripper.try_strip(text).map_err(refused)?),
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
    for p in stripped.paragraphs().filter(|p| !p.kept) {
        crate::engine::count_cut(&mut cut_by, p.hits().map(|h| h.rule), p.reason);
        // The shape of a paragraph in the command's --json output.
        cut.push(serde_json::to_value(&p).unwrap_or(Value::Null));
    }
    let notes = json!({
        "language": stripped.language(),
        "relaxed": stripped.relaxed(),
        "structured_data": stripped.from_structured_data(),
        "cut": cut,
    });
    (stripped.body(), owned(cut_by), Some(notes))
}

/// A document as a record holds it.
pub(crate) enum Input<'a> {
    /// Text, valid UTF-8 (a JSON string, or a WET payload decoded lossily).
    Text(Cow<'a, str>),
    /// An HTML payload, any bytes (a WARC response).
    Html(&'a [u8]),
    /// An HTML page already decoded (a JSON string): its `<meta charset>`
    /// is not applied again.
    HtmlText(&'a str),
}
