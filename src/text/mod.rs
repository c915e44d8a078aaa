//! Stage 1: split a document into paragraphs, as byte ranges into the input.
//!
//! Scrapers emit text in two shapes: blocks separated by blank lines (one block
//! element per paragraph), or one paragraph per line. A page is read as blocks
//! when it has blank lines and its blocks are short (a few lines each) or look
//! hard-wrapped; otherwise every non-blank line is a paragraph. Nothing is
//! copied: each paragraph is a trimmed `Range<usize>` into the original text.

use std::ops::Range;

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
    fn empty_and_blank_inputs() {
        assert!(segment("").1.is_empty());
        assert!(segment(" \n\r\n\t").1.is_empty());
    }
}
