//! The promo set: hand-written promotional paragraphs and real-news
//! look-alikes (`quality/promo/paragraphs/<lang>.jsonl`), each inserted
//! into a development page at the start, middle or end of its article (in
//! the text a naive scraper renders, and as a `<p>` inside the article in
//! its HTML), and what the engine does with each.
//!
//! One paragraph per built page, so each verdict is that paragraph's own.
//! Which page and which position a paragraph gets follows from its place
//! in the sorted set: the same build every run.

use std::collections::BTreeMap;
use std::path::Path;

use crate::Failure;

/// Where in the article a paragraph is inserted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Position {
    Start,
    Middle,
    End,
}

impl Position {
    pub const ALL: [Position; 3] = [Position::Start, Position::Middle, Position::End];

    pub fn name(self) -> &'static str {
        match self {
            Position::Start => "start",
            Position::Middle => "middle",
            Position::End => "end",
        }
    }
}

/// A promotional paragraph, or a news paragraph that only looks like one.
#[derive(Clone, Debug)]
pub struct Insert {
    pub id: String,
    pub lang: String,
    /// `promo` or `lookalike`.
    pub label: String,
    /// The promo kind it is, or resembles.
    pub kind: String,
    pub text: String,
}

impl Insert {
    pub fn is_promo(&self) -> bool {
        self.label == "promo"
    }
}

/// Reads every `*.jsonl` of `dir`, sorted by id.
pub fn load_inserts(dir: &Path) -> Result<Vec<Insert>, Failure> {
    load_labelled(dir, &["promo", "lookalike"])
}

/// Reads every `*.jsonl` of `dir` whose paragraphs carry one of `labels`,
/// sorted by id.
pub fn load_labelled(dir: &Path, labels: &[&str]) -> Result<Vec<Insert>, Failure> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Failure(format!("cannot read {}: {e}", dir.display())))?;
    let mut inserts: Vec<Insert> = Vec::new();
    for entry in entries {
        let path = entry?.path();
        if path.extension().is_none_or(|e| e != "jsonl") {
            continue;
        }
        let text = std::fs::read_to_string(&path)
            .map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))?;
        for (n, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let at = || format!("{}:{}", path.display(), n + 1);
            let v: serde_json::Value =
                serde_json::from_str(line).map_err(|e| Failure(format!("{}: {e}", at())))?;
            let field = |name: &str| {
                v[name]
                    .as_str()
                    .map(str::to_string)
                    .ok_or_else(|| Failure(format!("{}: no string {name:?}", at())))
            };
            let insert = Insert {
                id: field("id")?,
                lang: field("lang")?,
                label: field("label")?,
                kind: field("kind")?,
                text: field("text")?,
            };
            if !labels.contains(&insert.label.as_str()) {
                return Err(Failure(format!(
                    "{}: label must be one of {labels:?}, not {:?}",
                    at(),
                    insert.label
                )));
            }
            inserts.push(insert);
        }
    }
    if inserts.is_empty() {
        return Err(Failure(format!("no paragraphs in {}", dir.display())));
    }
    inserts.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(inserts)
}

/// Where paragraphs go in one page: per position, the byte offset to
/// insert at and the index of the gold paragraph the insert lands before
/// (the number of gold paragraphs for the end).
#[derive(Clone, Copy, Debug)]
pub struct Anchors {
    at: [(usize, usize); 3],
}

/// `eval --promo --same-language` puts a paragraph into pages of its own
/// language where the dataset has at least this many that take inserts.
pub const SAME_LANGUAGE_PAGES: usize = 10;

/// At least this many gold paragraphs must be found in a page's input for
/// it to take inserts: a start, a middle and an end apart.
const FOUND_PARAGRAPHS: usize = 3;

/// A paragraph is recognised by its first letters and digits, lowercased.
const KEY_CHARS: usize = 40;

/// Keys shorter than this are too common to place a paragraph by.
const MIN_KEY_CHARS: usize = 20;

/// The letters and digits of `text`, lowercased, up to [`KEY_CHARS`]:
/// what a gold paragraph and the page's rendering of it share despite
/// entities, quotes and spacing.
fn key(text: &str) -> String {
    alphanumerics(text).take(KEY_CHARS).collect()
}

/// The letters and digits of `text`, lowercased.
fn alphanumerics(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
}

