//! What a regex needs before it can match, read from its HIR: sets of
//! literals one of which every match holds (its trigger sets), where those
//! literals start and end words, and the fewest digits a match holds. A
//! regex then runs only on paragraphs that meet all of its sets.

use std::sync::LazyLock;

use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};
use rustc_hash::FxHashMap;

use super::compile::{lowercase, prepare_regex};
use crate::measure::{is_cjk_char, is_word_char};

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
pub(super) fn literal_hir(source: &str) -> Option<Hir> {
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
pub(super) fn trigger_sets(hir: &Hir) -> Vec<Vec<Literal>> {
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
pub(super) type DigitClasses = FxHashMap<Vec<(char, char)>, bool>;

/// The fewest chars every match of a rule regex (its [`literal_hir`])
/// holds that the char pass counts as digits (numeric, not alphabetic): a
/// paragraph with fewer digits cannot match, whatever its literals.
pub(super) fn hir_min_digits(hir: &Hir, classes: &mut DigitClasses) -> u32 {
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
pub(super) fn better_set(a: &(u32, Vec<Literal>), b: &(u32, Vec<Literal>)) -> std::cmp::Ordering {
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
            // A CJK char is a word of its own: wherever it stands, a word
            // starts there, and the phrase index finds it without a scan.
            anywhere: is_word_char(first) && !at_word_start && !is_cjk_char(first),
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

#[cfg(test)]
mod tests {
    use regex::Regex;

    use super::*;

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
