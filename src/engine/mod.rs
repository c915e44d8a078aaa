//! The pipeline as one object: [`Stripper`] holds the compiled rules and runs
//! segment → measure → rules → decide on each document.

mod builder;
mod result;
#[cfg(feature = "corpus")]
mod summary;

#[cfg(test)]
mod tests;

use std::ops::Range;
use std::sync::LazyLock;

use crate::decide::{self, Thresholds};
use crate::error::{Error, ErrorKind};
use crate::html::Page;
use crate::measure::{Features, Spots, Stoplists, measure_document};
use crate::rules::{Rule, RuleSet, Tally};
use crate::text::{Layout, segment};

pub use builder::{Preset, StripperBuilder};
pub use result::{Paragraph, RuleHit, Stripped};
#[cfg(feature = "corpus")]
pub(crate) use summary::count_cut;

/// The compiled engine: rules, automata and thresholds. Build it once and
/// share it (it is `Send + Sync`); [`Stripper::strip`] never fails.
#[derive(Clone, Debug)]
pub struct Stripper {
    rules: RuleSet,
    thresholds: Thresholds,
    stoplists: &'static Stoplists,
    max_bytes: usize,
    max_paragraphs: usize,
}

/// The default largest document for [`Stripper::try_strip`] and
/// [`Stripper::try_parse_html`]: 64 MiB. Stripping needs a few times the
/// document's size in memory.
pub const DEFAULT_MAX_BYTES: usize = 64 << 20;

/// The default most paragraphs for the `try_` methods: a million. Deciding
/// costs a few hundred bytes per paragraph, so a document of one-word lines
/// within [`DEFAULT_MAX_BYTES`] could otherwise need gigabytes.
pub const DEFAULT_MAX_PARAGRAPHS: usize = 1_000_000;

static DEFAULT: LazyLock<Stripper> = LazyLock::new(|| {
    StripperBuilder::new()
        .build()
        .expect("the built-in rules compile (checked by the test suite)")
});

impl Default for Stripper {
    /// The built-in rules with the balanced preset.
    fn default() -> Stripper {
        DEFAULT.clone()
    }
}

impl Stripper {
    /// A builder for a stripper with user rules or another preset.
    pub fn builder() -> StripperBuilder {
        StripperBuilder::new()
    }

