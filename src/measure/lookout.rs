//! The words and symbols the char scan notes for the phrase index: the rule
//! stage fills a [`Lookout`] from its phrases, the scan leaves [`Spots`].

use std::ops::Range;

use super::words::Bits16;

/// The words and symbols the char pass notes for the rule stage, which
/// builds this from its phrases: a filter of 65,536 bits over the keys of
/// the words that start a phrase (see [`word_key`]), and the chars that
/// start a phrase of symbols. Most words of a text pass no test and cost
/// one bit lookup.
#[derive(Clone, Debug)]
pub(crate) struct Lookout {
    words: Bits16,
    /// Bit `n - 1` set: some phrase starts with an `n`-byte word that a
    /// longer text word may start with, so the first `n` bytes of longer
    /// keys are looked up too (`n` < 4).
    short_prefixes: u8,
    /// The first two bytes of those short prefixes (every second byte for
    /// a one-byte prefix), one bit each: most words start otherwise and
    /// skip the lookups.
    short_starts: Bits16,
    /// One bit per key and word length (see [`length_bit`]): the lengths
    /// in bytes of the words filed under the key, every length from a
    /// prefix's on. An ASCII word of another length is not noted: most
    /// words that share a key with a phrase's (`community`, `comment`)
    /// are not its word.
    lengths: Bits16,
    ascii_symbols: u128,
    /// Non-ASCII symbols, sorted.
    symbols: Vec<char>,
}

impl Lookout {
    /// A lookout that notes nothing.
    pub(crate) fn new() -> Lookout {
        Lookout {
            words: Bits16::new(),
            short_prefixes: 0,
            short_starts: Bits16::new(),
            lengths: Bits16::new(),
            ascii_symbols: 0,
            symbols: Vec::new(),
        }
    }

    /// Notes words whose [`word_key`] is `key` or, for a `prefix` key
    /// shorter than 4 bytes, starts with `key`: words of `len` bytes, or
    /// of `len` or more for a `prefix`, or of any length for `None` (a
    /// word that is not ASCII).
    pub(crate) fn add_word(&mut self, key: u64, len: Option<usize>, prefix: bool) {
        self.set(key);
        // A word that is not ASCII (`None`) sets no length bits: an ASCII
        // word of the text is never such a word (and one that is not ASCII
        // skips the length test), and `communiqué` would otherwise note
        // every `comm…` word, the phrase lists of a dozen languages filling
        // the set.
        if let Some(len) = len {
            let last = if prefix { MAX_NOTED_LENGTH } else { len };
            for len in len..=last {
                self.lengths.insert(length_bit(key, len));
            }
        }
        let len = key_len(key);
        if prefix && len < 4 {
            self.short_prefixes |= 1 << (len - 1);
            let seconds = if len == 1 { 0..=255 } else { 0..=0 };
            for second in seconds {
                self.short_starts.insert(key as u16 | second << 8);
            }
        }
    }

    /// Notes the char `c` (not a word char, not whitespace).
    pub(crate) fn add_symbol(&mut self, c: char) {
        if c.is_ascii() {
            self.ascii_symbols |= 1 << c as u32;
        } else if let Err(i) = self.symbols.binary_search(&c) {
            self.symbols.insert(i, c);
        }
    }

    /// Calls `f` with the other keys a word with key `key` is looked up
    /// by and the lookout holds: its first bytes, for the short prefixes
    /// noted.
    #[inline]
    pub(crate) fn shorter_keys(&self, key: u64, mut f: impl FnMut(u64)) {
        if !self.short_starts.contains(key as u16) {
            return;
        }
        let mut short = self.short_prefixes & ((1 << (key_len(key) - 1)) - 1);
        while short != 0 {
            let n = short.trailing_zeros() + 1;
            let shorter = key & ((1 << (8 * n)) - 1);
            if self.has(shorter) {
                f(shorter);
            }
            short &= short - 1;
        }
    }

    fn set(&mut self, key: u64) {
        self.words.insert(lookout_bit(key));
    }

    /// Whether a word with key `key` may start a phrase.
    #[inline]
    fn has(&self, key: u64) -> bool {
        self.words.contains(lookout_bit(key))
    }

    /// Whether to note a word with key `key` and, for an ASCII word, its
    /// length.
    #[inline]
    pub(crate) fn wants_word(&self, key: u64, ascii_len: Option<usize>) -> bool {
        let mut wanted = self.has(key)
            && ascii_len.is_none_or(|len| {
                len > MAX_NOTED_LENGTH || self.lengths.contains(length_bit(key, len))
            });
        if !wanted {
            self.shorter_keys(key, |_| wanted = true);
        }
        wanted
    }

    #[inline]
    pub(super) fn wants_symbol(&self, c: char) -> bool {
        if c.is_ascii() {
            self.ascii_symbols & (1 << c as u32) != 0
        } else {
            !self.symbols.is_empty() && self.symbols.binary_search(&c).is_ok()
        }
    }
}

#[inline]
fn lookout_bit(key: u64) -> u16 {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as u16
}

/// Words longer than this are noted whatever their length.
const MAX_NOTED_LENGTH: usize = 63;

/// The bit of a word key and a word length in [`Lookout::lengths`].
#[inline]
fn length_bit(key: u64, len: usize) -> u16 {
    // Keys use the low 33 bits.
    lookout_bit(key ^ (len as u64) << 40)
}

/// Bytes in a word key (1 to 4).
fn key_len(key: u64) -> u32 {
    4 - (key as u32).leading_zeros() / 8
}

/// Where the char pass met a noted word or symbol, in bytes from the
/// paragraph's start.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Spot {
    pub start: usize,
    /// The end of the word (or symbol).
    pub end: usize,
    /// [`word_key`] of the word, or [`SYMBOL_KEY`] with the symbol.
    pub key: u64,
}

/// The spots of every paragraph of a document.
#[derive(Clone, Debug, Default)]
pub(crate) struct Spots {
    pub(super) list: Vec<Spot>,
    /// Per paragraph, where its spots end in `list`.
    pub(super) ends: Vec<usize>,
}

impl Spots {
    /// The spots of paragraph `p`.
    pub(crate) fn of(&self, p: usize) -> &[Spot] {
        &self.list[self.range(p)]
    }

    /// Where the spots of paragraph `p` lie in `list`.
    pub(super) fn range(&self, p: usize) -> Range<usize> {
        let start = if p == 0 { 0 } else { self.ends[p - 1] };
        start..self.ends[p]
    }
}
