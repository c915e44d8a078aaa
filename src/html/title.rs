//! The article's headline: the `<h1>` that heads the main text, else the
//! page's `og:title`, else its `<title>` without the site's name.

use super::Page;
use crate::measure::heading_level;

/// An `<h1>` heads the main text when it comes at most this many blocks
/// before its first kept paragraph (a byline, a date, a photo between).
const HEADLINE_REACH: usize = 12;

/// What sites put between a headline and their name, sections or slogan.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ", " « ", " / ",
];

impl Page {
    /// The page's headline as the page alone tells it: its only `<h1>`,
    /// else `og:title`, else the `<title>` without the site's name
    /// ("Bees in decline | Environment | The Guardian" → "Bees in
    /// decline"). [`Stripped::title`](crate::Stripped::title) prefers the
    /// `<h1>` that heads the kept text.
    pub fn title(&self) -> Option<&str> {
        let mut h1s = self.h1s();
        match (h1s.next(), h1s.next()) {
            (Some(only), None) => Some(only),
            _ => self.meta_or_document_title(),
        }
    }

    /// The text of the `<title>` element, whitespace collapsed, as written.
    pub fn document_title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// The headline of a page whose first kept block is `first_kept`: the
    /// closest `<h1>` before it (within [`HEADLINE_REACH`] blocks) or the
    /// first one after it, else what [`Page::title`] falls back to.
    pub(crate) fn headline(&self, first_kept: Option<usize>) -> Option<&str> {
        let h1 = |i: &usize| heading_level(self.dom[*i].tag.as_bytes()) == Some(1);
        let heading = first_kept.and_then(|k| {
            let before = (k.saturating_sub(HEADLINE_REACH)
                ..=k.min(self.blocks.len().saturating_sub(1)))
                .rev()
                .find(h1);
            before.or_else(|| (k..self.blocks.len()).find(h1))
        });
        match heading {
            Some(i) => Some(&self.text[self.blocks[i].clone()]),
            None => self.meta_or_document_title(),
        }
    }

    fn h1s(&self) -> impl Iterator<Item = &str> {
        self.dom
            .iter()
            .zip(&self.blocks)
            .filter(|(d, _)| heading_level(d.tag.as_bytes()) == Some(1))
            .map(|(_, r)| &self.text[r.clone()])
    }

    fn meta_or_document_title(&self) -> Option<&str> {
        self.meta_title
            .as_deref()
            .or(self.title.as_deref())
            .map(|t| without_site_name(t, self.site_name.as_deref()))
    }
}

/// `title` without the site's name and sections: the part named `site` is
/// dropped, and of what the separators leave, the first part is the
/// headline ("Headline | Section | Site"), unless a later one has more
/// than twice its words ("Site News - The headline of the day").
pub(crate) fn without_site_name<'t>(title: &'t str, site: Option<&str>) -> &'t str {
    let mut parts: Vec<&str> = vec![title];
    for sep in SEPARATORS {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    let site = site.map(str::trim).filter(|s| !s.is_empty());
    let words = |p: &str| p.split_whitespace().count();
    let mut parts = parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty() && site.is_none_or(|s| !p.eq_ignore_ascii_case(s)));
    let Some(first) = parts.next() else {
        return title;
    };
    // The longest later part, the first of equals.
    let longest = parts.fold(None, |best: Option<&str>, p| match best {
        Some(b) if words(b) >= words(p) => Some(b),
        _ => Some(p),
    });
    match longest {
        Some(l) if words(l) > 2 * words(first) => l,
        _ => first,
    }
}
