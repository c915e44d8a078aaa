//! `dechaff corpus`: JSONL or WARC/WET in (plain, gzip or zstd), JSONL out,
//! one output record per input record in input order, on every core.
//!
//! A reader thread cuts the input into chunks of records; a few chunks at a
//! time are stripped in parallel (rayon), and a writer thread writes them in
//! input order, so memory is bounded by a few chunks whatever the corpus
//! size.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, sync_channel};
use std::time::Instant;

use clap::Args;
use dechaff::Stripper;
use dechaff::corpus::{
    Outcome, RecordOptions, WarcReader, WarcRecord, process_jsonl, process_warc,
};
use rayon::prelude::*;
use serde_json::json;

use crate::{EngineArgs, Failure, Format, write_error};

#[derive(Args, Debug)]
pub struct CorpusArgs {
    /// JSONL or WARC/WET files (plain, .gz or .zst); standard input when none.
    files: Vec<PathBuf>,
    /// Dotted path of the text field of JSONL records.
    #[arg(long, default_value = "text")]
    field: String,
    /// How to read the text field of JSONL records.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write the JSONL output here instead of standard output (atomically; a device or a pipe such as /dev/null is written as it is).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Add the cut paragraphs with their rules and scores to each record.
    #[arg(long)]
    annotate: bool,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long)]
    jobs: Option<usize>,
    /// Also write the summary as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    stats: Option<PathBuf>,
    #[command(flatten)]
    engine: EngineArgs,
}

/// Records per chunk, and the bytes at which a chunk is closed early.
const CHUNK_RECORDS: usize = 512;
const CHUNK_BYTES: usize = 4 << 20;

enum Item {
    Line {
        line: Vec<u8>,
        number: u64,
    },
    /// A JSONL line over the size limit: not kept in memory.
    LongLine {
        number: u64,
    },
    Warc(WarcRecord),
}

enum Message {
    Chunk(Vec<Item>, usize),
    /// Reading stopped: a file could not be read, or a record was broken.
    Fatal(String),
}

#[derive(Default)]
struct Stats {
    records: u64,
    stripped: u64,
    bytes_in: u64,
    bytes_out: u64,
    errors: BTreeMap<String, u64>,
    skipped: BTreeMap<String, u64>,
    cut_by: HashMap<String, u64>,
    fatal: Vec<String>,
}

