//! html5gum tokens → blocks: a stack of open elements with the implied
//! ends that matter for text replaces tree construction, so hostile nesting
//! stays linear.

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Span, Tokenizer};
use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::charset::{decode, utf8};
use super::marks::DomWords;
use super::{Element, NO_ELEMENT, Page};
use crate::measure::{Dom, heading_level};
use crate::text::{has_invisible, one_line, without_invisible};

/// A tag name: its length and first 31 bytes, which tell elements apart
/// (custom elements run long: `rkr-related-inline`, `amp-social-share`; a
/// name past 31 bytes matches one of its length and first 31 bytes).
#[derive(Clone, Copy, PartialEq, Eq)]
struct Name {
    len: u8,
    bytes: [u8; NAME_BYTES],
}

const NAME_BYTES: usize = 31;

impl Name {
    fn new(s: &[u8]) -> Name {
        let mut bytes = [0; NAME_BYTES];
        let n = s.len().min(NAME_BYTES);
        bytes[..n].copy_from_slice(&s[..n]);
        Name {
            len: s.len().min(255) as u8,
            bytes,
        }
    }

    fn is(&self, s: &[u8]) -> bool {
        let n = s.len().min(NAME_BYTES);
        self.len as usize == s.len().min(255) && self.bytes[..n] == s[..n]
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..(self.len as usize).min(NAME_BYTES)]
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

/// What the lists above say of a tag name.
#[derive(Clone, Copy, Default)]
struct TagKind {
    /// Its name in [`BLOCK_TAGS`], if it is a block.
    block: Option<&'static str>,
    void: bool,
    skipped: bool,
}

/// The tag names of the lists, each with its kind: one hash a tag, where
/// scanning the lists (80 names) was 2% of the HTML pass.
static TAG_KINDS: LazyLock<FxHashMap<&'static [u8], TagKind>> = LazyLock::new(|| {
    let mut kinds: FxHashMap<&'static [u8], TagKind> = FxHashMap::default();
    for &t in BLOCK_TAGS {
        kinds.entry(t.as_bytes()).or_default().block = Some(t);
    }
    for &t in VOID {
        kinds.entry(t).or_default().void = true;
    }
    for &t in SKIPPED {
        kinds.entry(t).or_default().skipped = true;
    }
    kinds
});

fn tag_kind(name: &[u8]) -> TagKind {
    TAG_KINDS.get(name).copied().unwrap_or_default()
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
    /// `<meta property|name=…>`: which of the metadata kept here it names.
    meta: Option<Meta>,
    /// `<meta content=…>`, whitespace collapsed.
    content: Option<String>,
    /// `<script type="application/ld+json">`: structured data.
    ld_json: bool,
    /// A hash of the first word of its class (0 without one).
    class: u32,
}

/// The page metadata kept for the headline.
#[derive(Clone, Copy, PartialEq)]
enum Meta {
    Title,
    SiteName,
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
    /// The marks of the class values met so far: a page repeats its classes
    /// (a list's `item`, a teaser's `card__title`) hundreds of times, and
    /// splitting them again cost a tenth of the HTML pass.
    class_marks: FxHashMap<Box<[u8]>, u128>,
    /// The block being filled: where it starts in `page.text`, its context.
    current: Option<(usize, Dom)>,
    pending_space: bool,
    /// A `<br>` since the block's last word: the next word starts a line.
    pending_break: bool,
    chars: u32,
    link_chars: u32,
    title: Option<String>,
    in_title: bool,
    /// Inside a `<script type="application/ld+json">`: its text goes to
    /// `page.structured_data`.
    in_ld_json: bool,
    /// The bytes of JSON-LD kept so far.
    ld_json_bytes: usize,
}

/// The most bytes of JSON-LD kept of a page: an article body is tens of
/// kilobytes; a page of megabytes of it is not worth reading again.
const MAX_LD_JSON: usize = 4 << 20;
/// The most JSON-LD scripts kept of a page (a page has a handful): a
/// crafted page of a million empty ones keeps no million strings.
const MAX_LD_SCRIPTS: usize = 256;

/// Reads `bytes` as an HTML page.
pub(crate) fn parse(bytes: &[u8], words: &DomWords) -> Page {
    let (text, encoding) = decode(bytes);
    parse_decoded(&text, encoding.name(), words)
}

