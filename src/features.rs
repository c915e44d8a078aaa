//! Stage 2: measure each paragraph (length, stopwords, punctuation, contacts…).
//!
//! Everything a rule's `when` condition can test is a [`Feature`]. Features are
//! computed in one pass over each paragraph's chars; the few regexes (URLs,
//! e-mail addresses, phones, handles) run only where a byte prefilter says they
//! can match. The document language is the stoplist that covers most words.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashMap;

use crate::html::Dom;
use crate::stoplists::{Bits16, LANGUAGE_COUNT, Stoplists, is_cjk};

/// A measurable property of a paragraph, usable in a rule's `when` condition.
///
/// Ratios are in `0.0..=1.0`; counts are whole numbers; flags are `0` or `1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Feature {
    /// Number of words (a CJK character counts as one word).
    Words,
    /// Number of characters, whitespace excluded.
    Chars,
    /// Share of words that are stopwords of the document language.
    Stopwords,
    /// Mean word length in characters.
    WordLength,
    /// 1 when the paragraph ends like a sentence (`.`, `!`, `?`, `…`, possibly inside quotes).
    EndsSentence,
    /// 1 when the paragraph ends with a colon (a lead-in to what follows).
    EndsColon,
    /// Number of sentence ends (terminal punctuation followed by a space or the end).
    Sentences,
    /// Share of letters that are capitals.
    Capitals,
    /// Share of words that start with a capital letter.
    TitleWords,
    /// Share of non-space characters that are digits.
    Digits,
    /// Share of non-space characters that are neither letters, digits nor common punctuation.
    Symbols,
    /// Number of URLs and bare domain names (`example.com`).
    Urls,
    /// Number of e-mail addresses, obfuscated ones (`name [at] site dot com`) included.
    Emails,
    /// Number of phone numbers.
    Phones,
    /// Number of `@handles`.
    Handles,
    /// Number of `#hashtags`.
    Hashtags,
    /// Number of `|`, `»`, `›`, `/` and `·` separators between words (menus, breadcrumbs).
    Separators,
    /// Share of the whole document's words that are stopwords of its language:
    /// low when the stoplist fits the language poorly (Korean, say).
    DocStopwords,
    /// Position in the document: 0 for the first paragraph, 1 for the last.
    Position,
    /// Index of the paragraph, from 0.
    Index,
    /// Paragraphs after this one.
    FromEnd,
    /// How many other paragraphs of the document have the same text.
    Repeats,
    /// How many paragraphs before this one have the same text.
    EarlierCopies,
    /// Number of lines in the paragraph.
    Lines,
    /// 1 when the paragraph comes from HTML (and DOM features are known).
    Html,
    /// HTML: share of the characters that are inside links.
    LinkDensity,
    /// HTML: number of open elements above the paragraph's block element.
    Depth,
    /// HTML: 1 when the paragraph is a heading (`h1`–`h6`).
    Heading,
    /// HTML: 1 when the paragraph lies in the main content container.
    InMain,
}

impl Feature {
    /// The number of features.
    pub const COUNT: usize = Feature::ALL.len();

    /// Every feature with the name it has in rule files, in declaration order.
    pub const ALL: &'static [(&'static str, Feature)] = &[
        ("words", Feature::Words),
        ("chars", Feature::Chars),
        ("stopwords", Feature::Stopwords),
        ("word_length", Feature::WordLength),
        ("ends_sentence", Feature::EndsSentence),
        ("ends_colon", Feature::EndsColon),
        ("sentences", Feature::Sentences),
        ("capitals", Feature::Capitals),
        ("title_words", Feature::TitleWords),
        ("digits", Feature::Digits),
        ("symbols", Feature::Symbols),
        ("urls", Feature::Urls),
        ("emails", Feature::Emails),
        ("phones", Feature::Phones),
        ("handles", Feature::Handles),
        ("hashtags", Feature::Hashtags),
        ("separators", Feature::Separators),
        ("doc_stopwords", Feature::DocStopwords),
        ("position", Feature::Position),
        ("index", Feature::Index),
        ("from_end", Feature::FromEnd),
        ("repeats", Feature::Repeats),
        ("earlier_copies", Feature::EarlierCopies),
        ("lines", Feature::Lines),
        ("html", Feature::Html),
        ("link_density", Feature::LinkDensity),
        ("depth", Feature::Depth),
        ("heading", Feature::Heading),
        ("in_main", Feature::InMain),
    ];

    /// Whether the feature is known only for HTML input (0 on plain text).
    pub fn is_dom(self) -> bool {
        matches!(
            self,
            Feature::Html
                | Feature::LinkDensity
                | Feature::Depth
                | Feature::Heading
                | Feature::InMain
        )
    }

    /// Whether two paragraphs of a document with the same text may differ
    /// in this feature (where they stand). DOM features differ too; they
    /// are 0 on plain text.
    pub(crate) fn differs_between_copies(self) -> bool {
        matches!(
            self,
            Feature::Position | Feature::Index | Feature::FromEnd | Feature::EarlierCopies
        )
    }

    /// The feature called `name` in rule files.
    pub fn from_name(name: &str) -> Option<Feature> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|&(_, f)| f)
    }

    /// The name of this feature in rule files.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|&&(_, f)| f == self)
            .map_or("?", |&(n, _)| n)
    }
}

