//! Stage 3: rules fire on paragraphs.
//!
//! A rule file (format in DESIGN.md) is parsed (`parse.rs`), merged with user
//! files, compiled (`compile.rs`) into a [`RuleSet`], and run over a whole
//! document at once: the phrase index (`index.rs`) finds every phrase of
//! every rule and the trigger literals of the regexes where the char pass
//! noted the words they are filed under, a rule's regexes run on a paragraph only where
//! its conditions hold and a trigger occurred, and conditions read the
//! paragraph's [`Features`]. The built-in rules are `builtin.rules`,
//! compiled into the crate.

mod compile;
mod index;
mod parse;

use std::ops::Range;

use regex::Regex;

use crate::error::{Error, ErrorKind};
use crate::features::{Feature, Features, Lookout, Spots, measure_document};
use crate::html::DomWords;
use crate::stoplists::Stoplists;

/// The built-in rule file, as shipped in the crate.
pub const BUILTIN_RULES: &str = include_str!("builtin.rules");

/// One compiled rule.
#[derive(Clone, Debug)]
pub struct Rule {
    /// Unique name; names starting with `__` are unscored sub-rules.
    pub name: String,
    /// One-line description.
    pub describe: String,
    /// Added to the paragraph score when the rule fires (negative: chaff).
    pub weight: f64,
    /// The file that defined (or last overrode) the rule.
    pub file: String,
    /// The line of its `rule NAME` header there.
    pub line: usize,
    /// The main text does not extend across a paragraph this rule fires on
    /// (a comment section's heading, say).
    pub barrier: bool,
    /// HTML: bits of [`Dom::marks`](crate::Dom::marks) one of which must be set (0: no test).
    within: u128,
    /// One of its regexes has no trigger literals (see
    /// [`scans_every_paragraph`](Self::scans_every_paragraph)).
    untriggered: bool,
    /// A trigger literal of one of its regexes may start inside a word (see
    /// [`scans_inside_words`](Self::scans_inside_words)).
    inside_words: bool,
    has_text: bool,
    /// Reported in results: a non-zero weight and not a `__` sub-rule.
    scored: bool,
    /// Indices into [`RuleSet::regexes`].
    regexes: Vec<usize>,
    conditions: Vec<Condition>,
    requires: Vec<usize>,
    unless: Vec<usize>,
    examples: Vec<Example>,
}

#[derive(Clone, Debug, PartialEq)]
struct Condition {
    feature: Feature,
    op: Comparison,
    value: f64,
    /// The comparison as an interval, `lo <= v <= hi` (negated for `!=`):
    /// two comparisons instead of a jump on the operator.
    lo: f64,
    hi: f64,
    negate: bool,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Comparison {
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
}

impl Rule {
    /// Whether one of the rule's regexes has no trigger literals (no small
    /// set of literals that every match holds, like a regex made only of
    /// classes): it then runs on every paragraph where the rule's
    /// conditions hold, which is slow. `check-rules` reports such rules.
    pub fn scans_every_paragraph(&self) -> bool {
        self.untriggered
    }

    /// Whether a literal that one of the rule's regexes needs may start
    /// inside a word (no `\b`, `^` or non-word char before it, as in
    /// `all rights reserved`, which `xall rights reserved` matches): such
    /// literals are searched by a small automaton that reads every
    /// paragraph, not looked up where words start. `check-rules` reports
    /// such rules; a `\b` in front usually says what was meant.
    pub fn scans_inside_words(&self) -> bool {
        self.inside_words
    }

    /// Whether the rule can fire only on HTML: it tests `within`, or a
    /// condition on a DOM feature that fails where the feature is 0, as
    /// DOM features are on plain text.
    fn html_only(&self) -> bool {
        self.within != 0
            || self
                .conditions
                .iter()
                .any(|c| c.feature.is_dom() && !c.holds_for(0.0))
    }
}

impl Condition {
    fn new(feature: Feature, op: Comparison, value: f64) -> Condition {
        let (lo, hi) = match op {
            Comparison::Less => (f64::NEG_INFINITY, next_down(value)),
            Comparison::LessOrEqual => (f64::NEG_INFINITY, value),
            Comparison::Greater => (next_up(value), f64::INFINITY),
            Comparison::GreaterOrEqual => (value, f64::INFINITY),
            Comparison::Equal | Comparison::NotEqual => (value, value),
        };
        Condition {
            feature,
            op,
            value,
            lo,
            hi,
            negate: op == Comparison::NotEqual,
        }
    }

    #[inline]
    pub(super) fn holds_for(&self, v: f64) -> bool {
        ((v >= self.lo) & (v <= self.hi)) != self.negate
    }

