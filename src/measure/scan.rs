//! The char scan: one pass over a paragraph's chars counts words,
//! stopwords of every language, capitals, digits, symbols, sentence ends and
//! separators, and notes the spots the phrase index asks for.

use super::chars::*;
use super::contacts::{Seen, count_patterns};
use super::features::Features;
use super::lookout::{Lookout, Spot};
use super::promo_model::{Gram, MODEL, Model, ParagraphGrams, short_ascii_hash, word_hash_in};
use super::stoplists::{LANGUAGE_COUNT, Stoplists};
use super::words::{SYMBOL_KEY, ascii_key, word_key};
use crate::swar::{HIGH, bytes_in, load8};

/// The stopword hits of one paragraph, for every language at once: the
/// document language is known only once every paragraph is measured.
pub(super) struct Hits {
    /// Per language, indexed like [`Stoplists::languages`] (at most 32
    /// languages: masks are `u32`).
    pub(super) counts: [u16; 32],
    /// The languages with a hit, as a mask.
    pub(super) languages: u32,
    /// The hash of the speaker label that opens it (see
    /// [`speaker_label`](super::speaker_label)).
    pub(super) label: Option<u64>,
}

/// The word `dot` as [`Stoplists::mask_ascii_alnum`] packs it.
const DOT: u64 = u32::from_le_bytes(*b"dot\0") as u64;

/// What the char pass does with each word: stopword hits per language,
/// the `dot` test, and the spots the lookout asks for.
pub(super) struct WordSink<'a, const RECORD: bool> {
    pub(super) text: &'a str,
    pub(super) stoplists: &'a Stoplists,
    pub(super) lookout: &'a Lookout,
    pub(super) hits: LanguageTally,
    /// The languages in `hits`, as a mask.
    pub(super) languages: u32,
    /// The lowercase of a non-ASCII word.
    pub(super) lower: String,
    /// Where the paragraph's spots start.
    pub(super) first_spot: usize,
    pub(super) dot_word: bool,
    /// The promo model's running score of the paragraph's words.
    pub(super) grams: ParagraphGrams<'a, RECORD>,
}

impl<const RECORD: bool> WordSink<'_, RECORD> {
    /// A word that ended: `ascii` when it is made of ASCII letters and
    /// digits only (most words: that path is inlined).
    #[inline(always)]
    fn end(
        &mut self,
        start: usize,
        end: usize,
        title: bool,
        ascii: bool,
        f: &mut Features,
        spots: &mut Vec<Spot>,
    ) {
        f.words += 1;
        f.title_words += title as u32;
        let (mask, key, hash) = if ascii {
            let bytes = self.text.as_bytes();
            let (mask, lower8) = self.stoplists.mask_ascii_alnum(bytes, start, end);
            self.dot_word |= lower8 == DOT;
            let hash = if end - start <= 8 {
                short_ascii_hash(lower8, end - start)
            } else {
                word_hash_in(bytes, start, end)
            };
            (mask, lower8 & 0xFFFF_FFFF, hash)
        } else {
            self.lowercase(start, end)
        };
        // A stopword (`zwischen`, `because`) says nothing of the subject.
        if !ascii && mask == 0 && is_cjk_content(&self.text.as_bytes()[start..end]) {
            self.grams.cjk_content(hash.0, start, end);
        }
        self.grams.word(hash, start, end, mask == 0);
        self.hits.add(mask);
        self.languages |= mask;
        self.note(start, end, key, ascii, spots);
    }

    /// The stopword mask and key of a word with non-ASCII letters (or a
    /// CJK character), through its lowercase: on the stack (most such
    /// words are a CJK char or a short word with an accent), in `lower`
    /// when it is longer.
    #[inline(never)]
    pub(super) fn lowercase(&mut self, start: usize, end: usize) -> (u32, u64, (u64, u64)) {
        let mut buf = [0u8; 64];
        let mut n = 0;
        let table: &[char] = &LOWERCASE;
        for c in self.text[start..end].chars() {
            let l = match table.get(c as usize) {
                Some(&l) if l != '\0' => l,
                None if !maybe_cased(c) => c,
                _ => return self.lowercase_long(start, end),
            };
            match buf.get_mut(n..n + l.len_utf8()) {
                Some(to) => n += l.encode_utf8(to).len(),
                None => return self.lowercase_long(start, end),
            }
        }
        let lower = &buf[..n];
        (
            self.stoplists.mask(lower),
            word_key(lower),
            word_hash_in(&buf, 0, n),
        )
    }

    /// [`lowercase`](Self::lowercase) of a word that is long, or has a
    /// char whose lowercase is not one char of the table.
    #[cold]
    pub(super) fn lowercase_long(&mut self, start: usize, end: usize) -> (u32, u64, (u64, u64)) {
        self.lower.clear();
        for c in self.text[start..end].chars() {
            push_lower(c, &mut self.lower);
        }
        let lower = self.lower.as_bytes();
        let hash = word_hash_in(lower, 0, lower.len());
        (self.stoplists.mask(lower), word_key(lower), hash)
    }

    #[inline(always)]
    fn note(&self, start: usize, end: usize, key: u64, ascii: bool, spots: &mut Vec<Spot>) {
        // The leading ASCII run of `it’s` was noted already.
        if self.lookout.wants_word(key, ascii.then_some(end - start))
            && spots[self.first_spot..]
                .last()
                .is_none_or(|s| s.start != start || s.key != key)
        {
            spots.push(Spot { start, end, key });
        }
    }
}

