//! Stage 1: split a document into paragraphs, as byte ranges into the input.
//!
//! Scrapers emit text in two shapes: blocks separated by blank lines (one block
//! element per paragraph), or one paragraph per line. A page is read as blocks
//! when it has blank lines and its blocks are short (a few lines each) or look
//! hard-wrapped; otherwise every non-blank line is a paragraph. Nothing is
//! copied: each paragraph is a trimmed `Range<usize>` into the text as read
//! (the input itself, unless [`normalize`] had to compose it or drop invisible chars).

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// How the paragraphs of a document were separated in its input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Paragraphs are separated by one or more blank lines.
    Blocks,
    /// Every non-blank line is a paragraph.
    Lines,
}

impl Layout {
    /// The separator that joins kept paragraphs the way the input did.
    pub fn separator(self) -> &'static str {
        match self {
            Layout::Blocks => "\n\n",
            Layout::Lines => "\n",
        }
    }
}

/// Chars that render as nothing inside a word: the soft hyphen (a hint
/// where a word may break), the zero-width space, the word joiner and the
/// zero-width no-break space (BOM). Not the zero-width joiner and non-joiner,
/// which shape emoji and the letters of Persian or Indic scripts.
const INVISIBLE: [char; 4] = ['\u{ad}', '\u{200b}', '\u{2060}', '\u{feff}'];

/// `text` without its [`INVISIBLE`] chars, but for a zero-width space
/// between letters of Thai, Lao, Khmer or Burmese: those scripts write no
/// spaces, and there it is the word break a reader's software uses.
pub(crate) fn without_invisible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut prev = ' ';
    while let Some(c) = chars.next() {
        let keep = !INVISIBLE.contains(&c)
            || (c == '\u{200b}'
                && crate::measure::is_unspaced(prev)
                && chars
                    .peek()
                    .copied()
                    .is_some_and(crate::measure::is_unspaced));
        // A dropped char is not the one before the next: between Thai
        // letters "ก\u{ad}\u{200b}ข" keeps its word break.
        if keep {
            out.push(c);
            prev = c;
        }
    }
    out
}

/// `text` as a reader sees it: in form C ([`nfc`]) and without the
/// [`INVISIBLE`] chars a page may hide inside its words (German sites put
/// soft hyphens in long words), which would split a word for a search, a
/// rule's phrase or a snippet. Borrowed when the text has neither.
pub(crate) fn normalize(text: &str) -> Cow<'_, str> {
    if !has_invisible(text.as_bytes()) {
        return nfc(text);
    }
    Cow::Owned(nfc(&without_invisible(text)).into_owned())
}

/// Whether `bytes` hold one of the [`INVISIBLE`] chars, found by the lead
/// bytes they share with few others (U+00AD, U+200B, U+2060, U+FEFF).
pub(crate) fn has_invisible(bytes: &[u8]) -> bool {
    memchr::memchr3_iter(0xC2, 0xE2, 0xEF, bytes).any(|i| {
        matches!(
            &bytes[i..],
            [0xC2, 0xAD, ..]
                | [0xE2, 0x80, 0x8B, ..]
                | [0xE2, 0x81, 0xA0, ..]
                | [0xEF, 0xBB, 0xBF, ..]
        )
    })
}

/// `text` in Unicode normalization form C: "ä" as one character, not "a"
/// and a combining U+0308. Pages mix both forms (macOS writes the second),
/// and a reader, a search or a rule's phrase means them as one. Borrowed when
/// `text` already is, which most pages are.
///
/// Below U+0300 every character is in form C and starts afresh (combining
/// class 0), and so do the [`plain`] ones: only the runs of other
/// characters are looked up, so that a page of Cyrillic, Han or curly
/// quotes costs a range test per character, and only a run that is not
/// surely in form C is composed, with the starter before it.
pub(crate) fn nfc(text: &str) -> Cow<'_, str> {
    let mut composed = Composed::default();
    let mut at = 0;
    while let Some(start) = lead_from_u300(text.as_bytes(), at) {
        // Walk the characters until ASCII, then scan bytes again.
        let mut run: Option<usize> = None;
        at = text.len();
        for (i, c) in text[start..].char_indices() {
            let i = start + i;
            if c.is_ascii() {
                at = i;
                break;
            }
            if c < '\u{300}' || plain(c) {
                if let Some(from) = run.take() {
                    composed.run(text, from..i);
                }
            } else if run.is_none() {
                run = Some(i);
            }
        }
        if let Some(from) = run {
            composed.run(text, from..at);
        }
    }
    match composed.out {
        None => Cow::Borrowed(text),
        Some(mut out) => {
            out.push_str(&text[composed.copied..]);
            Cow::Owned(out)
        }
    }
}

