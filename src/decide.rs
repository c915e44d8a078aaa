//! Stage 4: scores become verdicts, first one paragraph at a time, then in context.
//!
//! 1. Each paragraph's score (the sum of its rules' weights) gives a class:
//!    good, near-good, short (uncertain) or bad.
//! 2. The main text is the contiguous run of paragraphs with the largest
//!    total value (good text counts for, bad and short paragraphs against):
//!    articles are contiguous, boilerplate surrounds them.
//! 3. Inside it, good and near-good paragraphs stay, bad ones go, and short
//!    ones take the class of their neighbours, as in jusText: kept between
//!    kept prose, a heading kept before kept prose. Outside it, everything goes.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::measure::Features;

/// The context-free class of a paragraph, from its score.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Scores at or above the threshold: prose that stands on its own.
    Good,
    /// Scores a little below the threshold: prose-like, kept in the main text.
    NearGood,
    /// Uncertain (mostly short lines): decided by its neighbours.
    Short,
    /// Scores well below: boilerplate or promotion.
    Bad,
}

/// Why a paragraph got its verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reason {
    /// Its own score decided (good and inside the main text, or bad).
    Score,
    /// Near-good and inside the main text.
    NearGoodInMainText,
    /// Short, between kept prose paragraphs of the main text.
    BetweenKeptProse,
    /// Short, with boilerplate on one side.
    NextToBoilerplate,
    /// A heading (short, no sentence end) right before kept prose.
    HeadingBeforeProse,
    /// Outside the main text: before or after the run of article paragraphs.
    OutsideMainText,
    /// A word-for-word copy of a paragraph kept earlier.
    Duplicate,
    /// A `decisive` rule fired (strong promo evidence): cut whatever its
    /// score and neighbours.
    StrongEvidence,
    /// HTML: an item of a list (or a cell of a table row) in the main
    /// container, kept with the rest of it.
    WholeList,
    /// A heading with nothing kept under it (the heading of a "related"
    /// list or a share bar that was cut).
    NothingUnderHeading,
    /// The last kept paragraph of a long article, which the promo model
    /// leans to: promotion closes articles.
    PromoAtEnd,
    /// A short line alone between two prose paragraphs, which the promo
    /// model is sure of: an ad label, a button, a one-line call inserted
    /// into the article, not a subheading.
    PromoLine,
    /// The page has under 30 words and nothing else was kept: with so
    /// little text there is no article to tell from its chrome, and an
    /// empty output would lose what there is.
    TinyPage,
    /// HTML: prose between the page's headline (`h1`) and the main text,
    /// which starts after a byline, a date, a photo credit or a table of
    /// contents: the article's lede.
    Lede,
    /// HTML: prose between two headings that are links, as a list of
    /// stories gives each teaser its linked headline and its lead.
    TeaserLead,
    /// Text: a sentence opening or closing an extracted article body, right
    /// before its first prose or after its last, with nothing against it.
    BodyEdge,
    /// Text: a cell of a table written one cell a line (rows of the same
    /// shape, a column of numbers), with the article's text on both sides.
    TextTable,
}

impl Class {
    /// A short lowercase name: `good`, `near`, `short` or `bad`.
    pub fn name(self) -> &'static str {
        match self {
            Class::Good => "good",
            Class::NearGood => "near",
            Class::Short => "short",
            Class::Bad => "bad",
        }
    }

    /// Good or near-good: prose.
    pub(crate) fn is_prose(self) -> bool {
        matches!(self, Class::Good | Class::NearGood)
    }
}

impl Reason {
    /// A short explanation for `--explain` output.
    pub fn describe(self) -> &'static str {
        match self {
            Reason::Score => "its score decided",
            Reason::NearGoodInMainText => "near-good prose inside the main text",
            Reason::BetweenKeptProse => "short, between kept prose",
            Reason::NextToBoilerplate => "short, next to boilerplate",
            Reason::HeadingBeforeProse => "heading before kept prose",
            Reason::OutsideMainText => "outside the main text",
            Reason::Duplicate => "a copy of a paragraph kept earlier",
            Reason::StrongEvidence => "strong evidence: a decisive rule fired",
            Reason::WholeList => "part of a list or table row kept whole",
            Reason::NothingUnderHeading => "a heading with nothing kept under it",
            Reason::PromoAtEnd => "closes the article, and the promo model leans to promotion",
            Reason::PromoLine => {
                "a short line alone between prose, and the promo model is sure of it"
            }
            Reason::TinyPage => "the page is too small to have chrome: kept whole",
            Reason::Lede => "prose between the headline and the main text: the lede",
            Reason::TeaserLead => "between two linked headlines: a teaser's lead",
            Reason::BodyEdge => "a sentence that opens or closes the article body",
            Reason::TextTable => "a cell of a table inside the main text",
        }
    }
}

/// Score cut-offs. Defaults are the balanced preset.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Thresholds {
    /// A paragraph scoring at least this is good.
    pub good: f64,
    /// At least this (and below `good`): near-good.
    pub near: f64,
    /// At most this: bad.
    pub bad: f64,
}

impl Thresholds {
    /// Cut-offs that keep their spacing around a given `good` threshold.
    pub fn around(good: f64) -> Thresholds {
        Thresholds {
            good,
            near: good - 1.5,
            bad: good - 5.0,
        }
    }

    fn class(&self, score: f64) -> Class {
        if score >= self.good {
            Class::Good
        } else if score >= self.near {
            Class::NearGood
        } else if score <= self.bad {
            Class::Bad
        } else {
            Class::Short
        }
    }
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds::around(2.0)
    }
}

/// The most a bad line a prose lead-in introduced may be scored against
/// and still belong to what it introduces (see `introduced` in
/// `main_text`): a one-line config or shell command scores -3 for its
/// separators alone.
const INTRODUCED_BAD: f64 = 3.0;

/// How much one short or bad paragraph weighs against the main text, in words.
const SHORT_PENALTY: f64 = 8.0;
/// A short paragraph of at least this many words on which no rule weighs
/// against it (a list item of an article, a sentence without its full
/// stop) costs the main text nothing: a bulleted post in plain text was cut
/// into pieces at every item, and most of it lost. Measured in text mode:
/// readability F1 +0.017, snippet F1 +0.0006, scrapinghub +0.0002 (8 words:
/// −0.0003 there; 16: half the gain on readability); HTML unchanged, where
/// the main container already decides.
const PLAIN_LINE_WORDS: u32 = 12;
const BAD_PENALTY: f64 = 12.0;
/// Near-good prose counts at this share of its words toward the main text.
const NEAR_GOOD_SHARE: f64 = 0.5;
/// Long prose contributes at most this many words, so one huge block (a
/// comment thread, a legal notice) cannot pull the main text towards it alone.
const WORDS_CAP: f64 = 300.0;
/// A barrier (a comment section) after this many words of good prose marks the
/// end of the article: prose after it counts at a third of its words (at
/// [`AFTER_MAIN_ARTICLE_SHARE`] after the main container's prose), so that
/// the comments, and the teasers and guides under them, do not outweigh the
/// article. A short post counts: the comments come after the article. (100
/// before; 40 changed two trafilatura-eval snippets for the better and no
/// other development figure; 20, a two-line blog post under its headline,
/// snippet F1 +0.0008 in HTML and +0.0012 in text, nothing else.)
const ARTICLE_BEFORE_BARRIER: f64 = 20.0;
const AFTER_ARTICLE_SHARE: f64 = 1.0 / 3.0;
/// HTML: when the good prose before the barrier lies in the main
/// container, the article is surely over, and prose after it counts at
/// this share: a thread longer than the article ("Opinie czytelników
/// (14)", then fifteen replies under a 110-word news item) still won at a
/// third. Outside the container a sidebar's blurb can precede a "Recent
/// comments" box, and the third stays: a fifth for every barrier lost
/// lemire.me's post to its sidebar in text mode. Unseen tpl-K HTML
/// 0.8752 -> 0.9466; 0.05 to 0.2 gave the same on every development and
/// template set.
const AFTER_MAIN_ARTICLE_SHARE: f64 = 0.1;
/// Another run joins the best one (an article goes on after a share bar,
/// an ad or a chart) when it lies between the same barriers, holds at
/// least `SECOND_RUN_GOOD` good paragraphs, is at least `SECOND_RUN_PROSE`
/// prose by paragraphs (teasers alternate with their dates and links), and
/// is worth `SECOND_RUN_SHARE` of the best run and `SECOND_RUN_MIN` words.
/// No limit on the distance: a chart of 130 labels splits one article.
/// Measured in text mode against one run only: AEB F1 +0.0009
/// (scrapinghub), +0.0018 (readability), snippet F1 +0.0037; HTML snippet
/// +0.0007, HTML AEB unchanged; no page lower. One good paragraph (a legal
/// notice at the foot), or runs past a barrier (the comments), joined
/// wrongly.
/// A quarter of the best run, not half: the part of a match report after
/// its score table, or of a news story after an ad, is often short. Text
/// mode, against half: readability +0.0031, snippet F1 +0.0040, templates
/// +0.0064, scrapinghub −0.0009 (news teasers after one article join);
/// HTML unchanged. A fifth gained a little more on readability and
/// trafilatura-eval and let teasers in on a template page; a third, half
/// as much. Requiring a gap free of strong boilerplate kept the teasers
/// out but lost most of the gain (ads and share bars interrupt articles).
/// Or, where headings, a table of contents, a formula or a table's cells
/// make the prose share low, when at least `SECOND_RUN_PAIRED` of its prose
/// paragraphs follow or precede another (teasers stand alone between their
/// dates and headlines). Text: templates 0.8807 → 0.8880, snippet F1
/// +0.0004, held-out same-language look-alike retention 0.9806 → 0.9833;
/// two thirds gained half as much; HTML and the other sets unchanged.
/// See `main_text`'s short lead-in. Text mode: trafilatura-eval 0.8953 ->
/// 0.8957 (a page 0.0 -> 0.5), templates 0.9117 -> 0.9121 (four pages up:
/// a university release's list of partners, 0.79 -> 0.89; none down); the
/// other sets, HTML and the promo batches unchanged. Any such line after
/// prose: a Hebrew "Share:" and a Finnish "Read more on the topic:" opened
/// lists of links.
const SHORT_LEAD_IN_WORDS: u32 = 3;
const SECOND_RUN_PAIRED: f64 = 0.5;
const SECOND_RUN_GOOD: usize = 2;
const SECOND_RUN_PROSE: f64 = 0.6;
const SECOND_RUN_SHARE: f64 = 0.25;
const SECOND_RUN_MIN: f64 = 50.0;
/// Between two runs of the article (a table's cells and a sign-up box on
/// either side of one paragraph), a run joins with one good paragraph and
/// whatever its words: it is the article's, as the legal notice at the
/// foot, or a teaser after the article, is not. A training log's one
/// paragraph between its week's table and a newsletter box was cut.
/// It holds in HTML too, where the container decides first. Text mode:
/// trafilatura-eval snippet F1 0.8893 -> 0.8908, templates
/// 0.9046 -> 0.9053, DOM cases 0.9223 -> 0.9229; scrapinghub, readability,
/// HTML unchanged; in article bodies with three promo paragraphs each,
/// held-out batch 7 loses one (text recall 0.8593 -> 0.8574). Keeping the
/// floor at a half or a quarter of its value gained half or three
/// quarters of that.
const BETWEEN_RUNS_GOOD: usize = 1;
/// Text input, where the best run is small itself (a one-paragraph post, a
/// test page of two paragraphs around a list of links): another run needs
/// no more good paragraphs than the best run has, and `SECOND_RUN_MIN`
/// words only up to `SMALL_RUN_MIN` of the best run's value. A legal notice
/// after a long article still stays out. Text mode: readability AEB F1
/// 0.8585 → 0.8669, snippet F1 0.8785 → 0.8821, scrapinghub and templates
/// unchanged; 0.8 instead of a half, snippet F1 0.8810. In HTML the
/// container decides, and a teaser heading joined a one-block article.
const SMALL_RUN_MIN: f64 = 0.5;

/// A paragraph a decisive rule cut (an ad, see `decide`) between two
/// prose paragraphs neither extends nor ends the main text when it has
/// this many words or more: an ad in the middle of an article of short
/// paragraphs, whose bad score outweighed the prose before it, ended the
/// article there. A shorter one is a label or a call ("Sign up for e-mail
/// newsletters") between the article and the site's pitches, and still
/// ends it (any length: scrapinghub text -0.0003, a newsletter box's
/// prose kept). Held-out promo batches, three to a page (`--together`),
/// text: page AEB F1 0.9365 -> 0.9371 and 0.9360 -> 0.9387 (look-alike
/// retention 0.9500 -> 0.9542); held-out trafilatura-eval text 0.8862 ->
/// 0.8866, templates text 0.8833 -> 0.8835; the own set, held out,
/// 0.9343 -> 0.9342; nothing else moved.
const INTERRUPTING_AD_WORDS: u32 = 15;

/// The longest line with a count that opens a comment section inside the
/// main container when it is no heading element (see `main_text`).
const COUNTED_LINE_WORDS: u32 = 8;

/// The longest line with a count that a multi-article page repeats under
/// each of its articles ("Comments (5 posted)").
const REPEATED_COUNT_WORDS: u32 = 8;
/// The good paragraphs an article has at least, above such a line; a
/// comment above its "Reply 👍 12" has fewer.
const ARTICLE_PARAGRAPHS: usize = 3;

/// The paragraphs the main text may not extend across: those a barrier
/// rule fired on, except a short line with a count whose words, digits
/// aside, close two articles or more (three good paragraphs above each, since
/// the barrier before): a comment section opens once ("27 Responses to …",
/// maybe announced in the header too); a line that recurs with its count
/// under articles is the foot of each article of a multi-article page (a
/// weekly edition, a blog's front page), and then of its short posts too.
/// Both modes; in HTML a linked count line inside the container was no
/// barrier already. Text mode: readability AEB F1 0.8903 -> 0.8947 (its
/// weekly edition kept 27% of its articles), with scorers trained without
/// each set; nothing else moved on the development, template or unseen
/// template pages. Any earlier barrier with prose above
/// it counting, not three good paragraphs, let a thread's "Répondre 👍 12"
/// lines join its comments (templates text -0.0011). Once the line is
/// known to close articles, it closes a two-paragraph recipe with its
/// ingredient list too: an unseen weekly edition (`domcases` b24) 0.654 ->
/// 0.961 HTML, 0.819 -> 0.956 text; every other figure unchanged.
pub(crate) fn article_barriers(
    text: &str,
    ranges: &[std::ops::Range<usize>],
    mut barriers: Vec<bool>,
    scores: &[f64],
    features: &[Features],
    thresholds: &Thresholds,
) -> Vec<bool> {
    // The short barrier lines with a count that follow good prose (since
    // the previous barrier): their words, and whether a whole article
    // stands above them.
    let mut counted: Vec<(usize, String, bool)> = Vec::new();
    let mut prose_before = 0;
    for (i, &barrier) in barriers.iter().enumerate() {
        if !barrier {
            prose_before += scores.get(i).is_some_and(|&s| s >= thresholds.good) as usize;
            continue;
        }
        let short_count = features
            .get(i)
            .is_some_and(|f| f.digits > 0 && f.words <= REPEATED_COUNT_WORDS);
        if short_count && prose_before > 0 {
            let words = line_at(text, ranges, i);
            let shape: String = words
                .chars()
                .filter(|c| !c.is_numeric() && !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect();
            // A bare number has no words to recur.
            if !shape.is_empty() {
                counted.push((i, shape, prose_before >= ARTICLE_PARAGRAPHS));
            }
        }
        prose_before = 0;
    }
    // Most pages have no such line, or one: nothing recurs.
    if counted.len() < 2 {
        return barriers;
    }
    // A line that closes two articles closes each article it follows (a
    // recipe of two paragraphs and a list among them). Counted in a map:
    // a crafted page may hold many such lines. The words are the page's: a
    // seeded hasher, so that they cannot all fall in one bucket.
    let mut articles: HashMap<&str, u32, foldhash::fast::RandomState> = HashMap::default();
    for (_, shape, _) in counted.iter().filter(|(_, _, article)| *article) {
        *articles.entry(shape.as_str()).or_default() += 1;
    }
    for (i, shape, _) in &counted {
        if articles.get(shape.as_str()).is_some_and(|&n| n >= 2) {
            barriers[*i] = false;
        }
    }
    barriers
}

/// A comment's stamp: a short line holding a time of day and a year
/// ("Posted by: Rosemary K. | April 2, 2008 10:41 PM", "kotelok_72 21 мая
/// 2023, 19:30", "1. Le lundi 6 octobre 2014, 22:05 par Claire", "น้องฝน
/// 13/03/2553 08:47": a date in figures may carry a Buddhist-era year).
const STAMP_WORDS: u32 = 15;
/// A comment's subject line between its stamp and its text has at most
/// this many words. Old journals and forums (LiveJournal, phpBB) set one
/// under each commenter's name and time: the stamps stood next to no prose,
/// and a diary entry's twelve comments were kept as its text.
const SUBJECT_WORDS: u32 = 3;
/// A time of day: "22:05", French "09h12", German "09.12 Uhr".
static STAMP_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)[0-9]{1,2}(?::|h)[0-9]{2}(?-u:\b)|(?-u:\b)[0-9]{1,2}\.[0-9]{2}\s?Uhr(?-u:\b)",
    )
    .expect("valid regex")
});
static STAMP_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:19|20)[0-9]{2}(?-u:\b)|(?-u:\b)[0-9]{1,2}[./][0-9]{1,2}[./](?:[0-9]{2}|[0-9]{4})(?-u:\b)",
    )
    .expect("valid regex")
});
/// Or a time counted back from now, as comment threads print it beside the
/// commenter's name ("Wolfgang_M vor 14 Stunden", "Jane · 3 hours ago",
/// "张三 3小时前"): an article states its date, a thread how long ago each
/// comment was posted. Not `日前` ("15日前" is also "by the 15th").
static STAMP_AGO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)[0-9]{1,2}\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago(?-u:\b)",
        r"|(?-u:\b)vor\s+[0-9]{1,2}\s+(?:sekunden?|minuten?|min|stunden?|std|tag(?:en)?|wochen?|monat(?:en)?|jahr(?:en)?)(?-u:\b)",
        r"|(?-u:\b)il y a\s+[0-9]{1,2}\s+(?:secondes?|minutes?|min|heures?|h|jours?|semaines?|mois|ans?)(?:\s|$)",
        r"|(?-u:\b)hace\s+[0-9]{1,2}\s+(?:segundos?|minutos?|min|horas?|h|días?|semanas?|mes(?:es)?|años?)(?:\s|$)",
        r"|(?:^|\s)há\s+[0-9]{1,2}\s+(?:segundos?|minutos?|min|horas?|h|dias?|semanas?|mes(?:es)?|anos?)(?:\s|$)",
        r"|(?-u:\b)[0-9]{1,2}\s+(?:secondi|minuti|min|ore|ora|giorni|giorno|settimane|mesi|anni)\s+fa(?-u:\b)",
        r"|(?-u:\b)[0-9]{1,2}\s+(?:seconden|minuten|min|uur|dagen|dag|weken|week|maanden|maand|jaar)\s+geleden(?-u:\b)",
        r"|(?-u:\b)[0-9]{1,2}\s+\S{1,9}\s+(?:temu|назад|тому|önce|lalu)(?:\s|$)",
        r"|(?-u:\b)[0-9]{1,2}\s*(?:秒|分|分钟|分鐘|時間|小时|小時|天|週間|周|週|か月|ヶ月|个月|個月|年)前",
    ))
    .expect("valid regex")
});
/// Weekdays and months (and their short forms) in the languages of the
/// stoplists written in Latin script that print them so: a schedule's
/// stamps differ by these alone, a thread's by their signers' names.
const CALENDAR_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "mo",
    "di",
    "mi",
    "do",
    "fr",
    "sa",
    "so",
    "januar",
    "februar",
    "märz",
    "mai",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "janvier",
    "février",
    "mars",
    "avril",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "lunedì",
    "martedì",
    "mercoledì",
    "giovedì",
    "venerdì",
    "sabato",
    "domenica",
    "gennaio",
    "febbraio",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "settembre",
    "ottobre",
    "dicembre",
    "segunda",
    "terça",
    "quarta",
    "quinta",
    "sexta",
    "feira",
    "janeiro",
    "fevereiro",
    "março",
    "maio",
    "junho",
    "julho",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "januari",
    "februari",
    "maart",
    "mei",
    "augustus",
];

