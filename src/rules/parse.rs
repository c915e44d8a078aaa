//! Rule file text → [`RuleSpec`]s, with the line of every key kept for errors.
//!
//! The format (see DESIGN.md) is line-oriented: `rule NAME` opens a rule, and
//! indented `key value` lines describe it. `#` starts a comment line.

use crate::error::{Error, ErrorKind, closest};

/// The keys of a rule, after its `rule NAME` line.
const KEYS: [&str; 17] = [
    "describe",
    "weight",
    "kind",
    "phrases",
    "regex",
    "when",
    "requires",
    "unless",
    "barrier",
    "firm",
    "decisive",
    "weak",
    "within",
    "never_main",
    "titles",
    "fires",
    "ignores",
];

/// A value and the line it was written on.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct At<T> {
    pub value: T,
    pub line: usize,
}

/// One rule as written. Every key is optional here, because a user file may
/// override only some keys of a built-in rule; compiling checks completeness.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct RuleSpec {
    pub name: String,
    pub file: String,
    pub line: usize,
    pub describe: Option<At<String>>,
    pub weight: Option<At<f64>>,
    /// What the rule finds, as one word (`promo`, `boilerplate`…).
    pub kind: Option<At<String>>,
    pub phrases: Option<Vec<At<String>>>,
    pub regexes: Option<Vec<At<String>>>,
    pub when: Option<At<String>>,
    pub requires: Option<At<Vec<String>>>,
    pub unless: Option<At<Vec<String>>>,
    pub barrier: Option<At<bool>>,
    /// A barrier that ends the article inside the main container too.
    pub firm: Option<At<bool>>,
    /// Its paragraphs are cut whatever their score and context.
    pub decisive: Option<At<bool>>,
    /// Its weight is dropped when a page would otherwise lose its prose.
    pub weak: Option<At<bool>>,
    /// HTML: words one of which the block or an ancestor must carry.
    pub within: Option<At<Vec<String>>>,
    /// HTML: what carries its `within` words is never the main container.
    pub never_main: Option<At<bool>>,
    /// HTML: a heading carrying its `within` words, first in its
    /// container, titles that container as such a box.
    pub titles: Option<At<bool>>,
    /// Examples, `true` for `fires`, `false` for `ignores`.
    pub examples: Option<Vec<At<(bool, String)>>>,
}

impl RuleSpec {
    /// Applies the keys that `patch` sets, keeping the others.
    pub fn merge(&mut self, patch: RuleSpec) {
        fn set<T>(slot: &mut Option<T>, value: Option<T>) {
            if value.is_some() {
                *slot = value;
            }
        }
        self.file = patch.file;
        self.line = patch.line;
        set(&mut self.describe, patch.describe);
        set(&mut self.weight, patch.weight);
        set(&mut self.kind, patch.kind);
        set(&mut self.phrases, patch.phrases);
        set(&mut self.regexes, patch.regexes);
        set(&mut self.when, patch.when);
        set(&mut self.requires, patch.requires);
        set(&mut self.unless, patch.unless);
        set(&mut self.barrier, patch.barrier);
        set(&mut self.firm, patch.firm);
        set(&mut self.decisive, patch.decisive);
        set(&mut self.weak, patch.weak);
        set(&mut self.within, patch.within);
        set(&mut self.never_main, patch.never_main);
        set(&mut self.titles, patch.titles);
        set(&mut self.examples, patch.examples);
    }

    /// Where a key that takes one value was given already; `None` for a new
    /// one, and for the keys whose lines add up.
    fn line_of(&self, key: &str) -> Option<usize> {
        match key {
            "describe" => self.describe.as_ref().map(|a| a.line),
            "weight" => self.weight.as_ref().map(|a| a.line),
            "kind" => self.kind.as_ref().map(|a| a.line),
            "when" => self.when.as_ref().map(|a| a.line),
            "requires" => self.requires.as_ref().map(|a| a.line),
            "unless" => self.unless.as_ref().map(|a| a.line),
            "barrier" => self.barrier.as_ref().map(|a| a.line),
            "firm" => self.firm.as_ref().map(|a| a.line),
            "decisive" => self.decisive.as_ref().map(|a| a.line),
            "weak" => self.weak.as_ref().map(|a| a.line),
            "within" => self.within.as_ref().map(|a| a.line),
            "never_main" => self.never_main.as_ref().map(|a| a.line),
            "titles" => self.titles.as_ref().map(|a| a.line),
            _ => None,
        }
    }