/// A Han char (U+4E00..U+9FFF) or katakana (U+30A0..U+30FF): the chars
/// that carry a Chinese or Japanese text's subject; hiragana and
/// punctuation mostly its grammar.
#[inline]
fn is_cjk_content(word: &[u8]) -> bool {
    match *word {
        [0xE4..=0xE9, _, _] => true,
        [0xE3, 0x82, c] => c >= 0xA0,
        [0xE3, 0x83, _] => true,
        _ => false,
    }
}

/// Measures one paragraph: one pass over its chars, then the prefiltered
/// regexes. The words and symbols `lookout` asks for go to `spots`.
#[inline(always)]
pub(super) fn measure(
    text: &str,
    stoplists: &Stoplists,
    lookout: &Lookout,
    model: &Model,
    spots: &mut Vec<Spot>,
    (grams, long): (&mut Vec<u32>, &mut Vec<u64>),
    f: &mut Features,
) -> Hits {
    measure_recording::<false>(
        text,
        stoplists,
        lookout,
        model,
        spots,
        (grams, None, long),
        f,
    )
}

/// The grams of the promo model in `text`, read as [`measure`] reads a
/// paragraph, into `out`.
pub(super) fn measure_grams(text: &str, out: &mut Vec<Gram>) {
    // Built once: a lookout's tables are large to zero, and the document
    // asks this of every short line alone between prose.
    static NOTHING: std::sync::LazyLock<Lookout> = std::sync::LazyLock::new(Lookout::new);
    let lookout = &*NOTHING;
    let (stoplists, model) = (Stoplists::builtin(), &*MODEL);
    let mut f = Features::default();
    let (spots, grams) = (&mut Vec::new(), &mut Vec::new());
    measure_recording::<true>(
        text,
        stoplists,
        lookout,
        model,
        spots,
        (grams, Some(out), &mut Vec::new()),
        &mut f,
    );
}

/// [`measure`], with scratch for the promo model's word grams and, when
/// asked, a list to note the grams themselves in (`grams`).
#[inline(always)]
fn measure_recording<const RECORD: bool>(
    text: &str,
    stoplists: &Stoplists,
    lookout: &Lookout,
    model: &Model,
    spots: &mut Vec<Spot>,
    (grams, record, long): (&mut Vec<u32>, Option<&mut Vec<Gram>>, &mut Vec<u64>),
    f: &mut Features,
) -> Hits {
    // The features are written in place: returned by value, the struct
    // (over 100 bytes) was copied twice per paragraph.
    let mut pass = CharPass {
        f,
        seen: Seen::default(),
        word: None,
        words: WordSink {
            text,
            stoplists,
            lookout,
            hits: LanguageTally::default(),
            languages: 0,
            lower: String::new(),
            first_spot: spots.len(),
            dot_word: false,
            grams: ParagraphGrams::<RECORD>::new(model, grams, record, long),
        },
        prev_whitespace: true,
        unspaced: false,
    };
    let bytes = text.as_bytes();
    let ascii_table: &[u8; 128] = &ASCII_CLASSES;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i = if b < 0x80 && ascii_table[b as usize] & ALNUM != 0 {
            // Most text is runs of ASCII letters and digits.
            pass.ascii_run(i, ascii_table, spots)
        } else if b == b' ' {
            pass.space(i, spots)
        } else {
            pass.char_at(i, spots)
        };
    }
    pass.finish(spots)
}

