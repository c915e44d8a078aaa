//! Datasets of the snippets kind (trafilatura's benchmark): per page,
//! segments that must appear in the output (`with`) and segments that must
//! not (`without`), scored as trafilatura scores itself.

use std::path::Path;

use crate::Failure;
use crate::metric::harmonic;

/// A page's snippets.
#[derive(Debug, Default)]
pub struct Snippets {
    /// Must appear in the output (article text).
    pub with: Vec<String>,
    /// Must not appear (boilerplate).
    pub without: Vec<String>,
}

/// Snippet counts over pages: a `with` snippet found is a true positive,
/// missed a false negative; a `without` snippet found is a false positive,
/// absent a true negative.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Counts {
    pub tp: u32,
    pub fn_: u32,
    pub fp: u32,
    pub tn: u32,
}

impl Counts {
    pub fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fn_ += o.fn_;
        self.fp += o.fp;
        self.tn += o.tn;
    }

    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn f1(&self) -> f64 {
        harmonic(self.precision(), self.recall())
    }
}

/// `a / b`, and 1 when there is nothing to count (no snippet of that kind
/// was found or expected: nothing went wrong).
fn ratio(a: u32, b: u32) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

impl Snippets {
    /// Reads `snippets/<id>.json` of a dataset.
    pub fn load(dataset: &Path, id: &str) -> Result<Snippets, Failure> {
        let path = dataset.join("snippets").join(format!("{id}.json"));
        let text = std::fs::read_to_string(&path)
            .map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))?;
        let v: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| Failure(format!("{}: {e}", path.display())))?;
        let list = |key: &str| -> Vec<String> {
            v[key]
                .as_array()
                .map(|a| a.iter().filter_map(|s| s.as_str()).map(normalize).collect())
                .unwrap_or_default()
        };
        Ok(Snippets {
            with: list("with"),
            without: list("without"),
        })
    }

    /// The counts of one output.
    pub fn score(&self, output: &str) -> Counts {
        let output = normalize(output);
        let found = |s: &String| output.contains(s.as_str());
        let with = self.with.iter().filter(|s| found(s)).count() as u32;
        let without = self.without.iter().filter(|s| found(s)).count() as u32;
        Counts {
            tp: with,
            fn_: self.with.len() as u32 - with,
            fp: without,
            tn: self.without.len() as u32 - without,
        }
    }

    /// Whether a paragraph holds article text by the snippets: a `with`
    /// snippet.
    pub fn holds_article(&self, paragraph: &str) -> bool {
        let p = normalize(paragraph);
        self.with.iter().any(|s| p.contains(s.as_str()))
    }

    /// The `with` snippets, one per line: the article text the page's truth
    /// holds.
    pub fn article_text(&self) -> String {
        self.with.join("\n")
    }
}

/// Whitespace runs as one space, trimmed, as the metric compares.
pub fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snippets(with: &[&str], without: &[&str]) -> Snippets {
        Snippets {
            with: with.iter().map(|s| normalize(s)).collect(),
            without: without.iter().map(|s| normalize(s)).collect(),
        }
    }

    #[test]
    fn found_snippets_count_as_trafilatura_counts_them() {
        let s = snippets(
            &["the  article\nbody", "a second line", "Missing"],
            &["Subscribe now", "Cookie"],
        );
        let c =
            s.score("Intro: the article\n\n body goes on.\nSubscribe   now!\nAnd a second line.");
        // Two `with` found across whitespace, one missed; one `without` found.
        assert_eq!(
            c,
            Counts {
                tp: 2,
                fn_: 1,
                fp: 1,
                tn: 1
            }
        );
        assert!((c.precision() - 2.0 / 3.0).abs() < 1e-9);
        assert!((c.recall() - 2.0 / 3.0).abs() < 1e-9);
        let mut total = Counts::default();
        total.add(c);
        total.add(s.score(""));
        assert_eq!(
            total,
            Counts {
                tp: 2,
                fn_: 4,
                fp: 1,
                tn: 3
            }
        );
    }

    #[test]
    fn case_matters_and_whitespace_does_not() {
        let s = snippets(&["Rund 75 Minuten"], &[]);
        assert_eq!(s.score("rund 75 minuten").tp, 0);
        assert_eq!(s.score("Rund\n75   Minuten lang").tp, 1);
        assert!(s.holds_article("… Rund 75\nMinuten …"));
        assert!(!s.holds_article("nothing"));
    }
}
