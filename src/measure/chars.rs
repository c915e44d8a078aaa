//! Character classes for the char scan, and lowercasing as the scan and the
//! phrase index do it: tables built once instead of Unicode lookups per char.

use std::sync::LazyLock;

use super::words::Bits16;

/// Whether the char pass counts `c` as part of a word (a letter or digit).
pub(crate) fn is_word_char(c: char) -> bool {
    class_of(c) & ALNUM != 0
}

/// Whether a phrase match may not start or end beside `c`: a word char
/// as the regexes' `\b` sees one, which joins words at `_` too (the char
/// pass splits `foo_bar` in two; the phrase `bar` must not match there).
pub(crate) fn is_regex_word_char(c: char) -> bool {
    c == '_' || is_word_char(c)
}

/// Whether `c` is a word of its own (CJK, and the scripts of
/// [`is_unspaced`]).
pub(crate) fn is_cjk_char(c: char) -> bool {
    class_of(c) & CJK != 0
}

fn class_of(c: char) -> u8 {
    match BMP_CLASSES.get(c as usize) {
        Some(&class) => class,
        None => classify(c),
    }
}

/// Appends the lowercase of `c` to `out`, as the char pass lowercases words.
#[inline]
pub(crate) fn push_lower(c: char, out: &mut String) {
    match lower_char(c) {
        Some(l) => out.push(l),
        None => out.extend(c.to_lowercase()),
    }
}

/// The lowercase of `c` when it is one char (all but a few), as
/// [`push_lower`] writes it; `None` for the rest.
#[inline]
pub(crate) fn lower_char(c: char) -> Option<char> {
    match LOWERCASE.get(c as usize) {
        Some(&l) if l != '\0' => Some(l),
        // Han, kana, Hangul and most other chars above U+0800 have no case.
        None if !maybe_cased(c) => Some(c),
        _ => None,
    }
}

/// `want` without the lowercase of `c` at its start (or its end, with
/// `back`), when it is there: phrase matching compares the text's chars so,
/// with no allocation for a char that lowercases to one.
#[inline]
pub(crate) fn strip_lower(want: &[u8], c: char, back: bool) -> Option<&[u8]> {
    let strip = |lower: &[u8]| {
        if back {
            want.strip_suffix(lower)
        } else {
            want.strip_prefix(lower)
        }
    };
    match lower_char(c) {
        Some(l) => strip(l.encode_utf8(&mut [0; 4]).as_bytes()),
        None => strip(c.to_lowercase().collect::<String>().as_bytes()),
    }
}

pub(super) const WHITESPACE: u8 = 1;
pub(super) const ALNUM: u8 = 2;
pub(super) const ALPHA: u8 = 4;
pub(super) const UPPER: u8 = 8;
/// A word of its own: CJK, and the Thai-type scripts of [`is_unspaced`].
pub(super) const CJK: u8 = 16;
pub(super) const SENTENCE_END: u8 = 32;
pub(super) const SEPARATOR: u8 = 64;
pub(super) const PUNCTUATION: u8 = 128;

/// The classes of a char that the feature pass needs, as bit flags.
pub(super) fn classify(c: char) -> u8 {
    let mut class = 0;
    if is_sentence_end(c) {
        class |= SENTENCE_END;
    }
    if is_separator(c) {
        class |= SEPARATOR;
    }
    if is_punctuation(c) {
        class |= PUNCTUATION;
    }
    if c.is_whitespace() {
        class |= WHITESPACE;
    }
    let mark = is_word_mark(c);
    if c.is_alphanumeric() || mark {
        class |= ALNUM;
        if c.is_alphabetic() || mark {
            class |= ALPHA;
            if c.is_uppercase() {
                class |= UPPER;
            }
        }
        if is_cjk(c) || is_unspaced(c) {
            class |= CJK;
        }
    }
    class
}

/// A combining mark that Unicode does not call alphabetic but that belongs
/// to the word it sits in: a virama, a nukta, a tone mark, Hebrew and
/// Arabic vowel points, a combining accent of decomposed text. Counted as
/// letters, they no longer cut a Hindi or Thai word in two, nor count as
/// symbols. (Not the zero-width joiners or the keycap mark: emoji
/// sequences use them.)
fn is_word_mark(c: char) -> bool {
    let u = c as u32;
    let indic_or_southeast_asian =
        matches!(u, 0x0900..=0x0DFF | 0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF);
    if indic_or_southeast_asian {
        // Their blocks hold marks, and a few stops and signs that are not.
        return !c.is_alphanumeric()
            && !is_sentence_end(c)
            && !matches!(u, 0x0970 | 0x0E3F | 0x0E4F | 0x0E5A..=0x0E5B | 0x104A..=0x104F | 0x17D4..=0x17DB)
            && !c.is_whitespace()
            && !c.is_control();
    }
    matches!(u,
        0x0300..=0x036F      // combining diacritical marks
        | 0x0483..=0x0489    // Cyrillic
        | 0x0591..=0x05BD | 0x05BF | 0x05C1..=0x05C2 | 0x05C4..=0x05C5 | 0x05C7 // Hebrew points
        | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06DC | 0x06DF..=0x06E4
        | 0x06E7..=0x06E8 | 0x06EA..=0x06ED // Arabic
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0xFE20..=0xFE2F)
}