/// The state of [`measure`]'s pass over a paragraph's chars.
struct CharPass<'a, const RECORD: bool> {
    f: &'a mut Features,
    seen: Seen,
    /// The word being read: its start, whether it starts with a capital
    /// and whether it is all ASCII.
    word: Option<(usize, bool, bool)>,
    words: WordSink<'a, RECORD>,
    prev_whitespace: bool,
    /// Whether a char of a script written without spaces between words
    /// (Thai, Lao, Myanmar, Khmer) was read.
    unspaced: bool,
}

impl<const RECORD: bool> CharPass<'_, RECORD> {
    /// Counts the whole run of ASCII letters and digits at `start`; returns
    /// where the pass goes on.
    #[inline(always)]
    fn ascii_run(&mut self, start: usize, ascii_table: &[u8; 128], spots: &mut Vec<Spot>) -> usize {
        let bytes = self.words.text.as_bytes();
        let (i, digits, capitals) = ascii_run(bytes, start, ascii_table);
        let f = &mut *self.f;
        let run = (i - start) as u32;
        f.chars += run;
        f.word_chars += run;
        f.letters += run - digits;
        f.capitals += capitals;
        f.digits += digits;
        let title = ascii_table[bytes[start] as usize] & UPPER != 0;
        self.prev_whitespace = false;
        match self.word {
            None if bytes.get(i).is_none_or(|&b| b < 0x80) => {
                self.words.end(start, i, title, true, f, spots);
                // Most words are followed by a space, which only ends the
                // word.
                if bytes.get(i) == Some(&b' ') {
                    self.prev_whitespace = true;
                    return i + 1;
                }
            }
            // A non-ASCII letter may go on with the word (`café`), or start
            // after the run. Either way a regex's ASCII `\b` sees a word
            // edge there: the run is noted like a word, for the trigger
            // literals that rely on it.
            _ => {
                match self.word {
                    Some((_, _, ref mut ascii)) => *ascii = false,
                    None => self.word = Some((start, title, true)),
                }
                let key = ascii_key(&bytes[start..i]);
                self.words.note(start, i, key, true, spots);
            }
        }
        i
    }

    /// A space at `i`: it only ends a word.
    #[inline(always)]
    fn space(&mut self, i: usize, spots: &mut Vec<Spot>) -> usize {
        self.end_word(i, spots);
        self.prev_whitespace = true;
        i + 1
    }

    #[inline(always)]
    fn end_word(&mut self, at: usize, spots: &mut Vec<Spot>) {
        if let Some((s, title, ascii)) = self.word.take() {
            self.words.end(s, at, title, ascii, self.f, spots);
        }
    }

    /// Any other char, at `i`: classified by a table in the Basic
    /// Multilingual Plane, by the Unicode functions above it. Returns
    /// where the next char starts.
    #[inline(always)]
    fn char_at(&mut self, i: usize, spots: &mut Vec<Spot>) -> usize {
        let text = self.words.text;
        let bytes = text.as_bytes();
        let (c, len) = match bytes[i] {
            b if b < 0x80 => (b as char, 1),
            _ => {
                let c = text[i..].chars().next().unwrap_or(' ');
                (c, c.len_utf8())
            }
        };
        let table: &[u8] = &BMP_CLASSES;
        let class = match table.get(c as usize) {
            Some(&class) => class,
            None => classify(c),
        };
        let f = &mut *self.f;
        if class & WHITESPACE != 0 {
            if c == '\n' {
                f.lines += 1;
            }
        } else {
            f.chars += 1;
        }
        if class & ALNUM != 0 {
            f.word_chars += 1;
            if class & ALPHA != 0 {
                f.letters += 1;
                if class & UPPER != 0 {
                    f.capitals += 1;
                }
            } else {
                f.digits += 1;
            }
            if class & CJK != 0 {
                // Each CJK (or Thai-type) character is a word of its own.
                f.cjk_words += 1;
                self.unspaced |= is_unspaced(c);
                self.end_word(i, spots);
                self.words.end(i, i + len, false, false, self.f, spots);
            } else {
                match self.word {
                    Some((_, _, ref mut ascii)) => *ascii = false,
                    None => self.word = Some((i, class & UPPER != 0, false)),
                }
            }
        } else {
            self.end_word(i, spots);
            self.punctuation(c, class, i, len, spots);
        }
        self.prev_whitespace = class & WHITESPACE != 0;
        i + len
    }

    /// A char that is no letter or digit: sentence ends, separators,
    /// symbols, and the hints of addresses the contact counters look for.
    #[inline(always)]
    fn punctuation(&mut self, c: char, class: u8, i: usize, len: usize, spots: &mut Vec<Spot>) {
        let (text, f, seen) = (self.words.text, &mut *self.f, &mut self.seen);
        let bytes = text.as_bytes();
        if class & SENTENCE_END != 0 {
            let next = text[i + len..].chars().next();
            // Chinese and Japanese put no space after a full stop.
            let full_width = matches!(c, '。' | '！' | '？');
            if full_width || next.is_none_or(|n| n.is_whitespace() || is_closing(n)) {
                f.sentences += 1;
            }
        } else if class & SEPARATOR != 0 && self.prev_whitespace {
            f.separators += 1;
        } else if class & (WHITESPACE | PUNCTUATION) == 0 {
            f.symbols += 1;
        }
        seen.at |= c == '@';
        seen.hash |= c == '#';
        if c == '.' {
            seen.url_dot |= bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
                || (i >= 3 && bytes[i - 3..i].eq_ignore_ascii_case(b"www"));
        } else if c == ':' || c == '\u{FF1A}' {
            seen.scheme |= bytes.get(i + 1..i + 3) == Some(b"//");
            if seen.colon == 0 && i <= super::MAX_LABEL_BYTES + 4 {
                seen.colon = i as u32 + 1;
            }
        }
        if class & WHITESPACE == 0 && self.words.lookout.wants_symbol(c) {
            spots.push(Spot {
                start: i,
                end: i + len,
                key: SYMBOL_KEY | c as u64,
            });
        }
    }

    /// The paragraph's features and stopword hits, once every char is read.
    #[inline(always)]
    fn finish(mut self, spots: &mut Vec<Spot>) -> Hits {
        let text = self.words.text;
        self.end_word(text.len(), spots);
        let f = &mut *self.f;
        f.lines += 1;
        self.seen.dot_word = self.words.dot_word;
        let last = last_char(text);
        f.ends_sentence = last.is_some_and(is_sentence_end);
        f.ends_colon = last == Some(':') || last == Some('：');
        f.opens_with_figure = text
            .trim_start()
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
        if self.unspaced {
            f.sentences += unspaced_phrases(text);
        }
        f.promo_model = self.words.grams.probability(text);
        count_patterns(text, &self.seen, f);
        let label = match self.seen.colon {
            0 => None,
            at => super::speaker_label(text, at as usize - 1),
        };
        Hits {
            counts: self.words.hits.counts(self.words.languages),
            languages: self.words.languages,
            label,
        }
    }
}