pub fn run(args: &CorpusArgs) -> Result<(), Failure> {
    let stripper = args.engine.build()?;
    let opts = RecordOptions {
        field: args.field.split('.').map(str::to_string).collect(),
        html: match args.format {
            Format::Text => Some(false),
            Format::Html => Some(true),
            Format::Auto => None,
        },
        annotate: args.annotate,
        max_bytes: args.engine.max_bytes,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .map_err(|e| Failure(format!("cannot start threads: {e}")))?;

    // One chunk waits here, one for a slot on the pool (see `write_all`).
    let (tx, rx) = sync_channel::<Message>(1);
    let files = args.files.clone();
    let max_bytes = args.engine.max_bytes;
    let reader = std::thread::spawn(move || {
        let sources: Vec<Option<PathBuf>> = if files.is_empty() {
            vec![None]
        } else {
            files.into_iter().map(Some).collect()
        };
        for source in sources {
            if let Err(msg) = read_source(source.as_deref(), max_bytes, &mut |m| tx.send(m).is_ok())
            {
                let _ = tx.send(Message::Fatal(msg));
                return;
            }
        }
    });

    // A regular file (or a new one) is written atomically: to a temporary
    // file renamed over it at the end. A device or a pipe (`/dev/null`, a
    // FIFO) is written as it is: the rename would replace it with a file.
    let regular = |p: &PathBuf| std::fs::metadata(p).map_or(true, |m| m.is_file());
    let target = args.out.as_ref().filter(|p| regular(p)).map(|p| {
        let mut tmp = p.as_os_str().to_owned();
        tmp.push(".tmp");
        (p.clone(), PathBuf::from(tmp))
    });
    let sink: Box<dyn Write + Send> = match (&target, &args.out) {
        (Some((_, tmp)), _) => Box::new(
            File::create(tmp)
                .map_err(|e| Failure(format!("cannot create {}: {e}", tmp.display())))?,
        ),
        (None, Some(special)) => Box::new(
            File::options()
                .write(true)
                .open(special)
                .map_err(|e| Failure(format!("cannot open {}: {e}", special.display())))?,
        ),
        (None, None) => Box::new(io::stdout()),
    };
    let mut out = io::BufWriter::with_capacity(1 << 20, sink);
    let start = Instant::now();
    let progress = progress_bar();
    let mut stats = Stats::default();
    let result = write_all(
        &rx, &pool, &stripper, &opts, &mut out, &mut stats, &progress,
    );
    drop(rx);
    let _ = reader.join();
    progress.finish_and_clear();
    let result = result.and_then(|()| out.flush().map_err(write_error));
    drop(out);
    match (&result, &target) {
        (Ok(()), Some((path, tmp))) => std::fs::rename(tmp, path)
            .map_err(|e| Failure(format!("cannot write {}: {e}", path.display())))?,
        (Err(_), Some((_, tmp))) => {
            // Never leave a partial output that looks complete.
            let _ = std::fs::remove_file(tmp);
        }
        _ => {}
    }
    if let Err(Failure(msg)) = &result {
        if msg == crate::BROKEN_PIPE {
            return result;
        }
    }
    report(&stats, start.elapsed().as_secs_f64(), args.stats.as_deref())?;
    result?;
    if let Some(first) = stats.fatal.first() {
        return Err(Failure(format!(
            "input error after {} records: {first}",
            stats.records
        )));
    }
    Ok(())
}

/// Chunks being stripped or waiting to be written, at most. Up to this
/// many chunks are on the pool at once, so a worker that finishes its share
/// of one chunk starts on the next instead of waiting for the chunk's last
/// record (the more cores, the longer that wait).
const CHUNKS_IN_FLIGHT: usize = 3;

/// Strips chunks on the pool, several at a time, while a writer thread
/// writes their records in input order.
fn write_all(
    rx: &Receiver<Message>,
    pool: &rayon::ThreadPool,
    stripper: &Stripper,
    opts: &RecordOptions,
    out: &mut (impl Write + Send),
    stats: &mut Stats,
    progress: &indicatif::ProgressBar,
) -> Result<(), Failure> {
    // One stripper per worker: threads sharing one `Regex` contend for its
    // cache pool (two workers ran 1.5x one; with clones they do not share).
    let strippers: Vec<Stripper> = (0..pool.current_num_threads())
        .map(|_| stripper.clone())
        .collect();
    let strippers = &strippers;
    type Done = (u64, Vec<(Option<String>, Outcome)>, usize);
    let (done_tx, done_rx) = sync_channel::<Done>(CHUNKS_IN_FLIGHT);
    // A chunk goes to the pool only with a slot, which the writer gives
    // back once the chunk is written: memory stays bounded.
    let (slot_tx, slot_rx) = sync_channel::<()>(CHUNKS_IN_FLIGHT);
    for _ in 0..CHUNKS_IN_FLIGHT {
        let _ = slot_tx.send(());
    }
    let counts = &mut *stats;
    let (written, fatal) = std::thread::scope(|scope| {
        let writer = scope.spawn(move || -> Result<(), Failure> {
            let mut finished = InOrder::default();
            for (number, results, bytes) in done_rx {
                for (results, bytes) in finished.add(number, (results, bytes)) {
                    for (line, outcome) in results {
                        if let Some(line) = line {
                            out.write_all(line.as_bytes()).map_err(write_error)?;
                            out.write_all(b"\n").map_err(write_error)?;
                        }
                        count(counts, outcome);
                    }
                    progress.inc(bytes as u64);
                    progress.set_message(format!("{} records", counts.records));
                    let _ = slot_tx.send(());
                }
            }
            Ok(())
        });
        let mut fatal = None;
        pool.in_place_scope(|chunks| {
            for (number, message) in (0u64..).zip(rx) {
                let (chunk, bytes) = match message {
                    Message::Chunk(c, b) => (c, b),
                    Message::Fatal(msg) => {
                        fatal = Some(msg);
                        break;
                    }
                };
                if slot_rx.recv().is_err() {
                    break; // The writer stopped on an error.
                }
                let done_tx = done_tx.clone();
                chunks.spawn(move |_| {
                    let results = chunk
                        .into_par_iter()
                        .map(|item| {
                            let worker = rayon::current_thread_index().unwrap_or(0);
                            let stripper = strippers.get(worker).unwrap_or(stripper);
                            process(stripper, opts, item)
                        })
                        .collect();
                    // A writer that stopped on an error receives no more.
                    let _ = done_tx.send((number, results, bytes));
                });
            }
        });
        drop(done_tx);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(Failure("the writer thread failed".into())));
        (written, fatal)
    });
    stats.fatal.extend(fatal);
    written
}