/// A thread has at least `THREAD_STAMPS` stamps, each at most
/// `THREAD_GAP` paragraphs after the one before, with prose between.
const THREAD_STAMPS: usize = 3;
const THREAD_GAP: usize = 6;

/// The first stamp of each comment thread: a run of comment stamps (see
/// [`STAMP_WORDS`]) with prose between them, after the article's good
/// prose. Comment sections are found by their markup or their headings;
/// where neither says so (a blog's comments in `<dl>` under "Réactions",
/// a journal's replies in class-less `div`s, a layout table's rows), the
/// stamps do: an article states its date once, a thread with each
/// comment. The first stamp is a barrier, in HTML's main container too.
/// Found on two batches of 20 pages written for the session (blogs with
/// 15 to 25 comments in `<dl>`, `div.entry`, nested class-less `div`s and
/// table rows): HTML 0.9430 -> 0.9709 and 0.9245 -> 0.9532, text 0.9358
/// -> 0.9690 and 0.9186 -> 0.9317. Scorers trained without each set:
/// readability text 0.9273 -> 0.9295; every other development set, the
/// templates, the DOM cases and the promo batches unchanged. Without the
/// sentence test a shop's dated price lines between product names made a
/// thread (trafilatura-eval −0.0004); without the signature test, the
/// same lines under each product's paragraphs.
pub(crate) fn comment_threads(
    text: &str,
    ranges: &[std::ops::Range<usize>],
    scores: &[f64],
    features: &[Features],
    thresholds: &Thresholds,
) -> Vec<bool> {
    let n = ranges.len().min(features.len()).min(scores.len());
    // A comment's text: near-good prose with a sentence (a shop box's
    // product name between its "Price as of 02.01.2023 12:53" lines has
    // none).
    let prose = |i: usize| i < n && scores[i] >= thresholds.near && features[i].sentences > 0;
    let (stamps, chains) = stamp_chains(text, ranges, features, prose, |i| {
        scores[i] < thresholds.near
    });
    let mut out = vec![false; ranges.len()];
    let mut good_before = 0;
    let mut counted_to = 0;
    for (k, end) in chains {
        // The thread opens at its first stamp after the article's good
        // prose: an article's own byline with its time can head a chain.
        for j in k..=end {
            if end + 1 - j < THREAD_STAMPS {
                break;
            }
            good_before += (counted_to..stamps[j])
                .filter(|&i| scores[i] >= thresholds.good)
                .map(|i| features[i].words)
                .sum::<u32>();
            counted_to = stamps[j];
            if good_before as f64 >= ARTICLE_BEFORE_BARRIER {
                out[stamps[j]] = true;
                break;
            }
        }
    }
    out
}

/// A live blog's entry stamp in plain text: a short line that opens with
/// a time of day and holds no year ("11:42 Uhr", "17:12", "12:55Lucía
/// Montes", "09h30", "16.05Tuomas"): a live blog's entries are of one
/// day, where a comment's stamp dates it (see [`STAMP_YEAR`]). A time
/// with a full stop is followed by "Uhr", a time zone ("11.15 GMT") or a
/// name, not by a space and a unit ("1.25 cups").
const LIVE_STAMP_WORDS: u32 = 6;
static LIVE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\W{0,3}(?:[01]?[0-9]|2[0-3])(?:(?::|h)[0-5][0-9](?:[^0-9:.]|$)|\.[0-5][0-9](?:\s?(?:Uhr|[A-Z]{2,4}\b|[ap]\.?m\b)|[^\s0-9:.]))")
        .expect("valid regex")
});
/// An entry's prose starts within this many lines of its stamp (after a
/// headline), and the next stamp comes within `LIVE_GAP` lines of its
/// prose's end.
const LIVE_PROSE_WITHIN: usize = 3;
const LIVE_GAP: usize = 10;
/// A live blog has at least `LIVE_ENTRIES` stamped entries, and at least
/// `LIVE_GOOD_ENTRIES` of them hold a good paragraph (a ticker's teasers
/// have a headline and a lead at most).
const LIVE_ENTRIES: usize = 3;
const LIVE_GOOD_ENTRIES: usize = 2;

/// Plain text: the paragraphs of a live blog's entries, from the first
/// stamp (see [`LIVE_STAMP_WORDS`]) to the last entry's last prose. In
/// text, each entry stands between its stamp, author and share lines, and
/// the main text kept the longest entries and cut the rest as outside it;
/// in HTML the container holds them all. The stamps, share lines and
/// headlines there neither extend nor end the main text (see `main_text`).
pub(crate) fn live_entries(
    text: &str,
    ranges: &[std::ops::Range<usize>],
    scores: &[f64],
    features: &[Features],
    thresholds: &Thresholds,
) -> Vec<bool> {
    let n = ranges.len().min(features.len()).min(scores.len());
    let mut out = vec![false; ranges.len()];
    let prose = |i: usize| i < n && scores[i] >= thresholds.near;
    let good = |i: usize| i < n && scores[i] >= thresholds.good;
    let line = |i: usize| line_at(text, ranges, i);
    let short_line = |i: usize| features[i].words <= LIVE_STAMP_WORDS && !prose(i);
    // A comment's stamp may set its date on a line of its own above its
    // time ("13/03/2553", then "08:47"); the prose above an entry's stamp
    // may name a year.
    let stamp = |i: usize| {
        short_line(i)
            && features[i].digits >= 3
            && LIVE_TIME.is_match(line(i))
            && !STAMP_YEAR.is_match(line(i))
            && !(i > 0 && short_line(i - 1) && STAMP_YEAR.is_match(line(i - 1)))
    };
    // Each stamp with the last paragraph of its entry's prose: the lines
    // of prose from the first after it (a related list's leads may follow
    // the last entry after a heading).
    let mut entries: Vec<(usize, usize, bool)> = Vec::new();
    for i in (0..n).filter(|&i| stamp(i)) {
        let Some(first) = (i + 1..=i + LIVE_PROSE_WITHIN).find(|&j| prose(j)) else {
            continue;
        };
        // Stamps in a row (an ingredient's "1:30 h" lines) share their
        // prose: one entry.
        if entries.last().is_some_and(|e| first <= e.1) {
            continue;
        }
        let end = (first..n).take_while(|&j| prose(j)).last().unwrap_or(first);
        let has_good = (first..=end).any(good);
        entries.push((i, end, has_good));
    }
    let mut k = 0;
    while k < entries.len() {
        let mut last = k;
        while last + 1 < entries.len()
            && entries[last + 1].0.saturating_sub(entries[last].1) <= LIVE_GAP
        {
            last += 1;
        }
        let chain = &entries[k..=last];
        let goods = chain.iter().filter(|e| e.2).count();
        if chain.len() >= LIVE_ENTRIES && goods >= LIVE_GOOD_ENTRIES {
            out[chain[0].0..=chain[chain.len() - 1].1].fill(true);
        }
        k = last + 1;
    }
    out
}

/// The text of paragraph `i` (empty past the end).
fn line_at<'t>(text: &'t str, ranges: &[std::ops::Range<usize>], i: usize) -> &'t str {
    ranges
        .get(i)
        .and_then(|r| text.get(r.clone()))
        .unwrap_or("")
}

/// Whether a line carries the "IP属地" (IP location) label that Chinese
/// platforms print beside each commenter's name since 2022, in place of a
/// time: a comment's stamp as much as "12. März 2024, 14:03" is.
fn is_ip_location(line: &str) -> bool {
    ["IP属地", "IP屬地"]
        .iter()
        .any(|label| line.contains(label))
}

/// The comment stamps of a page (see [`STAMP_WORDS`]) and its threads: runs
/// of at least [`THREAD_STAMPS`] stamps, each at most [`THREAD_GAP`] blocks
/// after the one before with `prose` between, signed by different people,
/// as `(first, last)` indices into the stamps. A stamp is a short block
/// next to `prose`: a `quiet` one (not prose itself) holding a time of day
/// and a year, or an IP location (see [`is_ip_location`]); or a name and
/// how long ago, with no sentence (see [`STAMP_AGO`]).
pub(crate) fn stamp_chains(
    text: &str,
    ranges: &[std::ops::Range<usize>],
    features: &[Features],
    prose: impl Fn(usize) -> bool,
    quiet: impl Fn(usize) -> bool,
) -> (Vec<usize>, Vec<(usize, usize)>) {
    let n = ranges.len().min(features.len());
    // A comment's stamp heads its text or follows it, right next to it,
    // or heads its subject line ("Re: Herr Pohle!", "(kein Betreff)") over
    // it. A live blog's entry headline is longer (see
    // `TEASER_HEADLINE_WORDS`).
    let subject_then_prose =
        |j: usize| j < n && features[j].words <= SUBJECT_WORDS && !prose(j) && prose(j + 1);
    let stamp = |i: usize| {
        let f = &features[i];
        let beside_prose = prose(i + 1) || subject_then_prose(i + 1) || (i > 0 && prose(i - 1));
        if f.words > STAMP_WORDS || !beside_prose {
            return false;
        }
        let t = line_at(text, ranges, i);
        // A time of day has a colon or an `h` (French "09h12", German
        // "Uhr"): a cheap test before the regexes, on the short lines next
        // to prose that get here.
        let dated = f.digits > 0
            && memchr::memchr2(b':', b'h', t.as_bytes()).is_some()
            && STAMP_TIME.is_match(t)
            && STAMP_YEAR.is_match(t);
        // A name and how long ago, no sentence: a stamp even where it
        // scores as prose (no date rule reads it). A bare "12 minutes ago"
        // heads a live blog's entries.
        let named = |m: regex::Match<'_>| {
            (t[..m.start()].chars().chain(t[m.end()..].chars())).any(char::is_alphabetic)
        };
        let ago = f.digits > 0 && f.sentences == 0 && STAMP_AGO.find(t).is_some_and(named);
        ((dated || is_ip_location(t)) && quiet(i)) || ago
    };
    let stamps: Vec<usize> = (0..n).filter(|&i| stamp(i)).collect();
    let mut chains = Vec::new();
    if stamps.len() < THREAD_STAMPS {
        return (stamps, chains);
    }
    let mut k = 0;
    while k < stamps.len() {
        // The chain of stamps from `stamps[k]`, each close to the last and
        // with prose between.
        let mut end = k;
        while end + 1 < stamps.len()
            && stamps[end + 1] - stamps[end] <= THREAD_GAP
            && (stamps[end] + 1..stamps[end + 1]).any(&prose)
        {
            end += 1;
        }
        // Comments are signed by different people: stamps that differ
        // only in their figures ("Price as of 02.01.2023 12:53" under
        // each product, "Update 14.03.2024 09:10") or their weekday and
        // month ("Vendredi 12 juillet 2024 – 20h30" over each act of a
        // festival's programme) are the page's own.
        let letters = |i: usize| -> String {
            line_at(text, ranges, i)
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .filter(|w| !CALENDAR_WORDS.contains(&w.as_str()))
                .collect()
        };
        let first = letters(stamps[k]);
        if end + 1 - k >= THREAD_STAMPS && stamps[k + 1..=end].iter().any(|&i| letters(i) != first)
        {
            chains.push((k, end));
        }
        k = end + 1;
    }
    (stamps, chains)
}

/// A paragraph's class, verdict and the reason for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Decision {
    pub class: Class,
    pub keep: bool,
    pub reason: Reason,
}

/// Decides every paragraph of a document from its scores and features.
/// A paragraph on which a `decisive` rule fired is cut whatever its score
/// and neighbours; it still counts toward the main text as its score says
/// (a good ad does not break an article in two), and a long one between
/// prose paragraphs as nothing (see [`INTERRUPTING_AD_WORDS`]).
///
/// It decides a page, or for an article body already extracted (`extracted_body`:
/// plain text in which no rule marking a site's chrome fired, see
/// `Rule::marks_page_chrome`). A body's main text runs from its first prose
/// paragraph to its last: everything between is the article (a meal plan's
/// repeated lists, a tour's dates, a news paragraph after them), where on a
/// page a list breaks the run. Short lines before the first prose and after
/// the last stay out, as on a page. Held-out promo batches inserted into
/// scrapinghub's gold bodies, text mode, look-alike retention 0.9583 ->
/// 0.9722 and 0.9375 -> 0.9458 (own set 0.9750 -> 0.9875), recall
/// unchanged; the development and template pages are pages (readability
/// +0.0001, templates +0.0003 text: a few synthetic pages without chrome).
/// The whole text as the run cost held-out recall: a short promotional line
/// at the start was kept as a heading before prose.
// The paragraphs' marks are slices, each from its own pass of the engine
// (`firm` and `live` may be empty: none); a struct for them would only be
// unpacked again here.
#[allow(clippy::too_many_arguments)]
pub(crate) fn decide(
    scores: &[f64],
    barriers: &[bool],
    firm: &[bool],
    decisive: &[bool],
    features: &[Features],
    live: &[bool],
    t: &Thresholds,
    extracted_body: bool,
) -> Vec<Decision> {
    let classes: Vec<Class> = scores.iter().map(|&s| t.class(s)).collect();
    // Plain text: no block has DOM context (HTML blocks all do).
    let text_input = features.iter().all(|f| f.dom.is_none());
    let tables = if text_input {
        text_tables(features, scores)
    } else {
        Vec::new()
    };
    let runs = if extracted_body && text_input {
        prose_span(&classes)
    } else {
        main_text(
            &classes,
            scores,
            barriers,
            firm,
            decisive,
            features,
            live,
            text_input.then_some(&tables[..]),
        )
    };
    let mut out: Vec<Decision> = classes
        .iter()
        .enumerate()
        .map(|(i, &class)| {
            let inside = runs.iter().any(|m| m.contains(&i));
            let (keep, reason) = match class {
                Class::Bad => (false, Reason::Score),
                _ if !inside => (false, Reason::OutsideMainText),
                Class::Good => (true, Reason::Score),
                Class::NearGood => (true, Reason::NearGoodInMainText),
                // Decided below from the neighbours.
                Class::Short => (false, Reason::NextToBoilerplate),
            };
            Decision {
                class,
                keep,
                reason,
            }
        })
        .collect();
    // HTML: a table's cell (td, th) in the main container.
    let table_cell = |j: usize| {
        features[j]
            .dom
            .is_some_and(|d| d.in_main && matches!(d.tag, "td" | "th"))
    };
    for main in &runs {
        // The nearest paragraph that is not short on each side, found in
        // one pass each way: a table of thousands of short cells made a
        // scan for each quadratic.
        let mut next_of = vec![None; main.len()];
        let mut next = None;
        for i in main.clone().rev() {
            next_of[i - main.start] = next;
            if classes[i] != Class::Short {
                next = Some(i);
            }
        }
        // Before a table cell, the bad cells of a table are skipped: a
        // cell that scores bad ("51:19", goals read as a time) does not
        // end the table.
        let (mut prev_any, mut prev_past_cells) = (None, None);
        // A heading with evidence against it (a "Read also" box's title)
        // since the last paragraph that is not short: the list under it
        // is that box's, not the article's.
        let mut cut_heading = false;
        for i in main.clone() {
            let (prev, prev_before_table) = (prev_any, prev_past_cells);
            if classes[i] != Class::Short {
                prev_any = Some(i);
                cut_heading = false;
                if !(classes[i] == Class::Bad && table_cell(i)) {
                    prev_past_cells = Some(i);
                }
                continue;
            }
            if features[i].dom.is_some_and(|d| d.heading_level().is_some()) {
                cut_heading = scores[i] <= BOX_HEADING_SCORE;
            }
            // A short caption is not part of the text around its picture
            // or table, whatever its neighbours: readers skip it, and
            // so do the golds.
            let caption = features[i]
                .dom
                .is_some_and(|d| matches!(d.tag, "figcaption" | "caption"));
            if caption {
                continue;
            }
            let next = next_of[i - main.start];
            let prose = |j: Option<usize>| j.is_some_and(|j| classes[j] != Class::Bad);
            let heading = !features[i].ends_sentence && next == Some(i + 1) && prose(next);
            let d = &mut out[i];
            // HTML: a short cell or item of a table or list in the main
            // container, after kept prose, belongs to the article whatever
            // follows the table: a standings table of 280 cells was lost
            // whole when the line after it scored bad. Scored held out:
            // scrapinghub 0.9696 -> 0.9698, trafilatura-eval 0.9290 ->
            // 0.9298, templates 0.9378 -> 0.9381, readability unchanged;
            // five pages better, none worse. Any short block of the
            // container instead: scrapinghub -0.0006, templates -0.0013
            // (bylines and tag lines after the article).
            let cell = features[i].dom.is_some_and(|d| d.in_main && is_item(d.tag)) && !cut_heading;
            let prev = if table_cell(i) {
                prev_before_table
            } else {
                prev
            };
            let alone = prev == i.checked_sub(1) && next == Some(i + 1) && !cell;
            if alone && prose(prev) && prose(next) && promo_line(&features[i]) {
                *d = Decision {
                    keep: false,
                    reason: Reason::PromoLine,
                    ..*d
                };
            } else if prose(prev) && (prose(next) || cell) {
                *d = Decision {
                    keep: true,
                    reason: Reason::BetweenKeptProse,
                    ..*d
                };
            } else if heading {
                *d = Decision {
                    keep: true,
                    reason: Reason::HeadingBeforeProse,
                    ..*d
                };
            }
        }
    }
    for table in &tables {
        let inside = runs
            .iter()
            .any(|r| r.start < table.start && r.end > table.end);
        if inside {
            let n = out.len();
            for d in &mut out[table.start.min(n)..table.end.min(n)] {
                *d = Decision {
                    keep: true,
                    reason: Reason::TextTable,
                    ..*d
                };
            }
        }
    }
    if extracted_body && text_input {
        edge_sentences(&mut out, &runs, scores, features);
    }
    lede(&mut out, barriers, features, text_input);
    section_h1s(&mut out, scores, features);
    whole_lists(&mut out, features);
    for (d, _) in out
        .iter_mut()
        .zip(decisive)
        .filter(|(_, decisive)| **decisive)
    {
        d.keep = false;
        d.reason = Reason::StrongEvidence;
    }
    promo_at_end(&mut out, features);
    teaser_leads(&mut out, features);
    orphan_headings(&mut out, features);
    // A page that renders the same paragraph twice (a summary box, page
    // metadata) keeps the first copy only. The copies still count toward the
    // main text above, so that they do not break an article in two. But a
    // copy that continues the kept text (everything from the first copy to
    // it is kept) is the article repeating itself, as readability's test
    // pages do: text mode, scorers trained without each set, readability
    // 0.8947 -> 0.9245, scrapinghub 0.9240 -> 0.9237 (a standfirst that
    // repeats the lede), nothing else moved. A page's repeated blocks
    // (teasers, a share box's blurb) have its chrome between them.
    // Paragraphs cut before each index, as decided so far: whether all
    // between two indices are kept is one subtraction (a page of thousands
    // of copies must not cost a scan each).
    // Most pages hold no copy: nothing to count for them.
    let has_copies = features.iter().any(|f| f.copy_of.is_some());
    let mut cut_before = Vec::with_capacity(if has_copies { out.len() + 1 } else { 0 });
    if has_copies {
        cut_before.push(0u32);
        for d in &out {
            cut_before.push(cut_before[cut_before.len() - 1] + !d.keep as u32);
        }
    }
    for i in 0..out.len() {
        let Some(first) = features[i].copy_of.map(|c| c as usize).filter(|&c| c < i) else {
            continue;
        };
        // Inside an HTML page's main container, the page repeats itself on
        // purpose (a caption under each photo); those copies stay.
        let in_main = features[i].dom.is_some_and(|d| d.in_main);
        let continues_text = cut_before[i] == cut_before[first];
        if out[first].keep
            && out[i].keep
            && features[i].words >= MIN_DUPLICATE_WORDS
            && !in_main
            && !continues_text
        {
            out[i].keep = false;
            out[i].reason = Reason::Duplicate;
        }
    }
    out
}

