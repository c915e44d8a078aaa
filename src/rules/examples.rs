//! The `fires` and `ignores` examples of rules: each is stripped as a
//! document of its own and the rule must fire on it, or not.

use super::{Hit, RuleSet};
use crate::error::{Error, ErrorKind};
use crate::measure::{Stoplists, measure_document};

impl RuleSet {
    /// Whether rule `rule` fires on any paragraph of `text` (an example may
    /// hold several paragraphs, written with `\n` in the rule file; an
    /// example starting with `<` is HTML).
    pub(crate) fn fires_on(&self, rule: usize, text: &str, stoplists: &Stoplists) -> bool {
        let (text, ranges, page) = if text.starts_with('<') {
            let page = crate::html::parse(text.as_bytes(), &self.dom_words);
            (page.text.clone(), page.blocks.clone(), Some(page))
        } else {
            let (_, ranges) = crate::text::segment(text);
            (text.to_string(), ranges, None)
        };
        let dom = page.as_ref().map(|p| p.dom.as_slice());
        let (_, mut features, spots) =
            measure_document(&text, &ranges, dom, stoplists, self.lookout());
        if let Some(page) = &page {
            page.resolve_features(&mut features, self.barrier_marks());
        }
        self.run::<Vec<Hit>>(&self.regexes, &text, &ranges, &features, &spots, true, true)
            .iter()
            .flatten()
            .any(|h| h.rule == rule)
    }

    /// Checks the `fires`/`ignores` examples of rule `rule`.
    pub(crate) fn check_examples(&self, rule: usize, stoplists: &Stoplists) -> Result<(), Error> {
        let r = &self.rules[rule];
        for ex in &r.examples {
            if self.fires_on(rule, &ex.text, stoplists) != ex.fires {
                let expectation = if ex.fires {
                    "should fire but does not"
                } else {
                    "should not fire but does"
                };
                return Err(Error::new(ErrorKind::Example {
                    expectation,
                    example: ex.text.clone(),
                })
                .at(&r.file, ex.line)
                .in_rule(&r.name));
            }
        }
        Ok(())
    }

    /// Checks every example of every rule; returns all failures.
    #[cfg(test)]
    pub(crate) fn check_all_examples(&self, stoplists: &Stoplists) -> Vec<Error> {
        (0..self.rules.len())
            .filter_map(|i| self.check_examples(i, stoplists).err())
            .collect()
    }

    /// Number of `fires` and `ignores` examples of rule `rule`.
    #[cfg(test)]
    pub(crate) fn example_counts(&self, rule: usize) -> (usize, usize) {
        let ex = &self.rules[rule].examples;
        let fires = ex.iter().filter(|e| e.fires).count();
        (fires, ex.len() - fires)
    }
}

#[cfg(test)]
impl RuleSet {
    /// The regexes that match a paragraph of `text` although their trigger
    /// sets are not met there (they would wrongly not run), as
    /// (regex, paragraph).
    pub(super) fn untriggered_matches(&self, text: &str) -> Vec<(String, String)> {
        let (_, ranges) = crate::text::segment(text);
        let (_, features, spots) =
            measure_document(text, &ranges, None, Stoplists::builtin(), self.lookout());
        let mut out = Vec::new();
        for (p, range) in ranges.iter().enumerate() {
            let para = &text[range.clone()];
            let mut seen = vec![0u8; self.regexes.len()];
            self.phrases.find(para, spots.of(p), |pattern, _, _| {
                for &(ri, bit) in &self.triggers[pattern] {
                    seen[ri] |= 1 << bit;
                }
            });
            if features[p].digits > 0 {
                for &(ri, bits) in &self.digit_sets {
                    seen[ri] |= bits;
                }
            }
            for (ri, regex) in self.regexes.iter().enumerate() {
                if !self.may_match(ri, seen[ri], &features[p]) && regex.is_match(para) {
                    out.push((regex.as_str().to_string(), para.to_string()));
                }
            }
        }
        out
    }
}
