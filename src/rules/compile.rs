//! [`RuleSpec`]s → a [`RuleSet`]: one phrase index for every phrase of every
//! rule and the trigger literals of every regex, the regexes, conditions as
//! typed comparisons, `within` words as bits, and rules ordered so that
//! `requires`/`unless` see their dependencies first.

use std::sync::LazyLock;

use regex::{Regex, RegexBuilder};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};
use rustc_hash::FxHashMap;

use super::index::{PatternUse, PhraseIndex};
use super::parse::RuleSpec;
use super::{Comparison, Condition, Example, PhraseTarget, Rule, RuleSet, next_up, set_bit};
use crate::error::{Error, ErrorKind};
use crate::features::{Feature, is_word_char, push_lower};
use crate::html::{DomWords, MAX_DOM_WORDS};
use crate::stoplists::Stoplists;

/// Compiled regexes and automata are bounded so a user file cannot exhaust memory.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// Compiles merged rule specs into a rule set.
pub(crate) fn compile(specs: Vec<RuleSpec>, stoplists: &Stoplists) -> Result<RuleSet, Error> {
    let index: FxHashMap<&str, usize> = specs
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.as_str(), i))
        .collect();
    let mut rules = Vec::with_capacity(specs.len());
    let mut table = PatternTable::default();
    let mut regexes: Vec<Regex> = Vec::new();
    let mut regex_sources: Vec<String> = Vec::new();
    let mut dom_words = DomWords::default();

    for (ri, spec) in specs.iter().enumerate() {
        let fail = |kind, line: usize| Error::new(kind).at(&spec.file, line).in_rule(&spec.name);
        let describe = spec
            .describe
            .as_ref()
            .ok_or_else(|| fail(ErrorKind::Missing("describe"), spec.line))?;
        let weight = match (&spec.weight, spec.is_sub_rule()) {
            (Some(w), _) => w.value,
            (None, true) => 0.0,
            (None, false) => return Err(fail(ErrorKind::Missing("weight"), spec.line)),
        };
        let mut has_text = false;
        let mut rule_regexes = Vec::new();
        for phrase in spec.phrases.iter().flatten() {
            has_text = true;
            let (text, prefix) = match phrase.value.strip_suffix('*') {
                Some(t) => (t.trim_end(), true),
                None => (phrase.value.as_str(), false),
            };
            let id = table.id(text);
            table.open_end[id] |= prefix;
            let target = PhraseTarget { rule: ri, prefix };
            if !table.targets[id].contains(&target) {
                table.targets[id].push(target);
            }
        }
        for re in spec.regexes.iter().flatten() {
            has_text = true;
            let source = prepare_regex(&re.value);
            let compiled = RegexBuilder::new(&source)
                .size_limit(REGEX_SIZE_LIMIT)
                .build()
                .map_err(|e| fail(ErrorKind::BadRegex(one_line(&e.to_string())), re.line))?;
            if compiled.is_match("") {
                return Err(fail(
                    ErrorKind::BadRegex("it matches the empty string".into()),
                    re.line,
                ));
            }
            rule_regexes.push(regexes.len());
            regexes.push(compiled);
            regex_sources.push(re.value.clone());
        }
        let conditions = match &spec.when {
            Some(w) => parse_condition(&w.value)
                .map_err(|m| fail(ErrorKind::BadCondition(w.value.clone(), m), w.line))?,
            None => Vec::new(),
        };
        let resolve = |names: &Option<super::parse::At<Vec<String>>>| -> Result<Vec<usize>, Error> {
            let Some(at) = names else {
                return Ok(Vec::new());
            };
            at.value
                .iter()
                .map(|n| {
                    index
                        .get(n.as_str())
                        .copied()
                        .ok_or_else(|| fail(ErrorKind::UnknownRule(n.clone()), at.line))
                })
                .collect()
        };
        let requires = resolve(&spec.requires)?;
        let unless = resolve(&spec.unless)?;
        let mut within = 0u128;
        if let Some(at) = &spec.within {
            for word in &at.value {
                within |= dom_words.bit(word).ok_or_else(|| {
                    fail(
                        ErrorKind::BadSetting(format!(
                            "more than {MAX_DOM_WORDS} distinct `within` words in all rules"
                        )),
                        at.line,
                    )
                })?;
            }
        }
        if !has_text && conditions.is_empty() && requires.is_empty() && within == 0 {
            return Err(fail(ErrorKind::NothingToMatch, spec.line));
        }
        rules.push(Rule {
            name: spec.name.clone(),
            describe: describe.value.clone(),
            weight,
            file: spec.file.clone(),
            line: spec.line,
            has_text,
            scored: weight != 0.0 && !spec.is_sub_rule(),
            regexes: rule_regexes,
            conditions,
            requires,
            unless,
            barrier: spec.barrier.as_ref().is_some_and(|b| b.value),
            within,
            untriggered: false,
            inside_words: false,
            examples: spec
                .examples
                .iter()
                .flatten()
                .map(|e| Example {
                    fires: e.value.0,
                    text: e.value.1.clone(),
                    line: e.line,
                })
                .collect(),
        });
    }

    // A regex runs only on paragraphs where the phrase index found a
    // literal of each of its required sets.
    let mut required = vec![0u8; regexes.len()];
    let mut digit_sets = vec![0u8; regexes.len()];
    let mut inside_words = vec![false; regexes.len()];
    let mut min_digits = vec![0; regexes.len()];
    let mut digit_classes = DigitClasses::default();
    for (ri, source) in regex_sources.iter().enumerate() {
        let Some(hir) = literal_hir(source) else {
            continue;
        };
        min_digits[ri] = hir_min_digits(&hir, &mut digit_classes);
        for (bit, set) in trigger_sets(&hir).iter().enumerate() {
            inside_words[ri] |= set.iter().any(|l| l.anywhere);
            required[ri] |= 1 << bit;
            for literal in set {
                if literal.text == ANY_DIGIT {
                    digit_sets[ri] |= 1 << bit;
                    continue;
                }
                let id = table.id(&literal.text);
                table.open_end[id] |= literal.open_end;
                table.anywhere[id] |= literal.anywhere;
                if !table.triggers[id].contains(&(ri, bit as u8)) {
                    table.triggers[id].push((ri, bit as u8));
                }
            }
        }
    }
    let order = topological_order(&rules)?;
    let mut rank = vec![0; rules.len()];
    for (i, &r) in order.iter().enumerate() {
        rank[r] = i;
    }
    let mut regex_rule = vec![0; regexes.len()];
    let mut always = vec![0u64; rules.len().div_ceil(64).max(1)];
    let mut always_text = always.clone();
    for (r, rule) in rules.iter_mut().enumerate() {
        for &ri in &rule.regexes {
            regex_rule[ri] = r;
        }
        rule.untriggered = rule.regexes.iter().any(|&ri| required[ri] == 0);
        rule.inside_words = rule.regexes.iter().any(|&ri| inside_words[ri]);
        if !rule.has_text || rule.untriggered {
            set_bit(&mut always, rank[r]);
            if !rule.html_only() {
                set_bit(&mut always_text, rank[r]);
            }
        }
    }
    // Rules whose verdict may differ between copies of a paragraph. A rule
    // that requires one of them needs no mark: it can differ only where
    // that one is evaluated too.
    let mut placed = vec![0u64; always.len()];
    for (r, rule) in rules.iter().enumerate() {
        if rule
            .conditions
            .iter()
            .any(|c| c.feature.differs_between_copies())
        {
            set_bit(&mut placed, rank[r]);
        }
    }
    let uses: Vec<PatternUse<'_>> = (0..table.patterns.len())
        .map(|id| PatternUse {
            text: &table.patterns[id],
            anywhere: table.anywhere[id],
            open_end: table.open_end[id],
        })
        .collect();
    let (word_breaks, word_masks) = word_intervals(&rules, &rank);
    // Stopwords are everywhere: a pattern is filed under another word.
    let common = |word: &str| stoplists.mask(word.as_bytes()) != 0;
    let phrases = PhraseIndex::build(&uses, case_variants, common)
        .map_err(|e| Error::new(ErrorKind::BadSetting(format!("phrase index: {e}"))))?;
    Ok(RuleSet {
        rules,
        order,
        rank,
        always,
        always_text,
        word_breaks,
        word_masks,
        regex_rule,
        phrases,
        patterns: table.patterns,
        targets: table.targets,
        triggers: table.triggers,
        regexes,
        required,
        digit_sets: digit_sets
            .into_iter()
            .enumerate()
            .filter(|&(_, bits)| bits != 0)
            .collect(),
        min_digits,
        placed,
        dom_words,
    })
}