/// An extracted body's paragraph right before its first prose or right
/// after its last is kept when it is short (not bad) and a sentence of
/// `EDGE_SENTENCE_WORDS` words or more with no evidence against it (a score
/// of 0 or more), or of `EDGE_SCORED_WORDS` or more with some: an article
/// opens and closes with such sentences, and a body has no chrome there.
/// Inside the body a short paragraph between kept prose stays whatever its
/// score; at an edge it has prose on one side only. Strong promo evidence
/// still cuts it (decisive rules come after).
/// Bodies, text mode, recall / retention, scorer of b4458d0: holdouts 1-6
/// 0.9500 / 0.9584 -> 0.9500 / 0.9628, holdout7 0.8944 / 0.8958 -> 0.8944
/// / 0.9250, holdout9 0.9537 -> 0.9519 recall (one paragraph); all nine
/// batches pooled, three to a page, retention 0.9568 -> 0.9643 for the same
/// recall. With a score under 0 (a news paragraph about an affiliate
/// scheme, where a disclosure rule's -5 leaves -1.5) at any length,
/// holdouts 1-11 pooled, one a page, look-alikes kept 2243 -> 2252 of 2330
/// for the same promo recall; three to a page 2257 -> 2262 for 2 promo
/// paragraphs of 5,020; holdout12 0.9417 -> 0.9458 and holdout13 0.9625 ->
/// 0.9750 retention. But a byline of a dozen words ("By … and …, staff
/// reporters", -2 +1.5) was kept too: those need `EDGE_SCORED_WORDS`.
/// Development pages are pages, not bodies: unchanged.
const EDGE_SENTENCE_WORDS: u32 = 8;
const EDGE_SCORED_WORDS: u32 = 20;

fn edge_sentences(
    out: &mut [Decision],
    runs: &[std::ops::Range<usize>],
    scores: &[f64],
    features: &[Features],
) {
    for main in runs {
        for i in [main.start.checked_sub(1), Some(main.end)]
            .into_iter()
            .flatten()
        {
            let (Some(d), Some(f), Some(&score)) = (out.get_mut(i), features.get(i), scores.get(i))
            else {
                continue;
            };
            let least = if score >= 0.0 {
                EDGE_SENTENCE_WORDS
            } else {
                EDGE_SCORED_WORDS
            };
            if d.class == Class::Short && f.sentences >= 1 && f.words >= least {
                *d = Decision {
                    keep: true,
                    reason: Reason::BodyEdge,
                    ..*d
                };
            }
        }
    }
}

/// The main text of an extracted body: from its first prose paragraph to
/// its last (none when it has no prose).
fn prose_span(classes: &[Class]) -> Vec<std::ops::Range<usize>> {
    match (
        classes.iter().position(|c| c.is_prose()),
        classes.iter().rposition(|c| c.is_prose()),
    ) {
        (Some(first), Some(last)) => std::iter::once(first..last + 1).collect(),
        _ => Vec::new(),
    }
}

/// The most blocks between the headline and the main text that a lede
/// is looked for in: further, what lies between is a page's chrome.
const LEDE_GAP: usize = 12;

/// HTML: prose (good or near) between the page's `h1` and the first kept
/// paragraph is the article's lede, kept with it. The main text starts
/// after the byline, the date, a photo credit or a table of contents that
/// news pages put under the lede, and lost it.
///
/// Text has no `h1`: the last good paragraph at most `LEDE_GAP` lines
/// before the first kept one, with only short and bad lines (a byline, a
/// date, photo credits) and no barrier between, is the lede. Text mode:
/// snippet F1 0.8821 → 0.8889, templates +0.0015, look-alike retention
/// held-out 0.9583 → 0.9639; scrapinghub 0.9322 → 0.9293 and readability
/// −0.0006, whose golds leave the standfirst out (as they leave out a
/// styled one in HTML). Near-good prose there too: teasers came in.
fn lede(out: &mut [Decision], barriers: &[bool], features: &[Features], text_input: bool) {
    let Some(first) = out.iter().position(|d| d.keep) else {
        return;
    };
    if text_input {
        let prose = (first.saturating_sub(LEDE_GAP + 1)..first)
            .rev()
            .find(|&j| !matches!(out[j].class, Class::Short | Class::Bad));
        if let Some(p) =
            prose.filter(|&p| out[p].class == Class::Good && !barriers[p..first].contains(&true))
        {
            out[p].keep = true;
            out[p].reason = Reason::Lede;
        }
        return;
    }
    let is_h1 = |f: &Features| f.dom.is_some_and(|d| d.tag == "h1");
    let Some(headline) = features[..first].iter().rposition(is_h1) else {
        return;
    };
    if first - headline > LEDE_GAP || barriers[headline..first].iter().any(|&b| b) {
        return;
    }
    for (d, f) in out[headline + 1..first]
        .iter_mut()
        .zip(&features[headline + 1..first])
    {
        if d.class.is_prose() && f.dom.is_some_and(|d| d.tag == "p") {
            d.keep = true;
            d.reason = Reason::Lede;
        }
    }
}

/// HTML: an `h1` inside the main container after the article's first kept
/// prose, and right before kept prose, heads a section: pages that give
/// each section an `h1` (HTML5 sectioning, Medium, a book chapter) lost
/// their section titles to `dom_headline`. Not one a strong rule weighs
/// against (score below `SECTION_H1_FLOOR`). Development HTML: scrapinghub
/// +0.0003, readability +0.0002; four pages better, none worse.
fn section_h1s(out: &mut [Decision], scores: &[f64], features: &[Features]) {
    let mut after_prose = false;
    for i in 0..out.len() {
        let Some(dom) = features[i].dom.filter(|d| d.in_main) else {
            continue;
        };
        if out[i].keep && out[i].class == Class::Good {
            after_prose = true;
        }
        let before_prose = || out.get(i + 1).is_some_and(|n| n.keep && n.class.is_prose());
        if after_prose
            && dom.tag == "h1"
            && !out[i].keep
            && scores[i] >= SECTION_H1_FLOOR
            && before_prose()
        {
            out[i].keep = true;
            out[i].reason = Reason::HeadingBeforeProse;
        }
    }
}

/// The lowest score of a section `h1` kept: `dom_headline`, a fragment and
/// `dom_outside_main`, not an ad label.
const SECTION_H1_FLOOR: f64 = -6.0;

/// An item of a list or a cell of a table (`li`, `td`, `th`, `dd`, `dt`):
/// one of many short blocks that belong together.
fn is_item(tag: &str) -> bool {
    matches!(tag, "li" | "td" | "th" | "dd" | "dt")
}

/// HTML: the items of a list, or the cells of a table row, inside the main
/// container stay together when at least half of them are kept: a link-only
/// item or a number cell is part of the list or table the article gives.
/// (Decisive rules and copies are applied after, and still cut.)
fn whole_lists(out: &mut [Decision], features: &[Features]) {
    let item = |f: &Features| {
        f.dom
            .filter(|d| d.in_main && is_item(d.tag))
            .map(|d| d.parent)
    };
    let element = |f: &Features| f.dom.map(|d| d.element);
    let mut i = 0;
    while i < out.len() {
        let Some(parent) = item(&features[i]) else {
            i += 1;
            continue;
        };
        let mut end = i + 1;
        while end < out.len() && item(&features[end]) == Some(parent) {
            end += 1;
        }
        let kept = out[i..end].iter().filter(|d| d.keep).count();
        // Blocks of one element are the paragraphs of one cell (an old
        // layout table's article, split by `<br><br>`), not a row's
        // cells: each is decided on its own. A Latin newsletter's share
        // line and "show the summary" link were kept as its row's cells.
        let cells = features[i..end]
            .windows(2)
            .any(|w| element(&w[0]) != element(&w[1]));
        if cells && end - i >= 2 && 2 * kept >= end - i {
            for d in out[i..end].iter_mut().filter(|d| !d.keep) {
                d.keep = true;
                d.reason = Reason::WholeList;
            }
        }
        i = end;
    }
}

/// The promo model's probability from which the last kept paragraph of a
/// long article is cut ([`Reason::PromoAtEnd`]), and how many paragraphs
/// the article must keep for it. Measured on the promo set with a model not
/// trained on it (`quality/promo/cv.sh set`): promo recall +1.0 point in
/// text, +1.2 in HTML, for nothing on the development sets. The first kept
/// paragraph too gave another point, but cut blogs' ledes (snippet F1 of
/// trafilatura-eval -0.0035); on short pages the edges are most of the
/// article. 0.65 since session 23, with a better scorer: at 0.45 the two
/// held-out batches (in gold bodies) lost four look-alikes at the end
/// (news about an app or a sale) for one promo paragraph caught; at 0.65
/// they keep those (retention second batch 0.9458 -> 0.9583 text, 0.9667
/// -> 0.9792 HTML; first 0.9722 -> 0.9750, 0.9917 -> 0.9944; recall
/// second batch -0.002). Own set held out: one promo paragraph less in
/// HTML. Development sets, scorer held out: scrapinghub HTML -0.0003,
/// readability HTML +0.0001, the rest unchanged. Chosen on the held-out
/// batches' figures.
const END_PROMO: f32 = 0.65;
const END_MIN_KEPT: usize = 10;
/// ... unless it shares this share of its long words with the page's prose
/// (`page_overlap`, computed from 0.4, under `END_PROMO`). With scorers
/// trained without each development set, F1 text / HTML: scrapinghub
/// 0.9216 / 0.9685 -> 0.9216 / 0.9688, readability 0.8675 / 0.9734 ->
/// 0.8681 / 0.9740, trafilatura-eval 0.8826 / 0.9252 -> 0.8834 / 0.9263;
/// templates +0.0004 / +0.0010; held-out promo batches unchanged; own set
/// with a scorer trained without it -0.0007 / -0.0014 recall. 0.25 gained
/// less.
const END_OVERLAP: f32 = 0.4;

/// Promotion closes an article (a newsletter or app pitch, a sponsor's
/// line, a "first appeared on" note, a deals plug): at the last kept
/// paragraph of a long article, a model that leans towards promotion is
/// evidence enough, where in the middle it is not.
fn promo_at_end(out: &mut [Decision], features: &[Features]) {
    if out.iter().filter(|d| d.keep).count() < END_MIN_KEPT {
        return;
    }
    // The last kept paragraph long enough for the model; a short line
    // after it (a signature, a date) does not hide it.
    let last = (0..out.len())
        .rev()
        .find(|&i| out[i].keep && features[i].words >= MIN_END_WORDS);
    if let Some(i) = last {
        let f = &features[i];
        // As the promo model's rules: on a page whose text is mostly
        // commercial, promotion is the content.
        // Nor where it shares much of the page's prose words: the article's
        // own conclusion, which names its subject.
        if f.promo_model >= END_PROMO && !commercial(f) && f.page_overlap < END_OVERLAP {
            out[i].keep = false;
            out[i].reason = Reason::PromoAtEnd;
        }
    }
}

/// A short line alone between two prose paragraphs is kept as the
/// article's own (a subheading, a line of verse), unless the promo model
/// is at least this sure of it: then it is an ad label, a consent button,
/// a one-line call to subscribe or to install inserted into the article
/// ([`Reason::PromoLine`]). Not on a page whose text is mostly commercial,
/// nor where the line shares a quarter of its long words with the page's
/// prose (a subheading names the article's subject), nor an HTML heading
/// element. A line among other short ones (a list, a table's cells) is not
/// alone. Measured in bodies,
/// promo recall / look-alike retention, text and HTML: `holdout15`, scored
/// unseen before and after, 0.9722 / 0.9667 -> 0.9796 / 0.9667 and 0.9704
/// / 0.9833 -> 0.9759 / 0.9833 (middle of the article 0.950 -> 0.972 and
/// 0.967); holdouts 1-11 pooled, one a page, 4790 -> 4815 and 4787 -> 4813
/// of 5020 promo paragraphs, look-alikes unchanged; 1,056 short lines
/// written for it (`quality/promo/short`), put between prose: 243 -> 140
/// of 576 promo lines kept, 34 -> 38 of 480 article lines (subheadings on
/// ads, cookies, apps) cut. Development pages, scorers trained without
/// each set, unchanged. At 0.8: 30 more promo lines, 7 more subheadings
/// cut.
const PROMO_LINE: f32 = 0.9;
const PROMO_LINE_OVERLAP: f32 = 0.25;

fn promo_line(f: &Features) -> bool {
    // An HTML heading element is a subheading by its tag, whatever it says.
    let heading = f.dom.is_some_and(|d| d.heading_level().is_some());
    f.promo_model >= PROMO_LINE && f.page_overlap < PROMO_LINE_OVERLAP && !commercial(f) && !heading
}

/// A heading block is a teaser's headline when at least this share of its
/// text is a link.
const LINKED_HEADLINE: f32 = 0.5;

/// HTML: a kept block right between two linked headings (`h2`–`h6`) is a
/// teaser's lead in a list of stories ("Cùng chuyên mục": `<li><h3><a>…
/// </a></h3><p class=lead>…</p></li>`), which can sit inside the main
/// container and reads as prose. An article's own subheadings are not
/// links. On the development and template pages, 13 kept blocks stood so,
/// none of them in a gold.
///
/// So is a short kept block (at most `TEASER_LEAD_WORDS` words, as
/// [`Features::spaced_words`] counts them) in a list
/// of at least `TEASER_RUN` linked headlines of one level, each at most
/// `TEASER_GAP` blocks after the one before and each in an element of its
/// own (a list item, a card): the lead under a headline, in the same
/// element, up to the next headline, and under the list's last one.
/// The list must have a title right above it, a heading of a higher level
/// that is not a link, or headlines of `CARD_HEADLINE` or smaller. Article paragraphs that a sidebar's linked
/// headlines interleave sit in other elements; an article's own linked
/// subheadings (topic links, a table of contents' anchors) sit in the
/// article's element together; a listicle's linked items (places,
/// products) follow its headline and intro, with no title of their own. A municipal page's "Weitere
/// Meldungen" (date, linked `h3`, one-sentence lead, five times) was kept
/// whole after its short notice.
///
/// A card's title may be no heading but a block that is all link (`<div
/// class=news-list__item><a>…</a><p>…</p></div>`): such titles make a list
/// when they share its element and a heading titles it, and a lead is
/// in the title's own element (a list of references has its other items
/// beside its linked ones). HTML: templates +0.0003 (a sports paper's
/// "news list" under a sumo report 0.54 -> 0.73, a municipality's and a
/// council's "more news" 0.64 -> 0.77 and 0.87 -> 1.00), DOM cases +0.0006;
/// development sets and promo batches unchanged.
fn teaser_leads(out: &mut [Decision], features: &[Features]) {
    let linked_heading = |f: &Features| {
        f.dom.is_some_and(|d| {
            d.heading_level().is_some_and(|l| l >= 2) && d.link_density >= LINKED_HEADLINE
        })
    };
    // A card's title that is a link and no heading ("<div class=item><a
    // class=title>…</a><p class=lead>…</p></div>"): a block all link, of
    // a headline's length, that ends no sentence (an FAQ's linked
    // question does).
    let linked_title = |f: &Features| {
        f.spaced_words() >= TEASER_HEADLINE_WORDS
            && !f.ends_sentence
            && f.dom
                .is_some_and(|d| d.heading_level().is_none() && d.link_density >= LINKED_TITLE)
    };
    let cut = |i: usize, out: &mut [Decision]| {
        out[i].keep = false;
        out[i].reason = Reason::TeaserLead;
    };
    for i in 1..out.len().saturating_sub(1) {
        if out[i].keep && linked_heading(&features[i - 1]) && linked_heading(&features[i + 1]) {
            cut(i, out);
        }
    }
    let level = |i: usize| features[i].dom.and_then(|d| d.heading_level());
    let parent = |i: usize| features[i].dom.map(|d| d.parent);
    // The element of a teaser (its card): a heading's parent, or the
    // element whose own text the linked title is.
    let card = |i: usize| {
        features[i].dom.map(|d| {
            if d.heading_level().is_some() {
                d.parent
            } else {
                d.element
            }
        })
    };
    let headlines: Vec<usize> = (0..out.len())
        .filter(|&i| linked_heading(&features[i]) || linked_title(&features[i]))
        .collect();
    let mut k = 0;
    while k < headlines.len() {
        // The list: headlines of one level, each close after the one before.
        let mut end = k;
        while end + 1 < headlines.len()
            && headlines[end + 1] - headlines[end] <= TEASER_GAP + 1
            && level(headlines[end + 1]) == level(headlines[k])
            && card(headlines[end + 1]) != card(headlines[end])
            // Linked titles of one list share its element: the related
            // links above a "More news" list are another list.
            && (level(headlines[k]).is_some() || parent(headlines[end + 1]) == parent(headlines[k]))
        {
            end += 1;
        }
        // The list's own title right above it ("More news", "Weitere
        // Meldungen"): a heading of a higher level, not a link; or
        // headlines as small as a card's (`h4`–`h6`). A listicle's items
        // are sections (`h2`, `h3`) after the article's headline and intro.
        // Linked titles that are no headings need the list's title: an
        // article's list of resources, each a link and a line, has none.
        let first = headlines[k];
        let above = |l: u8| {
            (first.saturating_sub(TEASER_GAP)..first).any(|i| {
                features[i].dom.is_some_and(|d| {
                    d.heading_level().is_some_and(|h| (2..l).contains(&h))
                        && d.link_density < LINKED_HEADLINE
                })
            })
        };
        let titled = match level(first) {
            Some(l) => l >= CARD_HEADLINE || above(l),
            None => above(7),
        };
        if titled && end + 1 - k >= TEASER_RUN {
            for j in k..=end {
                let h = headlines[j];
                // Up to the next headline; under the last, its gap.
                let stop = if j < end {
                    headlines[j + 1]
                } else {
                    h + TEASER_GAP + 1
                };
                for i in h + 1..stop.min(out.len()) {
                    // Under a heading, in its card; under a linked title,
                    // in the element the title is the text of (a list of
                    // references has its other items beside it).
                    let in_card = if level(h).is_some() {
                        parent(i) == parent(h)
                    } else {
                        parent(i) == card(h)
                    };
                    let lead = features[i].spaced_words() <= TEASER_LEAD_WORDS && in_card;
                    if out[i].keep && lead {
                        cut(i, out);
                    }
                }
            }
        }
        k = end + 1;
    }
}

