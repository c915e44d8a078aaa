//! The quality metric of the article-extraction benchmark (AEB), so that
//! results here compare with published ones, plus token-level micro scores.
//!
//! AEB: tokens are `\w+` runs (case kept); each text is a multiset of 4-token
//! shingles (a text of fewer than 4 tokens is one shingle, an empty text
//! none); per document the matched, extra and missed shingles are normalised
//! to sum to 1; precision is their mean over documents with output shingles,
//! recall over documents with gold shingles, F1 the harmonic mean of the two.
//!
//! ```text
//! use dechaff::eval::{Scores, shingle_match};
//! let mut scores = Scores::default();
//! scores.add("the cat sat on the mat", "the cat sat on the mat");
//! assert_eq!(scores.f1(), 1.0);
//! assert_eq!(shingle_match("a b c d e", "").recall(), 0.0);
//! ```text

use std::hash::Hash;

use rustc_hash::{FxHashMap, FxHashSet};

/// The `\w+` tokens of `text`: runs of letters, digits and `_`.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() || c == '_' {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(&text[s..i]);
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// Matched, extra and missed shingles of one document, normalised to sum to 1
/// (all zero when both texts are empty).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Match {
    /// Shingles in both.
    pub tp: f64,
    /// Shingles in the output only.
    pub fp: f64,
    /// Shingles in the gold only.
    pub fn_: f64,
}

impl Match {
    /// Precision as AEB defines it (1 when nothing is extra or missing).
    pub fn precision(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && self.fp == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fp)
        }
    }

    /// Recall as AEB defines it (1 when nothing is extra or missing).
    pub fn recall(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && self.fn_ == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fn_)
        }
    }

    /// F1 of this one document.
    pub fn f1(&self) -> f64 {
        harmonic(self.precision(), self.recall())
    }
}

