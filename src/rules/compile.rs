//! [`RuleSpec`]s → a [`RuleSet`]: one Aho-Corasick automaton for every phrase
//! of every rule and the leading literals of every regex, the regexes,
//! conditions as typed comparisons, `within` words as bits, and rules ordered
//! so that `requires`/`unless` see their dependencies first.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::sync::LazyLock;

use regex::{Regex, RegexBuilder};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};
use rustc_hash::FxHashMap;

use super::parse::RuleSpec;
use super::{Comparison, Condition, Example, PhraseTarget, Rule, RuleSet};
use crate::error::{Error, ErrorKind};
use crate::features::Feature;
use crate::html::{DomWords, MAX_DOM_WORDS};

/// Compiled regexes and automata are bounded so a user file cannot exhaust memory.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// Compiles merged rule specs into a rule set.
pub(crate) fn compile(specs: Vec<RuleSpec>) -> Result<RuleSet, Error> {
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
            for variant in case_variants(text) {
                let id = table.id(variant);
                let target = PhraseTarget { rule: ri, prefix };
                if !table.targets[id].contains(&target) {
                    table.targets[id].push(target);
                }
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

    // A regex runs only on paragraphs where the phrase automaton saw a
    // literal of each of its required sets.
    let mut required = vec![0u8; regexes.len()];
    let mut digit_sets = vec![0u8; regexes.len()];
    for (ri, source) in regex_sources.iter().enumerate() {
        for (bit, set) in trigger_literals(source).iter().enumerate() {
            required[ri] |= 1 << bit;
            for literal in set {
                if literal == ANY_DIGIT {
                    digit_sets[ri] |= 1 << bit;
                    continue;
                }
                for variant in case_variants(literal) {
                    let id = table.id(variant);
                    if !table.triggers[id].contains(&(ri, bit as u8)) {
                        table.triggers[id].push((ri, bit as u8));
                    }
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
        if !rule.has_text || rule.regexes.iter().any(|&ri| required[ri] == 0) {
            always[rank[r] / 64] |= 1 << (rank[r] % 64);
            if !rule.html_only() {
                always_text[rank[r] / 64] |= 1 << (rank[r] % 64);
            }
        }
    }
    let phrases = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&table.patterns)
        .or_else(|_| {
            // Too many phrases for a DFA within its size limit: a contiguous NFA is slower but fits.
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(&table.patterns)
        })
        .map_err(|e| Error::new(ErrorKind::BadSetting(format!("phrase automaton: {e}"))))?;
    Ok(RuleSet {
        rules,
        order,
        rank,
        always,
        always_text,
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
        dom_words,
    })
}

/// The patterns of the one automaton (phrases and regex trigger literals,
/// deduplicated ignoring ASCII case), with what each one stands for.
#[derive(Default)]
struct PatternTable {
    ids: FxHashMap<String, usize>,
    patterns: Vec<String>,
    /// Per pattern: the rules it is a phrase of.
    targets: Vec<Vec<PhraseTarget>>,
    /// Per pattern: the regexes it is a trigger literal of, with the bit of
    /// its literal set.
    triggers: Vec<Vec<(usize, u8)>>,
}

impl PatternTable {
    /// The id of `pattern`, added if new.
    fn id(&mut self, pattern: String) -> usize {
        let key = pattern.to_ascii_lowercase();
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        self.patterns.push(pattern);
        self.targets.push(Vec::new());
        self.triggers.push(Vec::new());
        self.ids.insert(key, self.patterns.len() - 1);
        self.patterns.len() - 1
    }
}

/// Aho-Corasick folds ASCII case only, so a phrase with non-ASCII letters is
/// also searched in lower case, capitalised and upper case.
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

/// Sets of literals such that every match of the rule regex `source` holds
/// a literal of each set (lowercased); empty when there is no small set. The
/// literals may start the match or sit inside it (`"` in a citation pattern
/// that starts with a class). The rarest sets in prose are chosen, so a
/// regex runs only on the few paragraphs that hold one of each. Matching is
/// by ASCII case and by the few case variants of non-ASCII letters, so a
/// match that relies on exotic Unicode case folding (the Kelvin sign for
/// `k`) is not triggered.
fn trigger_literals(source: &str) -> Vec<Vec<String>> {
    let prepared = prepare_regex(source);
    let case_sensitive = prepared.strip_prefix("(?i)").unwrap_or(&prepared);
    let Ok(hir) = regex_syntax::ParserBuilder::new()
        .build()
        .parse(case_sensitive)
    else {
        return Vec::new();
    };
    let mut sets = required_literals(&hir);
    for (_, set) in &mut sets {
        set.sort();
        set.dedup();
    }
    sets.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.len().cmp(&b.1.len())));
    // A set holding all of a kept set's literals adds no test.
    let mut kept: Vec<Vec<String>> = Vec::new();
    for (rarity, set) in sets {
        // Common literals (`,`, `on`) as a second test cost more matches
        // than they save.
        let worth = kept.is_empty() || rarity >= MIN_EXTRA_RARITY;
        if worth
            && kept.len() < MAX_TRIGGER_SETS
            && !kept.iter().any(|k| k.iter().all(|l| set.contains(l)))
        {
            kept.push(set);
        }
    }
    kept
}

/// Stands in a trigger set for "any decimal digit" (`\d`, `[0-9]`): such a
/// set is satisfied by a paragraph with a digit, which the feature pass
/// counts. No real literal holds a NUL (see [`prefix_literals`]).
pub(super) const ANY_DIGIT: &str = "\0digit";

/// Required sets per regex: each costs a bit, and more rarely pay.
const MAX_TRIGGER_SETS: usize = 3;

/// The rarity a set beyond the first needs (see [`byte_rarity`]).
const MIN_EXTRA_RARITY: u32 = 3;

/// Sets of literals such that every match of `hir` contains one of each,
/// with their rarity.
fn required_literals(hir: &Hir) -> Vec<(u32, Vec<String>)> {
    let mut sets: Vec<(u32, Vec<String>)> = prefix_literals(hir).into_iter().collect();
    match hir.kind() {
        HirKind::Class(class) if is_digit_class(class) => {
            sets.push((DIGIT_RARITY, vec![ANY_DIGIT.to_string()]));
        }
        HirKind::Capture(c) => sets.extend(required_literals(&c.sub)),
        HirKind::Repetition(r) if r.min > 0 => sets.extend(required_literals(&r.sub)),
        HirKind::Concat(subs) => {
            // Every match holds a match of each part, and of each tail (a
            // tail's first few parts suffice: its literals start them).
            // Bounded, so a regex of thousands of parts compiles in linear time.
            for i in 0..subs.len().min(MAX_TAIL_STARTS) {
                let window = &subs[i..subs.len().min(i + TAIL_WINDOW)];
                sets.extend(prefix_literals(&Hir::concat(window.to_vec())));
                sets.extend(required_literals(&subs[i]));
            }
        }
        HirKind::Alternation(branches) => {
            // Every match holds one branch: the union of a set of each.
            let mut union = Vec::new();
            let mut rarity = u32::MAX;
            for b in branches {
                let Some((r, set)) = required_literals(b)
                    .into_iter()
                    .max_by(|a, b| a.0.cmp(&b.0).then(b.1.len().cmp(&a.1.len())))
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

/// Whether every char of `class` is a decimal digit (Unicode `\d`).
fn is_digit_class(class: &regex_syntax::hir::Class) -> bool {
    use regex_syntax::hir::{Class, ClassUnicode};
    static DIGITS: LazyLock<Option<ClassUnicode>> =
        LazyLock::new(
            || match regex_syntax::Parser::new().parse(r"\d").ok()?.into_kind() {
                HirKind::Class(Class::Unicode(digits)) => Some(digits),
                _ => None,
            },
        );
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

/// The literals one of which starts every match of `hir`, with their rarity.
fn prefix_literals(hir: &Hir) -> Option<(u32, Vec<String>)> {
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
        let text = text.to_lowercase();
        rarity = rarity.min(text.bytes().map(byte_rarity).sum());
        out.push(text);
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
        compile(parse(src, "t.rules")?)
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
                .map(|mut set| {
                    set.sort();
                    set
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
                            set.iter().any(|l| if l == ANY_DIGIT {
                                digit
                            } else {
                                lower.contains(l.as_str())
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
                    .all(|s| s.iter().any(|l| text.contains(l.as_str())))
            );
        }
        let nested = "(?:a|b".repeat(200) + &")".repeat(200);
        assert!(trigger_literals(&nested).is_empty());
    }
}
