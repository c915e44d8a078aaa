//! The result of stripping a document: every paragraph with its verdict,
//! score, the rules that fired and why it was kept or cut.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use super::{Compiled, join};
use crate::decide::{Class, Reason};
use crate::measure::{Dom, Feature, Features, PromoModel};
use crate::rules::{Hit, Rule, more_negative};
use crate::text::Layout;

/// The result of stripping a document: every paragraph with its verdict.
///
/// It borrows the text it was given ([`Stripper::strip`](crate::Stripper::strip)),
/// or owns it ([`Stripper::extract`](crate::Stripper::extract),
/// [`into_owned`](Self::into_owned)); a `Stripped<'static>` can be returned
/// from a function, sent to another thread and, with the `serde` feature,
/// serialised. It holds the stripper's compiled rules through an `Arc`, not
/// the stripper.
#[derive(Clone, Debug)]
pub struct Stripped<'t> {
    pub(super) text: Cow<'t, str>,
    pub(super) title: Option<String>,
    pub(super) layout: Layout,
    pub(super) language: Option<&'static str>,
    pub(super) decided: Vec<Decided>,
    pub(super) relaxed: bool,
    pub(super) extracted_body: bool,
    pub(super) structured_data: bool,
    pub(super) compiled: Arc<Compiled>,
}

/// What was decided about one paragraph, as stored.
#[derive(Clone, Debug)]
pub(super) struct Decided {
    pub range: Range<usize>,
    pub kept: bool,
    pub class: Class,
    pub reason: Reason,
    pub score: f64,
    pub hits: Vec<Hit>,
    pub features: Features,
}

impl<'t> Stripped<'t> {
    /// The kept paragraphs in order, joined as the input separated them
    /// (a blank line, or a newline for one-paragraph-per-line input).
    pub fn body(&self) -> String {
        let kept = self.decided.iter().filter(|p| p.kept);
        join(&self.text, self.layout, kept.map(|p| p.range.clone()))
    }

    /// The headline (HTML: [`title`](Self::title)), a blank line, and the
    /// [`body`](Self::body); the body alone when there is no headline.
    pub fn body_with_title(&self) -> String {
        let body = self.body();
        match self.title() {
            Some(title) if body.is_empty() => title.to_string(),
            Some(title) => format!("{title}\n\n{body}"),
            None => body,
        }
    }

    /// The kept paragraphs as Markdown: HTML headings as `#` headings, list
    /// items as `- ` items, block quotes as `> ` lines, `<pre>` as fenced
    /// code, the cells of a table row as a `| a | b |` row (the first row
    /// of a table ruled as its header), other blocks as paragraphs; text
    /// that would read as Markdown structure is escaped. With `title`, the
    /// headline comes first as a level-1 heading. Text input has no
    /// structure to show: its paragraphs come out escaped.
    pub fn markdown(&self, title: bool) -> String {
        super::markdown::render(self.title().filter(|_| title), self.kept())
    }

    /// The words of the kept paragraphs.
    pub(super) fn kept_words(&self) -> u32 {
        let kept = self.decided.iter().filter(|p| p.kept);
        kept.map(|p| p.features.words).sum()
    }