    /// A sub-rule (`__name`) only feeds `requires`/`unless` of other rules.
    pub fn is_sub_rule(&self) -> bool {
        self.name.starts_with("__")
    }
}

/// Parses a rule file. `file` names it in error messages.
pub(crate) fn parse(source: &str, file: &str) -> Result<Vec<RuleSpec>, Error> {
    let mut rules: Vec<RuleSpec> = Vec::new();
    for (i, raw) in source.lines().enumerate() {
        let line = i + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let (key, value) = match trimmed.split_once(char::is_whitespace) {
            Some((k, v)) => (k, v.trim()),
            None => (trimmed, ""),
        };
        let current = rules.last().map(|r| r.name.clone());
        let err = |kind| {
            let e = Error::new(kind).at(file, line);
            match &current {
                Some(name) if key != "rule" => e.in_rule(name),
                _ => e,
            }
        };
        if key == "rule" {
            if value.is_empty()
                || !value
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_')
            {
                return Err(err(ErrorKind::BadName(value.to_string())));
            }
            if let Some(first) = rules.iter().find(|r| r.name == value) {
                return Err(err(ErrorKind::DuplicateRule {
                    first_line: first.line,
                })
                .in_rule(value));
            }
            rules.push(RuleSpec {
                name: value.to_string(),
                file: file.to_string(),
                line,
                ..RuleSpec::default()
            });
            continue;
        }
        let Some(&key) = KEYS.iter().find(|&&k| k == key) else {
            return Err(err(ErrorKind::UnknownKey {
                key: key.to_string(),
                suggestion: closest(key, KEYS.iter().copied()),
            }));
        };
        let Some(rule) = rules.last_mut() else {
            return Err(err(ErrorKind::KeyOutsideRule(key.to_string())));
        };
        if let Some(first_line) = rule.line_of(key) {
            return Err(err(ErrorKind::DuplicateKey { key, first_line }));
        }
        set_key(rule, key, value, line).map_err(err)?;
    }
    Ok(rules)
}