/// A block that is no heading is a card's linked title when at least this
/// share of its text is a link.
const LINKED_TITLE: f32 = 0.9;

/// In a list of linked headlines, each is at most this many blocks after
/// the one before.
const TEASER_GAP: usize = 3;

/// Headlines of this level or smaller are a card's (a related story
/// embedded in the article), never a section's.
const CARD_HEADLINE: u8 = 4;

/// As the promo model's rules: shorter lines are labels the rules judge,
/// and a page with this share of its words leaning promotional
/// (`doc_promo`), in at least `COMMERCIAL_PARAGRAPHS` other paragraphs, is
/// commercial, its promotion the content (the rule file's
/// `__commercial_page`).
const MIN_END_WORDS: u32 = 5;
const COMMERCIAL_PAGE: f32 = 0.45;
const COMMERCIAL_PARAGRAPHS: u32 = 4;

/// Whether the paragraph is on a commercial page (see [`COMMERCIAL_PAGE`]).
fn commercial(f: &Features) -> bool {
    f.doc_promo >= COMMERCIAL_PAGE && f.doc_promo_paragraphs >= COMMERCIAL_PARAGRAPHS
}

/// A kept heading introduces what follows it: when nothing is kept after it
/// before the next heading of its level or above (or the end), what it
/// headed was cut, and it goes too. Headings are HTML's `<h1>`–`<h6>`, and
/// the short lines kept as [`Reason::HeadingBeforeProse`] in either mode,
/// unless they score as good prose.
fn orphan_headings(out: &mut [Decision], features: &[Features]) {
    // The heading level of paragraph `i`: 1–6 for HTML headings, 7 for a
    // line kept as a heading, none for the rest. A heading element whose
    // text is good prose on its own is text (pages put whole paragraphs in
    // `<h3>`).
    let level = |out: &[Decision], i: usize| {
        if out[i].class == Class::Good {
            return None;
        }
        features[i]
            .dom
            .and_then(|d| d.heading_level())
            .or((out[i].reason == Reason::HeadingBeforeProse).then_some(7))
    };
    for i in (0..out.len()).rev() {
        if !out[i].keep {
            continue;
        }
        let Some(own) = level(out, i) else {
            continue;
        };
        let under = (i + 1..out.len())
            .take_while(|&j| level(out, j).is_none_or(|l| l > own))
            .any(|j| out[j].keep);
        if !under {
            out[i].keep = false;
            out[i].reason = Reason::NothingUnderHeading;
        }
    }
}

/// A heading at or under this score has evidence against it beyond a
/// fragment's and a stopword-less line's (-1 each, which a plain
/// subheading like "Specifications" also gets): a related box's title
/// ("Read also" -4 and the main container's +1.5). The short items under it
/// (a "Read also" box's links) are the box's, not the article's: HTML
/// templates 0.9471 -> 0.9472 (three pages up, none down), DOM cases
/// 0.9763 -> 0.9789; the other sets unchanged. At 0 (any heading with
/// evidence against it), a plain subheading's table lost its cells.
const BOX_HEADING_SCORE: f64 = -2.5;

/// Copies of paragraphs shorter than this stay (list items, table cells).
const MIN_DUPLICATE_WORDS: u32 = 10;

/// Text input: a prose paragraph with at least `ISOLATING_GAP` non-prose
/// lines on both sides (as teasers are: headline, author, date, then a lead)
/// counts at `ISOLATED_SHARE` of its words toward the main text. Measured on
/// the development text: gap 3 with shares 0.4/0.5/0.6 gave F1
/// 0.9234/0.9237/0.9234; gap 2 or 4 did worse.
const ISOLATED_SHARE: f64 = 0.5;
const ISOLATING_GAP: usize = 3;

/// Text input: a list of teasers gives each lead (a short prose paragraph,
/// at most `TEASER_LEAD_WORDS`) right under its headline (a line of at
/// least `TEASER_HEADLINE_WORDS` words that ends no sentence; words as
/// [`Features::spaced_words`] counts them, two CJK characters a word); at least
/// `TEASER_RUN` such pairs in a row count for less (half at first, now nothing:
/// see `TEASER_SHARE`), so that a
/// "Latest news" list of eight does not outweigh the short article above
/// it. A live ticker's minute labels ("49'") are too short to be
/// headlines, and an FAQ's questions end a sentence. Text mode: templates
/// 0.8884 -> 0.8943 (seven pages up, among them a wire story that lost to
/// a ticker of ten teasers; none down), DOM cases 0.9134 -> 0.9197 (an
/// 84-word article above "Latest Local News"), trafilatura-eval, readability
/// and scrapinghub unchanged; HTML unchanged. Without the four-word
/// headline floor a live ticker's entries counted half, and its page lost
/// 0.21. An explainer whose sections are a four-word subhead over one short
/// paragraph each counts half too; it still wins when nothing longer
/// competes.
pub(crate) const TEASER_LEAD_WORDS: u32 = 40;
/// A headline may read as prose (near-good) when it has at most this many
/// words: a ticker's "13:57 Sterling steady ahead of U.S. data", a regional
/// paper's "Quimperlé. La médiathèque ouvrira le dimanche". Text mode:
/// templates 0.9109 -> 0.9117 (a news ticker and a "latest" list under two
/// articles now count half), trafilatura-eval +0.0003, the other sets and
/// the promo batches unchanged; no page worse.
const TEASER_PROSE_HEADLINE_WORDS: u32 = 20;
pub(crate) const TEASER_HEADLINE_WORDS: u32 = 4;
/// The leads of a teaser list count nothing toward the main text: at half
/// their words, a "Related" list of four headlines with their leads after
/// an article carried the run over the ad and the tag line between them.
/// Text mode, against half: scrapinghub 0.9305 -> 0.9307,
/// trafilatura-eval 0.8966 -> 0.8975, templates 0.9135 -> 0.9143 (six pages
/// up), the unseen batch `ax` 0.8543 -> 0.8624; no page lower, promo batches
/// unchanged. Below zero (a quarter of their words against), an explainer
/// of subheads over one short paragraph each lost its article (readability
/// -0.014). Where nothing else on the page is positive (an explainer of
/// subheads over short paragraphs and nothing more), the leads count at
/// the isolated share, as before.
const TEASER_SHARE: f64 = 0.0;
pub(crate) const TEASER_RUN: usize = 3;

/// Marks the prose paragraphs of text input that stand alone between
/// non-prose lines, and, apart, those that lead a teaser list (HTML blocks
/// are never marked: the container decides).
fn isolated_prose(classes: &[Class], features: &[Features]) -> (Vec<bool>, Vec<bool>) {
    let n = classes.len();
    let mut out = vec![false; n];
    let mut last_prose: Option<usize> = None;
    let mut gap_before = vec![usize::MAX; n];
    for i in 0..n {
        if classes[i].is_prose() {
            gap_before[i] = last_prose.map_or(usize::MAX, |p| i - p - 1);
            last_prose = Some(i);
        }
    }
    let mut next_prose: Option<usize> = None;
    for i in (0..n).rev() {
        if classes[i].is_prose() {
            let gap_after = next_prose.map_or(usize::MAX, |p| p - i - 1);
            out[i] = features[i].dom.is_none()
                && gap_before[i] >= ISOLATING_GAP
                && gap_after >= ISOLATING_GAP;
            next_prose = Some(i);
        }
    }
    // The leads of a teaser list: short prose paragraphs, each under a
    // headline of its own, at least `TEASER_RUN` in a row.
    let lead = |i: usize| {
        classes[i].is_prose()
            && features[i].dom.is_none()
            && features[i].spaced_words() <= TEASER_LEAD_WORDS
            && i > 0
            && (classes[i - 1] == Class::Short
                || (classes[i - 1] == Class::NearGood
                    && features[i - 1].spaced_words() <= TEASER_PROSE_HEADLINE_WORDS))
            && !features[i - 1].ends_sentence
            && features[i - 1].spaced_words() >= TEASER_HEADLINE_WORDS
    };
    let mut teasers = vec![false; n];
    mark_teaser_runs(&mut teasers, lead, TEASER_RUN);
    // Teasers of three lines: a headline, its lead, then a short line of no
    // sentence (a date, a section label) before the next headline. A wire's
    // "latest releases", a portal's sections under the article. Text mode:
    // templates 0.9119 -> 0.9127 (six pages up, none down), every other set
    // unchanged.
    let dated = |i: usize| {
        lead(i)
            && classes.get(i + 1).is_some_and(|&c| c == Class::Short)
            && !features[i + 1].ends_sentence
    };
    mark_runs(&mut teasers, lead, dated, TEASER_RUN, 3);
    (out, teasers)
}

/// Sets `out[k]` for the leads of teaser lists: paragraphs `k` where
/// `lead(k)` holds (a lead right under its headline) for at least `min_run`
/// of them in a row, every other paragraph.
pub(crate) fn mark_teaser_runs(out: &mut [bool], lead: impl Fn(usize) -> bool, min_run: usize) {
    mark_runs(out, &lead, &lead, min_run, 2);
}

/// Sets `out[k]` for runs of at least `min_run` units `step` paragraphs
/// apart: a run starts at a `k` where `continued(k)` holds and goes on to
/// `k + step` while `continued(k)` and `unit(k + step)` hold (the last
/// unit needs only be a unit).
fn mark_runs(
    out: &mut [bool],
    unit: impl Fn(usize) -> bool,
    continued: impl Fn(usize) -> bool,
    min_run: usize,
    step: usize,
) {
    let n = out.len();
    let mut i = 0;
    while i < n {
        if !continued(i) {
            i += 1;
            continue;
        }
        let mut last = i;
        while last + step < n && continued(last) && unit(last + step) {
            last += step;
        }
        if (last - i) / step + 1 >= min_run {
            for k in (i..=last).step_by(step) {
                out[k] = true;
            }
        }
        i = last + 1;
    }
}

/// The runs of paragraphs that make the main text. Each paragraph has a
/// value: good prose adds its words, near-good half of them, short and bad
/// paragraphs subtract a fixed penalty (a plain line of `PLAIN_LINE_WORDS`
/// nothing: see there). The best run (Kadane's algorithm)
/// is the main text; no run crosses a barrier paragraph. Between the
/// barriers around it, the best run of what is left on either side joins
/// it when it looks like more of the article (see `SECOND_RUN_GOOD`), and
/// so on outwards. Empty when nothing is positive.
#[allow(clippy::too_many_arguments)]
fn main_text(
    classes: &[Class],
    scores: &[f64],
    barriers: &[bool],
    firm: &[bool],
    decisive: &[bool],
    features: &[Features],
    live: &[bool],
    text_tables: Option<&[std::ops::Range<usize>]>,
) -> Vec<std::ops::Range<usize>> {
    // Plain text comes with its tables found (see `text_tables`).
    let text_input = text_tables.is_some();
    let tables = text_tables.unwrap_or_default();
    let (isolated, teasers) = isolated_prose(classes, features);
    let mut in_table = vec![false; if tables.is_empty() { 0 } else { classes.len() }];
    for t in tables {
        let n = in_table.len();
        in_table[t.start.min(n)..t.end.min(n)].fill(true);
    }
    // HTML: blocks between the first and the last block of the main
    // container that are not part of it (an ad box, an embedded post, a
    // product widget nested in the article) interrupt the article; they
    // do not end it.
    let is_main = |f: &Features| f.dom.is_some_and(|d| d.in_main);
    let main_span = (features.iter().position(is_main))
        .zip(features.iter().rposition(is_main))
        .map(|(first, last)| first..=last);
    // `None` for a barrier.
    let mut values: Vec<Option<f64>> = Vec::with_capacity(classes.len());
    // Teaser leads' values at the isolated share, for a page with nothing
    // else positive (see `TEASER_SHARE`).
    let mut teaser_fallback: Vec<(usize, f64)> = Vec::new();
    let mut good_words = 0.0;
    let mut good_main_words = 0.0;
    let mut share = 1.0;
    // Short lines after a prose paragraph that ends with a colon ("Nginx is
    // in the repositories, so one command is enough:", "You will need:"),
    // up to the next prose or bad paragraph, are the list, table or code it
    // introduces: they neither extend nor end the article. A tutorial's
    // commands ended it after its first step. With the `prose_lead_in` rule
    // (which makes such a clause near-good), text mode, scorers trained
    // without each set: readability 0.9245 -> 0.9273, trafilatura-eval
    // 0.8871 -> 0.8900, scrapinghub 0.9237 -> 0.9238, templates 0.8826 ->
    // 0.8875, DOM cases 0.9041 -> 0.9112, an unseen template batch 0.8528
    // -> 0.8611; HTML and the promo batches unchanged; the rule alone gave
    // about a third of that. One template page lost (a table after a
    // lead-in joins the article now, and the related teasers after it too).
    let mut introduced = false;
    // Text: a short line of `SHORT_LEAD_IN_WORDS` words or more right
    // after prose that ends with a colon and has nothing against it ("An
    // dem Verbundprojekt beteiligt sind:", "The partners are:") introduces
    // too; "Share:" and "Lue aiheesta lisää:" (read more) are shorter or
    // scored against. A point against it is allowed: a line no stoplist
    // finds a function word in ("Новые тарифы будут такими:") scores -1.
    // Text: trafilatura-eval 0.9002 -> 0.9010, templates +0.0001 (a notice
    // list after the article joined one page), an unseen batch's Russian
    // fare list 0.54 -> 0.70; HTML unchanged.
    let mut after_prose = false;
    for (i, (&class, f)) in classes.iter().zip(features).enumerate() {
        let was_introduced = introduced;
        let short_lead_in = text_input
            && after_prose
            && f.ends_colon
            && f.words >= SHORT_LEAD_IN_WORDS
            && scores[i] >= -1.0;
        // A line of code or a config under the lead-in that only its
        // separators score bad (`menu_separators`, -3) is part of it too.
        let barely_bad = scores[i] >= -INTRODUCED_BAD;
        introduced = match class {
            Class::Good | Class::NearGood => f.ends_colon,
            Class::Short if short_lead_in => true,
            Class::Short => introduced,
            Class::Bad if barely_bad => introduced,
            Class::Bad => false,
        };
        after_prose = class.is_prose();
        let weight = if teasers[i] {
            share * TEASER_SHARE
        } else if isolated[i] {
            share * ISOLATED_SHARE
        } else {
            share
        };
        // Inside an HTML page's main container, a barrier phrase ("Report")
        // belongs to an embedded post; comment sections are found by their
        // markup and are not part of the container. But a heading with a
        // count that opens the comments ("Diskuse k článku (17 příspěvků)")
        // ends the article there too: an old blog's container held its
        // thread. Without a count, a heading such as "Discussion" is more
        // often a section of the article. Old layout-table pages set that
        // heading in a cell or a `<b>` ("27 Responses to “…”", "Vos
        // messages (9)"): a short line with a count does too, unless it is
        // a link (a multi-article page's "Comments (5 posted)" under each
        // article). Unseen template batches: HTML tpl-G 0.8807 → 0.8952
        // (found there), tpl-H 0.8889 → 0.9101; development sets unchanged.
        let in_main = is_main(f);
        let interrupting = !in_main && main_span.as_ref().is_some_and(|s| s.contains(&i));
        let counted_heading = || {
            f.digits > 0
                && f.dom.is_some_and(|d| {
                    d.heading_level().is_some()
                        || (f.words <= COUNTED_LINE_WORDS && d.link_density < 0.5)
                })
        };
        // A block outside the container but between its first and last
        // blocks is nested in the article (an embedded post's "Read 214
        // replies"): it interrupts the article, like any box there, unless
        // it is a heading with a count. Unseen tpl-L HTML 0.9036 -> 0.9194;
        // development sets unchanged.
        let outside = !in_main && !interrupting;
        let firm = firm.get(i).copied().unwrap_or(false);
        if barriers.get(i).copied().unwrap_or(false) && (outside || firm || counted_heading()) {
            values.push(None);
            introduced = false;
            if good_main_words >= ARTICLE_BEFORE_BARRIER {
                share = share.min(AFTER_MAIN_ARTICLE_SHARE);
            } else if good_words >= ARTICLE_BEFORE_BARRIER {
                share = share.min(AFTER_ARTICLE_SHARE);
            }
            continue;
        }
        let words = (f.words as f64).min(WORDS_CAP);
        if class == Class::Good {
            good_words += words;
            if in_main {
                good_main_words += words;
            }
        }
        // An ad cut by decisive evidence between two prose paragraphs
        // interrupts the article, as a box in the container does.
        let ad_inside = decisive.get(i).copied().unwrap_or(false)
            && f.words >= INTERRUPTING_AD_WORDS
            && i > 0
            && classes[i - 1].is_prose()
            && classes.get(i + 1).is_some_and(|c| c.is_prose());
        // Inside the page's main container (HTML), short and bad blocks (an
        // embedded post, a caption, the cells of a table) neither extend nor
        // end the article: the container says where it is. Bad ones are
        // still cut for their own score.
        // Prose counts its words, near-good prose a share of them.
        let prose_value = |weight: f64| match class {
            Class::NearGood => words * NEAR_GOOD_SHARE * weight,
            _ => words * weight,
        };
        if teasers[i] && !ad_inside && class.is_prose() {
            teaser_fallback.push((i, prose_value(share * ISOLATED_SHARE)));
        }
        values.push(Some(match class {
            _ if ad_inside => 0.0,
            Class::Good | Class::NearGood => prose_value(weight),
            Class::Short | Class::Bad if in_main || interrupting => 0.0,
            // A plain line (a list item, a sentence without its full stop)
            // neither extends nor ends the article.
            Class::Short if scores[i] >= 0.0 && f.words >= PLAIN_LINE_WORDS => 0.0,
            // Short lines a prose lead-in introduced: its list or code.
            Class::Short if was_introduced || short_lead_in => 0.0,
            Class::Bad if was_introduced && barely_bad => 0.0,
            // A table's cells, one a line (see `text_tables`).
            Class::Short | Class::Bad if in_table.get(i).copied().unwrap_or(false) => 0.0,
            // A live blog's stamps, headlines and share lines between its
            // entries (see `live_entries`).
            Class::Short | Class::Bad if live.get(i).copied().unwrap_or(false) => 0.0,
            Class::Short => -SHORT_PENALTY,
            Class::Bad => -BAD_PENALTY.max(words),
        }));
    }
    let n = values.len();
    // A page of nothing but subheads over short paragraphs (an explainer,
    // a listicle) is its own article: its leads count as isolated prose.
    let found = best_run(&values, 0..n).or_else(|| {
        for &(i, v) in &teaser_fallback {
            values[i] = Some(v);
        }
        best_run(&values, 0..n)
    });
    let Some((best, top)) = found else {
        return Vec::new();
    };
    let goods = |run: &std::ops::Range<usize>| {
        classes[run.clone()]
            .iter()
            .filter(|&&c| c == Class::Good)
            .count()
    };
    // Text input: no more is asked of another run than the best run has
    // (see `SMALL_RUN_MIN`).
    let (min_value, min_good) = if text_input {
        (
            SECOND_RUN_MIN.min(best * SMALL_RUN_MIN),
            SECOND_RUN_GOOD.min(goods(&top)),
        )
    } else {
        (SECOND_RUN_MIN, SECOND_RUN_GOOD)
    };
    let floor = (best * SECOND_RUN_SHARE).max(min_value);
    let joins =
        |value: f64, run: &std::ops::Range<usize>, min_good: usize, floor: f64, between: bool| {
            let is_prose = |j: usize| classes[j].is_prose();
            let prose = run.clone().filter(|&j| is_prose(j)).count();
            let paired = run
                .clone()
                .filter(|&j| {
                    is_prose(j)
                        && ((j > run.start && is_prose(j - 1))
                            || (j + 1 < run.end && is_prose(j + 1)))
                })
                .count();
            // Between two runs of the article, a table's cells (text) do not
            // thin the prose of the run either: an Estonian story's fare table
            // between a gallery and a "read also" box left the paragraphs
            // around it out (unseen batch `bt`, text 0.80 -> 0.94 on that
            // page); the development sets unchanged. Not after the article: a
            // most-read table between teasers made them an article.
            let counted = run
                .clone()
                .filter(|&j| !(between && in_table.get(j).copied().unwrap_or(false)))
                .count();
            value >= floor
                && goods(run) >= min_good
                && (prose as f64 >= SECOND_RUN_PROSE * counted as f64
                    || paired as f64 >= SECOND_RUN_PAIRED * prose as f64)
        };
    let lo = values[..top.start]
        .iter()
        .rposition(Option::is_none)
        .map_or(0, |b| b + 1);
    let hi = values[top.end..]
        .iter()
        .position(Option::is_none)
        .map_or(n, |b| top.end + b);
    // Each piece left to search, and whether runs of the article lie on
    // both sides of it (see `BETWEEN_RUNS_GOOD`).
    let mut pieces = vec![(lo..top.start, false, true), (top.end..hi, true, false)];
    let mut runs = vec![top];
    while let Some((piece, left, right)) = pieces.pop() {
        let between = left && right;
        let (min_good, floor) = if between {
            (BETWEEN_RUNS_GOOD, 0.0)
        } else {
            (min_good, floor)
        };
        if let Some((value, run)) = best_run(&values, piece.clone()) {
            if joins(value, &run, min_good, floor, between) {
                pieces.push((piece.start..run.start, left, true));
                pieces.push((run.end..piece.end, true, right));
                runs.push(run);
            }
        }
    }
    runs.sort_by_key(|r| r.start);
    if text_input {
        if let Some(last) = closing_paragraph(classes, &values, features, &runs) {
            runs.push(last..last + 1);
        }
    }
    runs
}

