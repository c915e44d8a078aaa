//! Stage 2, measure: each paragraph's features (length, stopwords,
//! punctuation, contacts…) in one char scan, then what depends on the whole
//! document (language, position, copies).
//!
//! Everything a rule's `when` condition can test is a [`Feature`]. The few
//! regexes (URLs, e-mail addresses, phones, handles) run only where a byte
//! prefilter says they can match. The document language is the stoplist that
//! covers most words.

mod chars;
mod contacts;
mod dom;
mod features;
mod lookout;
pub(crate) mod promo_model;
mod scan;
mod stoplists;
mod words;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::ops::Range;

pub(crate) use chars::{
    is_cjk_char, is_regex_word_char, is_unspaced, is_word_char, push_lower, strip_lower,
};
pub use dom::Dom;
pub(crate) use dom::heading_level;
pub(crate) use features::PROSE_DIGIT_SHARE;
pub use features::{Feature, Features};
pub(crate) use lookout::{Lookout, Spot, Spots};
pub(crate) use promo_model::{Model as PromoModel, strongest as promo_strongest};
pub(crate) use stoplists::Stoplists;
pub(crate) use words::{PackedTable, SYMBOL_KEY, word_key};

use scan::measure;

/// Paragraphs of at least this many words are measured against the stoplist
/// that fits them best, not only the document's.
const MIN_WORDS_OWN_LANGUAGE: u32 = 10;

/// `doc_promo` counts the words of paragraphs this long (menus and labels
/// left out) ...
const DOC_PROMO_MIN_WORDS: u32 = 5;
/// ... and, of those, the words of paragraphs the scorer gives this much.
const DOC_PROMO_LEANING: f32 = 0.5;
/// Under this many such words, a document is too short to tell what it
/// is (an ad on its own, a rule's example): its `doc_promo` is 0.
const DOC_PROMO_MIN_DOC_WORDS: u32 = 150;
/// A paragraph of at least this share of those words is measured against
/// the rest of the page: a long ad in a short article made the page look
/// commercial by its own words, and the model's rules stood down for it
/// (a 200-char Japanese ad in a 150-word English body). Held-out promo
/// batches in scrapinghub's gold bodies, recall text / HTML: 0.9583 /
/// 0.9583 -> 0.9625 / 0.9625 and 0.9396 / 0.9354 -> 0.9500 / 0.9479, own
/// set with a scorer trained without it +0.004; retention unchanged. Every
/// paragraph measured against the rest (no share) cost a standings page of
/// scrapinghub with a scorer trained without it (0.97 -> 0.22): on a page
/// just over the commercial line, its promotional lines each fell under
/// it. 0.1 to 0.25 gave the same figures.
const DOC_PROMO_OWN_SHARE: f32 = 0.2;

/// `promo_lift` measures against the upper quartile of the promo scorer's
/// probabilities of the paragraphs this long (the page's prose, not its
/// menus and labels) ...
const LIFT_MIN_WORDS: u32 = 15;
/// ... on a document with at least this many of them. The upper quartile,
/// not the median: in plain text a page's comments and sidebars, which
/// score low, would lower a median under a blog's own register. Measured
/// with the promo model trained without the promo set (`cv.sh set`): the
/// median gave more promo recall and cut blog ledes (trafilatura-eval
/// snippet F1 -0.006 in text); the 80th or 90th percentile, less recall.
const LIFT_MIN_PARAGRAPHS: usize = 5;
const LIFT_QUANTILE_PERCENT: usize = 75;

/// Measures every paragraph, picks the document language and fills in the
/// features that depend on the whole document (position, repeats).
#[cfg(test)]
pub(crate) fn measure_document(
    text: &str,
    ranges: &[Range<usize>],
    dom: Option<&[Dom]>,
    stoplists: &Stoplists,
    lookout: &Lookout,
) -> (Option<&'static str>, Vec<Features>, Spots) {
    measure_document_with(text, ranges, dom, stoplists, lookout, &promo_model::MODEL)
}

