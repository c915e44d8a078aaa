//! The pipeline as one object: [`Stripper`] holds the compiled rules and runs
//! segment → features → rules → decide on each document; [`Stripped`] is the
//! result, with the verdict and explanation of every paragraph.

use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;

use crate::decide::{self, Class, Reason, Thresholds};
use crate::error::{Error, ErrorKind};
use crate::features::{Features, Spots, measure_document};
use crate::html::Page;
use crate::rules::{BUILTIN_RULES, Rule, RuleSet, Source, Tally};
use crate::segment::{Layout, segment};
use crate::stoplists::Stoplists;

/// How eagerly paragraphs are cut.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Preset {
    /// Cut more: only clearly good prose stays.
    Precision,
    /// The default trade-off.
    #[default]
    Balanced,
    /// Keep more: borderline paragraphs stay.
    Recall,
}

impl Preset {
    /// The score a paragraph needs to stand as good prose on its own.
    pub fn threshold(self) -> f64 {
        match self {
            Preset::Precision => 3.0,
            Preset::Balanced => 2.0,
            Preset::Recall => 1.0,
        }
    }
}

impl std::str::FromStr for Preset {
    type Err = Error;
    fn from_str(s: &str) -> Result<Preset, Error> {
        match s {
            "precision" => Ok(Preset::Precision),
            "balanced" => Ok(Preset::Balanced),
            "recall" => Ok(Preset::Recall),
            _ => Err(Error::new(ErrorKind::BadSetting(format!(
                "unknown preset {s:?} (precision, balanced or recall)"
            )))),
        }
    }
}

/// Configures and builds a [`Stripper`].
///
/// ```
/// let stripper = dechaff::Stripper::builder()
///     .rules_str("my.rules", "rule no_recipes\n describe Recipe teasers\n weight -6\n phrases get the recipe\n")
///     .preset(dechaff::Preset::Precision)
///     .build()?;
/// # Ok::<(), dechaff::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct StripperBuilder {
    user_rules: Vec<(String, RulesFrom)>,
    threshold: Option<f64>,
    preset: Preset,
    builtin: bool,
    max_bytes: Option<usize>,
    max_paragraphs: Option<usize>,
}

#[derive(Clone, Debug)]
enum RulesFrom {
    Text(String),
    File(std::path::PathBuf),
}

impl StripperBuilder {
    fn new() -> StripperBuilder {
        StripperBuilder {
            builtin: true,
            ..StripperBuilder::default()
        }
    }

    /// Adds a rule file read from `path` at build time. Its rules add to the
    /// built-in ones; a rule with a built-in name overrides the keys it sets.
    pub fn rules_file(&mut self, path: impl AsRef<Path>) -> &mut StripperBuilder {
        let path = path.as_ref();
        self.user_rules.push((
            path.display().to_string(),
            RulesFrom::File(path.to_path_buf()),
        ));
        self
    }

    /// Adds rules given as text; `name` identifies them in error messages.
    pub fn rules_str(&mut self, name: &str, rules: &str) -> &mut StripperBuilder {
        self.user_rules
            .push((name.to_string(), RulesFrom::Text(rules.to_string())));
        self
    }

    /// Leaves out the built-in rules: only the added rule files are used.
    pub fn without_builtin_rules(&mut self) -> &mut StripperBuilder {
        self.builtin = false;
        self
    }

    /// Picks a preset (default [`Preset::Balanced`]).
    pub fn preset(&mut self, preset: Preset) -> &mut StripperBuilder {
        self.preset = preset;
        self
    }

    /// Sets the score a paragraph needs to stand as good prose on its own,
    /// overriding the preset. Higher cuts more.
    pub fn threshold(&mut self, threshold: f64) -> &mut StripperBuilder {
        self.threshold = Some(threshold);
        self
    }

    /// Sets the largest document [`Stripper::try_strip`] and
    /// [`Stripper::try_parse_html`] accept (default [`DEFAULT_MAX_BYTES`]).
    pub fn max_bytes(&mut self, max_bytes: usize) -> &mut StripperBuilder {
        self.max_bytes = Some(max_bytes);
        self
    }

