//! The words rules test with `within`, each with a bit of a block's marks,
//! and how a tag name or a class, id, role or itemprop value maps to them.

use rustc_hash::FxHashMap;

/// The words rules test with `within`, each with its bit.
#[derive(Clone, Debug, Default)]
pub(crate) struct DomWords {
    exact: FxHashMap<String, u128>,
    /// Per first byte, the lengths (bit `min(len, 63)`) that some exact
    /// word has (256 entries once there is one): most parts of a page's
    /// classes and ids are ruled out without hashing them.
    shapes: Vec<u64>,
    /// Sorted by first byte, so that a part is compared only with the
    /// prefixes that start as it does (`first`).
    prefixes: Vec<(String, u128)>,
    /// Where the prefixes of each first byte start in `prefixes` (257
    /// entries once there is a prefix): every part of every class and id of
    /// a page was compared with all 28 built-in prefixes, a tenth of the
    /// HTML pass.
    first: Vec<u16>,
    /// The bits of an empty prefix (`within *`): every part has them.
    any: u128,
    /// How many bits are given out (words, and shared bits).
    used: usize,
    /// The bits two neighbouring parts may give (see `pair_marks`); all
    /// unless set.
    pair_mask: Option<u128>,
}

/// Class and id tokens longer than this are not read for marks (hashes,
/// inline data).
const MAX_TOKEN_BYTES: usize = 64;

/// At most this many distinct `within` words (one bit each in `Dom::marks`).
pub(crate) const MAX_DOM_WORDS: usize = 128;