/// The measurements of one paragraph.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Features {
    /// Words (CJK characters count one each).
    pub words: u32,
    /// Non-whitespace characters.
    pub chars: u32,
    /// Words that are stopwords of the document language.
    pub stopwords: u32,
    /// Letters.
    pub letters: u32,
    /// Capital letters.
    pub capitals: u32,
    /// Words starting with a capital.
    pub title_words: u32,
    /// Digits.
    pub digits: u32,
    /// Symbols: not letters, digits, whitespace or common punctuation.
    pub symbols: u32,
    /// Characters inside words.
    pub word_chars: u32,
    /// Ends like a sentence.
    pub ends_sentence: bool,
    /// Ends with a colon.
    pub ends_colon: bool,
    /// Sentence ends.
    pub sentences: u32,
    /// URLs and bare domains.
    pub urls: u32,
    /// E-mail addresses, obfuscated ones included.
    pub emails: u32,
    /// Phone numbers.
    pub phones: u32,
    /// `@handles`.
    pub handles: u32,
    /// `#hashtags`.
    pub hashtags: u32,
    /// Menu and breadcrumb separators.
    pub separators: u32,
    /// Lines.
    pub lines: u32,
    /// Index of the paragraph in the document.
    pub index: u32,
    /// Number of paragraphs in the document.
    pub count: u32,
    /// Other paragraphs with the same text.
    pub repeats: u32,
    /// Paragraphs with the same text before this one.
    pub earlier_copies: u32,
    /// The index of the first paragraph with the same text, for a later copy.
    pub copy_of: Option<u32>,
    /// Stopword share of the whole document, in its language.
    pub doc_stopwords: f32,
    /// Where the paragraph sits in the page, for HTML input.
    pub dom: Option<Dom>,
}

impl Features {
    /// The value of `feature`, as rule conditions compare it.
    pub fn get(&self, feature: Feature) -> f64 {
        self.values()[feature as usize]
    }
}

impl Features {
    /// The value of every feature, indexed by `feature as usize` (the order
    /// of [`Feature::ALL`]): the rule pass computes them once per paragraph.
    pub(crate) fn values(&self) -> [f64; Feature::COUNT] {
        let ratio = |a: u32, b: u32| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let position = if self.count <= 1 {
            0.0
        } else {
            self.index as f64 / (self.count - 1) as f64
        };
        let mut values = [
            self.words as f64,
            self.chars as f64,
            ratio(self.stopwords, self.words),
            ratio(self.word_chars, self.words),
            self.ends_sentence as u8 as f64,
            self.ends_colon as u8 as f64,
            self.sentences as f64,
            ratio(self.capitals, self.letters),
            ratio(self.title_words, self.words),
            ratio(self.digits, self.chars),
            ratio(self.symbols, self.chars),
            self.urls as f64,
            self.emails as f64,
            self.phones as f64,
            self.handles as f64,
            self.hashtags as f64,
            self.separators as f64,
            self.doc_stopwords as f64,
            position,
            self.index as f64,
            self.count.saturating_sub(self.index + 1) as f64,
            self.repeats as f64,
            self.earlier_copies as f64,
            self.lines as f64,
            // The DOM features: 0 on plain text.
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
        ];
        if let Some(dom) = &self.dom {
            let t = dom.tag.as_bytes();
            values[Feature::Html as usize] = 1.0;
            values[Feature::LinkDensity as usize] = dom.link_density as f64;
            values[Feature::Depth as usize] = dom.depth as f64;
            values[Feature::Heading as usize] =
                (t.len() == 2 && t[0] == b'h' && (b'1'..=b'6').contains(&t[1])) as u8 as f64;
            values[Feature::InMain as usize] = dom.in_main as u8 as f64;
        }
        values
    }
}

/// The stopword hits of one paragraph, for every language at once: the
/// document language is known only once every paragraph is measured.
struct Hits {
    /// Per language, indexed like [`Stoplists::languages`] (at most 32
    /// languages: masks are `u32`).
    counts: [u16; 32],
    /// The languages with a hit, as a mask.
    languages: u32,
}

/// What the char pass saw that the pattern counters need.
#[derive(Default)]
struct Seen {
    at: bool,
    hash: bool,
    /// A `.` after `www` or before an ASCII letter, and `://`: every URL
    /// holds one (`www.`, `.com`, `https://`). Sentence ends are followed
    /// by a space.
    url_dot: bool,
    scheme: bool,
    /// The word `dot`, as obfuscated e-mail addresses spell it.
    dot_word: bool,
}

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

/// Marks a [`Spot`] key as a symbol (a char) rather than a word key.
pub(crate) const SYMBOL_KEY: u64 = 1 << 32;

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
        let lengths = match len {
            Some(len) if !prefix => len..=len,
            Some(len) => len..=MAX_NOTED_LENGTH,
            None => 1..=MAX_NOTED_LENGTH,
        };
        for len in lengths {
            self.lengths.insert(length_bit(key, len));
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
    fn wants_word(&self, key: u64, ascii_len: Option<usize>) -> bool {
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
    fn wants_symbol(&self, c: char) -> bool {
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
fn ascii_key(word: &[u8]) -> u64 {
    // Setting bit 5 lowercases ASCII letters and leaves digits alone.
    word.iter()
        .take(4)
        .enumerate()
        .fold(0, |k, (i, &b)| k | ((b | 0x20) as u64) << (8 * i))
}

/// The word `dot` as [`Stoplists::mask_ascii_alnum`] packs it.
const DOT: u64 = u32::from_le_bytes(*b"dot\0") as u64;

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
    list: Vec<Spot>,
    /// Per paragraph, where its spots end in `list`.
    ends: Vec<usize>,
}

impl Spots {
    /// The spots of paragraph `p`.
    pub(crate) fn of(&self, p: usize) -> &[Spot] {
        &self.list[self.range(p)]
    }

    /// Where the spots of paragraph `p` lie in `list`.
    fn range(&self, p: usize) -> Range<usize> {
        let start = if p == 0 { 0 } else { self.ends[p - 1] };
        start..self.ends[p]
    }
}

/// Whether the char pass counts `c` as part of a word (a letter or digit).
pub(crate) fn is_word_char(c: char) -> bool {
    class_of(c) & ALNUM != 0
}

/// Whether `c` is a word of its own (CJK).
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
    match LOWERCASE.get(c as usize) {
        Some(&l) if l != '\0' => out.push(l),
        // Han, kana, Hangul and most other chars above U+0800 have no case.
        None if !maybe_cased(c) => out.push(c),
        _ => out.extend(c.to_lowercase()),
    }
}

/// What the char pass does with each word: stopword hits per language,
/// the `dot` test, and the spots the lookout asks for.
struct WordSink<'a> {
    text: &'a str,
    stoplists: &'a Stoplists,
    lookout: &'a Lookout,
    hits: LanguageTally,
    /// The languages in `hits`, as a mask.
    languages: u32,
    /// The lowercase of a non-ASCII word.
    lower: String,
    /// Where the paragraph's spots start.
    first_spot: usize,
    dot_word: bool,
}

