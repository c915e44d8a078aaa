//! The learned promo scorer: a logistic regression over the hashed word
//! unigrams and bigrams of a paragraph (a CJK character is a word, so in
//! Chinese and Japanese these are character uni- and bigrams), as the char
//! pass reads them. It recognises promotional wording that no rule lists;
//! rules read it as the feature `promo_model`, so the rule file still
//! decides and users can reweigh it.
//!
//! The weights (`promo.model`) are trained by `dechaff train-promo` from
//! the committed promo set against the article paragraphs of the
//! development pages; the file is compiled into the crate.

use std::sync::LazyLock;

use super::words::low_bytes;
use crate::swar::{HIGH, bytes_in, load8, pack};

/// The hashed grams fall into `1 << BUCKET_BITS` weights.
pub const BUCKET_BITS: u32 = 18;

/// The file's first bytes, and its version.
const MAGIC: &[u8; 8] = b"DCPROMO3";

static MODEL_BYTES: &[u8] = include_bytes!("promo.model");

/// The compiled-in model.
pub(crate) static MODEL: LazyLock<Model> =
    LazyLock::new(|| Model::from_bytes(MODEL_BYTES).unwrap_or_else(Model::empty));

/// The number of buckets.
const BUCKETS: usize = 1 << BUCKET_BITS;

/// A bias and one weight per bucket, each weight a byte times `scale`: a
/// table of 256 KiB stays in the core's L2 cache, where one of floats (a
/// few random loads per word) cost a third of the text scan's speed. Fewer
/// buckets were cheaper still, but their collisions gave common words
/// (Russian `и`) the weight of promotional ones.
#[derive(Debug)]
pub(crate) struct Model {
    bias: f32,
    scale: f32,
    weights: Box<[i8; BUCKETS]>,
}

impl Model {
    /// A model that scores nothing (every paragraph gets the same low score).
    fn empty() -> Model {
        Model {
            bias: -10.0,
            scale: 0.0,
            weights: Box::new([0; BUCKETS]),
        }
    }

    /// Reads `MAGIC`, the bias and the scale (little-endian `f32`), then a
    /// byte per bucket.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let float = |at: usize| Some(f32::from_le_bytes(rest.get(at..at + 4)?.try_into().ok()?));
        let (bias, scale) = (float(0)?, float(4)?);
        let bytes = rest.get(8..)?;
        if bytes.len() != BUCKETS || !bias.is_finite() || !scale.is_finite() {
            return None;
        }
        let mut weights = Box::new([0i8; BUCKETS]);
        for (w, &b) in weights.iter_mut().zip(bytes) {
            *w = b as i8;
        }
        Some(Model {
            bias,
            scale,
            weights,
        })
    }

    /// The file [`from_bytes`](Self::from_bytes) reads, for a bias and
    /// `1 << BUCKET_BITS` weights (rounded to bytes).
    pub fn to_bytes(bias: f32, weights: &[f32]) -> Vec<u8> {
        let largest = weights.iter().fold(0.0f32, |m, w| m.max(w.abs()));
        let scale = if largest > 0.0 { largest / 127.0 } else { 1.0 };
        let mut out = MAGIC.to_vec();
        out.extend(bias.to_le_bytes());
        out.extend(scale.to_le_bytes());
        out.extend(
            weights
                .iter()
                .map(|w| (w / scale).round().clamp(-127.0, 127.0) as i8 as u8),
        );
        out
    }

    /// A bucket's weight, in units of `scale`.
    #[inline(always)]
    fn quantum(&self, bucket: u32) -> i32 {
        self.weights[bucket as usize % BUCKETS] as i32
    }

    fn weight(&self, bucket: u32) -> f32 {
        self.quantum(bucket) as f32 * self.scale
    }

    /// The probability that a paragraph with gram weights summing to `sum`
    /// over `count` grams is promotional.
    pub(crate) fn probability(&self, sum: f32, count: u32) -> f32 {
        logistic(self.bias, sum, count)
    }
}

