//! Stopword lists for the languages dechaff recognises, merged into one map
//! from word to a bitmask of languages, so that one lookup per word counts
//! hits for every language at once.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::words::{Bits16, PackedTable, long_hash, low_bytes, top16};
use crate::swar::{load8, pack};

/// Languages in mask-bit order. NLTK lists where NLTK has them (short lists
/// of function words, like jusText's), ISO lists for the others.
const LANGUAGES: &[&str] = &[
    "en", "de", "es", "fr", "pt", "it", "nl", "pl", "ru", "sv", "da", "fi", "no", "tr", "id", "hu",
    "ro", "cs", "ko", "zh", "ja", "el", "bg", "hr", "he", "fa", "hi",
];

/// The number of languages: bits of a stopword mask.
pub(crate) const LANGUAGE_COUNT: usize = LANGUAGES.len();

/// Languages not written in Latin script.
const NON_LATIN: &[&str] = &["ru", "ko", "zh", "ja", "el", "bg", "he", "fa", "hi"];

const EXTRA: &str = include_str!("stopwords-extra.txt");

/// Languages whose line in [`EXTRA`] replaces the crate's list instead of
/// adding to it: CJK text is split into single characters, so their
/// multi-character lists could never match, and the crate's Greek lists
/// are unaccented or polytonic. Turkish too: with NLTK's list added ("ve",
/// "bu", "için"), Turkish pages measured stopwords enough to lose the
/// no-stoplist prose rule yet too few for the stoplist's (a language of
/// endings), and lost their prose (templates text: two Turkish pages 0.92
/// -> 0.75 and 0.84 -> 0.82, an unseen one 0.85 -> 0.77).
const REPLACED: &[&str] = &["zh", "ja", "el", "tr"];

/// Stopword lists of several languages behind one hash map.
#[derive(Debug)]
pub(crate) struct Stoplists {
    languages: Vec<&'static str>,
    masks: FxHashMap<Box<[u8]>, u32>,
    /// The words of up to 8 bytes, packed into a `u64` (see [`pack`]): most
    /// stopwords, looked up with one multiply instead of hashing a slice.
    short: PackedTable,
    /// Per first byte, the byte lengths (up to 63) that some stopword has:
    /// most words of a text are ruled out without hashing them.
    shapes: Box<[u64; 256]>,
    /// The words of more than 8 bytes by the top bits of the hash of their
    /// first 8 bytes and length (see [`long_hash`]): few are stopwords.
    long: Bits16,
}

static BUILTIN: LazyLock<Stoplists> = LazyLock::new(Stoplists::build);

