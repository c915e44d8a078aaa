//! Where a block of an HTML page sits: what the HTML front-end hands the
//! measure stage with each block (here, so that neither imports the other).

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
    /// Whether the block is the first or last of a run of blocks in the
    /// main container (see `in_main`): where an article opens and ends, and
    /// where an ad label or a call inserted before or after it stands.
    pub main_edge: bool,
    /// The element holding the block's element (for a table cell, its
    /// row), as an index into the page's elements: cells with the same
    /// parent make one row of a Markdown table.
    pub parent: u32,
    /// The block's own element, as an index into the page's elements:
    /// paragraphs that `<br><br>` splits inside one cell (an old layout
    /// table's article) share it, where a row's cells do not.
    pub element: u32,
}

impl Dom {
    /// The level of a heading element (`h1` → 1 … `h6` → 6).
    pub fn heading_level(&self) -> Option<u8> {
        heading_level(self.tag.as_bytes())
    }
}

/// The level of a heading tag name (`h1` → 1 … `h6` → 6), `None` for any
/// other name.
pub(crate) fn heading_level(tag: &[u8]) -> Option<u8> {
    match tag {
        [b'h', n @ b'1'..=b'6'] => Some(n - b'0'),
        _ => None,
    }
}