    /// Whether the condition holds for the feature values `values`
    /// (indexed like [`Feature::ALL`]).
    fn holds(&self, values: &[f64; Feature::COUNT]) -> bool {
        self.holds_for(values[self.feature as usize])
    }
}

/// The least f64 above `v` (`v` itself for NaN and infinity).
pub(super) fn next_up(v: f64) -> f64 {
    if v.is_nan() || v == f64::INFINITY {
        return v;
    }
    if v == 0.0 {
        return f64::from_bits(1);
    }
    let bits = v.to_bits();
    f64::from_bits(if v > 0.0 { bits + 1 } else { bits - 1 })
}

/// The greatest f64 below `v`.
fn next_down(v: f64) -> f64 {
    -next_up(-v)
}

#[derive(Clone, Debug, PartialEq)]
struct PhraseTarget {
    rule: usize,
    /// A phrase written with a trailing `*` matches word prefixes.
    prefix: bool,
}

#[derive(Clone, Debug)]
struct Example {
    fires: bool,
    text: String,
    line: usize,
}

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
#[cfg(feature = "corpus")]
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

#[cfg(feature = "corpus")]
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

/// A compiled, immutable set of rules.
#[derive(Clone, Debug)]
pub struct RuleSet {
    rules: Vec<Rule>,
    /// Evaluation order: dependencies first.
    order: Vec<usize>,
    /// Per rule, its place in [`order`](Self::order).
    rank: Vec<usize>,
    /// By rank: the rules evaluated on every paragraph (no text to match,
    /// or a regex without trigger literals), as a bitset.
    always: Vec<u64>,
    /// [`always`](Self::always) without the rules that cannot fire on
    /// plain text, for paragraphs without DOM features.
    always_text: Vec<u64>,
    /// The word counts where some rule's `words` conditions change.
    word_breaks: Vec<f64>,
    /// Per interval of [`word_breaks`](Self::word_breaks) (below the
    /// first, between each two, above the last): the rules whose `words`
    /// conditions can hold there, as a bitset by rank.
    word_masks: Vec<Vec<u64>>,
    /// Per regex, the rule it belongs to.
    regex_rule: Vec<usize>,
    phrases: index::PhraseIndex,
    /// The patterns of [`phrases`](Self::phrases), in pattern-id order.
    patterns: Vec<String>,
    targets: Vec<Vec<PhraseTarget>>,
    /// For each phrase pattern, the regexes it is a trigger literal of, with
    /// the bit of its set of literals.
    triggers: Vec<Vec<(usize, u8)>>,
    regexes: Vec<Regex>,
    /// Per regex, a bit for each set of literals one of which occurs in
    /// every match; it runs only on paragraphs holding one of each set.
    required: Vec<u8>,
    /// The regexes with sets that any digit meets (`\d`), with their bits.
    digit_sets: Vec<(usize, u8)>,
    /// Per regex, the fewest digits a paragraph it matches holds.
    min_digits: Vec<u32>,
    /// By rank: the rules whose verdict may differ between copies of a
    /// paragraph (they test where it stands), as a bitset. A copy takes
    /// the hits of the first paragraph with its text when none of these
    /// was evaluated there.
    placed: Vec<u64>,
    dom_words: DomWords,
}

/// A rule source: its text and the name used in messages.
pub(crate) struct Source<'a> {
    pub text: &'a str,
    pub name: &'a str,
}