impl Stoplists {
    /// The built-in lists, built once per process.
    pub fn builtin() -> &'static Stoplists {
        &BUILTIN
    }

    fn build() -> Stoplists {
        let mut masks: FxHashMap<Box<[u8]>, u32> = FxHashMap::default();
        let extra: Vec<(&str, Vec<&str>)> = EXTRA
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .filter_map(|l| l.split_once(':'))
            .map(|(code, words)| (code.trim(), words.split_whitespace().collect()))
            .collect();
        for (bit, &code) in LANGUAGES.iter().enumerate() {
            let crate_list = || {
                stop_words::lookup(code)
                    .map(<[_]>::to_vec)
                    .unwrap_or_default()
            };
            // The extra words add to the crate's list, except where they
            // replace it (see [`REPLACED`]). Finnish had lost its NLTK list
            // ("ja", "on", "ei") to the particles meant to complete it.
            let words: Vec<&str> = match extra.iter().find(|(c, _)| *c == code) {
                Some((_, words)) if REPLACED.contains(&code) => words.clone(),
                Some((_, words)) => crate_list()
                    .into_iter()
                    .chain(words.iter().copied())
                    .collect(),
                None => crate_list(),
            };
            let non_latin = NON_LATIN.contains(&code);
            for word in words {
                // Digits and punctuation are nobody's stopwords; ASCII entries in
                // lists of non-Latin scripts would make English look like them.
                if !word.chars().any(char::is_alphabetic) || (non_latin && word.is_ascii()) {
                    continue;
                }
                let lower = word.to_lowercase();
                *masks
                    .entry(lower.into_bytes().into_boxed_slice())
                    .or_default() |= 1 << bit;
            }
        }
        let mut shapes = Box::new([0u64; 256]);
        for word in masks.keys() {
            shapes[word[0] as usize] |= 1 << word.len().min(63);
        }
        let short = PackedTable::new(
            masks
                .iter()
                .filter(|(w, _)| w.len() <= 8)
                .map(|(w, &m)| (pack(w), m)),
        );
        let mut long = Bits16::new();
        for w in masks.keys().filter(|w| w.len() > 8) {
            long.insert(top16(long_hash(pack(w), w.len())));
        }
        Stoplists {
            languages: LANGUAGES.to_vec(),
            short,
            masks,
            shapes,
            long,
        }
    }

    /// Language codes, in mask-bit order.
    pub fn languages(&self) -> &[&'static str] {
        &self.languages
    }

    /// The languages (as a bitmask) of which the lowercased `word` is a stopword.
    #[inline]
    pub fn mask(&self, word: &[u8]) -> u32 {
        let Some(&first) = word.first() else {
            return 0;
        };
        if self.shapes[first as usize] & (1 << word.len().min(63)) == 0 {
            return 0;
        }
        if word.len() <= 8 {
            return self.short.get(pack(word));
        }
        if !self.long.contains(top16(long_hash(pack(word), word.len()))) {
            return 0;
        }
        self.masks.get(word).copied().unwrap_or(0)
    }

    /// [`mask`](Self::mask) of the word `text[start..end]`, made of ASCII
    /// letters and digits in any case (lowercased while packed), with its
    /// first 8 bytes lowercased as a little-endian `u64` (zero-padded).
    #[inline(always)]
    pub fn mask_ascii_alnum(&self, text: &[u8], start: usize, end: usize) -> (u32, u64) {
        debug_assert!(text[start..end].iter().all(u8::is_ascii_alphanumeric));
        let len = end - start;
        let low = low_bytes(len);
        // One unaligned load where the text goes on for 8 bytes.
        let raw = match load8(text, start) {
            Some(eight) => eight & low,
            None => pack(&text[start..end]),
        };
        // Setting bit 5 lowercases ASCII letters and leaves digits alone.
        let lower8 = raw | (0x2020_2020_2020_2020 & low);
        if len <= 8 {
            return (self.short.get(lower8), lower8);
        }
        if !self.long.contains(top16(long_hash(lower8, len))) {
            return (0, lower8);
        }
        (self.long_ascii_mask(&text[start..end]), lower8)
    }

    /// [`mask`](Self::mask) of an ASCII word of more than 8 bytes, in any case.
    #[inline(never)]
    fn long_ascii_mask(&self, word: &[u8]) -> u32 {
        let mut buf = [0u8; 63];
        let Some(lower) = buf.get_mut(..word.len()) else {
            return 0;
        };
        lower.copy_from_slice(word);
        lower.make_ascii_lowercase();
        self.masks.get(&*lower).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_words() {
        let sl = Stoplists::builtin();
        assert!(LANGUAGES.len() <= 32, "masks are u32");
        for (bit, code) in sl.languages().iter().enumerate() {
            let n = sl.masks.values().filter(|&&m| m & (1 << bit) != 0).count();
            assert!(n >= 20, "{code} has only {n} stopwords");
        }
    }

    #[test]
    fn extra_words_complete_a_crate_list_unless_they_replace_it() {
        let sl = Stoplists::builtin();
        let bit = |code: &str| 1u32 << LANGUAGES.iter().position(|&c| c == code).unwrap();
        // Finnish: the crate's "ja" and "on", and the extra "myös".
        for word in ["ja", "on", "myös"] {
            assert_ne!(sl.mask(word.as_bytes()) & bit("fi"), 0, "{word}");
        }
        // Turkish: its own list only ("bir", not NLTK's "acaba").
        assert_ne!(sl.mask(b"bir") & bit("tr"), 0);
        assert_eq!(sl.mask(b"acaba") & bit("tr"), 0);
    }

    #[test]
    fn every_stopword_is_found_by_every_lookup_in_any_case() {
        let sl = Stoplists::builtin();
        let mut checked = 0;
        for (word, &mask) in &sl.masks {
            assert_eq!(sl.mask(word), mask, "{word:?}");
            if word.iter().all(u8::is_ascii_alphanumeric) {
                let upper = word.to_ascii_uppercase();
                let padded = [&upper[..], b" tail"].concat();
                assert_eq!(sl.mask_ascii_alnum(&upper, 0, upper.len()).0, mask);
                assert_eq!(sl.mask_ascii_alnum(&padded, 0, upper.len()).0, mask);
                checked += 1;
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn lookups() {
        let sl = Stoplists::builtin();
        let en = 1 << 0;
        let de = 1 << 1;
        assert_ne!(sl.mask(b"the") & en, 0);
        assert_ne!(sl.mask("über".as_bytes()) & de, 0);
        assert_eq!(sl.mask(b"xylophone"), 0);
        assert_ne!(sl.mask("的".as_bytes()), 0);
        assert_ne!(sl.mask(b"themselves") & en, 0);
        for word in [
            "The",
            "THE",
            "the",
            "Themselves",
            "THEMSELVES",
            "Xylophone",
            "a1",
        ] {
            let padded = format!("{word} and more");
            let lower = word.to_ascii_lowercase();
            let mut first8 = [0u8; 8];
            let n = lower.len().min(8);
            first8[..n].copy_from_slice(&lower.as_bytes()[..n]);
            let want = (sl.mask(lower.as_bytes()), u64::from_le_bytes(first8));
            assert_eq!(
                sl.mask_ascii_alnum(word.as_bytes(), 0, word.len()),
                want,
                "{word}"
            );
            assert_eq!(
                sl.mask_ascii_alnum(padded.as_bytes(), 0, word.len()),
                want,
                "{word}"
            );
        }
    }
}
