//! [`RuleSpec`]s → a [`RuleSet`]: one phrase index for every phrase of every
//! rule and the trigger literals of every regex, the regexes, conditions as
//! typed comparisons, `within` words as bits, and rules ordered so that
//! `requires`/`unless` see their dependencies first.

use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};

use super::index::{PatternUse, PhraseIndex};
use super::parse::RuleSpec;
use super::regexes::{Regexes, compile_regex};
use super::triggers::{ANY_DIGIT, DigitClasses, hir_min_digits, literal_hir, trigger_sets};
use super::{Comparison, Condition, Example, PhraseTarget, Rule, RuleSet, next_up, set_bit};
use crate::error::{Error, ErrorKind, closest};
use crate::html::{DomWords, MAX_DOM_WORDS};
use crate::measure::{Feature, Stoplists, push_lower};
use crate::text::one_line;

/// Compiles merged rule specs into a rule set. The regexes of the rules
/// named in `eager` (those a user's file sets) are compiled now, so that
/// one over the size limit is an error; of the others only the syntax is
/// checked, and each is compiled when a paragraph first needs it.
pub(crate) fn compile(
    specs: Vec<RuleSpec>,
    stoplists: &Stoplists,
    eager: &FxHashSet<String>,
) -> Result<RuleSet, Error> {
    let index: FxHashMap<&str, usize> = specs
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.as_str(), i))
        .collect();
    let mut parts = Parts::default();
    let mut rules = Vec::with_capacity(specs.len());
    for (ri, spec) in specs.iter().enumerate() {
        rules.push(parts.rule(ri, spec, &index, eager.contains(&spec.name))?);
    }
    let Parts {
        mut table,
        regexes,
        regex_hirs,
        mut dom_words,
        ..
    } = parts;
    // Only with rules that test `within` (the parser marks nothing
    // without them).
    let body_mark = if dom_words.is_empty() {
        0
    } else {
        dom_words.shared_bit(&crate::html::BODY_WORDS).unwrap_or(0)
    };
    // Two-part words (`author-box` in `td-author-box`) only for rules that
    // cut: a scoring rule's container word over-reaches so (a forum's
    // per-post id `post_content482913` is a `post-content`, a share row's
    // `story-body__share` a `story-body`).
    dom_words.set_pair_mask(!super::within_of(&rules, super::counts_for_the_block));
    let gated = gated_regexes(&specs, &rules, regexes.len());
    let gates = RegexGates::of(&regex_hirs, &gated, &mut table);
    let order = topological_order(&rules)?;
    let mut rank = vec![0; rules.len()];
    for (i, &r) in order.iter().enumerate() {
        rank[r] = i;
    }
    let marks = Marks::of(&mut rules, &rank, &gates, &gated, regexes.len());
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
        always: marks.always,
        always_text: marks.always_text,
        word_breaks,
        word_masks,
        regex_rule: marks.regex_rule,
        phrases,
        targets: table.targets,
        triggers: table.triggers,
        regexes: Regexes::new(regexes),
        required: gates.required,
        digit_sets: gates
            .digit_sets
            .into_iter()
            .enumerate()
            .filter(|&(_, bits)| bits != 0)
            .collect(),
        min_digits: gates.min_digits,
        placed: marks.placed,
        wake: marks.wake,
        dom_words,
        body_mark,
    })
}

/// What the rules of a file share, gathered rule by rule: the patterns of
/// the phrase index, the regexes, and the `within` words.
#[derive(Default)]
struct Parts {
    table: PatternTable,
    /// Per regex, prepared, and compiled if compiled at once.
    regexes: Vec<(String, Option<Regex>)>,
    /// Per regex, its [`literal_hir`] (the trigger literals are read from it).
    regex_hirs: Vec<Option<regex_syntax::hir::Hir>>,
    dom_words: DomWords,
}