/// [`nfc`]'s output, made only once a run needs composing.
#[derive(Default)]
struct Composed {
    out: Option<String>,
    /// How much of the text `out` holds.
    copied: usize,
}

impl Composed {
    /// Composes the run `run` of `text` unless it surely is in form C.
    fn run(&mut self, text: &str, run: Range<usize>) {
        if is_nfc_quick(text[run.clone()].chars()) == IsNormalized::Yes {
            return;
        }
        // The character before the run is a starter that nothing earlier
        // composes with: the run composes with it alone.
        let copied = self.copied;
        let from = text[copied..run.start]
            .char_indices()
            .next_back()
            .map_or(run.start, |(i, _)| copied + i);
        let out = self
            .out
            .get_or_insert_with(|| String::with_capacity(text.len()));
        out.push_str(&text[copied..from]);
        out.extend(text[from..run.end].nfc());
        self.copied = run.end;
    }
}

/// A character from U+0300 up that is in form C wherever it stands and
/// never combines with the one before (combining class 0, not the second
/// half of any canonical pair): Cyrillic, general punctuation, currency
/// signs, kana, Han, Hangul syllables, full-width forms (a test checks
/// every one against the normalization crate's tables).
fn plain(c: char) -> bool {
    matches!(c,
        '\u{400}'..='\u{482}' | '\u{48a}'..='\u{52f}' | '\u{2002}'..='\u{206f}'
        | '\u{20a0}'..='\u{20cf}' | '\u{3000}'..='\u{3029}' | '\u{3030}'..='\u{3098}'
        | '\u{309b}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7a3}'
        | '\u{ff01}'..='\u{ffef}')
}

/// The first byte at or after `from` that leads a character from U+0300 up.
fn lead_from_u300(bytes: &[u8], from: usize) -> Option<usize> {
    // Whole blocks first: a maximum over 32 bytes compiles to vector code.
    let mut at = from;
    while let Some(block) = bytes.get(at..at + 32) {
        if block.iter().fold(0, |max, &b| max.max(b)) >= 0xCC {
            break;
        }
        at += 32;
    }
    bytes[at..].iter().position(|&b| b >= 0xCC).map(|i| at + i)
}

/// A line of the input: its byte range without the line terminator, trimmed.
#[derive(Clone, Debug)]
struct Line {
    range: Range<usize>,
    blank: bool,
}

/// Splits `text` into paragraphs. Each range is trimmed of Unicode whitespace,
/// non-empty, lies on char boundaries, and ranges come in order without overlap.
pub fn segment(text: &str) -> (Layout, Vec<Range<usize>>) {
    let lines = split_lines(text);
    let non_blank = lines.iter().filter(|l| !l.blank).count();
    let blocks = blocks(&lines);
    let layout = choose_layout(text, &lines, &blocks, non_blank);
    let ranges = match layout {
        Layout::Blocks => blocks,
        Layout::Lines => lines
            .into_iter()
            .filter(|l| !l.blank)
            .map(|l| l.range)
            .collect(),
    };
    (layout, ranges)
}

/// Lines end at `\n`, `\r\n` or a lone `\r`; memchr finds the candidates.
fn split_lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    // Most texts have no `\r`: one byte is cheaper to look for than two.
    if memchr::memchr(b'\r', bytes).is_none() {
        split_at(text, memchr::memchr_iter(b'\n', bytes))
    } else {
        split_at(text, memchr::memchr2_iter(b'\n', b'\r', bytes))
    }
}

/// The lines of `text` split at `breaks`, the positions of its `\n` and `\r`.
fn split_at(text: &str, breaks: impl Iterator<Item = usize>) -> Vec<Line> {
    let bytes = text.as_bytes();
    // Scraped pages average some 30 bytes a line, blank lines included:
    // most documents need no regrowth.
    let mut lines = Vec::with_capacity(bytes.len() / 24 + 4);
    let mut start = 0;
    for pos in breaks {
        if pos < start {
            // The `\n` of a `\r\n` pair, already consumed.
            continue;
        }
        lines.push(make_line(text, start, pos));
        start = if bytes[pos] == b'\r' && bytes.get(pos + 1) == Some(&b'\n') {
            pos + 2
        } else {
            pos + 1
        };
    }
    if start < bytes.len() {
        lines.push(make_line(text, start, bytes.len()));
    }
    lines
}

fn make_line(text: &str, start: usize, end: usize) -> Line {
    let range = trim_range(text, start..end);
    Line {
        blank: range.is_empty(),
        range,
    }
}

