//! The result of stripping a document: every paragraph with its verdict,
//! score, the rules that fired and why it was kept or cut.

use std::ops::Range;

use super::join;
use crate::decide::{Class, Reason};
use crate::measure::Features;
use crate::rules::Rule;
use crate::text::Layout;

/// The result of [`Stripper::strip`]: every paragraph with its verdict.
#[derive(Clone, Debug)]
pub struct Stripped<'a> {
    pub(super) text: &'a str,
    pub(super) layout: Layout,
    pub(super) language: Option<&'static str>,
    pub(super) paragraphs: Vec<Paragraph<'a>>,
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