/// Sets `key` of `rule` to `value`, read on line `line`.
fn set_key(
    rule: &mut RuleSpec,
    key: &'static str,
    value: &str,
    line: usize,
) -> Result<(), ErrorKind> {
    let at = |value: String| At { value, line };
    match key {
        "describe" => rule.describe = Some(at(value.to_string())),
        "weight" => {
            let w: f64 = value
                .parse()
                .ok()
                .filter(|w: &f64| w.is_finite())
                .ok_or_else(|| ErrorKind::BadWeight(value.to_string()))?;
            rule.weight = Some(At { value: w, line });
        }
        "phrases" => {
            let list = rule.phrases.get_or_insert_with(Vec::new);
            for p in value.split('|') {
                let p = p.trim();
                if p.is_empty() || p == "*" {
                    return Err(ErrorKind::EmptyPhrase);
                }
                list.push(at(p.to_string()));
            }
        }
        "regex" => rule
            .regexes
            .get_or_insert_with(Vec::new)
            .push(at(value.to_string())),
        "when" => rule.when = Some(at(value.to_string())),
        "kind" => {
            let word = !value.is_empty()
                && value
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if !word {
                return Err(ErrorKind::BadSetting(format!(
                    "kind is one word of a-z, 0-9 and _ (promo, boilerplate…), not {value:?}"
                )));
            }
            rule.kind = Some(at(value.to_string()));
        }
        "barrier" | "firm" | "decisive" | "weak" | "never_main" | "titles" => {
            let yes = match value {
                "yes" | "" => true,
                "no" => false,
                _ => {
                    return Err(ErrorKind::BadSetting(format!(
                        "{key} takes yes or no, not {value:?}"
                    )));
                }
            };
            let slot = match key {
                "barrier" => &mut rule.barrier,
                "firm" => &mut rule.firm,
                "decisive" => &mut rule.decisive,
                "never_main" => &mut rule.never_main,
                "titles" => &mut rule.titles,
                _ => &mut rule.weak,
            };
            *slot = Some(At { value: yes, line });
        }
        "within" => {
            let mut words = Vec::new();
            for w in value.split('|').map(str::trim) {
                let bare = w.strip_suffix('*').unwrap_or(w);
                if bare.is_empty()
                    || !bare
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                {
                    return Err(ErrorKind::BadSetting(format!(
                        "within takes tag or class words separated by |, not {w:?}"
                    )));
                }
                words.push(w.to_ascii_lowercase());
            }
            rule.within = Some(At { value: words, line });
        }
        "requires" | "unless" => {
            let names = value
                .split(',')
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty())
                .collect();
            let slot = if key == "requires" {
                &mut rule.requires
            } else {
                &mut rule.unless
            };
            *slot = Some(At { value: names, line });
        }
        _ => rule.examples.get_or_insert_with(Vec::new).push(At {
            value: (key == "fires", value.replace("\\n", "\n")),
            line,
        }),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_rule() {
        let src = "# comment\nrule a_b\n  describe  Two words\n  weight -2.5\n  phrases x | y*\n  phrases z\n  regex \\d+\n  when words < 3 and urls >= 1\n  requires __c, __d\n  fires x marks\n  ignores nothing\n";
        let rules = parse(src, "t.rules").unwrap();
        assert_eq!(rules.len(), 1);
        let r = &rules[0];
        assert_eq!(r.name, "a_b");
        assert_eq!(r.line, 2);
        assert_eq!(r.weight.as_ref().unwrap().value, -2.5);
        let phrases: Vec<_> = r
            .phrases
            .as_ref()
            .unwrap()
            .iter()
            .map(|p| p.value.as_str())
            .collect();
        assert_eq!(phrases, ["x", "y*", "z"]);
        assert_eq!(r.requires.as_ref().unwrap().value, ["__c", "__d"]);
        assert_eq!(r.examples.as_ref().unwrap().len(), 2);
        assert_eq!(r.when.as_ref().unwrap().line, 8);
    }

    #[test]
    fn errors_carry_file_line_and_rule() {
        let cases: &[(&str, usize, Option<&str>, &str)] = &[
            ("rule r\n  wieght 3\n", 2, Some("r"), "unknown key"),
            ("describe x\n", 1, None, "outside of a rule"),
            ("rule r\n  weight heavy\n", 2, Some("r"), "bad weight"),
            ("rule r\n  weight inf\n", 2, Some("r"), "bad weight"),
            ("rule bad-name\n", 1, None, "bad rule name"),
            ("rule r\n describe a\nrule r\n", 3, Some("r"), "duplicate"),
            ("rule r\n phrases a || b\n", 2, Some("r"), "empty phrase"),
            ("rule r\n within nav | a.b\n", 2, Some("r"), "within takes"),
            ("rule r\n barrier maybe\n", 2, Some("r"), "barrier takes"),
        ];
        for &(src, line, rule, msg) in cases {
            let e = parse(src, "f.rules").unwrap_err();
            assert_eq!(e.line(), Some(line), "{src:?}");
            assert_eq!(e.rule(), rule, "{src:?}");
            assert_eq!(e.file(), Some("f.rules"));
            assert!(e.to_string().contains(msg), "{src:?}: {e}");
        }
    }

    #[test]
    fn merge_overrides_only_given_keys() {
        let mut base = parse("rule r\n describe d\n weight -3\n phrases a\n", "b").unwrap();
        let patch = parse("rule r\n weight 0\n", "u").unwrap();
        base[0].merge(patch.into_iter().next().unwrap());
        assert_eq!(base[0].weight.as_ref().unwrap().value, 0.0);
        assert_eq!(base[0].phrases.as_ref().unwrap().len(), 1);
        assert_eq!(base[0].file, "u");
    }
}