/// Shrinks `range` to exclude leading and trailing Unicode whitespace and
/// invisible format characters (zero-width spaces and joiners, word joiner,
/// BOM): a line holding only those is blank, as it renders.
/// `start..end` must lie on char boundaries; the result does too.
pub(crate) fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    // Most lines start and end with a visible ASCII char: nothing to trim.
    let bytes = text.as_bytes();
    if !range.is_empty()
        && bytes[range.start].is_ascii_graphic()
        && bytes[range.end - 1].is_ascii_graphic()
    {
        return range;
    }
    let s = &text[range.clone()];
    let trimmed_start = s.trim_start_matches(is_blank_char);
    let lead = s.len() - trimmed_start.len();
    let trimmed = trimmed_start.trim_end_matches(is_blank_char);
    let start = range.start + lead;
    start..start + trimmed.len()
}

/// Whitespace, or a character that takes no room when rendered.
/// `text` with its whitespace runs made one space, on one line.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn is_blank_char(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
        )
}

/// Maximal runs of non-blank lines, each as one range from its first to its last line.
fn blocks(lines: &[Line]) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(lines.len() / 2 + 1);
    let mut current: Option<Range<usize>> = None;
    for line in lines {
        if line.blank {
            if let Some(r) = current.take() {
                out.push(r);
            }
        } else {
            current = Some(match current {
                Some(r) => r.start..line.range.end,
                None => line.range.clone(),
            });
        }
    }
    out.extend(current);
    out
}

/// Blocks when blank lines separate short blocks (the usual scraper output) or
/// hard-wrapped prose; lines otherwise (one paragraph per line, no blank lines).
fn choose_layout(text: &str, lines: &[Line], blocks: &[Range<usize>], non_blank: usize) -> Layout {
    if blocks.len() < 2 || blocks.len() == non_blank {
        // No blank line between paragraphs, or every block is one line anyway.
        return if blocks.len() == non_blank {
            Layout::Blocks
        } else {
            Layout::Lines
        };
    }
    let lines_per_block = non_blank as f64 / blocks.len() as f64;
    if lines_per_block <= 4.0 || looks_hard_wrapped(text, lines) {
        Layout::Blocks
    } else {
        Layout::Lines
    }
}

