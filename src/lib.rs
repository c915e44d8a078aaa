//! dechaff separates the wheat from the chaff in scraped web pages: given the
//! text or the raw HTML a scraper fetched, it returns the article body, with boilerplate
//! (navigation, cookie banners, share lines, copyright footers, "related"
//! lists) and promotional spam (backlink ads, "Contact us at sales@…",
//! "Powered by …" footers, newsletter and coupon calls to action) cut.
//!
//! # Overview
//!
//! The pipeline has one module per stage, after a front-end:
//!
//! 0. front-ends: plain text goes straight to segmentation; raw HTML goes
//!    through the HTML front-end (charset, tokens, blocks with their DOM
//!    context and the page's main container) into a [`Page`]; [`corpus`]
//!    (feature `corpus`) handles JSONL and WARC/WET records;
//! 1. segment (`src/text/`): the text becomes paragraphs (byte ranges, no
//!    copies);
//! 2. measure (`src/measure/`): each paragraph is measured (words, stopword
//!    density, punctuation, URLs, e-mail addresses, phones, handles,
//!    position…), every [`Feature`] a rule can test;
//! 3. rules (`src/rules/`): rules from a rule file fire on paragraphs and add
//!    their weights to its score;
//! 4. decide (`src/decide.rs`): scores give classes, and context (the main run
//!    of article paragraphs, neighbours) gives each paragraph its verdict.
//!
//! [`Stripper`] is the compiled engine (build once, share across threads);
//! [`Stripped`] is the result, with every decision explained: each
//! [`Paragraph`] with its text, score, [`Class`], [`Reason`], [`BlockKind`]
//! and the rules that fired ([`RuleHit`], [`Rule`]).
//!
//! # Example: strip a page
//!
//! ```
//! let page = "Home | News | Sport | Contact\n\n\
//!     The council approved the new budget on Tuesday after a long debate, and \
//!     the mayor said that the city would now be able to repair its roads and \
//!     reopen the library that had been closed since the spring floods.\n\n\
//!     Subscribe to our newsletter for the latest deals!\n\n\
//!     © 2024 Example News. All rights reserved.";
//!
//! let stripper = dechaff::Stripper::shared();
//! let stripped = stripper.strip(page);
//! assert!(stripped.body().starts_with("The council approved"));
//! assert!(!stripped.body().contains("Subscribe"));
//!
//! // Every decision explains itself.
//! for p in stripped.paragraphs() {
//!     let rules: Vec<&str> = p.rule_names().collect();
//!     println!("{} {:+.1} {:?} {}", if p.kept { "keep" } else { "cut " }, p.score, rules, p.text());
//! }
//! ```
//!
//! For one-off use, [`strip`] returns the body as a `String`.
//!
//! # Example: bytes in, an owned result out
//!
//! [`Stripper::extract`] takes what a scraper fetched (HTML in any charset,
//! or text), detects which it is, and returns a [`Stripped`]`<'static>`
//! that can be returned from a helper, sent to another thread or, with the
//! `serde` feature, serialised.
//!
//! ```
//! use dechaff::{BlockKind, Format, Stripper};
//!
//! fn clean(stripper: &Stripper, fetched: &[u8]) -> Result<dechaff::Stripped<'static>, dechaff::Error> {
//!     stripper.extract(fetched, Format::Auto)
//! }
//!
//! let html = br##"<html><head><title>Budget vote</title></head><body>
//!   <nav><a href="/">Home</a> <a href="/news">News</a></nav>
//!   <article><h1>Council approves budget</h1>
//!     <p>The council approved the new budget on Tuesday after a long debate
//!     that went on into the night, and the mayor said the roads would be repaired.</p>
//!     <div class="share-buttons"><a href="#">Share on Facebook</a></div></article>
//!   <footer><p>&copy; 2024 City Gazette. All rights reserved.</p></footer></body></html>"##;
//!
//! let stripped = clean(dechaff::Stripper::shared(), html)?;
//! let handle = std::thread::spawn(move || stripped); // owned: 'static and Send
//! let stripped = handle.join().unwrap();
//! // The headline: the <h1> heading the kept text, not the <title>.
//! assert_eq!(stripped.title(), Some("Council approves budget"));
//! assert!(stripped.body().starts_with("The council approved"));
//! assert!(!stripped.body().contains("Share on Facebook"));
//! let first = stripped.kept().next().unwrap();
//! assert_eq!(first.kind(), BlockKind::Paragraph);
//! # Ok::<(), dechaff::Error>(())
//! ```
//!
//! [`Stripper::parse_html`] and [`Stripper::strip_page`] do the same in two
//! steps, keeping the [`Page`] (its text, title and blocks).
//!
//! # Example: add your own rules
//!
//! ```
//! let rules = "\
//! rule recipe_teaser
//!   describe  A teaser linking to a recipe page
//!   weight    -6
//!   phrases   get the recipe | see the recipe
//!   fires     Get the recipe: lemon tart
//!   ignores   She wrote the recipe down for her grandson.
//! ";
//! let stripper = dechaff::Stripper::builder().rules_str("mine.rules", rules).build()?;
//! # Ok::<(), dechaff::Error>(())
//! ```
//!
//! The rule format is described in `DESIGN.md`; the built-in rules are
//! `src/rules/builtin.rules` in the crate, and [`Stripper::rules`] lists them
//! compiled.
//!
//! # What can fail
//!
//! Building a stripper ([`StripperBuilder::build`]) fails on a rule file
//! that cannot be read or is invalid, with an [`Error`] that names the file,
//! line and rule (and suggests a name for a misspelt one). Stripping fails
//! only where you ask for limits: [`Stripper::try_strip`],
//! [`Stripper::try_parse_html`] and [`Stripper::extract`] refuse documents
//! over [`StripperBuilder::max_bytes`] or [`StripperBuilder::max_paragraphs`]
//! ([`ErrorKind::TooLarge`], [`ErrorKind::TooManyParagraphs`]).
//! [`Stripper::strip`] and [`Stripper::strip_page`] take any input and never
//! fail.
//!
//! # Untrusted input
//!
//! Every method takes any bytes or `&str` and never panics (fuzzed); time is
//! linear in the size of the input, including hostile markup (a million
//! `<br>`, 10,000-deep nesting). Paragraphs are grouped by a seeded hash, so
//! crafted text cannot flood it.
//!
//! # Crate features
//!
//! - `corpus`: [`corpus`], JSONL records (a text or HTML field stripped, the
//!   other fields kept in order) and a WARC/WET reader. Turns on
//!   `serde_json`'s `preserve_order` and `serde`.
//! - `corpus-exact-numbers`: numbers in JSONL records pass through digit for
//!   digit (serde_json's `arbitrary_precision`, which Cargo turns on for
//!   every crate of a build that uses serde_json: opt-in for that reason).
//! - `serde`: `serde::Serialize` for [`Stripped`] and what it holds; the
//!   shape is the `dechaff --json` output, documented field by field in
//!   `docs/output.md`.
//!
//! No feature is on by default. The `dechaff` command is a package of its
//! own (`dechaff-cli`), so its dependencies (clap, rayon, indicatif,
//! mimalloc, zstd) never reach a library user's build.
//!
//! # Performance
//!
//! One thread strips the development pages at about 50 MB/s as text and 180
//! MB/s as HTML (criterion corpus bench, `cargo bench --bench engine`;
//! trafilatura does about 12 MB/s on the same pages); `docs/performance.md`
//! has the measurements. Build a [`Stripper`] once: building compiles the rules
//! (about 12 ms; their regexes compile when a page first needs them). [`Stripper::shared`] is built on first use. Clones are
//! cheap (they share the compiled rules; each owns its regex caches): give
//! each thread its own clone (a clone of the built-in stripper is measured by
//! the `clone` bench). Corpus records that need only the body skip building
//! per-paragraph results.

