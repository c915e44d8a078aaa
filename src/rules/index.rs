//! Finds the rules' phrases and the regexes' trigger literals in a paragraph
//! from the words and symbols the char pass noted (see [`Lookout`]): each
//! pattern is filed under the key of its rarest word (or its first symbol)
//! and checked in place where such a word starts, so no automaton reads
//! every byte. A pattern that may start inside a word (a regex literal with
//! no boundary before it) goes to a small Aho-Corasick automaton instead.

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

#[derive(Clone, Debug)]
struct Anchored {
    /// The part of the pattern before the spot's word, lowercased (empty
    /// when the pattern is filed under its first word or symbol).
    before: Box<str>,
    /// Up to the first 8 bytes of `body`, and a mask of them; 0 where the
    /// body is not ASCII there. `head_case` has bit 5 of the bytes that
    /// are letters: a text byte with that bit set must equal the head's.
    /// Where the text's bytes are ASCII, one comparison decides, and for a
    /// body of at most 8 ASCII bytes (`head_whole`) it is the whole test.
    head: u64,
    head_case: u64,
    head_mask: u64,
    head_whole: bool,
    /// The same of the last 8 bytes of `before`, in the high bytes.
    tail: u64,
    tail_case: u64,
    tail_mask: u64,
    tail_whole: bool,
    pattern: usize,
    /// The rest of the pattern, lowercased, from the spot on.
    body: Box<str>,
}

impl PhraseIndex {
    /// Files every pattern; `variants` gives the case variants an
    /// automaton searches for a pattern found anywhere, and `common` says
    /// which words are too common to file a pattern under (stopwords).
    pub(super) fn build(
        patterns: &[PatternUse<'_>],
        variants: impl Fn(&str) -> Vec<String>,
        common: impl Fn(&str) -> bool,
    ) -> Result<PhraseIndex, aho_corasick::BuildError> {
        let mut lookout = Lookout::new();
        let mut by_key: FxHashMap<u64, Vec<Anchored>> = FxHashMap::default();
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
                        Some((SYMBOL_KEY | c as u64, Anchored::new(id, "", text)))
                    }
                    _ => None,
                },
                // A word after a symbol, or at a word start, starts a word
                // of the text; so does every later word. The rarest is the
                // one filed under: the longest that is not a stopword. A
                // pattern of function words only (`is the`, `of the`)
                // mostly ends with an article, the commonest word of all:
                // it is filed under its first word.
                Some(first) if first.start > 0 || !p.anywhere => {
                    let w = words
                        .iter()
                        .filter(|w| !common(&text[(*w).clone()]))
                        .max_by_key(|w| (w.len(), std::cmp::Reverse(w.start)))
                        .unwrap_or(first);
                    let word = &text[w.clone()];
                    let key = word_key(word.as_bytes());
                    let len = word.is_ascii().then_some(word.len());
                    lookout.add_word(key, len, p.open_end && w.end == text.len());
                    let (before, body) = text.split_at(w.start);
                    Some((key, Anchored::new(id, before, body)))
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
                .build(&residual_patterns)?;
            Some((automaton, residual_ids))
        };
        Ok(PhraseIndex {
            lookout,
            by_key: KeyTable::new(by_key),
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
            let mut check = |key: u64| {
                for a in self.by_key.get(key) {
                    let head = (text8 | a.head_case) & a.head_mask == a.head;
                    if !head && text8 & a.head_mask & HIGH == 0 {
                        continue;
                    }
                    let tail = (back8 | a.tail_case) & a.tail_mask == a.tail;
                    if !tail && back8 & a.tail_mask & HIGH == 0 {
                        continue;
                    }
                    let end = match spot.start + a.body.len() {
                        end if head && a.head_whole && end <= bytes.len() => end,
                        _ => match lowercase_match(para, spot.start, &a.body) {
                            Some(end) => end,
                            None => continue,
                        },
                    };
                    let start = match spot.start.checked_sub(a.before.len()) {
                        Some(start) if tail && a.tail_whole => start,
                        _ => match lowercase_match_back(para, spot.start, &a.before) {
                            Some(start) => start,
                            None => continue,
                        },
                    };
                    found(a.pattern, start, end);
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
/// and a [`PackedTable`] from each key to its group (numbered from 1).
#[derive(Clone, Debug)]
struct KeyTable {
    groups: PackedTable,
    /// Per group (from 1; 0 is unused): where its entries lie.
    ranges: Vec<(u32, u32)>,
    entries: Box<[Anchored]>,
}

impl KeyTable {
    fn new(by_key: FxHashMap<u64, Vec<Anchored>>) -> KeyTable {
        let mut ranges = vec![(0, 0)];
        let mut keys = Vec::with_capacity(by_key.len());
        let mut entries = Vec::new();
        for (key, list) in by_key {
            keys.push((key, ranges.len() as u32));
            ranges.push((entries.len() as u32, list.len() as u32));
            entries.extend(list);
        }
        KeyTable {
            groups: PackedTable::new(keys.into_iter()),
            ranges,
            entries: entries.into_boxed_slice(),
        }
    }

    /// The entries filed under `key` (none for an unknown key).
    #[inline]
    fn get(&self, key: u64) -> &[Anchored] {
        // Spots are words the lookout filtered already: most keys are here.
        let (start, len) = self.ranges[self.groups.get_likely(key) as usize];
        &self.entries[start as usize..(start + len) as usize]
    }
}

impl Anchored {
    fn new(pattern: usize, before: &str, body: &str) -> Anchored {
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
            before: before.into(),
            head,
            head_case,
            head_mask,
            head_whole: body.len() <= 8 && body.is_ascii(),
            tail,
            tail_case,
            tail_mask,
            tail_whole: before.len() <= 8 && before.is_ascii(),
            pattern,
            body: body.into(),
        }
    }
}

/// The byte ranges of the words of `text`, as the char pass splits them
/// (runs of word chars; a CJK char is a word of its own).
fn words(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
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
    let mut want = lower.as_bytes();
    let mut i = at;
    let mut chars = text.get(..at)?.chars();
    while !want.is_empty() {
        let c = chars.next_back()?;
        want = strip_lower(want, c, true)?;
        i -= c.len_utf8();
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
    use super::lowercase_match;

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
}
