//! The rules' regexes, compiled on first use. A page runs few of them (the
//! phrase index lets a regex run only where its trigger literals occur),
//! and compiling all ~100 built-in ones (case-insensitive Unicode
//! alternations) at start-up took 390M of the 540M instructions a start
//! cost: a one-page run of the binary took 60 ms, now 20 ms.
//! Their syntax is checked when the rules are compiled; a user's rule file
//! has its regexes compiled at once, so that one over the size limit is
//! reported where it is written.

use std::sync::{Arc, OnceLock};

use regex::{Regex, RegexBuilder};

/// Compiled regexes and automata are bounded so a user file cannot exhaust memory.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// Compiles a prepared rule regex (see `prepare_regex`).
pub(super) fn compile_regex(prepared: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(prepared)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
}

/// One regex of the rule set: its prepared source, and the program once a
/// paragraph first needs it (`None` if it does not compile: the test suite
/// compiles every built-in regex, and a user's file has its regexes
/// compiled when the rules are built).
#[derive(Debug)]
struct Shared {
    prepared: Box<str>,
    compiled: OnceLock<Option<Regex>>,
}

/// The rule set's regexes, by regex index. Clones share the compiled
/// programs, and each clone holds regex clones of its own, with their own
/// caches: threads that each own one never wait on one another's caches
/// (only once, on a regex another thread is compiling first).
#[derive(Debug)]
pub(crate) struct Regexes {
    shared: Arc<[Shared]>,
    own: Box<[OnceLock<Option<Regex>>]>,
}

impl Clone for Regexes {
    fn clone(&self) -> Regexes {
        Regexes {
            shared: Arc::clone(&self.shared),
            own: fresh(self.shared.len()),
        }
    }
}

fn fresh(n: usize) -> Box<[OnceLock<Option<Regex>>]> {
    (0..n).map(|_| OnceLock::new()).collect()
}

impl Regexes {
    /// The regexes of `prepared` sources, with those already compiled
    /// (`Some`) filed as such.
    pub(super) fn new(prepared: Vec<(String, Option<Regex>)>) -> Regexes {
        let shared: Arc<[Shared]> = prepared
            .into_iter()
            .map(|(source, compiled)| Shared {
                prepared: source.into(),
                compiled: match compiled {
                    Some(regex) => OnceLock::from(Some(regex)),
                    None => OnceLock::new(),
                },
            })
            .collect();
        let own = fresh(shared.len());
        Regexes { shared, own }
    }

    /// How many regexes the rule set has.
    pub(crate) fn len(&self) -> usize {
        self.shared.len()
    }

    /// Regex `ri`, compiled now if no paragraph needed it before; `None`
    /// for an index out of range or a regex that does not compile.
    #[inline]
    pub(crate) fn get(&self, ri: usize) -> Option<&Regex> {
        self.own
            .get(ri)?
            .get_or_init(|| {
                let shared = &self.shared[ri];
                shared
                    .compiled
                    .get_or_init(|| compile_regex(&shared.prepared).ok())
                    .clone()
            })
            .as_ref()
    }

    /// Every regex, compiled (`None` where one does not compile).
    #[cfg(test)]
    pub(crate) fn iter(&self) -> impl Iterator<Item = Option<&Regex>> {
        (0..self.len()).map(|ri| self.get(ri))
    }
}

#[cfg(test)]
mod tests {
    use super::super::compile::tests::compile_with;

    #[test]
    fn regexes_compile_when_first_needed_and_clones_share_them() {
        let src = "rule r\n describe d\n weight -1\n regex ab+c\n";
        let set = compile_with(src, false).unwrap();
        let original = set.regexes();
        assert_eq!(original.len(), 1);
        assert!(
            original.shared[0].compiled.get().is_none(),
            "compiled at build"
        );
        let clone = original.clone();
        assert!(std::sync::Arc::ptr_eq(&original.shared, &clone.shared));
        assert!(clone.get(0).is_some_and(|r| r.is_match("xABBC")));
        // The clone compiled the shared program and holds its own regex.
        assert!(original.shared[0].compiled.get().is_some());
        assert!(original.own[0].get().is_none());
        let (a, b) = (original.get(0).unwrap(), clone.get(0).unwrap());
        assert!(!std::ptr::eq(a, b));
        assert!(clone.get(1).is_none());
        // Compiled at build (a user's file), the program is there at once.
        let eager = compile_with(src, true).unwrap();
        assert!(eager.regexes().shared[0].compiled.get().is_some());
    }

    #[test]
    fn a_regex_over_the_size_limit_is_an_error_at_its_line_in_a_users_file() {
        let huge = "rule r\n describe d\n weight -1\n regex \\w{1000}\\w{1000}\n";
        let e = compile_with(huge, true).unwrap_err();
        assert!(e.to_string().contains("bad regex"), "{e}");
        assert_eq!(e.line(), Some(4));
        // Compiled on first use (the built-in file), it matches nothing.
        let lazy = compile_with(huge, false).unwrap();
        assert!(lazy.regexes().get(0).is_none());
    }
}
