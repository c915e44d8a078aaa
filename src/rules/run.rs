//! Evaluating the rules on a document's paragraphs: the phrase index marks
//! candidates, conditions and regexes decide, copies take their first's hits.

use std::ops::Range;

use regex::Regex;

use super::{Rule, RuleSet, get_bit, set_bit};
use crate::measure::{Feature, Features, Spots};

/// A rule that fired on a paragraph.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// Index of the rule in [`RuleSet::rules`].
    pub rule: usize,
    /// Where its phrase or regex matched, as a byte range into the document;
    /// `None` for rules that test only features.
    pub span: Option<Range<usize>>,
}

/// What the rule pass keeps of a paragraph, from the rules that fired on
/// it: its hits, or only what the corpus summary needs (no allocation).
pub(crate) trait Tally: Sized {
    /// From `fired` (a bitset by rule index) and where the rules' text
    /// matched; sub-rules and zero-weight rules count only with
    /// `every_rule`.
    fn of(set: &RuleSet, fired: &[u64], matched: &[Option<Range<usize>>], every_rule: bool)
    -> Self;
    /// The same for a copy of the paragraph, moved from range `from` to `to`.
    fn moved(&self, from: &Range<usize>, to: &Range<usize>) -> Self;
    /// The paragraph's score: the sum of the weights.
    fn score(&self, rules: &[Rule]) -> f64;
    /// Whether a barrier rule fired.
    fn barrier(&self, rules: &[Rule]) -> bool;
}

/// The rules reported of `fired`, by rule index.
fn reported<'a>(
    set: &'a RuleSet,
    fired: &'a [u64],
    every_rule: bool,
) -> impl Iterator<Item = usize> + 'a {
    Bits {
        words: fired,
        at: 0,
        word: fired.first().copied().unwrap_or(0),
    }
    .filter(move |&r| every_rule || set.rules[r].scored)
}

/// The set bits of a bitset, lowest first.
struct Bits<'a> {
    words: &'a [u64],
    /// The index of the word being read.
    at: usize,
    /// Its bits not returned yet.
    word: u64,
}

impl Iterator for Bits<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.word == 0 {
            self.at += 1;
            self.word = *self.words.get(self.at)?;
        }
        let bit = self.word.trailing_zeros() as usize;
        self.word &= self.word - 1;
        Some(self.at * 64 + bit)
    }
}

impl Tally for Vec<Hit> {
    fn of(
        set: &RuleSet,
        fired: &[u64],
        matched: &[Option<Range<usize>>],
        every_rule: bool,
    ) -> Vec<Hit> {
        let mut hits = Vec::new();
        if fired.iter().any(|&w| w != 0) {
            hits.extend(reported(set, fired, every_rule).map(|r| Hit {
                rule: r,
                span: matched[r].clone(),
            }));
        }
        hits
    }

    fn moved(&self, from: &Range<usize>, to: &Range<usize>) -> Vec<Hit> {
        let moved =
            |s: &Range<usize>| s.start - from.start + to.start..s.end - from.start + to.start;
        self.iter()
            .map(|h| Hit {
                rule: h.rule,
                span: h.span.as_ref().map(moved),
            })
            .collect()
    }

    fn score(&self, rules: &[Rule]) -> f64 {
        self.iter().map(|h| rules[h.rule].weight).sum()
    }

    fn barrier(&self, rules: &[Rule]) -> bool {
        self.iter().any(|h| rules[h.rule].barrier)
    }
}

/// What the corpus summary needs of a paragraph's hits.
// Only corpus mode uses it; the rule tests check it against the hits.
#[cfg_attr(not(feature = "corpus"), allow(dead_code))]
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Verdict {
    /// The sum of the weights of the rules that fired.
    pub score: f64,
    /// A barrier rule fired.
    pub barrier: bool,
    /// The most negative rule that fired (the first of equals), if any is
    /// negative.
    pub worst: Option<usize>,
}

// Only corpus mode uses it; the rule tests check it against the hits.
#[cfg_attr(not(feature = "corpus"), allow(dead_code))]
impl Tally for Verdict {
    fn of(set: &RuleSet, fired: &[u64], _: &[Option<Range<usize>>], every_rule: bool) -> Verdict {
        let (mut barrier, mut worst) = (false, None);
        let weight = |r: usize| set.rules[r].weight;
        // Summed in rule order, as the hits are.
        let score = reported(set, fired, every_rule)
            .map(|r| {
                barrier |= set.rules[r].barrier;
                // The first of the most negative.
                if weight(r) < 0.0 && worst.is_none_or(|w| weight(r).total_cmp(&weight(w)).is_lt())
                {
                    worst = Some(r);
                }
                weight(r)
            })
            .sum();
        Verdict {
            score,
            barrier,
            worst,
        }
    }