impl WordSink<'_> {
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
        let (mask, key) = if ascii {
            let (mask, lower8) = self
                .stoplists
                .mask_ascii_alnum(self.text.as_bytes(), start, end);
            self.dot_word |= lower8 == DOT;
            (mask, lower8 & 0xFFFF_FFFF)
        } else {
            self.lowercase(start, end)
        };
        self.hits.add(mask);
        self.languages |= mask;
        self.note(start, end, key, ascii, spots);
    }

    /// The stopword mask and key of a word with non-ASCII letters (or a
    /// CJK character), through its lowercase: on the stack (most such
    /// words are a CJK char or a short word with an accent), in `lower`
    /// when it is longer.
    #[inline(never)]
    fn lowercase(&mut self, start: usize, end: usize) -> (u32, u64) {
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
        (self.stoplists.mask(lower), word_key(lower))
    }

    /// [`lowercase`](Self::lowercase) of a word that is long, or has a
    /// char whose lowercase is not one char of the table.
    #[cold]
    fn lowercase_long(&mut self, start: usize, end: usize) -> (u32, u64) {
        self.lower.clear();
        for c in self.text[start..end].chars() {
            push_lower(c, &mut self.lower);
        }
        let lower = self.lower.as_bytes();
        (self.stoplists.mask(lower), word_key(lower))
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

/// Measures one paragraph: one pass over its chars, then the prefiltered
/// regexes. The words and symbols `lookout` asks for go to `spots`.
#[inline(always)]
fn measure(
    text: &str,
    stoplists: &Stoplists,
    lookout: &Lookout,
    spots: &mut Vec<Spot>,
) -> (Features, Hits) {
    let mut f = Features::default();
    let mut seen = Seen::default();
    // The word being read: its start, whether it starts with a capital and
    // whether it is all ASCII.
    let mut word: Option<(usize, bool, bool)> = None;
    let mut words = WordSink {
        text,
        stoplists,
        lookout,
        hits: LanguageTally::default(),
        languages: 0,
        lower: String::new(),
        first_spot: spots.len(),
        dot_word: false,
    };
    let bytes = text.as_bytes();
    let n = bytes.len();
    // Chars of the Basic Multilingual Plane (ASCII included) are classified
    // by a table, others by the Unicode functions.
    let table: &[u8] = &BMP_CLASSES;
    let ascii_table: &[u8; 128] = &ASCII_CLASSES;
    let mut prev_whitespace = true;
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        if b < 0x80 && ascii_table[b as usize] & ALNUM != 0 {
            // Most text is runs of ASCII letters and digits: count a whole run.
            let start = i;
            let (end, digits, capitals) = ascii_run(bytes, i, ascii_table);
            i = end;
            let run = (i - start) as u32;
            let letters = run - digits;
            f.chars += run;
            f.word_chars += run;
            f.letters += letters;
            f.capitals += capitals;
            f.digits += digits;
            let title = ascii_table[b as usize] & UPPER != 0;
            match word {
                None if i >= n || bytes[i] < 0x80 => {
                    words.end(start, i, title, true, &mut f, spots);
                    // Most words are followed by a space, which only ends
                    // the word.
                    if i < n && bytes[i] == b' ' {
                        prev_whitespace = true;
                        i += 1;
                        continue;
                    }
                }
                // A non-ASCII letter may go on with the word (`café`), or
                // start after the run. Either way a regex's ASCII `\b` sees
                // a word edge there: the run is noted like a word, for the
                // trigger literals that rely on it.
                _ => {
                    match word {
                        Some((_, _, ref mut ascii)) => *ascii = false,
                        None => word = Some((start, title, true)),
                    }
                    words.note(start, i, ascii_key(&bytes[start..i]), true, spots);
                }
            }
            prev_whitespace = false;
            continue;
        }
        if b == b' ' {
            // A space only ends a word.
            if let Some((s, title, ascii)) = word.take() {
                words.end(s, i, title, ascii, &mut f, spots);
            }
            prev_whitespace = true;
            i += 1;
            continue;
        }
        let (c, len) = if b < 0x80 {
            (b as char, 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        };
        let class = match table.get(c as usize) {
            Some(&class) => class,
            None => classify(c),
        };
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
                // Each CJK character is a word of its own.
                if let Some((s, title, ascii)) = word.take() {
                    words.end(s, i, title, ascii, &mut f, spots);
                }
                words.end(i, i + len, false, false, &mut f, spots);
            } else {
                match word {
                    Some((_, _, ref mut ascii)) => *ascii = false,
                    None => word = Some((i, class & UPPER != 0, false)),
                }
            }
        } else {
            if let Some((s, title, ascii)) = word.take() {
                words.end(s, i, title, ascii, &mut f, spots);
            }
            if class & SENTENCE_END != 0 {
                let next = text[i + len..].chars().next();
                if next.is_none_or(|n| n.is_whitespace() || is_closing(n)) {
                    f.sentences += 1;
                }
            } else if class & SEPARATOR != 0 && prev_whitespace {
                f.separators += 1;
            } else if class & (WHITESPACE | PUNCTUATION) == 0 {
                f.symbols += 1;
            }
            seen.at |= c == '@';
            seen.hash |= c == '#';
            if c == '.' {
                seen.url_dot |= bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
                    || (i >= 3 && bytes[i - 3..i].eq_ignore_ascii_case(b"www"));
            } else if c == ':' {
                seen.scheme |= bytes.get(i + 1..i + 3) == Some(b"//");
            }
            if class & WHITESPACE == 0 && lookout.wants_symbol(c) {
                spots.push(Spot {
                    start: i,
                    end: i + len,
                    key: SYMBOL_KEY | c as u64,
                });
            }
        }
        prev_whitespace = class & WHITESPACE != 0;
        i += len;
    }
    if let Some((s, title, ascii)) = word.take() {
        words.end(s, n, title, ascii, &mut f, spots);
    }
    f.lines += 1;
    seen.dot_word = words.dot_word;
    let last = last_char(text);
    f.ends_sentence = last.is_some_and(is_sentence_end);
    f.ends_colon = last == Some(':') || last == Some('：');
    count_patterns(text, &seen, &mut f);
    let hits = Hits {
        counts: words.hits.counts(words.languages),
        languages: words.languages,
    };
    (f, hits)
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
fn ascii_run(bytes: &[u8], start: usize, ascii_table: &[u8; 128]) -> (usize, u32, u32) {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // High bit of each byte (of at most 0x7F) that lies in `lo..=hi`.
    let in_range = |x: u64, lo: u8, hi: u8| {
        (x + ONES * (0x80 - lo as u64)) & !(x + ONES * (0x7F - hi as u64)) & HIGH
    };
    let (mut i, mut digits, mut capitals) = (start, 0, 0);
    while let Some(eight) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(eight.try_into().unwrap_or_default());
        let low = x & LOW7;
        let digit = in_range(low, b'0', b'9');
        let upper = in_range(low, b'A', b'Z');
        // Bytes with the high bit set belong to non-ASCII chars.
        let alnum = (digit | upper | in_range(low, b'a', b'z')) & !x;
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

const WHITESPACE: u8 = 1;
const ALNUM: u8 = 2;
const ALPHA: u8 = 4;
const UPPER: u8 = 8;
const CJK: u8 = 16;
const SENTENCE_END: u8 = 32;
const SEPARATOR: u8 = 64;
const PUNCTUATION: u8 = 128;

/// The classes of a char that the feature pass needs, as bit flags.
fn classify(c: char) -> u8 {
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
    if c.is_alphanumeric() {
        class |= ALNUM;
        if c.is_alphabetic() {
            class |= ALPHA;
            if c.is_uppercase() {
                class |= UPPER;
            }
        }
        if is_cjk(c) {
            class |= CJK;
        }
    }
    class
}

/// [`classify`] of the ASCII chars, for the word loop (no bounds check).
static ASCII_CLASSES: LazyLock<[u8; 128]> =
    LazyLock::new(|| std::array::from_fn(|b| classify(b as u8 as char)));

/// The chars of the Basic Multilingual Plane that lowercase to something
/// else; chars above it count as cased (the search decides).
static CASED_BMP: LazyLock<Bits16> = LazyLock::new(|| {
    let mut bits = Bits16::new();
    for c in (0u16..=u16::MAX)
        .filter(|&u| char::from_u32(u as u32).is_some_and(|c| c.to_lowercase().ne([c])))
    {
        bits.insert(c);
    }
    bits
});

/// Whether `c` lowercases to something else, or lies above the BMP.
fn maybe_cased(c: char) -> bool {
    u16::try_from(c as u32).map_or(true, |u| CASED_BMP.contains(u))
}

/// The lowercase of every char below U+0800 (Latin, Greek, Cyrillic…) that
/// lowercases to one char, `\0` for the others: a lookup instead of the
/// search `char::to_lowercase` does.
static LOWERCASE: LazyLock<Box<[char]>> = LazyLock::new(|| {
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
static BMP_CLASSES: LazyLock<Box<[u8]>> = LazyLock::new(|| {
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

/// A paragraph's stopword hits per language, a byte per language in a
/// few words, moved to `u16` counts before a byte can overflow: adding a
/// word's languages takes no branch on how many they are (about half the
/// words of a text are stopwords, of one to five languages).
#[derive(Clone, Default)]
struct LanguageTally {
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
    fn add(&mut self, mask: u32) {
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
    fn counts(&mut self, languages: u32) -> [u16; 32] {
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

fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？' | '؟' | '।')
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '”' | '’' | '»' | '›' | '」' | '』' | '）'
    )
}

fn is_separator(c: char) -> bool {
    matches!(c, '|' | '»' | '›' | '/' | '·' | '•' | '>' | '–' | '—' | '-')
}

/// Punctuation that prose uses; anything else non-alphanumeric is a symbol.
fn is_punctuation(c: char) -> bool {
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

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:https?://|www\.)[^\s<>]+|(?-u:\b)[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|co|info|biz|me|tv|us|uk|de|fr|es|it|pt|br|ru|pl|nl|eu|in|au|ca|app|ly)(?-u:\b)(?:/[^\s<>]*)?",
    )
    .expect("valid URL regex")
});
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
        .expect("valid e-mail regex")
});
static EMAIL_OBFUSCATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)[a-z0-9._%+-]+\s*(?:[\[({<]\s*at\s*[\])}>]|\s+at\s+)\s*[a-z0-9-]+(?:\s*(?:[\[({<]\s*dot\s*[\])}>]|\s+dot\s+|\.)\s*[a-z0-9-]+)*?\s*(?:[\[({<]\s*dot\s*[\])}>]|\s+dot\s+)\s*[a-z]{2,6}(?-u:\b)",
    )
    .expect("valid obfuscated e-mail regex")
});
static PHONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\+?\(?\d[\d \t().-]{5,}\d").expect("valid phone regex"));
static HANDLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\w@.])@[A-Za-z0-9_]{2,30}").expect("valid handle regex"));
static HASHTAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)#\p{L}[\p{L}\p{N}_]+").expect("valid hashtag regex"));