/// The probability of a paragraph whose `count` grams' weights sum to
/// `sum`: each gram counts `1/sqrt(count)`, so long paragraphs do not win by
/// length alone. 0 for a paragraph without grams. Training uses it too.
pub(crate) fn logistic(bias: f32, sum: f32, count: u32) -> f32 {
    if count == 0 {
        return 0.0;
    }
    let logit = bias + sum / (count as f32).sqrt();
    1.0 / (1.0 + (-logit).exp())
}

/// A word is also read by its first bytes when it is longer than this:
/// `subscri…` is in `subscribe`, `subscription` and `subscribers`, and in
/// compounds (`Gastbeitrag`, `Gastbeiträge`).
const PREFIX: usize = 5;

/// The hash of a word, and of its first [`PREFIX`] bytes when it is longer
/// (else 0): its bytes with ASCII letters lowercased and ASCII digits all
/// read as `0` (prices, years and phone numbers generalise), eight at a
/// time.
#[cfg(test)]
pub(crate) fn word_hash(word: &[u8]) -> (u64, u64) {
    word_hash_in(word, 0, word.len())
}

/// [`word_hash`] of the word at `start..end` of `bytes`: eight bytes are
/// loaded from `bytes` and masked, so that short words cost no copy.
#[inline]
pub(crate) fn word_hash_in(bytes: &[u8], start: usize, end: usize) -> (u64, u64) {
    let len = end - start;
    let mut h = len as u64;
    let mut prefix = 0;
    let mut i = start;
    while i < end {
        let x = match load8(bytes, i) {
            Some(x) => x & low_bytes(end - i),
            None => pack(&bytes[i..end]),
        };
        let folded = fold(x);
        if i == start {
            prefix = prefix_hash(folded, len);
        }
        h = step(h, folded);
        i += 8;
    }
    (finish(h), prefix)
}

/// [`word_hash`] of an ASCII word of at most 8 bytes, from its bytes
/// lowercased (as the stoplist lookup packs them): no second load.
#[inline(always)]
pub(crate) fn short_ascii_hash(lower8: u64, len: usize) -> (u64, u64) {
    // Lowercase already: only digits (the bytes without bit 6) are folded
    // to `0`, as [`fold`] does. Zero padding stays zero.
    let digits = (!lower8 & 0x4040_4040_4040_4040) >> 6;
    let folded = lower8 & !(digits * 0x0F);
    (finish(step(len as u64, folded)), prefix_hash(folded, len))
}

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// ASCII letters lowercased and ASCII digits read as `0`, 8 bytes at once;
/// other bytes (high bit set) are left alone.
#[inline(always)]
fn fold(x: u64) -> u64 {
    let low = x & !HIGH;
    let upper = bytes_in(low, b'A', b'Z') & !x;
    let digit = bytes_in(low, b'0', b'9') & !x;
    (x | (upper >> 2)) & !((digit >> 7) * 0x0F)
}

#[inline(always)]
fn step(h: u64, folded: u64) -> u64 {
    (h.rotate_left(23) ^ folded).wrapping_mul(K)
}

#[inline(always)]
fn finish(h: u64) -> u64 {
    h ^ (h >> 29)
}

/// The hash of the first [`PREFIX`] bytes of a word of `len` bytes whose
/// first 8 are `folded`, or 0 when the word is not longer.
#[inline(always)]
fn prefix_hash(folded: u64, len: usize) -> u64 {
    if len <= PREFIX + 1 {
        return 0;
    }
    finish(((folded & low_bytes(PREFIX)) ^ 0xA5A5_0000_0000_0000).wrapping_mul(K))
}

/// The bucket of a hash: its top bits, which the last multiply of
/// [`step`] (or of [`prefix_hash`]) mixed best.
#[inline(always)]
fn bucket(h: u64) -> u32 {
    (h >> (64 - BUCKET_BITS)) as u32
}

