//! What a rule's `when` condition can test: [`Feature`], and the
//! measurements of one paragraph, [`Features`].

use super::dom::Dom;

/// A measurable property of a paragraph, usable in a rule's `when` condition.
///
/// Ratios are in `0.0..=1.0`; counts are whole numbers; flags are `0` or `1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Feature {
    /// Number of words (a CJK character counts as one word).
    Words,
    /// Number of characters, whitespace excluded.
    Chars,
    /// Share of words that are stopwords of the document language.
    Stopwords,
    /// Mean word length in characters.
    WordLength,
    /// 1 when the paragraph ends like a sentence (`.`, `!`, `?`, `…`, possibly inside quotes).
    EndsSentence,
    /// 1 when the paragraph ends with a colon (a lead-in to what follows).
    EndsColon,
    /// Number of sentence ends (terminal punctuation followed by a space or the end).
    Sentences,
    /// Share of letters that are capitals.
    Capitals,
    /// Share of words that start with a capital letter.
    TitleWords,
    /// Share of non-space characters that are digits.
    Digits,
    /// Share of non-space characters that are neither letters, digits nor common punctuation.
    Symbols,
    /// Number of URLs and bare domain names (`example.com`).
    Urls,
    /// Number of e-mail addresses, obfuscated ones (`name [at] site dot com`) included.
    Emails,
    /// Number of phone numbers.
    Phones,
    /// URLs, e-mail addresses and phone numbers together: how to reach a
    /// seller, a booking or a hotline.
    Contacts,
    /// 1 when one of those is in the paragraph's last clause (only up to 80
    /// chars without a sentence end follow it): where to buy or book, as an
    /// advertorial ends.
    ContactCloses,
    /// Number of `@handles`.
    Handles,
    /// Number of `#hashtags`.
    Hashtags,
    /// Number of `|`, `»`, `›`, `/` and `·` separators between words (menus, breadcrumbs).
    Separators,
    /// Share of the whole document's words that are stopwords of its language:
    /// low when the stoplist fits the language poorly (Korean, say).
    DocStopwords,
    /// Position in the document: 0 for the first paragraph, 1 for the last.
    Position,
    /// Index of the paragraph, from 0.
    Index,
    /// Paragraphs after this one.
    FromEnd,
    /// How many other paragraphs of the document have the same text.
    Repeats,
    /// How many paragraphs before this one have the same text.
    EarlierCopies,
    /// 1 on the second of two copies of a line whose first copy is an
    /// entry of a table of contents: the entry next to the first copy is
    /// also the first of two, its second copy on the same side of this one
    /// and not next to it, and this copy opens a paragraph of its own text
    /// (a section heading, written once more in the contents above it).
    HeadingCopy,
    /// Number of lines in the paragraph.
    Lines,
    /// 1 when the paragraph is a turn of an interview or dialogue: it opens
    /// with a speaker's label and a colon (`Q:`, `A:`, `Prof. Carlos:`,
    /// `Frage:`), its label opens another paragraph too, and a second label
    /// does the same. A company's "we" and "our offer" are its answers, not
    /// an ad.
    SpeakerTurn,
    /// The learned promo scorer's probability that the paragraph is
    /// promotional (0 for a paragraph of under five words, unless it
    /// stands alone between two paragraphs of five words or more).
    PromoModel,
    /// Share of the document's words, in paragraphs of five words or more,
    /// that lie in paragraphs the promo scorer gives 0.5 or more: high on
    /// a page whose main text is itself commercial (a shop, a deals post),
    /// where promotion is the content rather than an insert. A paragraph
    /// of a fifth of those words or more is measured against the rest of
    /// the page, not its own words. 0 for a document of fewer than 150
    /// such words.
    DocPromo,
    /// How many other paragraphs of the document, of five words or more,
    /// the promo scorer gives 0.5 or more: a page is commercial when many
    /// of its paragraphs sell, where an article carrying a few ads (one at
    /// its start, one in the middle, one at the end) has a high
    /// `doc_promo` when it is short, from the ads' own words.
    DocPromoParagraphs,
    /// How far the promo scorer's probability for the paragraph lies above
    /// its upper quartile over the document's paragraphs of 15 words or
    /// more: an insert stands out from the article around it, where a
    /// page written in a register the scorer leans to (a first-person
    /// blog) lifts every paragraph alike. 0 for a document of fewer than
    /// five such paragraphs, or when it lies below.
    PromoLift,
    /// Share of the paragraph's distinct long words (over six bytes, not
    /// stopwords: `subscribe`, `Gesellschaft`, `погода`) that the page's
    /// prose uses too (its other paragraphs of ten words or more that the
    /// promo scorer does not lean to): an article's paragraphs share its
    /// names and subject, where an insert (an ad in an article) shares
    /// few. Computed for the paragraphs the promo scorer finds at least
    /// 0.4 likely promotional; 0 for the others, and for a paragraph
    /// without long words. Six-byte words (`Amazon`, `iPhone`) count
    /// too, in a second share taken with them; the higher share is the
    /// feature. In Chinese and Japanese, where a char is a word, two
    /// adjacent Han or katakana chars count as one long word. A paragraph
    /// the scorer is 0.9 sure of that shares a single word with the page's
    /// prose, used there once, gets 0: a page in its language shares its
    /// everyday words with any paragraph. Copies of a paragraph share one
    /// value, read with the highest score among them.
    PageOverlap,
    /// How much the paragraph is shaped like prose in any language, as the
    /// share of five tests it passes: 4 to 50 words per sentence end, a
    /// mean word length of 3 to 9 characters, under 10% digits, under 3%
    /// symbols, under half the words capitalised (where most words are CJK
    /// characters, 8 to 120 of them per sentence end, and any word length).
    /// Prose in a language without a stoplist passes them all.
    ProseShape,
    /// 1 when the paragraph comes from HTML (and DOM features are known).
    Html,
    /// HTML: share of the characters that are inside links.
    LinkDensity,
    /// HTML: number of open elements above the paragraph's block element.
    Depth,
    /// HTML: 1 when the paragraph is a heading (`h1`–`h6`).
    Heading,
    /// HTML: 1 when the paragraph lies in the main content container.
    InMain,
    /// HTML: 1 when the paragraph is the first or last block of a run of
    /// blocks in the main content container.
    MainEdge,
}