/// The word counts where rules' `words` conditions change, and per
/// interval between them, the rules (as a bitset by rank) whose `words`
/// conditions can all hold there: a paragraph skips the others at once.
fn word_intervals(rules: &[Rule], rank: &[usize]) -> (Vec<f64>, Vec<Vec<u64>>) {
    let words = |r: &Rule| {
        r.conditions
            .iter()
            .filter(|c| c.feature == Feature::Words)
            .cloned()
            .collect::<Vec<_>>()
    };
    let mut breaks: Vec<f64> = rules
        .iter()
        .flat_map(|r| words(r).into_iter().flat_map(|c| [c.lo, next_up(c.hi)]))
        .filter(|b| b.is_finite())
        .collect();
    breaks.sort_by(f64::total_cmp);
    breaks.dedup();
    // Every condition holds on all of an interval or on none of it: its
    // left end (below the first break, minus infinity) stands for it.
    let masks = std::iter::once(f64::NEG_INFINITY)
        .chain(breaks.iter().copied())
        .map(|v| {
            let mut mask = vec![0u64; rules.len().div_ceil(64).max(1)];
            for (r, rule) in rules.iter().enumerate() {
                if words(rule).iter().all(|c| c.holds_for(v)) {
                    set_bit(&mut mask, rank[r]);
                }
            }
            mask
        })
        .collect();
    (breaks, masks)
}

/// The patterns of the phrase index (phrases and regex trigger literals,
/// lowercased and deduplicated), with what each one stands for.
#[derive(Default)]
struct PatternTable {
    ids: FxHashMap<String, usize>,
    patterns: Vec<String>,
    /// Per pattern: the rules it is a phrase of.
    targets: Vec<Vec<PhraseTarget>>,
    /// Per pattern: the regexes it is a trigger literal of, with the bit of
    /// its literal set.
    triggers: Vec<Vec<(usize, u8)>>,
    /// Per pattern: a trigger literal that may occur inside a word.
    anywhere: Vec<bool>,
    /// Per pattern: it may match the start of a longer word.
    open_end: Vec<bool>,
}

