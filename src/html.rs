//! Front-end for raw HTML: bytes → text decoding → tokens → blocks with their
//! DOM context, ready for the same pipeline as text (features → rules → decide).
//!
//! The tokenizer is html5gum (WHATWG-conformant, entities decoded, no tree):
//! it ran at ~300 MB/s on the development pages against ~160 MB/s for building
//! an html5ever tree. Tree construction is approximated with a stack of open
//! elements and the implied end tags that matter for text (`<p>`, `<li>`,
//! `<td>`…), which is linear in the input whatever the markup.

use std::borrow::Cow;
use std::ops::Range;

use encoding_rs::Encoding;
use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Span, Tokenizer};
use rustc_hash::FxHashMap;

use crate::features::{Feature, Features};

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
    encoding: &'static str,
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
    /// The page marks it as the article's body (schema.org `itemprop=articleBody`).
    article_body: bool,
}

const NO_ELEMENT: u32 = u32::MAX;

/// Readability's constants for finding a container shared by close candidates.
const TOP_CANDIDATES: usize = 5;
/// A declared article body with fewer words is ignored (an empty or teaser element).
const DECLARED_BODY_WORDS: u64 = 30;
const SCORED_ANCESTORS: usize = 5;
const CLOSE_CANDIDATE: f64 = 0.75;
const MIN_CLOSE_CANDIDATES: usize = 3;

impl Page {
    /// The visible text: every block, a blank line between blocks.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text of the `<title>` element, whitespace collapsed.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// The name of the character encoding the page was decoded from.
    pub fn encoding(&self) -> &'static str {
        self.encoding
    }

    /// The blocks as byte ranges into [`text`](Self::text), with their DOM
    /// context as parsed: `marks` are those of the element and all its
    /// ancestors, and `in_main` is false. Stripping resolves both once the
    /// main container is known (see [`Dom::marks`]).
    pub fn blocks(&self) -> impl Iterator<Item = (Range<usize>, &Dom)> {
        self.blocks.iter().cloned().zip(&self.dom)
    }
}

impl Page {
    /// Sets the DOM context of each block's features (`features[i]` is block
    /// `i`), with the main container found from the prose they measure.
    pub(crate) fn resolve_features(&self, features: &mut [Features], veto: u128) {
        let weights: Vec<f64> = features.iter().map(prose_weight).collect();
        let words: Vec<u32> = features.iter().map(|f| f.words).collect();
        for (f, dom) in features
            .iter_mut()
            .zip(self.resolve(&weights, &words, veto))
        {
            f.dom = Some(dom);
        }
    }

    /// The `itemprop=articleBody` element holding the most words, if it holds enough.
    fn declared_body(&self, words: &[u32]) -> Option<usize> {
        if !self.elements.iter().any(|e| e.article_body) {
            return None;
        }
        // Words per element, summed in document order: a subtree `e..=end`
        // is a difference of two prefix sums.
        let n = self.elements.len();
        let mut prefix = vec![0u64; n + 1];
        for (&e, &w) in self.block_elements.iter().zip(words) {
            if let Some(slot) = prefix.get_mut(e as usize + 1) {
                *slot += w as u64;
            }
        }
        for i in 0..n {
            prefix[i + 1] += prefix[i];
        }
        self.elements
            .iter()
            .enumerate()
            .filter(|(_, e)| e.article_body)
            .map(|(i, e)| (i, prefix[e.end as usize + 1] - prefix[i]))
            .filter(|&(_, w)| w >= DECLARED_BODY_WORDS)
            .max_by_key(|&(i, w)| (w, std::cmp::Reverse(i)))
            .map(|(i, _)| i)
    }