    /// Sets the most paragraphs (or HTML blocks) [`Stripper::try_strip`] and
    /// [`Stripper::try_parse_html`] accept (default [`DEFAULT_MAX_PARAGRAPHS`]).
    pub fn max_paragraphs(&mut self, max_paragraphs: usize) -> &mut StripperBuilder {
        self.max_paragraphs = Some(max_paragraphs);
        self
    }

    /// Reads and compiles the rules. Fails on an unreadable or invalid rule
    /// file, or on an example in a user file that contradicts its rule.
    pub fn build(&self) -> Result<Stripper, Error> {
        let threshold = self.threshold.unwrap_or(self.preset.threshold());
        if !threshold.is_finite() {
            return Err(Error::new(ErrorKind::BadSetting(format!(
                "threshold {threshold} is not a finite number"
            ))));
        }
        let mut texts: Vec<(String, String)> = Vec::new();
        if self.builtin {
            texts.push(("builtin.rules".into(), BUILTIN_RULES.into()));
        }
        for (name, from) in &self.user_rules {
            let text = match from {
                RulesFrom::Text(t) => t.clone(),
                RulesFrom::File(path) => std::fs::read_to_string(path).map_err(|e| {
                    Error::new(ErrorKind::Io {
                        path: path.clone(),
                        message: e.to_string(),
                    })
                })?,
            };
            texts.push((name.clone(), text));
        }
        let sources: Vec<Source<'_>> = texts
            .iter()
            .map(|(name, text)| Source { text, name })
            .collect();
        let stoplists = Stoplists::builtin();
        let rules = RuleSet::build(&sources, stoplists)?;
        Ok(Stripper {
            rules,
            thresholds: Thresholds::around(threshold),
            stoplists,
            max_bytes: self.max_bytes.unwrap_or(DEFAULT_MAX_BYTES),
            max_paragraphs: self.max_paragraphs.unwrap_or(DEFAULT_MAX_PARAGRAPHS),
        })
    }
}

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

    #[cfg(feature = "corpus")]
    /// What corpus mode keeps of [`try_strip`](Self::try_strip), without
    /// building a [`Stripped`]: the body, and how many paragraphs each rule
    /// cut (the most negative rule that fired, or the reason when none did).
    pub(crate) fn summarize_text<'a>(&'a self, text: &str) -> Result<Summary<'a>, Error> {
        let (layout, ranges) = self.try_segment(text)?;
        Ok(self.summarize(text, layout, &ranges, None))
    }

    #[cfg(feature = "corpus")]
    /// [`summarize_text`](Self::summarize_text) for a page, as
    /// [`strip_page`](Self::strip_page) strips it.
    pub(crate) fn summarize_page<'a>(&'a self, page: &Page) -> Summary<'a> {
        self.summarize(&page.text, Layout::Blocks, &page.blocks, Some(page))
    }

    #[cfg(feature = "corpus")]
    fn summarize<'a>(
        &'a self,
        text: &str,
        layout: Layout,
        ranges: &[Range<usize>],
        page: Option<&Page>,
    ) -> Summary<'a> {
        // The summary reports no spans, and needs of the hits only the
        // scores, barriers and the rules that cut.
        let judged = self.judge(text, ranges, page, |features, spots| {
            self.rules.verdicts(text, ranges, features, spots)
        });
        let rules = self.rules.rules();
        let kept = ranges.iter().zip(&judged.decisions).filter(|(_, d)| d.keep);
        let body = join(text, layout, kept.map(|(r, _)| r.clone()));
        // Counted by rule index (names are compared only at the end), and
        // by reason where no negative rule fired.
        let mut by_rule = vec![0u64; rules.len()];
        let mut by_reason: Vec<(&str, u64)> = Vec::new();
        for (verdict, d) in judged.hits.iter().zip(&judged.decisions) {
            if d.keep {
                continue;
            }
            match verdict.worst {
                Some(r) => by_rule[r] += 1,
                None => count_name(&mut by_reason, d.reason.describe()),
            }
        }
        let mut cut_by: Vec<(&str, u64)> = by_rule
            .iter()
            .enumerate()
            .filter(|&(_, &n)| n > 0)
            .map(|(r, &n)| (rules[r].name.as_str(), n))
            .collect();
        cut_by.extend(by_reason);
        (body, cut_by)
    }
}