/// A run of an unspaced script shorter than this many chars, before a
/// space, is a word of a tag list or a name, not a phrase.
const MIN_PHRASE_CHARS: u32 = 10;
/// Fewer phrase ends than this: a headline or a label (a teaser headline
/// often has one space), no sentence.
const MIN_PHRASE_ENDS: u32 = 2;

/// The phrases of a paragraph in a script written without spaces between
/// words (Thai, Lao, Myanmar, Khmer), which puts a space where other scripts
/// put a full stop or comma: each run of at least [`MIN_PHRASE_CHARS`] of
/// its chars followed by a space and more of them, and then the last run,
/// count as a sentence, where there are [`MIN_PHRASE_ENDS`] such ends.
fn unspaced_phrases(text: &str) -> u32 {
    // `pending`: a long enough run and a space were read; the next char of
    // the script ends that phrase.
    let (mut ends, mut run, mut pending) = (0u32, 0u32, false);
    for c in text.chars() {
        if is_unspaced(c) {
            if pending {
                ends += 1;
                pending = false;
                run = 0;
            }
            run += 1;
        } else if c.is_whitespace() {
            // (While a phrase end is pending, `run` is still long.)
            if run >= MIN_PHRASE_CHARS {
                pending = true;
            } else {
                run = 0;
            }
        } else {
            pending = false;
            run = 0;
        }
    }
    if ends >= MIN_PHRASE_ENDS {
        ends + (run > 0) as u32
    } else {
        0
    }
}