    /// The main container, as readability picks it: the best-scoring
    /// element, or the ancestor it shares with several candidates that score
    /// nearly as well (an article split into column blocks), or a parent that
    /// scores better still.
    fn top_candidate(&self, score: &[f64]) -> Option<usize> {
        let mut ranked: Vec<usize> = (0..score.len()).filter(|&i| score[i] > 0.0).collect();
        ranked.sort_by(|&a, &b| score[b].total_cmp(&score[a]).then(a.cmp(&b)));
        let &top = ranked.first()?;
        let mut main = top;
        let contains = |a: usize, b: usize| a <= b && b <= self.elements[a].end as usize;
        let close: Vec<usize> = ranked
            .iter()
            .skip(1)
            .take(TOP_CANDIDATES - 1)
            .copied()
            .filter(|&c| score[c] >= CLOSE_CANDIDATE * score[top])
            .collect();
        if close.len() >= MIN_CLOSE_CANDIDATES {
            let mut up = self.elements[top].parent as usize;
            while up < self.elements.len() {
                if close.iter().filter(|&&c| contains(up, c)).count() >= MIN_CLOSE_CANDIDATES {
                    main = up;
                    break;
                }
                up = self.elements[up].parent as usize;
            }
        }
        // Walk up while parents keep a fair score; a parent that scores more
        // than its child is the better container.
        let mut last = score[main];
        let threshold = last / 3.0;
        let mut up = self.elements[main].parent as usize;
        while up < self.elements.len() {
            if score[up] > 0.0 {
                if score[up] < threshold {
                    break;
                }
                if score[up] > last {
                    main = up;
                    break;
                }
                last = score[up];
            }
            up = self.elements[up].parent as usize;
        }
        Some(main)
    }

    /// The DOM context of every block once the main content container is known.
    ///
    /// `weights` says how much prose each block holds; as in readability.js, a
    /// block adds its weight to its element's parent, half of it to the
    /// grandparent and less to three more ancestors, and the main container
    /// is chosen among the best-scoring elements ([`Page::top_candidate`]). Blocks
    /// with any of the `veto` marks (a comment section) add nothing, and are
    /// never main text. The
    /// container and its ancestors then lose their marks: a wrapper's class
    /// (`page-with-sidebar`) does not describe the article it wraps.
    /// An element the page declares as the article body (schema.org
    /// `itemprop=articleBody`) holding at least [`DECLARED_BODY_WORDS`] words
    /// is the container, whatever the prose scores say: articles that are
    /// lists or tables have little prose.
    pub(crate) fn resolve(&self, weights: &[f64], words: &[u32], veto: u128) -> Vec<Dom> {
        let n = self.elements.len();
        let mut score = vec![0f64; n];
        for ((&w, &e), dom) in weights.iter().zip(&self.block_elements).zip(&self.dom) {
            if w <= 0.0 || dom.marks & veto != 0 {
                continue;
            }
            let Some(el) = self.elements.get(e as usize) else {
                continue;
            };
            // As readability.js: the parent gets the weight, the grandparent
            // half, and three more ancestors a share that falls with distance.
            let mut up = el.parent;
            for level in 0..SCORED_ANCESTORS {
                let Some(a) = self.elements.get(up as usize) else {
                    break;
                };
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f64 * 3.0,
                };
                score[up as usize] += w / divider;
                up = a.parent;
            }
        }
        let main = self
            .declared_body(words)
            .or_else(|| self.top_candidate(&score));
        let mut wrapper = vec![false; n];
        let mut up = main.map_or(NO_ELEMENT, |m| m as u32);
        while let Some(e) = self.elements.get(up as usize) {
            wrapper[up as usize] = true;
            up = e.parent;
        }
        // Parents come before children, so one pass in document order inherits.
        let mut marks = vec![0u128; n];
        for (i, e) in self.elements.iter().enumerate() {
            let own = if wrapper[i] { 0 } else { e.marks };
            let inherited = marks.get(e.parent as usize).copied().unwrap_or(0);
            marks[i] = own | inherited;
        }
        self.dom
            .iter()
            .zip(&self.block_elements)
            .map(|(dom, &e)| {
                let e = e as usize;
                let marks = marks.get(e).copied().unwrap_or(0);
                // A comment section nested in the container is not main text.
                let inside =
                    main.is_some_and(|m| e < n && m <= e && e <= self.elements[m].end as usize);
                Dom {
                    marks,
                    in_main: inside && marks & veto == 0,
                    ..*dom
                }
            })
            .collect()
    }
}

/// How much article prose a block holds, for finding the main container:
/// its words when it reads as sentences, discounted by its share of link text.
fn prose_weight(f: &Features) -> f64 {
    let stopwords = f.get(Feature::Stopwords);
    let prose = f.words >= 8 && f.sentences >= 1 && (stopwords >= 0.15 || f.doc_stopwords < 0.08);
    if !prose {
        return 0.0;
    }
    let links = f.dom.map_or(0.0, |d| d.link_density as f64);
    f.words.min(200) as f64 * (1.0 - links)
}