/// [`measure_document`] with the promo scorer `model`.
pub(crate) fn measure_document_with(
    text: &str,
    ranges: &[Range<usize>],
    dom: Option<&[Dom]>,
    stoplists: &Stoplists,
    lookout: &Lookout,
    model: &PromoModel,
) -> (Option<&'static str>, Vec<Features>, Spots) {
    let mut features = Vec::with_capacity(ranges.len());
    let mut hits = Vec::with_capacity(ranges.len());
    // Per paragraph: the speaker label it opens with, if any.
    let mut labels: Vec<Option<u64>> = Vec::with_capacity(ranges.len());
    let mut spots = Spots {
        // About one word in four is noted: a spot every 25 bytes or so.
        list: Vec::with_capacity(text.len() / 32),
        ends: Vec::with_capacity(ranges.len()),
    };
    // Paragraphs with the same text share a group: one hash per paragraph.
    // A copy (a menu repeated at the foot of the page) is not measured
    // again: it takes the features, hits and spots of its group's first.
    // The map is keyed by untrusted text: a seeded hasher, so that crafted
    // paragraphs cannot all fall in one bucket (FxHash has no seed).
    let mut groups: HashMap<&str, u32, foldhash::fast::RandomState> =
        HashMap::with_capacity_and_hasher(ranges.len(), Default::default());
    // Per group: the index of its first paragraph, its size, and the
    // languages of the first's hits.
    let mut firsts: Vec<(u32, u32, u32)> = Vec::new();
    let mut group_of: Vec<u32> = Vec::with_capacity(ranges.len());
    let mut totals = [0u32; 32];
    // The promo scorer's scratch: a paragraph's word grams.
    let mut grams = Vec::new();
    // The hashes of the long words of each group's first paragraph, and
    // the end of each group's words in `long` (for `page_overlap`).
    let mut long = Vec::with_capacity(text.len() / 16);
    let mut long_ends: Vec<u32> = Vec::with_capacity(ranges.len());
    for (i, r) in ranges.iter().enumerate() {
        let para = &text[r.clone()];
        let g = *groups.entry(para).or_insert_with(|| {
            firsts.push((i as u32, 0, 0));
            firsts.len() as u32 - 1
        });
        group_of.push(g);
        let (first, size, first_languages) = &mut firsts[g as usize];
        *size += 1;
        let mut languages = if *size == 1 {
            features.push(Features::default());
            let f = features.last_mut().expect("just pushed");
            let h = measure(
                para,
                stoplists,
                lookout,
                model,
                &mut spots.list,
                (&mut grams, &mut long),
                f,
            );
            long_ends.push(long.len() as u32);
            hits.push(h.counts);
            labels.push(h.label);
            *first_languages = h.languages;
            h.languages
        } else {
            let first = *first as usize;
            features.push(features[first].clone());
            hits.push(hits[first]);
            labels.push(labels[first]);
            spots.list.extend_from_within(spots.range(first));
            *first_languages
        };
        let counts = &hits[i];
        while languages != 0 {
            let l = languages.trailing_zeros() as usize;
            totals[l] += counts[l] as u32;
            languages &= languages - 1;
        }
        spots.ends.push(spots.list.len());
    }
    let totals = &totals[..stoplists.languages().len().min(32)];
    let lang = totals
        .iter()
        .enumerate()
        .max_by_key(|&(i, &t)| (t, std::cmp::Reverse(i)))
        .filter(|&(_, &t)| t > 0)
        .map(|(i, _)| i);

    score_lone_short_lines(text, ranges, &mut features, model, stoplists);
    let doc_words: u32 = features.iter().map(|f| f.words).sum();
    let doc_stopwords = match lang {
        Some(l) if doc_words > 0 => totals[l] as f32 / doc_words as f32,
        _ => 0.0,
    };
    let mut probabilities: Vec<f32> = features
        .iter()
        .filter(|f| f.words >= LIFT_MIN_WORDS)
        .map(|f| f.promo_model)
        .collect();
    let typical_promo = (probabilities.len() >= LIFT_MIN_PARAGRAPHS).then(|| {
        let at = (probabilities.len() * LIFT_QUANTILE_PERCENT / 100).min(probabilities.len() - 1);
        *probabilities.select_nth_unstable_by(at, f32::total_cmp).1
    });
    let overlaps = page_overlaps(&features, &group_of, &long, &long_ends);
    let turns = speaker_turns(&labels);
    // Per group: copies met so far.
    let mut met = vec![0u32; firsts.len()];
    let count = ranges.len() as u32;
    for (i, (f, h)) in features.iter_mut().zip(&hits).enumerate() {
        // A paragraph long enough to tell its own language (a quotation or
        // section in another language than the page) is measured in it.
        let own = if f.words >= MIN_WORDS_OWN_LANGUAGE {
            h.iter().copied().max().unwrap_or(0)
        } else {
            0
        };
        f.stopwords = lang.map_or(0, |l| h[l]).max(own) as u32;
        f.doc_stopwords = doc_stopwords;
        f.promo_lift = typical_promo.map_or(0.0, |m| (f.promo_model - m).max(0.0));
        f.index = i as u32;
        f.count = count;
        f.speaker_turn = turns.get(i).copied().unwrap_or(false);
        let g = group_of[i] as usize;
        f.page_overlap = overlaps.get(g).copied().unwrap_or(0.0);
        let (first, size, _) = firsts[g];
        f.repeats = size - 1;
        if f.repeats > 0 {
            f.earlier_copies = met[g];
            if met[g] > 0 {
                f.copy_of = Some(first);
            }
            met[g] += 1;
        }
        f.dom = dom.and_then(|d| d.get(i)).copied();
    }
    mark_heading_copies(&mut features);
    set_doc_promo(&mut features);
    (lang.map(|l| stoplists.languages()[l]), features, spots)
}

