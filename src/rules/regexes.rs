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
/// paragraph first needs it (`None` if it does not compile, which the rule
/// set's checks rule out for the built-in rules and for users' files).
#[derive(Debug)]
struct Shared {
    prepared: Box<str>,
    compiled: OnceLock<Option<Regex>>,
}

/// The rule set's regexes, by regex index. Clones share the compiled
/// programs, and each clone holds regex clones of its own, with their own
/// caches: threads that each own one never wait on one another's caches.
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