/// Where a block sits in the page.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Dom {
    /// The innermost block-level element holding the text (`p`, `li`, `td`…).
    pub tag: &'static str,
    /// Share of the block's characters that are inside links.
    pub link_density: f32,
    /// Number of open elements above the block's element.
    pub depth: u32,
    /// Which `within` words of the rules the element or an ancestor carries
    /// (as a tag name, or in its class, id, role or itemprop), one bit each.
    /// The element that holds the article and its ancestors are left out:
    /// a wrapper's `has-sidebar` says nothing about the text it wraps.
    pub marks: u128,
    /// Whether the block lies inside the element that holds the most prose
    /// (the main content container, as readability finds it).
    pub in_main: bool,
}

/// The words rules test with `within`, each with its bit.
#[derive(Clone, Debug, Default)]
pub(crate) struct DomWords {
    exact: FxHashMap<String, u128>,
    prefixes: Vec<(String, u128)>,
}

/// At most this many distinct `within` words (one bit each in [`Dom::marks`]).
pub(crate) const MAX_DOM_WORDS: usize = 128;

impl DomWords {
    /// The bit of `word` (`nav`, or `comment*` for a prefix), adding it if new;
    /// `None` when all bits are taken.
    pub(crate) fn bit(&mut self, word: &str) -> Option<u128> {
        let word = word.to_ascii_lowercase();
        let (key, prefix) = match word.strip_suffix('*') {
            Some(w) => (w.to_string(), true),
            None => (word, false),
        };
        let existing = if prefix {
            self.prefixes
                .iter()
                .find(|(w, _)| *w == key)
                .map(|&(_, b)| b)
        } else {
            self.exact.get(&key).copied()
        };
        if existing.is_some() {
            return existing;
        }
        let used = self.exact.len() + self.prefixes.len();
        if used >= MAX_DOM_WORDS {
            return None;
        }
        let bit = 1u128 << used;
        if prefix {
            self.prefixes.push((key, bit));
        } else {
            self.exact.insert(key, bit);
        }
        Some(bit)
    }

    fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.prefixes.is_empty()
    }

    /// The bits of one name: a tag name, or one part of an attribute value.
    fn marks_of_part(&self, part: &str) -> u128 {
        let mut m = self.exact.get(part).copied().unwrap_or(0);
        for (p, bit) in &self.prefixes {
            if part.starts_with(p.as_str()) {
                m |= bit;
            }
        }
        m
    }

    /// The bits of an attribute value: each whitespace-separated token whole,
    /// and each of its parts split at `-`, `_`, digits and camelCase humps
    /// (`post-footer`, `commentList`, `share_buttons`).
    fn marks_of_value(&self, value: &[u8], scratch: &mut String) -> u128 {
        let mut m = 0;
        for token in value
            .split(|b| b.is_ascii_whitespace())
            .filter(|t| !t.is_empty() && t.len() <= 64)
        {
            scratch.clear();
            scratch.extend(token.iter().map(|b| b.to_ascii_lowercase() as char));
            m |= self.marks_of_part(scratch);
            let mut start = 0;
            for i in 1..=token.len() {
                let boundary = i == token.len()
                    || !token[i].is_ascii_alphabetic()
                    || (token[i].is_ascii_uppercase() && token[i - 1].is_ascii_lowercase());
                if boundary {
                    let part = &token[start..i];
                    let part = part
                        .iter()
                        .position(|b| b.is_ascii_alphabetic())
                        .map_or(&[][..], |s| &part[s..]);
                    if !part.is_empty() && part.len() < token.len() {
                        scratch.clear();
                        scratch.extend(part.iter().map(|b| b.to_ascii_lowercase() as char));
                        m |= self.marks_of_part(scratch);
                    }
                    start = i;
                }
            }
        }
        m
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

/// `bytes` as text: valid UTF-8 is checked a word at a time where it is
/// ASCII and borrowed (the lossy decoder walks it byte by byte), anything
/// else is decoded lossily.
fn utf8(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// Decodes `bytes` as the page declares (BOM, `<meta charset>`, `http-equiv`),
/// else as UTF-8 when valid, else as chardetng guesses.
pub(crate) fn decode(bytes: &[u8]) -> (Cow<'_, str>, &'static Encoding) {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return (text, enc);
    }
    let declared = declared_encoding(&bytes[..bytes.len().min(4096)]);
    let enc = match declared {
        Some(enc) => enc,
        None if std::str::from_utf8(bytes).is_ok() => encoding_rs::UTF_8,
        None => {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(&bytes[..bytes.len().min(1 << 16)], true);
            detector.guess(None, chardetng::Utf8Detection::Allow)
        }
    };
    let (text, _) = enc.decode_without_bom_handling(bytes);
    (text, enc)
}

/// The encoding named by the first `charset=` in the head, as browsers' prescan
/// finds it (a UTF-16 label in markup means UTF-8: the bytes were read as ASCII).
fn declared_encoding(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&lower[from..], b"charset") {
        let at = from + i + b"charset".len();
        from = at;
        let rest = &lower[at..];
        let rest = &rest[rest.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = &rest[rest
            .iter()
            .take_while(|&&b| b.is_ascii_whitespace() || b == b'"' || b == b'\'')
            .count()..];
        let label: Vec<u8> = rest
            .iter()
            .take_while(|&&b| !(b.is_ascii_whitespace() || b"\"';>/".contains(&b)))
            .copied()
            .collect();
        if let Some(enc) = Encoding::for_label(&label) {
            return Some(
                if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    encoding_rs::UTF_8
                } else if enc == encoding_rs::X_USER_DEFINED {
                    encoding_rs::WINDOWS_1252
                } else {
                    enc
                },
            );
        }
    }
    None
}

