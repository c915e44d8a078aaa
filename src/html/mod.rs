//! Front-end for raw HTML: bytes → text decoding → tokens → blocks with their
//! DOM context, ready for the same pipeline as text (measure → rules → decide).
//!
//! The tokenizer is html5gum (WHATWG-conformant, entities decoded, no tree):
//! it ran at ~300 MB/s on the development pages against ~160 MB/s for building
//! an html5ever tree. Tree construction is approximated with a stack of open
//! elements and the implied end tags that matter for text (`<p>`, `<li>`,
//! `<td>`…), which is linear in the input whatever the markup.

mod charset;
mod main_container;
mod marks;
mod structured;
mod title;
mod tree;

#[cfg(test)]
mod tests;

use std::ops::Range;

use crate::measure::Dom;

pub(crate) use main_container::ContainerMarks;
pub(crate) use marks::{BODY_WORDS, DomWords, MAX_DOM_WORDS};
pub(crate) use tree::{parse, parse_decoded};

/// A page read from HTML: its visible text as blocks, and the DOM context of
/// each block. Build it with [`Stripper::parse_html`](crate::Stripper::parse_html).
#[derive(Clone, Debug, Default)]
pub struct Page {
    pub(crate) text: String,
    pub(crate) blocks: Vec<Range<usize>>,
    pub(crate) dom: Vec<Dom>,
    /// The innermost block-level element of each block, as an index into `elements`.
    block_elements: Vec<u32>,
    /// Every element, in document order.
    elements: Vec<Element>,
    title: Option<String>,
    /// `og:title`.
    meta_title: Option<String>,
    /// `og:site_name`.
    site_name: Option<String>,
    encoding: &'static str,
    /// The text of each `<script type="application/ld+json">`.
    structured_data: Vec<String>,
}

/// An element of the page tree: enough to find ancestors and subtrees.
#[derive(Clone, Copy, Debug)]
struct Element {
    /// Index of the parent element; `NO_ELEMENT` at the root.
    parent: u32,
    /// Index of its last descendant (itself when it has none): the subtree
    /// of element `e` is `e..=end`.
    end: u32,
    /// The `within` words carried by the element itself.
    marks: u128,
    /// Those of them its attributes (class, id) carry.
    attr_marks: u128,
    /// Those its tag name carries.
    tag_marks: u128,
    /// The page marks it as the article's body (schema.org `itemprop=articleBody`).
    article_body: bool,
    /// A part of a table (`tbody`, `thead`, `tfoot`, `tr`): never the main
    /// container, which is the table or what holds it.
    table_part: bool,
    /// A list (`ul`, `ol`): never the main container either, which is what
    /// holds it with the text that introduces it.
    list: bool,
    /// Its tag name and the first word of its class, hashed (odd); 0
    /// without a class. Entries of one list (a ticker's, a live blog's)
    /// share it.
    shape: u32,
}

const NO_ELEMENT: u32 = u32::MAX;

impl Page {
    /// The article the page states in its JSON-LD, as HTML (see
    /// [`structured`]); `None` when it states none.
    pub(crate) fn structured_article(&self) -> Option<String> {
        if self.structured_data.is_empty() {
            return None;
        }
        structured::article_html(&self.structured_data)
    }

    /// The visible text: every block, a blank line between blocks.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The name of the character encoding the page was decoded from.
    pub fn encoding(&self) -> &'static str {
        self.encoding
    }

    /// The blocks as byte ranges into [`text`](Self::text), with the tag
    /// name of the element that holds each (`p`, `li`, `td`…).
    pub fn blocks(&self) -> impl ExactSizeIterator<Item = (Range<usize>, &'static str)> + '_ {
        self.blocks
            .iter()
            .cloned()
            .zip(self.dom.iter().map(|d| d.tag))
    }

    /// The blocks with their DOM context as parsed: `marks` are those of the
    /// element and all its ancestors, and `in_main` is false; stripping
    /// resolves both once the main container is known.
    #[cfg(test)]
    pub(crate) fn blocks_with_dom(&self) -> impl Iterator<Item = (Range<usize>, &Dom)> {
        self.blocks.iter().cloned().zip(&self.dom)
    }
}

/// Whether `bytes` start like an HTML page (a doctype, `<html>`, `<head>`,
/// `<body>`, `<meta>`, `<div>`, `<p>` or a comment within the first kilobyte).
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    let head = String::from_utf8_lossy(&bytes[start..bytes.len().min(start + 1024)]).to_lowercase();
    let head = head.trim_start_matches('\u{feff}');
    head.starts_with('<')
        && [
            "<!doctype html",
            "<html",
            "<head",
            "<body",
            "<meta",
            "<div",
            "<p>",
            "<!--",
        ]
        .iter()
        .any(|t| head.contains(t))
}