impl RuleSet {
    /// Builds a rule set from rule files; later files override or add to
    /// earlier ones (a rule with an existing name replaces only the keys it sets).
    /// Examples of rules from every file but the first are checked.
    pub(crate) fn build(sources: &[Source<'_>], stoplists: &Stoplists) -> Result<RuleSet, Error> {
        let mut specs: Vec<parse::RuleSpec> = Vec::new();
        let mut checked: Vec<String> = Vec::new();
        for (i, source) in sources.iter().enumerate() {
            for spec in parse::parse(source.text, source.name)? {
                if i > 0 {
                    checked.push(spec.name.clone());
                }
                match specs.iter_mut().find(|s| s.name == spec.name) {
                    Some(existing) => existing.merge(spec),
                    None => specs.push(spec),
                }
            }
        }
        let set = compile::compile(specs, stoplists)?;
        for name in checked {
            if let Some(i) = set.rules.iter().position(|r| r.name == name) {
                set.check_examples(i, stoplists)?;
            }
        }
        Ok(set)
    }

    /// The rules, in file order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// What the phrase index looks for: every phrase of every rule and the
    /// trigger literals of the regexes, lowercased.
    pub fn search_patterns(&self) -> &[String] {
        &self.patterns
    }

    /// Runs every rule over the paragraphs `ranges` of `text`; returns the
    /// scored hits per paragraph (sub-rules and zero-weight rules left out).
    /// Without `spans`, a regex that matches is only tested for a match
    /// (no search for where it starts), and its hit spans the paragraph.
    pub(crate) fn evaluate(
        &self,
        text: &str,
        ranges: &[Range<usize>],
        features: &[Features],
        spots: &Spots,
        spans: bool,
    ) -> Vec<Vec<Hit>> {
        self.run(text, ranges, features, spots, false, spans)
    }

    /// As [`evaluate`](Self::evaluate), keeping of each paragraph only its
    /// score, whether a barrier fired and its most negative rule.
    #[cfg(feature = "corpus")]
    pub(crate) fn verdicts(
        &self,
        text: &str,
        ranges: &[Range<usize>],
        features: &[Features],
        spots: &Spots,
    ) -> Vec<Verdict> {
        self.run(text, ranges, features, spots, false, false)
    }

    /// What the char pass should note for the phrase index.
    pub(crate) fn lookout(&self) -> &Lookout {
        self.phrases.lookout()
    }

    /// As [`evaluate`](Self::evaluate); with `every_rule`, sub-rules and
    /// zero-weight rules are reported too.
    ///
    /// Per paragraph, the phrase index marks the rules whose phrases
    /// occur and the regexes whose trigger literals occur; only those rules
    /// and the few that test features alone are evaluated, in dependency
    /// order (a bitset by rank).
    fn run<T: Tally>(
        &self,
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
        let mut seen = vec![0u8; self.regexes.len()];
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
            // Test builds check that trigger sets are sound on every text
            // the tests strip: a regex they skip does not match.
            if cfg!(debug_assertions) && ranges.len() <= DEBUG_CHECK_PARAGRAPHS {
                for (ri, regex) in self.regexes.iter().enumerate() {
                    debug_assert!(
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
                                    let regex = &self.regexes[ri];
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
    fn may_match(&self, ri: usize, seen: u8, f: &Features) -> bool {
        seen == self.required[ri] && f.digits >= self.min_digits[ri]
    }

    /// The `within` marks of barrier rules (a comment section, say).
    pub(crate) fn barrier_marks(&self) -> u128 {
        self.rules
            .iter()
            .filter(|r| r.barrier)
            .fold(0, |m, r| m | r.within)
    }

    /// The words `within` tests, for the HTML front-end.
    pub(crate) fn dom_words(&self) -> &DomWords {
        &self.dom_words
    }

    /// Whether rule `rule` fires on any paragraph of `text` (an example may
    /// hold several paragraphs, written with `\n` in the rule file; an
    /// example starting with `<` is HTML).
    pub(crate) fn fires_on(&self, rule: usize, text: &str, stoplists: &Stoplists) -> bool {
        let (text, ranges, page) = if text.starts_with('<') {
            let page = crate::html::parse(text.as_bytes(), &self.dom_words);
            (page.text.clone(), page.blocks.clone(), Some(page))
        } else {
            let (_, ranges) = crate::segment::segment(text);
            (text.to_string(), ranges, None)
        };
        let dom = page.as_ref().map(|p| p.dom.as_slice());
        let (_, mut features, spots) =
            measure_document(&text, &ranges, dom, stoplists, self.lookout());
        if let Some(page) = &page {
            page.resolve_features(&mut features, self.barrier_marks());
        }
        self.run::<Vec<Hit>>(&text, &ranges, &features, &spots, true, true)
            .iter()
            .flatten()
            .any(|h| h.rule == rule)
    }

    /// Checks the `fires`/`ignores` examples of rule `rule`.
    pub(crate) fn check_examples(&self, rule: usize, stoplists: &Stoplists) -> Result<(), Error> {
        let r = &self.rules[rule];
        for ex in &r.examples {
            if self.fires_on(rule, &ex.text, stoplists) != ex.fires {
                let expectation = if ex.fires {
                    "should fire but does not"
                } else {
                    "should not fire but does"
                };
                return Err(Error::new(ErrorKind::Example {
                    expectation,
                    example: ex.text.clone(),
                })
                .at(&r.file, ex.line)
                .in_rule(&r.name));
            }
        }
        Ok(())
    }

    /// Checks every example of every rule; returns all failures.
    #[cfg(test)]
    pub(crate) fn check_all_examples(&self, stoplists: &Stoplists) -> Vec<Error> {
        (0..self.rules.len())
            .filter_map(|i| self.check_examples(i, stoplists).err())
            .collect()
    }

    /// Number of `fires` and `ignores` examples of rule `rule`.
    #[cfg(test)]
    pub(crate) fn example_counts(&self, rule: usize) -> (usize, usize) {
        let ex = &self.rules[rule].examples;
        let fires = ex.iter().filter(|e| e.fires).count();
        (fires, ex.len() - fires)
    }
}

#[cfg(test)]
impl RuleSet {
    /// The regexes that match a paragraph of `text` although their trigger
    /// sets are not met there (they would wrongly not run), as
    /// (regex, paragraph).
    fn untriggered_matches(&self, text: &str) -> Vec<(String, String)> {
        let (_, ranges) = crate::segment::segment(text);
        let (_, features, spots) =
            measure_document(text, &ranges, None, Stoplists::builtin(), self.lookout());
        let mut out = Vec::new();
        for (p, range) in ranges.iter().enumerate() {
            let para = &text[range.clone()];
            let mut seen = vec![0u8; self.regexes.len()];
            self.phrases.find(para, spots.of(p), |pattern, _, _| {
                for &(ri, bit) in &self.triggers[pattern] {
                    seen[ri] |= 1 << bit;
                }
            });
            if features[p].digits > 0 {
                for &(ri, bits) in &self.digit_sets {
                    seen[ri] |= bits;
                }
            }
            for (ri, regex) in self.regexes.iter().enumerate() {
                if !self.may_match(ri, seen[ri], &features[p]) && regex.is_match(para) {
                    out.push((regex.as_str().to_string(), para.to_string()));
                }
            }
        }
        out
    }
}

/// Documents of up to this many paragraphs have their trigger sets checked
/// in test builds (larger ones are the size tests').
const DEBUG_CHECK_PARAGRAPHS: usize = 5_000;

pub(super) fn set_bit(bits: &mut [u64], i: usize) {
    bits[i / 64] |= 1 << (i % 64);
}

fn get_bit(bits: &[u64], i: usize) -> bool {
    bits[i / 64] & (1 << (i % 64)) != 0
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    fn set(src: &str) -> RuleSet {
        RuleSet::build(
            &[Source {
                text: src,
                name: "t.rules",
            }],
            Stoplists::builtin(),
        )
        .unwrap()
    }

    fn fires(set: &RuleSet, name: &str, text: &str) -> bool {
        let i = set.rules.iter().position(|r| r.name == name).unwrap();
        set.fires_on(i, text, Stoplists::builtin())
    }

    #[test]
    fn phrases_of_function_words_are_looked_up_at_their_first_word() {
        let s = set("rule r\n describe d\n weight -1\n phrases is the | of the\n");
        assert!(fires(&s, "r", "This is the end"));
        assert!(fires(&s, "r", "The end of the road"));
        assert!(!fires(&s, "r", "The end is near, the road too"));
        // `the`, the commonest word, is not noted for them; `is` and `of` are.
        let text = "the cat is on top of it";
        let ranges = [std::ops::Range {
            start: 0,
            end: text.len(),
        }];
        let (_, _, spots) =
            measure_document(text, &ranges, None, Stoplists::builtin(), s.lookout());
        let noted: Vec<&str> = spots.of(0).iter().map(|p| &text[p.start..p.end]).collect();
        assert_eq!(noted, ["is", "of"]);
    }

    #[test]
    fn phrases_match_whole_words_case_insensitively() {
        let s = set("rule r\n describe d\n weight -1\n phrases sign in | subscrib*\n");
        assert!(fires(&s, "r", "Please SIGN IN to continue"));
        assert!(fires(&s, "r", "Subscribers only"));
        assert!(!fires(&s, "r", "design injects"));
        assert!(!fires(&s, "r", "unsubscribe")); // no word start
    }

    /// Where a phrase occurs in `text` by a plain search: letters compared
    /// in lower case, starting a word (or with a symbol) and ending one
    /// (or with a symbol, or as a `*` prefix).
    fn plain_search(text: &str, phrase: &str, prefix: bool) -> bool {
        let word = |c: char| c.is_alphanumeric() || c == '_';
        let lower = |s: &str| s.chars().flat_map(char::to_lowercase).collect::<String>();
        let want = lower(phrase);
        text.char_indices().any(|(s, _)| {
            let mut got = String::new();
            let mut end = s;
            for c in text[s..].chars() {
                if got.len() >= want.len() {
                    break;
                }
                got.extend(c.to_lowercase());
                end += c.len_utf8();
            }
            got == want
                && (!phrase.starts_with(word) || !text[..s].ends_with(word))
                && (prefix || !phrase.ends_with(word) || !text[end..].starts_with(word))
        })
    }

    #[test]
    fn phrases_match_like_a_plain_search() {
        let phrases = [
            "sign up",
            "(photo",
            "©",
            "photo:",
            "x (twitter)",
            "subscri*",
            "广告",
            "café",
            "Über uns",
            "e-mail",
            "don't miss",
            "ad",
            "read more*",
            "ΠΕΡΙΣΣΌΤΕΡΑ",
            // Filed under a later word: all stopwords, a rarer word inside.
            "is the",
            "one of the best",
            "kick off",
            // Prefixes shorter than a word key (4 bytes).
            "q*",
            "zu*",
            "jan*",
        ];
        let mut src = String::new();
        for (i, p) in phrases.iter().enumerate() {
            src += &format!("rule r{i}\n describe d\n weight -1\n phrases {p}\n");
        }
        let s = set(&src);
        let befores = ["", "a", "_", "é", "²", "x ", "(", "广", "Ⅻ"];
        let afters = ["", "s", "_", "é", " x", ":", "广", "."];
        let mut checked = 0;
        for (i, p) in phrases.iter().enumerate() {
            let (body, prefix) = match p.strip_suffix('*') {
                Some(b) => (b, true),
                None => (*p, false),
            };
            let mut capital = body.chars();
            let capitalised: String = capital
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .chain(capital)
                .collect();
            for variant in [
                body.to_string(),
                body.to_uppercase(),
                body.to_lowercase(),
                capitalised,
                // The Kelvin sign lowercases to an ASCII `k`.
                body.replace('k', "\u{212A}"),
                // Only the end of a phrase (`ne of the best`), or its start.
                body.chars().skip(1).collect(),
                body.chars().take(body.chars().count() - 1).collect(),
            ] {
                for b in befores {
                    for a in afters {
                        let text = format!("{b}{variant}{a}");
                        assert_eq!(
                            fires(&s, &format!("r{i}"), &text),
                            plain_search(&text, body, prefix),
                            "{p:?} in {text:?}"
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 1000);
    }

    fn builtin() -> RuleSet {
        set(BUILTIN_RULES)
    }

    #[test]
    fn builtin_regexes_run_wherever_they_match() {
        let rules = builtin();
        // Literals where words start, inside words, next to letters the
        // char pass and the regexes see differently.
        let texts = [
            "²comments",
            "Comments (3)",
            "éjan 12, 2024",
            "x_jan 5",
            "ad²",
            "Advertisement",
            "By Jane Doe",
            "byline",
            "© 2024 Example",
            "(c) 2023 X",
            "ALL RIGHTS RESERVED",
            "see www.example.com",
            "https://x.example/y",
            "Tags: politics, world",
            "5 min read",
            "3 hours ago",
            "Posted by admin",
            "Reply",
            "Report abuse",
            "Kommentare",
            "PUBBLICITÀ",
            "Photo: Reuters/John Doe",
            "John Smith is a reporter for the paper.",
            "Follow her on Twitter",
            "Contact: info@example.com",
            "Read more",
            "«Citation», 2020.",
        ];
        for t in texts {
            assert_eq!(rules.untriggered_matches(t), Vec::<(String, String)>::new());
        }
        let mut runner = proptest::test_runner::TestRunner::default();
        let pieces = proptest::sample::select(texts.to_vec());
        let glue = proptest::sample::select(vec!["", " ", "²", "é", "_", "\n", ": ", "1"]);
        let line = proptest::collection::vec((pieces, glue), 1..6).prop_map(|v| {
            v.into_iter()
                .map(|(p, g)| format!("{p}{g}"))
                .collect::<String>()
        });
        runner
            .run(&line, |t| {
                proptest::prop_assert_eq!(
                    rules.untriggered_matches(&t),
                    Vec::<(String, String)>::new()
                );
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn non_ascii_phrases_match_any_case() {
        let s = set("rule r\n describe d\n weight -1\n phrases Datenschutzerklärung\n");
        assert!(fires(&s, "r", "Zur DATENSCHUTZERKLÄRUNG"));
        assert!(fires(&s, "r", "die datenschutzerklärung"));
    }

    #[test]
    fn every_built_in_regex_has_trigger_literals() {
        // A regex without them runs on every paragraph where its rule's
        // conditions hold: give it a literal (or a `\d`) that every match holds.
        let set = RuleSet::build(
            &[Source {
                text: BUILTIN_RULES,
                name: "builtin.rules",
            }],
            Stoplists::builtin(),
        )
        .unwrap();
        let scanning: Vec<&str> = set
            .rules
            .iter()
            .filter(|r| r.scans_every_paragraph())
            .map(|r| r.name.as_str())
            .collect();
        assert!(scanning.is_empty(), "{scanning:?}");
        assert!(set.rules.iter().any(|r| !r.regexes.is_empty()));
    }

    #[test]
    fn conditions_as_intervals_agree_with_the_operators() {
        let ops = [
            (Comparison::Less, "<"),
            (Comparison::LessOrEqual, "<="),
            (Comparison::Greater, ">"),
            (Comparison::GreaterOrEqual, ">="),
            (Comparison::Equal, "=="),
            (Comparison::NotEqual, "!="),
        ];
        let points = [-1.0, -0.0, 0.0, 0.1, 0.3, 0.5, 1.0, 2.0, 10.0, f64::NAN];
        for (op, name) in ops {
            for &value in &[0.0, 0.3, 1.0, 10.0, -1.0] {
                let c = Condition::new(Feature::Words, op, value);
                for &v in &points {
                    let expected = match op {
                        Comparison::Less => v < value,
                        Comparison::LessOrEqual => v <= value,
                        Comparison::Greater => v > value,
                        Comparison::GreaterOrEqual => v >= value,
                        Comparison::Equal => v == value,
                        Comparison::NotEqual => v != value,
                    };
                    assert_eq!(c.holds_for(v), expected, "{v} {name} {value}");
                }
            }
        }
    }

    #[test]
    fn requires_unless_and_conditions() {
        let s = set("rule __mail\n describe d\n when emails >= 1\n\
             rule __sales\n describe d\n phrases pricing | offer\n\
             rule __long\n describe d\n when words >= 30\n\
             rule r\n describe d\n weight -3\n requires __mail, __sales\n unless __long\n");
        assert!(fires(&s, "r", "Special offer! Write to a@b.com"));
        assert!(!fires(&s, "r", "Write to a@b.com"));
        assert!(!fires(&s, "r", "Special offer today"));
        let long = format!("{} offer a@b.com", "word ".repeat(40));
        assert!(!fires(&s, "r", &long));
    }

    #[test]
    fn evaluate_reports_spans_per_paragraph() {
        let s = set(
            "rule r\n describe d\n weight -1\n phrases cookies\nrule q\n describe d\n weight 1\n regex \\bfoo\\d\n",
        );
        let text = "We use cookies.\n\nA foo7 here and cookies.";
        let ranges = [0..15, 17..text.len()];
        let (_, fs, spots) =
            measure_document(text, &ranges, None, Stoplists::builtin(), s.lookout());
        let hits = s.evaluate(text, &ranges, &fs, &spots, true);
        assert_eq!(
            hits[0],
            vec![Hit {
                rule: 0,
                span: Some(7..14)
            }]
        );
        assert_eq!(hits[1].len(), 2);
        assert_eq!(&text[hits[1][1].span.clone().unwrap()], "foo7");
    }

    /// `features` with no paragraph marked as a copy: the rule pass then
    /// evaluates every one.
    fn uncopied(features: &[Features]) -> Vec<Features> {
        features
            .iter()
            .map(|f| Features {
                copy_of: None,
                ..f.clone()
            })
            .collect()
    }

    #[test]
    fn copies_get_the_hits_a_full_evaluation_gives() {
        // `late` tests where a paragraph stands, `late_offer` depends on it,
        // `offer` does not: copies in both halves, some at the edges.
        let s = set(
            "rule offer\n describe d\n weight -1\n phrases special offer\n regex \\bfoo\\d\n\
             rule late\n describe d\n weight -2\n phrases newsletter\n when position >= 0.5\n\
             rule late_offer\n describe d\n weight -1\n phrases our\n requires late\n\
             rule copied\n describe d\n weight -1\n when repeats >= 1\n\
             rule deal\n describe d\n weight -1\n phrases big deal\n",
        );
        let paras = [
            "Special offer: foo1",
            "Our newsletter",
            "The story goes on here.",
            "Special offer: foo1",
            "Our newsletter",
            "A big deal",
            "xSpecial offer: foo1",
            "Special offer: foo1",
            "A big deal",
        ];
        let text = paras.join("\n\n") + "x";
        let mut ranges = Vec::new();
        let mut at = 0;
        for p in paras {
            ranges.push(at..at + p.len());
            at += p.len() + 2;
        }
        // The last copy runs into the `x` after it: its edge differs.
        ranges[8].end = text.len() - 1;
        let (_, fs, spots) =
            measure_document(&text, &ranges, None, Stoplists::builtin(), s.lookout());
        assert_eq!(fs[3].copy_of, Some(0));
        // Rules with no phrase are evaluated everywhere: were one of them
        // placed, no copy would take hits.
        assert!(s.always.iter().zip(&s.placed).all(|(a, p)| a & p == 0));
        let uncopied = uncopied(&fs);
        for spans in [false, true] {
            for every_rule in [false, true] {
                let copied = s.run::<Vec<Hit>>(&text, &ranges, &fs, &spots, every_rule, spans);
                let full = s.run::<Vec<Hit>>(&text, &ranges, &uncopied, &spots, every_rule, spans);
                assert_eq!(copied, full);
                let copied = s.run::<Verdict>(&text, &ranges, &fs, &spots, every_rule, spans);
                let full = s.run::<Verdict>(&text, &ranges, &uncopied, &spots, every_rule, spans);
                assert_eq!(copied, full);
            }
        }
        let names = |hits: &[Hit]| -> Vec<&str> {
            hits.iter().map(|h| s.rules[h.rule].name.as_str()).collect()
        };
        let hits = s.evaluate(&text, &ranges, &fs, &spots, true);
        assert_eq!(names(&hits[1]), ["copied"]);
        assert_eq!(names(&hits[4]), ["late", "late_offer", "copied"]);
        assert_eq!(&text[hits[3][0].span.clone().unwrap()], "Special offer");
        assert_eq!(hits[3][0].span, Some(ranges[3].start..ranges[3].start + 13));
        assert_eq!(names(&hits[5]), ["copied", "deal"]);
        assert_eq!(names(&hits[8]), ["copied"]);
    }

    #[test]
    fn verdicts_agree_with_the_hits() {
        // Equal weights (the first of equals is the worst), weights whose
        // sum depends on the order, a barrier, and a sub-rule.
        let custom = "rule tenth\n describe d\n weight -0.1\n phrases alpha\n\
             rule fifth\n describe d\n weight -0.2\n phrases beta\n\
             rule third\n describe d\n weight 0.3\n phrases gamma\n\
             rule also_fifth\n describe d\n weight -0.2\n phrases beta\n\
             rule wall\n describe d\n weight 0.7\n barrier yes\n phrases delta\n\
             rule __sub\n describe d\n phrases alpha\n";
        let s = layered(BUILTIN_RULES, custom).unwrap();
        let mut texts: Vec<String> = s
            .rules
            .iter()
            .flat_map(|r| &r.examples)
            .map(|e| e.text.replace("\\n", "\n\n"))
            .filter(|t| !t.starts_with('<'))
            .collect();
        texts.push("alpha beta gamma delta. Alpha and beta, gamma.\n\nbeta alpha\n\ndelta".into());
        for text in &texts {
            let (_, ranges) = crate::segment::segment(text);
            let (_, fs, spots) =
                measure_document(text, &ranges, None, Stoplists::builtin(), s.lookout());
            let hits = s.evaluate(text, &ranges, &fs, &spots, false);
            let verdicts = s.verdicts(text, &ranges, &fs, &spots);
            for (h, v) in hits.iter().zip(&verdicts) {
                let worst = h
                    .iter()
                    .filter(|h| s.rules[h.rule].weight < 0.0)
                    .min_by(|a, b| s.rules[a.rule].weight.total_cmp(&s.rules[b.rule].weight))
                    .map(|h| h.rule);
                assert_eq!(v.score.to_bits(), h.score(&s.rules).to_bits(), "{text}");
                assert_eq!(v.barrier, h.barrier(&s.rules), "{text}");
                assert_eq!(v.worst, worst, "{text}");
            }
        }
        let s = set(custom);
        let text = "beta alpha gamma";
        let ranges = [0..text.len(), 0..4];
        let (_, fs, spots) =
            measure_document(text, &ranges, None, Stoplists::builtin(), s.lookout());
        let v = &s.verdicts(text, &ranges, &fs, &spots)[0];
        assert_eq!(s.rules[v.worst.unwrap()].name, "fifth");
        assert!(!v.barrier);
        assert_eq!(v.score, -0.1 + -0.2 + 0.3 + -0.2);
    }

    #[test]
    fn copies_get_the_built_in_hits_a_full_evaluation_gives() {
        // Documents of repeated lines, some of which the built-in rules
        // judge by where they stand (legal_disclaimer, author_bio).
        let rules = builtin();
        let lines = proptest::sample::select(vec![
            "Share on Facebook",
            "© 2024 Example Inc. All rights reserved.",
            "Subscribe to our newsletter",
            "This product is not intended to diagnose, treat, cure or prevent any disease.",
            "Jane Doe is a senior reporter for Example News. Follow her on Twitter.",
            "The council voted on Tuesday to close the old bridge for repairs.",
            "Officials said the work would take two years and cost $3 million.",
            "Comments",
            "Posted on Jan 5, 2020 at 10:30 am",
            "By Jane Doe",
            "Contact us at sales@example.com for a quote.",
            "Home | News | Sport",
            "Read more",
            "«Citation», 2020.",
            "Menu",
        ]);
        let seps = proptest::sample::select(vec!["\n\n", "\n"]);
        let doc = (proptest::collection::vec(lines, 2..14), seps)
            .prop_map(|(lines, sep)| lines.join(sep));
        let mut runner = proptest::test_runner::TestRunner::default();
        runner
            .run(&doc, |text| {
                let (_, ranges) = crate::segment::segment(&text);
                let (_, fs, spots) =
                    measure_document(&text, &ranges, None, Stoplists::builtin(), rules.lookout());
                let uncopied = uncopied(&fs);
                for every_rule in [false, true] {
                    let copied =
                        rules.run::<Vec<Hit>>(&text, &ranges, &fs, &spots, every_rule, true);
                    let full =
                        rules.run::<Vec<Hit>>(&text, &ranges, &uncopied, &spots, every_rule, true);
                    proptest::prop_assert_eq!(copied, full);
                    let copied =
                        rules.run::<Verdict>(&text, &ranges, &fs, &spots, every_rule, false);
                    let full =
                        rules.run::<Verdict>(&text, &ranges, &uncopied, &spots, every_rule, false);
                    proptest::prop_assert_eq!(copied, full);
                }
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn copies_differ_only_in_the_features_that_say_so() {
        let text = "Menu\n\nThe story.\n\nMenu";
        let ranges = [0..4, 6..16, 18..22];
        let (_, fs, _) =
            measure_document(text, &ranges, None, Stoplists::builtin(), &Lookout::new());
        let (first, copy) = (fs[0].values(), fs[2].values());
        for &(name, feature) in Feature::ALL {
            let i = feature as usize;
            if !feature.differs_between_copies() {
                assert_eq!(first[i].to_bits(), copy[i].to_bits(), "{name}");
            }
        }
        assert_ne!(
            first[Feature::Position as usize],
            copy[Feature::Position as usize]
        );
    }

    /// The built-in-like `base` with a user file on top.
    fn layered(base: &str, user: &str) -> Result<RuleSet, Error> {
        let sources = [
            Source {
                text: base,
                name: "builtin",
            },
            Source {
                text: user,
                name: "u.rules",
            },
        ];
        RuleSet::build(&sources, Stoplists::builtin())
    }

    #[test]
    fn user_file_overrides_and_its_examples_are_checked() {
        let base = "rule r\n describe d\n weight -1\n phrases cookies\n";
        let user = "rule r\n weight -5\nrule u\n describe d\n weight -1\n phrases spam\n fires no match here\n";
        let e = layered(base, user).unwrap_err();
        assert_eq!(e.file(), Some("u.rules"));
        assert_eq!(e.line(), Some(7));
        assert_eq!(e.rule(), Some("u"));
        let s = layered(base, "rule r\n weight -5\n").unwrap();
        assert_eq!(s.rules[0].weight, -5.0);
    }

    /// Every `fires`/`ignores` example of the built-in rules holds; all
    /// failures are reported at once. `DECHAFF_RULE=name` checks one rule.
    #[test]
    fn builtin_rule_examples() {
        let s = RuleSet::build(
            &[Source {
                text: BUILTIN_RULES,
                name: "builtin.rules",
            }],
            Stoplists::builtin(),
        )
        .unwrap();
        let only = std::env::var("DECHAFF_RULE").ok();
        let failures: Vec<String> = s
            .check_all_examples(Stoplists::builtin())
            .into_iter()
            .filter(|e| only.as_deref().is_none_or(|o| e.rule() == Some(o)))
            .map(|e| e.to_string())
            .collect();
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    /// Every scored built-in rule documents itself with at least one example each way.
    #[test]
    fn builtin_rules_have_examples_both_ways() {
        let s = RuleSet::build(
            &[Source {
                text: BUILTIN_RULES,
                name: "builtin.rules",
            }],
            Stoplists::builtin(),
        )
        .unwrap();
        let missing: Vec<&str> = (0..s.rules.len())
            .filter(|&i| !s.rules[i].name.starts_with("__"))
            .filter(|&i| {
                let (f, n) = s.example_counts(i);
                f == 0 || n == 0
            })
            .map(|i| s.rules[i].name.as_str())
            .collect();
        assert!(
            missing.is_empty(),
            "rules without both kinds of example: {missing:?}"
        );
    }
}