/// Reads `text`, an HTML page already decoded (from `encoding`).
pub(crate) fn parse_decoded(text: &str, encoding: &'static str, words: &DomWords) -> Page {
    let mut b = Builder {
        words,
        page: Page {
            encoding,
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
        class_marks: FxHashMap::default(),
        current: None,
        pending_space: false,
        pending_break: false,
        chars: 0,
        link_chars: 0,
        title: None,
        in_title: false,
        in_ld_json: false,
        ld_json_bytes: 0,
    };
    {
        let mut emitter =
            CallbackEmitter::new(|event: CallbackEvent<'_>, _: Span<()>| -> Option<()> {
                b.event(event);
                None
            });
        emitter.naively_switch_states(true);
        let quiet = Quiet(emitter);
        for _ in Tokenizer::new_with_emitter(text, quiet) {}
    }
    b.flush();
    while let Some(open) = b.stack.pop() {
        b.close_element(open.serial);
    }
    b.page.title = b.title.map(|t| one_line(&t)).filter(|t| !t.is_empty());
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
                self.tag.class = 0;
                self.tag.meta = None;
                self.tag.content = None;
                self.tag.ld_json = false;
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

    /// [`DomWords::marks_of_value`] of a class value, remembered for the
    /// page (ids differ from element to element: they are not).
    fn class_marks_of(&mut self, value: &[u8]) -> u128 {
        /// A page of a million distinct classes keeps no million copies.
        const MAX_CLASSES: usize = 4096;
        if let Some(&m) = self.class_marks.get(value) {
            return m;
        }
        let m = self.words.marks_of_value(value, &mut self.scratch);
        if self.class_marks.len() < MAX_CLASSES {
            self.class_marks.insert(value.into(), m);
        }
        m
    }

    fn attribute(&mut self, value: &[u8]) {
        if self.tag.attr == b"class" {
            // The tag name is known before its attributes: one hash of
            // both, never 0 (no class).
            self.tag.class = value
                .split(|b| b.is_ascii_whitespace())
                .find(|t| !t.is_empty())
                .map_or(0, |t| {
                    let tag = shape_hash(0x811c_9dc5, &self.tag.name);
                    shape_hash(shape_hash(tag, b"."), t) | 1
                });
        }
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
                self.tag.marks |= if self.tag.attr == b"class" {
                    self.class_marks_of(value)
                } else {
                    self.words.marks_of_value(value, &mut self.scratch)
                };
            }
            b"aria-hidden" => self.tag.hidden |= value.eq_ignore_ascii_case(b"true"),
            // A modal dialog declares itself so (a consent wall, a sign-up
            // overlay): it carries the word `modal`, whatever its classes
            // say. `dialog` alone as a class or role names an interview's
            // exchange as often.
            b"aria-modal" if value.eq_ignore_ascii_case(b"true") && !self.words.is_empty() => {
                self.tag.marks |= self.words.marks_of_value(b"modal", &mut self.scratch);
            }
            b"property" | b"name" if self.tag.name == b"meta" => {
                if value.eq_ignore_ascii_case(b"og:title") {
                    self.tag.meta = Some(Meta::Title);
                } else if value.eq_ignore_ascii_case(b"og:site_name") {
                    self.tag.meta = Some(Meta::SiteName);
                }
            }
            b"type" if self.tag.name == b"script" => {
                self.tag.ld_json = value
                    .trim_ascii()
                    .eq_ignore_ascii_case(b"application/ld+json");
            }
            b"content" if self.tag.name == b"meta" && value.len() <= MAX_META => {
                self.tag.content = Some(one_line(&utf8(value)));
            }
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
        if let (Some(meta), Some(content)) = (self.tag.meta, self.tag.content.take()) {
            let slot = match meta {
                Meta::Title => &mut self.page.meta_title,
                Meta::SiteName => &mut self.page.site_name,
            };
            if slot.is_none() && !content.is_empty() {
                *slot = Some(content);
            }
        }
        if self.top_is(b"head") && !HEAD_CONTENT.contains(&name) {
            self.pop_to(self.stack.len() - 1);
        }
        if name == b"br" {
            self.line_break();
            return;
        }
        let kind = tag_kind(name);
        let block = kind.block;
        if block.is_some() {
            self.flush();
            self.implied_ends(name);
        } else if name == b"a" {
            if let Some(i) = self.find(&[b"a"], SCOPE) {
                self.pop_to(i);
            }
        }
        if kind.void || (self_closing && self.foreign_depth > 0) {
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
        let skip = self.tag.hidden || kind.skipped;
        let index = self.stack.len();
        let serial = self.page.elements.len().min(NO_ELEMENT as usize - 1) as u32;
        self.page.elements.push(Element {
            parent: self.stack.last().map_or(NO_ELEMENT, |o| o.serial),
            end: serial,
            marks: own_marks | self.tag.marks,
            attr_marks: self.tag.marks,
            article_body: self.tag.article_body,
            table_part: matches!(name, b"tbody" | b"thead" | b"tfoot" | b"tr"),
            list: matches!(name, b"ul" | b"ol"),
            tag_marks: own_marks,
            shape: self.tag.class,
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
        if name == b"script" && self.tag.ld_json && self.page.structured_data.len() < MAX_LD_SCRIPTS
        {
            self.in_ld_json = true;
            self.page.structured_data.push(String::new());
        }
        if name == b"title" && self.title.is_none() && self.foreign_depth == 0 {
            self.in_title = true;
            self.title = Some(String::new());
        }
        self.stack.push(open);
    }

    fn end_tag(&mut self, name: &[u8]) {
        if name == b"br" {
            // `</br>` reads as `<br>`, as browsers read it.
            self.line_break();
            return;
        }
        let is_block = tag_kind(name).block.is_some();
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
                    if heading_level(top.name.as_bytes()).is_some() {
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
            if open.name.is(b"script") {
                self.in_ld_json = false;
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
        if self.in_ld_json {
            if let Some(json) = self.page.structured_data.last_mut() {
                if self.ld_json_bytes + value.len() <= MAX_LD_JSON {
                    self.ld_json_bytes += value.len();
                    json.push_str(&utf8(value));
                }
            }
            return;
        }
        if self.skip_depth > 0 {
            return;
        }
        let value = utf8(value);
        let value = crate::text::nfc(&value);
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
            self.separate();
            let cleaned;
            let rest = if rest.contains('\u{a0}') || has_invisible(rest.as_bytes()) {
                cleaned = without_invisible(&rest.replace('\u{a0}', " "));
                cleaned.as_str()
            } else {
                rest
            };
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
            let ws = space_len(rest.as_bytes());
            if ws > 0 {
                if self.current.is_some() {
                    self.pending_space = true;
                }
                rest = &rest[ws..];
                continue;
            }
            let word_len = word_len(rest.as_bytes());
            let (word, tail) = rest.split_at(word_len);
            if !word.as_bytes()[0].is_ascii() && word.chars().all(crate::text::is_blank_char) {
                // Zero-width spaces and the like render as nothing.
                rest = tail;
                continue;
            }
            // A soft hyphen (`&shy;`) shows only where a line breaks, a
            // zero-width space not at all: inside the text either would cut
            // a word in two for phrase matching, copies and the output's
            // words ("Kiess&shy;ling", "プール&#8203;サイド").
            let joined;
            let word = if has_invisible(word.as_bytes()) {
                joined = without_invisible(word);
                if joined.is_empty() {
                    rest = tail;
                    continue;
                }
                joined.as_str()
            } else {
                word
            };
            self.start_block();
            self.separate();
            self.page.text.push_str(word);
            let n = word.chars().count() as u32;
            self.chars += n;
            if in_link {
                self.link_chars += n;
            }
            rest = tail;
        }
    }

    /// A `<br>`: a line break inside the block, and two in a row (with only
    /// whitespace between) end it, as a blank line ends a paragraph.
    fn line_break(&mut self) {
        if self.current.is_none() {
            return;
        }
        if self.pending_break {
            self.flush();
        } else {
            self.pending_break = true;
        }
    }

    /// Writes the separator before a word: a newline after a `<br>`, a
    /// space after whitespace.
    fn separate(&mut self) {
        if std::mem::take(&mut self.pending_break) {
            self.pending_space = false;
            self.page.text.push('\n');
        } else if std::mem::take(&mut self.pending_space) {
            self.page.text.push(' ');
        }
    }

    fn start_block(&mut self) {
        if self.current.is_some() {
            return;
        }
        if !self.page.text.is_empty() {
            self.page.text.push_str("\n\n");
        }
        let (tag, depth, marks, element, parent) = match self.stack.last() {
            Some(top) => {
                let at = top.block.min(self.stack.len() - 1);
                let block = &self.stack[at];
                let parent = at
                    .checked_sub(1)
                    .map_or(NO_ELEMENT, |p| self.stack[p].serial);
                (
                    block.tag.unwrap_or("html"),
                    top.block as u32,
                    block.marks,
                    block.serial,
                    parent,
                )
            }
            None => ("html", 0, 0, NO_ELEMENT, NO_ELEMENT),
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
                main_edge: false,
                parent,
                element,
            },
        ));
        self.pending_space = false;
        self.pending_break = false;
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
        self.pending_break = false;
    }
}

/// `<meta content>` values longer than this are not titles.
const MAX_META: usize = 4096;

fn is_html_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// U+00A0 (`&nbsp;`) in UTF-8: a space to a reader, so a space in the text.
const NBSP: [u8; 2] = [0xC2, 0xA0];

/// The length of the whitespace, no-break spaces included, that `text` starts with.
fn space_len(text: &[u8]) -> usize {
    let mut i = 0;
    loop {
        match text.get(i..) {
            Some([b, ..]) if is_html_space(*b) => i += 1,
            Some(rest) if rest.starts_with(&NBSP) => i += 2,
            _ => return i,
        }
    }
}

/// The length of the word `text` starts with: up to whitespace or a no-break space.
fn word_len(text: &[u8]) -> usize {
    let mut i = 0;
    while let Some(&b) = text.get(i) {
        if is_html_space(b) || (b == NBSP[0] && text.get(i + 1) == Some(&NBSP[1])) {
            break;
        }
        i += 1;
    }
    i
}

/// FNV-1a of `bytes` continued from `h`, lowercased: the shape of an
/// element (its tag name and first class word), for telling elements of one
/// kind.
fn shape_hash(h: u32, bytes: &[u8]) -> u32 {
    bytes.iter().fold(h, |h, &b| {
        (h ^ b.to_ascii_lowercase() as u32).wrapping_mul(0x0100_0193)
    })
}