/// The fewest words of the paragraph after a heading copy: its section's
/// own text, not another entry of a list.
const HEADING_COPY_NEXT_WORDS: u32 = 8;

/// Sets `heading_copy` (see [`Feature::HeadingCopy`](crate::Feature::HeadingCopy)):
/// a blog's table of contents repeats its section headings, and
/// `repeated_line` cut both copies. A menu written twice (header and
/// footer) has its second copies next to each other, and no text of their
/// own after them.
fn mark_heading_copies(features: &mut [Features]) {
    // Most pages repeat no paragraph exactly twice: nothing to mark.
    if !features.iter().any(|f| f.repeats == 1) {
        return;
    }
    let n = features.len();
    // Of each paragraph that appears exactly twice, where its other copy is.
    let (mut second, mut first) = (vec![usize::MAX; n], vec![usize::MAX; n]);
    for (i, f) in features.iter().enumerate() {
        if let (1, Some(a)) = (f.repeats, f.copy_of) {
            second[a as usize] = i;
            first[i] = a as usize;
        }
    }
    // An entry of the table of contents and its heading: the entries stand
    // together, the headings apart, each with its section's text after it.
    // The table comes before the article (entries are first copies) or
    // after it (a docs site's "On this page" column follows the text in
    // the page's order: entries are second copies).
    let mut headings = Vec::new();
    for heading_of in [&second, &first] {
        for (entry, &heading) in heading_of.iter().enumerate() {
            if heading == usize::MAX {
                continue;
            }
            let next_entry = heading_of
                .get(entry + 1)
                .is_some_and(|&h| h != usize::MAX && h > heading + 1);
            let previous_entry = entry > 0
                && heading_of[entry - 1] != usize::MAX
                && heading_of[entry - 1] + 1 < heading;
            let own_text = features
                .get(heading + 1)
                .is_some_and(|f| f.repeats == 0 && f.words >= HEADING_COPY_NEXT_WORDS);
            if (next_entry || previous_entry) && own_text {
                headings.push(heading);
            }
        }
    }
    for heading in headings {
        features[heading].heading_copy = true;
    }
}