/// A tag name, truncated to 15 bytes (enough to tell elements apart).
#[derive(Clone, Copy, PartialEq, Eq)]
struct Name {
    len: u8,
    bytes: [u8; 15],
}

impl Name {
    fn new(s: &[u8]) -> Name {
        let mut bytes = [0; 15];
        let n = s.len().min(15);
        bytes[..n].copy_from_slice(&s[..n]);
        Name {
            len: s.len().min(255) as u8,
            bytes,
        }
    }

    fn is(&self, s: &[u8]) -> bool {
        self.len as usize == s.len() && s.len() <= 15 && &self.bytes[..s.len()] == s
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..(self.len as usize).min(15)]
    }
}

/// Elements that start and end blocks of text, with the names rules see.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "pre",
    "blockquote",
    "figcaption",
    "dd",
    "dt",
    "ul",
    "ol",
    "dl",
    "table",
    "tr",
    "tbody",
    "thead",
    "tfoot",
    "caption",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "nav",
    "aside",
    "form",
    "address",
    "figure",
    "details",
    "summary",
    "dialog",
    "fieldset",
    "legend",
    "center",
    "hgroup",
    "menu",
    "body",
    "html",
    "hr",
    "br",
    "option",
];

/// Elements whose content is never shown as text.
const SKIPPED: &[&[u8]] = &[
    b"script",
    b"style",
    b"noscript",
    b"template",
    b"svg",
    b"math",
    b"iframe",
    b"object",
    b"select",
    b"textarea",
    b"button",
    b"head",
    b"canvas",
    b"audio",
    b"video",
    b"datalist",
    b"noembed",
    b"noframes",
    b"title",
];

const VOID: &[&[u8]] = &[
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param",
    b"source", b"track", b"wbr", b"keygen", b"frame",
];

/// Elements that may appear in `<head>`; any other start tag ends an unclosed head.
const HEAD_CONTENT: &[&[u8]] = &[
    b"title",
    b"meta",
    b"link",
    b"style",
    b"script",
    b"base",
    b"noscript",
    b"template",
];

/// Boundaries of the scopes in which an open `<p>`, `<li>` or `<a>` is closed implicitly.
const SCOPE: &[&[u8]] = &[
    b"table",
    b"td",
    b"th",
    b"caption",
    b"html",
    b"button",
    b"object",
    b"template",
    b"marquee",
    b"applet",
];

/// How far down the stack an end tag or an implied end looks for its element:
/// deeper matches are ignored so that hostile nesting stays linear.
const SEARCH_DEPTH: usize = 256;

fn block_tag(name: &[u8]) -> Option<&'static str> {
    BLOCK_TAGS.iter().copied().find(|t| t.as_bytes() == name)
}

#[derive(Clone, Copy)]
struct Open {
    name: Name,
    /// Index in `Page::elements`.
    serial: u32,
    /// Marks of this element and its ancestors.
    marks: u128,
    /// Index in the stack of the innermost block-level element at or below this one.
    block: usize,
    tag: Option<&'static str>,
    skip: bool,
}

/// What a start tag carried that matters here.
#[derive(Default)]
struct PendingTag {
    name: Vec<u8>,
    attr: Vec<u8>,
    marks: u128,
    hidden: bool,
    article_body: bool,
}