impl Feature {
    /// The number of features.
    pub const COUNT: usize = Feature::ALL.len();

    /// Every feature with the name it has in rule files, in declaration order.
    pub const ALL: &'static [(&'static str, Feature)] = &[
        ("words", Feature::Words),
        ("chars", Feature::Chars),
        ("stopwords", Feature::Stopwords),
        ("word_length", Feature::WordLength),
        ("ends_sentence", Feature::EndsSentence),
        ("ends_colon", Feature::EndsColon),
        ("sentences", Feature::Sentences),
        ("capitals", Feature::Capitals),
        ("title_words", Feature::TitleWords),
        ("digits", Feature::Digits),
        ("symbols", Feature::Symbols),
        ("urls", Feature::Urls),
        ("emails", Feature::Emails),
        ("phones", Feature::Phones),
        ("contacts", Feature::Contacts),
        ("contact_closes", Feature::ContactCloses),
        ("handles", Feature::Handles),
        ("hashtags", Feature::Hashtags),
        ("separators", Feature::Separators),
        ("doc_stopwords", Feature::DocStopwords),
        ("position", Feature::Position),
        ("index", Feature::Index),
        ("from_end", Feature::FromEnd),
        ("repeats", Feature::Repeats),
        ("earlier_copies", Feature::EarlierCopies),
        ("heading_copy", Feature::HeadingCopy),
        ("lines", Feature::Lines),
        ("speaker_turn", Feature::SpeakerTurn),
        ("promo_model", Feature::PromoModel),
        ("doc_promo", Feature::DocPromo),
        ("doc_promo_paragraphs", Feature::DocPromoParagraphs),
        ("promo_lift", Feature::PromoLift),
        ("page_overlap", Feature::PageOverlap),
        ("prose_shape", Feature::ProseShape),
        ("html", Feature::Html),
        ("link_density", Feature::LinkDensity),
        ("depth", Feature::Depth),
        ("heading", Feature::Heading),
        ("in_main", Feature::InMain),
        ("main_edge", Feature::MainEdge),
    ];

    /// Whether the feature is known only for HTML input (0 on plain text).
    pub fn is_dom(self) -> bool {
        matches!(
            self,
            Feature::Html
                | Feature::LinkDensity
                | Feature::Depth
                | Feature::Heading
                | Feature::InMain
                | Feature::MainEdge
        )
    }

    /// Whether two paragraphs of a document with the same text may differ
    /// in this feature (where they stand). DOM features differ too; they
    /// are 0 on plain text.
    pub(crate) fn differs_between_copies(self) -> bool {
        matches!(
            self,
            Feature::Position
                | Feature::Index
                | Feature::FromEnd
                | Feature::EarlierCopies
                | Feature::HeadingCopy
        )
    }

    /// The feature called `name` in rule files.
    pub fn from_name(name: &str) -> Option<Feature> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|&(_, f)| f)
    }

    /// The name of this feature in rule files.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|&&(_, f)| f == self)
            .map_or("?", |&(n, _)| n)
    }
}