#[cfg(feature = "corpus")]
/// Counts a cut paragraph in `cut_by` under the most negative of the rules
/// that fired on it, or under `reason` when none is negative.
pub(crate) fn count_cut<'a>(
    cut_by: &mut Vec<(&'a str, u64)>,
    fired: impl Iterator<Item = &'a Rule>,
    reason: Reason,
) {
    let name = worst_rule(fired).map_or_else(|| reason.describe(), |r| r.name.as_str());
    count_name(cut_by, name);
}

#[cfg(feature = "corpus")]
/// The most negative of the rules that fired (the first of equals), if any
/// is negative. [`Verdict`](crate::rules::Verdict) picks it the same way.
fn worst_rule<'a>(fired: impl Iterator<Item = &'a Rule>) -> Option<&'a Rule> {
    fired
        .filter(|r| r.weight < 0.0)
        .min_by(|a, b| a.weight.total_cmp(&b.weight))
}

#[cfg(feature = "corpus")]
fn count_name<'a>(cut_by: &mut Vec<(&'a str, u64)>, name: &'a str) {
    match cut_by.iter_mut().find(|(n, _)| *n == name) {
        Some((_, count)) => *count += 1,
        None => cut_by.push((name, 1)),
    }
}

#[cfg(feature = "corpus")]
/// The body of a document and, per rule (or reason) that cut paragraphs,
/// how many it cut.
pub(crate) type Summary<'a> = (String, Vec<(&'a str, u64)>);

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

/// The result of [`Stripper::strip`]: every paragraph with its verdict.
#[derive(Clone, Debug)]
pub struct Stripped<'a> {
    text: &'a str,
    layout: Layout,
    language: Option<&'static str>,
    paragraphs: Vec<Paragraph<'a>>,
}

impl<'a> Stripped<'a> {
    /// The kept paragraphs in order, joined as the input separated them
    /// (a blank line, or a newline for one-paragraph-per-line input).
    pub fn body(&self) -> String {
        let kept = self.paragraphs.iter().filter(|p| p.kept);
        join(self.text, self.layout, kept.map(|p| p.range.clone()))
    }

    /// Every paragraph, kept or cut, in input order.
    pub fn paragraphs(&self) -> &[Paragraph<'a>] {
        &self.paragraphs
    }

    /// The kept paragraphs.
    pub fn kept(&self) -> impl Iterator<Item = &Paragraph<'a>> {
        self.paragraphs.iter().filter(|p| p.kept)
    }

    /// The input text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The text of a paragraph.
    pub fn paragraph_text(&self, p: &Paragraph<'_>) -> &'a str {
        &self.text[p.range.clone()]
    }

    /// The stoplist language that covered the most words (ISO 639-1), if any.
    pub fn language(&self) -> Option<&'static str> {
        self.language
    }

    /// How the input separated its paragraphs.
    pub fn layout(&self) -> Layout {
        self.layout
    }
}

/// One paragraph of the input and the decision about it.
#[derive(Clone, Debug)]
pub struct Paragraph<'a> {
    /// Byte range in the input (trimmed of surrounding whitespace).
    pub range: Range<usize>,
    /// Whether it is part of the body.
    pub kept: bool,
    /// Its class from the score alone.
    pub class: Class,
    /// Why it was kept or cut.
    pub reason: Reason,
    /// The sum of the weights of the rules that fired.
    pub score: f64,
    /// The rules that fired, in rule-file order.
    pub hits: Vec<RuleHit<'a>>,
    /// Its measurements.
    pub features: Features,
}

