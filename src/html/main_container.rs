//! The main container: the element that holds the article, found as
//! readability.js finds it, and the DOM context it gives each block.

use super::{NO_ELEMENT, Page};
use crate::decide::{
    TEASER_HEADLINE_WORDS, TEASER_LEAD_WORDS, TEASER_RUN, mark_teaser_runs, stamp_chains,
};
use crate::measure::{Dom, Feature, Features, PROSE_DIGIT_SHARE};

/// Readability's constants for finding a container shared by close candidates.
const TOP_CANDIDATES: usize = 5;
/// A declared article body with fewer words is ignored (an empty or teaser element).
const DECLARED_BODY_WORDS: u64 = 30;
const SCORED_ANCESTORS: usize = 5;
const CLOSE_CANDIDATE: f64 = 0.75;
const MIN_CLOSE_CANDIDATES: usize = 3;
/// An article element holding more than this share of the page's prose, and
/// any element holding this share of all its words, pass none of their
/// class words down (see [`Page::resolve`]).
const MOST_OF_THE_PROSE: f64 = 0.5;
const NEARLY_ALL_WORDS: f64 = 0.9;
const MIN_BLOCKS_FOR_FAR: usize = 3;
/// The element densest in prose (the best score before the class bonus),
/// when it lies inside the container and holds at least this share of the
/// container's prose, is the article's text, and the elements between it
/// and the container are its wrappers: their class words (`related`,
/// `skip`, `sidebar`) pass nothing down but article and veto marks (comment
/// sections, consent banners), as the container's own ancestors pass none.
/// A Swedish council's news column classed `sv-skip-spacer
/// related-page-content`, in a `<main class=al-main>` that the class bonus
/// made the container, was cut whole, and the page came out empty; an
/// Argentine daily's story sat in `section.col-related-container` under a
/// column that also held its forum and so scored a little more. The
/// densest element's own class words still count: a promo or related box
/// inside an article can be the densest. HTML, held-out scorers: templates
/// 0.9435 -> 0.9467 (the two pages 0.00 -> 0.63 and 0.04 -> 0.85; a news
/// page's "Story highlights" now kept, which its wrapper's `sidebar` had
/// cut with every paragraph of the article), the development sets and DOM
/// cases unchanged. Clearing any element holding most of the page's prose
/// instead kept an inline box of recommended reads longer than its story,
/// and a race calendar's sidebar blurb.
const DENSEST_SHARE: f64 = 1.0 / 3.0;
/// An element of the main text whose class names a body of text and whose
/// own text (not in child elements) is this share of its prose and of the
/// container's passes only article and veto marks down (see
/// [`Page::resolve`]).
const OWN_TEXT_SHARE: f64 = 0.5;
/// ... and at least this much prose of its own: a photo page's like-button
/// line is no body of text.
const OWN_TEXT_MIN: f64 = 30.0;
/// A sibling of the container holding this share of the container's prose
/// (and at least [`SIBLING_MIN_PROSE`]) is main text too, as readability
/// appends such siblings: an article split into sections by its headings.
/// Readability takes a fifth; siblings under a third were more often a
/// teaser box than a section on the development pages. A container without
/// prose (see [`PROSELESS_ARTICLE_WORDS`]) joins none: any blurb beside it
/// would pass the floor.
const SIBLING_SHARE: f64 = 0.3;
const SIBLING_MIN_PROSE: f64 = 10.0;
/// Added to the container score (words of prose) of an element whose class
/// or id carries an article word (the `within` words of rules that count
/// for a block: `entry-content`, `article-body`, `post-content`), as
/// readability adds a class weight to each candidate and trafilatura tries
/// such containers first. It decides between candidates of similar prose:
/// a one-paragraph post against a sign-up or consent form, a recipe's
/// ingredients and steps against its steps alone. Not for a tag name
/// (`<main>`, `<article>`): those wrap teasers too. Measured, HTML:
/// trafilatura-eval snippet F1 +0.0059 (2-fold, with models trained on the
/// other half: +0.0057), readability +0.0009, scrapinghub −0.0008 (two
/// pages take a wrapper with captions or a teaser); 25 or 50 gave a third
/// of the gain, 200 less than 100.
const ARTICLE_CLASS_BONUS: f64 = 100.0;
/// An element whose class names it the article body and that holds at
/// least this many words but no prose (a photo post's captions, a product
/// sheet, a post of short dialogue lines) gets [`ARTICLE_CLASS_BONUS`] too,
/// though no prose scores it: it stood at 0, and a sidebar's one blurb of
/// prose was taken for the article. Not an element holding prose too deep
/// to score it (a page wrapper classed `article`): the prose's own
/// container is the better one there. Measured, HTML, held-out scorer:
/// trafilatura-eval snippet F1 0.9275 -> 0.9290 (four pages up, a photo
/// post among them, which was empty; one down by one snippet), every other
/// set and the templates unchanged; 10 or 15 words: scrapinghub −0.001;
/// 30 the same as 20; without the no-prose test, a news page's wrapper won.
const PROSELESS_ARTICLE_WORDS: f64 = 20.0;