    fn moved(&self, _: &Range<usize>, _: &Range<usize>) -> Verdict {
        self.clone()
    }

    fn score(&self, _: &[Rule]) -> f64 {
        self.score
    }

    fn barrier(&self, _: &[Rule]) -> bool {
        self.barrier
    }
}

impl RuleSet {
    /// Runs every rule over the paragraphs `ranges` of `text`; returns the
    /// scored hits per paragraph (sub-rules and zero-weight rules left out).
    /// Without `spans`, a regex that matches is only tested for a match
    /// (no search for where it starts), and its hit spans the paragraph.
    pub(crate) fn evaluate(
        &self,
        regexes: &[Regex],
        text: &str,
        ranges: &[Range<usize>],
        features: &[Features],
        spots: &Spots,
        spans: bool,
    ) -> Vec<Vec<Hit>> {
        self.run(regexes, text, ranges, features, spots, false, spans)
    }

    /// As [`evaluate`](Self::evaluate), keeping of each paragraph only its
    /// score, whether a barrier fired and its most negative rule.
    #[cfg_attr(not(feature = "corpus"), allow(dead_code))]
    pub(crate) fn verdicts(
        &self,
        regexes: &[Regex],
        text: &str,
        ranges: &[Range<usize>],
        features: &[Features],
        spots: &Spots,
    ) -> Vec<Verdict> {
        self.run(regexes, text, ranges, features, spots, false, false)
    }