impl PatternTable {
    /// The id of `pattern` (lowercased), added if new.
    fn id(&mut self, pattern: &str) -> usize {
        let key = lowercase(pattern);
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        self.patterns.push(key.clone());
        self.targets.push(Vec::new());
        self.triggers.push(Vec::new());
        self.anywhere.push(false);
        self.open_end.push(false);
        self.ids.insert(key, self.patterns.len() - 1);
        self.patterns.len() - 1
    }
}

/// `text` lowercased char by char, as the char pass lowercases words.
fn lowercase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    text.chars().for_each(|c| push_lower(c, &mut out));
    out
}

/// Aho-Corasick folds ASCII case only, so a pattern with non-ASCII letters
/// that the phrase index leaves to it is also searched in lower case,
/// capitalised and upper case.
fn case_variants(text: &str) -> Vec<String> {
    if text.is_ascii() {
        return vec![text.to_string()];
    }
    let lower = text.to_lowercase();
    let mut chars = lower.chars();
    let capital: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    let mut out = vec![text.to_string(), lower, capital, text.to_uppercase()];
    out.sort();
    out.dedup();
    out
}

/// Rule regexes are case-insensitive, and `\b`/`\B` are ASCII word boundaries:
/// a Unicode `\b` makes the regex crate fall back to a slow engine on any
/// non-ASCII text.
fn prepare_regex(source: &str) -> String {
    let mut out = String::with_capacity(source.len() + 16);
    out.push_str("(?i)");
    let mut chars = source.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => out.push_str(r"(?-u:\b)"),
            Some('B') => out.push_str(r"(?-u:\B)"),
            Some(n) => {
                out.push('\\');
                out.push(n);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// A trigger literal, lowercased.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Literal {
    pub text: String,
    /// It may start inside a word of the text (the regex puts no boundary
    /// before it), so the phrase index must find it anywhere.
    pub anywhere: bool,
    /// It may end inside a word of the text (`jan` in `jan[a-z]*`).
    pub open_end: bool,
}

/// [`trigger_sets`] of the rule regex `source` (none if it does not parse).
#[cfg(test)]
fn trigger_literals(source: &str) -> Vec<Vec<Literal>> {
    literal_hir(source).map_or_else(Vec::new, |hir| trigger_sets(&hir))
}

/// The regex `source` as rules compile it, without the case folding: its
/// literals as written, for [`trigger_sets`] and [`hir_min_digits`] (digits
/// have no case).
fn literal_hir(source: &str) -> Option<Hir> {
    let prepared = prepare_regex(source);
    let case_sensitive = prepared.strip_prefix("(?i)").unwrap_or(&prepared);
    regex_syntax::ParserBuilder::new()
        .build()
        .parse(case_sensitive)
        .ok()
}

/// Sets of literals such that every match of a rule regex (its
/// [`literal_hir`]) holds a literal of each set; empty when there is no
/// small set. The literals may start the match or sit inside it (`"` in a
/// citation pattern that starts with a class). Sets whose literals all
/// start at a word boundary come first (the phrase index finds them where
/// words start), then the rarest in prose, so a regex runs only on the few
/// paragraphs that hold one of each. Matching is in lower case, so a match
/// that relies on other Unicode case folding (the long `ſ` for `s`) is not
/// triggered.
fn trigger_sets(hir: &Hir) -> Vec<Vec<Literal>> {
    let mut sets = required_literals(hir, Boundary::None, Boundary::None);
    for (_, set) in &mut sets {
        set.sort();
        set.dedup();
    }
    sets.sort_by(better_set);
    let anywhere = |set: &[Literal]| set.iter().any(|l| l.anywhere);
    // A set holding all of a kept set's literals adds no test.
    let mut kept: Vec<Vec<Literal>> = Vec::new();
    for (rarity, set) in sets {
        // Common literals (`,`, `on`) as a second test cost more matches
        // than they save, and literals found anywhere cost a scan.
        let worth = kept.is_empty() || (rarity >= MIN_EXTRA_RARITY && !anywhere(&set));
        let texts_in = |k: &Vec<Literal>| k.iter().all(|l| set.iter().any(|m| m.text == l.text));
        if worth && kept.len() < MAX_TRIGGER_SETS && !kept.iter().any(texts_in) {
            kept.push(set);
        }
    }
    kept
}

/// [`hir_min_digits`] of the rule regex `source` (0 if it does not parse).
#[cfg(test)]
fn min_digits(source: &str) -> u32 {
    literal_hir(source).map_or(0, |hir| hir_min_digits(&hir, &mut DigitClasses::default()))
}

/// Whether every char of a class (by its ranges) counts as a digit, as
/// worked out so far: the Unicode `\d` recurs in many rule regexes and
/// walking its 680 chars through the Unicode tables each time took half
/// the rule compilation.
type DigitClasses = FxHashMap<Vec<(char, char)>, bool>;

/// The fewest chars every match of a rule regex (its [`literal_hir`])
/// holds that the char pass counts as digits (numeric, not alphabetic): a
/// paragraph with fewer digits cannot match, whatever its literals.
fn hir_min_digits(hir: &Hir, classes: &mut DigitClasses) -> u32 {
    use regex_syntax::hir::Class;
    let counts = |c: char| c.is_alphanumeric() && !c.is_alphabetic();
    match hir.kind() {
        HirKind::Literal(l) => String::from_utf8_lossy(&l.0)
            .chars()
            .filter(|&c| counts(c))
            .count() as u32,
        HirKind::Class(Class::Unicode(class)) => {
            let ranges: Vec<(char, char)> = class
                .ranges()
                .iter()
                .map(|r| (r.start(), r.end()))
                .collect();
            let all = *classes.entry(ranges).or_insert_with_key(|ranges| {
                !ranges.is_empty() && ranges.iter().all(|&(a, b)| (a..=b).all(counts))
            });
            all as u32
        }
        HirKind::Class(Class::Bytes(class)) => {
            let all = !class.ranges().is_empty()
                && class
                    .ranges()
                    .iter()
                    .all(|r| (r.start()..=r.end()).all(|b| b.is_ascii_digit()));
            all as u32
        }
        HirKind::Capture(c) => hir_min_digits(&c.sub, classes),
        HirKind::Repetition(r) => r.min.saturating_mul(hir_min_digits(&r.sub, classes)),
        HirKind::Concat(subs) => subs.iter().fold(0u32, |n, sub| {
            n.saturating_add(hir_min_digits(sub, classes))
        }),
        HirKind::Alternation(branches) => branches
            .iter()
            .map(|b| hir_min_digits(b, classes))
            .min()
            .unwrap_or(0),
        HirKind::Empty | HirKind::Look(_) => 0,
    }
}

/// Orders trigger sets best first: sets found where words start before
/// sets with a literal found anywhere (which costs a scan), then the
/// rarest, the smallest, and those with fewer literals that may end inside
/// a word.
fn better_set(a: &(u32, Vec<Literal>), b: &(u32, Vec<Literal>)) -> std::cmp::Ordering {
    let anywhere = |set: &[Literal]| set.iter().any(|l| l.anywhere);
    let open_ends = |set: &[Literal]| set.iter().filter(|l| l.open_end).count();
    anywhere(&a.1)
        .cmp(&anywhere(&b.1))
        .then(b.0.cmp(&a.0))
        .then(a.1.len().cmp(&b.1.len()))
        .then(open_ends(&a.1).cmp(&open_ends(&b.1)))
}

/// Stands in a trigger set for "any decimal digit" (`\d`, `[0-9]`): such a
/// set is satisfied by a paragraph with a digit, which the feature pass
/// counts. No real literal holds a NUL (see [`prefix_literals`]).
pub(super) const ANY_DIGIT: &str = "\0digit";

/// Required sets per regex: each costs a bit, and more rarely pay.
const MAX_TRIGGER_SETS: usize = 3;

/// The rarity a set beyond the first needs (see [`byte_rarity`]).
const MIN_EXTRA_RARITY: u32 = 3;

/// What a regex guarantees about the char before a position, for a word
/// char after it. Ordered from weak to strong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Boundary {
    /// Nothing.
    None,
    /// Not an ASCII word char (an ASCII `\b`): a word start for an ASCII
    /// letter or digit, or the start of an ASCII run after a non-ASCII
    /// letter (`éjan`), which the char pass also notes.
    Ascii,
    /// The start of the text, or a char that is not a word char.
    Strong,
}