/// Counts URLs, e-mail addresses, phones, handles and hashtags; each regex runs
/// only when what the char pass saw says it can match.
fn count_patterns(text: &str, seen: &Seen, f: &mut Features) {
    let bytes = text.as_bytes();
    if seen.scheme || (seen.url_dot && holds_domain(bytes)) {
        f.urls = URL.find_iter(text).count() as u32;
    }
    if seen.at {
        f.emails = EMAIL.find_iter(text).count() as u32;
        f.handles = HANDLE.find_iter(text).count() as u32;
        // An e-mail address also reads as a domain; count it once.
        f.urls = f.urls.saturating_sub(f.emails);
    }
    // Every obfuscated address spells out "dot" as a word; "at" is in
    // nearly every text.
    if seen.dot_word {
        f.emails += EMAIL_OBFUSCATED.find_iter(text).count() as u32;
    }
    if f.digits >= 7 {
        f.phones = PHONE
            .find_iter(text)
            .filter(|m| is_phone(m.as_str()))
            .count() as u32;
    }
    if seen.hash {
        f.hashtags = HASHTAG.find_iter(text).count() as u32;
    }
}

/// The top-level domains the URL regex knows, for its prefilter.
const TLDS: &[&[u8]] = &[
    b"com", b"net", b"org", b"io", b"co", b"info", b"biz", b"me", b"tv", b"us", b"uk", b"de",
    b"fr", b"es", b"it", b"pt", b"br", b"ru", b"pl", b"nl", b"eu", b"in", b"au", b"ca", b"app",
    b"ly",
];

