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
//! 0. front-ends: plain text goes straight to [`segment`]; raw HTML goes
//!    through [`html`] (charset, tokens, blocks with their DOM context and
//!    the page's main container); [`corpus`] (feature `corpus`) handles
//!    JSONL and WARC/WET records;
//! 1. [`segment`]: the text becomes paragraphs (byte ranges, no copies);
//! 2. [`features`]: each paragraph is measured (words, stopword density,
//!    punctuation, URLs, e-mail addresses, phones, handles, position…);
//! 3. [`rules`]: rules from a rule file fire on paragraphs and add their
//!    weights to its score;
//! 4. [`decide`]: scores give classes, and context (the main run of article
//!    paragraphs, neighbours) gives each paragraph its verdict.
//!
//! [`Stripper`] is the compiled engine (build once, share across threads);
//! [`Stripped`] is the result, with every decision explained.
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
//!     let rules: Vec<&str> = p.hits.iter().map(|h| h.rule.name.as_str()).collect();
//!     println!("{} {:+.1} {:?}", if p.kept { "keep" } else { "cut " }, p.score, rules);
//! }
//! ```
//!
//! For one-off use, [`strip`] returns the body as a `String`.
//!
//! # Example: strip an HTML page
//!
//! ```
//! let html = br##"<html><head><title>Budget vote</title></head><body>
//!   <nav><a href="/">Home</a> <a href="/news">News</a></nav>
//!   <article><h1>Council approves budget</h1>
//!     <p>The council approved the new budget on Tuesday after a long debate
//!     that went on into the night, and the mayor said the roads would be repaired.</p>
//!     <div class="share-buttons"><a href="#">Share on Facebook</a></div></article>
//!   <footer><p>&copy; 2024 City Gazette. All rights reserved.</p></footer></body></html>"##;
//!
//! let stripper = dechaff::Stripper::shared();
//! let page = stripper.parse_html(html); // any charset: BOM, <meta>, or detected
//! assert_eq!(page.title(), Some("Budget vote"));
//! let stripped = stripper.strip_page(&page);
//! assert!(stripped.body().starts_with("The council approved"));
//! assert!(!stripped.body().contains("Share on Facebook"));
//! ```
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
//! The rule format is described in `DESIGN.md`; the built-in rules are in
//! [`rules::BUILTIN_RULES`].
//!
//! # Untrusted input
//!
//! [`Stripper::strip`] takes any `&str` and never panics; its time is linear
//! in the size of the input. Only building a stripper can fail (a bad rule
//! file), with an [`Error`] that names the file, line and rule.
#![warn(missing_docs)]

#[cfg(feature = "corpus")]
pub mod corpus;
mod decide;
mod engine;
mod error;
mod html;
mod measure;
mod rules;
mod text;

pub use decide::{Class, Reason};
pub use engine::{
    DEFAULT_MAX_BYTES, DEFAULT_MAX_PARAGRAPHS, Paragraph, Preset, RuleHit, Stripped, Stripper,
    StripperBuilder,
};
pub use error::{Error, ErrorKind};
pub use html::{Page, looks_like_html};
pub use measure::{Dom, Feature, Features};
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
