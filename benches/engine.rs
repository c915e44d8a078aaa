//! Throughput of the engine on development pages, and of corpus records.
//!
//! Every group also measures a baseline over the same bytes (memchr counting
//! newlines, the cheapest possible pass), so speeds can be compared as ratios
//! within one run on a noisy machine. The corpus groups add a floor: serde_json
//! reading and writing each record (docs/performance.md has its history).
//! The pages come from the development set (`DECHAFF_SHARED`, default
//! `../shared`); the benches are skipped without it.
//! `DECHAFF_BENCH_MB` sets the size of the corpus built for the corpus group
//! (default 200).

use std::path::PathBuf;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use dechaff::Stripper;
use dechaff::corpus::{RecordOptions, process_jsonl};

// The binary's allocator, so that corpus figures match `dechaff corpus`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn dataset() -> Option<PathBuf> {
    let shared = std::env::var("DECHAFF_SHARED").unwrap_or_else(|_| "../shared".into());
    let d = PathBuf::from(shared).join("eval/scrapinghub-aeb");
    if !d.join("manifest.jsonl").exists() {
        // Said on every call: a bench run that times nothing must not look
        // like one that timed the pages.
        eprintln!(
            "warning: {} not found (set DECHAFF_SHARED); the page and corpus benches are SKIPPED",
            d.display()
        );
        return None;
    }
    Some(d)
}

/// The smallest, median and largest page of a kind (`text` or `html`).
fn pages(kind: &str) -> Vec<(String, Vec<u8>)> {
    let Some(d) = dataset() else {
        return Vec::new();
    };
    let mut all: Vec<Vec<u8>> = std::fs::read_dir(d.join(kind))
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    all.sort_by_key(Vec::len);
    let n = all.len();
    vec![
        ("small".into(), all[0].clone()),
        ("median".into(), all[n / 2].clone()),
        ("large".into(), all[n - 1].clone()),
    ]
}

fn baseline(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

fn per_document(c: &mut Criterion) {
    let stripper = Stripper::shared();
    for kind in ["text", "html"] {
        let mut group = c.benchmark_group(format!("document/{kind}"));
        for (size, page) in pages(kind) {
            group.throughput(Throughput::Bytes(page.len() as u64));
            group.bench_with_input(BenchmarkId::new("dechaff", &size), &page, |b, p| {
                b.iter(|| {
                    if kind == "html" {
                        let page = stripper.parse_html(p);
                        stripper.strip_page(&page).body().len()
                    } else {
                        stripper.strip(&String::from_utf8_lossy(p)).body().len()
                    }
                })
            });
            group.bench_with_input(BenchmarkId::new("baseline-memchr", &size), &page, |b, p| {
                b.iter(|| baseline(p))
            });
        }
        group.finish();
    }
}

fn corpus(c: &mut Criterion) {
    for (kind, html) in [("text", false), ("html", true)] {
        corpus_of(c, kind, html);
    }
}

/// A JSONL corpus of `DECHAFF_BENCH_MB` (default 200) built from the
/// development pages of `kind`, stripped at one and two threads.
fn corpus_of(c: &mut Criterion, kind: &str, html: bool) {
    let Some(d) = dataset() else {
        return;
    };
    let mb: usize = std::env::var("DECHAFF_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let mut records: Vec<Vec<u8>> = Vec::new();
    for e in std::fs::read_dir(d.join(kind)).unwrap() {
        let text = String::from_utf8_lossy(&std::fs::read(e.unwrap().path()).unwrap()).into_owned();
        records.push(serde_json::json!({"text": text}).to_string().into_bytes());
    }
    let one: usize = records.iter().map(Vec::len).sum();
    let copies = (mb << 20).div_ceil(one.max(1));
    let corpus: Vec<&[u8]> = (0..copies)
        .flat_map(|_| records.iter().map(Vec::as_slice))
        .collect();
    let bytes: usize = corpus.iter().map(|r| r.len()).sum();
    let opts = RecordOptions {
        html: Some(html),
        ..RecordOptions::default()
    };
    let mut group = c.benchmark_group(format!("corpus/jsonl-{kind}"));
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let strippers: Vec<Stripper> = (0..threads).map(|_| Stripper::shared().clone()).collect();
        group.bench_function(BenchmarkId::new("threads", threads), |b| {
            b.iter(|| {
                use rayon::prelude::*;
                pool.install(|| {
                    corpus
                        .par_iter()
                        .map(|r| {
                            let s = &strippers[rayon::current_thread_index().unwrap_or(0)];
                            process_jsonl(s, r, &opts).0.len()
                        })
                        .sum::<usize>()
                })
            })
        });
    }
    group.bench_function("baseline-memchr", |b| {
        b.iter(|| corpus.iter().map(|r| baseline(r)).sum::<usize>())
    });
    // A floor on one thread: the JSON work any JSONL stage does.
    group.bench_function("baseline-json", |b| {
        b.iter(|| corpus.iter().map(|r| json_round_trip(r)).sum::<usize>())
    });
    group.finish();
}

/// A record read and written back with serde_json, its `text` replaced by
/// a copy: the least a JSONL stage that rewrites one field does.
fn json_round_trip(record: &[u8]) -> usize {
    let mut value: serde_json::Value = serde_json::from_slice(record).unwrap();
    let copy = value["text"].as_str().unwrap_or_default().to_string();
    value["text"] = serde_json::Value::String(copy);
    value.to_string().len()
}

/// Hostile inputs at two sizes: linear time shows as the same MB/s at both.
fn adversarial(c: &mut Criterion) {
    type Make = fn(usize) -> String;
    let inputs: [(&str, bool, Make); 5] = [
        ("br-run", true, |n| "x<br>".repeat(n / 5)),
        ("deep-nesting", true, |n| "<div>".repeat(n / 5) + "text"),
        ("unclosed-tags", true, |n| "<p><span><a>x".repeat(n / 13)),
        ("one-word-paragraphs", false, |n| "w\n\n".repeat(n / 3)),
        ("long-line", false, |n| "word ".repeat(n / 5)),
    ];
    let stripper = Stripper::shared();
    let mut group = c.benchmark_group("adversarial");
    group.sample_size(10);
    for (name, html, make) in inputs {
        for mb in [1usize, 4] {
            let input = make(mb << 20);
            group.throughput(Throughput::Bytes(input.len() as u64));
            group.bench_with_input(BenchmarkId::new(name, format!("{mb}MB")), &input, |b, i| {
                b.iter(|| {
                    if html {
                        let page = stripper.parse_html(i.as_bytes());
                        stripper.strip_page(&page).body().len()
                    } else {
                        stripper.strip(i).body().len()
                    }
                })
            });
        }
    }
    group.finish();
}

/// What a clone of a stripper costs: an `Arc` and a clone of each regex
/// (shared program, a cache of its own), against building one.
fn clone(c: &mut Criterion) {
    let stripper = Stripper::shared();
    let mut group = c.benchmark_group("stripper");
    group.bench_function("clone", |b| b.iter(|| stripper.clone()));
    group.sample_size(10);
    group.bench_function("build", |b| b.iter(|| Stripper::builder().build().unwrap()));
    group.finish();
}

criterion_group!(benches, per_document, corpus, adversarial, clone);
criterion_main!(benches);
