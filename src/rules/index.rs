//! Finds the rules' phrases and the regexes' trigger literals in a paragraph
//! from the words and symbols the char pass noted (see [`Lookout`]): each
//! pattern is filed under the key of its rarest word (or its first symbol)
//! and checked in place where such a word starts, so no automaton reads
//! every byte. A pattern that may start inside a word (a regex literal with
//! no boundary before it) goes to a small Aho-Corasick automaton instead.

use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxHashMap;

use crate::measure::PackedTable;
use crate::measure::{Lookout, SYMBOL_KEY, Spot, is_cjk_char, is_word_char, strip_lower, word_key};
use crate::swar::{HIGH, load8_before, load8_padded};

/// What the index needs to know of a pattern.
pub(super) struct PatternUse<'a> {
    /// The pattern, lowercased as the char pass lowercases words.
    pub text: &'a str,
    /// Some use of it (a regex trigger literal) must be found wherever it
    /// occurs, inside words too.
    pub anywhere: bool,
    /// It may match the start of a longer word (a `*` phrase, a trigger
    /// literal), so text words are also looked up by their first bytes.
    pub open_end: bool,
}

#[derive(Clone, Debug)]
pub(super) struct PhraseIndex {
    lookout: Lookout,
    by_key: KeyTable,
    /// The patterns found anywhere, with the pattern id of each of the
    /// automaton's patterns (case variants of one pattern share it).
    residual: Option<(AhoCorasick, Vec<usize>)>,
}

/// A pattern filed under a key: 64 bytes, one cache line, with its text in
/// [`KeyTable`]'s `text` (a pattern's lowercase, `before` then `body`).
/// Trying the entries of a key was a tenth of the text pass, most of it
/// waiting for memory: the entries were 96 bytes with two strings each
/// elsewhere on the heap.
#[derive(Clone, Debug)]
struct Anchored {
    /// Up to the first 8 bytes of `body`, and a mask of them; 0 where the
    /// body is not ASCII there. `head_case` has bit 5 of the bytes that
    /// are letters: a text byte with that bit set must equal the head's.
    /// Where the text's bytes are ASCII, one comparison decides, and for a
    /// body of at most 8 ASCII bytes (`head_whole`) it is the whole test.
    head: u64,
    head_case: u64,
    head_mask: u64,
    /// The same of the last 8 bytes of `before`, in the high bytes.
    tail: u64,
    tail_case: u64,
    tail_mask: u64,
    pattern: u32,
    /// Where the pattern's text starts in the table's `text`.
    at: u32,
    /// The length of the part of the pattern before the spot's word (0
    /// when the pattern is filed under its first word or symbol), and of
    /// the rest, the body, from the spot on.
    before_len: u16,
    body_len: u16,
    head_whole: bool,
    tail_whole: bool,
}