/// Hard-wrapped prose: nearly all lines are at most ~100 bytes and most are long
/// enough to have been wrapped, so a block is a paragraph broken over lines.
fn looks_hard_wrapped(text: &str, lines: &[Line]) -> bool {
    let lens: Vec<usize> = lines
        .iter()
        .filter(|l| !l.blank)
        .map(|l| text[l.range.clone()].chars().count())
        .collect();
    if lens.is_empty() {
        return false;
    }
    let short = lens.iter().filter(|&&n| n <= 100).count();
    let wrapped = lens.iter().filter(|&&n| (40..=100).contains(&n)).count();
    short * 100 >= lens.len() * 95 && wrapped * 2 >= lens.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(text: &str) -> (Layout, Vec<&str>) {
        let (layout, ranges) = segment(text);
        (layout, ranges.into_iter().map(|r| &text[r]).collect())
    }

    #[test]
    fn blank_line_blocks() {
        let (layout, p) = paras("First para.\n\n  Second para.  \n\n\n\nThird.\n");
        assert_eq!(layout, Layout::Blocks);
        assert_eq!(p, ["First para.", "Second para.", "Third."]);
    }

    #[test]
    fn one_paragraph_per_line() {
        let (layout, p) = paras("Title\nFirst paragraph here.\nSecond one.");
        assert_eq!(layout, Layout::Lines);
        assert_eq!(p, ["Title", "First paragraph here.", "Second one."]);
    }

    #[test]
    fn crlf_and_lone_cr() {
        let (_, p) = paras("a b\r\n\r\nc d\r\re f\r\n");
        assert_eq!(p, ["a b", "c d", "e f"]);
    }

    #[test]
    fn unicode_whitespace_is_blank() {
        // NBSP and ideographic space lines count as blank.
        let (layout, p) = paras("One.\n\u{a0}\u{3000}\nTwo.");
        assert_eq!(layout, Layout::Blocks);
        assert_eq!(p, ["One.", "Two."]);
    }

    #[test]
    fn short_multi_line_blocks_stay_whole() {
        let (layout, p) = paras("a\nb\n\nc\n\nd\ne");
        assert_eq!(layout, Layout::Blocks);
        assert_eq!(p, ["a\nb", "c", "d\ne"]);
    }

    #[test]
    fn long_unwrapped_blocks_split_into_lines() {
        let block: String = (0..10).map(|i| format!("item {i}\n")).collect();
        let text = format!("{block}\n{block}");
        let (layout, p) = paras(&text);
        assert_eq!(layout, Layout::Lines);
        assert_eq!(p.len(), 20);
    }

    #[test]
    fn hard_wrapped_prose_is_blocks() {
        let line = "This sentence is wrapped at about seventy characters as mail is.";
        let block = [line; 8].join("\n");
        let text = format!("{block}\n\n{block}");
        let (layout, p) = paras(&text);
        assert_eq!(layout, Layout::Blocks);
        assert_eq!(p.len(), 2);
    }

    #[test]
    fn invisible_lines_are_blank() {
        let (_, p) = paras("One.\n\n\u{200b}\n\n\u{feff} \u{200d}\n\nTwo.");
        assert_eq!(p, ["One.", "Two."]);
    }

    #[test]
    fn normalize_drops_invisible_chars_but_a_thai_word_break() {
        let soft = "Wir wol\u{ad}len Sie ent\u{ad}f\u{fc}hren.\u{feff}";
        assert_eq!(normalize(soft), "Wir wollen Sie entf\u{fc}hren.");
        assert_eq!(normalize("a\u{200b}b\u{2060}c"), "abc");
        // Between Thai letters a zero-width space is the word break.
        let thai = "\u{e01}\u{e32}\u{200b}\u{e02}";
        assert_eq!(normalize(thai), thai);
        // A dropped char between does not hide the letter before it.
        let broken = "\u{e01}\u{200b}\u{e02}";
        assert_eq!(normalize("\u{e01}\u{ad}\u{200b}\u{e02}"), broken);
        assert_eq!(normalize("\u{e01}\u{200b}\u{200b}\u{e02}"), broken);
        // Text without them is not copied, even with curly quotes and NBSP.
        let plain = "\u{201c}Caf\u{e9}\u{201d}\u{a0}\u{2014} \u{ef}";
        assert!(matches!(normalize(plain), Cow::Borrowed(_)));
        assert!(matches!(normalize("ok\u{e2}"), Cow::Borrowed(_)));
    }

    #[test]
    fn decomposed_characters_are_composed_and_composed_text_is_not_copied() {
        let decomposed = "Ma\u{308}dchen, fu\u{308}r \u{9a1}\u{9bc}";
        assert_eq!(
            nfc(decomposed),
            "Mädchen, für \u{9dc}".nfc().collect::<String>()
        );
        assert_eq!(nfc(decomposed), "M\u{e4}dchen, f\u{fc}r \u{9a1}\u{9bc}");
        for composed in ["Mädchen", "plain ASCII", "Привет, мир", "東京"] {
            assert!(matches!(nfc(composed), Cow::Borrowed(_)), "{composed}");
        }
        // A plain character before a combining one: still composed.
        assert_eq!(
            nfc("\u{439}\u{418}\u{306} \u{ac00}\u{11a8}"),
            "\u{439}\u{419} \u{ac01}"
        );
        // Marks out of order, a singleton, two runs, text around them.
        let mixed = "x q\u{307}\u{323} \u{2126} ‘A\u{30a}’ z";
        assert_eq!(nfc(mixed), mixed.nfc().collect::<String>());
    }

    #[test]
    fn composing_runs_agrees_with_composing_the_whole_text() {
        // Starters, marks of several classes, Hangul jamo, singletons,
        // Bengali nukta and two-part vowels, kana and its voicing mark.
        let alphabet = [
            'a', 'q', ' ', 'и', '’', 'か', '\u{300}', '\u{301}', '\u{306}', '\u{307}', '\u{323}',
            '\u{1100}', '\u{1161}', '\u{11a8}', '\u{ac00}', '\u{2126}', '\u{9a1}', '\u{9bc}',
            '\u{9c7}', '\u{9be}', '\u{3099}', '\u{f900}',
        ];
        for &x in &alphabet {
            for &y in &alphabet {
                for &z in &alphabet {
                    let text: String = [x, y, z].iter().collect();
                    let whole: String = text.nfc().collect();
                    assert_eq!(nfc(&text), whole, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn plain_characters_are_form_c_alone_and_never_combine() {
        use unicode_normalization::char::canonical_combining_class;
        // Below U+0300 and the plain ranges alike: class 0, in form C
        // alone, and never the second of a pair (the lowest is U+0300).
        let every = (0x80..0x1_0000u32).filter_map(char::from_u32);
        for c in every.filter(|&c| c < '\u{300}' || plain(c)) {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            let alone = c.to_string();
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(alone.nfc().collect::<String>(), alone, "{c:?}");
            for before in ['a', 'е', 'か', '\u{ac00}'] {
                let pair: String = [before, c].iter().collect();
                assert_eq!(pair.nfc().collect::<String>(), pair, "{before:?} {c:?}");
            }
        }
    }

    #[test]
    fn empty_and_blank_inputs() {
        assert!(segment("").1.is_empty());
        assert!(segment(" \n\r\n\t").1.is_empty());
    }
}
