//! [`RuleSpec`]s → a [`RuleSet`]: one Aho-Corasick automaton for every phrase
//! of every rule and the leading literals of every regex, the regexes,
//! conditions as typed comparisons, `within` words as bits, and rules ordered
//! so that `requires`/`unless` see their dependencies first.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::{Regex, RegexBuilder};
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

    // Regexes whose every match starts with one of a few literals run only on
    // paragraphs where the phrase automaton saw one of them.
    let mut prefiltered = vec![false; regexes.len()];
    for (ri, source) in regex_sources.iter().enumerate() {
        let Some(literals) = trigger_literals(source) else {
            continue;
        };
        prefiltered[ri] = true;
        for literal in literals {
            for variant in case_variants(&literal) {
                let id = table.id(variant);
                if !table.triggers[id].contains(&ri) {
                    table.triggers[id].push(ri);
                }
            }
        }
    }
    let order = topological_order(&rules)?;
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
        phrases,
        targets: table.targets,
        triggers: table.triggers,
        regexes,
        prefiltered,
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
    /// Per pattern: the regexes it is a trigger literal of.
    triggers: Vec<Vec<usize>>,
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

/// The literals one of which starts every match of the rule regex `source`
/// (lowercased), or `None` when there is no such small set (a leading class
/// like `\d` or `\p{L}`, an optional start). Matching is by ASCII case and
/// by the few case variants of non-ASCII letters, so a match that relies on
/// exotic Unicode case folding (the Kelvin sign for `k`) is not triggered.
fn trigger_literals(source: &str) -> Option<Vec<String>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let prepared = prepare_regex(source);
    let case_sensitive = prepared.strip_prefix("(?i)").unwrap_or(&prepared);
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(case_sensitive)
        .ok()?;
    let mut extractor = Extractor::new();
    extractor.kind(ExtractKind::Prefix).limit_total(64);
    let seq = extractor.extract(&hir);
    let literals = seq.literals()?;
    let mut out = Vec::with_capacity(literals.len());
    for l in literals {
        let text = std::str::from_utf8(l.as_bytes()).ok()?;
        if text.trim().is_empty() {
            return None;
        }
        out.push(text.to_lowercase());
    }
    (!out.is_empty()).then_some(out)
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
        out.push(Condition { feature, op, value });
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
        let mut t = trigger_literals(r"^(?:Tags|topics)\s*:").unwrap();
        t.sort();
        assert_eq!(t, ["tags", "topics"]);
        assert_eq!(trigger_literals(r"©|all rights reserved").unwrap().len(), 2);
        assert!(trigger_literals(r"[\p{L}.]+\s*/\s*getty").is_none());
        assert!(trigger_literals(r"\d+ min read").is_none());
        assert!(trigger_literals(r"(?:by )?staff").is_some());
        assert!(trigger_literals(r"x?").is_none());
    }

    #[test]
    fn non_ascii_phrases_get_case_variants() {
        let v = case_variants("Datenschutzerklärung");
        assert!(v.contains(&"datenschutzerklärung".to_string()));
        assert!(v.contains(&"DATENSCHUTZERKLÄRUNG".to_string()));
    }
}