impl PhraseIndex {
    /// Files every pattern; `variants` gives the case variants an
    /// automaton searches for a pattern found anywhere, and `common` says
    /// which words are too common to file a pattern under (stopwords).
    pub(super) fn build(
        patterns: &[PatternUse<'_>],
        variants: impl Fn(&str) -> Vec<String>,
        common: impl Fn(&str) -> bool,
    ) -> Result<PhraseIndex, String> {
        let mut lookout = Lookout::new();
        let mut by_key: FxHashMap<u64, Vec<(usize, &str, &str)>> = FxHashMap::default();
        let mut residual_patterns = Vec::new();
        let mut residual_ids = Vec::new();
        for (id, p) in patterns.iter().enumerate() {
            let text = p.text;
            let words = words(text);
            let anchored = match words.first() {
                // Only symbols: filed under the first one, unless it is
                // whitespace (the char pass does not note those).
                None => match text.chars().next() {
                    Some(c) if !c.is_whitespace() => {
                        lookout.add_symbol(c);
                        Some((SYMBOL_KEY | c as u64, (id, "", text)))
                    }
                    _ => None,
                },
                // A word after a symbol, or at a word start, starts a word
                // of the text; so does every later word. The rarest is the
                // one filed under: the longest that is not a stopword, nor
                // a short last word that longer words may start with (the
                // `th` of `go.th` is looked up at every `the`). A pattern
                // of function words only (`is the`, `of the`) mostly ends
                // with an article, the commonest word of all: it is filed
                // under its first word, unless that is one letter (`a dit`).
                Some(first) if first.start > 0 || !p.anywhere => {
                    let open_short =
                        |w: &Range<usize>| p.open_end && w.end == text.len() && w.len() < 4;
                    let longest = |w: &&Range<usize>| (w.len(), std::cmp::Reverse(w.start));
                    let w = words
                        .iter()
                        .filter(|w| !common(&text[(*w).clone()]) && !open_short(w))
                        .max_by_key(longest)
                        .or_else(|| match text[first.clone()].chars().count() {
                            1 => words.iter().max_by_key(longest),
                            _ => None,
                        })
                        .unwrap_or(first);
                    let word = &text[w.clone()];
                    let key = word_key(word.as_bytes());
                    let len = word.is_ascii().then_some(word.len());
                    lookout.add_word(key, len, p.open_end && w.end == text.len());
                    let (before, body) = text.split_at(w.start);
                    Some((key, (id, before, body)))
                }
                Some(_) => None,
            };
            match anchored {
                Some((key, a)) => by_key.entry(key).or_default().push(a),
                None => {
                    for v in variants(p.text) {
                        residual_patterns.push(v);
                        residual_ids.push(id);
                    }
                }
            }
        }
        let residual = if residual_patterns.is_empty() {
            None
        } else {
            let automaton = AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(&residual_patterns)
                .map_err(|e| e.to_string())?;
            Some((automaton, residual_ids))
        };
        Ok(PhraseIndex {
            lookout,
            by_key: KeyTable::new(by_key)?,
            residual,
        })
    }

    /// How many patterns (case variants counted) the automaton that scans
    /// every paragraph holds.
    #[cfg(test)]
    pub(super) fn scanned_patterns(&self) -> usize {
        self.residual.as_ref().map_or(0, |(_, ids)| ids.len())
    }

    /// What the char pass should note for [`find`](Self::find).
    pub(super) fn lookout(&self) -> &Lookout {
        &self.lookout
    }

    /// Calls `found(pattern, start, end)` for the occurrences of patterns in
    /// `para` (byte offsets), given the paragraph's `spots`: every
    /// occurrence at a word start (or after a lead of symbols), and every
    /// occurrence of a pattern found anywhere. Letters are compared in
    /// lower case.
    pub(super) fn find(
        &self,
        para: &str,
        spots: &[Spot],
        mut found: impl FnMut(usize, usize, usize),
    ) {
        let bytes = para.as_bytes();
        for spot in spots {
            let text8 = load8_padded(bytes, spot.start);
            // The 8 bytes before the spot (zeros before the paragraph).
            let back8 = load8_before(bytes, spot.start);
            let table = &self.by_key;
            let mut check = |key: u64| {
                for a in table.get(key) {
                    let head = (text8 | a.head_case) & a.head_mask == a.head;
                    if !head && text8 & a.head_mask & HIGH == 0 {
                        continue;
                    }
                    let tail = (back8 | a.tail_case) & a.tail_mask == a.tail;
                    if !tail && back8 & a.tail_mask & HIGH == 0 {
                        continue;
                    }
                    let end = match spot.start + a.body_len as usize {
                        end if head && a.head_whole && end <= bytes.len() => end,
                        _ => match lowercase_match(para, spot.start, table.body(a)) {
                            Some(end) => end,
                            None => continue,
                        },
                    };
                    let start = match spot.start.checked_sub(a.before_len as usize) {
                        Some(start) if tail && a.tail_whole => start,
                        _ => match lowercase_match_back(para, spot.start, table.before(a)) {
                            Some(start) => start,
                            None => continue,
                        },
                    };
                    found(a.pattern as usize, start, end);
                }
            };
            check(spot.key);
            if spot.key & SYMBOL_KEY == 0 {
                self.lookout.shorter_keys(spot.key, check);
            }
        }
        if let Some((automaton, ids)) = &self.residual {
            for m in automaton.find_overlapping_iter(para) {
                found(ids[m.pattern().as_usize()], m.start(), m.end());
            }
        }
    }
}

/// The entries filed under each key: one array of entries, grouped by key,
/// and a [`PackedTable`] from each key to where its group lies (see
/// [`GROUP_LEN_BITS`]), so that a lookup is one probe and the entries.
#[derive(Clone, Debug)]
struct KeyTable {
    groups: PackedTable,
    entries: Box<[Anchored]>,
    /// The patterns' lowercase text, one after the other.
    text: Box<str>,
}

/// A group's place in the table's value: its first entry above these bits,
/// its length in them.
const GROUP_LEN_BITS: u32 = 12;

impl KeyTable {
    fn new(by_key: FxHashMap<u64, Vec<(usize, &str, &str)>>) -> Result<KeyTable, String> {
        let mut keys = Vec::with_capacity(by_key.len());
        let mut entries = Vec::new();
        let mut text = String::new();
        for (key, list) in by_key {
            let (start, len) = (entries.len(), list.len());
            let too_many = len >= 1 << GROUP_LEN_BITS || start >= 1 << (32 - GROUP_LEN_BITS);
            if too_many {
                // A user's rule file of a million phrases; the built-in
                // one files 3,000, at most 70 under one key.
                return Err(too_large());
            }
            keys.push((key, (start << GROUP_LEN_BITS | len) as u32));
            for (pattern, before, body) in list {
                let at = text.len();
                text.push_str(before);
                text.push_str(body);
                let fits = |n: usize| u16::try_from(n).map_err(|_| too_large());
                entries.push(Anchored::new(
                    pattern as u32,
                    u32::try_from(at).map_err(|_| too_large())?,
                    (before, fits(before.len())?),
                    (body, fits(body.len())?),
                ));
            }
        }
        Ok(KeyTable {
            groups: PackedTable::new(keys.into_iter()),
            entries: entries.into_boxed_slice(),
            text: text.into_boxed_str(),
        })
    }