/// Chunks finish in any order; they leave in input order.
struct InOrder<T> {
    next: u64,
    waiting: BTreeMap<u64, T>,
}

impl<T> Default for InOrder<T> {
    fn default() -> Self {
        InOrder {
            next: 0,
            waiting: BTreeMap::new(),
        }
    }
}

impl<T> InOrder<T> {
    /// Takes chunk `number` (numbered from 0); returns the chunks that can
    /// leave now: none while an earlier one is missing.
    fn add(&mut self, number: u64, chunk: T) -> impl Iterator<Item = T> + '_ {
        self.waiting.insert(number, chunk);
        std::iter::from_fn(move || {
            let chunk = self.waiting.remove(&self.next)?;
            self.next += 1;
            Some(chunk)
        })
    }
}

fn process(stripper: &Stripper, opts: &RecordOptions, item: Item) -> (Option<String>, Outcome) {
    match item {
        Item::Line { line, number } => {
            let (mut out, outcome) = process_jsonl(stripper, &line, opts);
            if let Outcome::Error(_) = outcome {
                out = add_line_number(out, number);
            }
            (Some(out), outcome)
        }
        Item::LongLine { number } => (
            Some(json!({"error": "too_large", "line": number}).to_string()),
            Outcome::Error("too_large"),
        ),
        Item::Warc(record) => process_warc(stripper, &record, opts),
    }
}

fn add_line_number(out: String, number: u64) -> String {
    match serde_json::from_str::<serde_json::Value>(&out) {
        Ok(serde_json::Value::Object(mut o)) => {
            o.insert("line".into(), json!(number));
            serde_json::Value::Object(o).to_string()
        }
        _ => out,
    }
}

fn count(stats: &mut Stats, outcome: Outcome) {
    match outcome {
        Outcome::Stripped {
            bytes_in,
            bytes_out,
            cut_by,
        } => {
            stats.records += 1;
            stats.stripped += 1;
            stats.bytes_in += bytes_in as u64;
            stats.bytes_out += bytes_out as u64;
            for (rule, n) in cut_by {
                *stats.cut_by.entry(rule).or_default() += n;
            }
        }
        Outcome::Error(kind) => {
            stats.records += 1;
            *stats.errors.entry(kind.to_string()).or_default() += 1;
        }
        Outcome::Skipped(kind) => *stats.skipped.entry(kind).or_default() += 1,
    }
}

/// Reads one file (or stdin) into chunks; `send` returns false when the
/// consumer has gone (a closed output pipe), which ends reading quietly.
fn read_source(
    path: Option<&Path>,
    max_bytes: usize,
    send: &mut dyn FnMut(Message) -> bool,
) -> Result<(), String> {
    let name = path.map_or("<stdin>".to_string(), |p| p.display().to_string());
    let raw: Box<dyn Read> = match path {
        Some(p) => Box::new(File::open(p).map_err(|e| format!("{name}: {e}"))?),
        None => Box::new(io::stdin()),
    };
    let mut input = decompress(raw).map_err(|e| format!("{name}: {e}"))?;
    let is_warc = {
        let head = input.fill_buf().map_err(|e| format!("{name}: {e}"))?;
        let start = head
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(0);
        head[start..].starts_with(b"WARC/")
    };
    let mut chunk = Vec::new();
    let mut bytes = 0usize;
    let mut flush = |chunk: &mut Vec<Item>, bytes: &mut usize, force: bool| {
        if chunk.len() >= CHUNK_RECORDS || *bytes >= CHUNK_BYTES || (force && !chunk.is_empty()) {
            let ok = send(Message::Chunk(std::mem::take(chunk), *bytes));
            *bytes = 0;
            return ok;
        }
        true
    };
    if is_warc {
        for record in WarcReader::new(input, max_bytes as u64 + (1 << 20)) {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    // Every record read before the fault is written first.
                    flush(&mut chunk, &mut bytes, true);
                    return Err(format!("{name}: {e}"));
                }
            };
            bytes += record.block.len();
            chunk.push(Item::Warc(record));
            if !flush(&mut chunk, &mut bytes, false) {
                return Ok(());
            }
        }
    } else {
        let mut number = 0u64;
        loop {
            number += 1;
            let mut line = Vec::new();
            let (n, complete) = match read_line_limited(&mut input, &mut line, max_bytes) {
                Ok(r) => r,
                Err(e) => {
                    flush(&mut chunk, &mut bytes, true);
                    return Err(format!("{name}: line {number}: {e}"));
                }
            };
            if n == 0 {
                break;
            }
            bytes += n;
            while line.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                line.pop();
            }
            if !complete {
                chunk.push(Item::LongLine { number });
            } else if !line.iter().all(u8::is_ascii_whitespace) {
                chunk.push(Item::Line { line, number });
            }
            if !flush(&mut chunk, &mut bytes, false) {
                return Ok(());
            }
        }
    }
    flush(&mut chunk, &mut bytes, true);
    Ok(())
}