/// Which edge of a match [`boundary`] looks at.
#[derive(Clone, Copy, PartialEq)]
enum Edge {
    /// Its end: what the last char (or an assertion there) guarantees to
    /// a word char after it.
    End,
    /// Its start: what the first char guarantees to a word char before it.
    Start,
}

/// The boundary at `edge` of every match of `hir`, given `outer`, the
/// boundary at its other edge (what holds when `hir` matches empty).
fn boundary(hir: &Hir, outer: Boundary, edge: Edge) -> Boundary {
    use regex_syntax::hir::Look;
    // A Unicode `\b` next to a word char leaves a char outside `\w` on
    // the other side, which may still be a word char for the char pass
    // (`²`): like an ASCII `\b`, only ASCII letters after it start a word.
    let (strong, ascii) = match edge {
        Edge::End => (
            [Look::Start, Look::StartLF, Look::StartCRLF],
            [
                Look::WordAscii,
                Look::WordStartAscii,
                Look::WordStartHalfAscii,
                Look::WordUnicode,
                Look::WordStartUnicode,
                Look::WordStartHalfUnicode,
            ],
        ),
        Edge::Start => (
            [Look::End, Look::EndLF, Look::EndCRLF],
            [
                Look::WordAscii,
                Look::WordEndAscii,
                Look::WordEndHalfAscii,
                Look::WordUnicode,
                Look::WordEndUnicode,
                Look::WordEndHalfUnicode,
            ],
        ),
    };
    match hir.kind() {
        HirKind::Empty => outer,
        HirKind::Look(l) if strong.contains(l) => Boundary::Strong,
        HirKind::Look(l) if ascii.contains(l) => outer.max(Boundary::Ascii),
        HirKind::Look(_) => outer,
        HirKind::Literal(lit) => {
            let text = std::str::from_utf8(&lit.0).ok();
            let c = match edge {
                Edge::End => text.and_then(|t| t.chars().next_back()),
                Edge::Start => text.and_then(|t| t.chars().next()),
            };
            match c {
                Some(c) if !is_word_char(c) => Boundary::Strong,
                Some(c) if !c.is_ascii() => Boundary::Ascii,
                _ => Boundary::None,
            }
        }
        HirKind::Class(class) => class_boundary(class),
        HirKind::Capture(c) => boundary(&c.sub, outer, edge),
        HirKind::Concat(subs) => match edge {
            Edge::End => subs.iter().fold(outer, |b, s| boundary(s, b, edge)),
            Edge::Start => subs.iter().rev().fold(outer, |b, s| boundary(s, b, edge)),
        },
        HirKind::Alternation(branches) => branches
            .iter()
            .map(|b| boundary(b, outer, edge))
            .min()
            .unwrap_or(Boundary::None),
        HirKind::Repetition(r) => {
            // The edge repeat may sit next to anything the others end with.
            let repeated = boundary(&r.sub, Boundary::None, edge);
            if r.min == 0 {
                repeated.min(outer)
            } else {
                repeated
            }
        }
    }
}

