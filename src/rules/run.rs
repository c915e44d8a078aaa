//! Evaluating the rules on a document's paragraphs: the phrase index marks
//! candidates, conditions and regexes decide, copies take their first's hits.

use std::ops::Range;

use super::{Regexes, Rule, RuleSet, get_bit, set_bit};
use crate::measure::{Feature, Features, Spot, Spots, is_cjk_char, is_regex_word_char};

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
    /// Whether a firm barrier rule fired (see [`Rule::firm`]).
    fn firm_barrier(&self, rules: &[Rule]) -> bool;
    /// Whether a decisive rule fired.
    fn decisive(&self, rules: &[Rule]) -> bool;
    /// Whether a decisive rule that is not weak fired (what still cuts
    /// when a page is decided again without its weak evidence).
    fn firmly_decisive(&self, rules: &[Rule]) -> bool;
    /// The sum of the weights of the weak rules that fired.
    fn weak_score(&self, rules: &[Rule]) -> f64;
    /// The weight of the most negative rule that fired (0 when none is).
    fn worst_weight(&self, rules: &[Rule]) -> f64;
    /// Whether a negative rule that reads what the paragraph says or its
    /// markup's class words fired (not only its length, links or place).
    fn chaff_by_content(&self, rules: &[Rule]) -> bool;
    /// Whether a rule that marks a site's chrome fired (see
    /// [`Rule::marks_page_chrome`]).
    fn page_chrome(&self, rules: &[Rule]) -> bool;
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

    fn firm_barrier(&self, rules: &[Rule]) -> bool {
        // `firm` is compiled only with `barrier` (see `compile`).
        self.iter().any(|h| rules[h.rule].firm)
    }

    fn decisive(&self, rules: &[Rule]) -> bool {
        self.iter().any(|h| rules[h.rule].decisive)
    }

    fn firmly_decisive(&self, rules: &[Rule]) -> bool {
        self.iter()
            .any(|h| rules[h.rule].decisive && !rules[h.rule].weak)
    }

    fn weak_score(&self, rules: &[Rule]) -> f64 {
        self.iter()
            .filter(|h| rules[h.rule].weak)
            .map(|h| rules[h.rule].weight)
            .sum()
    }

    fn worst_weight(&self, rules: &[Rule]) -> f64 {
        self.iter()
            .map(|h| rules[h.rule].weight)
            .fold(0.0, f64::min)
    }

    fn chaff_by_content(&self, rules: &[Rule]) -> bool {
        self.iter()
            .any(|h| rules[h.rule].weight < 0.0 && rules[h.rule].reads_content)
    }

    fn page_chrome(&self, rules: &[Rule]) -> bool {
        self.iter().any(|h| rules[h.rule].marks_page_chrome())
    }
}