/// Prose holds digits in under this share of its chars ([`Features`]'
/// `prose_shape`, and the main container's prose weight, which keeps it
/// for CJK too).
pub(crate) const PROSE_DIGIT_SHARE: f64 = 0.1;

/// CJK characters to a word of a spaced language (see [`Features::spaced_words`]).
const CJK_CHARS_PER_WORD: u32 = 2;

/// The measurements of one paragraph.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Features {
    /// Words (CJK characters count one each).
    pub words: u32,
    /// Non-whitespace characters.
    pub chars: u32,
    /// Words that are stopwords of the document language.
    pub stopwords: u32,
    /// Letters.
    pub letters: u32,
    /// Capital letters.
    pub capitals: u32,
    /// Words starting with a capital.
    pub title_words: u32,
    /// Digits.
    pub digits: u32,
    /// Symbols: not letters, digits, whitespace or common punctuation.
    pub symbols: u32,
    /// Characters inside words.
    pub word_chars: u32,
    /// Words that are one character: Han and kana, and the letters and
    /// marks of Thai, Lao, Myanmar and Khmer (scripts without spaces
    /// between words).
    pub cjk_words: u32,
    /// Ends like a sentence.
    pub ends_sentence: bool,
    /// Ends with a colon.
    pub ends_colon: bool,
    /// Opens with a figure (a teaser's date or time, "08-10 09:15 …").
    pub opens_with_figure: bool,
    /// Sentence ends.
    pub sentences: u32,
    /// URLs and bare domains.
    pub urls: u32,
    /// E-mail addresses, obfuscated ones included.
    pub emails: u32,
    /// Phone numbers.
    pub phones: u32,
    /// A URL, e-mail address or phone number is in the last clause.
    pub contact_closes: bool,
    /// `@handles`.
    pub handles: u32,
    /// `#hashtags`.
    pub hashtags: u32,
    /// Menu and breadcrumb separators.
    pub separators: u32,
    /// Lines.
    pub lines: u32,
    /// A turn of an interview (see [`Feature::SpeakerTurn`]).
    pub speaker_turn: bool,
    /// The learned promo scorer's probability, `0.0..=1.0`: 0 for a
    /// paragraph of under five words, unless it stands alone between two
    /// paragraphs of five words or more.
    pub promo_model: f32,
    /// Share of the document's words in paragraphs the promo scorer leans
    /// towards (see [`Feature::DocPromo`]).
    pub doc_promo: f32,
    /// Other paragraphs the promo scorer leans towards (see
    /// [`Feature::DocPromoParagraphs`]).
    pub doc_promo_paragraphs: u32,
    /// The promo scorer's probability less its upper quartile over the document
    /// (see [`Feature::PromoLift`]).
    pub promo_lift: f32,
    /// Share of the paragraph's distinct long words that the page's prose
    /// uses (see [`Feature::PageOverlap`]).
    pub page_overlap: f32,
    /// Index of the paragraph in the document.
    pub index: u32,
    /// Number of paragraphs in the document.
    pub count: u32,
    /// Other paragraphs with the same text.
    pub repeats: u32,
    /// Paragraphs with the same text before this one.
    pub earlier_copies: u32,
    /// The index of the first paragraph with the same text, for a later copy.
    pub copy_of: Option<u32>,
    /// A section heading also written in a table of contents (see
    /// [`Feature::HeadingCopy`]).
    pub heading_copy: bool,
    /// Stopword share of the whole document, in its language.
    pub doc_stopwords: f32,
    /// Where the paragraph sits in the page, for HTML input.
    pub dom: Option<Dom>,
}

impl Features {
    /// The value of `feature`, as rule conditions compare it.
    pub fn get(&self, feature: Feature) -> f64 {
        self.values()[feature as usize]
    }
}