    /// Every paragraph, kept or cut, in input order.
    pub fn paragraphs(&self) -> impl ExactSizeIterator<Item = Paragraph<'_>> + Clone {
        (0..self.decided.len()).map(|i| self.paragraph(i))
    }

    /// The kept paragraphs, in input order.
    pub fn kept(&self) -> impl Iterator<Item = Paragraph<'_>> + Clone {
        self.paragraphs().filter(|p| p.kept)
    }

    /// Paragraph `index` (panics when out of range, like slice indexing).
    pub fn paragraph(&self, index: usize) -> Paragraph<'_> {
        let d = &self.decided[index];
        Paragraph {
            index,
            range: d.range.clone(),
            kept: d.kept,
            class: d.class,
            reason: d.reason,
            score: d.score,
            text: &self.text[d.range.clone()],
            hits: &d.hits,
            features: &d.features,
            rules: self.compiled.rules.rules(),
            model: self.compiled.promo_model(),
        }
    }

    /// The number of paragraphs.
    pub fn len(&self) -> usize {
        self.decided.len()
    }

    /// Whether the document had no paragraph at all.
    pub fn is_empty(&self) -> bool {
        self.decided.is_empty()
    }

    /// The input text: for HTML, the page's visible text (blocks separated
    /// by blank lines), which the paragraphs' ranges index. It is in Unicode
    /// normalization form C: a decomposed "a" + U+0308 in the input reads "ä"
    /// (in HTML each text node is composed, so a mark split from its letter
    /// by a tag stays apart; the title is left as the page writes it), and
    /// without the chars that render as nothing inside a word (soft hyphen,
    /// zero-width space but between Thai letters, word joiner, BOM): ranges
    /// index this text, not the input bytes, where the two differ.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// For HTML, the article's headline: the `<h1>` that heads the kept
    /// text (the closest before its first paragraph, within 12 blocks, or
    /// the first after), else the page's `og:title`, else its `<title>`
    /// without the site's name. `None` for text input.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// The stoplist language that covered the most words (ISO 639-1), if any.
    pub fn language(&self) -> Option<&'static str> {
        self.language
    }

    /// How the input separated its paragraphs.
    pub fn layout(&self) -> Layout {
        self.layout
    }

    /// Whether the page was decided again with weak evidence relaxed: it
    /// would otherwise have come out nearly empty, keeping under 30 words
    /// and under a quarter of its prose (the words of paragraphs that
    /// score as good without the `weak` rules — the class words of its
    /// markup, the promo model's sure verdict — when those are 30 or
    /// more). The second decision drops those rules' weights, and a weak
    /// decisive rule no longer cuts; it stands when it keeps more. The weak rules
    /// still show among a paragraph's hits; its score leaves them out.
    /// HTML: a page still nearly empty after that is decided once more
    /// without the marks its class, id and role words give (those its tags
    /// give still count; a class naming the article body still weighs in
    /// finding the container), and that decision stands when it keeps 30
    /// words or more and over four times what was kept.
    pub fn relaxed(&self) -> bool {
        self.relaxed
    }

    /// Whether plain text was read as an article body that a scraper had
    /// already extracted: no paragraph of it is a site's chrome (a menu, a
    /// share line, a copyright notice, comment headings; promotion does not
    /// count). Its main text then runs from its first prose paragraph to its
    /// last, lists and tables between them included, where on a page a long
    /// list ends the article. Always `false` for HTML.
    pub fn extracted_body(&self) -> bool {
        self.extracted_body
    }

    /// Whether the page's markup kept (nearly) nothing, under 30 words, and
    /// its paragraphs are those of the article it states in its structured
    /// data instead: the schema.org JSON-LD `articleBody`, or a how-to's or
    /// recipe's description and steps, which pages that render their text
    /// with script state for search engines. [`text`](Self::text) is then
    /// that article's text; [`title`](Self::title) is still the page's.
    /// Always `false` for plain text.
    pub fn from_structured_data(&self) -> bool {
        self.structured_data
    }

    /// The same result owning its text: `'static`, for returning, sending
    /// or storing. Copies the text once if it was borrowed.
    pub fn into_owned(self) -> Stripped<'static> {
        Stripped {
            text: Cow::Owned(self.text.into_owned()),
            title: self.title,
            layout: self.layout,
            language: self.language,
            decided: self.decided,
            relaxed: self.relaxed,
            extracted_body: self.extracted_body,
            structured_data: self.structured_data,
            compiled: self.compiled,
        }
    }
}

/// What kind of block a paragraph is, as the HTML said; plain text says
/// nothing, and its paragraphs are [`BlockKind::Text`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BlockKind {
    /// A paragraph of plain text input.
    Text,
    /// `<p>`.
    Paragraph,
    /// `<h1>` to `<h6>`, with the level.
    Heading(u8),
    /// `<li>`, `<dt>` or `<dd>`.
    ListItem,
    /// `<blockquote>`.
    Quote,
    /// `<td>` or `<th>`.
    TableCell,
    /// `<pre>`.
    Preformatted,
    /// Any other block (`<div>`, `<section>`, `<figcaption>`…).
    Other,
}

impl BlockKind {
    fn of(dom: Option<&Dom>) -> BlockKind {
        let Some(dom) = dom else {
            return BlockKind::Text;
        };
        if let Some(level) = dom.heading_level() {
            return BlockKind::Heading(level);
        }
        match dom.tag {
            "p" => BlockKind::Paragraph,
            "li" | "dt" | "dd" => BlockKind::ListItem,
            "blockquote" => BlockKind::Quote,
            "td" | "th" => BlockKind::TableCell,
            "pre" => BlockKind::Preformatted,
            _ => BlockKind::Other,
        }
    }

    /// A short lowercase name: `text`, `paragraph`, `heading`, `list_item`,
    /// `quote`, `table_cell`, `preformatted`, `other`.
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Text => "text",
            BlockKind::Paragraph => "paragraph",
            BlockKind::Heading(_) => "heading",
            BlockKind::ListItem => "list_item",
            BlockKind::Quote => "quote",
            BlockKind::TableCell => "table_cell",
            BlockKind::Preformatted => "preformatted",
            BlockKind::Other => "other",
        }
    }
}

/// One paragraph of a [`Stripped`] document and the decision about it.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Paragraph<'s> {
    /// Its place in the document, from 0.
    pub index: usize,
    /// Byte range in [`Stripped::text`] (trimmed of surrounding whitespace).
    pub range: Range<usize>,
    /// Whether it is part of the body.
    pub kept: bool,
    /// Its class from the score alone.
    pub class: Class,
    /// Why it was kept or cut.
    pub reason: Reason,
    /// The sum of the weights of the rules that fired.
    pub score: f64,
    text: &'s str,
    hits: &'s [Hit],
    pub(super) features: &'s Features,
    rules: &'s [Rule],
    /// The promo model the stripper measured with.
    model: &'s PromoModel,
}