/// Sets `doc_promo` and `doc_promo_paragraphs` of every paragraph, from
/// the document's paragraphs of `DOC_PROMO_MIN_WORDS` words or more and
/// what the promo scorer gives them.
fn set_doc_promo(features: &mut [Features]) {
    let counts = |f: &Features| f.words >= DOC_PROMO_MIN_WORDS;
    let leans = |f: &Features| counts(f) && f.promo_model >= DOC_PROMO_LEANING;
    let (mut leaning, mut long_words, mut leaning_paragraphs) = (0u32, 0u32, 0u32);
    for f in features.iter().filter(|f| counts(f)) {
        long_words += f.words;
        if leans(f) {
            leaning += f.words;
            leaning_paragraphs += 1;
        }
    }
    for f in features.iter_mut() {
        // A paragraph that is a large part of the page is measured against
        // the rest of it (see `DOC_PROMO_OWN_SHARE`).
        let own = if counts(f) && f.words as f32 >= DOC_PROMO_OWN_SHARE * long_words as f32 {
            f.words
        } else {
            0
        };
        let own_leaning = if leans(f) { own } else { 0 };
        let rest = long_words - own;
        f.doc_promo = if rest < DOC_PROMO_MIN_DOC_WORDS {
            0.0
        } else {
            (leaning - own_leaning) as f32 / rest as f32
        };
        f.doc_promo_paragraphs = leaning_paragraphs - leans(f) as u32;
    }
}

/// The longest speaker label, in bytes (`Prof. Carlos`, `Interviewer`).
pub(super) const MAX_LABEL_BYTES: usize = 24;
/// The most distinct labels counted: a page of hundreds of `Key: value`
/// lines is no interview, and its count stays bounded.
const MAX_LABELS: usize = 64;

/// Per paragraph, whether it is a turn of an interview or dialogue (see
/// [`Feature::SpeakerTurn`](crate::Feature::SpeakerTurn)), given the hash
/// of the label each opens with (see [`speaker_label`]): the label opens
/// another paragraph too, and so does a second label.
fn speaker_turns(labels: &[Option<u64>]) -> Vec<bool> {
    let mut counts: Vec<(u64, u32)> = Vec::new();
    for &label in labels.iter().flatten() {
        if let Some((_, n)) = counts.iter_mut().find(|(l, _)| *l == label) {
            *n += 1;
        } else if counts.len() < MAX_LABELS {
            counts.push((label, 1));
        }
    }
    let repeated = |label: u64| counts.iter().any(|&(l, n)| l == label && n >= 2);
    let dialogue = counts.iter().filter(|&&(_, n)| n >= 2).count() >= 2;
    labels
        .iter()
        .map(|l| dialogue && l.is_some_and(repeated))
        .collect()
}

