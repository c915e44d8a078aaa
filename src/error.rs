//! The one error type: building a [`Stripper`](crate::Stripper) is the only
//! thing that can fail (stripping text never does).

use std::fmt;
use std::path::PathBuf;

/// Why building a [`Stripper`](crate::Stripper) failed: where (file, line,
/// rule) and what.
///
/// `Display` gives a one-line message such as
/// `my.rules:12: rule promo_coupon: unknown key "wieght"`.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    kind: ErrorKind,
    file: Option<String>,
    line: Option<usize>,
    rule: Option<String>,
}

/// What went wrong.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The rule file could not be read.
    #[error("cannot read rule file {path}: {message}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's message.
        message: String,
    },
    /// A line that is neither a comment, a `rule NAME` header nor a known key.
    #[error("unknown key {key:?}{}", did_you_mean(*.suggestion))]
    UnknownKey {
        /// The key as written.
        key: String,
        /// The known key closest to it, if one is close.
        suggestion: Option<&'static str>,
    },
    /// A key that takes one value given twice in one rule (`phrases`,
    /// `regex`, `fires` and `ignores` lines add up instead).
    #[error("`{key}` given twice in one rule (first on line {first_line})")]
    DuplicateKey {
        /// The key.
        key: &'static str,
        /// Where it was first given.
        first_line: usize,
    },
    /// A rule in a user file that names no existing rule and is not a whole
    /// new rule (it has no `describe`): an override of a rule that is not
    /// there.
    #[error("no rule named {name:?} to override{}; a new rule needs `describe` and `weight`", did_you_mean(.suggestion.as_deref()))]
    NoSuchRule {
        /// The name as written.
        name: String,
        /// The existing rule name closest to it, if one is close.
        suggestion: Option<String>,
    },
    /// A key outside of a `rule NAME` block.
    #[error("{0:?} outside of a rule (start one with `rule NAME`)")]
    KeyOutsideRule(String),
    /// A rule name with characters other than ASCII letters, digits and `_`.
    #[error("bad rule name {0:?} (use ASCII letters, digits and _)")]
    BadName(String),
    /// Two rules with the same name in one file.
    #[error("duplicate rule name (first defined on line {first_line})")]
    DuplicateRule {
        /// Where the first definition is.
        first_line: usize,
    },
    /// A weight that is not a finite number.
    #[error("bad weight {0:?} (a number such as -4 or 2.5)")]
    BadWeight(String),
    /// A scoring rule without a weight, or a rule without a description.
    #[error("missing `{0}`")]
    Missing(&'static str),
    /// A rule that matches nothing: no phrases, regex, condition or requirement.
    #[error("rule has nothing to match (give phrases, regex, when or requires)")]
    NothingToMatch,
    /// A regex that does not compile, or that matches the empty string.
    #[error("bad regex: {0}")]
    BadRegex(String),
    /// An empty phrase.
    #[error("empty phrase in list")]
    EmptyPhrase,
    /// A `when` condition that does not parse.
    #[error("bad condition {0:?}: {1}")]
    BadCondition(String, String),
    /// `requires` or `unless` names a rule that does not exist.
    #[error("unknown rule {name:?} in requires/unless{}", did_you_mean(.suggestion.as_deref()))]
    UnknownRule {
        /// The name as written.
        name: String,
        /// The existing rule name closest to it, if one is close.
        suggestion: Option<String>,
    },
    /// Rules that require each other in a cycle.
    #[error("rules require each other in a cycle")]
    Cycle,
    /// A `fires` example on which the rule does not fire, or an `ignores` example on which it does.
    #[error("example {expectation}: {example:?}")]
    Example {
        /// "should fire but does not" or "should not fire but does".
        expectation: &'static str,
        /// The example text.
        example: String,
    },
    /// A threshold or preset that makes no sense.
    #[error("bad setting: {0}")]
    BadSetting(String),
    /// A document with more paragraphs (or HTML blocks) than the stripper's
    /// maximum: each costs a few hundred bytes of memory while it is decided.
    #[error("document of {count} paragraphs is over the limit of {limit}")]
    TooManyParagraphs {
        /// The document's paragraphs.
        count: usize,
        /// The configured maximum.
        limit: usize,
    },
    /// A document larger than the stripper's maximum size.
    #[error("document of {size} bytes is over the limit of {limit} bytes")]
    TooLarge {
        /// The document's size in bytes.
        size: usize,
        /// The configured maximum.
        limit: usize,
    },
}

/// ` (did you mean "x"?)` for a suggestion, nothing without one.
fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion.map_or_else(String::new, |s| format!(" (did you mean {s:?}?)"))
}

/// The candidate closest to `word` by edit distance, if it is close: at
/// most a third of the word's length away (a typo, not another word).
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .map(|c| (edit_distance(word, c), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Levenshtein distance in chars, ASCII case ignored.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().map(|c| c.to_ascii_lowercase()).collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().map(|c| c.to_ascii_lowercase()).enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (diagonal + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Error {
        Error {
            kind,
            file: None,
            line: None,
            rule: None,
        }
    }

    pub(crate) fn at(mut self, file: &str, line: usize) -> Error {
        self.file = Some(file.to_string());
        self.line = Some(line);
        self
    }

    pub(crate) fn in_rule(mut self, rule: &str) -> Error {
        self.rule = Some(rule.to_string());
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The rule file (its path, or the name given to rules passed as a string).
    pub fn file(&self) -> Option<&str> {
        self.file.as_deref()
    }

    /// The 1-based line in the rule file.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// The rule concerned.
    pub fn rule(&self) -> Option<&str> {
        self.rule.as_deref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.line) {
            (Some(file), Some(line)) => write!(f, "{file}:{line}: ")?,
            (Some(file), None) => write!(f, "{file}: ")?,
            _ => {}
        }
        if let Some(rule) = &self.rule {
            write!(f, "rule {rule}: ")?;
        }
        write!(f, "{}", self.kind)
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_close_words_only() {
        let keys = ["describe", "weight", "phrases", "regex", "fires", "ignores"];
        assert_eq!(closest("wieght", keys.into_iter()), Some("weight"));
        assert_eq!(closest("phrase", keys.into_iter()), Some("phrases"));
        assert_eq!(closest("Regexp", keys.into_iter()), Some("regex"));
        assert_eq!(closest("colour", keys.into_iter()), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn message_names_file_line_and_rule() {
        let e = Error::new(ErrorKind::UnknownKey {
            key: "wieght".into(),
            suggestion: Some("weight"),
        })
        .at("my.rules", 12)
        .in_rule("promo_coupon");
        assert_eq!(
            e.to_string(),
            "my.rules:12: rule promo_coupon: unknown key \"wieght\" (did you mean \"weight\"?)"
        );
        assert_eq!(e.line(), Some(12));
    }
}
