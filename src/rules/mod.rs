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
mod regexes;
mod run;
mod triggers;

#[cfg(test)]
mod tests;

pub(crate) use regexes::Regexes;
use rustc_hash::FxHashSet;

use crate::error::{Error, ErrorKind, closest};
use crate::html::{ContainerMarks, DomWords};
use crate::measure::{Feature, Lookout, Stoplists};

pub(crate) use run::{Hit, Tally, more_negative};

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
    /// A barrier that HTML's main container does not override: the
    /// article ends there even inside it (a heading that opens a company's
    /// description of itself). Other barriers inside the container belong
    /// to an embedded post or box and only interrupt the article. Only
    /// ever set on a barrier rule (compiling checks it).
    pub firm: bool,
    /// HTML: blocks under an element carrying its `within` words are never
    /// main text, and count for nothing when the main container is chosen
    /// (a consent banner, a login form), as for a barrier's words.
    pub never_main: bool,
    /// HTML: an element whose first block is a heading carrying its
    /// `within` words (`<h3 class="relatedposts-title">`) is such a box
    /// (a list of related posts), and counts for nothing when the main
    /// container is chosen.
    pub titles: bool,
    /// A paragraph this rule fires on is cut whatever its score and its
    /// neighbours (strong promo evidence, say).
    pub decisive: bool,
    /// Weak evidence (a class word of the page's markup): its weight is
    /// dropped when a page would otherwise lose the prose it holds, and
    /// the page decided again (see [`Stripped::relaxed`](crate::Stripped::relaxed)).
    pub weak: bool,
    /// What the rule finds, as one word: `promo` for promotion, and by
    /// default `boilerplate` for a negative weight, `prose` for a positive
    /// one. Reports colour what a rule cut by it.
    pub kind: String,
    /// HTML: bits of `Dom::marks` one of which must be set (0: no test).
    within: u128,
    /// One of its regexes has no trigger literals (see
    /// [`scans_every_paragraph`](Self::scans_every_paragraph)).
    untriggered: bool,
    /// A trigger literal of one of its regexes may start inside a word (see
    /// [`scans_inside_words`](Self::scans_inside_words)).
    inside_words: bool,
    has_text: bool,
    /// It, or a rule it requires, reads the paragraph's words or its
    /// markup's class words, not only its shape (length, links, place).
    reads_content: bool,
    /// It marks a site's chrome (see [`marks_page_chrome`](Self::marks_page_chrome)).
    page_chrome: bool,
    /// Reported in results: a non-zero weight and not a `__` sub-rule.
    scored: bool,
    /// Indices into [`RuleSet::regexes`].
    regexes: Vec<usize>,
    conditions: Vec<Condition>,
    requires: Vec<usize>,
    unless: Vec<usize>,
    pub(crate) examples: Vec<Example>,
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

/// A rule at least this negative that reads what a paragraph says (not its
/// length, links or place) and is not promo marks the text as a page:
/// menus, share lines, copyright, comment chrome (see
/// [`Rule::marks_page_chrome`]).
pub(super) const PAGE_CHROME_WEIGHT: f64 = -3.0;

impl Rule {
    /// Whether the rule marks a site's chrome around an article (a menu, a
    /// share line, a copyright notice, comment headings): text in which none
    /// fires is an article body already extracted. Promotion is not chrome:
    /// an ad inside an extracted body leaves it a body.
    pub(crate) fn marks_page_chrome(&self) -> bool {
        self.page_chrome
    }

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
pub(crate) struct Example {
    /// The rule must fire on it (`fires`), or must not (`ignores`).
    pub fires: bool,
    pub text: String,
    /// Where it is written in its rule file.
    pub line: usize,
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
    targets: Vec<Vec<PhraseTarget>>,
    /// For each phrase pattern, the regexes it is a trigger literal of, with
    /// the bit of its set of literals.
    triggers: Vec<Vec<(usize, u8)>>,
    regexes: Regexes,
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
    /// Per rule, the ranks of the rules that become candidates when it
    /// does (rules with nothing to find that require it).
    wake: Vec<Vec<usize>>,
    dom_words: DomWords,
    /// The bit of the words that name a body of text in `dom_words` (0 when
    /// the rules took every bit).
    body_mark: u128,
}

/// A rule source: its text, the name used in messages, and whether it is
/// the built-in file (its examples are the test suite's to check, and its
/// regexes compile on first use).
pub(crate) struct Source<'a> {
    pub text: &'a str,
    pub name: &'a str,
    pub builtin: bool,
}