/// The non-empty lines of a gold text.
fn gold_paragraphs(gold: &str) -> Vec<&str> {
    gold.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// How the article's pieces are recognised among a page's units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Truth {
    /// Gold paragraphs: a unit is the paragraph whose start it shares.
    Paragraphs,
    /// Snippets of the article (`with`): a unit is the one that holds the
    /// snippet's start.
    Snippets,
}

/// Places the gold paragraphs (or snippets) among `units` (byte range and
/// text of each block or `<p>`, in page order), in gold order; returns the
/// anchors.
fn anchor(units: &[(usize, usize, String)], gold: &str, truth: Truth) -> Option<Anchors> {
    let golds = gold_paragraphs(gold);
    let full: Vec<String> = match truth {
        Truth::Snippets => units
            .iter()
            .map(|u| alphanumerics(&u.2).collect())
            .collect(),
        Truth::Paragraphs => Vec::new(),
    };
    let mut found: Vec<(usize, usize)> = Vec::new(); // (unit, gold paragraph)
    let mut next = 0;
    for (g, para) in golds.iter().enumerate() {
        let k = key(para);
        if k.chars().count() < MIN_KEY_CHARS {
            continue;
        }
        let is_it = |u: usize| match truth {
            Truth::Paragraphs => key(&units[u].2) == k,
            Truth::Snippets => full[u].contains(&k),
        };
        if let Some(u) = (next..units.len()).find(|&u| is_it(u)) {
            found.push((u, g));
            // Two snippets may come from one paragraph; gold paragraphs
            // are each their own unit.
            next = if truth == Truth::Snippets { u } else { u + 1 };
        }
    }
    if found.len() < FOUND_PARAGRAPHS {
        return None;
    }
    let (first, middle, last) = (found[0], found[found.len() / 2], found[found.len() - 1]);
    Some(Anchors {
        at: [
            (units[first.0].0, first.1),
            (units[middle.0].0, middle.1),
            (units[last.0].1, last.1 + 1),
        ],
    })
}

/// Anchors in a page's text: its blocks are separated by blank lines.
pub fn text_anchors(text: &str, gold: &str, truth: Truth) -> Option<Anchors> {
    let mut units = Vec::new();
    let mut start = 0;
    for block in text.split("\n\n") {
        let end = start + block.len();
        let trimmed = block.trim();
        if !trimmed.is_empty() {
            let lead = block.len() - block.trim_start().len();
            units.push((
                start + lead,
                start + lead + trimmed.len(),
                trimmed.to_string(),
            ));
        }
        start = end + 2;
    }
    anchor(&units, gold, truth)
}

/// Anchors in a page's HTML: its `<p>` elements, each from its `<p` to the
/// end of its `</p>`, with the text between (tags and entities dropped).
pub fn html_anchors(html: &str, gold: &str, truth: Truth) -> Option<Anchors> {
    let lower = html.to_ascii_lowercase();
    let mut units = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find("<p").map(|i| from + i) {
        // A `<p>` inside a script (JSON-LD's `articleBody`), a style or a
        // comment is not on the page: an insert there is never seen.
        if let Some(end) = raw_text_end(&lower, from, i) {
            from = end;
            continue;
        }
        from = i + 2;
        if !lower[from..].starts_with(['>', ' ', '\n', '\t', '\r']) {
            continue;
        }
        let Some(open_end) = lower[from..].find('>').map(|j| from + j + 1) else {
            break;
        };
        let Some(close) = lower[open_end..].find("</p").map(|j| open_end + j) else {
            continue;
        };
        // A `<p>` left open runs into the next one: not a place to insert.
        if lower[open_end..close].contains("<p") {
            continue;
        }
        let Some(end) = lower[close..].find('>').map(|j| close + j + 1) else {
            break;
        };
        units.push((i, end, tag_text(&html[open_end..close])));
        from = end;
    }
    anchor(&units, gold, truth)
}

/// Where the raw-text element or comment that holds `at` ends, when one that
/// opens at or after `from` does (`lower` is the lowercased page); those
/// that close before `at` are passed over.
fn raw_text_end(lower: &str, from: usize, at: usize) -> Option<usize> {
    const RAW: [(&str, &str); 5] = [
        ("<script", "</script"),
        ("<style", "</style"),
        ("<template", "</template"),
        ("<textarea", "</textarea"),
        ("<!--", "-->"),
    ];
    let mut from = from;
    loop {
        let (open, close) = RAW
            .iter()
            .filter_map(|&(open, close)| Some((from + lower[from..at].find(open)?, close)))
            .min()?;
        let end = lower[open..]
            .find(close)
            .map_or(lower.len(), |j| open + j + close.len());
        if end > at {
            return Some(end);
        }
        from = end;
    }
}