impl Parts {
    /// Compiles rule `ri`, adding its phrases, regexes and `within` words;
    /// `index` finds the rules it names; with `eager`, its regexes are
    /// compiled now.
    fn rule(
        &mut self,
        ri: usize,
        spec: &RuleSpec,
        index: &FxHashMap<&str, usize>,
        eager: bool,
    ) -> Result<Rule, Error> {
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
        for phrase in spec.phrases.iter().flatten() {
            has_text = true;
            let (text, prefix) = match phrase.value.strip_suffix('*') {
                Some(t) => (t.trim_end(), true),
                None => (phrase.value.as_str(), false),
            };
            let id = self.table.id(text);
            self.table.open_end[id] |= prefix;
            let target = PhraseTarget { rule: ri, prefix };
            if !self.table.targets[id].contains(&target) {
                self.table.targets[id].push(target);
            }
        }
        let mut rule_regexes = Vec::new();
        for re in spec.regexes.iter().flatten() {
            has_text = true;
            let source = prepare_regex(&re.value);
            let bad =
                |e: regex::Error| fail(ErrorKind::BadRegex(one_line(&e.to_string())), re.line);
            // The syntax is checked without the case folding, which is
            // most of the cost. A regex whose shortest match may be empty is
            // compiled to see whether it matches the empty string; one that
            // did not parse so, to report why (or to run it, untriggered).
            let hir = literal_hir(&re.value);
            let may_be_empty = hir
                .as_ref()
                .is_none_or(|h| h.properties().minimum_len() == Some(0));
            let compiled = if eager || may_be_empty {
                let regex = compile_regex(&source).map_err(bad)?;
                if regex.is_match("") {
                    return Err(fail(
                        ErrorKind::BadRegex("it matches the empty string".into()),
                        re.line,
                    ));
                }
                Some(regex)
            } else {
                None
            };
            rule_regexes.push(self.regexes.len());
            self.regexes.push((source, compiled));
            self.regex_hirs.push(hir);
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
                    index.get(n.as_str()).copied().ok_or_else(|| {
                        let suggestion = closest(n, index.keys().copied()).map(str::to_string);
                        let name = n.clone();
                        fail(ErrorKind::UnknownRule { name, suggestion }, at.line)
                    })
                })
                .collect()
        };
        let requires = resolve(&spec.requires)?;
        let unless = resolve(&spec.unless)?;
        let mut within = 0u128;
        if let Some(at) = &spec.within {
            for word in &at.value {
                within |= self.dom_words.bit(word).ok_or_else(|| {
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
        for (key, setting) in [("never_main", &spec.never_main), ("titles", &spec.titles)] {
            if let Some(at) = setting.as_ref().filter(|a| a.value && within == 0) {
                return Err(fail(
                    ErrorKind::BadSetting(format!("{key} needs `within` words")),
                    at.line,
                ));
            }
        }
        let barrier = spec.barrier.as_ref().is_some_and(|b| b.value);
        let firm = spec.firm.as_ref().is_some_and(|b| b.value);
        if let Some(at) = spec.firm.as_ref().filter(|_| firm && !barrier) {
            return Err(fail(
                ErrorKind::BadSetting("firm needs `barrier yes`".to_string()),
                at.line,
            ));
        }
        Ok(Rule {
            name: spec.name.clone(),
            describe: describe.value.clone(),
            weight,
            file: spec.file.clone(),
            line: spec.line,
            has_text,
            reads_content: false,
            page_chrome: false,
            scored: weight != 0.0 && !spec.is_sub_rule(),
            regexes: rule_regexes,
            conditions,
            requires,
            unless,
            barrier,
            firm,
            never_main: spec.never_main.as_ref().is_some_and(|b| b.value),
            titles: spec.titles.as_ref().is_some_and(|b| b.value),
            decisive: spec.decisive.as_ref().is_some_and(|b| b.value),
            weak: spec.weak.as_ref().is_some_and(|b| b.value),
            kind: match &spec.kind {
                Some(k) => k.value.clone(),
                None if weight > 0.0 => "prose".to_string(),
                None => "boilerplate".to_string(),
            },
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
        })
    }
}

/// Per regex, whether it belongs to a rule of regexes only that requires a
/// rule of phrases only (`spam_hyphen_domain_call` requires `__urgent_call`):
/// such a regex can match only where that rule's phrases were found, so it
/// runs there, gated by the requirement, and its trigger literals are not
/// looked for. Short ones cost much: the top-level domains after a dot
/// (`.co`, `.de`, `.it`) made every word starting so a spot of the phrase
/// index, a fifth of all its lookups.
fn gated_regexes(specs: &[RuleSpec], rules: &[Rule], regex_count: usize) -> Vec<bool> {
    let has = |list: &Option<Vec<_>>| list.as_ref().is_some_and(|l| !l.is_empty());
    let phrases_only = |r: usize| has(&specs[r].phrases) && !has(&specs[r].regexes);
    let mut gated = vec![false; regex_count];
    for (r, rule) in rules.iter().enumerate() {
        if !has(&specs[r].phrases) && rule.requires.iter().any(|&d| phrases_only(d)) {
            for &ri in &rule.regexes {
                gated[ri] = true;
            }
        }
    }
    gated
}

/// Per regex, what a paragraph must hold for it to run: a regex runs only
/// on paragraphs where the phrase index found a literal of each of its
/// required sets (and enough digits).
struct RegexGates {
    /// A bit per set of trigger literals.
    required: Vec<u8>,
    /// The bits of the sets that any digit meets (`\d`).
    digit_sets: Vec<u8>,
    /// A trigger literal may occur inside a word.
    inside_words: Vec<bool>,
    /// The fewest digits a match holds.
    min_digits: Vec<u32>,
}

impl RegexGates {
    /// Reads the trigger literals of each regex (its [`literal_hir`]) and
    /// files them in `table`.
    fn of(
        hirs: &[Option<regex_syntax::hir::Hir>],
        gated: &[bool],
        table: &mut PatternTable,
    ) -> RegexGates {
        let n = hirs.len();
        let mut gates = RegexGates {
            required: vec![0; n],
            digit_sets: vec![0; n],
            inside_words: vec![false; n],
            min_digits: vec![0; n],
        };
        let mut digit_classes = DigitClasses::default();
        for (ri, hir) in hirs.iter().enumerate() {
            let Some(hir) = hir else {
                continue;
            };
            gates.min_digits[ri] = hir_min_digits(hir, &mut digit_classes);
            if gated[ri] {
                continue;
            }
            for (bit, set) in trigger_sets(hir).iter().enumerate() {
                gates.inside_words[ri] |= set.iter().any(|l| l.anywhere);
                gates.required[ri] |= 1 << bit;
                for literal in set {
                    if literal.text == ANY_DIGIT {
                        gates.digit_sets[ri] |= 1 << bit;
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
        gates
    }
}

/// Bitsets by rank of the rules the run treats apart.
struct Marks {
    /// Rules evaluated on every paragraph (no text to find, or a regex
    /// without trigger literals).
    always: Vec<u64>,
    /// The same, leaving out rules that only HTML pages can fire.
    always_text: Vec<u64>,
    /// Rules whose verdict may differ between copies of a paragraph.
    placed: Vec<u64>,
    /// Per regex, the rule it belongs to.
    regex_rule: Vec<usize>,
    /// Per rule, the ranks of the rules that become candidates with it.
    wake: Vec<Vec<usize>>,
}

impl Marks {
    /// Marks the rules, and sets their `untriggered` and `inside_words`.
    fn of(
        rules: &mut [Rule],
        rank: &[usize],
        gates: &RegexGates,
        gated: &[bool],
        regex_count: usize,
    ) -> Marks {
        let mut regex_rule = vec![0; regex_count];
        let mut always = vec![0u64; rules.len().div_ceil(64).max(1)];
        let mut always_text = always.clone();
        let mut placed = always.clone();
        // A rule with nothing to find that requires others can fire only
        // where they fire, so it need not be evaluated on every paragraph:
        // it becomes a candidate with its first required rule that is not
        // itself evaluated everywhere (found first: dependency order).
        for rule in rules.iter_mut() {
            rule.untriggered =
                (rule.regexes.iter()).any(|&ri| gates.required[ri] == 0 && !gated[ri]);
        }
        let mut woken_by: Vec<Option<usize>> = vec![None; rules.len()];
        let mut order: Vec<usize> = (0..rules.len()).collect();
        order.sort_by_key(|&r| rank[r]);
        for &r in &order {
            rules[r].reads_content = rules[r].has_text
                || rules[r].within != 0
                || rules[r].requires.iter().any(|&d| rules[d].reads_content);
            rules[r].page_chrome = rules[r].weight <= super::PAGE_CHROME_WEIGHT
                && rules[r].reads_content
                && rules[r].kind != "promo";
            let is_gated = rules[r].regexes.first().is_some_and(|&ri| gated[ri]);
            if !rules[r].has_text || is_gated {
                woken_by[r] = rules[r].requires.iter().copied().find(|&d| {
                    (rules[d].has_text && !rules[d].untriggered) || woken_by[d].is_some()
                });
            }
        }
        // Waking is transitive: what a woken rule wakes wakes too.
        let mut wake: Vec<Vec<usize>> = vec![Vec::new(); rules.len()];
        // (Dependents rank higher, so a rule's list is whole when read.)
        for &r in order.iter().rev() {
            if let Some(d) = woken_by[r] {
                let mut woken = wake[r].clone();
                woken.push(rank[r]);
                wake[d].extend(woken);
            }
        }
        for (r, rule) in rules.iter_mut().enumerate() {
            for &ri in &rule.regexes {
                regex_rule[ri] = r;
            }
            rule.inside_words = rule.regexes.iter().any(|&ri| gates.inside_words[ri]);
            if (!rule.has_text || rule.untriggered) && woken_by[r].is_none() {
                set_bit(&mut always, rank[r]);
                if !rule.html_only() {
                    set_bit(&mut always_text, rank[r]);
                }
            }
            // A rule that requires one of these needs no mark: it can
            // differ only where that one is evaluated too.
            if rule
                .conditions
                .iter()
                .any(|c| c.feature.differs_between_copies())
            {
                set_bit(&mut placed, rank[r]);
            }
        }
        Marks {
            always,
            always_text,
            placed,
            regex_rule,
            wake,
        }
    }
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
pub(super) fn lowercase(text: &str) -> String {
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
pub(super) fn prepare_regex(source: &str) -> String {
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
pub(super) mod tests {
    use super::*;
    use crate::rules::parse::parse;

    fn build(src: &str) -> Result<RuleSet, Error> {
        compile_with(src, true)
    }

    /// Compiles `src` with the regexes of every rule compiled at once
    /// (`eager`, as a user's file) or of none (as the built-in file).
    pub(crate) fn compile_with(src: &str, eager: bool) -> Result<RuleSet, Error> {
        let specs = parse(src, "t.rules")?;
        let names = match eager {
            true => specs.iter().map(|s| s.name.clone()).collect(),
            false => FxHashSet::default(),
        };
        compile(specs, Stoplists::builtin(), &names)
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
            // Regexes compiled lazily (the built-in file) are checked too.
            for eager in [true, false] {
                let e = compile_with(src, eager)
                    .err()
                    .unwrap_or_else(|| panic!("{src:?} compiled"));
                assert_eq!(e.line(), Some(line), "{src:?}: {e}");
                assert!(e.rule().is_some(), "{e}");
                assert!(e.to_string().contains(msg), "{src:?}: {e}");
            }
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
        let specs = parse(super::super::BUILTIN_RULES, "builtin").unwrap();
        let names = specs.iter().map(|s| s.name.clone()).collect();
        let builtin = compile(specs, Stoplists::builtin(), &names).unwrap();
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
    fn non_ascii_phrases_get_case_variants() {
        let v = case_variants("Datenschutzerklärung");
        assert!(v.contains(&"datenschutzerklärung".to_string()));
        assert!(v.contains(&"DATENSCHUTZERKLÄRUNG".to_string()));
    }
}