/// The last char of `text` before closing quotes, brackets and whitespace.
fn last_char(text: &str) -> Option<char> {
    // Most paragraphs end with an ASCII letter or full stop.
    match text.as_bytes().last() {
        Some(&b) if b.is_ascii() && !is_closing(b as char) && !b.is_ascii_whitespace() => {
            Some(b as char)
        }
        _ => text
            .trim_end_matches(|c: char| is_closing(c) || c.is_whitespace())
            .chars()
            .next_back(),
    }
}

/// The end of the run of ASCII letters and digits that starts at `start`,
/// with its digits and capitals: eight bytes at a time, each byte tested by
/// carry-free arithmetic on its low seven bits.
#[inline]
pub(super) fn ascii_run(bytes: &[u8], start: usize, ascii_table: &[u8; 128]) -> (usize, u32, u32) {
    let (mut i, mut digits, mut capitals) = (start, 0, 0);
    while let Some(x) = load8(bytes, i) {
        let low = x & !HIGH;
        let digit = bytes_in(low, b'0', b'9');
        let upper = bytes_in(low, b'A', b'Z');
        // Bytes with the high bit set belong to non-ASCII chars.
        let alnum = (digit | upper | bytes_in(low, b'a', b'z')) & !x;
        let stop = !alnum & HIGH;
        // The bytes before the first one that is not a letter or digit.
        let run = if stop == 0 {
            u64::MAX
        } else {
            (1u64 << stop.trailing_zeros()) - 1
        };
        digits += (digit & run).count_ones();
        capitals += (upper & run).count_ones();
        if stop != 0 {
            return (i + stop.trailing_zeros() as usize / 8, digits, capitals);
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if b >= 0x80 || ascii_table[b as usize] & ALNUM == 0 {
            break;
        }
        digits += b.is_ascii_digit() as u32;
        capitals += b.is_ascii_uppercase() as u32;
        i += 1;
    }
    (i, digits, capitals)
}

/// A paragraph's stopword hits per language, a byte per language in a
/// few words, moved to `u16` counts before a byte can overflow: adding a
/// word's languages takes no branch on how many they are (about half the
/// words of a text are stopwords, of one to five languages).
#[derive(Clone, Default)]
pub(super) struct LanguageTally {
    lanes: [u64; LANES],
    /// Words added since the bytes were last moved.
    pending: u8,
    counts: [u16; 32],
}

/// Words of byte counters: one byte per language.
const LANES: usize = LANGUAGE_COUNT.div_ceil(8);
const _: () = assert!(LANGUAGE_COUNT <= 32, "language masks are u32");

impl LanguageTally {
    #[inline(always)]
    pub(super) fn add(&mut self, mask: u32) {
        for (k, lane) in self.lanes.iter_mut().enumerate() {
            *lane += SPREAD[(mask >> (8 * k)) as u8 as usize];
        }
        self.pending += 1;
        if self.pending == u8::MAX {
            self.flush(u32::MAX);
        }
    }

    /// Moves the byte counters of `languages` to `counts` (those of other
    /// languages are 0).
    fn flush(&mut self, mut languages: u32) {
        while languages != 0 {
            let l = languages.trailing_zeros() as usize;
            languages &= languages - 1;
            let (Some(lane), Some(count)) = (self.lanes.get_mut(l / 8), self.counts.get_mut(l))
            else {
                continue;
            };
            let shift = 8 * (l % 8);
            *count = count.saturating_add((*lane >> shift) as u8 as u16);
            *lane &= !(0xFF << shift);
        }
        self.pending = 0;
    }

    /// The counts, given the languages that had a hit.
    pub(super) fn counts(&mut self, languages: u32) -> [u16; 32] {
        self.flush(languages);
        self.counts
    }
}

/// Byte `i` of `SPREAD[b]` is bit `i` of `b`: a byte of a language mask as
/// one increment per byte counter.
static SPREAD: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let mut i = 0;
        while i < 8 {
            table[b] |= ((b as u64 >> i) & 1) << (8 * i);
            i += 1;
        }
        b += 1;
    }
    table
};
