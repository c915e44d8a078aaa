//! WARC and WET records: a reader with bounded header lines and
//! Content-Length blocks, and what becomes of each record type.

use std::io::{self, BufRead, Read};

use serde_json::{Map, Value, json};

use super::json::to_json;
use super::{Input, Outcome, RecordOptions, strip_one};
use crate::Stripper;

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