/// Folds one fired rule into `worst`, the most negative so far (the first
/// of equals), if any is negative: the rule a cut paragraph is counted
/// under. Fed the rules in rule order.
pub(crate) fn more_negative<R>(worst: Option<(R, f64)>, rule: R, weight: f64) -> Option<(R, f64)> {
    match worst {
        Some((_, w)) if weight.total_cmp(&w).is_lt() && weight < 0.0 => Some((rule, weight)),
        None if weight < 0.0 => Some((rule, weight)),
        kept => kept,
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
    /// A firm barrier rule fired.
    pub firm_barrier: bool,
    /// A decisive rule fired.
    pub decisive: bool,
    /// A decisive rule that is not weak fired.
    pub firmly_decisive: bool,
    /// The sum of the weights of the weak rules that fired.
    pub weak: f64,
    /// A negative rule that reads the paragraph's content fired.
    pub chaff_by_content: bool,
    /// A rule that marks a site's chrome fired.
    pub page_chrome: bool,
    /// The most negative rule that fired (the first of equals), if any is
    /// negative.
    pub worst: Option<usize>,
}

// Only corpus mode uses it; the rule tests check it against the hits.
#[cfg_attr(not(feature = "corpus"), allow(dead_code))]
impl Tally for Verdict {
    fn of(set: &RuleSet, fired: &[u64], _: &[Option<Range<usize>>], every_rule: bool) -> Verdict {
        let (mut barrier, mut decisive, mut weak, mut worst) = (false, false, 0.0, None);
        let mut firm_barrier = false;
        let (mut firmly_decisive, mut chaff_by_content, mut page_chrome) = (false, false, false);
        // Summed in rule order, as the hits are.
        let score = reported(set, fired, every_rule)
            .map(|r| {
                let rule = &set.rules[r];
                barrier |= rule.barrier;
                firm_barrier |= rule.firm;
                decisive |= rule.decisive;
                firmly_decisive |= rule.decisive && !rule.weak;
                chaff_by_content |= rule.weight < 0.0 && rule.reads_content;
                page_chrome |= rule.marks_page_chrome();
                if rule.weak {
                    weak += rule.weight;
                }
                worst = more_negative(worst, r, rule.weight);
                rule.weight
            })
            .sum();
        Verdict {
            score,
            barrier,
            firm_barrier,
            decisive,
            firmly_decisive,
            weak,
            chaff_by_content,
            page_chrome,
            worst: worst.map(|(r, _)| r),
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

    fn firm_barrier(&self, _: &[Rule]) -> bool {
        self.firm_barrier
    }

    fn decisive(&self, _: &[Rule]) -> bool {
        self.decisive
    }

    fn firmly_decisive(&self, _: &[Rule]) -> bool {
        self.firmly_decisive
    }

    fn weak_score(&self, _: &[Rule]) -> f64 {
        self.weak
    }

    fn worst_weight(&self, rules: &[Rule]) -> f64 {
        self.worst.map_or(0.0, |w| rules[w].weight)
    }

    fn chaff_by_content(&self, _: &[Rule]) -> bool {
        self.chaff_by_content
    }

    fn page_chrome(&self, _: &[Rule]) -> bool {
        self.page_chrome
    }
}

impl RuleSet {
    /// Runs every rule over the paragraphs `ranges` of `text`; returns the
    /// scored hits per paragraph (sub-rules and zero-weight rules left out).
    /// Without `spans`, a regex that matches is only tested for a match
    /// (no search for where it starts), and its hit spans the paragraph.
    pub(crate) fn evaluate(
        &self,
        regexes: &Regexes,
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
        regexes: &Regexes,
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
    pub(crate) fn run<T: Tally>(
        &self,
        regexes: &Regexes,
        text: &str,
        ranges: &[Range<usize>],
        features: &[Features],
        spots: &Spots,
        every_rule: bool,
        spans: bool,
    ) -> Vec<T> {
        let mut scratch = Scratch::new(self, regexes.len());
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
            scratch.candidates.copy_from_slice(if f.dom.is_some() {
                &self.always
            } else {
                &self.always_text
            });
            scratch.find_phrases(self, text, range, spots.of(p));
            scratch.gate_regexes(self, f);
            // The crate's unit tests check that trigger sets are sound on
            // every text they strip: a regex they skip does not match. Not in
            // debug builds of users' programs, which would pay for every regex
            // on every paragraph.
            #[cfg(test)]
            if ranges.len() <= DEBUG_CHECK_PARAGRAPHS {
                for (ri, regex) in regexes.iter().enumerate() {
                    let Some(regex) = regex else {
                        continue;
                    };
                    assert!(
                        self.may_match(ri, scratch.seen[ri], f) || !regex.is_match(para),
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
                && scratch
                    .candidates
                    .iter()
                    .zip(fit)
                    .zip(&self.placed)
                    .all(|((&c, &fit), &placed)| c & fit & placed == 0);
            let candidate = Candidate {
                para,
                range,
                features: f,
                values: &values,
                spans,
            };
            scratch.evaluate(self, regexes, &candidate, fit);
            out.push(T::of(self, &scratch.fired, &scratch.matched, every_rule));
            scratch.clear();
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

/// What [`RuleSet::run`] notes of one paragraph, cleared for the next
/// (allocated once per document).
struct Scratch {
    /// By rank: the rules to evaluate.
    candidates: Vec<u64>,
    /// By rule: the rules that fired.
    fired: Vec<u64>,
    /// By rule: where its first phrase or regex match lies.
    matched: Vec<Option<Range<usize>>>,
    /// The rules with a `matched` span, to clear.
    matched_rules: Vec<usize>,
    /// By regex: the bits of its trigger sets found so far.
    seen: Vec<u8>,
    /// The regexes with `seen` bits, to clear.
    seen_regexes: Vec<usize>,
}

/// The paragraph [`Scratch::evaluate`] evaluates rules on.
struct Candidate<'a> {
    para: &'a str,
    /// Where `para` lies in the document.
    range: &'a Range<usize>,
    features: &'a Features,
    values: &'a [f64; Feature::COUNT],
    /// Find where each regex match lies (else only whether one does).
    spans: bool,
}

impl Scratch {
    fn new(set: &RuleSet, regex_count: usize) -> Scratch {
        Scratch {
            candidates: vec![0; set.always.len()],
            fired: vec![0; set.always.len()],
            matched: vec![None; set.rules.len()],
            matched_rules: Vec::new(),
            seen: vec![0; regex_count],
            seen_regexes: Vec::new(),
        }
    }

    /// Runs the phrase index over the paragraph `range` of `text`: marks
    /// the rules whose phrases occur there as whole words (or as prefixes)
    /// and notes the trigger literals of regexes.
    #[inline]
    fn find_phrases(&mut self, set: &RuleSet, text: &str, range: &Range<usize>, spots: &[Spot]) {
        let para = &text[range.clone()];
        set.phrases.find(para, spots, |pattern, start, end| {
            for &(ri, bit) in &set.triggers[pattern] {
                if self.seen[ri] == 0 {
                    self.seen_regexes.push(ri);
                }
                self.seen[ri] |= 1 << bit;
            }
            let targets = &set.targets[pattern];
            if targets.is_empty() {
                return;
            }
            let (start, end) = (range.start + start, range.start + end);
            let before_ok = !word_char_at(text, start) || !word_char_before(text, start);
            let open_end = word_char_before(text, end) && word_char_at(text, end);
            for t in targets {
                if before_ok && (t.prefix || !open_end) {
                    let slot = &mut self.matched[t.rule];
                    match slot {
                        None => {
                            *slot = Some(start..end);
                            self.matched_rules.push(t.rule);
                            set_bit(&mut self.candidates, set.rank[t.rule]);
                            for &k in &set.wake[t.rule] {
                                set_bit(&mut self.candidates, k);
                            }
                        }
                        // The first match in the text is the one reported.
                        Some(s) if start < s.start => *s = start..end,
                        Some(_) => {}
                    }
                }
            }
        });
    }

    /// Adds the regexes' digit sets where the paragraph has digits, and
    /// makes candidates of the rules of regexes whose trigger sets are met.
    #[inline]
    fn gate_regexes(&mut self, set: &RuleSet, f: &Features) {
        if f.digits > 0 {
            for &(ri, bits) in &set.digit_sets {
                if self.seen[ri] == 0 {
                    self.seen_regexes.push(ri);
                }
                self.seen[ri] |= bits;
            }
        }
        for &ri in &self.seen_regexes {
            if set.may_match(ri, self.seen[ri], f) {
                let r = set.regex_rule[ri];
                set_bit(&mut self.candidates, set.rank[r]);
                for &k in &set.wake[r] {
                    set_bit(&mut self.candidates, k);
                }
            }
        }
    }

    /// Evaluates the candidate rules that `fit` the paragraph's word count,
    /// in dependency order, setting `fired`.
    #[inline]
    fn evaluate(&mut self, set: &RuleSet, regexes: &Regexes, c: &Candidate<'_>, fit: &[u64]) {
        let f = c.features;
        for (w, &word) in self.candidates.iter().enumerate() {
            let mut bits = word & fit[w];
            while bits != 0 {
                let rank = w * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let r = set.order[rank];
                let rule = &set.rules[r];
                // Cheap tests first: regexes run only where conditions hold.
                let ok = (rule.within == 0 || f.dom.is_some_and(|d| d.marks & rule.within != 0))
                    && rule.conditions.iter().all(|cond| cond.holds(c.values))
                    && rule.requires.iter().all(|&d| get_bit(&self.fired, d))
                    && !rule.unless.iter().any(|&d| get_bit(&self.fired, d))
                    && (!rule.has_text || {
                        if self.matched[r].is_none() {
                            self.matched[r] = rule.regexes.iter().find_map(|&ri| {
                                if !set.may_match(ri, self.seen[ri], f) {
                                    return None;
                                }
                                let regex = regexes.get(ri)?;
                                if !c.spans {
                                    return regex.is_match(c.para).then(|| c.range.clone());
                                }
                                let start = c.range.start;
                                regex
                                    .find(c.para)
                                    .map(|m| start + m.start()..start + m.end())
                            });
                            if self.matched[r].is_some() {
                                self.matched_rules.push(r);
                            }
                        }
                        self.matched[r].is_some()
                    });
                if ok {
                    set_bit(&mut self.fired, r);
                }
            }
        }
    }

    /// Clears what the paragraph left, for the next.
    #[inline]
    fn clear(&mut self) {
        self.fired.fill(0);
        for r in self.matched_rules.drain(..) {
            self.matched[r] = None;
        }
        for ri in self.seen_regexes.drain(..) {
            self.seen[ri] = 0;
        }
    }
}

/// Documents of up to this many paragraphs have their trigger sets checked
/// by the unit tests (larger ones are the size tests').
#[cfg(test)]
const DEBUG_CHECK_PARAGRAPHS: usize = 5_000;

/// Whether the char starting at `pos` is a word char that joins its
/// neighbours into one word (none at the end). A CJK char is a word of
/// its own, so a phrase may start or end next to one.
#[inline]
fn word_char_at(text: &str, pos: usize) -> bool {
    match text.as_bytes().get(pos) {
        Some(&b) if b < 0x80 => b.is_ascii_alphanumeric() || b == b'_',
        Some(_) => text[pos..].chars().next().is_some_and(joins_words),
        None => false,
    }
}

/// Whether the char ending at `pos` is a word char that joins its
/// neighbours (none at the start).
#[inline]
fn word_char_before(text: &str, pos: usize) -> bool {
    match pos.checked_sub(1).and_then(|i| text.as_bytes().get(i)) {
        Some(&b) if b < 0x80 => b.is_ascii_alphanumeric() || b == b'_',
        Some(_) => text[..pos].chars().next_back().is_some_and(joins_words),
        None => false,
    }
}

/// A word char that is not CJK (CJK chars are words of their own).
#[inline]
fn joins_words(c: char) -> bool {
    is_regex_word_char(c) && !is_cjk_char(c)
}