/// The hash of the speaker label that opens `para`, whose first colon is
/// at byte `colon`: one to three words of letters (and dots, hyphens) of
/// at most [`MAX_LABEL_BYTES`] bytes before a colon and a space (`Q: `,
/// `Eugênio: `; a full-width colon needs no space: `记者：`), lowercased.
/// The char pass notes the colon, so that only paragraphs with one this
/// early are looked at.
pub(super) fn speaker_label(para: &str, colon: usize) -> Option<u64> {
    let label = para.get(..colon)?.trim();
    let after = &para[colon..];
    let spoken = match after.strip_prefix(':') {
        Some(rest) => rest.starts_with(char::is_whitespace),
        None => after
            .strip_prefix('\u{FF1A}')
            .is_some_and(|rest| !rest.is_empty()),
    };
    if !spoken || label.len() > MAX_LABEL_BYTES || !label.starts_with(char::is_alphabetic) {
        return None;
    }
    // One pass: letters (and dots, hyphens) in at most three words, hashed
    // lowercased (FNV-1a).
    let (mut h, mut spaces, mut after_space) = (0xcbf2_9ce4_8422_2325u64, 0, false);
    for c in label.chars() {
        if c.is_whitespace() {
            spaces += u32::from(!after_space);
            after_space = true;
            continue;
        }
        if !(c.is_alphabetic() || c == '.' || c == '-') {
            return None;
        }
        after_space = false;
        for l in c.to_lowercase() {
            h = (h ^ l as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }
    (spaces <= 2).then_some(h)
}

/// The fewest words of a short line the promo scorer reads again: a
/// one-word line (a menu item, a table's cell) says too little.
const LONE_LINE_MIN_WORDS: u32 = 2;

/// A line too short for the char pass's promo score (under
/// `promo_model::MIN_WORDS` words) that stands alone between two
/// paragraphs long enough to have one is scored on its own: `decide` cuts
/// such a line between prose when the scorer is sure of it (an ad label,
/// a consent button, "Get the app"), where it keeps a subheading. Scoring
/// every short line in the char pass cost 4.5% of the text speed; lines
/// alone between longer ones are few (menus and lists are runs of them).
///
/// A line that names what the prose around it is about (a word of it
/// starts as a word of the paragraph before or after does: "Gratis para
/// estudiantes" over a story of "estudiantes matriculados") is a
/// subheading, and is not scored. A reviewer's 180 article lines alone
/// between their paragraphs, most written to sound promotional: 11 -> 8
/// cut in text mode, 8 -> 5 in HTML ("Cookies and privacy" over a story
/// of trackers and consent stays cut); held-out promo, batches 1-11
/// pooled: one paragraph fewer a mode (of 5,020), `holdout15` and the
/// short lines unchanged.
fn score_lone_short_lines(
    text: &str,
    ranges: &[Range<usize>],
    features: &mut [Features],
    model: &PromoModel,
    stoplists: &Stoplists,
) {
    let scored = |f: &Features| f.words >= promo_model::MIN_WORDS;
    for i in 1..features.len().saturating_sub(1) {
        let f = &features[i];
        if f.words >= LONE_LINE_MIN_WORDS
            && !scored(f)
            && scored(&features[i - 1])
            && scored(&features[i + 1])
        {
            let line = &text[ranges[i].clone()];
            let p = promo_model::short_line_probability(model, line);
            // Only a line the scorer leans to is compared with its prose.
            let around = [&text[ranges[i - 1].clone()], &text[ranges[i + 1].clone()]];
            if p < OVERLAP_FROM || !names_its_subject(line, &around, stoplists) {
                features[i].promo_model = p;
            }
        }
    }
}

/// The chars of a word's stem compared between a line and its prose.
const STEM_CHARS: usize = 5;

/// Whether a content word of `line` (of `STEM_CHARS` letters or more, not
/// a stopword) starts as a word of one of the `around` paragraphs does.
fn names_its_subject(line: &str, around: &[&str], stoplists: &Stoplists) -> bool {
    // A word's first `STEM_CHARS` chars, lowercased, if it has that many.
    fn stem(word: &str) -> Option<[char; STEM_CHARS]> {
        let mut out = ['\0'; STEM_CHARS];
        let mut chars = word.chars().flat_map(char::to_lowercase);
        for c in &mut out {
            *c = chars.next()?;
        }
        Some(out)
    }
    fn words(text: &str) -> impl Iterator<Item = &str> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() >= STEM_CHARS)
    }
    let mine: Vec<[char; STEM_CHARS]> = words(line)
        .filter(|w| stoplists.mask(w.to_lowercase().as_bytes()) == 0)
        .filter_map(stem)
        .collect();
    !mine.is_empty()
        && around
            .iter()
            .any(|p| words(p).filter_map(stem).any(|s| mine.contains(&s)))
}