/// Whether the URL regex can match without a scheme: `www.`, or a dot
/// followed by a known top-level domain. The regex itself starts with a
/// character class and scans slowly.
fn holds_domain(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'.', bytes).any(|i| {
        if i >= 3 && bytes[i - 3..i].eq_ignore_ascii_case(b"www") {
            return true;
        }
        let rest = &bytes[i + 1..];
        rest.first().is_some_and(u8::is_ascii_alphabetic)
            && TLDS.iter().any(|tld| {
                rest.len() >= tld.len()
                    && rest[..tld.len()].eq_ignore_ascii_case(tld)
                    && rest
                        .get(tld.len())
                        .is_none_or(|b| !b.is_ascii_alphanumeric())
            })
    })
}

/// A phone has 9 to 15 digits, or 7 and more behind a `+`; runs of
/// years or large plain numbers are not phones.
fn is_phone(s: &str) -> bool {
    let digits = s.bytes().filter(u8::is_ascii_digit).count();
    let groups = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .count();
    if s.starts_with('+') {
        return (7..=15).contains(&digits);
    }
    (9..=15).contains(&digits) && groups <= 5
}

/// Paragraphs of at least this many words are measured against the stoplist
/// that fits them best, not only the document's.
const MIN_WORDS_OWN_LANGUAGE: u32 = 10;