/// Reads one line; keeps at most `limit` bytes of it (and then reports it
/// incomplete), so that a 100 MB line costs no memory beyond the limit.
fn read_line_limited(
    input: &mut impl BufRead,
    line: &mut Vec<u8>,
    limit: usize,
) -> io::Result<(usize, bool)> {
    let mut total = 0;
    let mut complete = true;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok((total, complete));
        }
        let (used, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        if complete && line.len() + used <= limit.saturating_add(2) {
            line.extend_from_slice(&buf[..used]);
        } else {
            complete = false;
            line.clear();
        }
        input.consume(used);
        total += used;
        if done {
            return Ok((total, complete));
        }
    }
}

/// Wraps `raw` in a gzip (multi-member) or zstd decoder when its first bytes
/// say so.
fn decompress(raw: Box<dyn Read>) -> io::Result<Box<dyn BufRead>> {
    let mut buffered = BufReader::with_capacity(1 << 16, raw);
    let head = buffered.fill_buf()?;
    Ok(if head.starts_with(&[0x1f, 0x8b]) {
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::bufread::MultiGzDecoder::new(buffered),
        ))
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Box::new(BufReader::with_capacity(
            1 << 16,
            zstd::Decoder::with_buffer(buffered)?,
        ))
    } else {
        Box::new(buffered)
    })
}

fn progress_bar() -> indicatif::ProgressBar {
    if !io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} {bytes} read, {binary_bytes_per_sec}, {msg}",
    ) {
        bar.set_style(style);
    }
    bar
}

/// The summary on stderr, and as JSON in `path` when given.
fn report(stats: &Stats, secs: f64, path: Option<&Path>) -> Result<(), Failure> {
    let mut top: Vec<(&String, &u64)> = stats.cut_by.iter().collect();
    top.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    top.truncate(10);
    let cut_share = if stats.bytes_in == 0 {
        0.0
    } else {
        1.0 - stats.bytes_out as f64 / stats.bytes_in as f64
    };
    let v = json!({
        "records": stats.records,
        "stripped": stats.stripped,
        "errors": stats.errors,
        "skipped": stats.skipped,
        "mb_in": stats.bytes_in as f64 / 1e6,
        "mb_out": stats.bytes_out as f64 / 1e6,
        "share_cut": cut_share,
        "seconds": secs,
        "mb_per_second": stats.bytes_in as f64 / 1e6 / secs.max(1e-9),
        "top_cutting_rules": top.iter().map(|(r, n)| json!([r, n])).collect::<Vec<_>>(),
        "input_errors": stats.fatal,
    });
    let errors: u64 = stats.errors.values().sum();
    let skipped: u64 = stats.skipped.values().sum();
    eprintln!(
        "dechaff corpus: {} records ({} stripped, {errors} errors {:?}), {skipped} skipped {:?}",
        stats.records, stats.stripped, stats.errors, stats.skipped
    );
    eprintln!(
        "  {:.1} MB in, {:.1} MB out ({:.0}% cut), {:.1} s, {:.1} MB/s",
        stats.bytes_in as f64 / 1e6,
        stats.bytes_out as f64 / 1e6,
        cut_share * 100.0,
        secs,
        stats.bytes_in as f64 / 1e6 / secs.max(1e-9)
    );
    let rules: Vec<String> = top.iter().map(|(r, n)| format!("{r} {n}")).collect();
    eprintln!("  cut most: {}", rules.join(", "));
    if let Some(p) = path {
        std::fs::write(p, format!("{v}\n"))
            .map_err(|e| Failure(format!("cannot write {}: {e}", p.display())))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::InOrder;

    #[test]
    fn chunks_leave_in_input_order_whatever_order_they_finish_in() {
        let mut order = InOrder::default();
        let mut left = Vec::new();
        for (number, chunk) in [(2, "c"), (0, "a"), (4, "e"), (1, "b"), (3, "d")] {
            let now: Vec<&str> = order.add(number, chunk).collect();
            left.push(now.join(""));
        }
        assert_eq!(left, ["", "a", "", "bc", "de"]);
    }
}