/// The bucket of a word's bigram with the word before (`prev`, 0 at the
/// paragraph's start).
#[inline(always)]
fn bigram_bucket(prev: u64, h: u64) -> u32 {
    const K: u64 = 0xD6E8_FEB8_6659_FD93;
    bucket((prev.rotate_left(17) ^ h ^ 0x5555).wrapping_mul(K))
}

/// A gram of a paragraph, for training and explanations: its bucket and
/// where it lies (a bigram spans both words).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Gram {
    pub bucket: u32,
    pub start: u32,
    pub end: u32,
}

/// Paragraphs of fewer words get no score: no rule could use it (the
/// built-in ones ask for five words), and skipping their lookups saves
/// a tenth of the model's cost on the menus and labels of a page.
pub const MIN_WORDS: u32 = 5;

/// The running sum of a paragraph's gram weights, word by word.
pub(crate) struct GramSum<'a, const RECORD: bool> {
    model: &'a Model,
    prev: u64,
    prev_start: u32,
    /// In units of the model's `scale`.
    sum: i32,
    words: u32,
    /// The buckets of the first words, looked up once there are
    /// [`MIN_WORDS`].
    pending: [u32; 2 * (MIN_WORDS as usize - 1)],
    /// The grams themselves, when asked for.
    record: Option<&'a mut Vec<Gram>>,
}

impl<'a, const RECORD: bool> GramSum<'a, RECORD> {
    pub(crate) fn new(model: &'a Model, record: Option<&'a mut Vec<Gram>>) -> Self {
        GramSum {
            model,
            prev: 0,
            prev_start: 0,
            sum: 0,
            words: 0,
            pending: [0; 2 * (MIN_WORDS as usize - 1)],
            record,
        }
    }

    /// The word of hashes `(h, prefix)` at `start..end` of the paragraph:
    /// two grams, the word (its first [`PREFIX`] bytes when it is longer,
    /// which also stand for its inflections and compounds) and the pair
    /// with the word before. Two lookups a word, not three: the table is
    /// larger than the core's first cache.
    #[inline(always)]
    pub(crate) fn word(&mut self, (h, prefix): (u64, u64), start: usize, end: usize) {
        let (word_end, word) = if prefix != 0 {
            (start + PREFIX, bucket(prefix))
        } else {
            (end, bucket(h))
        };
        let pair = bigram_bucket(self.prev, h);
        if let Some(record) = self.record.as_deref_mut().filter(|_| RECORD) {
            let (start, end) = (start as u32, end as u32);
            let pair_start = if self.prev == 0 {
                start
            } else {
                self.prev_start
            };
            record.push(Gram {
                bucket: word,
                start,
                end: word_end as u32,
            });
            record.push(Gram {
                bucket: pair,
                start: pair_start,
                end,
            });
            self.prev_start = start;
        }
        let n = self.words as usize;
        if let Some(slots) = self.pending.get_mut(2 * n..2 * n + 2) {
            slots.copy_from_slice(&[word, pair]);
        } else {
            if n + 1 == MIN_WORDS as usize {
                self.sum += self
                    .pending
                    .iter()
                    .map(|&b| self.model.quantum(b))
                    .sum::<i32>();
            }
            self.sum += self.model.quantum(word) + self.model.quantum(pair);
        }
        self.words += 1;
        self.prev = h;
    }

    /// The paragraph's probability; 0 under [`MIN_WORDS`] words.
    pub(crate) fn probability(&self) -> f32 {
        if self.words < MIN_WORDS {
            return 0.0;
        }
        self.model
            .probability(self.sum as f32 * self.model.scale, 2 * self.words)
    }
}

/// The grams of `text` read as one paragraph, as the engine reads them.
pub(crate) fn grams(text: &str) -> Vec<Gram> {
    let mut out = Vec::new();
    super::scan::measure_grams(text, &mut out);
    out
}