    /// The entries filed under `key` (none for an unknown key).
    #[inline]
    fn get(&self, key: u64) -> &[Anchored] {
        // Spots are words the lookout filtered already: most keys are here.
        let place = self.groups.get_likely(key) as usize;
        let (start, len) = (place >> GROUP_LEN_BITS, place & ((1 << GROUP_LEN_BITS) - 1));
        self.entries.get(start..start + len).unwrap_or_default()
    }

    fn before(&self, a: &Anchored) -> &str {
        let at = a.at as usize;
        self.text
            .get(at..at + a.before_len as usize)
            .unwrap_or_default()
    }

    fn body(&self, a: &Anchored) -> &str {
        let at = a.at as usize + a.before_len as usize;
        self.text
            .get(at..at + a.body_len as usize)
            .unwrap_or_default()
    }
}

/// The index's limits passed: more patterns, or longer, than its `u32`
/// and `u16` places hold.
fn too_large() -> String {
    "more than 4,095 phrases start with the same four bytes, or a phrase is over 65,535 bytes"
        .to_string()
}

impl Anchored {
    fn new(
        pattern: u32,
        at: u32,
        (before, before_len): (&str, u16),
        (body, body_len): (&str, u16),
    ) -> Anchored {
        // Byte `i` of a word is at bit `8 * i`; the tail's last byte is
        // byte 7.
        let bits_of = |bytes: &mut dyn Iterator<Item = (usize, &u8)>| {
            let (mut value, mut case, mut mask) = (0u64, 0u64, 0u64);
            for (i, &b) in bytes {
                if !b.is_ascii() {
                    break;
                }
                value |= (b as u64) << (8 * i);
                case |= ((b.is_ascii_lowercase() as u64) << 5) << (8 * i);
                mask |= 0xFF << (8 * i);
            }
            (value, case, mask)
        };
        let (head, head_case, head_mask) = bits_of(&mut body.as_bytes().iter().take(8).enumerate());
        let (tail, tail_case, tail_mask) = bits_of(
            &mut before
                .as_bytes()
                .iter()
                .rev()
                .take(8)
                .enumerate()
                .map(|(i, b)| (7 - i, b)),
        );
        Anchored {
            head,
            head_case,
            head_mask,
            tail,
            tail_case,
            tail_mask,
            pattern,
            at,
            before_len,
            body_len,
            head_whole: body.len() <= 8 && body.is_ascii(),
            tail_whole: before.len() <= 8 && before.is_ascii(),
        }
    }
}

/// The byte ranges of the words of `text`, as the char pass splits them
/// (runs of word chars; a CJK char is a word of its own).
fn words(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut open = false;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if !is_word_char(c) {
            open = false;
        } else if is_cjk_char(c) {
            out.push(i..end);
            open = false;
        } else if open {
            if let Some(last) = out.last_mut() {
                last.end = end;
            }
        } else {
            out.push(i..end);
            open = true;
        }
    }
    out
}

/// Where `lower` (lowercased) starts if it occurs in `text` right before
/// `at`, each char of the text lowercased as the char pass does.
fn lowercase_match_back(text: &str, at: usize, lower: &str) -> Option<usize> {
    let bytes = text.get(..at)?.as_bytes();
    let mut want = lower.as_bytes();
    let mut i = at;
    while let Some((&w, rest)) = want.split_last() {
        let b = *bytes.get(i.checked_sub(1)?)?;
        // An ASCII char compares as one byte (most of what precedes a
        // spot); others are decoded and lowercased, as forwards.
        if b < 0x80 {
            if b.to_ascii_lowercase() != w {
                return None;
            }
            want = rest;
            i -= 1;
        } else {
            let c = text.get(..i)?.chars().next_back()?;
            want = strip_lower(want, c, true)?;
            i -= c.len_utf8();
        }
    }
    Some(i)
}