    /// The process-wide stripper with the built-in rules, built on first use.
    pub fn shared() -> &'static Stripper {
        &DEFAULT
    }

    /// The compiled rules.
    pub fn rules(&self) -> &[Rule] {
        self.rules.rules()
    }

    /// The literals the phrase index looks for: the phrases of every rule
    /// and the trigger literals of the regexes, lowercased. For diagnostics
    /// and benchmarks; see the `automaton` example.
    pub fn search_patterns(&self) -> &[String] {
        self.rules.search_patterns()
    }

    /// [`strip`](Self::strip), refusing documents over the maximum size
    /// ([`StripperBuilder::max_bytes`], [`ErrorKind::TooLarge`]) or with too
    /// many paragraphs ([`StripperBuilder::max_paragraphs`],
    /// [`ErrorKind::TooManyParagraphs`]) before deciding them.
    pub fn try_strip<'a>(&'a self, text: &'a str) -> Result<Stripped<'a>, Error> {
        let (layout, ranges) = self.try_segment(text)?;
        Ok(self.decide(text, layout, ranges, None))
    }

    /// [`segment`] of a text within the size and paragraph limits.
    fn try_segment(&self, text: &str) -> Result<(Layout, Vec<Range<usize>>), Error> {
        self.check_size(text.len())?;
        let (layout, ranges) = segment(text);
        self.check_count(ranges.len())?;
        Ok((layout, ranges))
    }

    /// [`parse_html`](Self::parse_html), refusing pages over the maximum size
    /// or with too many blocks.
    pub fn try_parse_html(&self, html: &[u8]) -> Result<Page, Error> {
        self.check_size(html.len())?;
        let page = self.parse_html(html);
        self.check_count(page.blocks.len())?;
        Ok(page)
    }

    fn check_count(&self, count: usize) -> Result<(), Error> {
        let limit = self.max_paragraphs;
        within(count, limit, || ErrorKind::TooManyParagraphs {
            count,
            limit,
        })
    }

    /// The largest document the `try_` methods accept.
    pub fn max_bytes(&self) -> usize {
        self.max_bytes
    }

    fn check_size(&self, size: usize) -> Result<(), Error> {
        let limit = self.max_bytes;
        within(size, limit, || ErrorKind::TooLarge { size, limit })
    }

    /// Splits `text` into paragraphs, scores and decides each one. Any size
    /// is accepted; see [`try_strip`](Self::try_strip) for a limit.
    pub fn strip<'a>(&'a self, text: &'a str) -> Stripped<'a> {
        let (layout, ranges) = segment(text);
        self.decide(text, layout, ranges, None)
    }

    /// Reads raw HTML (any bytes: the charset is taken from a BOM or
    /// `<meta>`, else detected) into a [`Page`] of text blocks with their DOM
    /// context, for [`strip_page`](Self::strip_page).
    ///
    /// ```
    /// let stripper = dechaff::Stripper::shared();
    /// let page = stripper.parse_html(b"<nav><a href=/>Home</a> <a href=/w>World</a></nav>\
    ///     <article><p>The council approved the new budget on Tuesday after a long debate \
    ///     that went on into the night, the mayor said.</p></article>");
    /// assert_eq!(stripper.strip_page(&page).body(),
    ///     "The council approved the new budget on Tuesday after a long debate \
    ///      that went on into the night, the mayor said.");
    /// ```
    pub fn parse_html(&self, html: &[u8]) -> Page {
        crate::html::parse(html, self.rules.dom_words())
    }

    /// Scores and decides the blocks of an HTML page, with the DOM features
    /// (`link_density`, `within` words…) that rules may test.
    pub fn strip_page<'a>(&'a self, page: &'a Page) -> Stripped<'a> {
        self.decide(&page.text, Layout::Blocks, page.blocks.clone(), Some(page))
    }

    /// Measures, scores and decides the paragraphs `ranges` of `text`;
    /// `spans`: find where each regex match lies, for the explanations.
    fn judge<T: Tally>(
        &self,
        text: &str,
        ranges: &[Range<usize>],
        page: Option<&Page>,
        tally: impl FnOnce(&[Features], &Spots) -> Vec<T>,
    ) -> Judged<T> {
        let dom = page.map(|p| p.dom.as_slice());
        let (language, mut features, spots) =
            measure_document(text, ranges, dom, self.stoplists, self.rules.lookout());
        if let Some(page) = page {
            page.resolve_features(&mut features, self.rules.barrier_marks());
        }
        let hits = tally(&features, &spots);
        let rules = self.rules.rules();
        let scores: Vec<f64> = hits.iter().map(|h| h.score(rules)).collect();
        let barriers: Vec<bool> = hits.iter().map(|h| h.barrier(rules)).collect();
        let decisions = decide::decide(&scores, &barriers, &features, &self.thresholds);
        Judged {
            language,
            features,
            hits,
            scores,
            decisions,
        }
    }

    fn decide<'a>(
        &'a self,
        text: &'a str,
        layout: Layout,
        ranges: Vec<Range<usize>>,
        page: Option<&Page>,
    ) -> Stripped<'a> {
        let judged = self.judge(text, &ranges, page, |features, spots| {
            self.rules.evaluate(text, &ranges, features, spots, true)
        });
        let rules = self.rules.rules();
        let paragraphs = ranges
            .into_iter()
            .zip(judged.features)
            .zip(judged.hits)
            .zip(judged.scores)
            .zip(judged.decisions)
            .map(|((((range, features), hits), score), d)| Paragraph {
                range,
                kept: d.keep,
                class: d.class,
                reason: d.reason,
                score,
                hits: hits
                    .into_iter()
                    .map(|h| RuleHit {
                        rule: &rules[h.rule],
                        span: h.span,
                    })
                    .collect(),
                features,
            })
            .collect();
        Stripped {
            text,
            layout,
            language: judged.language,
            paragraphs,
        }
    }
}

/// The verdicts on a document's paragraphs, before they become [`Paragraph`]s.
struct Judged<T> {
    language: Option<&'static str>,
    features: Vec<Features>,
    hits: Vec<T>,
    scores: Vec<f64>,
    decisions: Vec<decide::Decision>,
}

/// The paragraphs `kept` of `text`, joined by `layout`'s separator (the
/// output is allocated at its size).
fn join(text: &str, layout: Layout, kept: impl Iterator<Item = Range<usize>> + Clone) -> String {
    let sep = layout.separator();
    let mut out = String::with_capacity(kept.clone().map(|r| r.len() + sep.len()).sum());
    for range in kept {
        if !out.is_empty() {
            out.push_str(sep);
        }
        out.push_str(&text[range]);
    }
    out
}

/// `Ok` when `value` is at most `limit`, else the error `kind` makes.
fn within(value: usize, limit: usize, kind: impl FnOnce() -> ErrorKind) -> Result<(), Error> {
    if value > limit {
        return Err(Error::new(kind()));
    }
    Ok(())
}