/// A rule that fired on a paragraph.
#[derive(Clone, Debug)]
pub struct RuleHit<'a> {
    /// The rule (name, weight, description, where it was defined).
    pub rule: &'a Rule,
    /// Where its phrase or regex matched in the input; `None` for conditions.
    pub span: Option<Range<usize>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_types_are_send_sync_and_unwind_safe() {
        fn check<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
        check::<Stripper>();
        check::<Stripped<'_>>();
        check::<Error>();
    }

    /// The summary corpus mode uses says what a [`Stripped`] says.
    #[cfg(feature = "corpus")]
    #[test]
    fn summaries_agree_with_stripped_documents() {
        let s = Stripper::shared();
        let owned = |cut: Vec<(&str, u64)>| -> Vec<(String, u64)> {
            cut.into_iter().map(|(n, c)| (n.to_string(), c)).collect()
        };
        // The summary lists rules by index, not in the order they first cut.
        let sorted = |mut cut: Vec<(String, u64)>| {
            cut.sort();
            cut
        };
        // From the paragraphs, independently of count_cut: the rule of most
        // negative weight (the first of equals), else the reason.
        let cuts = |st: &Stripped<'_>| {
            let mut cut: Vec<(String, u64)> = Vec::new();
            for p in st.paragraphs().iter().filter(|p| !p.kept) {
                let mut name = p.reason.describe();
                let mut worst = 0.0;
                for h in &p.hits {
                    if h.rule.weight < worst {
                        worst = h.rule.weight;
                        name = &h.rule.name;
                    }
                }
                match cut.iter_mut().find(|(n, _)| n == name) {
                    Some((_, c)) => *c += 1,
                    None => cut.push((name.to_string(), 1)),
                }
            }
            cut
        };
        let texts = [
            include_str!("../tests/fixtures/en-news-promo.txt"),
            include_str!("../tests/fixtures/en-blog-comments.txt"),
            include_str!("../tests/fixtures/de-nachrichten.txt"),
            "Home | News\nOne line only.\nCopyright 2024",
            "",
        ];
        let mut cut = 0;
        for text in texts {
            let stripped = s.strip(text);
            let (body, by) = s.summarize_text(text).unwrap();
            assert_eq!(body, stripped.body());
            cut += by.iter().map(|(_, c)| c).sum::<u64>();
            assert_eq!(sorted(owned(by)), sorted(cuts(&stripped)));
            let html =
                format!("<html><body><nav><a href=/>Home</a></nav><p>{text}</p></body></html>");
            let page = s.parse_html(html.as_bytes());
            let stripped = s.strip_page(&page);
            let (body, by) = s.summarize_page(&page);
            assert_eq!(body, stripped.body());
            assert_eq!(sorted(owned(by)), sorted(cuts(&stripped)));
        }
        assert!(cut > 10, "{cut}");
        let tiny = Stripper::builder().max_bytes(10).build().unwrap();
        assert!(tiny.summarize_text("more than ten bytes").is_err());
    }

    #[test]
    fn bad_settings_are_errors() {
        assert!(Stripper::builder().threshold(f64::NAN).build().is_err());
        assert!("fast".parse::<Preset>().is_err());
        assert_eq!("recall".parse::<Preset>().unwrap(), Preset::Recall);
        let e = Stripper::builder()
            .rules_file("/nonexistent.rules")
            .build()
            .unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Io { .. }), "{e}");
    }

    #[test]
    fn embedded_posts_inside_the_article_container_do_not_end_it() {
        let para = |i| {
            format!(
                "<p>Paragraph {i} of the report says that the council approved the new budget \
                 on Tuesday after a long debate that went on late into the night.</p>"
            )
        };
        let embed =
            "<div class=social-embed><p>Image copyright @someone</p><a href=x>Report</a></div>";
        let html = format!(
            "<nav><a href=/>Home</a></nav><div class=story>{}{}{}{}</div><footer>\u{a9} 2024</footer>",
            para(1),
            embed.repeat(4),
            para(2),
            para(3)
        );
        let s = Stripper::shared();
        let page = s.parse_html(html.as_bytes());
        let body = s.strip_page(&page).body();
        assert!(body.starts_with("Paragraph 1"), "{body}");
        assert!(body.ends_with("late into the night."), "{body}");
        assert!(
            body.contains("Paragraph 3") && !body.contains("@someone"),
            "{body}"
        );
    }

    #[test]
    fn an_article_split_into_column_blocks_is_one_main_container() {
        let para = |i: usize| {
            format!(
                "<p>Part {i} of the story says that the council approved the new budget \
                 on Tuesday after a long debate that went on late into the night.</p>"
            )
        };
        let column = |a: usize| {
            format!(
                "<div class=col><div class=inner>{}{}</div></div>",
                para(a),
                para(a + 1)
            )
        };
        let html = format!(
            "<div class=page><section class=story>{}{}{}{}</section>\
             <aside><div><div>{}</div></div></aside></div>",
            column(1),
            column(3),
            column(5),
            column(7),
            para(9)
        );
        let s = Stripper::shared();
        let page = s.parse_html(html.as_bytes());
        let stripped = s.strip_page(&page);
        let in_main: Vec<bool> = stripped
            .paragraphs()
            .iter()
            .map(|p| p.features.dom.is_some_and(|d| d.in_main))
            .collect();
        assert_eq!(
            in_main,
            [true, true, true, true, true, true, true, true, false]
        );
    }

    #[test]
    fn a_declared_article_body_is_the_container_even_without_prose() {
        let items: String = (1..=12)
            .map(|i| format!("<p>Round {i}: March {i} – Interlagos circuit</p>"))
            .collect();
        let html = format!(
            "<div><div itemprop=\"articleBody\"><h3>Race calendar 2018</h3>{items}</div></div>\
             <aside><div><div><p>Click here to see the TV times of the Brazilian Grand Prix, the \
             20th race of the season, and get to know the track and its history.</p></div></div></aside>"
        );
        let s = Stripper::shared();
        let page = s.parse_html(html.as_bytes());
        let body = s.strip_page(&page).body();
        assert!(
            body.contains("Round 1: March 1") && body.contains("Round 12"),
            "{body}"
        );
        assert!(!body.contains("TV times"), "{body}");
    }

    #[test]
    fn documents_over_the_maximum_size_are_refused() {
        let s = Stripper::builder().max_bytes(10).build().unwrap();
        assert!(s.try_strip("short").is_ok());
        let e = s.try_strip("more than ten bytes").unwrap_err();
        assert!(
            matches!(
                e.kind(),
                ErrorKind::TooLarge {
                    size: 19,
                    limit: 10
                }
            ),
            "{e}"
        );
        assert!(s.try_parse_html(b"<p>more than ten bytes</p>").is_err());
        assert_eq!(Stripper::shared().max_bytes(), DEFAULT_MAX_BYTES);
        let s = Stripper::builder().max_paragraphs(2).build().unwrap();
        assert!(s.try_strip("one\n\ntwo").is_ok());
        let e = s.try_strip("one\n\ntwo\n\nthree").unwrap_err();
        assert!(
            matches!(
                e.kind(),
                ErrorKind::TooManyParagraphs { count: 3, limit: 2 }
            ),
            "{e}"
        );
        assert!(s.try_parse_html(b"a<br>b<br>c").is_err());
    }

    #[test]
    fn ranges_point_into_the_input() {
        let text = "Menu\n\nA long paragraph of prose that goes on, and on, and it has many words in it so that it is kept.\n\n© 2024";
        let s = Stripper::shared().strip(text);
        let mut last = 0;
        for p in s.paragraphs() {
            assert!(p.range.start >= last);
            last = p.range.end;
            assert_eq!(s.paragraph_text(p), &text[p.range.clone()]);
        }
    }
}