struct Builder<'w> {
    words: &'w DomWords,
    page: Page,
    stack: Vec<Open>,
    skip_depth: usize,
    link_depth: usize,
    pre_depth: usize,
    foreign_depth: usize,
    tag: PendingTag,
    in_start_tag: bool,
    scratch: String,
    /// The block being filled: where it starts in `page.text`, its context.
    current: Option<(usize, Dom)>,
    pending_space: bool,
    chars: u32,
    link_chars: u32,
    title: Option<String>,
    in_title: bool,
}

/// Reads `bytes` as an HTML page.
pub(crate) fn parse(bytes: &[u8], words: &DomWords) -> Page {
    let (text, encoding) = decode(bytes);
    let mut b = Builder {
        words,
        page: Page {
            encoding: encoding.name(),
            text: String::with_capacity(text.len() / 4),
            ..Page::default()
        },
        stack: Vec::new(),
        skip_depth: 0,
        link_depth: 0,
        pre_depth: 0,
        foreign_depth: 0,
        tag: PendingTag::default(),
        in_start_tag: false,
        scratch: String::new(),
        current: None,
        pending_space: false,
        chars: 0,
        link_chars: 0,
        title: None,
        in_title: false,
    };
    {
        let mut emitter =
            CallbackEmitter::new(|event: CallbackEvent<'_>, _: Span<()>| -> Option<()> {
                b.event(event);
                None
            });
        emitter.naively_switch_states(true);
        let quiet = Quiet(emitter);
        for _ in Tokenizer::new_with_emitter(text.as_ref(), quiet) {}
    }
    b.flush();
    while let Some(open) = b.stack.pop() {
        b.close_element(open.serial);
    }
    b.page.title = b
        .title
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    b.page
}

/// The callback emitter with parse-error reporting off: errors are not used
/// here, and checking every character for them took 17% of the HTML time.
struct Quiet<E>(E);

impl<E: Emitter> ForwardingEmitter for Quiet<E> {
    type Token = E::Token;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.0
    }

    fn should_emit_errors(&mut self) -> bool {
        false
    }
}

