//! How a scraper uses dechaff: build the stripper once, share it, strip each
//! fetched page, keep the body and log why paragraphs were cut.
//!
//! Run with `cargo run --example scraper [FILE]` (defaults to a page shipped
//! in `examples/pages/`).

use std::sync::Arc;
use std::thread;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/pages/local-news.txt").into()
    });
    let page = std::fs::read_to_string(&path)?;

    // Build once (rule files are parsed and compiled here), then share:
    // a Stripper is Send + Sync, so worker threads can use one instance.
    let stripper = Arc::new(
        dechaff::Stripper::builder()
            .preset(dechaff::Preset::Balanced)
            .build()?,
    );

    let pages = vec![page.clone(), page];
    let workers: Vec<_> = pages
        .into_iter()
        .map(|page| {
            let stripper = Arc::clone(&stripper);
            thread::spawn(move || {
                let stripped = stripper.strip(&page);
                let cut: Vec<String> = stripped
                    .paragraphs()
                    .filter(|p| !p.kept)
                    .map(|p| {
                        let rules: Vec<&str> = p.rule_names().collect();
                        let start: String = p.text().chars().take(40).collect();
                        format!("cut {start:?} ({})", rules.join(", "))
                    })
                    .collect();
                (stripped.body(), cut)
            })
        })
        .collect();
    for w in workers {
        let (body, cut) = w.join().expect("worker panicked");
        println!("{body}\n");
        for line in cut {
            eprintln!("{line}");
        }
    }
    Ok(())
}