/// The harmonic mean of a precision and a recall (0 when both are).
pub fn harmonic(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// The multiset of `n`-token runs of `toks`.
pub fn run_counts<'t>(toks: &'t [&'t str], n: usize) -> FxHashMap<&'t [&'t str], u32> {
    counts(toks.windows(n))
}

fn counts<K: Hash + Eq>(items: impl Iterator<Item = K>) -> FxHashMap<K, u32> {
    let mut m = FxHashMap::default();
    for k in items {
        *m.entry(k).or_insert(0) += 1;
    }
    m
}

/// Multiset overlap of two count maps: (in both, only in `out`, only in `gold`).
fn overlap<K: Hash + Eq>(gold: &FxHashMap<K, u32>, out: &FxHashMap<K, u32>) -> (u64, u64, u64) {
    let mut tp = 0u64;
    for (k, &o) in out {
        tp += o.min(gold.get(k).copied().unwrap_or(0)) as u64;
    }
    let out_total: u64 = out.values().map(|&v| v as u64).sum();
    let gold_total: u64 = gold.values().map(|&v| v as u64).sum();
    (tp, out_total - tp, gold_total - tp)
}

fn shingles<'t>(toks: &'t [&'t str]) -> impl Iterator<Item = &'t [&'t str]> {
    let n = 4;
    let windows = if toks.is_empty() {
        0
    } else {
        toks.len().saturating_sub(n - 1).max(1)
    };
    (0..windows).map(move |i| &toks[i..(i + n).min(toks.len())])
}

/// Compares an output with the gold text of one document.
pub fn shingle_match(gold: &str, output: &str) -> Match {
    let g = tokens(gold);
    let o = tokens(output);
    let (tp, fp, fn_) = overlap(&counts(shingles(&g)), &counts(shingles(&o)));
    let sum = (tp + fp + fn_) as f64;
    if sum == 0.0 {
        return Match::default();
    }
    Match {
        tp: tp as f64 / sum,
        fp: fp as f64 / sum,
        fn_: fn_ as f64 / sum,
    }
}

/// The share of a paragraph that is in the gold text: of its 4-token
/// shingles, how many occur in the gold; a paragraph of fewer than 4 tokens
/// counts as in the gold (1.0) when its tokens occur there in a row.
/// `gold` is prepared once per document with [`GoldIndex::new`].
pub fn gold_share(gold: &GoldIndex<'_>, paragraph: &str) -> f64 {
    let toks = tokens(paragraph);
    if toks.is_empty() {
        return 0.0;
    }
    if toks.len() < 4 {
        let n = toks.len();
        let found = gold.tokens.windows(n).any(|w| w == &toks[..]);
        return if found { 1.0 } else { 0.0 };
    }
    let all = toks.len() - 3;
    let found = toks
        .windows(4)
        .filter(|w| gold.shingles.contains(*w))
        .count();
    found as f64 / all as f64
}

/// The gold text of a document, tokenised once for [`gold_share`].
#[derive(Debug)]
pub struct GoldIndex<'g> {
    tokens: Vec<&'g str>,
    shingles: FxHashSet<Vec<&'g str>>,
}

impl<'g> GoldIndex<'g> {
    /// Indexes `gold`.
    pub fn new(gold: &'g str) -> GoldIndex<'g> {
        let tokens = tokens(gold);
        let shingles = tokens.windows(4).map(<[&str]>::to_vec).collect();
        GoldIndex { tokens, shingles }
    }
}

/// Scores over a set of documents: AEB (macro over documents, shingles) and
/// token-level micro scores (lowercased tokens, summed over documents).
#[derive(Clone, Debug, Default)]
pub struct Scores {
    precisions: Vec<f64>,
    recalls: Vec<f64>,
    token_tp: u64,
    token_out: u64,
    token_gold: u64,
}

impl Scores {
    /// Adds one document and returns its shingle match.
    pub fn add(&mut self, gold: &str, output: &str) -> Match {
        let m = shingle_match(gold, output);
        if m.tp + m.fp > 0.0 {
            self.precisions.push(m.precision());
        }
        if m.tp + m.fn_ > 0.0 {
            self.recalls.push(m.recall());
        }
        let lower =
            |t: &str| -> Vec<String> { tokens(t).iter().map(|w| w.to_lowercase()).collect() };
        let (g, o) = (lower(gold), lower(output));
        let (tp, fp, fn_) = overlap(&counts(g.iter()), &counts(o.iter()));
        self.token_tp += tp;
        self.token_out += tp + fp;
        self.token_gold += tp + fn_;
        m
    }

    /// AEB precision: mean over documents with output shingles.
    pub fn precision(&self) -> f64 {
        mean(&self.precisions)
    }

    /// AEB recall: mean over documents with gold shingles.
    pub fn recall(&self) -> f64 {
        mean(&self.recalls)
    }

    /// AEB F1: harmonic mean of [`precision`](Self::precision) and [`recall`](Self::recall).
    pub fn f1(&self) -> f64 {
        harmonic(self.precision(), self.recall())
    }

    /// Token-level micro precision, recall and F1.
    pub fn tokens_micro(&self) -> (f64, f64, f64) {
        let p = ratio(self.token_tp, self.token_out);
        let r = ratio(self.token_tp, self.token_gold);
        (p, r, harmonic(p, r))
    }
}

fn mean(v: &[f64]) -> f64 {
    if v.is_empty() {
        0.0
    } else {
        v.iter().sum::<f64>() / v.len() as f64
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn tokens_are_word_runs_with_case() {
        assert_eq!(
            tokens("Hello, wörld_1! 東京 x"),
            ["Hello", "wörld_1", "東京", "x"]
        );
        assert!(tokens(" ,. ").is_empty());
    }

    #[test]
    fn identical_texts() {
        let m = shingle_match("a b c d e", "a b c d e");
        assert_eq!((m.tp, m.fp, m.fn_), (1.0, 0.0, 0.0));
        assert_eq!(m.precision(), 1.0);
    }

    #[test]
    fn empty_output_counts_for_recall_only() {
        let m = shingle_match("a b c d e", "");
        assert_eq!((m.tp, m.fp, m.fn_), (0.0, 0.0, 1.0));
        let mut s = Scores::default();
        s.add("a b c d e", "");
        assert_eq!(s.recall(), 0.0);
        assert_eq!(
            s.precisions.len(),
            0,
            "no output shingles: no precision term"
        );
    }

    #[test]
    fn empty_gold_counts_for_precision_only() {
        let mut s = Scores::default();
        let m = s.add("", "a b c");
        assert_eq!((m.tp, m.fp, m.fn_), (0.0, 1.0, 0.0));
        assert_eq!(s.precision(), 0.0);
        assert!(s.recalls.is_empty());
        // Both empty: nothing counts.
        let m = s.add("", "");
        assert_eq!(m, Match::default());
        assert_eq!(s.precisions.len(), 1);
    }

    #[test]
    fn disjoint_texts() {
        let m = shingle_match("a b c d", "w x y z");
        assert_eq!((m.tp, m.fp, m.fn_), (0.0, 0.5, 0.5));
        assert_eq!(m.precision(), 0.0);
        assert_eq!(m.recall(), 0.0);
    }

    #[test]
    fn partial_overlap_by_hand() {
        // gold shingles: abcd bcde cdef (3); output: abcd bcde cdex (3).
        // tp=2, fp=1, fn=1 → normalised 0.5, 0.25, 0.25; P = R = 2/3.
        let m = shingle_match("a b c d e f", "a b c d e x");
        assert!(close(m.tp, 0.5) && close(m.fp, 0.25) && close(m.fn_, 0.25));
        assert!(close(m.precision(), 2.0 / 3.0));
        // Short texts are one shingle: "a b" vs "a b" match whole.
        assert_eq!(shingle_match("a b", "a, b!").tp, 1.0);
        // Repeated shingles are a multiset: abcd twice in the output, once in the gold.
        let m = shingle_match("a b c d", "a b c d a b c d");
        assert!(close(m.tp, 1.0 / 5.0) && close(m.fp, 4.0 / 5.0) && m.fn_ == 0.0);
    }

    #[test]
    fn gold_share_of_paragraphs() {
        let gold = GoldIndex::new("the cat sat on the mat and slept");
        assert_eq!(gold_share(&gold, "The cat sat on"), 0.0); // case kept
        assert_eq!(gold_share(&gold, "the cat sat on the mat"), 1.0);
        assert_eq!(gold_share(&gold, "on the mat and woke up"), 1.0 / 3.0);
        assert_eq!(gold_share(&gold, "and slept"), 1.0);
        assert_eq!(gold_share(&gold, "slept and"), 0.0);
        assert_eq!(gold_share(&gold, "!!"), 0.0);
    }

    #[test]
    fn macro_averages_and_token_micro() {
        let mut s = Scores::default();
        s.add("a b c d e f", "a b c d e f"); // P=R=1
        s.add("a b c d e f", "a b c d e x"); // P=R=2/3
        assert!(close(s.precision(), (1.0 + 2.0 / 3.0) / 2.0));
        assert!(close(s.f1(), (1.0 + 2.0 / 3.0) / 2.0));
        let (p, r, _) = s.tokens_micro();
        assert!(close(p, 11.0 / 12.0) && close(r, 11.0 / 12.0));
        // Token micro is case-insensitive.
        let mut s = Scores::default();
        s.add("The Cat", "the cat");
        assert_eq!(s.tokens_micro().2, 1.0);
    }
}
