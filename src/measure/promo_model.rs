//! The learned promo scorer: a logistic regression over the hashed word
//! unigrams and bigrams of a paragraph (a CJK character is a word, so in
//! Chinese and Japanese these are character uni- and bigrams), as the char
//! pass reads them, and, for a paragraph those lean to promotion, again
//! with the char 4-grams of its words. It recognises promotional wording
//! that no rule lists; rules read it as the feature `promo_model`, so the
//! rule file still decides and users can reweigh it.
//!
//! The weights (`promo.model`) are trained by `dechaff train-promo` from
//! the committed promo set against the article paragraphs of the
//! development pages; the file is compiled into the crate.

use std::sync::LazyLock;

use super::chars::{is_word_char, lower_char};
use super::words::low_bytes;
use crate::swar::{HIGH, bytes_in, load8, pack};

/// The hashed grams fall into `1 << BUCKET_BITS` weights.
pub const BUCKET_BITS: u32 = 18;

/// The file's first bytes, and its version.
const MAGIC: &[u8; 8] = b"DCPROMO4";

static MODEL_BYTES: &[u8] = include_bytes!("promo.model");

/// The compiled-in model.
pub(crate) static MODEL: LazyLock<Model> =
    LazyLock::new(|| Model::from_bytes(MODEL_BYTES).unwrap_or_else(Model::empty));

static NEWS_BYTES: &[u8] = include_bytes!("promo_news.model");

/// A paragraph the promo scorer finds at least this likely promotional is
/// scored again by the news scorer ([`NEWS`]: promotion against news about
/// the same subjects), and `promo_model` is the lower of the two: the first
/// scorer learned promotion against article prose, and read news about an
/// affiliate deal, a backlink market or a reader service's address as
/// promotion. 0.4 is the least the rules that read the scorer ask. Measured
/// in bodies (recall / retention), text and HTML: holdout 0.9639 / 0.9750
/// -> 0.9639 / 0.9778, 0.9667 / 0.9944 -> 0.9667 / 0.9972; holdout2 0.9604
/// / 0.9625 -> 0.9583 / 0.9708, 0.9583 / 0.9833 -> 0.9563 / 0.9917;
/// holdout3 unchanged; holdout4 0.9433 / 0.9133 -> 0.9433 / 0.9200, 0.9467
/// / 0.9333 -> 0.9467 / 0.9400; holdout5 0.9833 / 0.8833 -> 0.9750 /
/// 0.9000, 0.9750 / 0.9167 -> 0.9667 / 0.9333; development F1 (scorers
/// trained without each set) and scrapinghub's real look-alikes unchanged.
pub(crate) const NEWS_FROM: f32 = 0.4;

/// The news scorer: the same two tables, trained on promotion against the
/// look-alikes alone (news about apps, prices, sponsors, scams), no article
/// paragraphs (`dechaff train-promo --news`). The first scorer tells
/// promotion from prose; this one, promotion from reporting on it.
pub(crate) static NEWS: LazyLock<Model> =
    LazyLock::new(|| Model::from_bytes(NEWS_BYTES).unwrap_or_else(Model::empty));

/// The number of buckets.
const BUCKETS: usize = 1 << BUCKET_BITS;

/// A paragraph the word grams score at least this likely promotional is
/// scored again by the second table, with its char grams too. Char grams
/// cost five lookups a word; asked of every paragraph, they made the text
/// scan half as slow again. Gated here, they are read for about a twelfth
/// of a page's words, and the second table would have reached 0.4 on 2 of
/// the 683 held-out promo paragraphs it finds below the gate. Measured on
/// the held-out promo set: 0.1 read half as many words again for the same
/// recall; 0.3 lost a point of recall.
pub const SECOND_STAGE_FROM: f32 = 0.2;

/// The learned scorer: two tables. `words` reads a paragraph's word grams
/// and scores every paragraph; `chars` reads its word grams and the char
/// 4-grams of its words, and scores again those `words` finds at least
/// [`SECOND_STAGE_FROM`] likely promotional.
#[derive(Debug)]
pub(crate) struct Model {
    words: Table,
    chars: Table,
}

/// A bias and one weight per bucket, each weight a byte times `scale`: a
/// table of 256 KiB stays in the core's L2 cache, where one of floats (a
/// few random loads per word) cost a third of the text scan's speed. Fewer
/// buckets were cheaper still, but their collisions gave common words
/// (Russian `и`) the weight of promotional ones.
#[derive(Debug)]
struct Table {
    bias: f32,
    scale: f32,
    weights: Box<[i8; BUCKETS]>,
}

