//! The `fires` and `ignores` examples of rules: each is stripped as a
//! document of its own, through the same measuring as every document, and
//! the rule must fire on it, or not.

use super::Stripper;
use crate::error::{Error, ErrorKind};
use crate::rules::Hit;

impl Stripper {
    /// Whether rule `rule` fires on any paragraph of `example` (an example
    /// may hold several paragraphs, written with `\n` in the rule file; an
    /// example starting with `<` is HTML).
    fn fires_on(&self, rule: usize, example: &str) -> bool {
        let (text, ranges, page) = if example.starts_with('<') {
            let page = self.parse_html(example.as_bytes());
            (page.text.clone(), page.blocks.clone(), Some(page))
        } else {
            let (_, ranges) = crate::text::segment(example);
            (example.to_string(), ranges, None)
        };
        // The examples describe the rules as shipped: they are measured
        // with the built-in promo model, which a model trained on other
        // data (`promo_model_file`) cannot make fail.
        let model = &crate::measure::promo_model::MODEL;
        let (_, features, spots) = self.measure_with(&text, &ranges, page.as_ref(), model, true);
        let rules = &self.compiled.rules;
        rules
            .run::<Vec<Hit>>(
                &self.regexes,
                &text,
                &ranges,
                &features,
                &spots,
                true,
                false,
            )
            .iter()
            .flatten()
            .any(|h| h.rule == rule)
    }

    /// Checks the `fires`/`ignores` examples of rule `rule`.
    pub(crate) fn check_examples(&self, rule: usize) -> Result<(), Error> {
        let r = &self.rules()[rule];
        for ex in &r.examples {
            if self.fires_on(rule, &ex.text) != ex.fires {
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
    pub(crate) fn check_all_examples(&self) -> Vec<Error> {
        (0..self.rules().len())
            .filter_map(|i| self.check_examples(i).err())
            .collect()
    }

    /// Whether the rule named `name` fires on `example`.
    #[cfg(test)]
    pub(crate) fn fires(&self, name: &str, example: &str) -> bool {
        let i = self.rules().iter().position(|r| r.name == name);
        self.fires_on(i.expect("a rule of this name"), example)
    }
}