impl RuleSet {
    /// Builds a rule set from rule files; later files override or add to
    /// earlier ones (a rule with an existing name replaces only the keys it sets).
    /// Also returns the rules from every file but the built-in one, whose
    /// examples the engine checks once it is built.
    pub(crate) fn build(
        sources: &[Source<'_>],
        stoplists: &Stoplists,
    ) -> Result<(RuleSet, Vec<usize>), Error> {
        let mut specs: Vec<parse::RuleSpec> = Vec::new();
        let mut checked: Vec<String> = Vec::new();
        // The rules whose regexes a user's file sets: compiled at once, so
        // that one over the size limit is reported at its line.
        let mut eager: FxHashSet<String> = FxHashSet::default();
        for (i, source) in sources.iter().enumerate() {
            for spec in parse::parse(source.text, source.name)? {
                if !source.builtin {
                    checked.push(spec.name.clone());
                    if spec.regexes.is_some() {
                        eager.insert(spec.name.clone());
                    }
                }
                match specs.iter_mut().find(|s| s.name == spec.name) {
                    Some(existing) => existing.merge(spec),
                    // Without a description it was meant to change a rule.
                    None if i > 0 && spec.describe.is_none() => {
                        let names = specs.iter().map(|s| s.name.as_str());
                        let suggestion = closest(&spec.name, names).map(str::to_string);
                        let line = spec.line;
                        return Err(Error::new(ErrorKind::NoSuchRule {
                            name: spec.name.clone(),
                            suggestion,
                        })
                        .at(source.name, line)
                        .in_rule(&spec.name));
                    }
                    None => specs.push(spec),
                }
            }
        }
        let set = compile::compile(specs, stoplists, &eager)?;
        let checked = checked
            .iter()
            .filter_map(|name| set.rules.iter().position(|r| &r.name == name))
            .collect();
        Ok((set, checked))
    }

    /// The compiled regexes, by regex index: each stripper clone runs its
    /// own clones of them (shared programs, caches of its own).
    pub(crate) fn regexes(&self) -> &Regexes {
        &self.regexes
    }

    /// The rules, in file order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// What the char pass should note for the phrase index.
    pub(crate) fn lookout(&self) -> &Lookout {
        self.phrases.lookout()
    }

    /// The `within` marks of barrier and `never_main` rules (a comment
    /// section, a consent banner), of rules that count for a block (the
    /// article's own containers), and of `titles` rules (a related list's
    /// heading).
    pub(crate) fn container_marks(&self) -> ContainerMarks {
        let marks = |keep: fn(&Rule) -> bool| within_of(&self.rules, keep);
        ContainerMarks {
            veto: marks(|r| r.barrier || r.never_main),
            article: marks(counts_for_the_block),
            titled: marks(|r| r.titles),
            body: self.body_mark,
        }
    }

    /// The words `within` tests, for the HTML front-end.
    pub(crate) fn dom_words(&self) -> &DomWords {
        &self.dom_words
    }
}

/// The `within` marks of the rules that `keep` picks.
pub(super) fn within_of(rules: &[Rule], keep: impl Fn(&Rule) -> bool) -> u128 {
    rules
        .iter()
        .filter(|r| keep(r))
        .fold(0, |m, r| m | r.within)
}

/// A rule that scores for a block (the article's own containers), where
/// the others cut.
pub(super) fn counts_for_the_block(rule: &Rule) -> bool {
    rule.weight > 0.0
}

pub(super) fn set_bit(bits: &mut [u64], i: usize) {
    bits[i / 64] |= 1 << (i % 64);
}

fn get_bit(bits: &[u64], i: usize) -> bool {
    bits[i / 64] & (1 << (i % 64)) != 0
}