/// An element that names itself the article body but holds
/// its prose too deep for readability's scoring (five levels) gets the
/// whole of that prose as its score when it holds most of the page's prose
/// (see [`MOST_OF_THE_PROSE`]), is no far ancestor, and no element inside
/// scores this share of it. Page builders (Divi, Elementor) set each block of
/// a post in a module of its own, in rows and columns; the module of the
/// longest block won, and the other modules were cut as outside the main
/// text. HTML: trafilatura-eval 0.9411 -> 0.9418 (a recipe page 0.00 ->
/// 0.86), readability 0.9747 -> 0.9748, the other sets and the templates
/// unchanged. Without the third, a wrapper with its teasers and captions
/// won (scrapinghub −0.002, trafilatura-eval −0.003); with a half,
/// templates −0.001.
const DEEP_BODY_SHARE: f64 = 1.0 / 3.0;

/// A table row is a page's layout, and one of its cells the article's,
/// when that cell holds this share of the row's prose in at least
/// [`LAYOUT_CELL_BLOCKS`] blocks of its own ([`Page::layout_cell`]). Old
/// sites set the article's `<br><br>` paragraphs straight in a `<td>`
/// between the cells of the menu, the schedule and the death notices: the
/// row then scored as the paragraphs' parent, and the whole layout table
/// became the container, sidebars included; or the walk up from the cell
/// took the row, which scored more with the sidebars' blocks. Templates
/// HTML 0.9491 -> 0.9528 (five layout-table pages from under 0.65 to
/// 0.82–1.0; a parish page whose article cell holds less prose than its
/// history box, 0.40 -> 0), trafilatura-eval 0.9334 -> 0.9337 (scorer
/// trained without it), DOM cases +0.0002; the other sets unchanged.
/// Stable from 0.6 to 0.8 and from 2 to 4 blocks.
const LAYOUT_CELL_SHARE: f64 = 0.6;
/// See [`LAYOUT_CELL_SHARE`]: a data table's cell holds a block or two.
const LAYOUT_CELL_BLOCKS: usize = 3;

/// The main container found, an entry of a list (a live ticker's entry,
/// each `li.ticker-entry > div.content > div.text`) gives way to the list:
/// its parent, or an ancestor up to `LIST_LEVELS` above it, with at least
/// `LIST_ENTRIES` children of the entry's tag and first class word, each
/// holding prose (at least [`SIBLING_MIN_PROSE`]). Readability's close
/// candidates join entries of equal weight; one entry of two paragraphs
/// beside ten of one was the container alone. Not where the entry holds
/// more than `LIST_RATIO` times its peers' median prose: a forum thread's
/// first post over its short replies, in the same markup, or an article
/// whose teasers share its element's class. HTML: templates 0.9459 ->
/// 0.9474 (the ticker 0.23 -> 0.90), DOM cases 0.9665 -> 0.9672,
/// trafilatura-eval 0.9383 -> 0.9387, scrapinghub and readability
/// unchanged; a ratio of 3 lost the trafilatura-eval gain, 7 or more let
/// the forum thread's replies in (its page 0.89 -> 0.45); without the ratio
/// trafilatura-eval gained 0.0011, templates lost three pages.
const LIST_LEVELS: usize = 3;
/// A forum thread or a Q&A page: the container found is a later entry of a
/// list of entries of one shape (phpBB's posts, each a `div.post` with its
/// text in a `div.content`), a reply longer than the question. The thread's first
/// entry is the article when it holds at least `FIRST_ENTRY_SHARE` of the
/// reply's prose (a strip of teasers above an article holds less), among
/// `FIRST_ENTRY_PEERS` entries or more, up to `FIRST_ENTRY_LEVELS` above
/// the container; only where the container is no typical entry of a list
/// (see `LIST_RATIO`), and where the container has a class of its own.
/// HTML: trafilatura-eval 0.9431 -> 0.9438 (a Q&A page and a forum thread,
/// each 0.0 -> 0.5); scrapinghub, readability, templates, DOM cases and the
/// promo batches unchanged. A classless container (a phpBB post's
/// `div#post_content`) was matched by any classless element of the first
/// entry at first (the unseen batch `ax` 0.9420 -> 0.9502), but that
/// took a sidebar's paragraph for the post where a classless `<article>`
/// sat in one of three layout columns of one class: left out.
const FIRST_ENTRY_LEVELS: usize = 5;
const FIRST_ENTRY_PEERS: usize = 3;
const FIRST_ENTRY_SHARE: f64 = 0.3;
/// The fewest words of the `h1` that is the page's headline.
const HEADLINE_MIN_WORDS: u32 = 4;
const LIST_ENTRIES: usize = 4;
const LIST_RATIO: f64 = 4.0;