/// The parts of a class or id that name a body of text (`art-body`,
/// `entry`, `texte`): an element so named that holds the article's text as
/// its own is its body, whatever else its class says
/// (`art-body js-related-insert`).
pub(crate) const BODY_WORDS: [&str; 14] = [
    "body",
    "text",
    "content",
    "entry",
    "article",
    "story",
    "post",
    "inhalt",
    "texte",
    "contenu",
    "contenido",
    "testo",
    "tekst",
    "artikel",
];

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
        let bit = self.next_bit()?;
        if prefix {
            let at = self
                .prefixes
                .partition_point(|(w, _)| w.as_bytes().first() <= key.as_bytes().first());
            if key.is_empty() {
                self.any |= bit;
            }
            self.prefixes.insert(at, (key, bit));
            self.first = (0..=256)
                .map(|b| {
                    self.prefixes.partition_point(|(w, _)| {
                        w.as_bytes().first().map_or(0, |&f| f as usize) < b
                    }) as u16
                })
                .collect();
        } else {
            self.note_shape(&key);
            self.exact.insert(key, bit);
        }
        Some(bit)
    }

    /// One more bit, carried by every word of `words` (on top of their own
    /// bits): a class or id that names a body of text (see [`BODY_WORDS`]).
    /// `None` when all bits are taken.
    pub(crate) fn shared_bit(&mut self, words: &[&str]) -> Option<u128> {
        let bit = self.next_bit()?;
        for w in words {
            self.note_shape(w);
            *self.exact.entry(w.to_string()).or_insert(0) |= bit;
        }
        Some(bit)
    }

    fn note_shape(&mut self, word: &str) {
        if self.shapes.is_empty() {
            self.shapes = vec![0; 256];
        }
        if let Some(&b) = word.as_bytes().first() {
            self.shapes[b as usize] |= 1 << word.len().min(63);
        }
    }

    fn next_bit(&mut self) -> Option<u128> {
        if self.used >= MAX_DOM_WORDS {
            return None;
        }
        self.used += 1;
        Some(1u128 << (self.used - 1))
    }

    /// Which bits two neighbouring parts of a class may give together
    /// (see `pair_marks`).
    pub(crate) fn set_pair_mask(&mut self, mask: u128) {
        self.pair_mask = Some(mask);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.prefixes.is_empty()
    }

    /// The bits of one name: a tag name, or one part of an attribute value.
    pub(super) fn marks_of_part(&self, part: &str) -> u128 {
        let Some(&b) = part.as_bytes().first() else {
            return self.exact.get(part).copied().unwrap_or(0) | self.any;
        };
        let shape = self.shapes.get(b as usize).copied().unwrap_or(0);
        let mut m = self.any;
        if shape >> part.len().min(63) & 1 != 0 {
            m |= self.exact.get(part).copied().unwrap_or(0);
        }
        let Some(range) = self.first.get(b as usize..b as usize + 2) else {
            return m;
        };
        for (p, bit) in &self.prefixes[range[0] as usize..range[1] as usize] {
            if part.starts_with(p.as_str()) {
                m |= bit;
            }
        }
        m
    }

    /// The bits of two neighbouring parts of a lowercased token joined by
    /// `-`, looked up as an exact word: a CSS module's or a theme's
    /// compound names what a rule's hyphenated word does
    /// (`ArticleAuthorBox_bio` and `td-author-box` are an `author-box`),
    /// for the words `set_pair_mask` lets through. The shape of the joined
    /// word is checked before it is built, and it is built on the stack
    /// (tokens are at most 64 bytes): this runs for every part of every
    /// class and id of a page.
    fn pair_marks(&self, token: &str, a: (usize, usize), b: (usize, usize)) -> u128 {
        let (Some(first), Some(second)) = (token.get(a.0..a.1), token.get(b.0..b.1)) else {
            return 0;
        };
        let len = first.len() + 1 + second.len();
        let shape = first
            .as_bytes()
            .first()
            .and_then(|&f| self.shapes.get(f as usize))
            .copied()
            .unwrap_or(0);
        let mut buf = [0u8; 2 * MAX_TOKEN_BYTES];
        if shape >> len.min(63) & 1 == 0 || len > buf.len() {
            return 0;
        }
        buf[..first.len()].copy_from_slice(first.as_bytes());
        buf[first.len()] = b'-';
        buf[first.len() + 1..len].copy_from_slice(second.as_bytes());
        let Ok(joined) = std::str::from_utf8(&buf[..len]) else {
            return 0;
        };
        self.exact.get(joined).copied().unwrap_or(0) & self.pair_mask.unwrap_or(u128::MAX)
    }

    /// The bits of an attribute value: each whitespace-separated token whole,
    /// and each of its parts split at `-`, `_`, digits and camelCase humps
    /// (`post-footer`, `commentList`, `share_buttons`).
    pub(super) fn marks_of_value(&self, value: &[u8], scratch: &mut String) -> u128 {
        let mut m = 0;
        for token in value
            .split(|b| b.is_ascii_whitespace())
            .filter(|t| !t.is_empty() && t.len() <= MAX_TOKEN_BYTES)
        {
            // An ASCII token is lowercased once, and its parts are slices of
            // it; another's bytes are read as Latin-1 chars, part by part.
            let ascii = match std::str::from_utf8(token) {
                Ok(t) if t.is_ascii() => Some(t),
                _ => None,
            };
            scratch.clear();
            match ascii {
                Some(t) => {
                    scratch.push_str(t);
                    scratch.make_ascii_lowercase();
                }
                None => scratch.extend(token.iter().map(|b| b.to_ascii_lowercase() as char)),
            }
            if is_state_class(scratch) {
                continue;
            }
            m |= self.marks_of_part(scratch);
            let mut start = 0;
            // After a part `with` or `has`, up to the next `_`.
            let mut skipping = false;
            // The part before, for the two-part words (see `pair_marks`).
            let mut before: Option<(usize, usize)> = None;
            for i in 1..=token.len() {
                let boundary = i == token.len()
                    || !token[i].is_ascii_alphabetic()
                    || (token[i].is_ascii_uppercase() && token[i - 1].is_ascii_lowercase());
                if boundary {
                    let from = token[start..i]
                        .iter()
                        .position(|b| b.is_ascii_alphabetic())
                        .map_or(i, |s| start + s);
                    // The parts after `with` or `has` say what the element
                    // goes with, not what it is: Docusaurus classes every
                    // heading `anchorWithStickyNavbar_…`, and the navigation
                    // mark cut an unseen release post's subheadings. A CSS
                    // module's local name after `_` is the element's again
                    // (`PostWithComments_comments__x`).
                    skipping |= ascii.is_some()
                        && scratch
                            .get(from..i)
                            .is_some_and(|w| STATE_WORDS.contains(&w));
                    if from < i && i - from < token.len() && !skipping {
                        if let (Some(_), Some(b)) = (ascii, before) {
                            m |= self.pair_marks(scratch, b, (from, i));
                        }
                        before = Some((from, i));
                        m |= match ascii {
                            Some(_) => self.marks_of_part(scratch.get(from..i).unwrap_or_default()),
                            None => {
                                let mut part = String::with_capacity(i - from);
                                part.extend(
                                    token[from..i]
                                        .iter()
                                        .map(|b| b.to_ascii_lowercase() as char),
                                );
                                self.marks_of_part(&part)
                            }
                        };
                    } else {
                        before = None;
                    }
                    if token.get(i) == Some(&b'_') {
                        skipping = false;
                    }
                    start = i;
                }
            }
        }
        m
    }
}

/// The words that open a state: what follows names what the element has.
const STATE_WORDS: [&str; 3] = ["has", "with", "without"];

/// A class that states what an element has, not what it is
/// (`has-comments`, `with-sidebar`, `without-related`, `comments-enabled`):
/// a post wrapper classed `entry-body has-comments` holds the article, and
/// the mark would condemn it (a Hungarian review in a templates batch of
/// session 30, 0.23 -> 0.84; a municipal notice classed `news-single-item
/// comments-enabled` in session 37's, 0.00 -> 1.00). Not `no-`, `show-` or
/// `hide-`: `no-comments` and `no-cookie-banner` hold the notice they name,
/// `show-comments` is its button; nor `-open` or `-closed`, which a comment
/// box and its "comments are closed" notice are classed.
fn is_state_class(token: &str) -> bool {
    const SWITCHES: [&str; 3] = ["enabled", "disabled", "allowed"];
    // A blog platform's post format (WordPress `format-gallery`,
    // `format-aside`, `single-format-video`, `post_format-post-format-…`)
    // names what the post is, not a box beside it: the post classed so is
    // the article.
    token.contains("format-")
        || STATE_WORDS.iter().any(|s| {
            token
                .strip_prefix(s)
                .is_some_and(|rest| rest.starts_with(['-', '_']))
        })
        || SWITCHES.iter().any(|s| {
            token
                .strip_suffix(s)
                .is_some_and(|rest| rest.ends_with(['-', '_']))
        })
}