/// Thai, Lao, Myanmar and Khmer letters and marks: scripts written without
/// spaces between words, so that, as in Chinese, each char counts as a word
/// (a space there ends a phrase; see the char pass).
#[inline]
pub(crate) fn is_unspaced(c: char) -> bool {
    matches!(c as u32, 0x0E01..=0x0E4E | 0x0E50..=0x0E59 | 0x0E81..=0x0EDF | 0x1000..=0x1049 | 0x1050..=0x109F | 0x1780..=0x17D3 | 0x17DC..=0x17F9)
}

/// [`classify`] of the ASCII chars, for the word loop (no bounds check).
pub(super) static ASCII_CLASSES: LazyLock<[u8; 128]> =
    LazyLock::new(|| std::array::from_fn(|b| classify(b as u8 as char)));

/// The chars of the Basic Multilingual Plane that lowercase to something
/// else; chars above it count as cased (the search decides).
pub(super) static CASED_BMP: LazyLock<Bits16> = LazyLock::new(|| {
    let mut bits = Bits16::new();
    for c in (0u16..=u16::MAX)
        .filter(|&u| char::from_u32(u as u32).is_some_and(|c| c.to_lowercase().ne([c])))
    {
        bits.insert(c);
    }
    bits
});

/// Whether `c` lowercases to something else, or lies above the BMP.
pub(super) fn maybe_cased(c: char) -> bool {
    u16::try_from(c as u32).map_or(true, |u| CASED_BMP.contains(u))
}

/// The lowercase of every char below U+0800 (Latin, Greek, Cyrillic…) that
/// lowercases to one char, `\0` for the others: a lookup instead of the
/// search `char::to_lowercase` does.
pub(super) static LOWERCASE: LazyLock<Box<[char]>> = LazyLock::new(|| {
    (0u32..0x800)
        .map(|u| {
            let Some(c) = char::from_u32(u) else {
                return '\0';
            };
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => '\0',
            }
        })
        .collect()
});

/// [`classify`] for every char of the Basic Multilingual Plane, built once:
/// the Unicode property lookups behind it were 6% of the text time.
pub(super) static BMP_CLASSES: LazyLock<Box<[u8]>> = LazyLock::new(|| {
    let mut table: Box<[u8]> = (0u32..0x10000)
        .map(|u| {
            if UNIFORM_BLOCKS.iter().any(|b| b.contains(&u)) {
                0 // filled below
            } else {
                char::from_u32(u).map_or(0, classify)
            }
        })
        .collect();
    for block in UNIFORM_BLOCKS {
        let class = char::from_u32(block.start).map_or(0, classify);
        table[block.start as usize..block.end as usize].fill(class);
    }
    table
});

/// Blocks of the BMP whose chars all classify alike (a test checks every
/// char): one call each instead of 45,000, a quarter of the start of a
/// process.
const UNIFORM_BLOCKS: [std::ops::Range<u32>; 4] = [
    0x3400..0x4DC0, // CJK Extension A
    0x4E00..0xA000, // CJK Unified Ideographs
    0xAC00..0xD7A4, // Hangul syllables
    0xE000..0xF900, // Private use
];

/// Han ideographs, kana and CJK punctuation-free letters that are written
/// without spaces, so each is treated as a word.
#[inline]
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK Extension A
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xF900..=0xFAFF    // CJK Compatibility Ideographs
        | 0x20000..=0x2FA1F) // Extensions B–F, compatibility supplement
}

pub(super) fn is_sentence_end(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '…'
            | '。'
            | '！'
            | '？'
            | '؟'
            | '।'
            | '॥'
            | '۔'
            | '։'
            | '።'
            | '။'
            | '។'
            | '།'
    )
}

pub(super) fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '”' | '’' | '»' | '›' | '」' | '』' | '）'
    )
}

pub(super) fn is_separator(c: char) -> bool {
    matches!(c, '|' | '»' | '›' | '/' | '·' | '•' | '>' | '–' | '—' | '-')
}

/// Punctuation that prose uses; anything else non-alphanumeric is a symbol.
pub(super) fn is_punctuation(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '\''
            | '"'
            | '('
            | ')'
            | '['
            | ']'
            | '-'
            | '–'
            | '—'
            | '…'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '«'
            | '»'
            | '„'
            | '%'
            | '&'
            | '/'
            | '$'
            | '€'
            | '£'
            | '、'
            | '。'
            | '，'
            | '：'
            | '；'
            | '！'
            | '？'
            | '「'
            | '」'
            | '（'
            | '）'
    )
}