impl Table {
    /// A table that scores nothing (every paragraph gets the same low score).
    fn empty() -> Table {
        Table {
            bias: -10.0,
            scale: 0.0,
            weights: Box::new([0; BUCKETS]),
        }
    }

    /// Reads the bias and the scale (little-endian `f32`), then a byte per
    /// bucket; returns the table and the bytes after it.
    fn from_bytes(bytes: &[u8]) -> Option<(Table, &[u8])> {
        let float = |at: usize| Some(f32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
        let (bias, scale) = (float(0)?, float(4)?);
        let table = bytes.get(8..8 + BUCKETS)?;
        if !bias.is_finite() || !scale.is_finite() {
            return None;
        }
        let mut weights = Box::new([0i8; BUCKETS]);
        for (w, &b) in weights.iter_mut().zip(table) {
            *w = b as i8;
        }
        let table = Table {
            bias,
            scale,
            weights,
        };
        Some((table, &bytes[8 + BUCKETS..]))
    }

    /// The bytes [`from_bytes`](Self::from_bytes) reads, for a bias and
    /// `1 << BUCKET_BITS` weights (rounded to bytes).
    fn to_bytes(bias: f32, weights: &[f32], out: &mut Vec<u8>) {
        let largest = weights.iter().fold(0.0f32, |m, w| m.max(w.abs()));
        let scale = if largest > 0.0 { largest / 127.0 } else { 1.0 };
        out.extend(bias.to_le_bytes());
        out.extend(scale.to_le_bytes());
        out.extend(
            weights
                .iter()
                .map(|w| (w / scale).round().clamp(-127.0, 127.0) as i8 as u8),
        );
    }

    /// A bucket's weight, in units of `scale`.
    #[inline(always)]
    fn quantum(&self, bucket: u32) -> i32 {
        self.weights[bucket as usize % BUCKETS] as i32
    }

    fn weight(&self, bucket: u32) -> f32 {
        self.quantum(bucket) as f32 * self.scale
    }

    /// The probability of a paragraph of `count` grams whose quanta sum to
    /// `quanta`.
    fn probability(&self, quanta: i32, count: u32) -> f32 {
        logistic(self.bias, quanta as f32 * self.scale, count)
    }

    /// The probability of a paragraph of these grams.
    fn probability_of(&self, buckets: impl Iterator<Item = u32>) -> f32 {
        let (mut quanta, mut count) = (0, 0);
        for b in buckets {
            quanta += self.quantum(b);
            count += 1;
        }
        self.probability(quanta, count)
    }
}

impl Model {
    /// A model that scores nothing.
    fn empty() -> Model {
        Model {
            words: Table::empty(),
            chars: Table::empty(),
        }
    }

    /// Reads `MAGIC`, then the `words` table and the `chars` table.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let (words, rest) = Table::from_bytes(rest)?;
        let (chars, rest) = Table::from_bytes(rest)?;
        rest.is_empty().then_some(Model { words, chars })
    }

