//! Ads inside a paragraph: a scraper that flattens a page gives one long
//! paragraph holding article and ad together. Where a long paragraph holds
//! both prose and strong promo evidence, it is split at its sentence
//! boundaries (Unicode's UAX #29) and the pieces are decided on their own,
//! so the ad goes and the article stays.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::Judged;
use crate::decide::Class;
use crate::rules::{Rule, Tally};

/// A paragraph is split only when it is this long, in words: shorter ones
/// are an ad, or a paragraph of article, as a whole. An ad of three
/// polished sentences has promo evidence in one of them; split, the other
/// two read as prose and stayed. (40 before; 80 removed 2.4 points more of
/// promotion written apart from the rules and the model, text mode, and
/// kept the seed flattened to one line exact.)
const MIN_WORDS: u32 = 80;

/// Nor when it is longer than this: a page flattened onto one line holds a
/// few thousand words, and beyond that it is a whole site or a script read
/// as text, whose thousands of sentences would each be judged (raw HTML
/// given as text took twice as long for it).
const MAX_WORDS: u32 = 5_000;

/// A paragraph shorter than this on which a decisive rule fired is one
/// ad, not article and ad: a decisive rule speaks for all of it (a label
/// that opens it, the promo scorer sure of it or of how it stands out from
/// the page). Split, the sentences after its first read as prose and
/// stayed ("This series is made possible by …", then three plain
/// sentences). A page flattened onto one line is longer, and the scorer
/// is not sure of an article with an ad glued on. Measured with a scorer
/// trained without the own promo set: its recall 0.9507 -> 0.9625 (text,
/// article bodies), held-out 0.9528 -> 0.9583; 150 words gained two
/// thirds of it, 400 no more.
const WHOLE_AD_MAX_WORDS: u32 = 250;

/// A rule at least this negative (or a decisive one) is strong promo
/// evidence.
const STRONG_WEIGHT: f64 = -5.0;

/// The paragraphs of `judged` that may be mixed: long, of several
/// sentences, with strong promo evidence (not a whole ad's), and kept or
/// next to a kept paragraph (or in a document that keeps nothing: one flattened
/// paragraph). A cookie banner or a footer far from the article is left
/// alone: splitting it could change nothing, and would cost a judging.
pub(super) fn candidates<T: Tally>(judged: &Judged<'_, T>, rules: &[Rule]) -> Vec<usize> {
    let kept = |i: usize| judged.decisions.get(i).is_some_and(|d| d.keep);
    let keeps_nothing = !judged.decisions.iter().any(|d| d.keep);
    (0..judged.ranges.len())
        .filter(|&i| {
            let (f, hits) = (&judged.features[i], &judged.hits[i]);
            (MIN_WORDS..=MAX_WORDS).contains(&f.words)
                && f.sentences >= 2
                && (keeps_nothing || kept(i) || kept(i + 1) || i.checked_sub(1).is_some_and(kept))
                && if hits.decisive(rules) {
                    f.words >= WHOLE_AD_MAX_WORDS
                } else {
                    hits.worst_weight(rules) <= STRONG_WEIGHT
                }
        })
        .collect()
}

/// Whether the sentences of a candidate, judged on their own, are both
/// article and chaff: some bad, and a good share of the words in prose (a
/// cookie banner or a copyright footer is chaff throughout, and stays
/// whole).
pub(super) fn is_mixed<T>(pieces: &Judged<'_, T>) -> bool {
    let words = |keep: &dyn Fn(Class) -> bool| -> u32 {
        pieces
            .decisions
            .iter()
            .zip(&pieces.features)
            .filter(|(d, _)| keep(d.class))
            .map(|(_, f)| f.words)
            .sum()
    };
    let prose = words(&|c| c.is_prose());
    let bad = words(&|c| c == Class::Bad);
    let all = words(&|_| true);
    bad > 0 && prose as f64 >= PROSE_SHARE * all as f64
}

/// At least this share of a mixed paragraph's words are in prose sentences.
const PROSE_SHARE: f64 = 0.4;

/// The ranges of `judged` with paragraph `i` replaced by its sentences, for
/// each `i` of `split` (ascending).
pub(super) fn split(text: &str, ranges: &[Range<usize>], split: &[usize]) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(ranges.len() + 16 * split.len());
    for (i, range) in ranges.iter().enumerate() {
        if split.binary_search(&i).is_ok() {
            out.extend(sentences(text, range.clone()));
        } else {
            out.push(range.clone());
        }
    }
    out
}

/// The sentences of the paragraph `range` of `text`, whitespace trimmed.
pub(super) fn sentences(
    text: &str,
    range: Range<usize>,
) -> impl Iterator<Item = Range<usize>> + '_ {
    let start = range.start;
    text[range]
        .split_sentence_bound_indices()
        .filter_map(move |(at, sentence)| {
            let trimmed = sentence.trim();
            if trimmed.is_empty() {
                return None;
            }
            let lead = sentence.len() - sentence.trim_start().len();
            let s = start + at + lead;
            Some(s..s + trimmed.len())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_are_trimmed_ranges_of_the_text() {
        let text = "Intro.\n\nThe mayor spoke.  Then she left! Did it rain? Yes";
        let start = text.find("The").unwrap();
        let got: Vec<&str> = sentences(text, start..text.len())
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            got,
            ["The mayor spoke.", "Then she left!", "Did it rain?", "Yes"]
        );
    }
}