/// Where `lower` (lowercased) ends if it occurs in `text` at `at`, each
/// char of the text lowercased as the char pass does.
fn lowercase_match(text: &str, at: usize, lower: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut want = lower.as_bytes();
    let mut i = at;
    while let Some(&w) = want.first() {
        let b = *bytes.get(i)?;
        if b < 0x80 {
            if b.to_ascii_lowercase() != w {
                return None;
            }
            want = &want[1..];
            i += 1;
        } else {
            // Most non-ASCII chars of a match (Cyrillic, CJK) are lowercase
            // or have no case: their bytes are the wanted ones, and no char
            // needs decoding or lowercasing.
            let len = match b {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            let same = want.len() >= len
                && bytes.len() >= i + len
                && (0..len).all(|k| want[k] == bytes[i + k]);
            if same {
                want = &want[len..];
                i += len;
            } else {
                let c = text.get(i..)?.chars().next()?;
                want = strip_lower(want, c, false)?;
                i += c.len_utf8();
            }
        }
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::{PatternUse, PhraseIndex, lowercase_match, lowercase_match_back};
    use crate::measure::word_key;

    #[test]
    fn a_short_open_last_word_or_one_letter_is_not_what_a_pattern_is_filed_under() {
        let uses = [
            // A trigger literal: `th` may start a longer word.
            PatternUse {
                text: "go.th",
                anywhere: false,
                open_end: true,
            },
            PatternUse {
                text: "a dit",
                anywhere: false,
                open_end: false,
            },
        ];
        let common = |w: &str| w == "go" || w == "dit" || w == "a";
        let index = PhraseIndex::build(&uses, |p| vec![p.to_string()], common).unwrap();
        let wants = |w: &str| {
            index
                .lookout()
                .wants_word(word_key(w.as_bytes()), Some(w.len()))
        };
        // Filed under `go` and `dit`: `the` and `a` are not looked up.
        assert!(wants("go") && wants("dit"));
        assert!(!wants("the") && !wants("this") && !wants("a"));
        // Both are still found where their words are.
        let spots = |text: &str, word: &str| {
            let start = text.find(word).unwrap();
            vec![crate::measure::Spot {
                start,
                end: start + word.len(),
                key: word_key(word.as_bytes()),
            }]
        };
        let mut found = Vec::new();
        let text = "see thai.go.thailand";
        index.find(text, &spots(text, "go"), |p, s, e| found.push((p, s, e)));
        let text = "Il a dit non";
        index.find(text, &spots(text, "dit"), |p, s, e| found.push((p, s, e)));
        assert_eq!(found, vec![(0, 9, 14), (1, 3, 8)]);
    }

    #[test]
    fn lowercase_match_compares_non_ascii_chars_in_lower_case() {
        // Lowercase or caseless chars are compared as bytes, others lowercased.
        assert_eq!(lowercase_match("привет мир", 0, "привет"), Some(12));
        assert_eq!(lowercase_match("Привет мир", 0, "привет"), Some(12));
        assert_eq!(lowercase_match("ПРИВЕТ", 0, "привет"), Some(12));
        assert_eq!(lowercase_match("ÉCOLE", 0, "école"), Some(6));
        assert_eq!(lowercase_match("我们猜你喜欢", 6, "猜你喜欢"), Some(18));
        assert_eq!(lowercase_match("😀 ok", 0, "😀 ok"), Some(7));
        // A different char, or text that ends first, is no match.
        assert_eq!(lowercase_match("приват", 0, "привет"), None);
        assert_eq!(lowercase_match("猜你喜", 0, "猜你喜欢"), None);
        assert_eq!(lowercase_match("ü", 0, "u"), None);
        assert_eq!(lowercase_match("über", 0, "ü"), Some(2));
    }

    #[test]
    fn lowercase_match_back_compares_in_lower_case() {
        assert_eq!(
            lowercase_match_back("Read MORE here", 9, "read more"),
            Some(0)
        );
        assert_eq!(
            lowercase_match_back("Lire AUSSI", 10, "lire aussi"),
            Some(0)
        );
        assert_eq!(lowercase_match_back("x ÉCOLE", 8, "école"), Some(2));
        assert_eq!(
            lowercase_match_back("Читайте ТАКЖЕ", 25, "читайте также"),
            Some(0)
        );
        assert_eq!(lowercase_match_back("相关阅读", 12, "阅读"), Some(6));
        assert_eq!(lowercase_match_back("read mode", 9, "read more"), None);
        assert_eq!(lowercase_match_back("more", 4, "read more"), None);
    }
}