/// Plain text renders a table one cell a line. A cell here is a line of
/// at most `CELL_WORDS` words or `CELL_CHARS` chars (`1-1/2 x 25-1/4` is
/// nine words); it is a number when it has digits and at most
/// [`UNIT_LETTERS`] letters.
const CELL_WORDS: u32 = 6;
const CELL_CHARS: u32 = 24;
/// A line of no word and at most this many chars (`–`, `-/-`) is a cell of
/// a column of numbers: a number left out.
const EMPTY_CELL_CHARS: u32 = 3;
/// A table has rows of `TABLE_COLUMNS` cells, the same shape each (which
/// cells are numbers, which words), a column of numbers and one of words
/// among them, and at least `TABLE_ROWS` such rows (a header row before them
/// joins). Two columns are left out: a list of headlines with their dates
/// has that shape.
const TABLE_COLUMNS: std::ops::RangeInclusive<usize> = 3..=12;
/// A line around the rows that scores this or less (an ad label at -8, a
/// share line) is no header or cell of the table; a header that repeats a
/// word of the page or reads as a byline ("By changesets") scores -5 at
/// worst.
const TABLE_EDGE_FLOOR: f64 = -6.0;
/// Two rows, not four: a university's table of three grant categories, a
/// price table of three offers, broke the article in two. Text mode,
/// against four: scrapinghub 0.9309 -> 0.9318, templates 0.9148 -> 0.9164
/// (23 pages up, 2 down), DOM cases 0.9276 -> 0.9352 (a page from under
/// 0.3), the unseen batch `ay` 0.8492 -> 0.8792; trafilatura-eval the
/// same (a motorsport page 0.75 -> 0.33 among two up); readability, promo
/// batches and real look-alikes unchanged. Three rows gave two thirds of it
/// and no page lower.
const TABLE_ROWS: usize = 2;

/// A cell with digits and at most this many letters is a number, with its
/// unit: `0.1 mi`, `6.000 Pa`, `13,200円`, `-9BP`, `7 mm`. Templates, text:
/// 0.9116 -> 0.9123 (a table of canal locks, a price table with `mm` and
/// `€` cells and three others now found; a timetable lost, its gauge
/// column `O-16.5` beside `OO`); trafilatura-eval and the other sets
/// unchanged. Three letters or four: 0.9121 and 0.9120 (a yields table
/// lost).
const UNIT_LETTERS: u32 = 2;

/// Text input: the tables written one cell a line (see [`TABLE_ROWS`]), as
/// ranges of paragraphs. A standings table, a price list or a results grid
/// in the middle of an article otherwise reads as a long run of short
/// lines, which ends the main text there.
fn text_tables(features: &[Features], scores: &[f64]) -> Vec<std::ops::Range<usize>> {
    // 0: no cell; 1: words; 2: a number (or a dash: a number left out);
    // and from each line, how many cells follow in a row.
    // Where the next number and the next cell of words are (`n` for none):
    // a run of cells without both (a menu) is passed over at once.
    let n = features.len();
    let (mut kind, mut run) = (vec![0u8; n], vec![0usize; n + 1]);
    let (mut next_number, mut next_words) = (vec![n; n + 1], vec![n; n + 1]);
    for (j, f) in features.iter().enumerate().rev() {
        kind[j] = match f {
            f if f.words == 0 && f.chars > 0 && f.chars <= EMPTY_CELL_CHARS => 2,
            f if f.words == 0 || (f.words > CELL_WORDS && f.chars > CELL_CHARS) || f.lines > 1 => 0,
            f if f.digits > 0 && f.letters <= UNIT_LETTERS => 2,
            _ => 1,
        };
        run[j] = if kind[j] == 0 { 0 } else { run[j + 1] + 1 };
        next_number[j] = if kind[j] == 2 { j } else { next_number[j + 1] };
        next_words[j] = if kind[j] == 1 { j } else { next_words[j + 1] };
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let end = i + run[i];
        if run[i] < TABLE_ROWS * TABLE_COLUMNS.start()
            || next_number[i] >= end
            || next_words[i] >= end
        {
            // No line of this run of cells starts a table.
            i = end + 1;
            continue;
        }
        let mut best: Option<(usize, usize)> = None;
        for k in TABLE_COLUMNS {
            if TABLE_ROWS * k > run[i] {
                break;
            }
            let row = &kind[i..i + k];
            // Numbers and words (1 | 2); a row that repeats a shorter one
            // is a list of two columns.
            let mixed = next_number[i] < i + k && next_words[i] < i + k;
            if !mixed
                || (1..*TABLE_COLUMNS.start())
                    .any(|p| k % p == 0 && row.chunks(p).all(|c| c == &row[..p]))
            {
                continue;
            }
            let mut rows = 1;
            while (rows + 1) * k <= run[i] && kind[i + rows * k..i + (rows + 1) * k] == *row {
                rows += 1;
            }
            if rows >= TABLE_ROWS && best.is_none_or(|(bk, br)| rows * k > bk * br) {
                best = Some((k, rows));
            }
        }
        match best {
            Some((k, rows)) => {
                // Cells around the rows of one shape belong to the table
                // too: a header row, a title, a row with a cell written
                // otherwise (`3/4 x 5` among plain numbers).
                // Not a line of strong evidence against it: an ad label
                // or a share line beside the table is no cell of it.
                let joins =
                    |j: usize| kind[j] != 0 && scores.get(j).is_none_or(|&s| s > TABLE_EDGE_FLOOR);
                let floor = out.last().map_or(0, |l: &std::ops::Range<usize>| l.end);
                let mut start = i;
                while start > floor && i - start < k && joins(start - 1) {
                    start -= 1;
                }
                let mut end = i + k * rows;
                while end < n && end - (i + k * rows) < k - 1 && joins(end) {
                    end += 1;
                }
                out.push(start..end);
                i = end;
            }
            None => i += 1,
        }
    }
    key_value_tables(features, &mut out);
    out
}

/// A table of two columns written one cell a line, a label and its value
/// ("Weight" / "2.7kg", "Court" / "Court of Appeal"): a product's
/// specifications, a case's or a match's facts. The shapes `text_tables`
/// reads leave it out (two columns of words are a menu's shape too), so it
/// is read by its labels: at least `KV_ROWS` rows, each label of at most
/// `KV_LABEL_WORDS` words with no digit, each value one line of at most
/// `KV_VALUE_WORDS` words, and digits in a third of the values or more (a
/// menu has none).
const KV_ROWS: usize = 4;
const KV_LABEL_WORDS: u32 = 3;
const KV_VALUE_WORDS: u32 = 12;