/// The boundary at the end of every match of `hir`, given `before` at its start.
fn boundary_after(hir: &Hir, before: Boundary) -> Boundary {
    boundary(hir, before, Edge::End)
}

/// The boundary at the start of every match of `hir`, given `after` at its end.
fn boundary_before(hir: &Hir, after: Boundary) -> Boundary {
    boundary(hir, after, Edge::Start)
}

/// The boundary after a char of `class`: [`Boundary::Strong`] when no char
/// of it is a word char, [`Boundary::Ascii`] when none is an ASCII letter
/// or digit (`\W` holds `²`, a word char for the char pass).
fn class_boundary(class: &regex_syntax::hir::Class) -> Boundary {
    use regex_syntax::hir::{Class, ClassUnicode};
    static WORD: LazyLock<Option<ClassUnicode>> =
        LazyLock::new(|| unicode_class(r"[\p{Alphabetic}\p{Nd}\p{Nl}\p{No}]"));
    let ascii_alnum =
        |lo: u32, hi: u32| (lo..=hi.min(0x7F)).any(|b| (b as u8).is_ascii_alphanumeric());
    match (class, &*WORD) {
        (Class::Unicode(class), Some(word)) => {
            if class
                .ranges()
                .iter()
                .any(|r| ascii_alnum(r.start() as u32, r.end() as u32))
            {
                return Boundary::None;
            }
            let mut both = class.clone();
            both.intersect(word);
            if both.ranges().is_empty() {
                Boundary::Strong
            } else {
                Boundary::Ascii
            }
        }
        // A byte class may hold bytes of non-ASCII letters.
        (Class::Bytes(class), _) => {
            if class
                .iter()
                .any(|r| ascii_alnum(r.start() as u32, r.end() as u32))
            {
                Boundary::None
            } else if class.iter().any(|r| r.end() >= 0x80) {
                Boundary::Ascii
            } else {
                Boundary::Strong
            }
        }
        (Class::Unicode(_), None) => Boundary::None,
    }
}

/// Sets of literals such that every match of `hir` contains one of each,
/// with their rarity; `before` and `after` are the boundaries at the start
/// and end of `hir`.
fn required_literals(hir: &Hir, before: Boundary, after: Boundary) -> Vec<(u32, Vec<Literal>)> {
    let mut sets: Vec<(u32, Vec<Literal>)> =
        prefix_literals(hir, before, after).into_iter().collect();
    match hir.kind() {
        HirKind::Class(class) if is_digit_class(class) => {
            sets.push((
                DIGIT_RARITY,
                vec![Literal {
                    text: ANY_DIGIT.to_string(),
                    anywhere: false,
                    open_end: false,
                }],
            ));
        }
        HirKind::Capture(c) => sets.extend(required_literals(&c.sub, before, after)),
        // The first repeat starts where the repetition does, and is followed
        // by the next repeat or by what follows the repetition.
        HirKind::Repetition(r) if r.min > 0 => {
            let next = if r.max == Some(1) {
                after
            } else {
                after.min(boundary_before(&r.sub, Boundary::None))
            };
            sets.extend(required_literals(&r.sub, before, next));
        }
        HirKind::Concat(subs) => {
            // Every match holds a match of each part, and of each tail (a
            // tail's first few parts suffice: its literals start them).
            // Bounded, so a regex of thousands of parts compiles in linear time.
            let starts = subs.len().min(MAX_TAIL_STARTS);
            // The boundary after each part, from the right.
            let mut afters = vec![after; subs.len()];
            let mut b = after;
            for i in (0..subs.len()).rev() {
                afters[i] = b;
                b = boundary_before(&subs[i], b);
            }
            let mut at = before;
            for i in 0..starts {
                let end = subs.len().min(i + TAIL_WINDOW);
                let window_after = if end == subs.len() {
                    after
                } else {
                    afters[end - 1]
                };
                let window = &subs[i..end];
                sets.extend(prefix_literals(
                    &Hir::concat(window.to_vec()),
                    at,
                    window_after,
                ));
                sets.extend(required_literals(&subs[i], at, afters[i]));
                at = boundary_after(&subs[i], at);
            }
        }
        HirKind::Alternation(branches) => {
            // Every match holds one branch: the union of a set of each.
            let mut union = Vec::new();
            let mut rarity = u32::MAX;
            for b in branches {
                // The best set (the last of equals, as sets are compared).
                let Some((r, set)) = required_literals(b, before, after)
                    .into_iter()
                    .max_by(|x, y| better_set(y, x))
                else {
                    return sets;
                };
                rarity = rarity.min(r);
                union.extend(set);
            }
            union.sort();
            union.dedup();
            if union.len() <= MAX_TRIGGER_LITERALS {
                sets.push((rarity, union));
            }
        }
        _ => {}
    }
    sets
}