/// Measures every paragraph, picks the document language and fills in the
/// features that depend on the whole document (position, repeats).
pub(crate) fn measure_document(
    text: &str,
    ranges: &[Range<usize>],
    dom: Option<&[Dom]>,
    stoplists: &Stoplists,
    lookout: &Lookout,
) -> (Option<&'static str>, Vec<Features>, Spots) {
    let mut features = Vec::with_capacity(ranges.len());
    let mut hits = Vec::with_capacity(ranges.len());
    let mut spots = Spots {
        // About one word in four is noted: a spot every 25 bytes or so.
        list: Vec::with_capacity(text.len() / 32),
        ends: Vec::with_capacity(ranges.len()),
    };
    // Paragraphs with the same text share a group: one hash per paragraph.
    // A copy (a menu repeated at the foot of the page) is not measured
    // again: it takes the features, hits and spots of its group's first.
    let mut groups: FxHashMap<&str, u32> =
        FxHashMap::with_capacity_and_hasher(ranges.len(), Default::default());
    // Per group: the index of its first paragraph, its size, and the
    // languages of the first's hits.
    let mut firsts: Vec<(u32, u32, u32)> = Vec::new();
    let mut group_of: Vec<u32> = Vec::with_capacity(ranges.len());
    let mut totals = [0u32; 32];
    for (i, r) in ranges.iter().enumerate() {
        let para = &text[r.clone()];
        let g = *groups.entry(para).or_insert_with(|| {
            firsts.push((i as u32, 0, 0));
            firsts.len() as u32 - 1
        });
        group_of.push(g);
        let (first, size, first_languages) = &mut firsts[g as usize];
        *size += 1;
        let mut languages = if *size == 1 {
            let (f, h) = measure(para, stoplists, lookout, &mut spots.list);
            features.push(f);
            hits.push(h.counts);
            *first_languages = h.languages;
            h.languages
        } else {
            let first = *first as usize;
            features.push(features[first].clone());
            hits.push(hits[first]);
            spots.list.extend_from_within(spots.range(first));
            *first_languages
        };
        let counts = &hits[i];
        while languages != 0 {
            let l = languages.trailing_zeros() as usize;
            totals[l] += counts[l] as u32;
            languages &= languages - 1;
        }
        spots.ends.push(spots.list.len());
    }
    let totals = &totals[..stoplists.languages().len().min(32)];
    let lang = totals
        .iter()
        .enumerate()
        .max_by_key(|&(i, &t)| (t, std::cmp::Reverse(i)))
        .filter(|&(_, &t)| t > 0)
        .map(|(i, _)| i);

    let doc_words: u32 = features.iter().map(|f| f.words).sum();
    let doc_stopwords = match lang {
        Some(l) if doc_words > 0 => totals[l] as f32 / doc_words as f32,
        _ => 0.0,
    };
    // Per group: copies met so far.
    let mut met = vec![0u32; firsts.len()];
    let count = ranges.len() as u32;
    for (i, (f, h)) in features.iter_mut().zip(&hits).enumerate() {
        // A paragraph long enough to tell its own language (a quotation or
        // section in another language than the page) is measured in it.
        let own = if f.words >= MIN_WORDS_OWN_LANGUAGE {
            h.iter().copied().max().unwrap_or(0)
        } else {
            0
        };
        f.stopwords = lang.map_or(0, |l| h[l]).max(own) as u32;
        f.doc_stopwords = doc_stopwords;
        f.index = i as u32;
        f.count = count;
        let g = group_of[i] as usize;
        let (first, size, _) = firsts[g];
        f.repeats = size - 1;
        if f.repeats > 0 {
            f.earlier_copies = met[g];
            if met[g] > 0 {
                f.copy_of = Some(first);
            }
            met[g] += 1;
        }
        f.dom = dom.and_then(|d| d.get(i)).copied();
    }
    (lang.map(|l| stoplists.languages()[l]), features, spots)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(text: &str) -> Features {
        let sl = Stoplists::builtin();
        let ranges = [std::ops::Range {
            start: 0,
            end: text.len(),
        }];
        let (_, mut fs, _) = measure_document(text, &ranges, None, sl, &Lookout::new());
        fs.remove(0)
    }

    #[test]
    fn counts_words_and_stopwords() {
        let f = features("The cat sat on the mat, and it was happy.");
        assert_eq!(f.words, 10);
        assert!(f.get(Feature::Stopwords) > 0.4, "{f:?}");
        assert!(f.ends_sentence);
        assert_eq!(f.sentences, 1);
    }

    #[test]
    fn sentence_end_inside_quotes() {
        let f = features("He said: “We will go.”");
        assert!(f.ends_sentence);
        assert!(features("Read more:").ends_colon);
        assert!(!features("Home | News | Sport").ends_sentence);
    }

    #[test]
    fn contacts_and_links() {
        let f = features("Write to sales@example.com or visit https://example.com/x today.");
        assert_eq!(f.emails, 1);
        assert_eq!(f.urls, 1);
        let f = features("Reach me at john [at] example [dot] com for offers.");
        assert_eq!(f.emails, 1);
        let f = features("Call +1 (555) 123-4567 now, or 020 7946 0958.");
        assert_eq!(f.phones, 2);
        let f = features("In 2019 2020 and 2021 sales grew 1,234,567 units.");
        assert_eq!(f.phones, 0);
    }

    #[test]
    fn the_url_prefilter_skips_no_url() {
        // Each text is measured alone, and as the tail of prose with
        // sentence ends, so that the char pass meets other dots first.
        let texts = [
            "www.1",
            "WWW.x",
            "see example.COM.",
            "go to a.b.io/path now",
            "http://x",
            "ftp://a",
            "a:b//c",
            "end. Next",
            "foo.bar and baz.quux",
            "v1.2.3",
            "Visit\u{a0}www.example.org",
            "e.g. this",
            "x.co",
            "x.com:80",
            ".com",
            "site.it.",
        ];
        for t in texts {
            for text in [t.to_string(), format!("It ends here. Then: more. {t}")] {
                let expected = URL.find_iter(&text).count() as u32;
                assert_eq!(features(&text).urls, expected, "{text}");
            }
        }
    }

    #[test]
    fn handles_and_hashtags_not_emails() {
        let f = features("Follow @dechaff and #rustlang, mail me@example.org, issue #1.");
        assert_eq!(f.handles, 1);
        assert_eq!(f.hashtags, 1);
        assert_eq!(f.emails, 1);
    }

    #[test]
    fn menu_separators_and_title_words() {
        let f = features("Home | World | Business | Tech");
        assert_eq!(f.separators, 3);
        assert_eq!(f.get(Feature::TitleWords), 1.0);
    }

    #[test]
    fn cjk_characters_are_words() {
        let f = features("我们的生活。");
        assert_eq!(f.words, 5);
        assert!(f.ends_sentence);
    }

    #[test]
    fn document_language_and_repeats() {
        let sl = Stoplists::builtin();
        let text = "Der Hund und die Katze sind nicht hier.\n\nMenü\n\nMenü";
        let ranges = [0..39, 41..46, 48..53];
        let (lang, fs, _) = measure_document(text, &ranges, None, sl, &Lookout::new());
        assert_eq!(lang, Some("de"));
        assert!(fs[0].get(Feature::Stopwords) > 0.5);
        assert_eq!(fs[1].repeats, 1);
        assert_eq!(fs.iter().map(|f| f.earlier_copies).sum::<u32>(), 1);
        assert_eq!(fs[2].get(Feature::Position), 1.0);
        assert_eq!(fs[0].get(Feature::FromEnd), 2.0);
    }

    #[test]
    fn only_words_of_a_noted_length_are_spots() {
        let text = "Comments, community and a COMMENT; a comma, commentary, commentaire…";
        let spots = |lookout: &Lookout| -> Vec<&str> {
            let whole = 0..text.len();
            let ranges = std::slice::from_ref(&whole);
            let (_, _, spots) = measure_document(text, ranges, None, Stoplists::builtin(), lookout);
            spots.of(0).iter().map(|s| &text[s.start..s.end]).collect()
        };
        let key = word_key(b"comment");
        let mut exact = Lookout::new();
        exact.add_word(key, Some(7), false);
        assert_eq!(spots(&exact), ["COMMENT"]);
        let mut prefix = Lookout::new();
        prefix.add_word(key, Some(7), true);
        // The key is the first four bytes: `community` is noted too, and
        // the phrase index rules it out.
        assert_eq!(
            spots(&prefix),
            [
                "Comments",
                "community",
                "COMMENT",
                "commentary",
                "commentaire"
            ]
        );
        // A phrase word that is not ASCII: words are noted whatever their
        // length.
        let mut any = Lookout::new();
        any.add_word(key, None, false);
        assert_eq!(spots(&any).len(), 6);
    }

    #[test]
    fn copies_are_measured_like_their_first() {
        // Copies take the first's measurements: they must be what measuring
        // the copy alone gives, spots and stopwords (language totals) too.
        let sl = Stoplists::builtin();
        let mut lookout = Lookout::new();
        lookout.add_word(word_key(b"menu"), Some(4), false);
        lookout.add_symbol('©');
        let paras = [
            "Menu © 2024",
            "The dog and the cat are not here, and the menu is not either.",
            "Menu © 2024",
            "Die Katze",
            "Menu © 2024",
            "Die Katze",
        ];
        let text = paras.join("\n\n");
        let mut ranges = Vec::new();
        let mut at = 0;
        for p in paras {
            ranges.push(at..at + p.len());
            at += p.len() + 2;
        }
        let (lang, fs, spots) = measure_document(&text, &ranges, None, sl, &lookout);
        assert_eq!(lang, Some("en"));
        for (i, p) in paras.iter().enumerate() {
            let (_, alone, alone_spots) =
                measure_document(p, std::slice::from_ref(&(0..p.len())), None, sl, &lookout);
            let position = |f: &Features| Features {
                index: 0,
                count: 0,
                repeats: 0,
                earlier_copies: 0,
                copy_of: None,
                stopwords: 0,
                doc_stopwords: 0.0,
                ..f.clone()
            };
            assert_eq!(position(&fs[i]), position(&alone[0]), "{p}");
            assert_eq!(spots.of(i), alone_spots.of(0), "{p}");
        }
        // The copies' stopwords count towards the page language: `die`
        // twice against English's `the`, `and`, `are`, `not`... once.
        assert_eq!(fs[5].stopwords, 0);
        assert_eq!(fs[4].copy_of, Some(0));
        assert_eq!(fs[2].earlier_copies, 1);
        let (lang, _, _) = measure_document(
            "Die Katze\n\nDie Katze\n\nThe cat",
            &[0..9, 11..20, 22..29],
            None,
            sl,
            &lookout,
        );
        assert_eq!(lang, Some("de"));
    }

    #[test]
    fn the_class_table_agrees_with_the_unicode_functions() {
        for u in 0..0x10000 {
            let class = char::from_u32(u).map_or(0, classify);
            assert_eq!(BMP_CLASSES[u as usize], class, "U+{u:04X}");
        }
    }

    #[test]
    fn feature_values_of_text_and_html_paragraphs() {
        let sl = Stoplists::builtin();
        let text = "Home | News\n\nThe Council met on 5 May 2024. Call +1 555 123 4567.\n\n\
                    Mail me@example.org #news @editor\n\nHome | News";
        let (_, ranges) = crate::segment::segment(text);
        let (_, fs, _) = measure_document(text, &ranges, None, sl, &Lookout::new());
        let at = |i: usize, f: Feature| fs[i].get(f);
        assert_eq!(
            (at(0, Feature::Separators), at(0, Feature::Repeats)),
            (1.0, 1.0)
        );
        assert_eq!((at(1, Feature::Words), at(1, Feature::Phones)), (12.0, 1.0));
        assert_eq!(at(1, Feature::Sentences), 2.0);
        let contacts = [Feature::Emails, Feature::Hashtags, Feature::Handles];
        assert_eq!(contacts.map(|f| at(2, f)), [1.0, 1.0, 1.0]);
        assert_eq!(
            (at(3, Feature::Position), at(3, Feature::FromEnd)),
            (1.0, 0.0)
        );
        assert_eq!(at(3, Feature::EarlierCopies), 1.0);
        let page = crate::html::parse(
            b"<div><h2>A heading</h2><p>Some <a href=x>linked</a> text here.</p></div>",
            &crate::html::DomWords::default(),
        );
        let (_, html_fs, _) = measure_document(
            &page.text,
            &page.blocks,
            Some(&page.dom),
            sl,
            &Lookout::new(),
        );
        assert!(html_fs.iter().all(|f| f.get(Feature::Html) == 1.0));
        assert!(html_fs.iter().any(|f| f.get(Feature::LinkDensity) > 0.0));
        assert!(html_fs.iter().any(|f| f.get(Feature::Heading) == 1.0));
        // Rules that need a DOM feature are skipped on plain text: there
        // every DOM feature is 0.
        for f in &fs {
            for &(name, feature) in Feature::ALL {
                if feature.is_dom() {
                    assert_eq!(f.get(feature), 0.0, "{name}");
                }
            }
        }
    }

    #[test]
    fn ascii_runs_agree_with_a_byte_loop() {
        let pieces = [
            "a", "Z", "0", "9", "abcdefgh", "Word", "X1y2Z3", " ", "@", "[", "`", "{", "/", ":",
            "é", "ÿ", "\u{7f}", "_",
        ];
        let mut rng = 12345u64;
        let mut next = move || {
            rng = rng
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (rng >> 33) as usize
        };
        let mut long_runs = 0;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..next() % 23 {
                text.push_str(pieces[next() % pieces.len()]);
            }
            let bytes = text.as_bytes();
            for start in 0..bytes.len() {
                let mut end = start;
                while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
                    end += 1;
                }
                let run = &bytes[start..end];
                let want = (
                    end,
                    run.iter().filter(|b| b.is_ascii_digit()).count() as u32,
                    run.iter().filter(|b| b.is_ascii_uppercase()).count() as u32,
                );
                assert_eq!(
                    ascii_run(bytes, start, &ASCII_CLASSES),
                    want,
                    "{text:?} at {start}"
                );
                long_runs += (end - start > 16) as u32;
            }
        }
        assert!(long_runs > 1000, "{long_runs}");
    }

    #[test]
    fn push_lower_agrees_with_to_lowercase() {
        let mut out = String::new();
        for c in (0u32..0x11_0000).filter_map(char::from_u32) {
            out.clear();
            push_lower(c, &mut out);
            assert!(out.chars().eq(c.to_lowercase()), "{c:?}");
        }
    }

    #[test]
    fn language_tally_counts_as_one_increment_per_language() {
        // Masks of every language, none, one or two and several, in a
        // pseudo-random order; 90,000 words run past the byte counters' 255,
        // and the first language's 67,500 hits past the u16 counts' 65,535
        // (which saturate).
        let all = (1u32 << LANGUAGE_COUNT) - 1;
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let mut tally = LanguageTally::default();
        let mut expected = [0u16; 32];
        let mut languages = 0;
        for i in 0..90_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mask = match i % 4 {
                0 => 0,
                1 => 1 | 1 << (x % LANGUAGE_COUNT as u64),
                2 => 1 | (x as u32 & all),
                _ => 1 | (x as u32 & all & 0b1010_0000_0000_0101),
            };
            tally.add(mask);
            languages |= mask;
            for (l, count) in expected.iter_mut().enumerate() {
                if mask >> l & 1 == 1 {
                    *count = count.saturating_add(1);
                }
            }
            if i == 300 || i == 89_999 {
                let counts = tally.clone().counts(languages);
                assert_eq!(counts, expected, "after {} words", i + 1);
            }
        }
        assert_eq!(expected[0], u16::MAX);
    }

    #[test]
    fn words_lowercased_on_the_stack_as_in_a_string() {
        let long = "Ж".repeat(40);
        let text = format!("café ÉCOLE Straße İstanbul ＡＢＣ 中 Дом Ωmega ꭰꭱ {long} Ἀθῆναι");
        let mut sink = WordSink {
            text: &text,
            stoplists: Stoplists::builtin(),
            lookout: &Lookout::new(),
            hits: LanguageTally::default(),
            languages: 0,
            lower: String::new(),
            first_spot: 0,
            dot_word: false,
        };
        let mut words = 0;
        for word in text.split(' ') {
            let start = word.as_ptr() as usize - text.as_ptr() as usize;
            let end = start + word.len();
            let mut lower = String::new();
            word.chars().for_each(|c| lower.extend(c.to_lowercase()));
            let expected = (
                Stoplists::builtin().mask(lower.as_bytes()),
                word_key(lower.as_bytes()),
            );
            assert_eq!(sink.lowercase(start, end), expected, "{word}");
            assert_eq!(sink.lowercase_long(start, end), expected, "{word}");
            words += 1;
        }
        assert_eq!(words, 11);
        // A stopword with an accent is found.
        let mut sink = WordSink {
            text: "FÜR",
            ..sink
        };
        assert_ne!(sink.lowercase(0, "FÜR".len()).0, 0);
    }

    #[test]
    fn the_lowercase_table_agrees_with_to_lowercase() {
        for (u, &l) in LOWERCASE.iter().enumerate() {
            let c = char::from_u32(u as u32).unwrap_or('\0');
            if l != '\0' {
                assert_eq!(c.to_lowercase().collect::<String>(), l.to_string());
            } else {
                assert!(c == '\0' || c.to_lowercase().count() > 1, "{c:?}");
            }
        }
    }

    #[test]
    fn every_feature_has_a_unique_name() {
        for (i, &(name, f)) in Feature::ALL.iter().enumerate() {
            assert_eq!(f as usize, i, "{name} is out of declaration order");
            assert_eq!(Feature::from_name(name), Some(f));
            assert_eq!(f.name(), name);
        }
    }
}
