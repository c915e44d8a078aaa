//! What one automaton pass over every phrase would cost, the design the
//! phrase index replaced: times, over the same pages in the same run, an
//! Aho-Corasick DFA over `Stripper::search_patterns` (overlapping search,
//! ASCII case ignored) and the whole `Stripper::strip`, which reads no byte
//! with an automaton. Such a pass alone would bound the engine.
//!
//! `cargo run --release --example automaton [DIR] [passes]`
//! (DIR defaults to `../shared/eval/scrapinghub-aeb/text`).

use std::time::Instant;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .unwrap_or_else(|| "../shared/eval/scrapinghub-aeb/text".into());
    let passes: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let pages: Vec<String> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|e| std::fs::read(e.ok()?.path()).ok())
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .collect(),
        Err(e) => {
            eprintln!("automaton: cannot read {dir}: {e}");
            std::process::exit(1);
        }
    };
    let bytes: usize = pages.iter().map(String::len).sum();
    let stripper = dechaff::Stripper::shared();
    let patterns = stripper.search_patterns();
    let automaton = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(patterns)
        .expect("the engine builds the same automaton");
    println!(
        "{} pages, {:.2} MB; {} patterns, DFA of {:.1} MB",
        pages.len(),
        bytes as f64 / 1e6,
        patterns.len(),
        automaton.memory_usage() as f64 / 1e6
    );
    let mb = (bytes * passes) as f64 / 1e6;
    for round in 1..=3 {
        let t = Instant::now();
        let mut matches = 0;
        for _ in 0..passes {
            for p in &pages {
                matches += automaton.find_overlapping_iter(p.as_str()).count();
            }
        }
        let alone = mb / t.elapsed().as_secs_f64();
        let t = Instant::now();
        let mut kept = 0;
        for _ in 0..passes {
            for p in &pages {
                kept += stripper.strip(p).body().len();
            }
        }
        let whole = mb / t.elapsed().as_secs_f64();
        println!(
            "round {round}: automaton alone {alone:.0} MB/s ({matches} matches), \
             whole strip {whole:.1} MB/s ({kept} bytes kept): such a pass would take {:.0}% \
             of the strip's time",
            100.0 * whole / alone
        );
    }
}