    /// The file [`from_bytes`](Self::from_bytes) reads, for the two tables'
    /// biases and `1 << BUCKET_BITS` weights each (rounded to bytes).
    pub fn to_bytes(words: (f32, &[f32]), chars: (f32, &[f32])) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        Table::to_bytes(words.0, words.1, &mut out);
        Table::to_bytes(chars.0, chars.1, &mut out);
        out
    }

    /// The probability of a paragraph of word grams `words` and char grams
    /// `chars`, as the engine scores it in two stages.
    fn two_stage(&self, words: &[u32], chars: &[u32]) -> f32 {
        let char_quanta = chars.iter().map(|&b| self.chars.quantum(b)).sum();
        self.staged(words, char_quanta, (words.len() + chars.len()) as u32)
    }

    /// The two stages for a paragraph of word grams `buckets` whose char
    /// grams' quanta in the second table sum to `char_quanta`, `count`
    /// grams in all (the char pass may serve two models at once).
    fn staged(&self, buckets: &[u32], char_quanta: i32, count: u32) -> f32 {
        let first = self.words.probability_of(buckets.iter().copied());
        if first < SECOND_STAGE_FROM {
            return first;
        }
        let quanta: i32 = buckets.iter().map(|&b| self.chars.quantum(b)).sum();
        self.chars.probability(quanta + char_quanta, count)
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

/// Content words of this many bytes or more are noted for `page_overlap`;
/// those of exactly this many (`Amazon`, `iPhone`, `Disney`: the names a
/// short deal line shares with its article) are tagged, so that the
/// overlap can be taken with and without them (see
/// `measure::page_overlaps`).
pub(crate) const NAME_BYTES: usize = PREFIX + 1;

/// A word's hash as noted for `page_overlap`: its lowest bit says whether
/// the word has only [`NAME_BYTES`] bytes.
#[inline(always)]
pub(crate) fn long_word(h: u64, name_length: bool) -> u64 {
    (h & !1) | name_length as u64
}

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

/// The length of the char grams, in chars (a word's edges count as one).
const CHAR_GRAM: u32 = 4;

/// Calls `each` with the bucket and byte range of every char 4-gram of
/// every word of `text` of two chars or more: its chars lowercased, ASCII
/// digits read as `0`, with an edge mark before and after it. A stem, an
/// ending or a compound's part (`gutsch`, `-code`, `Rabatt`) scores in any
/// word that holds it, where the word grams need the word itself.
#[inline]
pub(crate) fn char_grams(text: &str, mut each: impl FnMut(u32, usize, usize)) {
    const EDGE: u64 = 1;
    const SEED: u64 = 0x51_7CC1_B727_220A;
    // The last four chars (16 bits each), their start offsets, and how many
    // chars the word has had, its first edge included.
    let (mut window, mut starts, mut len) = (0u64, [0usize; 4], 0u32);
    let mut emit = |window: u64, starts: &[usize; 4], len: u32, end: usize| {
        let first = starts[(len.saturating_sub(CHAR_GRAM) % 4) as usize];
        // One multiply mixes the window enough: its top bits are the bucket.
        each(bucket((window ^ SEED).wrapping_mul(K)), first, end);
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    // One step past the end, where no char ends the last word.
    while i <= bytes.len() {
        let (unit, width) = match bytes.get(i) {
            None => (None, 1),
            Some(&b) if b < 0x80 => {
                let unit = match b {
                    b'0'..=b'9' => Some(b'0' as u64),
                    b'a'..=b'z' => Some(b as u64),
                    b'A'..=b'Z' => Some((b | 0x20) as u64),
                    _ => None,
                };
                (unit, 1)
            }
            Some(_) => {
                let c = text[i..].chars().next().unwrap_or(' ');
                let unit = is_word_char(c).then(|| lower_char(c).unwrap_or(c) as u64 & 0xFFFF);
                (unit, c.len_utf8())
            }
        };
        match unit {
            Some(unit) => {
                if len == 0 {
                    window = EDGE;
                    starts[0] = i;
                    len = 1;
                }
                window = (window << 16) | (unit + 2);
                starts[(len % 4) as usize] = i;
                len += 1;
                if len >= CHAR_GRAM {
                    emit(window, &starts, len, i + width);
                }
            }
            None if len > 0 => {
                // The last gram holds the end edge; a word of two chars
                // has only that one.
                if len >= 3 {
                    window = (window << 16) | EDGE;
                    starts[(len % 4) as usize] = i;
                    emit(window, &starts, len + 1, i);
                }
                len = 0;
            }
            None => {}
        }
        i += width;
    }
}

/// A paragraph's word grams, word by word, for the scorer.
pub(crate) struct ParagraphGrams<'a, const RECORD: bool> {
    model: &'a Model,
    prev: u64,
    prev_start: u32,
    words: u32,
    /// The word grams' buckets, looked up once the paragraph is read: a
    /// tight loop of independent loads keeps many in flight, where a
    /// lookup per word waited for each (the table is larger than the
    /// core's first cache; summing word by word was 9% of the text time).
    buckets: &'a mut Vec<u32>,
    /// The grams themselves, when asked for.
    record: Option<&'a mut Vec<Gram>>,
    /// The hashes of the paragraph's words of [`NAME_BYTES`] bytes or more
    /// that are not stopwords are pushed here (see [`long_word`]), and
    /// those of adjacent CJK content chars: what the feature
    /// `page_overlap` compares across the page.
    long: &'a mut Vec<u64>,
    /// Where the last CJK content char ended: in Chinese and Japanese a char
    /// is a word, too short to say much of the subject, so two adjacent
    /// content chars stand for a long word.
    cjk_end: usize,
}

impl<'a, const RECORD: bool> ParagraphGrams<'a, RECORD> {
    /// The grams of one paragraph, kept in `buckets`.
    pub(crate) fn new(
        model: &'a Model,
        buckets: &'a mut Vec<u32>,
        record: Option<&'a mut Vec<Gram>>,
        long: &'a mut Vec<u64>,
    ) -> Self {
        buckets.clear();
        ParagraphGrams {
            model,
            prev: 0,
            prev_start: 0,
            words: 0,
            buckets,
            record,
            long,
            cjk_end: usize::MAX,
        }
    }

    /// A CJK char at `start..end` that is a content word (Han or katakana,
    /// not a stopword) of hash `h`, before [`word`](Self::word) reads it:
    /// with the content char just before it (then the previous word), a
    /// pair noted in `long` (`安全`, `対策`).
    #[inline]
    pub(crate) fn cjk_content(&mut self, h: u64, start: usize, end: usize) {
        if self.cjk_end == start {
            self.long.push(long_word(
                (self.prev.rotate_left(23) ^ h).wrapping_mul(K),
                false,
            ));
        }
        self.cjk_end = end;
    }

    /// The word of hashes `(h, prefix)` at `start..end` of the paragraph:
    /// two grams, the word (its first [`PREFIX`] bytes when it is longer,
    /// which also stand for its inflections and compounds) and the pair
    /// with the word before. Two lookups a word, not three: the table is
    /// larger than the core's first cache. A long `content` word (not a
    /// stopword) is also noted in `long`.
    #[inline(always)]
    pub(crate) fn word(
        &mut self,
        (h, prefix): (u64, u64),
        start: usize,
        end: usize,
        content: bool,
    ) {
        if content && end - start >= NAME_BYTES {
            self.long.push(long_word(h, end - start == NAME_BYTES));
        }
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
        self.buckets.extend_from_slice(&[word, pair]);
        self.words += 1;
        self.prev = h;
    }

    /// The probability of the paragraph `text` whose words were read; 0
    /// under [`MIN_WORDS`] words. The first table decides; where it finds
    /// the paragraph at least [`SECOND_STAGE_FROM`] likely promotional, the
    /// second, with the char grams of `text`. Not inlined: inlined into the
    /// document's measure (as the compiler chose once `long_word` was
    /// added), the text pass took 1.6M more instructions per 6 MB.
    #[inline(never)]
    pub(crate) fn probability(&self, text: &str) -> f32 {
        if self.words < MIN_WORDS {
            return 0.0;
        }
        self.score(text)
    }

    /// [`probability`](Self::probability) at any number of words.
    fn score(&self, text: &str) -> f32 {
        let first = self
            .model
            .words
            .probability_of(self.buckets.iter().copied());
        if first < SECOND_STAGE_FROM {
            return first;
        }
        let (table, news) = (&self.model.chars, &NEWS.chars);
        let mut quanta: i32 = self.buckets.iter().map(|&b| table.quantum(b)).sum();
        // The news scorer's char grams, summed in the same pass: a second
        // pass over the chars cost more than a lookup per gram.
        let mut news_quanta = 0;
        let mut count = self.buckets.len() as u32;
        char_grams(text, |b, _, _| {
            quanta += table.quantum(b);
            news_quanta += news.quantum(b);
            count += 1;
        });
        let p = table.probability(quanta, count);
        if p < NEWS_FROM {
            return p;
        }
        p.min(NEWS.staged(self.buckets, news_quanta, count))
    }
}

/// The probability `model` gives `text`, a paragraph of fewer than
/// [`MIN_WORDS`] words read again on its own: the char pass scores none of
/// those (most are menu items), and the document scores the few that can
/// use it (a short line alone between prose, see `decide`).
pub(crate) fn short_line_probability(model: &Model, text: &str) -> f32 {
    let (mut buckets, mut long) = (Vec::new(), Vec::new());
    let mut line = ParagraphGrams::<false>::new(model, &mut buckets, None, &mut long);
    let grams = grams(text);
    line.buckets.extend(grams.iter().map(|g| g.bucket));
    line.words = (grams.len() / 2) as u32;
    if line.words == 0 {
        return 0.0;
    }
    line.score(text)
}

/// The word grams of `text` read as one paragraph, as the engine reads them.
pub(crate) fn grams(text: &str) -> Vec<Gram> {
    let mut out = Vec::new();
    super::scan::measure_grams(text, &mut out);
    out
}

/// The char grams of `text`.
fn char_gram_list(text: &str) -> Vec<Gram> {
    let mut out = Vec::new();
    char_grams(text, |bucket, start, end| {
        out.push(Gram {
            bucket,
            start: start as u32,
            end: end as u32,
        })
    });
    out
}

/// The buckets of the word grams and of the char grams of `text`, for
/// training.
pub(crate) fn training_buckets(text: &str) -> (Vec<u32>, Vec<u32>) {
    let buckets = |grams: Vec<Gram>| grams.iter().map(|g| g.bucket).collect();
    (buckets(grams(text)), buckets(char_gram_list(text)))
}

/// The compiled-in model's probability for `text` read as one paragraph.
pub(crate) fn probability(text: &str) -> f32 {
    let (words, chars) = training_buckets(text);
    MODEL.two_stage(&words, &chars)
}

/// The probability a model with these tables gives a paragraph of word
/// grams `words` and char grams `chars`, for training.
pub(crate) fn two_stage_probability(
    words: (f32, &[f32]),
    chars: (f32, &[f32]),
    word_buckets: &[u32],
    char_buckets: &[u32],
) -> f32 {
    let sum = |weights: &[f32], buckets: &[&[u32]]| {
        let grams = buckets.iter().flat_map(|b| b.iter());
        let s: f32 = grams.clone().map(|&b| weights[b as usize]).sum();
        (s, grams.count() as u32)
    };
    let (s, n) = sum(words.1, &[word_buckets]);
    let first = logistic(words.0, s, n);
    if first < SECOND_STAGE_FROM {
        return first;
    }
    let (s, n) = sum(chars.1, &[word_buckets, char_buckets]);
    logistic(chars.0, s, n)
}

/// The grams of `text` that push its promo score most, strongest first,
/// each with its weight: at most `n`, only those pushing towards promo.
/// A paragraph the second table scores is explained by it, char grams
/// too.
pub(crate) fn strongest(model: &Model, text: &str, n: usize) -> Vec<(String, f32)> {
    let words = grams(text);
    let first = model.words.probability_of(words.iter().map(|g| g.bucket));
    let (table, grams) = if first < SECOND_STAGE_FROM {
        (&model.words, words)
    } else {
        let mut all = words;
        all.extend(char_gram_list(text));
        (&model.chars, all)
    };
    let mut seen: Vec<(String, f32)> = Vec::new();
    for g in grams {
        let w = table.weight(g.bucket);
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
        let chars = vec![-0.25f32; 1 << BUCKET_BITS];
        let m = Model::from_bytes(&Model::to_bytes((-1.0, &weights), (2.0, &chars))).unwrap();
        assert_eq!((m.words.bias, m.chars.bias), (-1.0, 2.0));
        assert!((m.words.weight(7) - 0.5).abs() < 0.01);
        assert!((m.words.weight(3) + 1.27).abs() < 1e-6);
        assert!((m.chars.weight(3) + 0.25).abs() < 1e-6);
        assert!(Model::from_bytes(MAGIC).is_none());
        assert!(Model::from_bytes(b"DCPROMO3").is_none());
        assert!(Model::from_bytes(&MODEL_BYTES[..MODEL_BYTES.len() - 1]).is_none());
        // The compiled-in model is a real one.
        assert!(Model::from_bytes(MODEL_BYTES).is_some());
    }

    #[test]
    fn char_grams_are_four_chars_of_a_word_with_its_edges() {
        let spans = |text: &'static str| -> Vec<&'static str> {
            let mut out = Vec::new();
            char_grams(text, |_, start, end| out.push(&text[start..end]));
            out
        };
        // "Rabatt": ^rab, rabb… each window of four, the edges marked.
        assert_eq!(spans("Rabatt"), ["Rab", "Raba", "abat", "batt", "att"]);
        // One-char words give none, two-char words one, and words are
        // read apart, whatever lies between.
        assert_eq!(spans("a to, Ωμέγα!"), ["to", "Ωμέ", "Ωμέγ", "μέγα", "έγα"]);
        let buckets = |text: &str| {
            let mut out = Vec::new();
            char_grams(text, |b, _, _| out.push(b));
            out
        };
        // Case and digits fold; a stem shared by two words gives them
        // shared grams.
        assert_eq!(buckets("SAVE20"), buckets("save99"));
        let (a, b) = (buckets("Gutschein"), buckets("Gutscheincode"));
        assert_eq!(a[..5], b[..5]);
        assert_ne!(a, b);
    }

    #[test]
    fn the_second_table_scores_only_what_the_first_finds_likely() {
        let zero = vec![0.0f32; 1 << BUCKET_BITS];
        // The first table gives every paragraph the probability of its
        // bias; the second, 0.9.
        let second = (2.2, zero.as_slice());
        let low = two_stage_probability((-3.0, &zero), second, &[1, 2], &[3]);
        assert!(low < SECOND_STAGE_FROM, "{low}");
        let high = two_stage_probability((-1.0, &zero), second, &[1, 2], &[3]);
        assert!((high - 0.9).abs() < 0.01, "{high}");
        let m = Model::from_bytes(&Model::to_bytes((-1.0, &zero), second)).unwrap();
        assert!((m.two_stage(&[1, 2], &[3]) - high).abs() < 1e-6);
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
