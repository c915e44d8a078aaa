//! Words packed into integers: the stoplists' and the phrase index's keys,
//! an open-addressing table over them, and a 16-bit set for their filters.

/// Marks a [`Spot`] key as a symbol (a char) rather than a word key.
pub(crate) const SYMBOL_KEY: u64 = 1 << 32;

/// The key of a word: its first four bytes once lowercased (fewer for a
/// shorter word), little-endian. No byte of a word is 0.
#[inline]
pub(crate) fn word_key(lower: &[u8]) -> u64 {
    lower
        .iter()
        .take(4)
        .enumerate()
        .fold(0, |k, (i, &b)| k | (b as u64) << (8 * i))
}

/// [`word_key`] of a run of ASCII letters and digits in any case.
#[inline]
pub(super) fn ascii_key(word: &[u8]) -> u64 {
    // Setting bit 5 lowercases ASCII letters and leaves digits alone.
    word.iter()
        .take(4)
        .enumerate()
        .fold(0, |k, (i, &b)| k | ((b | 0x20) as u64) << (8 * i))
}

/// An open-addressing table from packed words (never 0) to `u32` values
/// (0: absent), a quarter full behind a one-bit filter: a multiply, a shift
/// and usually one comparison per lookup. The stoplists map words to
/// language masks with it, the phrase index word keys to its entries.
#[derive(Clone, Debug)]
pub(crate) struct PackedTable {
    slots: Box<[(u64, u32)]>,
    shift: u32,
    /// The top 16 bits of the keys' hashes (8 KB): most words of a text
    /// are not stopwords, and their probes would miss the cache.
    filter: Bits16,
}

/// A set of 16-bit numbers, one bit each (8 KB): the filters in front of
/// the stopword tables, the lookout's word filters, and the cased chars of
/// the BMP.
#[derive(Clone, Debug)]
pub(crate) struct Bits16(Box<[u64; 1024]>);

impl Bits16 {
    pub(crate) fn new() -> Bits16 {
        Bits16(Box::new([0; 1024]))
    }

    pub(crate) fn insert(&mut self, n: u16) {
        self.0[n as usize / 64] |= 1 << (n % 64);
    }

    #[inline]
    pub(crate) fn contains(&self, n: u16) -> bool {
        self.0[n as usize / 64] & (1 << (n % 64)) != 0
    }
}

/// The top 16 bits of a hash, for a [`Bits16`] filter.
#[inline]
pub(super) fn top16(hash: u64) -> u16 {
    (hash >> 48) as u16
}

impl PackedTable {
    /// The table of `entries`; the values of a repeated key are or-ed.
    pub(crate) fn new(entries: impl Iterator<Item = (u64, u32)>) -> PackedTable {
        let entries: Vec<(u64, u32)> = entries.filter(|&(k, _)| k != 0).collect();
        // At most a quarter full: probes stay short.
        let bits = (entries.len() * 4)
            .next_power_of_two()
            .trailing_zeros()
            .max(4);
        let mut slots = vec![(0u64, 0u32); 1 << bits].into_boxed_slice();
        let mut filter = Bits16::new();
        let shift = 64 - bits;
        let mask = slots.len() - 1;
        for (key, value) in entries {
            filter.insert(top16(hash(key)));
            let mut i = slot_of(key, shift);
            while slots[i].0 != 0 && slots[i].0 != key {
                i = (i + 1) & mask;
            }
            slots[i] = (key, slots[i].1 | value);
        }
        PackedTable {
            slots,
            shift,
            filter,
        }
    }

    /// The value of `key`, 0 when absent.
    #[inline]
    pub(crate) fn get(&self, key: u64) -> u32 {
        let h = hash(key);
        if !self.filter.contains(top16(h)) {
            return 0;
        }
        self.probe(h, key)
    }

    /// [`get`](Self::get) for a key that is usually present: the filter
    /// would pass it anyway.
    #[inline]
    pub(crate) fn get_likely(&self, key: u64) -> u32 {
        self.probe(hash(key), key)
    }

    #[inline]
    fn probe(&self, h: u64, key: u64) -> u32 {
        let mask = self.slots.len() - 1;
        let mut i = (h >> self.shift) as usize;
        loop {
            let (k, v) = self.slots[i];
            if k == key {
                return v;
            }
            if k == 0 {
                return 0;
            }
            i = (i + 1) & mask;
        }
    }
}

#[inline]
pub(super) fn hash(key: u64) -> u64 {
    key.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

#[inline]
fn slot_of(key: u64, shift: u32) -> usize {
    (hash(key) >> shift) as usize
}

/// The hash of a word of more than 8 bytes for [`Stoplists::long`]: its
/// first 8 bytes, packed, and its length.
#[inline]
pub(super) fn long_hash(first8: u64, len: usize) -> u64 {
    hash(first8 ^ (len as u64).rotate_right(8))
}

/// A mask of the low `n` bytes of a `u64` (`n` ≤ 8).
#[inline]
pub(crate) fn low_bytes(n: usize) -> u64 {
    // A lookup, not a branch: most words are shorter than 8 bytes, many not.
    const LOW: [u64; 9] = {
        let mut low = [u64::MAX; 9];
        let mut i = 0;
        while i < 8 {
            low[i] = (1 << (8 * i)) - 1;
            i += 1;
        }
        low
    };
    LOW[n.min(8)]
}