impl Features {
    /// Words as a language that spaces its words counts them: the scripts
    /// without spaces count a character a word (`cjk_words`), and a word is
    /// about two of them (Chinese averages under two characters a word,
    /// Japanese with its kana over two), so that length limits set in words
    /// (a teaser's lead, a headline) hold for those scripts too. Thai, Lao,
    /// Myanmar and Khmer count every letter and mark, so their words stay
    /// overcounted, if less.
    pub(crate) fn spaced_words(&self) -> u32 {
        let unspaced = self.cjk_words.min(self.words);
        self.words - unspaced + unspaced.div_ceil(CJK_CHARS_PER_WORD)
    }

    /// Whether digits are under `share` of the paragraph's chars.
    pub(crate) fn digits_under(&self, share: f64) -> bool {
        (self.digits as f64) < share * self.chars.max(1) as f64
    }

    /// [`Feature::ProseShape`]: the share of the language-neutral prose
    /// tests passed.
    fn prose_shape(&self) -> f64 {
        if self.words == 0 {
            return 0.0;
        }
        let words = self.words as f64;
        let per_sentence = words / self.sentences.max(1) as f64;
        let word_length = self.word_chars as f64 / words;
        let chars = self.chars.max(1) as f64;
        // Chinese, Japanese and the Thai-type scripts count a character a
        // word: a sentence holds more of them, and their length says nothing.
        let cjk = 2 * self.cjk_words > self.words;
        let (sentence_range, word_range) = if cjk {
            (8.0..=120.0, 1.0..=9.0)
        } else {
            (4.0..=50.0, 3.0..=9.0)
        };
        // In those scripts a figure takes a char per digit where a word
        // takes one or two ("8400万人" is two-thirds digits): a paragraph
        // that ends its sentence may hold more of them, unless it opens
        // with one: a related teaser opens with its date and time, and its
        // lead may end a sentence.
        let digit_share = if cjk && self.ends_sentence && !self.opens_with_figure {
            0.25
        } else {
            PROSE_DIGIT_SHARE
        };
        let tests = [
            self.sentences >= 1 && sentence_range.contains(&per_sentence),
            word_range.contains(&word_length),
            self.digits_under(digit_share),
            (self.symbols as f64) < 0.03 * chars,
            (self.title_words as f64) < 0.5 * words,
        ];
        tests.iter().filter(|&&t| t).count() as f64 / tests.len() as f64
    }

    /// The value of every feature, indexed by `feature as usize` (the order
    /// of [`Feature::ALL`]): the rule pass computes them once per paragraph.
    pub(crate) fn values(&self) -> [f64; Feature::COUNT] {
        let ratio = |a: u32, b: u32| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let position = if self.count <= 1 {
            0.0
        } else {
            self.index as f64 / (self.count - 1) as f64
        };
        let mut values = [
            self.words as f64,
            self.chars as f64,
            ratio(self.stopwords, self.words),
            ratio(self.word_chars, self.words),
            self.ends_sentence as u8 as f64,
            self.ends_colon as u8 as f64,
            self.sentences as f64,
            ratio(self.capitals, self.letters),
            ratio(self.title_words, self.words),
            ratio(self.digits, self.chars),
            ratio(self.symbols, self.chars),
            self.urls as f64,
            self.emails as f64,
            self.phones as f64,
            (self.urls + self.emails + self.phones) as f64,
            self.contact_closes as u8 as f64,
            self.handles as f64,
            self.hashtags as f64,
            self.separators as f64,
            self.doc_stopwords as f64,
            position,
            self.index as f64,
            self.count.saturating_sub(self.index + 1) as f64,
            self.repeats as f64,
            self.earlier_copies as f64,
            self.heading_copy as u8 as f64,
            self.lines as f64,
            self.speaker_turn as u8 as f64,
            self.promo_model as f64,
            self.doc_promo as f64,
            self.doc_promo_paragraphs as f64,
            self.promo_lift as f64,
            self.page_overlap as f64,
            self.prose_shape(),
            // The DOM features: 0 on plain text.
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
        ];
        if let Some(dom) = &self.dom {
            values[Feature::Html as usize] = 1.0;
            values[Feature::LinkDensity as usize] = dom.link_density as f64;
            values[Feature::Depth as usize] = dom.depth as f64;
            values[Feature::Heading as usize] = dom.heading_level().is_some() as u8 as f64;
            values[Feature::InMain as usize] = dom.in_main as u8 as f64;
            values[Feature::MainEdge as usize] = dom.main_edge as u8 as f64;
        }
        values
    }
}
