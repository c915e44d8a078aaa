//! The kept paragraphs as Markdown: headings, lists, quotes, code blocks
//! and tables from the HTML elements that held them, for readers (and
//! language models) that use the structure.

use super::{BlockKind, Paragraph};
use crate::text::one_line;

/// Renders `kept` (in order) as Markdown, blocks separated by a blank line;
/// `title`, when given, comes first as a level-1 heading.
pub(super) fn render<'s>(title: Option<&str>, kept: impl Iterator<Item = Paragraph<'s>>) -> String {
    let mut out = String::new();
    let block = |out: &mut String, text: &str| {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(text);
    };
    if let Some(title) = title {
        block(&mut out, &format!("# {}", one_line(title)));
    }
    // A table row in progress: its parent element and its cells.
    let mut row: Option<(u32, Vec<Cell>)> = None;
    // Whether the last block written was a table row (the next row of the
    // same table follows on the next line, the first gets a rule below).
    let mut in_table = false;
    for p in kept {
        let dom = p.features.dom;
        if let (BlockKind::TableCell, Some(dom)) = (p.kind(), dom) {
            match &mut row {
                Some((r, cells)) if *r == dom.parent => match cells.last_mut() {
                    // Paragraphs that `<br><br>` splits in one cell.
                    Some((e, texts)) if *e == dom.element => texts.push(p.text()),
                    _ => cells.push((dom.element, vec![p.text()])),
                },
                _ => {
                    if let Some((_, cells)) = row.take() {
                        write_row(&mut out, &cells, &mut in_table);
                    }
                    row = Some((dom.parent, vec![(dom.element, vec![p.text()])]));
                }
            }
            continue;
        }
        if let Some((_, cells)) = row.take() {
            write_row(&mut out, &cells, &mut in_table);
        }
        in_table = false;
        let text = p.text();
        let md = match p.kind() {
            BlockKind::Heading(level) => {
                format!(
                    "{} {}",
                    "#".repeat(level.clamp(1, 6) as usize),
                    one_line(text)
                )
            }
            BlockKind::ListItem => format!("- {}", escaped(text).replace('\n', "\n  ")),
            BlockKind::Quote => escaped(text)
                .lines()
                .map(|l| format!("> {l}"))
                .collect::<Vec<_>>()
                .join("\n"),
            BlockKind::Preformatted => {
                // A fence longer than any backtick run inside.
                let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
                let fence = "`".repeat(longest.max(2) + 1);
                format!("{fence}\n{text}\n{fence}")
            }
            _ => escaped(text),
        };
        block(&mut out, &md);
    }
    if let Some((_, cells)) = row.take() {
        write_row(&mut out, &cells, &mut in_table);
    }
    out
}

/// A table cell: the element it is, and its blocks' texts.
type Cell<'s> = (u32, Vec<&'s str>);

/// Writes one table row; the first row of a table gets the header rule.
/// A row of one cell is a layout table's: its paragraphs are written as
/// paragraphs. A cell of several paragraphs joins them with `<br>`.
fn write_row(out: &mut String, cells: &[Cell], in_table: &mut bool) {
    if let [(_, texts)] = cells {
        for text in texts {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&escaped(text));
        }
        *in_table = false;
        return;
    }
    let cells: Vec<String> = cells
        .iter()
        .map(|(_, texts)| {
            texts
                .iter()
                .map(|t| cell(t))
                .collect::<Vec<_>>()
                .join(" <br> ")
        })
        .collect();
    let line = format!("| {} |", cells.join(" | "));
    if *in_table {
        out.push('\n');
        out.push_str(&line);
        return;
    }
    if !out.is_empty() {
        out.push_str("\n\n");
    }
    out.push_str(&line);
    out.push('\n');
    out.push_str(&format!("|{}", " --- |".repeat(cells.len())));
    *in_table = true;
}

/// A table cell's text: one line, its pipes escaped.
fn cell(text: &str) -> String {
    one_line(text).replace('|', "\\|")
}

/// Text whose lines would start a Markdown structure (`# `, `- `, `> `,
/// `1. `) gets that marker escaped, so it reads as the text it was.
fn escaped(text: &str) -> String {
    text.lines()
        .map(|line| {
            let trimmed = line.trim_start();
            let bullet = trimmed
                .strip_prefix(['#', '-', '+', '*', '>'])
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '#']));
            let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
            let numbered = digits > 0
                && trimmed[digits..].starts_with(['.', ')'])
                && trimmed[digits + 1..].starts_with(' ');
            if bullet {
                format!("\\{trimmed}")
            } else if numbered {
                format!("{}\\{}", &trimmed[..digits], &trimmed[digits..])
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