/// A paragraph the promo scorer finds at least this likely promotional
/// gets a [`page_overlap`](Features::page_overlap): the rules that read the
/// scorer ask for 0.4 at least.
const OVERLAP_FROM: f32 = 0.4;

/// A candidate the promo scorer is this sure of is not protected by one
/// word it shares with the page's prose (see `OVERLAP_CONTEXT_WORDS`),
/// unless the prose uses that word twice or more (its topic: a deals article's `Amazon`). A page in the
/// candidate's own language shares its everyday long words with any
/// paragraph ("originally", "Informationen"), and a one-line ad of ten
/// words with three long ones met one of them: a third, over the quarter
/// the scorer's rules allow. Held-out batches 18-31 inserted into template
/// bodies of news and blogs in their own language, promo recall text /
/// HTML 0.9701 / 0.9630 -> 0.9741 / 0.9677 (30 and 36 more of 7,560),
/// look-alikes kept the same; `holdout32`, unseen, 0.9685 / 0.9611 ->
/// 0.9722 / 0.9667. With scorers trained without each development set and
/// scrapinghub's real look-alikes, every figure the same or higher. From
/// 0.75: one promo paragraph more and a real look-alike lost; for every
/// candidate: 5 more, but scrapinghub HTML -0.0013 and 4 real look-alikes
/// (deal lines naming their shop once) lost. The 480 article lines of
/// `quality/promo/short` (subheadings) in scrapinghub's bodies are kept
/// as before.
const LONE_WORD_SURE: f32 = 0.9;

/// The paragraphs a candidate's words are looked for in: of this many
/// words at least, and not candidates themselves. Against every paragraph,
/// a German ad in a German page met the page's own newsletter box and
/// footer, and same-language held-out promo recall fell 2 points; against
/// prose only, under one.
const OVERLAP_CONTEXT_WORDS: u32 = 10;

