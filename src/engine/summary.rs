//! What corpus mode keeps of a document: its body and how many paragraphs
//! each rule cut, without building a [`Stripped`](super::Stripped).

use std::borrow::Cow;
use std::ops::Range;

use super::{Stripper, join};
use crate::decide::Reason;
use crate::error::Error;
use crate::html::Page;
use crate::rules::{Rule, more_negative};
use crate::text::Layout;

impl Stripper {
    /// What corpus mode keeps of [`try_strip`](Self::try_strip), without
    /// building a [`Stripped`]: the body, and how many paragraphs each rule
    /// cut (the most negative rule that fired, or the reason when none did).
    pub(crate) fn summarize_text<'a>(&'a self, text: &str) -> Result<Summary<'a>, Error> {
        self.check_size(text.len())?;
        let text = crate::text::normalize(text);
        let (layout, ranges) = self.try_segment(&text)?;
        Ok(self.summarize(&text, layout, Cow::Owned(ranges), None).0)
    }

    /// [`summarize_text`](Self::summarize_text) for a page, as
    /// [`strip_page`](Self::strip_page) strips it.
    pub(crate) fn summarize_page<'a>(&'a self, page: &Page) -> Summary<'a> {
        let of =
            |p: &Page| self.summarize(&p.text, Layout::Blocks, Cow::Borrowed(&p.blocks), Some(p));
        let (summary, kept) = of(page);
        let Some(stated) = self.stated_article(page, kept) else {
            return summary;
        };
        let (from_data, kept_from_data) = of(&stated);
        if kept_from_data > kept {
            from_data
        } else {
            summary
        }
    }

    /// The summary of the paragraphs `ranges` of `text`, and the words it
    /// kept.
    fn summarize<'a>(
        &'a self,
        text: &str,
        layout: Layout,
        ranges: Cow<'_, [Range<usize>]>,
        page: Option<&Page>,
    ) -> (Summary<'a>, u32) {
        // The summary reports no spans, and needs of the hits only the
        // scores, barriers (firm or not) and the rules that cut.
        let judged = self.judge(text, ranges, page, |ranges, features, spots| {
            self.compiled
                .rules
                .verdicts(&self.regexes, text, ranges, features, spots)
        });
        let rules = self.compiled.rules.rules();
        let kept = judged
            .ranges
            .iter()
            .zip(&judged.decisions)
            .filter(|(_, d)| d.keep);
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
        let kept_words = super::kept_words(&judged.decisions, &judged.features);
        ((body, cut_by), kept_words)
    }
}

/// Counts a cut paragraph in `cut_by` under the most negative of the rules
/// that fired on it, or under `reason` when none is negative.
pub(crate) fn count_cut<'a>(
    cut_by: &mut Vec<(&'a str, u64)>,
    fired: impl Iterator<Item = &'a Rule>,
    reason: Reason,
) {
    let worst = fired.fold(None, |worst, r| more_negative(worst, r, r.weight));
    count_name(
        cut_by,
        worst.map_or_else(|| reason.describe(), |(r, _)| r.name.as_str()),
    );
}

fn count_name<'a>(cut_by: &mut Vec<(&'a str, u64)>, name: &'a str) {
    match cut_by.iter_mut().find(|(n, _)| *n == name) {
        Some((_, count)) => *count += 1,
        None => cut_by.push((name, 1)),
    }
}

/// The body of a document and, per rule (or reason) that cut paragraphs,
/// how many it cut.
pub(crate) type Summary<'a> = (String, Vec<(&'a str, u64)>);