/// The compiled-in model's probability for `text` read as one paragraph.
pub(crate) fn probability(text: &str) -> f32 {
    let model = &*MODEL;
    let grams = grams(text);
    let sum = grams.iter().map(|g| model.weight(g.bucket)).sum();
    model.probability(sum, grams.len() as u32)
}

/// The grams of `text` that push its promo score most, strongest first,
/// each with its weight: at most `n`, only those pushing towards promo.
pub(crate) fn strongest(model: &Model, text: &str, n: usize) -> Vec<(String, f32)> {
    let mut seen: Vec<(String, f32)> = Vec::new();
    for g in grams(text) {
        let w = model.weight(g.bucket);
        let Some(gram) = text.get(g.start as usize..g.end as usize) else {
            continue;
        };
        if w > 0.0 && !seen.iter().any(|(s, _)| s == gram) {
            seen.push((gram.to_string(), w));
        }
    }
    seen.sort_by(|a, b| b.1.total_cmp(&a.1));
    seen.truncate(n);
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_hashes_fold_case_and_digits_only() {
        assert_eq!(word_hash(b"Subscribe"), word_hash(b"subscribe"));
        assert_eq!(word_hash(b"SAVE20"), word_hash(b"save99"));
        assert_ne!(word_hash(b"save20").0, word_hash(b"save2").0);
        assert_ne!(word_hash(b"subscribe").0, word_hash(b"subscribed").0);
        // Non-ASCII bytes are hashed as they are (the char pass lowercases them).
        assert_ne!(word_hash("é".as_bytes()), word_hash("É".as_bytes()));
        let long = (
            word_hash(b"abcdefghijklmnop"),
            word_hash(b"abcdefghijklmnoq"),
        );
        assert_ne!(long.0.0, long.1.0);
        // Longer words share their prefix gram; short ones have none.
        assert_eq!(word_hash(b"Subscribe").1, word_hash(b"subscription").1);
        assert_ne!(word_hash(b"subscribe").1, 0);
        assert_eq!(word_hash(b"save20").1, 0);
        // The short path of the char scan gives the same hashes.
        for w in ["Subscribe", "SAVE20", "a", "abcdefgh", "1999"] {
            let lower8 = crate::swar::pack(w.to_ascii_lowercase().as_bytes());
            if w.len() <= 8 {
                assert_eq!(
                    short_ascii_hash(lower8, w.len()),
                    word_hash(w.as_bytes()),
                    "{w}"
                );
            }
        }
    }

    #[test]
    fn the_model_file_reads_back() {
        let mut weights = vec![0.5f32; 1 << BUCKET_BITS];
        weights[3] = -1.27;
        let m = Model::from_bytes(&Model::to_bytes(-1.0, &weights)).unwrap();
        assert_eq!(m.bias, -1.0);
        assert!((m.weight(7) - 0.5).abs() < 0.01);
        assert!((m.weight(3) + 1.27).abs() < 1e-6);
        assert!(Model::from_bytes(MAGIC).is_none());
        assert!(Model::from_bytes(b"DCPROMO2").is_none());
        assert!(Model::from_bytes(&MODEL_BYTES[..MODEL_BYTES.len() - 1]).is_none());
        // The compiled-in model is a real one.
        assert!(Model::from_bytes(MODEL_BYTES).is_some());
    }

    #[test]
    fn grams_are_words_and_pairs_of_words_where_they_lie() {
        let spans = |text: &'static str| -> Vec<&'static str> {
            grams(text)
                .iter()
                .map(|g| &text[g.start as usize..g.end as usize])
                .collect()
        };
        assert_eq!(
            spans("Use code SAVE20"),
            ["Use", "Use", "code", "Use code", "SAVE20", "code SAVE20"]
        );
        // A word longer than 6 bytes is read by its first 5.
        assert_eq!(
            spans("Subscribe now"),
            ["Subsc", "Subscribe", "now", "Subscribe now"]
        );
        // A CJK character is a word of its own.
        assert_eq!(grams("立即下载").len(), 8);
    }
}