/// The rarity of [`ANY_DIGIT`]: that of one digit byte.
const DIGIT_RARITY: u32 = 2;

/// The Unicode class a regex made of one class stands for.
fn unicode_class(pattern: &str) -> Option<regex_syntax::hir::ClassUnicode> {
    use regex_syntax::hir::Class;
    match regex_syntax::Parser::new().parse(pattern).ok()?.into_kind() {
        HirKind::Class(Class::Unicode(class)) => Some(class),
        _ => None,
    }
}

/// Whether every char of `class` is a decimal digit (Unicode `\d`).
fn is_digit_class(class: &regex_syntax::hir::Class) -> bool {
    use regex_syntax::hir::{Class, ClassUnicode};
    static DIGITS: LazyLock<Option<ClassUnicode>> = LazyLock::new(|| unicode_class(r"\d"));
    let (Class::Unicode(class), Some(digits)) = (class, &*DIGITS) else {
        return false;
    };
    let mut rest = class.clone();
    rest.difference(digits);
    !class.ranges().is_empty() && rest.ranges().is_empty()
}

/// The parts of a concatenation where trigger sets are looked for.
const MAX_TAIL_STARTS: usize = 16;

/// How many parts of a tail its prefix literals are taken from.
const TAIL_WINDOW: usize = 8;

/// More trigger literals than this per regex are not worth their matches.
const MAX_TRIGGER_LITERALS: usize = 64;

/// The literals one of which starts every match of `hir`, with their
/// rarity; `before` and `after` are the boundaries at the start and end of
/// `hir` (a literal that is a whole match ends where `hir` does).
fn prefix_literals(hir: &Hir, before: Boundary, after: Boundary) -> Option<(u32, Vec<Literal>)> {
    let mut extractor = Extractor::new();
    extractor
        .kind(ExtractKind::Prefix)
        .limit_total(MAX_TRIGGER_LITERALS);
    let seq = extractor.extract(hir);
    let literals = seq.literals()?;
    let mut out = Vec::with_capacity(literals.len());
    let mut rarity = u32::MAX;
    for l in literals {
        let text = std::str::from_utf8(l.as_bytes()).ok()?;
        // NUL marks ANY_DIGIT.
        if text.trim().is_empty() || text.contains('\0') {
            return None;
        }
        let first = text.chars().next()?;
        let last = text.chars().next_back()?;
        let at_word_start = before == Boundary::Strong
            || (before == Boundary::Ascii && first.is_ascii_alphanumeric());
        let at_word_end = l.is_exact()
            && (after == Boundary::Strong
                || (after == Boundary::Ascii && last.is_ascii_alphanumeric()));
        let text = lowercase(text);
        rarity = rarity.min(text.bytes().map(byte_rarity).sum());
        out.push(Literal {
            text,
            anywhere: is_word_char(first) && !at_word_start,
            open_end: is_word_char(last) && !at_word_end,
        });
    }
    (!out.is_empty()).then_some((rarity, out))
}