impl<'s> Paragraph<'s> {
    /// Its text.
    pub fn text(&self) -> &'s str {
        self.text
    }

    /// For a cut paragraph, the rule it is counted under: the most negative
    /// of the rules that fired (the first of equals), as corpus statistics
    /// count it. `None` when it is kept, or no negative rule fired (context
    /// cut it).
    pub fn cutting_rule(&self) -> Option<&'s Rule> {
        if self.kept {
            return None;
        }
        self.hits()
            .fold(None, |worst, h| more_negative(worst, h.rule, h.rule.weight))
            .map(|(rule, _)| rule)
    }

    /// The rules that fired, in rule-file order, with what they matched.
    pub fn hits(&self) -> impl ExactSizeIterator<Item = RuleHit<'s>> + Clone + use<'s> {
        let rules = self.rules;
        self.hits.iter().map(move |h| RuleHit {
            rule: &rules[h.rule],
            span: h.span.clone(),
        })
    }

    /// The names of the rules that fired.
    pub fn rule_names(&self) -> impl ExactSizeIterator<Item = &'s str> + Clone + use<'s> {
        let rules = self.rules;
        self.hits.iter().map(move |h| rules[h.rule].name.as_str())
    }

    /// What kind of block it is (HTML input), or [`BlockKind::Text`].
    pub fn kind(&self) -> BlockKind {
        BlockKind::of(self.features.dom.as_ref())
    }

    /// The HTML element that holds it (`p`, `li`, `td`…), for HTML input.
    pub fn tag(&self) -> Option<&'static str> {
        self.features.dom.map(|d| d.tag)
    }

    /// A measurement, as rule conditions see it (`words`, `stopwords`,
    /// `link_density`…).
    pub fn feature(&self, feature: Feature) -> f64 {
        self.features.get(feature)
    }

    /// The words and word pairs that pushed the learned promo scorer
    /// ([`Feature::PromoModel`]) towards promo most, strongest first, with
    /// their weights: at most `n`.
    pub fn promo_ngrams(&self, n: usize) -> Vec<(String, f32)> {
        crate::measure::promo_strongest(self.model, self.text, n)
    }
}

/// A rule that fired on a paragraph.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct RuleHit<'s> {
    /// The rule (name, weight, description, where it was defined).
    pub rule: &'s Rule,
    /// Where its phrase or regex matched in [`Stripped::text`]; `None` for
    /// rules that test only features.
    pub span: Option<Range<usize>>,
}

impl<'s> RuleHit<'s> {
    /// The rule's name.
    pub fn name(&self) -> &'s str {
        &self.rule.name
    }

    /// The rule's weight.
    pub fn weight(&self) -> f64 {
        self.rule.weight
    }
}

#[cfg(feature = "serde")]
mod serialize {
    //! One JSON shape for a result, used by the command's `--json` and by
    //! corpus mode's `--annotate` (docs/output.md describes every field).

    use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

    use super::{Paragraph, RuleHit, Stripped};

    impl Serialize for Stripped<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(None)?;
            if let Some(title) = self.title() {
                map.serialize_entry("title", title)?;
            }
            map.serialize_entry("language", &self.language())?;
            map.serialize_entry("relaxed", &self.relaxed())?;
            map.serialize_entry("extracted_body", &self.extracted_body())?;
            map.serialize_entry("structured_data", &self.from_structured_data())?;
            map.serialize_entry("body", &self.body())?;
            map.serialize_entry("paragraphs", &Paragraphs(self))?;
            map.end()
        }
    }

    struct Paragraphs<'a, 't>(&'a Stripped<'t>);

    impl Serialize for Paragraphs<'_, '_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut seq = s.serialize_seq(Some(self.0.len()))?;
            for p in self.0.paragraphs() {
                seq.serialize_element(&p)?;
            }
            seq.end()
        }
    }

    impl Serialize for Paragraph<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(None)?;
            map.serialize_entry("index", &self.index)?;
            map.serialize_entry("start", &self.range.start)?;
            map.serialize_entry("end", &self.range.end)?;
            map.serialize_entry("text", self.text())?;
            map.serialize_entry("kept", &self.kept)?;
            map.serialize_entry("class", self.class.name())?;
            map.serialize_entry("reason", self.reason.describe())?;
            map.serialize_entry("score", &self.score)?;
            map.serialize_entry("kind", self.kind().name())?;
            if let super::BlockKind::Heading(level) = self.kind() {
                map.serialize_entry("level", &level)?;
            }
            let hits: Vec<RuleHit<'_>> = self.hits().collect();
            map.serialize_entry("rules", &hits)?;
            if let Some(dom) = self.features.dom {
                map.serialize_entry("tag", dom.tag)?;
                map.serialize_entry("link_density", &dom.link_density)?;
            }
            map.end()
        }
    }

    impl Serialize for RuleHit<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(Some(3))?;
            map.serialize_entry("name", self.name())?;
            map.serialize_entry("weight", &self.weight())?;
            map.serialize_entry("span", &self.span.as_ref().map(|r| [r.start, r.end]))?;
            map.end()
        }
    }
}