impl Builder<'_> {
    fn event(&mut self, event: CallbackEvent<'_>) {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                self.tag.name.clear();
                self.tag.name.extend_from_slice(name);
                self.tag.marks = 0;
                self.tag.hidden = false;
                self.tag.article_body = false;
                self.tag.attr.clear();
                self.in_start_tag = true;
            }
            CallbackEvent::AttributeName { name } if self.in_start_tag => {
                self.tag.attr.clear();
                self.tag.attr.extend_from_slice(name);
                if name == b"hidden" {
                    self.tag.hidden = true;
                }
            }
            CallbackEvent::AttributeValue { value } if self.in_start_tag => self.attribute(value),
            CallbackEvent::CloseStartTag { self_closing } if self.in_start_tag => {
                self.in_start_tag = false;
                let name = std::mem::take(&mut self.tag.name);
                self.start_tag(&name, self_closing);
                self.tag.name = name;
            }
            CallbackEvent::EndTag { name } => {
                self.in_start_tag = false;
                self.end_tag(name);
            }
            CallbackEvent::String { value } => self.text(value),
            _ => {}
        }
    }

    fn attribute(&mut self, value: &[u8]) {
        if self.tag.attr == b"itemprop" {
            self.tag.article_body |= value
                .split(|b| b.is_ascii_whitespace())
                .any(|v| v.eq_ignore_ascii_case(b"articleBody"));
        }
        match self.tag.attr.as_slice() {
            // The page-wide classes of <html> and <body> ("single-post
            // comments-open") say nothing about one block.
            b"class" | b"id" | b"role" | b"itemprop"
                if !(self.words.is_empty()
                    || self.tag.name == b"body"
                    || self.tag.name == b"html") =>
            {
                self.tag.marks |= self.words.marks_of_value(value, &mut self.scratch);
            }
            b"aria-hidden" => self.tag.hidden |= value.eq_ignore_ascii_case(b"true"),
            b"style" => {
                let compact: Vec<u8> = value
                    .iter()
                    .filter(|b| !b.is_ascii_whitespace())
                    .map(u8::to_ascii_lowercase)
                    .collect();
                self.tag.hidden |= memchr::memmem::find(&compact, b"display:none").is_some()
                    || memchr::memmem::find(&compact, b"visibility:hidden").is_some();
            }
            _ => {}
        }
    }

    fn start_tag(&mut self, name: &[u8], self_closing: bool) {
        if self.top_is(b"head") && !HEAD_CONTENT.contains(&name) {
            self.pop_to(self.stack.len() - 1);
        }
        let block = block_tag(name);
        if block.is_some() {
            self.flush();
            self.implied_ends(name);
        } else if name == b"a" {
            if let Some(i) = self.find(&[b"a"], SCOPE) {
                self.pop_to(i);
            }
        }
        if VOID.contains(&name) || (self_closing && self.foreign_depth > 0) {
            return;
        }
        let parent_marks = self.stack.last().map_or(0, |o| o.marks);
        let own_marks = if self.words.is_empty() || name.len() > 15 {
            0
        } else {
            self.scratch.clear();
            self.scratch.extend(name.iter().map(|&b| b as char));
            self.words.marks_of_part(&self.scratch)
        };
        let skip = self.tag.hidden || SKIPPED.contains(&name);
        let index = self.stack.len();
        let serial = self.page.elements.len().min(NO_ELEMENT as usize - 1) as u32;
        self.page.elements.push(Element {
            parent: self.stack.last().map_or(NO_ELEMENT, |o| o.serial),
            end: serial,
            marks: own_marks | self.tag.marks,
            article_body: self.tag.article_body,
        });
        let open = Open {
            name: Name::new(name),
            serial,
            marks: parent_marks | own_marks | self.tag.marks,
            block: if block.is_some() {
                index
            } else {
                self.stack.last().map_or(0, |o| o.block)
            },
            tag: block,
            skip,
        };
        self.adjust_depths(&open, 1);
        if name == b"title" && self.title.is_none() && self.foreign_depth == 0 {
            self.in_title = true;
            self.title = Some(String::new());
        }
        self.stack.push(open);
    }

    fn end_tag(&mut self, name: &[u8]) {
        if name == b"br" {
            self.flush();
            return;
        }
        let is_block = block_tag(name).is_some();
        if is_block {
            self.flush();
        }
        if name == b"body" || name == b"html" {
            return;
        }
        let limit = self.stack.len().saturating_sub(SEARCH_DEPTH);
        if let Some(i) = (limit..self.stack.len())
            .rev()
            .find(|&i| self.stack[i].name.is(name))
        {
            self.pop_to(i);
        }
    }

    /// Closes the elements that a new block-level `name` ends implicitly.
    fn implied_ends(&mut self, name: &[u8]) {
        let closes_p = !matches!(
            name,
            b"td"
                | b"th"
                | b"tr"
                | b"tbody"
                | b"thead"
                | b"tfoot"
                | b"caption"
                | b"body"
                | b"html"
                | b"br"
                | b"option"
                | b"li"
                | b"dd"
                | b"dt"
        );
        if closes_p || matches!(name, b"li" | b"dd" | b"dt") {
            if let Some(i) = self.find(&[b"p"], SCOPE) {
                self.pop_to(i);
            }
        }
        let (targets, bounds): (&[&[u8]], &[&[u8]]) = match name {
            b"li" => (&[b"li"], &[b"ul", b"ol", b"menu", b"table"]),
            b"dd" | b"dt" => (&[b"dd", b"dt"], &[b"dl", b"table"]),
            b"td" | b"th" => (&[b"td", b"th"], &[b"tr", b"table"]),
            b"tr" => (&[b"tr"], &[b"table"]),
            b"tbody" | b"thead" | b"tfoot" => (&[b"tbody", b"thead", b"tfoot"], &[b"table"]),
            b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" => {
                if let Some(top) = self.stack.last() {
                    let n = top.name.as_bytes();
                    if n.len() == 2 && n[0] == b'h' && (b'1'..=b'6').contains(&n[1]) {
                        self.pop_to(self.stack.len() - 1);
                    }
                }
                return;
            }
            b"body" => (&[b"head"], &[]),
            _ => return,
        };
        if let Some(i) = self.find(targets, bounds) {
            self.pop_to(i);
        }
    }

    /// The topmost open element named in `targets`, not looking past `bounds`.
    fn find(&self, targets: &[&[u8]], bounds: &[&[u8]]) -> Option<usize> {
        let limit = self.stack.len().saturating_sub(SEARCH_DEPTH);
        for i in (limit..self.stack.len()).rev() {
            let n = self.stack[i].name;
            if targets.iter().any(|t| n.is(t)) {
                return Some(i);
            }
            if bounds.iter().any(|b| n.is(b)) {
                return None;
            }
        }
        None
    }

    fn top_is(&self, name: &[u8]) -> bool {
        self.stack.last().is_some_and(|o| o.name.is(name))
    }

    /// Pops the element at `index` and everything above it.
    fn pop_to(&mut self, index: usize) {
        while self.stack.len() > index {
            let open = self.stack.pop().expect("len > index >= 0");
            self.close_element(open.serial);
            if open.tag.is_some() {
                self.flush();
            }
            if open.name.is(b"title") {
                self.in_title = false;
            }
            self.adjust_depths(&open, -1);
        }
    }

    /// Records that the subtree of element `serial` ends here.
    fn close_element(&mut self, serial: u32) {
        let last = self.page.elements.len().saturating_sub(1) as u32;
        if let Some(e) = self.page.elements.get_mut(serial as usize) {
            e.end = last;
        }
    }

    fn adjust_depths(&mut self, open: &Open, by: isize) {
        let add = |d: &mut usize| *d = d.saturating_add_signed(by);
        if open.skip {
            add(&mut self.skip_depth);
        }
        let n = open.name;
        if n.is(b"a") {
            add(&mut self.link_depth);
        }
        if n.is(b"pre") || n.is(b"listing") {
            add(&mut self.pre_depth);
        }
        if n.is(b"svg") || n.is(b"math") {
            add(&mut self.foreign_depth);
        }
    }

    fn text(&mut self, value: &[u8]) {
        // The tokenizer reads decoded text: its text is UTF-8, and checked
        // only where it is kept (not in scripts and styles).
        if self.in_title {
            if let Some(t) = self.title.as_mut() {
                if t.len() < 4096 {
                    t.push_str(&utf8(value));
                }
            }
            return;
        }
        if self.skip_depth > 0 {
            return;
        }
        let value = utf8(value);
        let in_link = self.link_depth > 0;
        if self.pre_depth > 0 {
            // Preformatted text keeps its spaces and newlines.
            let mut rest: &str = &value;
            if self.current.is_none() {
                rest = rest.trim_start_matches(|c: char| c.is_ascii() && is_html_space(c as u8));
                if rest.is_empty() {
                    return;
                }
            }
            self.start_block();
            if std::mem::take(&mut self.pending_space) {
                self.page.text.push(' ');
            }
            self.page.text.push_str(rest);
            let n = rest.chars().filter(|c| !c.is_whitespace()).count() as u32;
            self.chars += n;
            if in_link {
                self.link_chars += n;
            }
            return;
        }
        let mut rest: &str = &value;
        while !rest.is_empty() {
            let ws = rest.bytes().take_while(|&b| is_html_space(b)).count();
            if ws > 0 {
                if self.current.is_some() {
                    self.pending_space = true;
                }
                rest = &rest[ws..];
                continue;
            }
            let word_len = rest.bytes().take_while(|&b| !is_html_space(b)).count();
            let (word, tail) = rest.split_at(word_len);
            if !word.as_bytes()[0].is_ascii() && word.chars().all(crate::segment::is_blank_char) {
                // Zero-width spaces and the like render as nothing.
                rest = tail;
                continue;
            }
            self.start_block();
            if std::mem::take(&mut self.pending_space) {
                self.page.text.push(' ');
            }
            self.page.text.push_str(word);
            let n = word.chars().count() as u32;
            self.chars += n;
            if in_link {
                self.link_chars += n;
            }
            rest = tail;
        }
    }

    fn start_block(&mut self) {
        if self.current.is_some() {
            return;
        }
        if !self.page.text.is_empty() {
            self.page.text.push_str("\n\n");
        }
        let (tag, depth, marks, element) = match self.stack.last() {
            Some(top) => {
                let block = &self.stack[top.block.min(self.stack.len() - 1)];
                (
                    block.tag.unwrap_or("html"),
                    top.block as u32,
                    block.marks,
                    block.serial,
                )
            }
            None => ("html", 0, 0, NO_ELEMENT),
        };
        self.page.block_elements.push(element);
        self.current = Some((
            self.page.text.len(),
            Dom {
                tag,
                depth,
                marks,
                link_density: 0.0,
                in_main: false,
            },
        ));
        self.pending_space = false;
        self.chars = 0;
        self.link_chars = 0;
    }

    fn flush(&mut self) {
        if let Some((start, mut dom)) = self.current.take() {
            // A trailing newline of a <pre> block is not part of it.
            let end = self.page.text.trim_end().len().max(start);
            self.page.text.truncate(end);
            if end > start {
                dom.link_density = if self.chars == 0 {
                    0.0
                } else {
                    self.link_chars as f32 / self.chars as f32
                };
                self.page.blocks.push(start..end);
                self.page.dom.push(dom);
            } else {
                self.page.block_elements.pop();
                if self.page.text.ends_with("\n\n") {
                    self.page.text.truncate(self.page.text.len() - 2);
                }
            }
        }
        self.pending_space = false;
    }
}