/// The `within` marks that matter for finding the main container.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct ContainerMarks {
    /// Marks of barrier and `never_main` rules (a comment section, a
    /// consent banner): blocks under them are never main text.
    pub veto: u128,
    /// Marks of rules that count for a block (`article`, `entry-content`):
    /// an element carrying one declares itself the article.
    pub article: u128,
    /// Marks of `titles` rules (a related list): a heading carrying one,
    /// first in its container, names that container such a box.
    pub titled: u128,
    /// The bit of a class or id part that names a body of text
    /// ([`BODY_WORDS`](super::marks::BODY_WORDS)).
    pub body: u128,
}

impl Page {
    /// Sets the DOM context of each block's features (`features[i]` is block
    /// `i`), with the main container found from the prose they measure.
    pub(crate) fn resolve_features(
        &self,
        features: &mut [Features],
        marks: ContainerMarks,
        class_words: bool,
    ) {
        let mut weights: Vec<f64> = features.iter().map(prose_weight).collect();
        let teasers = teaser_leads(&weights, features);
        for (w, _) in weights.iter_mut().zip(&teasers).filter(|(_, t)| **t) {
            *w *= TEASER_SHARE;
        }
        for i in self.thread_replies(&weights, features) {
            weights[i] = 0.0;
        }
        let words: Vec<u32> = features.iter().map(|f| f.words).collect();
        for (f, dom) in
            features
                .iter_mut()
                .zip(self.resolve(&weights, &teasers, &words, marks, class_words))
        {
            f.dom = Some(dom);
        }
    }

    /// The blocks of comment threads' replies, which weigh nothing in
    /// finding the container: the prose from each thread's second stamp to
    /// the end of its last comment. A thread is a run of stamps (a line with
    /// a time of day and a year) with prose between, signed by different
    /// people (`decide::stamp_chains`, as decide finds threads in text).
    /// Its first comment keeps its weight: a forum's first post, the
    /// article, heads its thread. A regional daily's story of 257 words was
    /// cut whole for its twelve readers' comments (390 words) in a `<dl>`
    /// whose Hungarian class told the rules nothing. HTML: that batch of 20
    /// unseen pages 0.8933 -> 0.9417 (the page 0.00 -> 0.98); templates
    /// 0.9422 -> 0.9423 (three blogs up 0.04 to 0.07, an old layout-table
    /// blog 0.99 -> 0.90: its post's cell became the container, and the
    /// cell's permalink and trackback lines are kept as cells of a row);
    /// every development set and the DOM cases unchanged.
    fn thread_replies(&self, weights: &[f64], features: &[Features]) -> Vec<usize> {
        let n = weights.len().min(features.len()).min(self.blocks.len());
        let prose = |i: usize| i < n && weights[i] > 0.0;
        let (stamps, chains) = stamp_chains(&self.text, &self.blocks[..n], features, prose, |i| {
            !prose(i)
        });
        let mut out = Vec::new();
        for (k, end) in chains {
            let mut last = stamps[end] + 1;
            while prose(last) {
                last += 1;
            }
            out.extend((stamps[k + 1]..last).filter(|&i| prose(i)));
        }
        out
    }

    /// What each element's subtree holds of a per-block `value`.
    fn subtree_sums(&self, values: &[f64]) -> Vec<f64> {
        // Summed in document order: a subtree `e..=end` is a difference of
        // two prefix sums.
        let n = self.elements.len();
        let mut prefix = vec![0f64; n + 1];
        for (&e, &v) in self.block_elements.iter().zip(values) {
            if let Some(slot) = prefix.get_mut(e as usize + 1) {
                *slot += v;
            }
        }
        for i in 0..n {
            prefix[i + 1] += prefix[i];
        }
        self.elements
            .iter()
            .enumerate()
            .map(|(i, e)| prefix[(e.end as usize + 1).min(n)] - prefix[i])
            .collect()
    }

    /// The `itemprop=articleBody` element holding the most words, if it
    /// holds enough (`held`: the words of each element's subtree).
    fn declared_body(&self, held: &[f64]) -> Option<usize> {
        self.elements
            .iter()
            .enumerate()
            .filter(|(_, e)| e.article_body)
            .map(|(i, _)| (i, held[i] as u64))
            .filter(|&(_, w)| w >= DECLARED_BODY_WORDS)
            .max_by_key(|&(i, w)| (w, std::cmp::Reverse(i)))
            .map(|(i, _)| i)
    }