    /// As [`evaluate`](Self::evaluate); with `every_rule`, sub-rules and
    /// zero-weight rules are reported too.
    ///
    /// Per paragraph, the phrase index marks the rules whose phrases
    /// occur and the regexes whose trigger literals occur; only those rules
    /// and the few that test features alone are evaluated, in dependency
    /// order (a bitset by rank).
    // Two flags of what to report beside the document's parts: a struct for
    // them would only be unpacked again here.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn run<T: Tally>(
        &self,
        regexes: &[Regex],
        text: &str,
        ranges: &[Range<usize>],
        features: &[Features],
        spots: &Spots,
        every_rule: bool,
        spans: bool,
    ) -> Vec<T> {
        let n = self.rules.len();
        let words = self.always.len();
        let mut candidates = vec![0u64; words];
        let mut fired = vec![0u64; words];
        let mut matched: Vec<Option<Range<usize>>> = vec![None; n];
        let mut matched_rules: Vec<usize> = Vec::new();
        let mut seen = vec![0u8; regexes.len()];
        let mut seen_regexes: Vec<usize> = Vec::new();
        let mut out: Vec<T> = Vec::with_capacity(ranges.len());
        // Per paragraph: its hits hold for its later copies.
        let mut reusable = vec![false; ranges.len()];
        for (p, range) in ranges.iter().enumerate() {
            let para = &text[range.clone()];
            let f = &features[p];
            if let Some(copied) = self.copied(text, ranges, features, p, &reusable, &out) {
                out.push(copied);
                continue;
            }
            candidates.copy_from_slice(if f.dom.is_some() {
                &self.always
            } else {
                &self.always_text
            });
            self.phrases.find(para, spots.of(p), |pattern, start, end| {
                for &(ri, bit) in &self.triggers[pattern] {
                    if seen[ri] == 0 {
                        seen_regexes.push(ri);
                    }
                    seen[ri] |= 1 << bit;
                }
                let targets = &self.targets[pattern];
                if targets.is_empty() {
                    return;
                }
                let (start, end) = (range.start + start, range.start + end);
                let before_ok = !word_char_at(text, start) || !word_char_before(text, start);
                let open_end = word_char_before(text, end) && word_char_at(text, end);
                for t in targets {
                    if before_ok && (t.prefix || !open_end) {
                        let slot = &mut matched[t.rule];
                        match slot {
                            None => {
                                *slot = Some(start..end);
                                matched_rules.push(t.rule);
                                set_bit(&mut candidates, self.rank[t.rule]);
                            }
                            // The first match in the text is the one reported.
                            Some(s) if start < s.start => *s = start..end,
                            Some(_) => {}
                        }
                    }
                }
            });
            if f.digits > 0 {
                for &(ri, bits) in &self.digit_sets {
                    if seen[ri] == 0 {
                        seen_regexes.push(ri);
                    }
                    seen[ri] |= bits;
                }
            }
            for &ri in &seen_regexes {
                if self.may_match(ri, seen[ri], f) {
                    set_bit(&mut candidates, self.rank[self.regex_rule[ri]]);
                }
            }
            // The crate's unit tests check that trigger sets are sound on
            // every text they strip: a regex they skip does not match. Not in
            // debug builds of users' programs, which would pay for every regex
            // on every paragraph.
            #[cfg(test)]
            if ranges.len() <= DEBUG_CHECK_PARAGRAPHS {
                for (ri, regex) in regexes.iter().enumerate() {
                    assert!(
                        self.may_match(ri, seen[ri], f) || !regex.is_match(para),
                        "regex {} matches {para:?} without its trigger literals",
                        regex.as_str()
                    );
                }
            }
            let values = f.values();
            let words = values[Feature::Words as usize];
            let fit = &self.word_masks[self.word_breaks.partition_point(|&b| b <= words)];
            // Copies see the same phrases and features but where they
            // stand: they can take these hits unless a rule that looks at
            // that is evaluated.
            reusable[p] = f.repeats > 0
                && f.dom.is_none()
                && candidates
                    .iter()
                    .zip(fit)
                    .zip(&self.placed)
                    .all(|((&c, &fit), &placed)| c & fit & placed == 0);
            for (w, &word) in candidates.iter().enumerate() {
                let mut bits = word & fit[w];
                while bits != 0 {
                    let rank = w * 64 + bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    let r = self.order[rank];
                    let rule = &self.rules[r];
                    // Cheap tests first: regexes run only where conditions hold.
                    let ok = (rule.within == 0
                        || f.dom.is_some_and(|d| d.marks & rule.within != 0))
                        && rule.conditions.iter().all(|c| c.holds(&values))
                        && rule.requires.iter().all(|&d| get_bit(&fired, d))
                        && !rule.unless.iter().any(|&d| get_bit(&fired, d))
                        && (!rule.has_text || {
                            if matched[r].is_none() {
                                matched[r] = rule.regexes.iter().find_map(|&ri| {
                                    if !self.may_match(ri, seen[ri], f) {
                                        return None;
                                    }
                                    let regex = &regexes[ri];
                                    if !spans {
                                        return regex.is_match(para).then(|| range.clone());
                                    }
                                    regex
                                        .find(para)
                                        .map(|m| range.start + m.start()..range.start + m.end())
                                });
                                if matched[r].is_some() {
                                    matched_rules.push(r);
                                }
                            }
                            matched[r].is_some()
                        });
                    if ok {
                        set_bit(&mut fired, r);
                    }
                }
            }
            out.push(T::of(self, &fired, &matched, every_rule));
            for w in fired.iter_mut() {
                *w = 0;
            }
            for r in matched_rules.drain(..) {
                matched[r] = None;
            }
            for ri in seen_regexes.drain(..) {
                seen[ri] = 0;
            }
        }
        out
    }

    /// The hits of paragraph `p` when it is a copy of an earlier paragraph
    /// whose hits hold for it (see `placed`): the same, with their spans
    /// moved. `None` when `p` must be evaluated.
    fn copied<T: Tally>(
        &self,
        text: &str,
        ranges: &[Range<usize>],
        features: &[Features],
        p: usize,
        reusable: &[bool],
        out: &[T],
    ) -> Option<T> {
        let first = features[p].copy_of? as usize;
        let (from, to) = (ranges.get(first)?, &ranges[p]);
        // Phrases at the paragraph's edges look one char beyond it.
        let same_edges = word_char_before(text, from.start) == word_char_before(text, to.start)
            && word_char_at(text, from.end) == word_char_at(text, to.end);
        if !(*reusable.get(first)? && features[p].dom.is_none() && same_edges) {
            return None;
        }
        Some(out.get(first)?.moved(from, to))
    }

    /// Whether regex `ri` can match a paragraph with features `f` where the
    /// phrase index met its trigger sets `seen`.
    #[inline]
    pub(super) fn may_match(&self, ri: usize, seen: u8, f: &Features) -> bool {
        seen == self.required[ri] && f.digits >= self.min_digits[ri]
    }
}

/// Documents of up to this many paragraphs have their trigger sets checked
/// by the unit tests (larger ones are the size tests').
#[cfg(test)]
const DEBUG_CHECK_PARAGRAPHS: usize = 5_000;

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether the char starting at `pos` is a word char (none at the end).
#[inline]
fn word_char_at(text: &str, pos: usize) -> bool {
    match text.as_bytes().get(pos) {
        Some(&b) if b < 0x80 => b.is_ascii_alphanumeric() || b == b'_',
        Some(_) => text[pos..].chars().next().is_some_and(is_word_char),
        None => false,
    }
}

/// Whether the char ending at `pos` is a word char (none at the start).
#[inline]
fn word_char_before(text: &str, pos: usize) -> bool {
    match pos.checked_sub(1).and_then(|i| text.as_bytes().get(i)) {
        Some(&b) if b < 0x80 => b.is_ascii_alphanumeric() || b == b'_',
        Some(_) => text[..pos].chars().next_back().is_some_and(is_word_char),
        None => false,
    }
}