fn is_html_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> DomWords {
        let mut w = DomWords::default();
        for word in list {
            w.bit(word).unwrap();
        }
        w
    }

    fn blocks(html: &str) -> Vec<String> {
        let page = parse(html.as_bytes(), &DomWords::default());
        page.blocks()
            .map(|(r, _)| page.text[r].to_string())
            .collect()
    }

    #[test]
    fn block_elements_make_blocks_and_whitespace_collapses() {
        let b = blocks(
            "<html><head><title>T</title><style>p{}</style></head><body>\
             <h1> A   title </h1><p>One <b>bold</b>\n word.<p>Two &amp; three</p>\
             <ul><li>x<li>y</ul><div>direct<br>after br</div></body></html>",
        );
        assert_eq!(
            b,
            [
                "A title",
                "One bold word.",
                "Two & three",
                "x",
                "y",
                "direct",
                "after br"
            ]
        );
    }

    #[test]
    fn hidden_and_script_content_is_dropped() {
        let b = blocks(
            "<p>seen</p><script>var x = '<p>no</p>';</script><div hidden>no</div>\
             <div aria-hidden=\"true\">no</div><div style=\"display: none\">no</div>\
             <noscript>no</noscript><svg><text>no</text></svg><button>no</button><p>end</p>",
        );
        assert_eq!(b, ["seen", "end"]);
    }

    #[test]
    fn title_encoding_and_pre() {
        let page = parse(
            b"<meta charset=windows-1252><title> Caf\xe9\n news </title><pre>a\n  b\n</pre>",
            &DomWords::default(),
        );
        assert_eq!(page.title(), Some("Café news"));
        assert_eq!(page.encoding(), "windows-1252");
        assert_eq!(page.text(), "a\n  b");
    }

    #[test]
    fn marks_come_from_tags_classes_and_ancestors() {
        let w = words(&["nav", "footer", "comment*", "share", "ad"]);
        let page = parse(
            b"<body class=comments-open><nav><a href=/>Home</a></nav>\
              <div class=\"post-footer\"><p>foot</p></div>\
              <div id=commentList><p>c</p></div>\
              <div class=shadow><p>not an ad</p><p class=ad-slot>ad</p></div>\
              <p>plain <a href=x>link</a></p>",
            &w,
        );
        let got: Vec<(String, u128, f32)> = page
            .blocks()
            .map(|(r, d)| (page.text[r].to_string(), d.marks, d.link_density))
            .collect();
        let bit = |s: &str| w.clone().bit(s).unwrap();
        assert_eq!(got[0], ("Home".into(), bit("nav"), 1.0));
        assert_eq!(got[1].1, bit("footer"));
        assert_eq!(got[2].1, bit("comment*"));
        assert_eq!(got[3].1, 0);
        assert_eq!(got[4].1, bit("ad"));
        assert_eq!(got[5].1, 0);
        assert!((got[5].2 - 4.0 / 9.0).abs() < 1e-6);
    }

    #[test]
    fn hostile_markup_stays_linear_and_safe() {
        let deep = "<div>".repeat(10_000) + "text" + &"</span>".repeat(10_000);
        assert_eq!(blocks(&deep), ["text"]);
        let brs = "a<br>".repeat(10_000);
        assert_eq!(blocks(&brs).len(), 10_000);
        for junk in [
            &b"<title>unclosed"[..],
            b"\0\xff\xfe<<>>&#0;&#xD800;",
            b"<p",
            b"</p></div>",
        ] {
            parse(junk, &DomWords::default());
        }
        let page = parse(b"<html><head><p>no head end", &DomWords::default());
        assert_eq!(page.text(), "no head end");
    }
}