/// How unlikely a byte is in prose, roughly: letters, spaces and the
/// commonest punctuation 1, digits and bytes of non-ASCII chars 2, other
/// punctuation 3. A literal's rarity is the sum over its bytes.
fn byte_rarity(b: u8) -> u32 {
    match b {
        b'a'..=b'z' | b' ' | b',' | b'.' | b'\n' => 1,
        b'0'..=b'9' | 0x80.. => 2,
        _ => 3,
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `feature OP number [and feature OP number]…`
fn parse_condition(text: &str) -> Result<Vec<Condition>, String> {
    let mut out = Vec::new();
    for part in text.split(" and ") {
        let tokens: Vec<&str> = part.split_whitespace().collect();
        let [name, op, value] = tokens[..] else {
            return Err(format!(
                "expected `feature op number`, got {:?}",
                part.trim()
            ));
        };
        let feature = Feature::from_name(name).ok_or_else(|| {
            let names: Vec<&str> = Feature::ALL.iter().map(|(n, _)| *n).collect();
            format!("unknown feature {name:?} (known: {})", names.join(", "))
        })?;
        let op = match op {
            "<" => Comparison::Less,
            "<=" => Comparison::LessOrEqual,
            ">" => Comparison::Greater,
            ">=" => Comparison::GreaterOrEqual,
            "==" => Comparison::Equal,
            "!=" => Comparison::NotEqual,
            _ => return Err(format!("unknown operator {op:?} (use < <= > >= == !=)")),
        };
        let value: f64 = value
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite())
            .ok_or_else(|| format!("{value:?} is not a number"))?;
        out.push(Condition::new(feature, op, value));
    }
    Ok(out)
}

/// Orders rules so that every rule comes after those it requires or excludes.
fn topological_order(rules: &[Rule]) -> Result<Vec<usize>, Error> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    let mut marks = vec![Mark::New; rules.len()];
    let mut order = Vec::with_capacity(rules.len());
    // Iterative depth-first search: user files may chain rules deeply.
    for root in 0..rules.len() {
        if marks[root] != Mark::New {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        marks[root] = Mark::Active;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let deps: Vec<usize> = rules[node]
                .requires
                .iter()
                .chain(&rules[node].unless)
                .copied()
                .collect();
            if let Some(&dep) = deps.get(*next) {
                *next += 1;
                match marks[dep] {
                    Mark::New => {
                        marks[dep] = Mark::Active;
                        stack.push((dep, 0));
                    }
                    Mark::Active => {
                        let r = &rules[node];
                        return Err(Error::new(ErrorKind::Cycle)
                            .at(&r.file, r.line)
                            .in_rule(&r.name));
                    }
                    Mark::Done => {}
                }
            } else {
                marks[node] = Mark::Done;
                order.push(node);
                stack.pop();
            }
        }
    }
    Ok(order)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::parse::parse;

    fn build(src: &str) -> Result<RuleSet, Error> {
        compile(parse(src, "t.rules")?, Stoplists::builtin())
    }

    #[test]
    fn compile_errors_name_the_rule_and_line() {
        let cases: &[(&str, usize, &str)] = &[
            (
                "rule r\n describe d\n weight -1\n regex (\n",
                4,
                "bad regex",
            ),
            (
                "rule r\n describe d\n weight -1\n regex x*\n",
                4,
                "empty string",
            ),
            (
                "rule r\n describe d\n weight -1\n when wordz < 3\n",
                4,
                "unknown feature",
            ),
            (
                "rule r\n describe d\n weight -1\n when words ~ 3\n",
                4,
                "unknown operator",
            ),
            (
                "rule r\n describe d\n weight -1\n requires nope\n",
                4,
                "unknown rule",
            ),
            ("rule r\n describe d\n weight -1\n", 1, "nothing to match"),
            ("rule r\n weight -1\n phrases a\n", 1, "missing `describe`"),
            ("rule r\n describe d\n phrases a\n", 1, "missing `weight`"),
            (
                "rule a\n describe d\n weight 1\n requires b\nrule b\n describe d\n weight 1\n requires a\n",
                5,
                "cycle",
            ),
        ];
        for &(src, line, msg) in cases {
            let e = build(src)
                .err()
                .unwrap_or_else(|| panic!("{src:?} compiled"));
            assert_eq!(e.line(), Some(line), "{src:?}: {e}");
            assert!(e.rule().is_some(), "{e}");
            assert!(e.to_string().contains(msg), "{src:?}: {e}");
        }
    }

    #[test]
    fn word_intervals_hold_the_rules_whose_word_conditions_hold() {
        let set = build(
            "rule a\n describe d\n weight 1\n when words >= 6 and words < 20\n\
             rule b\n describe d\n weight 1\n when words != 3\n\
             rule c\n describe d\n weight 1\n when words <= 2.5 and digits > 0\n\
             rule d\n describe d\n weight 1\n when digits > 0\n",
        )
        .unwrap();
        let builtin = compile(
            super::super::parse::parse(super::super::BUILTIN_RULES, "builtin").unwrap(),
            Stoplists::builtin(),
        )
        .unwrap();
        for set in [set, builtin] {
            for words in (0..300).map(|w| w as f64).chain([2.5, 1e9]) {
                let k = set.word_breaks.partition_point(|&b| b <= words);
                for (r, rule) in set.rules.iter().enumerate() {
                    let holds = rule
                        .conditions
                        .iter()
                        .filter(|c| c.feature == Feature::Words)
                        .all(|c| c.holds_for(words));
                    let bit = set.word_masks[k][set.rank[r] / 64] >> (set.rank[r] % 64) & 1;
                    assert_eq!(bit == 1, holds, "{} at {words} words", rule.name);
                }
            }
        }
    }

    #[test]
    fn rules_whose_trigger_literals_may_start_inside_words_are_told() {
        let set = build(
            "rule a\n describe d\n weight -1\n regex all rights reserved\n\
             rule b\n describe d\n weight -1\n regex \\ball rights reserved\n",
        )
        .unwrap();
        let told: Vec<bool> = set.rules().iter().map(|r| r.scans_inside_words()).collect();
        assert_eq!(told, [true, false]);
    }

    #[test]
    fn sub_rules_need_no_weight() {
        let set = build(
            "rule __x\n describe d\n phrases a\nrule y\n describe d\n weight -1\n requires __x\n",
        )
        .unwrap();
        assert_eq!(set.rules()[0].weight, 0.0);
        assert_eq!(set.order, vec![0, 1]);
    }

    #[test]
    fn regexes_get_ascii_boundaries_and_ignore_case() {
        assert_eq!(prepare_regex(r"\bad\b"), r"(?i)(?-u:\b)ad(?-u:\b)");
        assert_eq!(prepare_regex(r"a\\b"), r"(?i)a\\b");
    }

    #[test]
    fn regex_trigger_literals() {
        let sets = |re: &str| -> Vec<Vec<String>> {
            trigger_literals(re)
                .into_iter()
                .map(|set| {
                    let mut texts: Vec<String> = set.into_iter().map(|l| l.text).collect();
                    texts.sort();
                    texts
                })
                .collect()
        };
        assert_eq!(
            sets(r"^(?:Tags|topics)\s*:"),
            [vec!["tags", "topics"], vec![":"]]
        );
        assert_eq!(
            sets(r"©|all rights reserved"),
            [["all rights reserved", "©"]]
        );
        // Inner literals, rarest first; every set is needed.
        assert_eq!(sets(r"[\p{L}.]+\s*/\s*getty"), [["getty"], ["/"]]);
        assert_eq!(sets(r"\d+ min read"), [[" min read"]]);
        assert_eq!(
            sets(r#"^[^\n]{1,80}, ["“][^\n]+(?:19|20)\d\d$"#)[0],
            [", \"", ", “"]
        );
        assert_eq!(
            sets(r"^[\W_]*(?:report|flag)\b|^\d+ replies"),
            [[" replies", "flag", "report"]]
        );
        // A digit class is a set of its own, met by a paragraph with a digit.
        assert_eq!(sets(r"\d+"), [[ANY_DIGIT]]);
        assert_eq!(sets(r"@|\+?[0-9][\d ().-]{7,}\d"), [[ANY_DIGIT, "@"]]);
        assert!(sets(r"\w+").is_empty());
        assert_eq!(sets(r"(?:by )?staff"), [["staff"]]);
        assert!(sets(r"x?").is_empty());
    }

    #[test]
    fn min_digits_counts_the_digits_every_match_holds() {
        for (re, n) in [
            (r"\d{4}\.?$", 4),
            (r"(?:19|20)\d\d", 4),
            (r"[0-9]+ min", 1),
            (r"\d{1,2}:\d\d|noon", 0),
            (r"(?:\d{1,2}:\d\d)+", 3),
            (r"\d*", 0),
            (r"page²", 1),
            // Letters that are numbers (Ⅻ) are letters to the char pass.
            (r"\p{N}", 0),
            (r"[\d ]", 0),
            (r"(", 0),
        ] {
            assert_eq!(min_digits(re), n, "{re}");
        }
    }

    #[test]
    fn trigger_literals_know_where_words_start_and_end() {
        // (text, anywhere, open_end) of the first set.
        let first = |re: &str| -> Vec<(String, bool, bool)> {
            trigger_literals(re)[0]
                .iter()
                .map(|l| (l.text.clone(), l.anywhere, l.open_end))
                .collect()
        };
        let word = |t: &str| (t.to_string(), false, false);
        assert_eq!(first(r"^(?:by|von)\s+\p{Lu}"), [word("by"), word("von")]);
        assert_eq!(first(r"^[\W_]*(?:ad|ads)\W*$"), [word("ad"), word("ads")]);
        assert_eq!(
            first(r"\b(?:jan|feb)[a-z]*\s\d"),
            [("feb".into(), false, true), ("jan".into(), false, true)]
        );
        // No boundary before: `xall rights reserved` matches.
        assert_eq!(
            first(r"©|all rights reserved"),
            [("all rights reserved".into(), true, true), word("©")]
        );
        // `²` is a word char for the char pass but not for `\w`.
        assert!(!first(r"²?\bcomment")[0].1);
        assert!(first(r"\d\s*views")[0].0 == ANY_DIGIT);
    }

    #[test]
    fn non_ascii_phrases_get_case_variants() {
        let v = case_variants("Datenschutzerklärung");
        assert!(v.contains(&"datenschutzerklärung".to_string()));
        assert!(v.contains(&"DATENSCHUTZERKLÄRUNG".to_string()));
    }

    #[test]
    fn every_match_of_a_builtin_regex_holds_a_literal_of_each_trigger_set() {
        // The texts: every example of the built-in rules, whole and line by line.
        let specs = super::super::parse::parse(super::super::BUILTIN_RULES, "builtin").unwrap();
        let texts: Vec<String> = specs
            .iter()
            .flat_map(|s| s.examples.iter().flatten())
            .flat_map(|e| {
                let text = e.value.1.replace("\\n", "\n");
                let lines: Vec<String> = text.lines().map(str::to_string).collect();
                std::iter::once(text).chain(lines)
            })
            .collect();
        let mut checked = 0;
        for spec in &specs {
            for re in spec.regexes.iter().flatten() {
                let regex = Regex::new(&prepare_regex(&re.value)).unwrap();
                let sets = trigger_literals(&re.value);
                for text in texts.iter().filter(|t| regex.is_match(t)) {
                    let lower = text.to_lowercase();
                    let digit = text.chars().any(|c| c.is_numeric());
                    for set in &sets {
                        assert!(
                            set.iter().any(|l| if l.text == ANY_DIGIT {
                                digit
                            } else {
                                lower.contains(l.text.as_str())
                            }),
                            "{}: {text:?} matches, but holds none of {set:?}",
                            spec.name
                        );
                    }
                    checked += 1;
                }
            }
        }
        assert!(checked > 50, "only {checked} matches checked");
    }

    #[test]
    fn a_regex_of_thousands_of_parts_gets_trigger_sets_from_its_first_parts() {
        // Only the first MAX_TAIL_STARTS parts are looked at (unbounded, this
        // regex took seconds to compile in release mode).
        let sets = trigger_literals(&"[ab]x".repeat(5000));
        assert!(!sets.is_empty());
        for text in ["ax".repeat(5000), "bx".repeat(5000)] {
            assert!(
                sets.iter()
                    .all(|s| s.iter().any(|l| text.contains(l.text.as_str())))
            );
        }
        let nested = "(?:a|b".repeat(200) + &")".repeat(200);
        assert!(trigger_literals(&nested).is_empty());
    }
}