/// The text of an HTML fragment: tags dropped, entities dropped (the key
/// reads only letters and digits, which entities here rarely are).
fn tag_text(fragment: &str) -> String {
    let mut out = String::with_capacity(fragment.len());
    let mut rest = fragment;
    while let Some(c) = rest.chars().next() {
        let skip = match c {
            '<' => rest.find('>').map_or(rest.len(), |j| j + 1),
            '&' => match rest.find(';') {
                Some(j) if j <= 10 => j + 1,
                _ => 1,
            },
            _ => {
                out.push(c);
                c.len_utf8()
            }
        };
        out.push(' ');
        rest = &rest[skip..];
    }
    out
}

/// One built page: the input with its paragraphs inserted, and the gold it
/// is scored against (a look-alike is article text, and joins the gold).
pub struct Built {
    pub input: Vec<u8>,
    pub gold: String,
}

/// `input` with each insert at its position of `anchors`; `html` inserts
/// each as a `<p>` (escaped). Several inserts share a page the way ads do
/// (one at its start, one in the middle, one at the end): they go in from
/// the last position to the first, so that each lands where its anchor
/// says, and at one anchor in the order of their positions.
pub fn build(
    input: &str,
    gold: &str,
    anchors: &Anchors,
    inserts: &[(Position, &Insert)],
    html: bool,
) -> Built {
    let mut order: Vec<&(Position, &Insert)> = inserts.iter().collect();
    order.sort_by_key(|(position, _)| std::cmp::Reverse(*position as usize));
    let mut out = input.to_string();
    let mut paragraphs = gold_paragraphs(gold);
    for &&(position, insert) in &order {
        let (at, gold_index) = anchors.at[position as usize];
        let piece = if html {
            format!("<p>{}</p>", escape(&insert.text))
        } else if position == Position::End {
            format!("\n\n{}", insert.text)
        } else {
            format!("{}\n\n", insert.text)
        };
        out.insert_str(at, &piece);
        if !insert.is_promo() {
            paragraphs.insert(gold_index.min(paragraphs.len()), &insert.text);
        }
    }
    let gold = if inserts.iter().all(|(_, i)| i.is_promo()) {
        gold.to_string()
    } else {
        paragraphs.join("\n")
    };
    Built {
        input: out.into_bytes(),
        gold,
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// The page and position of insert `k` of the sorted set, among `pages`
/// usable pages (the index into them): spread over pages, positions in
/// turn.
pub fn placement(k: usize, pages: usize) -> (usize, Position) {
    // A stride coprime to any page count below it spreads neighbours
    // (paragraphs of one kind) over different pages.
    const STRIDE: usize = 7_919;
    ((k * STRIDE) % pages, Position::ALL[k % 3])
}

/// How much of `insert` came out: of its 4-token shingles, the share that
/// the output holds more often than the page's output without it. An
/// insert of fewer than 4 tokens (a label, a short Japanese line, whose
/// unspaced runs are long tokens) is one shingle of its own length, looked
/// for among the output's shingles of that length: a 4-token shingle of
/// the output never equals it, and such an insert would count as cut
/// even where it was kept.
pub fn kept_share(insert: &str, output: &str, base_output: &str) -> f64 {
    use crate::metric::{run_counts, tokens};
    let (mine, out, base) = (tokens(insert), tokens(output), tokens(base_output));
    let n = mine.len().min(4);
    if n == 0 {
        return 0.0;
    }
    let (mine, out, base) = (
        run_counts(&mine, n),
        run_counts(&out, n),
        run_counts(&base, n),
    );
    let total: u32 = mine.values().sum();
    let kept: u32 = mine
        .iter()
        .map(|(s, &n)| {
            let extra = out.get(s).copied().unwrap_or(0);
            let extra = extra.saturating_sub(base.get(s).copied().unwrap_or(0));
            n.min(extra)
        })
        .sum();
    kept as f64 / total as f64
}

/// The promo set is cut in this many folds for held-out figures: the
/// paragraph `k` of the set sorted by id is in fold `k % FOLDS`, as
/// `train-promo` numbers them.
pub const FOLDS: usize = 10;

/// A paragraph counts as removed when less than this share of it is kept.
pub const REMOVED_BELOW: f64 = 0.5;

/// Counts of removed (promo) or kept (look-alike) paragraphs per group.
#[derive(Default)]
pub struct Tally {
    /// group → (hits, total)
    pub groups: BTreeMap<String, (u32, u32)>,
}

impl Tally {
    pub fn add(&mut self, group: &str, hit: bool) {
        let e = self.groups.entry(group.to_string()).or_default();
        e.0 += hit as u32;
        e.1 += 1;
    }

    pub fn rate(&self, group: &str) -> f64 {
        self.groups
            .get(group)
            .map_or(0.0, |&(h, t)| h as f64 / t.max(1) as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOLD: &str = "The council met on Tuesday to approve the budget for next year.\n\
        Members argued for hours about the cost of repairing the old bridge.\n\
        In the end the mayor cast the deciding vote after midnight.\n\
        The bridge will close for six months from March, officials said.";

    fn insert(label: &str) -> Insert {
        Insert {
            id: "en-p-coupon-01".into(),
            lang: "en".into(),
            label: label.into(),
            kind: "coupon".into(),
            text: "Use code SAVE20 at checkout for 20% off & free shipping!".into(),
        }
    }

    /// A text page: a menu line, the gold's paragraphs, a footer.
    fn text_page() -> String {
        format!(
            "Home | News\n\n{}\n\n© 2024 Example",
            GOLD.replace('\n', "\n\n")
        )
    }

    /// `input` with the promo insert built in at `position`, as text.
    fn built(input: &str, gold: &str, anchors: &Anchors, position: Position, html: bool) -> String {
        let b = build(input, gold, anchors, &[(position, &insert("promo"))], html);
        String::from_utf8(b.input).unwrap()
    }

    #[test]
    fn text_pages_take_inserts_before_and_after_the_article() {
        let text = text_page();
        let anchors = text_anchors(&text, GOLD, Truth::Paragraphs).unwrap();
        let built = |p| built(&text, GOLD, &anchors, p, false);
        let start = built(Position::Start);
        assert!(
            start.starts_with("Home | News\n\nUse code SAVE20"),
            "{start}"
        );
        let middle = built(Position::Middle);
        assert!(
            middle.contains("vote after midnight.\n\nUse code")
                || middle.contains("bridge.\n\nUse code")
        );
        let end = built(Position::End);
        assert!(end.contains("officials said.\n\nUse code SAVE20 at checkout for 20% off & free shipping!\n\n© 2024"), "{end}");
        // A look-alike joins the gold where it is inserted.
        let b = build(
            &text,
            GOLD,
            &anchors,
            &[(Position::Start, &insert("lookalike"))],
            false,
        );
        assert!(b.gold.starts_with("Use code SAVE20"));
    }

    #[test]
    fn a_page_takes_several_inserts_each_at_its_place() {
        let text = text_page();
        let anchors = text_anchors(&text, GOLD, Truth::Paragraphs).unwrap();
        let with_text = |label: &str, text: &str| Insert {
            text: text.into(),
            ..insert(label)
        };
        let (first, second, third) = (
            with_text("promo", "First ad."),
            with_text("lookalike", "Second, a look-alike."),
            with_text("promo", "Third ad."),
        );
        // Given in any order, each lands where its position says.
        let b = build(
            &text,
            GOLD,
            &anchors,
            &[
                (Position::End, &third),
                (Position::Start, &first),
                (Position::Middle, &second),
            ],
            false,
        );
        let out = String::from_utf8(b.input).unwrap();
        let at = |s: &str| out.find(s).unwrap();
        assert!(
            out.starts_with("Home | News\n\nFirst ad.\n\nThe council"),
            "{out}"
        );
        assert!(at("First ad.") < at("Second") && at("Second") < at("Third ad."));
        assert!(at("The council") < at("Second") && at("Second") < at("officials said."));
        assert!(
            out.contains("officials said.\n\nThird ad.\n\n© 2024"),
            "{out}"
        );
        // Only the look-alike joins the gold, in the middle.
        let gold: Vec<&str> = b.gold.lines().collect();
        assert_eq!(gold.len(), 5);
        assert_eq!(gold.iter().filter(|l| l.contains("look-alike")).count(), 1);
        assert!(!gold[0].contains("look-alike") && !gold[4].contains("look-alike"));
        assert!(!b.gold.contains("ad."));
    }

    #[test]
    fn html_pages_take_an_escaped_paragraph_inside_the_article() {
        let body: String = gold_paragraphs(GOLD)
            .iter()
            .map(|p| {
                format!(
                    "<p class=x>{}</p>\n",
                    p.replace("budget", "<a href=#>budget</a>")
                )
            })
            .collect();
        let html =
            format!("<html><body><nav><p>Home</p></nav><article>{body}</article></body></html>");
        let anchors = html_anchors(&html, GOLD, Truth::Paragraphs).unwrap();
        let out = built(&html, GOLD, &anchors, Position::End, true);
        assert!(out.contains("officials said.</p><p>Use code SAVE20 at checkout for 20% off &amp; free shipping!</p>\n</article>"), "{out}");
        let out = built(&html, GOLD, &anchors, Position::Start, true);
        assert!(out.contains("<article><p>Use code"), "{out}");
    }

    #[test]
    fn html_inserts_never_go_into_scripts_styles_or_comments() {
        let body: String = gold_paragraphs(GOLD)
            .iter()
            .map(|p| format!("<p>{p}</p>\n"))
            .collect();
        let html = format!(
            "<html><head><script type=application/ld+json>{{\"articleBody\": \"{}\"}}</script>\
             <style>p {{}}</style></head><body><!-- {} --><article>{body}</article></body></html>",
            body.replace('\n', ""),
            body.replace('\n', "")
        );
        let anchors = html_anchors(&html, GOLD, Truth::Paragraphs).unwrap();
        let out = built(&html, GOLD, &anchors, Position::Start, true);
        assert!(out.contains("<article><p>Use code"), "{out}");
    }

    #[test]
    fn snippets_place_inserts_by_the_paragraphs_that_hold_them() {
        let text = text_page();
        // Pieces from inside the paragraphs, as snippets are; whole
        // paragraphs' starts do not match them.
        let snippets = "approve the budget for next year\n\
            the cost of repairing the old bridge\n\
            close for six months from March";
        assert!(text_anchors(&text, snippets, Truth::Paragraphs).is_none());
        let anchors = text_anchors(&text, snippets, Truth::Snippets).unwrap();
        let start = built(&text, snippets, &anchors, Position::Start, false);
        assert!(
            start.starts_with("Home | News\n\nUse code SAVE20"),
            "{start}"
        );
        let end = built(&text, snippets, &anchors, Position::End, false);
        assert!(end.contains("officials said.\n\nUse code"), "{end}");
    }

    #[test]
    fn pages_whose_article_cannot_be_found_take_none() {
        assert!(text_anchors("Nothing of the gold here.", GOLD, Truth::Paragraphs).is_none());
        assert!(
            html_anchors(
                "<div>The council met on Tuesday</div>",
                GOLD,
                Truth::Paragraphs
            )
            .is_none()
        );
    }

    #[test]
    fn kept_share_counts_only_what_the_insert_added() {
        let ad = "Buy one get one free at every store this weekend only";
        assert_eq!(
            kept_share(ad, "Some article text.", "Some article text."),
            0.0
        );
        assert_eq!(
            kept_share(
                ad,
                &format!("Some article text. {ad}"),
                "Some article text."
            ),
            1.0
        );
        // Already in the page's own output: not counted as the insert's.
        let base = format!("Footer: {ad}");
        assert_eq!(kept_share(ad, &base, &base), 0.0);
        // Under four tokens: kept is kept, cut is cut.
        assert_eq!(
            kept_share(
                "Anzeige",
                "Erster Satz. Anzeige\n\nZweiter Satz.",
                "Erster Satz.\n\nZweiter Satz."
            ),
            1.0
        );
        assert_eq!(
            kept_share(
                "Anzeige",
                "Erster Satz.\n\nZweiter Satz.",
                "Erster Satz.\n\nZweiter Satz."
            ),
            0.0
        );
        let ja = "著作権は株式会社ミナトに帰属します。無断転載を禁じます";
        assert_eq!(
            kept_share(
                ja,
                &format!("本文です。\n\n{ja}\n\n終わり。"),
                "本文です。\n\n終わり。"
            ),
            1.0
        );
    }

    #[test]
    fn placements_cycle_positions_and_spread_pages() {
        let placed: Vec<_> = (0..6).map(|k| placement(k, 100)).collect();
        assert_eq!(placed[0].1, Position::Start);
        assert_eq!(placed[1].1, Position::Middle);
        assert_eq!(placed[2].1, Position::End);
        assert_ne!(placed[0].0, placed[1].0);
    }
}