    /// The main container, as readability picks it: the best-scoring
    /// element, or the ancestor it shares with several candidates that score
    /// nearly as well (an article split into column blocks), or a parent that
    /// scores better still.
    fn top_candidate(
        &self,
        score: &[f64],
        prose_held: &[f64],
        far: impl Fn(usize) -> bool,
    ) -> Option<usize> {
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
        // Blocks per subtree, for telling a layout row (below), counted once
        // and only on pages where a table row comes into question.
        let blocks = std::cell::OnceCell::new();
        let blocks_held =
            || blocks.get_or_init(|| self.subtree_sums(&vec![1.0; self.block_elements.len()]));
        // A table body holds its rows' cells as a paragraph holds sentences:
        // the table, with its caption and header row, is the candidate;
        // unless the row is the page's layout and one cell the article's
        // (its paragraphs straight in the `<td>`): that cell, as it stands.
        if self.elements[main].table_part
            && let Some(cell) = self.layout_cell(main, prose_held, blocks_held())
        {
            return Some(cell);
        }
        while self.elements[main].table_part
            && (self.elements[main].parent as usize) < self.elements.len()
        {
            main = self.elements[main].parent as usize;
        }
        // A list's items are its sentences too, and text introduces it (a
        // recipe's steps under "Method:", the intro and ingredients in the
        // sections before): what holds it is the candidate.
        // Not up to a far ancestor (the page's wrapper, with its sidebars):
        // the list then stays the candidate.
        let parent = self.elements[main].parent as usize;
        if self.elements[main].list && parent < self.elements.len() && !far(parent) {
            main = parent;
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
                // Nor from the article's cell into the layout row around it.
                let cell_of_main = |c: usize| c <= main && main <= self.elements[c].end as usize;
                if self.elements[up].table_part
                    && self
                        .layout_cell(up, prose_held, blocks_held())
                        .is_some_and(cell_of_main)
                {
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

    /// The cell of table row `row` that holds the article when the row is a
    /// page's layout (the article's cell beside sidebar cells): one child
    /// holding most of the row's prose in several blocks of its own
    /// (`blocks_held`: blocks per subtree).
    fn layout_cell(&self, row: usize, prose_held: &[f64], blocks_held: &[f64]) -> Option<usize> {
        let mut best: Option<usize> = None;
        for c in self.children(row) {
            if best.is_none_or(|b| prose_held[c] > prose_held[b]) {
                best = Some(c);
            }
        }
        let cell = best?;
        (prose_held[cell] >= LAYOUT_CELL_SHARE * prose_held[row]
            && blocks_held[cell] >= LAYOUT_CELL_BLOCKS as f64)
            .then_some(cell)
    }

    /// The DOM context of every block once the main content container is known.
    ///
    /// `weights` says how much prose each block holds; as in readability.js, a
    /// block adds its weight to its element's parent, half of it to the
    /// grandparent and less to three more ancestors, and the main container
    /// is chosen among the best-scoring elements ([`Page::top_candidate`]),
    /// those whose class names the article body counting more
    /// ([`ARTICLE_CLASS_BONUS`]). Blocks
    /// with any of the `veto` marks (a comment section) add nothing, and are
    /// never main text. Marks are weighed by how close their element is:
    /// the container and its ancestors lose their marks, and so do an
    /// element holding nearly all the page's words and an `article` element
    /// holding most of its prose (which keeps its `article` marks): a
    /// wrapper's class (`page-with-sidebar`, `post commented`) does not
    /// describe the article it wraps.
    /// Siblings of the container that hold a fair share of its prose are main
    /// text too (an article in sections), unless they hold a comment section.
    /// An element the page declares as the article body (schema.org
    /// `itemprop=articleBody`) holding at least [`DECLARED_BODY_WORDS`] words
    /// is the container, whatever the prose scores say: articles that are
    /// lists or tables have little prose.
    pub(crate) fn resolve(
        &self,
        weights: &[f64],
        teasers: &[bool],
        words: &[u32],
        marks: ContainerMarks,
        class_words: bool,
    ) -> Vec<Dom> {
        let ContainerMarks {
            veto,
            article,
            titled,
            body,
        } = marks;
        let n = self.elements.len();
        // A far ancestor (one that holds nearly every word of the page: the
        // body, a page wrapper) and an element that declares itself the
        // article and holds most of its prose (`<article class="post
        // commented">`) pass no cutting marks down: their class words
        // describe the whole page or the article, not a part to cut. A
        // comment section holding most of the prose keeps its marks: an
        // article the prose measure misses must not lose to its comments.
        let prose_held = self.subtree_sums(weights);
        let prose: f64 = weights.iter().filter(|&&w| w > 0.0).sum();
        let all_words: Vec<f64> = words.iter().map(|&w| w as f64).collect();
        let words_held = self.subtree_sums(&all_words);
        let page_words: f64 = all_words.iter().sum();
        // A page of a block or two (a snippet) has no far ancestors: its
        // marked element is what its text is.
        let page = words.iter().filter(|&&w| w > 0).count() >= MIN_BLOCKS_FOR_FAR;
        let far = |i: usize| page && words_held[i] >= NEARLY_ALL_WORDS * page_words;
        // The page's headline: its first `h1` of a headline's length (a
        // logo's is shorter), else the first heading that the page's title
        // repeats (a forum topic's `h2` in a post classed `comment-box
        // main-post`). An element holding it is the article's wrapper,
        // never a comment section, whatever its class says (`news-detail
        // comments-open`): it passes no veto marks down.
        let long_heading = |b: usize, level: std::ops::RangeInclusive<u8>| {
            self.dom[b]
                .heading_level()
                .is_some_and(|l| level.contains(&l))
                && words.get(b).is_some_and(|&w| w >= HEADLINE_MIN_WORDS)
        };
        let in_title = |b: usize| {
            let text = self.blocks.get(b).and_then(|r| self.text.get(r.clone()));
            text.is_some_and(|t| {
                [&self.title, &self.meta_title].iter().any(|title| {
                    title
                        .as_deref()
                        .is_some_and(|title| title.contains(t.trim()))
                })
            })
        };
        let headline = (0..self.dom.len().min(self.block_elements.len()))
            .find(|&b| long_heading(b, 1..=1))
            .or_else(|| {
                (0..self.dom.len().min(self.block_elements.len()))
                    .find(|&b| long_heading(b, 2..=3) && in_title(b))
            })
            .map(|b| self.block_elements[b] as usize);
        let holds_headline =
            |i: usize| headline.is_some_and(|h| i <= h && h <= self.elements[i].end as usize);
        // Per element, the marks it passes down: all, only its article
        // marks, or none. The container's chain passes none (below).
        let mut passed: Vec<u128> = (0..n)
            .map(|i| {
                let e = &self.elements[i];
                let own = e.marks;
                // Without class words: the marks only they give (a tag
                // carrying the same word keeps it: `<footer id=footer>`).
                let class = if class_words {
                    u128::MAX
                } else {
                    !(e.attr_marks & !e.tag_marks)
                };
                if own & article != 0 && prose > 0.0 && prose_held[i] > MOST_OF_THE_PROSE * prose {
                    article & class
                } else if far(i) {
                    0
                } else if own & veto != 0 && holds_headline(i) {
                    class & !veto
                } else {
                    class
                }
            })
            .collect();
        let early = self.inherited_marks(&passed);
        let boxed = self.titled_boxes(titled, far);
        let mut score = vec![0f64; n];
        for (&w, &e) in weights.iter().zip(&self.block_elements) {
            let marks = early.get(e as usize).copied().unwrap_or(0);
            if w <= 0.0 || marks & veto != 0 || boxed.get(e as usize).copied().unwrap_or(false) {
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
        // The element densest in prose: the best score before any class
        // bonus (see [`DENSEST_SHARE`]).
        let densest = (0..n).max_by(|&a, &b| score[a].total_cmp(&score[b]).then(b.cmp(&a)));
        // An element whose class or id names it the article body
        // (`entry-content`, `article-body`) is the likelier container; so is
        // one that holds text but no prose at all (see
        // [`PROSELESS_ARTICLE_WORDS`]).
        // The best score inside each element (its descendants'), for the
        // deep article body below: one pass up the parent links, where
        // scanning each candidate's subtree was quadratic on a page of
        // nested article elements.
        let mut inner_best = vec![0f64; n];
        for (i, e) in self.elements.iter().enumerate().rev() {
            let best = score[i].max(inner_best[i]);
            if let Some(slot) = inner_best
                .get_mut(e.parent as usize)
                .filter(|_| (e.parent as usize) < i)
            {
                *slot = slot.max(best);
            }
        }
        for (i, e) in self.elements.iter().enumerate() {
            let proseless = prose_held[i] == 0.0 && words_held[i] >= PROSELESS_ARTICLE_WORDS;
            if e.attr_marks & article != 0 && (score[i] > 0.0 || proseless) {
                score[i] += ARTICLE_CLASS_BONUS;
            } else if e.attr_marks & article != 0
                // Its prose lies too deep to score it (a page builder's
                // modules, seven levels down) yet it holds most of the
                // page's and no descendant scores a third of it: the body
                // is split into modules, and it scores its whole prose.
                && score[i] == 0.0
                && prose > 0.0
                && prose_held[i] >= MOST_OF_THE_PROSE * prose
                && !far(i)
                && inner_best[i] < DEEP_BODY_SHARE * prose_held[i]
            {
                score[i] = prose_held[i];
            }
        }
        let declared = self.declared_body(&words_held);
        let main = declared.or_else(|| {
            self.top_candidate(&score, &prose_held, far).map(|m| {
                match self.list_of_entries(m, &prose_held) {
                    list if list != m => list,
                    _ => self.first_entry(m, &prose_held),
                }
            })
        });
        // The container and, unless the page declared it, its siblings that
        // hold prose of their own and no comment section.
        let mut main_ranges: Vec<(usize, usize)> = Vec::new();
        if let Some(found) = main {
            let m = self.only_child_lifted(found, far);
            // A sibling the lift reaches must carry no cutting word of its
            // own (its descendants may: an ad slot in a section): beside a
            // lifted post, a Bootstrap `col-md-4 sidebar` column passed the
            // floor and joined.
            let lifted = m != found;
            let parent_marks = early
                .get(self.elements[m].parent as usize)
                .copied()
                .unwrap_or(0);
            let cutting = |d: usize| early[d] & !parent_marks & !article & !body != 0;
            main_ranges.push((m, self.elements[m].end as usize));
            let parent = self.elements[m].parent as usize;
            if declared.is_none() && parent < n && prose_held[m] > 0.0 {
                // A teaser list beside the container is no section of it: its
                // leads count nothing toward a sibling's prose (the container's
                // own prose sets the floor as measured).
                let sibling_prose_own;
                let sibling_prose = if teasers.contains(&true) {
                    let own: Vec<f64> = weights
                        .iter()
                        .zip(teasers)
                        .map(|(&w, &t)| if t { 0.0 } else { w })
                        .collect();
                    sibling_prose_own = self.subtree_sums(&own);
                    &sibling_prose_own
                } else {
                    &prose_held
                };
                let floor = SIBLING_MIN_PROSE.max(SIBLING_SHARE * prose_held[m]);
                let mut c = parent + 1;
                while c <= self.elements[parent].end as usize && c < n {
                    let end = self.elements[c].end as usize;
                    if c != m
                        && !boxed[c]
                        && sibling_prose[c] >= floor
                        && !(c..=end.min(n - 1)).any(|d| early[d] & veto != 0)
                        && !(lifted && cutting(c))
                    {
                        main_ranges.push((c, end));
                    }
                    c = end + 1;
                }
            }
        }
        let mut up = main.map_or(NO_ELEMENT, |m| m as u32);
        while let Some(e) = self.elements.get(up as usize) {
            passed[up as usize] = 0;
            up = e.parent;
        }
        // The wrappers between the densest element and the container are
        // the article's own (see [`DENSEST_SHARE`]): they pass down only
        // their article and veto marks, as the container's chain does.
        if let (Some(m), None) = (main, declared) {
            // Element `from` and its ancestors below `stop` pass only
            // article and veto marks.
            let mut own_marks_only = |from: usize, stop: usize| {
                let mut up = from;
                while up > stop && up < n {
                    passed[up] &= article | veto;
                    up = self.elements[up].parent as usize;
                }
            };
            let end = (self.elements[m].end as usize).min(n - 1);
            if let Some(t) = densest
                .filter(|&t| t > m && t <= end && prose_held[t] >= DENSEST_SHARE * prose_held[m])
            {
                own_marks_only(self.elements[t].parent as usize, m);
            }
            // An element of the main text that names itself a body of text
            // (`art-body js-related-insert`) and whose own text (not
            // its child elements': `<br><br>` paragraphs in a `div`) is most
            // of its prose and half the container's is the article's text,
            // whatever else its class says: it and its wrappers pass only
            // article and veto marks. A related or promo box has no such
            // word (`teaser-box related`), and a box of links or teasers has
            // its text in child elements. (Not on a snippet of a block or
            // two: its element is what its text is.)
            let mut own = vec![0f64; n];
            for (&w, &e) in weights.iter().zip(&self.block_elements) {
                if let Some(slot) = own.get_mut(e as usize).filter(|_| w > 0.0) {
                    *slot += w;
                }
            }
            for &(root, last) in &main_ranges {
                for e in root..=last.min(n - 1) {
                    if page
                        && e != m
                        && self.elements[e].attr_marks & body != 0
                        && own[e] >= OWN_TEXT_MIN
                        && own[e] >= OWN_TEXT_SHARE * prose_held[e]
                        && own[e] >= OWN_TEXT_SHARE * prose_held[m]
                    {
                        // Up to the container, or to the sibling's root.
                        own_marks_only(e, if root == m { m } else { root - 1 });
                    }
                }
            }
        }
        let marks = self.inherited_marks(&passed);
        // The ranges are disjoint subtrees: marking their elements once keeps
        // the lookup per block constant, however many siblings there are.
        let mut in_ranges = vec![false; n];
        for &(a, b) in &main_ranges {
            for slot in in_ranges.iter_mut().take(b + 1).skip(a) {
                *slot = true;
            }
        }
        let mut dom: Vec<Dom> = self
            .dom
            .iter()
            .zip(&self.block_elements)
            .map(|(dom, &e)| {
                let e = e as usize;
                let marks = marks.get(e).copied().unwrap_or(0);
                // A comment section nested in the container is not main text.
                let inside = in_ranges.get(e).copied().unwrap_or(false);
                Dom {
                    marks,
                    in_main: inside && marks & veto == 0,
                    ..*dom
                }
            })
            .collect();
        // The first and last block of each run of blocks in the container.
        for i in 0..dom.len() {
            let first = i == 0 || !dom[i - 1].in_main;
            let last = dom.get(i + 1).is_none_or(|d| !d.in_main);
            dom[i].main_edge = dom[i].in_main && (first || last);
        }
        dom
    }
}

impl Page {
    /// `main`, or the highest ancestor it is the only child of, short of a
    /// far ancestor (`far`): the same text, whose siblings are those the
    /// article's next sections are in. A block editor wraps each block of a
    /// post twice or more (`div.sqs-block > div.sqs-block-content >
    /// div.sqs-html-content`), and the container's own siblings were none;
    /// readability.js lifts an only child the same way before joining
    /// siblings. HTML, held-out scorers: templates 0.9439 -> 0.9451 (a
    /// Squarespace post split by a sign-up box, 0.72 -> 1.00; two more up),
    /// trafilatura-eval 0.9319 -> 0.9331, readability 0.9741 -> 0.9747;
    /// scrapinghub 0.9751 -> 0.9738: one site's two press releases keep
    /// their "About the company" block, a sibling the lift now reaches.
    fn only_child_lifted(&self, main: usize, far: impl Fn(usize) -> bool) -> usize {
        let n = self.elements.len();
        let mut m = main;
        loop {
            let parent = self.elements[m].parent as usize;
            if parent >= n || far(parent) {
                return m;
            }
            let first = parent + 1;
            let only = first == m && self.elements[m].end == self.elements[parent].end;
            if !only {
                return m;
            }
            m = parent;
        }
    }

    /// The list whose entry `main` is, if it is one: walking up at most
    /// [`LIST_LEVELS`], the first parent with [`LIST_ENTRIES`] children or
    /// more of the element's shape (tag and first class word) that hold
    /// prose, the element holding at most [`LIST_RATIO`] times the median
    /// prose of the others.
    fn list_of_entries(&self, main: usize, prose_held: &[f64]) -> usize {
        let n = self.elements.len();
        let mut a = main;
        for _ in 0..LIST_LEVELS {
            let parent = self.elements[a].parent as usize;
            if parent >= n {
                break;
            }
            let shape = self.elements[a].shape;
            if shape != 0 {
                let mut others: Vec<f64> = (self.entries(parent, shape, prose_held))
                    .filter(|&c| c != a)
                    .map(|c| prose_held[c])
                    .collect();
                if others.len() + 1 >= LIST_ENTRIES {
                    others.sort_by(f64::total_cmp);
                    let median = others[others.len() / 2];
                    if prose_held[a] <= LIST_RATIO * median {
                        return parent;
                    }
                }
            }
            a = parent;
        }
        main
    }

    /// The children of element `e`, in document order.
    fn children(&self, e: usize) -> impl Iterator<Item = usize> + '_ {
        let n = self.elements.len();
        let end = self.elements[e].end as usize;
        let mut c = e + 1;
        std::iter::from_fn(move || {
            (c <= end && c < n).then(|| {
                let child = c;
                c = self.elements[child].end as usize + 1;
                child
            })
        })
    }

    /// The children of `parent` of one `shape` that hold prose (at least
    /// [`SIBLING_MIN_PROSE`]): the entries of a list, or a thread's posts.
    fn entries<'a>(
        &'a self,
        parent: usize,
        shape: u32,
        prose_held: &'a [f64],
    ) -> impl Iterator<Item = usize> + 'a {
        self.children(parent)
            .filter(move |&c| self.elements[c].shape == shape && prose_held[c] >= SIBLING_MIN_PROSE)
    }

    /// The first entry of the thread whose later entry `main` is, if it is
    /// one: walking up at most [`FIRST_ENTRY_LEVELS`], the first parent with
    /// [`FIRST_ENTRY_PEERS`] children or more of the element's shape that
    /// hold prose, the first of them before it and holding at least
    /// [`FIRST_ENTRY_SHARE`] of its prose; then, inside that first entry,
    /// the first element of `main`'s own shape (`main` must have a class),
    /// else `main` itself.
    fn first_entry(&self, main: usize, prose_held: &[f64]) -> usize {
        let n = self.elements.len();
        // The post's text carries a class of its own (`div.content`,
        // `div.post-text`): a classless element would be found anywhere in
        // a first "entry" that is only a layout column beside the article.
        let inner = self.elements[main].shape;
        if inner == 0 {
            return main;
        }
        let mut a = main;
        for _ in 0..FIRST_ENTRY_LEVELS {
            let parent = self.elements[a].parent as usize;
            if parent >= n {
                break;
            }
            let shape = self.elements[a].shape;
            if shape != 0 {
                let mut peers = self.entries(parent, shape, prose_held);
                let first = peers.next();
                if let Some(first) = first.filter(|_| 1 + peers.count() >= FIRST_ENTRY_PEERS) {
                    if first == a || prose_held[first] < FIRST_ENTRY_SHARE * prose_held[a] {
                        return main;
                    }
                    // The element of `main`'s shape inside the first entry,
                    // or none: then the first entry is no post of the thread.
                    let end = (self.elements[first].end as usize).min(n - 1);
                    return (first..=end)
                        .find(|&d| self.elements[d].shape == inner && prose_held[d] > 0.0)
                        .unwrap_or(main);
                }
            }
            a = parent;
        }
        main
    }

    /// Per element, whether it lies in a box its first block titles: an
    /// element whose first block is a heading that carries a `titled` mark
    /// of its own (`<h3 class="relatedposts-title">`), and all below it;
    /// not a far ancestor (`far`).
    fn titled_boxes(&self, titled: u128, far: impl Fn(usize) -> bool) -> Vec<bool> {
        let n = self.elements.len();
        let mut boxed = vec![false; n];
        if titled == 0 {
            return boxed;
        }
        // The first block of each element: set walking up from each block
        // until an element that has one (its ancestors have one too).
        let mut has_first = vec![false; n];
        for (dom, &e) in self.dom.iter().zip(&self.block_elements) {
            let heads = dom.heading_level().is_some()
                && self
                    .elements
                    .get(e as usize)
                    .is_some_and(|el| el.marks & titled != 0);
            let mut up = e;
            while let Some(el) = self.elements.get(up as usize) {
                if has_first[up as usize] {
                    break;
                }
                has_first[up as usize] = true;
                if heads && up != e && !far(up as usize) {
                    boxed[up as usize] = true;
                }
                up = el.parent;
            }
        }
        // Parents come before children: one pass inherits.
        for i in 0..n {
            let parent = self.elements[i].parent as usize;
            if parent < n && boxed[parent] {
                boxed[i] = true;
            }
        }
        boxed
    }

    /// Each element's marks: its own (those of them it `passed`) and its
    /// ancestors'.
    fn inherited_marks(&self, passed: &[u128]) -> Vec<u128> {
        // Parents come before children, so one pass in document order inherits.
        let mut marks = vec![0u128; self.elements.len()];
        for (i, e) in self.elements.iter().enumerate() {
            let own = e.marks & passed[i];
            let inherited = marks.get(e.parent as usize).copied().unwrap_or(0);
            marks[i] = own | inherited;
        }
        marks
    }
}

/// How much article prose a block holds, for finding the main container:
/// its words when it reads as sentences, discounted by its share of link text.
fn prose_weight(f: &Features) -> f64 {
    if f.words < 8 || f.sentences == 0 {
        return 0.0;
    }
    let values = f.values();
    // Where no stoplist covers the page's language, the shape of its
    // sentences tells prose; with few figures, as `prose_shape` asks of
    // other scripts: a Chinese teaser's date and time (its lead ends a
    // sentence) made a related list weigh as prose and take the container.
    let few_digits = f.digits_under(PROSE_DIGIT_SHARE);
    let no_stoplist = f.doc_stopwords < 0.08
        || (f.doc_stopwords < 0.2 && values[Feature::ProseShape as usize] >= 1.0 && few_digits);
    if values[Feature::Stopwords as usize] < 0.15 && !no_stoplist {
        return 0.0;
    }
    let links = f.dom.map_or(0.0, |d| d.link_density as f64);
    f.words.min(200) as f64 * (1.0 - links)
}

/// A teaser list's leads weigh this share of their prose in finding the
/// container: short prose blocks (at most [`TEASER_LEAD_WORDS`]) each
/// right after a linked headline (a block of at least
/// [`TEASER_HEADLINE_WORDS`] words, mostly link text, ending no sentence;
/// words as [`Features::spaced_words`] counts them),
/// at least [`TEASER_RUN`] in a row, with text mode's limits (`decide`). A news
/// ticker of eight teasers outweighed the two-paragraph wire story beside
/// it, and the page's output was the ticker (templates e04, 0.00 -> 0.98).
/// HTML: templates 0.9382 -> 0.9435, every other set unchanged; shares 0.5,
/// 0.25 and 0, runs of 2 or 3, leads of at most 30 to 60 words gave the
/// same. The leads count nothing toward a sibling's share of the
/// container's prose: a ticker beside the story is no section of it (no
/// set moved).
const TEASER_SHARE: f64 = 0.5;
const TEASER_HEADLINE_LINKS: f32 = 0.5;

/// Which blocks lead a teaser list (see [`TEASER_SHARE`]), given which hold
/// prose (`weights` above 0).
fn teaser_leads(weights: &[f64], features: &[Features]) -> Vec<bool> {
    let mut out = vec![false; weights.len()];
    let lead = |i: usize| {
        weights[i] > 0.0
            && features[i].spaced_words() <= TEASER_LEAD_WORDS
            && i > 0
            && features[i - 1].spaced_words() >= TEASER_HEADLINE_WORDS
            && !features[i - 1].ends_sentence
            && features[i - 1]
                .dom
                .is_some_and(|d| d.link_density >= TEASER_HEADLINE_LINKS)
    };
    mark_teaser_runs(&mut out, lead, TEASER_RUN);
    out
}