#![warn(missing_docs)]

#[cfg(feature = "corpus")]
pub mod corpus;
mod decide;
mod engine;
mod error;
mod html;
mod measure;
mod rules;
mod swar;
mod text;

/// The training side of the learned promo scorer, for `dechaff
/// train-promo`: how a paragraph reads as hashed grams, and the model file.
/// Not a stable API.
#[doc(hidden)]
pub mod promo_training {
    pub use crate::measure::promo_model::BUCKET_BITS;

    /// The buckets of the word grams and of the char grams of `text`, read
    /// as one paragraph, as the engine reads them.
    pub fn grams(text: &str) -> (Vec<u32>, Vec<u32>) {
        crate::measure::promo_model::training_buckets(text)
    }

    /// The model file for the two tables: each a bias and
    /// `1 << BUCKET_BITS` weights (the first reads word grams, the second
    /// word and char grams).
    pub fn model_file(words: (f32, &[f32]), chars: (f32, &[f32])) -> Vec<u8> {
        crate::measure::promo_model::Model::to_bytes(words, chars)
    }

    /// The probability the engine gives a paragraph whose `count` grams'
    /// weights sum to `sum`, with `bias`.
    pub fn logistic(bias: f32, sum: f32, count: u32) -> f32 {
        crate::measure::promo_model::logistic(bias, sum, count)
    }

    /// The probability a model of these two tables gives a paragraph of
    /// word grams `words` and char grams `chars`, as the engine scores it.
    pub fn two_stage_probability(
        word_table: (f32, &[f32]),
        char_table: (f32, &[f32]),
        words: &[u32],
        chars: &[u32],
    ) -> f32 {
        crate::measure::promo_model::two_stage_probability(word_table, char_table, words, chars)
    }

    /// The compiled-in model's probability for `text`, read as one paragraph.
    pub fn probability(text: &str) -> f32 {
        crate::measure::promo_model::probability(text)
    }
}

pub use decide::{Class, Reason};
pub use engine::{
    BlockKind, DEFAULT_MAX_BYTES, DEFAULT_MAX_PARAGRAPHS, Format, Paragraph, Preset, RuleHit,
    Stripped, Stripper, StripperBuilder,
};
pub use error::{Error, ErrorKind};
pub use html::Page;
pub use measure::Feature;
pub use rules::Rule;
pub use text::Layout;

/// Strips `text` with the built-in rules and returns the clean body.
///
/// ```
/// let body = dechaff::strip("Cookie settings\n\nAccept all cookies");
/// assert_eq!(body, "");
/// ```
pub fn strip(text: &str) -> String {
    Stripper::shared().strip(text).body()
}

/// Strips a raw HTML page with the built-in rules and returns the clean body.
///
/// ```
/// let body = dechaff::strip_html(b"<footer><p>\xa9 2024 Example News</p></footer>");
/// assert_eq!(body, "");
/// ```
pub fn strip_html(html: &[u8]) -> String {
    let stripper = Stripper::shared();
    stripper.strip_page(&stripper.parse_html(html)).body()
}

// The README's Rust examples are compiled and run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