/// Per group (by index into `firsts`): for a group whose first paragraph
/// the promo scorer finds at least [`OVERLAP_FROM`] likely promotional,
/// the share of its distinct long words (`long`, by group up to
/// `long_ends`) that the page's prose uses too, or of them and its
/// six-byte words when that is higher; 0 for the others. One
/// map holds the candidates' words (a seeded hasher: the words are the
/// page's, and crafted ones must not share a bucket), one pass over the
/// prose's words marks those met, and each candidate counts its own: linear
/// in the page's long words, and paid only where a candidate is.
///
/// Six-byte words count in `page_overlap` too, as a second share beside
/// that of the longer words, the higher of the two kept: a deal line of
/// the article ("Get it on Amazon for $139", "Disney Plus is Now Live")
/// has no longer word, and names its shop and product in six letters,
/// where a paragraph whose long words the page shares stays protected
/// though its six-letter words are new. With scorers trained without each
/// development set, F1 text / HTML: scrapinghub 0.9230 / 0.9698 -> 0.9240 /
/// 0.9715, readability 0.8684 / 0.9742 -> 0.8684 / 0.9746,
/// trafilatura-eval 0.8866 / 0.9316 -> 0.8868 / 0.9320; scrapinghub's real
/// look-alike paragraphs kept 0.8945 / 0.9414 -> 0.9219 / 0.9648; held-out
/// promo recall in bodies: one paragraph fewer in each of the first two
/// batches (of 720 and 480) in each mode, the third unchanged, retention
/// unchanged;
/// templates +0.0001 / +0.0007; in-sample −0.0001 to −0.0005 (a teaser
/// naming the team of the page, "Daily Dawg Chow … Browns", kept). A site's
/// plug that borrows the article's six-letter topic word ("our reporters
/// will keep covering the budget") is protected now too, and the first
/// held-out batch in trafilatura-eval's pages of its own language lost 4
/// of 720 (0.9486 -> 0.9431 text, 0.9514 -> 0.9458 HTML). Six-byte
/// words in the one share alone: trafilatura-eval −0.0017 / −0.0010 (a
/// paragraph's new six-letter words lowered the share of its long ones).
fn page_overlaps(
    features: &[Features],
    group_of: &[u32],
    long: &[u64],
    long_ends: &[u32],
) -> Vec<f32> {
    let words_of = |g: usize| {
        let start = if g == 0 { 0 } else { long_ends[g - 1] as usize };
        &long[start..long_ends[g] as usize]
    };
    // Per group, its words and the highest promo score of its copies: a
    // short line is scored where it stands (alone between prose), so a copy
    // in the article may be scored where the first, in a menu, was not. The
    // words of paragraphs of ten words or more, which the prose is, are the
    // same in every copy.
    let mut words = vec![0u32; long_ends.len()];
    let mut promo = vec![0f32; long_ends.len()];
    for (f, &g) in features.iter().zip(group_of) {
        let g = g as usize;
        if g < promo.len() {
            promo[g] = promo[g].max(f.promo_model);
            words[g] = words[g].max(f.words);
        }
    }
    let candidates: Vec<usize> = (0..long_ends.len())
        .filter(|&g| promo[g] >= OVERLAP_FROM)
        .collect();
    let mut out = vec![0.0; long_ends.len()];
    if candidates.is_empty() {
        return out;
    }
    // Each candidate word, and how often the prose uses it (up to 255).
    let mut met: HashMap<u64, u8, foldhash::fast::RandomState> = HashMap::default();
    for &g in &candidates {
        for &w in words_of(g) {
            met.insert(w, 0);
        }
    }
    // A bit per word's top bits rules out most of the prose's words with
    // one test, not a lookup: 64 bits per candidate word, at least 4,096.
    let bits = (met.len() * 64).next_power_of_two().max(4096);
    let mut maybe = vec![0u64; bits / 64];
    let slot = |w: u64| {
        let b = (w >> 32) as usize & (bits - 1);
        (b / 64, 1u64 << (b % 64))
    };
    for &w in met.keys() {
        let (i, b) = slot(w);
        maybe[i] |= b;
    }
    for g in 0..long_ends.len() {
        // The page's prose only: its menus and its own boxes (a newsletter
        // box in the footer) share words with an insert. A candidate is
        // not prose, so its own words never count as met.
        if words[g] < OVERLAP_CONTEXT_WORDS || promo[g] >= OVERLAP_FROM {
            continue;
        }
        for &w in words_of(g) {
            let (i, b) = slot(w);
            if maybe[i] & b != 0 {
                if let Some(m) = met.get_mut(&w) {
                    *m = m.saturating_add(1);
                }
            }
        }
    }
    let mut distinct = Vec::new();
    for g in candidates {
        distinct.clear();
        distinct.extend_from_slice(words_of(g));
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.is_empty() {
            continue;
        }
        // Of all its noted words, and of those longer than six bytes:
        // whichever is higher (see above); none for one word met once
        // (see `LONE_WORD_SURE`).
        let (mut all, mut long, mut recurring) = ((0u32, 0u32), (0u32, 0u32), false);
        for &w in &distinct {
            let times = met.get(&w).copied().unwrap_or(0);
            let met = (times > 0) as u32;
            recurring |= times >= 2;
            all = (all.0 + met, all.1 + 1);
            if w & 1 == 0 {
                long = (long.0 + met, long.1 + 1);
            }
        }
        if all.0 < 2 && !recurring && promo[g] >= LONE_WORD_SURE {
            continue;
        }
        let share = |(met, of): (u32, u32)| if of == 0 { 0.0 } else { met as f32 / of as f32 };
        out[g] = share(all).max(share(long));
    }
    out
}