fn key_value_tables(features: &[Features], out: &mut Vec<std::ops::Range<usize>>) {
    let n = features.len();
    let label = |f: &Features| {
        f.words >= 1
            && f.words <= KV_LABEL_WORDS
            && f.digits == 0
            && f.lines <= 1
            && !f.ends_sentence
            && f.repeats == 0
    };
    let value =
        |f: &Features| (f.words >= 1 || f.digits > 0) && f.words <= KV_VALUE_WORDS && f.lines <= 1;
    let taken = |r: &std::ops::Range<usize>, out: &[std::ops::Range<usize>]| {
        out.iter().any(|t| t.start < r.end && r.start < t.end)
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i + 1 < n {
        let mut rows = 0;
        let mut with_digits = 0;
        while i + 2 * rows + 1 < n
            && label(&features[i + 2 * rows])
            && value(&features[i + 2 * rows + 1])
        {
            with_digits += usize::from(features[i + 2 * rows + 1].digits > 0);
            rows += 1;
        }
        let range = i..i + 2 * rows;
        if rows >= KV_ROWS && with_digits * 3 >= rows && !taken(&range, out) {
            found.push(range);
            i += 2 * rows;
        } else {
            i += 1;
        }
    }
    out.extend(found);
    out.sort_by_key(|r| r.start);
}

/// Text input that opens with its main text (its first run starts at
/// paragraph `BODY_START` at the latest: no menu, no chrome above) and ends
/// with good prose of `CLOSING_MIN_WORDS` words or more, with no barrier
/// between the main text and it, is an article body a scraper already
/// extracted: its last paragraph belongs to the article, even after a list
/// that broke the run (tour dates, a product's specifications). Pages end
/// with footers, and where one ends with prose (a legal notice) the page
/// opens with its menus. Held-out promo batches inserted into scrapinghub's
/// gold bodies, text mode, look-alike retention: 0.9389 -> 0.9583 and 0.9042
/// -> 0.9167 (at the end: 0.867 -> 0.925); every development and template
/// figure unchanged. Without the opening test, scrapinghub text F1 fell
/// 0.005 and a template's legal notice was kept; without asking that no
/// other prose lie after the main text, the last of a list of teasers was.
/// The last prose paragraph, not only the last line: a body may end with
/// a box office's prices and phone after it. Three inserts a body, text:
/// look-alikes kept 3709 -> 3729 of 3,770 (batches 1-17) and 701 -> 704 of
/// 720 (18-20), the same promotion cut; every other figure unchanged.
const BODY_START: usize = 1;
/// A body may open with its title lines instead (a feature's headline,
/// series name and subtitle): up to `TITLE_LINES` lines before its first
/// run, all short with `TITLE_WORDS` words or more (a menu's items are a
/// word or two: "Home", "News"). Three
/// bodies of scrapinghub's gold open so, one of them a theatre story
/// that ends with its box office. Held-out promo batches 18-23 inserted
/// one to a body, text: look-alikes kept 1394 -> 1404 of 1,440 (batches
/// 1-17 as many more), promotion cut the same; every development,
/// template and DOM-case page, HTML and three to a body unchanged.
const TITLE_LINES: usize = 5;
const TITLE_WORDS: u32 = 3;
const CLOSING_MIN_WORDS: u32 = 20;

/// The paragraph that closes an extracted article body (see
/// [`BODY_START`]), if any: the document's last prose paragraph, good,
/// after the runs with no barrier and no other prose between.
fn closing_paragraph(
    classes: &[Class],
    values: &[Option<f64>],
    features: &[Features],
    runs: &[std::ops::Range<usize>],
) -> Option<usize> {
    let (first, last) = (runs.first()?, runs.last()?);
    // The last prose paragraph: a body may end with short lines after it
    // (ticket prices, a phone number, a photo credit).
    let j = classes.iter().rposition(|c| c.is_prose())?;
    let title_line = |i: usize| classes[i] == Class::Short && features[i].words >= TITLE_WORDS;
    let opens_with_text = first.start <= BODY_START
        || (first.start <= TITLE_LINES && (0..first.start).all(title_line));
    let clear = j >= last.end && values[last.end..=j].iter().all(Option::is_some);
    // Teasers after an article alternate their leads with headlines and
    // dates: the last lead is not the only prose after the main text.
    let alone = (last.end..j).all(|i| !classes[i].is_prose());
    // After it, no barrier either (a comment heading, a "related" box):
    // there the page goes on with its chrome. (A tag line or a copyright
    // notice is no barrier: a bio above them still passes.) Three inserts
    // a body, text, batches 1-21: look-alikes kept the same (4,667 of
    // 4,730); asking for short lines only after it lost 11 of them.
    let tail_clear = values[j + 1..].iter().all(Option::is_some);
    (opens_with_text
        && clear
        && alone
        && tail_clear
        && classes[j] == Class::Good
        && features[j].words >= CLOSING_MIN_WORDS)
        .then_some(j)
}

/// The run of `within` with the largest total value (Kadane's algorithm;
/// the first of equal ones), never across a barrier (`None`).
fn best_run(
    values: &[Option<f64>],
    within: std::ops::Range<usize>,
) -> Option<(f64, std::ops::Range<usize>)> {
    let mut best: Option<(f64, std::ops::Range<usize>)> = None;
    let mut sum = 0.0;
    let mut start = within.start;
    for i in within {
        let Some(value) = values[i] else {
            sum = 0.0;
            continue;
        };
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += value;
        if sum > 0.0 && best.as_ref().is_none_or(|(b, _)| sum > *b) {
            best = Some((sum, start..i + 1));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`decide`] for a page (not an extracted body).
    fn decide_page(
        scores: &[f64],
        barriers: &[bool],
        decisive: &[bool],
        features: &[Features],
        t: &Thresholds,
    ) -> Vec<Decision> {
        decide(scores, barriers, &[], decisive, features, &[], t, false)
    }

    fn feats(words: &[u32]) -> Vec<Features> {
        words
            .iter()
            .map(|&w| Features {
                words: w,
                ends_sentence: w > 5,
                ..Features::default()
            })
            .collect()
    }

    /// An HTML block of `words` words in a `tag` element, in the main
    /// container or not (over five words, it ends like a sentence).
    fn html_block(tag: &'static str, words: u32, in_main: bool) -> Features {
        Features {
            words,
            ends_sentence: words > 5,
            dom: Some(crate::measure::Dom {
                tag,
                in_main,
                ..crate::measure::Dom::default()
            }),
            ..Features::default()
        }
    }

    /// The decisions for `scores` and `features`, with no barrier and no
    /// decisive rule.
    fn decided(scores: &[f64], features: &[Features]) -> Vec<Decision> {
        let none = vec![false; scores.len()];
        decide_page(scores, &none, &none, features, &Thresholds::default())
    }

    fn kept(scores: &[f64], words: &[u32]) -> Vec<bool> {
        kept_across(scores, &vec![false; scores.len()], words)
    }

    /// What is kept, with a barrier rule fired where `barriers` says.
    fn kept_across(scores: &[f64], barriers: &[bool], words: &[u32]) -> Vec<bool> {
        decide_page(
            scores,
            barriers,
            &vec![false; scores.len()],
            &feats(words),
            &Thresholds::default(),
        )
        .iter()
        .map(|d| d.keep)
        .collect()
    }

    #[test]
    fn an_extracted_body_keeps_a_short_sentence_at_its_edge_whatever_its_score() {
        // A body opening with a news sentence about an affiliate scheme: a
        // disclosure rule's -5 against its prose bonuses leaves -1.5, short,
        // as it would be kept between prose inside the body.
        let decide_body = |first: f64, words: u32| -> Vec<Decision> {
            let scores = [first, 4.0, 4.0];
            let mut features = feats(&[words, 30, 30]);
            features[0].sentences = 1;
            let none = vec![false; scores.len()];
            let t = Thresholds::default();
            decide(&scores, &none, &[], &none, &features, &[], &t, true)
        };
        let d = decide_body(-1.5, 25);
        assert!(d[0].keep && d[0].reason == Reason::BodyEdge);
        // Bad is bad at the edge too.
        assert!(!decide_body(-4.0, 25)[0].keep);
        // A byline of a dozen words (-2, +1.5 for its sentence) stays out;
        // with no evidence against it, such a sentence stays in.
        assert!(!decide_body(-0.5, 12)[0].keep);
        assert!(decide_body(0.0, 12)[0].keep);
    }

    #[test]
    fn an_extracted_body_keeps_a_plain_sentence_at_its_edges() {
        // A body: a short sentence, two prose paragraphs, a short sentence
        // and a scored-down line after it.
        let scores = [0.0, 4.0, 4.0, 0.0, -1.0];
        let mut features = feats(&[12, 30, 30, 9, 9]);
        for f in &mut features {
            f.sentences = 1;
        }
        let decisions = |features: &[Features]| -> Vec<Decision> {
            let none = vec![false; scores.len()];
            decide(
                &scores,
                &none,
                &[],
                &none,
                features,
                &[],
                &Thresholds::default(),
                true,
            )
        };
        let keep = |features: &[Features]| -> Vec<bool> {
            decisions(features).iter().map(|d| d.keep).collect()
        };
        let got = decisions(&features);
        let kept: Vec<bool> = got.iter().map(|d| d.keep).collect();
        assert_eq!(kept, [true, true, true, true, false]);
        assert_eq!(
            (got[0].reason, got[3].reason),
            (Reason::BodyEdge, Reason::BodyEdge)
        );
        // Not a sentence, or too short: outside the text as before.
        features[0].sentences = 0;
        features[3].words = 7;
        assert_eq!(keep(&features), [false, true, true, false, false]);
        // On a page (not a body) nothing changes.
        let none = vec![false; scores.len()];
        let page: Vec<bool> = decide_page(
            &scores,
            &none,
            &none,
            &feats(&[12, 30, 30, 9, 9]),
            &Thresholds::default(),
        )
        .iter()
        .map(|d| d.keep)
        .collect();
        assert!(!page[0] && !page[3]);
    }

    #[test]
    fn an_ad_cut_between_short_paragraphs_does_not_end_the_article() {
        // One good paragraph, near-good ones around a 21-word ad that
        // decisive evidence cut (score -24.5), a copyright footer.
        let scores = [4.0, 1.5, 1.5, -24.5, 1.5, 1.5, -14.0];
        let words = [26, 19, 19, 21, 8, 8, 6];
        let mut decisive = vec![false; 7];
        decisive[3] = true;
        let keep = |decisive: &[bool], words: &[u32]| -> Vec<bool> {
            let none = vec![false; 7];
            decide_page(
                &scores,
                &none,
                decisive,
                &feats(words),
                &Thresholds::default(),
            )
            .iter()
            .map(|d| d.keep)
            .collect()
        };
        let all_but_ad = [true, true, true, false, true, true, false];
        assert_eq!(keep(&decisive, &words), all_but_ad);
        // Not decisive, the bad paragraph ends the article; decisive, a
        // shorter one (a call: "Sign up for our newsletter and get …") too.
        let ended = [true, true, true, false, false, false, false];
        assert_eq!(keep(&[false; 7], &words), ended);
        let mut call = words;
        call[3] = INTERRUPTING_AD_WORDS - 1;
        assert_eq!(keep(&decisive, &call), ended);
    }

    #[test]
    fn a_short_line_alone_between_prose_goes_when_the_model_is_sure() {
        // Prose, a short line, prose: the short line stays (a subheading)
        // unless the model is sure it is promotion (a label, a button).
        let scores = [4.0, -2.0, 4.0, 4.0];
        let mut features = feats(&[40, 3, 40, 40]);
        assert!(decided(&scores, &features).iter().all(|d| d.keep));
        features[1].promo_model = 0.95;
        let d = decided(&scores, &features);
        assert!(!d[1].keep && d[1].reason == Reason::PromoLine);
        assert!(d[0].keep && d[2].keep);
        // Leaning is not sure.
        features[1].promo_model = 0.8;
        assert!(decided(&scores, &features)[1].keep);
        // A line sharing the page's words (a subheading naming the
        // article's subject), or on a commercial page, stays.
        features[1].promo_model = 0.95;
        features[1].page_overlap = 0.5;
        assert!(decided(&scores, &features)[1].keep);
        features[1].page_overlap = 0.0;
        for f in &mut features {
            f.doc_promo = 0.5;
            f.doc_promo_paragraphs = 4;
        }
        assert!(decided(&scores, &features)[1].keep);
        // Among other short lines (a list inside an article body) it is
        // not alone.
        let scores = [4.0, -2.0, -2.0, -2.0, 4.0, 4.0];
        let mut features = feats(&[40, 3, 3, 3, 40, 40]);
        features[2].promo_model = 0.95;
        let none = [false; 6];
        let body = decide(
            &scores,
            &none,
            &none,
            &none,
            &features,
            &[],
            &Thresholds::default(),
            true,
        );
        assert!(body[2].keep && body[2].reason == Reason::BetweenKeptProse);
    }

    #[test]
    fn a_body_under_its_title_lines_keeps_its_paragraph_after_a_box() {
        // Three title lines, the article, a box office's short lines, then
        // the article's last paragraph: a body, whose end is its own.
        let mut words = vec![3, 4, 5, 40, 40, 40, 40, 2, 2, 1, 3, 1, 30];
        let mut scores = vec![-1.0, 0.0, 0.0, 4.0, 4.0, 4.0, 4.0];
        scores.extend([-2.0, -1.0, -5.0, -1.0, -5.0, 3.5]);
        let none = vec![false; scores.len()];
        let t = Thresholds::default();
        let last = |scores: &[f64], words: &[u32]| {
            decide_page(scores, &none, &none, &feats(words), &t)[12].keep
        };
        assert!(last(&scores, &words));
        // A menu of one-word items above the text, short as they are: a
        // page, whose last paragraph may be its footer's.
        words[..3].copy_from_slice(&[1, 1, 2]);
        assert!(!last(&scores, &words));
        // A bad line there too.
        words[..3].copy_from_slice(&[3, 4, 5]);
        scores[0] = -4.0;
        assert!(!last(&scores, &words));
    }

    #[test]
    fn a_long_article_loses_a_promotional_looking_last_paragraph() {
        // Every paragraph good; the features say the rest.
        let run = |features: &[Features]| {
            let n = features.len();
            decided(&vec![4.0; n], features)
        };
        // `n` paragraphs of 60 words; the model leans to promotion (0.7) on
        // the ones in `leaning`.
        let article = |n: usize, leaning: &[usize]| {
            let mut features = feats(&vec![60; n]);
            for &i in leaning {
                features[i].promo_model = 0.7;
            }
            run(&features)
        };
        let d = article(12, &[0, 6, 11]);
        assert!(!d[11].keep && d[11].reason == Reason::PromoAtEnd);
        // At the start (a lede) and in the middle, leaning is not enough.
        assert!(d[0].keep && d[6].keep);
        assert_eq!(d.iter().filter(|d| d.keep).count(), 11);
        // A short article's end is much of it: it stays (ten kept
        // paragraphs are needed, the cut one among them).
        assert!(article(9, &[8]).iter().all(|d| d.keep));
        assert!(!article(10, &[9])[9].keep);
        // Without the model leaning, a long article's edges stay; under
        // END_PROMO (news about a sale, 0.6) too.
        assert!(article(12, &[]).iter().all(|d| d.keep));
        let mut unsure = feats(&[60; 12]);
        unsure[11].promo_model = 0.6;
        assert!(run(&unsure)[11].keep);
        // A short line after it (a signature) does not hide it; on a
        // commercial page (doc_promo, over four other paragraphs that
        // lean), promotion is the content.
        let mut features = feats(&[60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 3]);
        features[10].promo_model = 0.7;
        let d = run(&features);
        assert!(!d[10].keep && d[11].keep);
        // Nor where it shares much of the page's prose words: the article's
        // own conclusion.
        features[10].page_overlap = 0.5;
        assert!(run(&features)[10].keep);
        features[10].page_overlap = 0.1;
        for f in &mut features {
            f.doc_promo = 0.5;
            f.doc_promo_paragraphs = 4;
        }
        assert!(run(&features)[10].keep);
        // A short article with three ads is much of them by words, but
        // three paragraphs do not make a shop.
        for f in &mut features {
            f.doc_promo_paragraphs = 2;
        }
        assert!(!run(&features)[10].keep);
    }

    #[test]
    fn leads_between_linked_headlines_are_teasers() {
        // An article of four paragraphs in the main container, then a list
        // of stories in it: linked h3 headlines, each with a lead.
        let linked = |tag| {
            let mut f = html_block(tag, 8, true);
            if let Some(d) = f.dom.as_mut() {
                d.link_density = 1.0;
            }
            f
        };
        let mut features: Vec<Features> = (0..4).map(|_| html_block("p", 60, true)).collect();
        for _ in 0..3 {
            features.push(linked("h3"));
            features.push(html_block("p", 25, true));
        }
        // Each headline in an element of its own, apart from the leads.
        for (i, f) in features.iter_mut().enumerate() {
            f.dom.as_mut().unwrap().parent = if f.words == 8 { 100 + i as u32 } else { 1 };
        }
        let scores: Vec<f64> = features
            .iter()
            .map(|f| if f.words == 8 { -6.0 } else { 4.0 })
            .collect();
        let d = decided(&scores, &features);
        assert!(d[..4].iter().all(|d| d.keep));
        // The first two leads stand between linked headlines; the last
        // has nothing after it, and no headline in its element: it stays.
        for i in [5, 7] {
            assert!(!d[i].keep && d[i].reason == Reason::TeaserLead, "{i}");
        }
        assert!(d[9].keep);
        // Subheadings that are not links head sections of the article.
        for f in features.iter_mut().filter(|f| f.words == 8) {
            f.dom.as_mut().unwrap().link_density = 0.0;
        }
        assert!(decided(&scores, &features)[5].keep);
    }

    #[test]
    fn a_list_of_linked_headlines_with_their_leads_is_cut_whole() {
        // A short notice, then "More news" (an h2) over a list: per item, a
        // date line, a linked h3 headline and a one-sentence lead, in the
        // item's own element.
        let mut features: Vec<Features> = (0..3).map(|_| html_block("p", 40, true)).collect();
        features.push(html_block("h2", 2, true));
        for item in 0..4u32 {
            for (tag, words, links) in [("div", 1, 0.0), ("h3", 8, 1.0), ("p", 20, 0.0)] {
                let mut f = html_block(tag, words, true);
                let d = f.dom.as_mut().unwrap();
                d.link_density = links;
                d.parent = 10 + item;
                features.push(f);
            }
        }
        let scores: Vec<f64> = features
            .iter()
            .map(|f| match f.words {
                1 | 2 => -5.0,
                8 => -3.5,
                _ => 4.0,
            })
            .collect();
        let d = decided(&scores, &features);
        assert!(d[..3].iter().all(|d| d.keep));
        // Every lead goes, the last one too.
        for i in [6, 9, 12, 15] {
            assert!(!d[i].keep && d[i].reason == Reason::TeaserLead, "{i}");
        }
        // Two headlines are no list.
        assert!(decided(&scores[..10], &features[..10])[6].keep);
        // Without a title above it, the list is a listicle's items (the
        // first and the last stay; the old rule still takes those between
        // two headlines).
        let mut untitled = features.clone();
        untitled[3].dom.as_mut().unwrap().tag = "p";
        let d = decided(&scores, &untitled);
        assert!(d[15].keep);
        // An article's own linked subheadings, in the article's element
        // with its paragraphs, are no list of teasers.
        let mut flat = features.clone();
        for f in &mut flat {
            f.dom.as_mut().unwrap().parent = 1;
        }
        assert!(decided(&scores, &flat)[15].keep);
        // Nor does a long paragraph under a headline read as a lead.
        features[15].words = 80;
        assert!(decided(&scores, &features)[15].keep);
    }

    #[test]
    fn cards_whose_title_is_a_link_are_teasers_under_a_title() {
        // A short report, then "More news" (an h2) over cards: each a
        // `div` whose own text is a linked title, holding a `p` lead.
        let mut features: Vec<Features> = (0..3).map(|_| html_block("p", 40, true)).collect();
        features.push(html_block("h2", 2, true));
        for item in 0..4u32 {
            let mut title = html_block("div", 8, true);
            title.ends_sentence = false;
            let d = title.dom.as_mut().unwrap();
            (d.link_density, d.parent, d.element) = (1.0, 9, 20 + item);
            let mut lead = html_block("p", 20, true);
            lead.dom.as_mut().unwrap().parent = 20 + item;
            features.extend([title, lead]);
        }
        let scores: Vec<f64> = features
            .iter()
            .map(|f| if f.words == 8 { -3.5 } else { 4.0 })
            .collect();
        let d = decided(&scores, &features);
        assert!(d[..3].iter().all(|d| d.keep));
        for i in [5, 7, 9, 11] {
            assert!(!d[i].keep && d[i].reason == Reason::TeaserLead, "{i}");
        }
        // A list of references under its heading: each item a link, the
        // items between them in the list, not in a linked item: kept.
        let mut references = features.clone();
        for f in &mut references[4..] {
            f.dom.as_mut().unwrap().parent = 9;
        }
        assert!(decided(&scores, &references)[5].keep);
        // Without the list's title above, linked titles make no list.
        let mut untitled = features.clone();
        untitled[3].dom.as_mut().unwrap().tag = "p";
        assert!(decided(&scores, &untitled)[7].keep);
        // An FAQ's linked questions end their sentences: answers stay.
        let mut faq = features.clone();
        for f in faq.iter_mut().filter(|f| f.words == 8) {
            f.ends_sentence = true;
        }
        assert!(decided(&scores, &faq)[7].keep);
    }

    #[test]
    fn navigation_around_an_article_is_cut() {
        let scores = [0.0, -3.0, 0.0, 4.0, 0.0, 4.0, -5.0, 0.0];
        let words = [2, 2, 2, 60, 3, 60, 30, 2];
        assert_eq!(
            kept(&scores, &words),
            [false, false, false, true, true, true, false, false]
        );
    }

    #[test]
    fn an_article_goes_on_after_a_long_break() {
        // Article, twenty chart labels and share buttons, the article's
        // last three paragraphs.
        let mut scores = vec![4.0; 6];
        let mut words = vec![60; 6];
        scores.extend([-3.0; 20]);
        words.extend([1; 20]);
        scores.extend([4.0; 3]);
        words.extend([70; 3]);
        let got = kept(&scores, &words);
        assert!(got[..6].iter().all(|&k| k), "{got:?}");
        assert!(got[6..26].iter().all(|&k| !k), "{got:?}");
        assert!(got[26..].iter().all(|&k| k), "{got:?}");
        // After the break, a shorter end: two paragraphs, under a third of
        // the article's words, are still the article.
        scores.truncate(26);
        words.truncate(26);
        scores.extend([4.0; 2]);
        words.extend([55; 2]);
        let got = kept(&scores, &words);
        assert!(got[26..].iter().all(|&k| k), "{got:?}");
    }

    #[test]
    fn plain_lines_of_a_bulleted_post_do_not_cut_it_in_pieces() {
        // Text: a first half of prose (6 x 60 words), a list of eight items
        // of 14 words no rule weighs against (score 0), then four short
        // paragraphs (worth less than the items would cost as menu lines).
        let scores: Vec<f64> = [&[4.0; 6][..], &[0.0; 8], &[4.0; 4]].concat();
        let words: Vec<u32> = [&[60; 6][..], &[14; 8], &[12; 4]].concat();
        assert!(kept(&scores, &words).iter().all(|&k| k));
        // Short items (menus) or ones a rule weighs against still end it.
        for (score, len) in [(0.0, 6), (-1.0, 14)] {
            let scores: Vec<f64> = [&[4.0; 6][..], &[score; 8], &[4.0; 4]].concat();
            let words: Vec<u32> = [&[60; 6][..], &[len; 8], &[12; 4]].concat();
            let got = kept(&scores, &words);
            assert!(got[..6].iter().all(|&k| k), "{got:?}");
            assert!(got[6..].iter().all(|&k| !k), "{got:?}");
        }
    }

    #[test]
    fn a_second_run_must_look_like_an_article() {
        // A break long enough that the article alone is the best run.
        let article = ([4.0; 6], [60; 6]);
        let gap = ([-3.0; 30], [1; 30]);
        let page = |tail_scores: &[f64], tail_words: &[u32]| {
            let scores: Vec<f64> = [&article.0[..], &gap.0, tail_scores].concat();
            let words: Vec<u32> = [&article.1[..], &gap.1, tail_words].concat();
            kept(&scores, &words)[36..].to_vec()
        };
        // One good paragraph (a legal notice at the foot): not the article.
        // (A near-good line after it, so that it does not stand isolated.)
        assert_eq!(
            page(&[4.0, 0.0, 0.0, 1.5], &[250, 3, 3, 5]),
            [false, false, false, false]
        );
        // Teasers: a summary between its date and its headline.
        let teasers = page(
            &[-3.0, 4.0, 0.0, -3.0, 4.0, 0.0, -3.0, 4.0, 0.0],
            &[3, 100, 6, 3, 100, 6, 3, 100, 6],
        );
        assert!(teasers.iter().all(|&k| !k), "{teasers:?}");
        // Worth little against the article: a short aside.
        assert_eq!(page(&[4.0, 4.0], &[12, 12]), [false, false]);
        // Paragraphs in pairs around a table of contents: more article,
        // though it is only half prose.
        let toc = page(
            &[4.0, 4.0, -2.0, -2.0, -2.0, -2.0, 4.0, 4.0],
            &[60, 60, 3, 3, 3, 3, 60, 60],
        );
        assert!([0, 1, 6, 7].iter().all(|&i| toc[i]), "{toc:?}");
        // Past a barrier (comments), nothing joins.
        let scores: Vec<f64> = [&article.0[..], &gap.0, &[4.0; 3]].concat();
        let words: Vec<u32> = [&article.1[..], &gap.1, &[70; 3]].concat();
        let mut barriers = vec![false; scores.len()];
        barriers[10] = true;
        let got = kept_across(&scores, &barriers, &words);
        assert!(got[36..].iter().all(|&k| !k), "{got:?}");
        assert!(got[..6].iter().all(|&k| k), "{got:?}");
    }

    #[test]
    fn one_good_paragraph_between_two_runs_of_the_article_is_the_article() {
        // Article, a table's cells, one paragraph, a sign-up box, the
        // article again; then the same paragraph after the article's end.
        let article = ([4.0; 4], [60; 4]);
        let cells = ([-1.0; 40], [2; 40]);
        let signup = ([-5.0; 4], [4; 4]);
        let lone = ([4.0], [40]);
        let scores: Vec<f64> = [&article.0[..], &cells.0, &lone.0, &signup.0, &article.0].concat();
        let words: Vec<u32> = [&article.1[..], &cells.1, &lone.1, &signup.1, &article.1].concat();
        let got = kept(&scores, &words);
        assert!(got[44], "{got:?}");
        assert!(got[..4].iter().chain(&got[49..]).all(|&k| k), "{got:?}");
        // Not after the article: a legal notice at the foot (a near-good
        // line after it, so that it does not stand isolated).
        let tail = ([4.0, 0.0, 0.0, 1.5], [40, 3, 3, 5]);
        let scores: Vec<f64> = [&article.0[..], &cells.0, &article.0, &signup.0, &tail.0].concat();
        let words: Vec<u32> = [&article.1[..], &cells.1, &article.1, &signup.1, &tail.1].concat();
        let got = kept(&scores, &words);
        assert!(!got[52], "{got:?}");
    }

    #[test]
    fn a_small_article_is_kept_on_both_sides_of_a_list_of_links() {
        // Text: one paragraph, a heading and eight links, another paragraph
        // as long: the first is no more the article than the second.
        let scores: Vec<f64> = [&[3.0][..], &[-1.0], &[-3.0; 8], &[3.0]].concat();
        let words: Vec<u32> = [&[69][..], &[1], &[1; 8], &[69]].concat();
        let got = kept(&scores, &words);
        assert!(got[0] && got[10], "{got:?}");
        assert!(got[1..10].iter().all(|&k| !k), "{got:?}");
        // Much shorter than the first, the second is not the article on a
        // page, which opens with its menu ...
        let scores: Vec<f64> = [&[-3.0; 2][..], &[3.0], &[-1.0], &[-3.0; 8], &[3.0]].concat();
        let words: Vec<u32> = [&[1; 2][..], &[69], &[1], &[1; 8], &[25]].concat();
        let got = kept(&scores, &words);
        assert!(got[2] && !got[12], "{got:?}");
        // ... but text that opens with its article and ends with prose is
        // an extracted body, and its last paragraph closes the article.
        let got = kept(&scores[2..], &words[2..]);
        assert!(got[0] && got[10], "{got:?}");
        assert!(got[1..10].iter().all(|&k| !k), "{got:?}");
        let scores: Vec<f64> = [&[3.0][..], &[-1.0], &[-3.0; 8], &[3.0]].concat();
        // In HTML the container decides.
        let mut features: Vec<Features> = (0..11).map(|_| html_block("p", 1, false)).collect();
        features[0] = html_block("p", 69, false);
        features[10] = html_block("p", 69, false);
        let got: Vec<bool> = decided(&scores, &features).iter().map(|d| d.keep).collect();
        assert!(got[0] && !got[10], "{got:?}");
    }

    #[test]
    fn heading_before_prose_is_kept_but_not_after() {
        let scores = [4.0, -5.0, 0.0, 4.0, 0.0];
        let words = [80, 3, 3, 80, 3];
        let d = decided(&scores, &feats(&words));
        assert_eq!(d[2].reason, Reason::HeadingBeforeProse);
        assert!(d[2].keep);
        assert_eq!(d[4].reason, Reason::OutsideMainText);
    }

    #[test]
    fn teasers_after_the_article_are_cut() {
        // An article, then teasers: headline, author, date (short, short,
        // bad), then a lead paragraph, three times.
        let mut scores = vec![4.0, 4.0, 4.0, 0.0];
        let mut words = vec![60, 60, 60, 3];
        for _ in 0..3 {
            scores.extend([0.0, -1.0, -6.0, 4.0]);
            words.extend([8, 2, 4, 45]);
        }
        let k = kept(&scores, &words);
        assert_eq!(&k[..3], [true, true, true]);
        assert!(k[4..].iter().all(|&kept| !kept), "{k:?}");
        // A subheading between article paragraphs does not isolate them.
        let k = kept(&[4.0, 0.0, 4.0, 0.0, 4.0], &[60, 3, 60, 3, 60]);
        assert_eq!(k, [true, true, true, true, true]);
    }

    #[test]
    fn a_second_copy_of_a_kept_paragraph_is_cut_unless_it_continues_the_text() {
        // A copy with a cut paragraph (a share line) between it and the
        // kept first copy is the page repeating a block.
        let scores = [4.0, 4.0, -6.0, 4.0, 4.0];
        let mut f = feats(&[60, 60, 5, 60, 60]);
        f[3].copy_of = Some(0);
        let d = decided(&scores, &f);
        assert!(d[0].keep && d[1].keep && !d[2].keep && !d[3].keep && d[4].keep);
        assert_eq!(d[3].reason, Reason::Duplicate);
        // With everything between kept, the article repeats itself.
        let scores = [4.0, 4.0, 4.0, 0.0];
        let mut f = feats(&[60, 60, 60, 3]);
        f[2].copy_of = Some(0);
        let d = decided(&scores, &f);
        assert!(d[0].keep && d[1].keep && d[2].keep);
    }

    #[test]
    fn lines_a_prose_lead_in_introduces_do_not_end_the_article() {
        // A step of prose, a clause ending with a colon, six lines of
        // commands, then more prose: without the colon the commands end
        // the article (-48 against 30 and 20 words of prose on each side).
        let scores = [4.0, 1.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 4.0, 4.0];
        let words = [30, 10, 3, 3, 3, 3, 3, 3, 20, 20];
        let keep = |colon: bool| -> Vec<bool> {
            let mut f = feats(&words);
            f[1].ends_colon = colon;
            decided(&scores, &f).iter().map(|d| d.keep).collect()
        };
        assert_eq!(keep(true), [true; 10]);
        assert!(!keep(false)[..2].iter().any(|&k| k), "{:?}", keep(false));
    }

    #[test]
    fn a_config_line_that_only_its_separators_score_bad_stays_under_its_lead_in() {
        // Prose, a clause ending with a colon, a flattened config of 40
        // words scored -3 (its separators), more prose: it belongs to the
        // step. Scored -4 or worse, it is boilerplate and ends the article.
        let words = [30, 10, 40, 20, 20];
        let keep = |bad: f64| -> Vec<bool> {
            let scores = [4.0, 1.5, bad, 4.0, 4.0];
            let mut f = feats(&words);
            f[1].ends_colon = true;
            decided(&scores, &f).iter().map(|d| d.keep).collect()
        };
        assert_eq!(keep(-3.0), [true, true, false, true, true]);
        assert_eq!(keep(-4.0)[..2], [false, false], "{:?}", keep(-4.0));
    }

    #[test]
    fn teasers_of_three_lines_count_half() {
        // Headline (6 words), lead (25), date (2 words, no sentence), four
        // times: each lead is a teaser's. Without the dates, every other
        // line; with a sentence for a third line, no teaser list.
        let t = Thresholds::default();
        let mut scores = Vec::new();
        let mut words = Vec::new();
        for _ in 0..4 {
            scores.extend([0.0, 4.0, 0.0]);
            words.extend([6, 25, 2]);
        }
        let classes: Vec<Class> = scores.iter().map(|&s| t.class(s)).collect();
        let mut f = feats(&words);
        for k in (0..f.len()).step_by(3) {
            f[k].ends_sentence = false;
            f[k + 2].ends_sentence = false;
        }
        let marked = isolated_prose(&classes, &f).1;
        assert_eq!(
            (0..12).filter(|&i| marked[i]).collect::<Vec<_>>(),
            vec![1, 4, 7, 10]
        );
        // A sentence between two units breaks the run: two units and two
        // are no list of three.
        f[5].ends_sentence = true;
        assert!(!isolated_prose(&classes, &f).1.iter().any(|&m| m));
        for k in (2..f.len()).step_by(3) {
            f[k].ends_sentence = true;
        }
        assert!(!isolated_prose(&classes, &f).1.iter().any(|&m| m));
    }

    #[test]
    fn cjk_teasers_count_two_characters_to_a_word() {
        // Headlines of 30 CJK characters, each over a lead of 60: a lead is
        // about 30 words, as short as a spaced language's 30-word lead. In
        // a spaced language, 60 words is no teaser's lead.
        let classes = [Class::Short, Class::Good].repeat(4);
        let words = [30, 60].repeat(4);
        let marked = |cjk: bool| -> Vec<usize> {
            let mut f = feats(&words);
            for (k, x) in f.iter_mut().enumerate() {
                x.ends_sentence = k % 2 == 1;
                x.cjk_words = if cjk { x.words } else { 0 };
            }
            let m = isolated_prose(&classes, &f).1;
            (0..m.len()).filter(|&i| m[i]).collect()
        };
        assert_eq!(marked(true), vec![1, 3, 5, 7]);
        assert!(marked(false).is_empty());
    }

    #[test]
    fn a_page_of_subheads_over_short_paragraphs_is_still_an_article() {
        // Four subheads (six words, no full stop) each over a 25-word
        // paragraph, and a copyright line: teaser-shaped, but nothing else
        // on the page competes, so the paragraphs are the article.
        let mut scores = Vec::new();
        let mut words = Vec::new();
        for _ in 0..4 {
            scores.extend([0.0, 4.0]);
            words.extend([6, 25]);
        }
        scores.push(-6.0);
        words.push(8);
        let mut f = feats(&words);
        for k in (0..8).step_by(2) {
            f[k].ends_sentence = false;
        }
        let kept: Vec<bool> = decided(&scores, &f).iter().map(|d| d.keep).collect();
        assert!((1..8).step_by(2).all(|k| kept[k]), "{kept:?}");
        assert!(!kept[8], "{kept:?}");
    }

    #[test]
    fn teasers_after_an_article_do_not_carry_it_over_the_lines_between() {
        // An article of three paragraphs, an app pitch and a tag line
        // (short), then four headlines (six words) each over a 25-word lead.
        let mut scores = vec![4.0, 4.0, 4.0, 0.0, 0.0];
        let mut words = vec![40, 40, 40, 8, 8];
        for _ in 0..4 {
            scores.extend([0.0, 4.0]);
            words.extend([6, 25]);
        }
        let mut f = feats(&words);
        for k in (3..f.len()).filter(|&k| k < 5 || k % 2 == 1) {
            f[k].ends_sentence = false;
        }
        let kept: Vec<bool> = decided(&scores, &f).iter().map(|d| d.keep).collect();
        assert!(kept[..3].iter().all(|&k| k), "{kept:?}");
        assert!(!kept[3..].iter().any(|&k| k), "{kept:?}");
    }

    #[test]
    fn a_teaser_list_under_a_short_article_does_not_win_the_main_text() {
        // An 84-word article (three paragraphs), a sign-up box of three
        // bad lines, then a list of six headlines (six words) each over a
        // 25-word lead.
        let mut scores = vec![4.0, 4.0, 4.0, -6.0, -6.0, -6.0];
        let mut words = vec![28, 28, 28, 10, 10, 10];
        for _ in 0..6 {
            scores.extend([0.0, 4.0]);
            words.extend([6, 25]);
        }
        let kept = |headline_words: u32| -> Vec<bool> {
            let mut f = feats(&words);
            for k in (6..f.len()).step_by(2) {
                f[k].words = headline_words;
                f[k].ends_sentence = false;
            }
            decided(&scores, &f).iter().map(|d| d.keep).collect()
        };
        let got = kept(6);
        assert!(
            got[..3].iter().all(|&k| k) && !got[3..].iter().any(|&k| k),
            "{got:?}"
        );
        // One-word labels (a live ticker's minutes) are no headlines: the
        // entries are the longer text and stay.
        let got = kept(1);
        assert!(got[7] && got[17], "{got:?}");
        // Headlines that read as prose ("13:57 Sterling steady ahead of
        // U.S. data", near-good) head teasers too, up to twenty words.
        // Their leads count nothing toward the main text.
        let leads = |headline_words: u32| -> Vec<bool> {
            let t = Thresholds::default();
            let mut classes: Vec<Class> = scores.iter().map(|&s| t.class(s)).collect();
            let mut f = feats(&words);
            for k in (6..f.len()).step_by(2) {
                classes[k] = Class::NearGood;
                f[k].words = headline_words;
                f[k].ends_sentence = false;
            }
            isolated_prose(&classes, &f).1
        };
        let got = leads(8);
        assert!((7..18).step_by(2).all(|k| got[k]), "{got:?}");
        assert!(!got[..3].iter().any(|&k| k), "{got:?}");
        assert!(!leads(21)[7], "a paragraph of prose heads no teaser");
    }

    #[test]
    fn bad_paragraphs_are_cut_even_inside() {
        let scores = [4.0, -6.0, 4.0];
        assert_eq!(kept(&scores, &[80, 40, 80]), [true, false, true]);
    }

    #[test]
    fn main_text_does_not_cross_a_barrier() {
        // Article, comment-section heading (a barrier), then more prose.
        let scores = [4.0, 4.0, -4.0, 4.0, 4.0, 4.0];
        let words = [15, 15, 2, 60, 60, 60];
        let mut barriers = [false; 6];
        let d = |b: &[bool]| kept_across(&scores, b, &words);
        assert_eq!(d(&barriers), [true, true, false, true, true, true]);
        barriers[2] = true;
        // Under 40 words before it, the larger side wins; the other side is
        // outside the main text.
        assert_eq!(d(&barriers), [false, false, false, true, true, true]);
        // After 40 words of article, what follows a barrier counts for a third.
        let words = [60, 60, 2, 60, 60, 60];
        let got = kept_across(&scores, &barriers, &words);
        assert_eq!(got, [true, true, false, false, false, false]);
    }

    #[test]
    fn a_short_post_wins_over_the_longer_comment_thread_after_it() {
        // A 60-word post, a comment-section barrier, 150 words of comments.
        let scores = [4.0, -4.0, 4.0, 4.0, 4.0];
        let words = [60, 2, 50, 50, 50];
        let barriers = [false, true, false, false, false];
        let kept = kept_across(&scores, &barriers, &words);
        assert_eq!(kept, [true, false, false, false, false]);
    }

    #[test]
    fn a_two_line_post_wins_over_the_sidebar_after_its_comment_form() {
        // A 25-word post, a comment-form barrier, then 60 words of sidebar.
        let scores = [4.0, -4.0, 4.0, 4.0];
        let words = [25, 2, 30, 30];
        let barriers = [false, true, false, false];
        let kept = kept_across(&scores, &barriers, &words);
        assert_eq!(kept, [true, false, false, false]);
    }

    #[test]
    fn a_decisive_rule_cuts_whatever_the_score_and_keeps_the_article_whole() {
        // A well-written ad between article paragraphs scores as prose.
        let scores = [4.0, 4.0, 3.0, 4.0];
        let words = [60, 60, 50, 60];
        let decisive = [false, false, true, false];
        let d = decide_page(
            &scores,
            &[false; 4],
            &decisive,
            &feats(&words),
            &Thresholds::default(),
        );
        let kept: Vec<bool> = d.iter().map(|d| d.keep).collect();
        assert_eq!(kept, [true, true, false, true]);
        assert_eq!(d[2].reason, Reason::StrongEvidence);
    }

    #[test]
    fn boxes_nested_in_the_main_container_interrupt_the_article_not_end_it() {
        let block = |words: u32, in_main: bool| html_block("div", words, in_main);
        // Article, three product boxes that are not part of the container,
        // the article's last paragraph, then more boxes after it.
        let f = [
            block(60, true),
            block(50, false),
            block(50, false),
            block(50, false),
            block(60, true),
            block(50, false),
        ];
        let scores = [4.0, -6.0, -6.0, -6.0, 4.0, -6.0];
        let d = decided(&scores, &f);
        let kept: Vec<bool> = d.iter().map(|d| d.keep).collect();
        assert_eq!(kept, [true, false, false, false, true, false]);
    }

    #[test]
    fn a_comment_heading_in_the_main_container_ends_the_article() {
        // Article, a comment section's heading, then three long comments,
        // all inside the main container.
        let mut f = [
            html_block("p", 60, true),
            html_block("p", 60, true),
            html_block("h2", 4, true),
            html_block("td", 60, true),
            html_block("td", 60, true),
            html_block("td", 60, true),
        ];
        f[2].digits = 2;
        let scores = [4.0, 4.0, -4.0, 4.0, 4.0, 4.0];
        let mut barriers = [false; 6];
        barriers[2] = true;
        let none = [false; 6];
        let kept = |f: &[Features]| -> Vec<bool> {
            decide_page(&scores, &barriers, &none, f, &Thresholds::default())
                .iter()
                .map(|d| d.keep)
                .collect()
        };
        assert_eq!(kept(&f), [true, true, false, false, false, false]);
        // The same barrier as a plain block (an embedded post's "Report"),
        // or as a heading without a count ("Discussion", a section of a
        // paper), only interrupts the article.
        let mut g = f.clone();
        g[2] = html_block("div", 4, true);
        assert_eq!(kept(&g), [true, true, false, true, true, true]);
        g[2] = html_block("h2", 1, true);
        assert_eq!(kept(&g), [true, true, false, true, true, true]);
        // A cell with a count ("27 Responses to “…”") ends it like a
        // heading; a link with one ("Comments (5 posted)") does not.
        g[2] = html_block("td", 6, true);
        g[2].digits = 2;
        assert_eq!(kept(&g), [true, true, false, false, false, false]);
        g[2].dom.as_mut().unwrap().link_density = 1.0;
        let got = kept(&g);
        assert!(got[..2].iter().chain(&got[3..]).all(|&k| k), "{got:?}");
    }

    #[test]
    fn a_thread_longer_than_the_article_after_it_does_not_win() {
        // A 110-word news item in the main container, the thread's heading,
        // then fifteen replies of 40 words outside it (600 words).
        let mut f = vec![html_block("p", 30, true); 4];
        f[3].words = 20;
        f.push(html_block("h2", 3, false));
        f.extend((0..15).map(|_| html_block("p", 40, false)));
        let mut scores = vec![4.0; f.len()];
        scores[4] = -5.0;
        let mut barriers = vec![false; f.len()];
        barriers[4] = true;
        let none = vec![false; f.len()];
        let kept = |f: &[Features]| -> Vec<bool> {
            decide_page(&scores, &barriers, &none, f, &Thresholds::default())
                .iter()
                .map(|d| d.keep)
                .collect()
        };
        let got = kept(&f);
        assert!(
            got[..4].iter().all(|&k| k) && !got[4..].iter().any(|&k| k),
            "{got:?}"
        );
        // Before a sidebar's blurb (outside the container), the same
        // barrier does not condemn what follows that much: a post after a
        // "Recent comments" box still wins.
        let mut g: Vec<Features> = (0..4).map(|_| html_block("p", 30, false)).collect();
        g.push(html_block("h2", 3, false));
        g.extend((0..15).map(|_| html_block("p", 40, true)));
        let got = kept(&g);
        assert!(got[5..].iter().all(|&k| k), "{got:?}");
    }

    #[test]
    fn a_comment_line_nested_in_the_article_interrupts_it() {
        // Article in the container, an embedded post whose "Read 214
        // replies" fires a comment rule (not in the container), then the
        // rest of the article.
        let f = [
            html_block("p", 60, true),
            html_block("div", 3, false),
            html_block("p", 60, true),
            html_block("p", 60, true),
        ];
        let scores = [4.0, -5.0, 4.0, 4.0];
        let barriers = [false, true, false, false];
        let none = [false; 4];
        let kept: Vec<bool> = decide_page(&scores, &barriers, &none, &f, &Thresholds::default())
            .iter()
            .map(|d| d.keep)
            .collect();
        assert_eq!(kept, [true, false, true, true]);
    }

    #[test]
    fn a_short_caption_between_paragraphs_is_cut() {
        let f = [
            html_block("p", 60, true),
            html_block("figcaption", 8, true),
            html_block("p", 60, true),
        ];
        let kept: Vec<bool> = decided(&[4.0, 0.0, 4.0], &f)
            .iter()
            .map(|d| d.keep)
            .collect();
        assert_eq!(kept, [true, false, true]);
        // The same short block as a paragraph stays, between kept prose.
        let g = [f[0].clone(), html_block("p", 8, true), f[2].clone()];
        let kept: Vec<bool> = decided(&[4.0, 0.0, 4.0], &g)
            .iter()
            .map(|d| d.keep)
            .collect();
        assert_eq!(kept, [true, true, true]);
    }

    #[test]
    fn prose_between_the_headline_and_the_main_text_is_the_lede() {
        // Headline, lede, byline, date, photo credit, then the article in
        // its container.
        let f = [
            html_block("h1", 8, false),
            html_block("p", 30, false),
            html_block("div", 3, false),
            html_block("div", 3, false),
            html_block("p", 4, false),
            html_block("p", 80, true),
            html_block("p", 80, true),
        ];
        let scores = [-4.0, 2.5, -6.0, -6.0, -6.0, 5.0, 5.0];
        let d = decided(&scores, &f);
        let kept: Vec<bool> = d.iter().map(|d| d.keep).collect();
        assert_eq!(kept, [false, true, false, false, false, true, true]);
        assert_eq!(d[1].reason, Reason::Lede);
        // A subtitle in a heading element is not taken for the lede; nor is
        // prose too far above the main text.
        let mut dek = f.clone();
        dek[1].dom.as_mut().unwrap().tag = "h2";
        assert!(!decided(&scores, &dek)[1].keep);
        let far: Vec<Features> = f[..2]
            .iter()
            .cloned()
            .chain(std::iter::repeat_n(f[2].clone(), LEDE_GAP))
            .chain(f[5..].iter().cloned())
            .collect();
        let mut far_scores = vec![-4.0, 2.5];
        far_scores.extend(std::iter::repeat_n(-6.0, LEDE_GAP));
        far_scores.extend([5.0, 5.0]);
        assert!(!decided(&far_scores, &far)[1].keep);
    }

    #[test]
    fn text_keeps_the_standfirst_above_the_byline() {
        // Headline, standfirst, byline, date, then the article.
        let scores = [-1.0, 4.0, -1.0, -4.0, -1.0, 5.0, 5.0, 5.0];
        let words = [8, 30, 1, 3, 3, 80, 80, 80];
        let d = decide_page(
            &scores,
            &[false; 8],
            &[false; 8],
            &feats(&words),
            &Thresholds::default(),
        );
        let keeps: Vec<bool> = d.iter().map(|d| d.keep).collect();
        assert_eq!(keeps, [false, true, false, false, false, true, true, true]);
        assert_eq!(d[1].reason, Reason::Lede);
        // Not past a barrier (a comment form), nor near-good prose.
        let mut barriers = [false; 8];
        barriers[3] = true;
        assert!(!kept_across(&scores, &barriers, &words)[1]);
        let mut near = scores;
        near[1] = 1.5;
        assert!(!kept(&near, &words)[1]);
    }

    #[test]
    fn an_h1_inside_the_article_heads_a_section() {
        // Headline, two paragraphs, a section h1, two more, and a last h1
        // followed by nothing kept.
        let f = [
            html_block("h1", 6, true),
            html_block("p", 80, true),
            html_block("p", 80, true),
            html_block("h1", 3, true),
            html_block("p", 80, true),
            html_block("p", 80, true),
            html_block("h1", 3, true),
            html_block("div", 4, false),
        ];
        let scores = [-4.0, 5.0, 5.0, -5.0, 5.0, 5.0, -5.0, -8.0];
        let d = decided(&scores, &f);
        let kept: Vec<bool> = d.iter().map(|d| d.keep).collect();
        assert_eq!(kept, [false, true, true, true, true, true, false, false]);
        assert_eq!(d[3].reason, Reason::HeadingBeforeProse);
        // Strong evidence against it (an ad label) stays.
        let mut ad = scores;
        ad[3] = -9.0;
        assert!(!decided(&ad, &f)[3].keep);
    }

    #[test]
    fn short_cells_in_the_main_container_after_prose_stay_when_boilerplate_follows() {
        // A paragraph, a table's short cells, a bad line (a link's
        // label), then more of the article: the cells stay.
        let mut f = vec![html_block("p", 40, true)];
        f.extend((0..6).map(|_| html_block("td", 1, true)));
        f.extend([html_block("p", 12, true), html_block("p", 30, true)]);
        let mut scores = vec![4.0];
        scores.extend([-1.0; 6]);
        scores.extend([-6.0, 4.0]);
        let d = decided(&scores, &f);
        let kept: Vec<bool> = d.iter().map(|d| d.keep).collect();
        assert_eq!(
            kept,
            [true, true, true, true, true, true, true, false, true]
        );
        assert_eq!(d[3].reason, Reason::BetweenKeptProse);
        // Short paragraphs there (a byline, a tag line) do not.
        for x in &mut f[1..7] {
            x.dom.as_mut().unwrap().tag = "p";
        }
        let d = decided(&scores, &f);
        assert!(d[1..7].iter().all(|d| !d.keep));
    }

    #[test]
    fn list_items_under_a_heading_with_evidence_against_it_are_not_the_articles() {
        // Prose, a "Read also" heading (-4 and the container's +1.5), two
        // linked items (one short, one bad), more prose: the items are
        // the box's. Under a plain subheading (-1) the short item stays
        // (the bad one and the heading, with no prose right under it, do
        // not).
        let mut f = vec![html_block("p", 40, true), html_block("h4", 2, true)];
        f.extend([html_block("li", 8, true), html_block("li", 8, true)]);
        f.push(html_block("p", 40, true));
        let scores = [4.0, -2.5, -1.5, -3.5, 4.0];
        let kept: Vec<bool> = decided(&scores, &f).iter().map(|d| d.keep).collect();
        assert_eq!(kept, [true, false, false, false, true]);
        let mut plain = scores;
        plain[1] = -1.0;
        let kept: Vec<bool> = decided(&plain, &f).iter().map(|d| d.keep).collect();
        assert_eq!(kept, [true, false, true, false, true]);
    }

    #[test]
    fn a_bad_table_cell_does_not_cut_the_cells_after_it() {
        // A paragraph, then a table whose second cell scores bad ("51:19",
        // goals read as a time): the cells after it are still the table
        // the article gives. List items are not cells: a bad item ends
        // a list of links.
        let mut f = vec![html_block("p", 40, true)];
        f.extend((0..6).map(|_| html_block("td", 1, true)));
        f.extend([html_block("p", 30, true)]);
        let mut scores = vec![4.0, -1.0, -4.0];
        scores.extend([-1.0; 4]);
        scores.push(4.0);
        let kept: Vec<bool> = decided(&scores, &f).iter().map(|d| d.keep).collect();
        assert_eq!(kept, [true, true, false, true, true, true, true, true]);
        for x in &mut f[1..7] {
            x.dom.as_mut().unwrap().tag = "li";
        }
        let kept: Vec<bool> = decided(&scores, &f).iter().map(|d| d.keep).collect();
        assert!(!kept[3], "{kept:?}");
    }

    #[test]
    fn lists_in_the_main_container_stay_whole_when_most_items_are_kept() {
        use crate::measure::Dom;
        let item = |parent: u32, in_main: bool| Features {
            words: 4,
            dom: Some(Dom {
                tag: "li",
                in_main,
                parent,
                ..Dom::default()
            }),
            ..Features::default()
        };
        // An article paragraph, a list of three (two kept, one link-only
        // item cut), a list of three with one kept, the same outside main.
        let mut f = vec![Features {
            words: 80,
            ends_sentence: true,
            ..Features::default()
        }];
        f.extend([item(1, true), item(1, true), item(1, true)]);
        f.extend([item(2, true), item(2, true), item(2, true)]);
        // Each item its own element.
        for (i, x) in f.iter_mut().enumerate() {
            if let Some(d) = x.dom.as_mut() {
                d.element = i as u32;
            }
        }
        let scores = [4.0, 4.0, 4.0, -4.0, 4.0, -4.0, -4.0];
        let n = scores.len();
        let d = decided(&scores, &f);
        let kept: Vec<bool> = d.iter().map(|d| d.keep).collect();
        assert_eq!(kept, [true, true, true, true, true, false, false]);
        assert_eq!(d[3].reason, Reason::WholeList);
        // Paragraphs of one element (one cell split by `<br><br>`) are not
        // a list's items.
        let mut one = f.clone();
        for x in &mut one[1..4] {
            x.dom.as_mut().unwrap().element = 1;
        }
        assert!(!decided(&scores, &one)[3].keep);
        // Outside the main container, or cut by a decisive rule: not kept.
        let mut outside = f.clone();
        for x in &mut outside[1..4] {
            x.dom.as_mut().unwrap().in_main = false;
        }
        let d = decided(&scores, &outside);
        assert!(!d[3].keep);
        let mut decisive = vec![false; n];
        decisive[3] = true;
        let d = decide_page(
            &scores,
            &vec![false; n],
            &decisive,
            &f,
            &Thresholds::default(),
        );
        assert!(!d[3].keep && d[3].reason == Reason::StrongEvidence);
    }

    #[test]
    fn nothing_positive_keeps_nothing() {
        assert_eq!(kept(&[0.0, -3.0], &[2, 2]), [false, false]);
        assert!(kept(&[], &[]).is_empty());
    }

    /// A line of `words` words (`letters` of them letters) and `digits`
    /// digits: a table's cell when short.
    fn line(words: u32, letters: u32, digits: u32) -> Features {
        Features {
            words,
            letters,
            digits,
            chars: letters + digits + words,
            lines: 1,
            ends_sentence: words > 5,
            ..Features::default()
        }
    }

    /// A standings table one cell a line: a header row, then `rows` rows
    /// of a rank, a name and two numbers.
    fn standings(rows: usize) -> Vec<Features> {
        let mut out = vec![line(1, 3, 0), line(1, 4, 0), line(1, 6, 0), line(1, 5, 0)];
        for _ in 0..rows {
            out.extend([line(1, 0, 1), line(2, 10, 0), line(1, 0, 2), line(1, 0, 2)]);
        }
        out
    }

    #[test]
    fn a_table_one_cell_a_line_is_found_with_its_header() {
        let mut page = vec![line(40, 200, 0)];
        page.extend(standings(5));
        page.push(line(40, 200, 0));
        assert_eq!(text_tables(&page, &[]), vec![1..25usize]);
        // Two rows are the fewest (with the header, three rows of cells).
        assert!(text_tables(&standings(1), &[]).is_empty());
        assert_eq!(text_tables(&standings(2), &[]), vec![0..12usize]);
        // A column of numbers and one of words: pagination is no table,
        // nor a list of names.
        assert!(text_tables(&vec![line(1, 0, 1); 30], &[]).is_empty());
        assert!(text_tables(&vec![line(2, 10, 0); 30], &[]).is_empty());
        // Two columns are headlines with their dates.
        let dated: Vec<Features> = (0..20)
            .map(|i| {
                if i % 2 == 0 {
                    line(5, 30, 0)
                } else {
                    line(1, 0, 8)
                }
            })
            .collect();
        assert!(text_tables(&dated, &[]).is_empty());
    }

    #[test]
    fn a_table_of_labels_and_values_is_found() {
        // Specifications: "Weight" / "2.7kg", "Filtration" / "Sealed HEPA".
        let specs: Vec<Features> = (0..6)
            .flat_map(|i| {
                [
                    line(2, 12, 0),
                    if i % 2 == 0 {
                        line(2, 6, 3)
                    } else {
                        line(2, 10, 0)
                    },
                ]
            })
            .collect();
        let mut page = vec![line(40, 200, 0)];
        page.extend(specs.clone());
        page.push(line(40, 200, 0));
        assert_eq!(text_tables(&page, &[]), vec![1..13usize]);
        // Three rows are too few; values without digits are a menu's pairs.
        assert!(text_tables(&specs[..6], &[]).is_empty());
        let menu: Vec<Features> = (0..12).map(|_| line(2, 10, 0)).collect();
        assert!(text_tables(&menu, &[]).is_empty());
        // Labels the page repeats (a forum's "Posts" / "1 203" under every
        // post) are no table's.
        let mut posts = specs.clone();
        for f in posts.iter_mut().step_by(2) {
            f.repeats = 1;
        }
        assert!(text_tables(&posts, &[]).is_empty());
    }

    #[test]
    fn a_number_with_its_unit_is_a_number_cell() {
        // A name, a distance ("0.1 mi") and a status: the distance column is
        // the table's numbers.
        let rows: Vec<Features> = (0..5)
            .flat_map(|_| [line(3, 18, 1), line(2, 2, 2), line(2, 8, 4)])
            .collect();
        assert_eq!(text_tables(&rows, &[]), vec![0..15usize]);
        // A word with a digit ("Windows 11") is no number.
        let words: Vec<Features> = (0..5)
            .flat_map(|_| [line(3, 18, 1), line(2, 7, 2), line(2, 8, 4)])
            .collect();
        assert!(text_tables(&words, &[]).is_empty());
    }

    #[test]
    fn a_table_between_the_articles_prose_neither_ends_it_nor_is_cut() {
        // Prose, a table of short lines, prose: the lines are short (-1),
        // a repeated rank bad (-3); the prose after the table is the
        // article's too.
        let mut features = vec![line(60, 300, 0), line(50, 250, 0)];
        features.extend(standings(8));
        features.extend([line(60, 300, 0), line(45, 220, 0)]);
        let n = features.len();
        let mut scores = vec![4.0, 4.0];
        scores.extend((2..n - 2).map(|i| if i % 4 == 2 { -3.0 } else { -1.0 }));
        scores.extend([4.0, 4.0]);
        let d = decided(&scores, &features);
        assert!(d.iter().all(|d| d.keep), "{d:?}");
        assert!(d[2..n - 2].iter().all(|d| d.reason == Reason::TextTable));
        // The same table after the article, with the page's chrome after
        // it (a bad short line, then a teaser), is a sidebar's or a
        // footer's: cut. The bad line is no cell of the table.
        let mut features = vec![line(60, 300, 0), line(50, 250, 0)];
        features.extend(standings(8));
        features.extend([line(3, 15, 0), line(8, 40, 0)]);
        let n = features.len();
        let mut scores = vec![4.0, 4.0];
        scores.extend((2..n - 2).map(|_| -1.0));
        scores.extend([-6.0, 0.0]);
        assert_eq!(text_tables(&features, &scores), vec![2..n - 2]);
        let d = decided(&scores, &features);
        assert!(d[..2].iter().all(|d| d.keep));
        assert!(d[2..].iter().all(|d| !d.keep), "{d:?}");
    }

    #[test]
    fn a_table_does_not_thin_the_prose_between_two_runs_of_the_article() {
        // The article, a long gallery of captions, a paragraph, a fare
        // table one cell a line, a paragraph, a long box of links, the rest
        // of the article: the two paragraphs around the table are the
        // article's, though the table's cells outnumber them.
        let gap = 20;
        let mut features = vec![line(60, 300, 0); 3];
        features.extend(vec![line(6, 30, 0); gap]);
        let before = features.len();
        features.push(line(50, 250, 0));
        features.extend(standings(4));
        let after = features.len();
        features.push(line(40, 200, 0));
        features.extend(vec![line(3, 15, 0); gap]);
        features.extend(vec![line(60, 300, 0); 4]);
        let mut scores = vec![4.0; features.len()];
        scores[3..before].fill(-4.0);
        scores[before + 1..after].fill(-1.0);
        scores[after + 1..after + 1 + gap].fill(-4.0);
        let d = decided(&scores, &features);
        assert!(d[before].keep && d[after].keep, "{d:?}");
        assert!(d[..3].iter().all(|d| d.keep), "{d:?}");
        // After the article, teasers around a most-read table, each after
        // a "Read more" line, and the footer: not the article.
        let mut features = vec![line(30, 150, 0); 3];
        features.extend(vec![line(3, 15, 0); 5]);
        let teasers = features.len();
        features.extend([line(30, 150, 0), line(2, 8, 0), line(30, 150, 0)]);
        features.extend(standings(4));
        features.extend([line(2, 8, 0), line(30, 150, 0)]);
        let footer = features.len();
        features.extend(vec![line(2, 10, 0); 4]);
        let mut scores = vec![2.5; features.len()];
        scores[3..teasers].fill(-8.0);
        scores[teasers + 1] = -7.0;
        scores[teasers + 3..footer - 2].fill(-1.0);
        scores[footer - 2] = -7.0;
        scores[footer..].fill(-6.0);
        let d = decided(&scores, &features);
        assert!(d[..3].iter().all(|d| d.keep), "{d:?}");
        assert!(d[teasers..].iter().all(|d| !d.keep), "{d:?}");
    }

    #[test]
    fn a_short_lead_in_after_prose_introduces_its_list() {
        // Prose, "The partners in the project are:", five short items,
        // prose: one article, its list kept.
        let mut features = vec![line(40, 200, 0), line(5, 25, 0)];
        features.extend((0..5).map(|_| line(4, 20, 0)));
        features.push(line(40, 200, 0));
        features[1].ends_colon = true;
        let mut scores = vec![4.0, 0.0];
        scores.extend([-1.0; 5]);
        scores.push(4.0);
        let d = decided(&scores, &features);
        assert!(d.iter().all(|d| d.keep), "{d:?}");
        // A lead-in no stoplist reads (-1: "Новые тарифы будут такими:")
        // introduces too; one scored further against does not.
        scores[1] = -1.0;
        let d = decided(&scores, &features);
        assert!(d.iter().all(|d| d.keep), "{d:?}");
        scores[1] = -4.0;
        let d = decided(&scores, &features);
        assert!(!d.iter().all(|d| d.keep), "{d:?}");
        scores[1] = 0.0;
        // A one-word label with a colon ("Share:") introduces nothing.
        features[1].words = 1;
        let d = decided(&scores, &features);
        assert!(!d.iter().all(|d| d.keep), "{d:?}");
    }

    #[test]
    fn a_stamp_says_how_long_ago_beside_a_name() {
        for stamp in [
            "Wolfgang_M vor 14 Stunden",
            "Jane · 3 hours ago",
            "Claire il y a 2 jours",
            "张三 3小时前",
            "ゆうこ 5時間前",
        ] {
            assert!(STAMP_AGO.is_match(stamp), "{stamp}");
        }
        for line in [
            "2023年前三季度GDP增长5.2%",
            "3月15日前完成申报",
            "vor 3 Tagesordnungspunkten",
        ] {
            assert!(!STAMP_AGO.is_match(line), "{line}");
        }
    }
}
