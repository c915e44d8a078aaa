//! Contacts and links: URLs, e-mail addresses (obfuscated ones too), phones,
//! @handles and #hashtags. Each regex runs only where what the char scan saw
//! says it can match.

use std::sync::LazyLock;

use regex::Regex;

use super::features::Features;

/// What the char pass saw that the pattern counters need.
#[derive(Default)]
pub(super) struct Seen {
    pub(super) at: bool,
    pub(super) hash: bool,
    /// A `.` after `www` or before an ASCII letter, and `://`: every URL
    /// holds one (`www.`, `.com`, `https://`). Sentence ends are followed
    /// by a space.
    pub(super) url_dot: bool,
    pub(super) scheme: bool,
    /// The word `dot`, as obfuscated e-mail addresses spell it.
    pub(super) dot_word: bool,
    /// Where the paragraph's first colon is, plus one (0: none within the
    /// bytes a speaker label may take; see `super::speaker_label`).
    pub(super) colon: u32,
}

pub(super) static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:https?://|www\.)[^\s<>]+|(?-u:\b)[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|co|info|biz|me|tv|us|uk|de|fr|es|it|pt|br|ru|pl|nl|eu|in|au|ca|app|ly|jp|cn|id|kr|tw|hk|ch|at|be|se|dk|fi|no|cz|gr|tr|mx|ar|cl|ro|hu|ua|ie|nz|za|sg|my|ph|vn|th|shop|store|online|site|news|blog)(?-u:\b)(?:/[^\s<>]*)?",
    )
    .expect("valid URL regex")
});
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
        .expect("valid e-mail regex")
});
static EMAIL_OBFUSCATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)[a-z0-9._%+-]+\s*(?:[\[({<]\s*at\s*[\])}>]|\s+at\s+)\s*[a-z0-9-]+(?:\s*(?:[\[({<]\s*dot\s*[\])}>]|\s+dot\s+|\.)\s*[a-z0-9-]+)*?\s*(?:[\[({<]\s*dot\s*[\])}>]|\s+dot\s+)\s*[a-z]{2,6}(?-u:\b)",
    )
    .expect("valid obfuscated e-mail regex")
});
static PHONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\+?\(?\d[\d \t().-]{5,}\d").expect("valid phone regex"));
static HANDLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\w@.])@[A-Za-z0-9_]{2,30}").expect("valid handle regex"));
static HASHTAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)#\p{L}[\p{L}\p{N}_]+").expect("valid hashtag regex"));

/// Counts URLs, e-mail addresses, phones, handles and hashtags; each regex runs
/// only when what the char pass saw says it can match.
pub(super) fn count_patterns(text: &str, seen: &Seen, f: &mut Features) {
    let bytes = text.as_bytes();
    // Where the last contact ends.
    let mut last = 0;
    let mut count = |regex: &Regex| {
        regex
            .find_iter(text)
            .map(|m| last = last.max(m.end()))
            .count() as u32
    };
    if seen.scheme || (seen.url_dot && holds_domain(bytes)) {
        f.urls = count(&URL);
    }
    if seen.at {
        f.emails = count(&EMAIL);
        f.handles = HANDLE.find_iter(text).count() as u32;
        // An e-mail address also reads as a domain; count it once.
        f.urls = f.urls.saturating_sub(f.emails);
    }
    // Every obfuscated address spells out "dot" as a word; "at" is in
    // nearly every text.
    if seen.dot_word {
        f.emails += EMAIL_OBFUSCATED.find_iter(text).count() as u32;
    }
    if f.digits >= 7 {
        f.phones = PHONE
            .find_iter(text)
            .filter(|m| is_phone(m.as_str()))
            .map(|m| last = last.max(m.end()))
            .count() as u32;
    }
    f.contact_closes = last > 0 && closes(&text[last..]);
    if seen.hash {
        f.hashtags = HASHTAG.find_iter(text).count() as u32;
    }
}

/// The longest last clause after a contact, in chars.
const LAST_CLAUSE_CHARS: usize = 80;

/// Whether `rest`, what follows a paragraph's last contact, is the end of
/// its last clause: at most [`LAST_CLAUSE_CHARS`] chars and no sentence end
/// but a final one ("… bookable at example.co.uk.", "… 予約は example.jp
/// で受け付けている。").
fn closes(rest: &str) -> bool {
    let rest = rest
        .trim_end()
        .trim_end_matches(['.', '!', '?', '。', '！', '？']);
    rest.chars().nth(LAST_CLAUSE_CHARS).is_none()
        && !rest.contains(['.', '!', '?', '。', '！', '？'])
}

/// The top-level domains the URL regex knows, for its prefilter.
const TLDS: &[&[u8]] = &[
    b"com", b"net", b"org", b"io", b"co", b"info", b"biz", b"me", b"tv", b"us", b"uk", b"de",
    b"fr", b"es", b"it", b"pt", b"br", b"ru", b"pl", b"nl", b"eu", b"in", b"au", b"ca", b"app",
    b"ly", b"jp", b"cn", b"id", b"kr", b"tw", b"hk", b"ch", b"at", b"be", b"se", b"dk", b"fi",
    b"no", b"cz", b"gr", b"tr", b"mx", b"ar", b"cl", b"ro", b"hu", b"ua", b"ie", b"nz", b"za",
    b"sg", b"my", b"ph", b"vn", b"th", b"shop", b"store", b"online", b"site", b"news", b"blog",
];

/// The first two letters of the top-level domains, a bit per second
/// letter: most dots before a letter (`e.g.`, `Mr. Smith` has a space)
/// are ruled out by one lookup before the list is compared.
const TLD_STARTS: [u32; 26] = {
    let mut starts = [0u32; 26];
    let mut t = 0;
    while t < TLDS.len() {
        let tld = TLDS[t];
        starts[(tld[0] - b'a') as usize] |= 1 << (tld[1] - b'a');
        t += 1;
    }
    starts
};

/// Whether the URL regex can match without a scheme: `www.`, or a dot
/// followed by a known top-level domain. The regex itself starts with a
/// character class and scans slowly.
fn holds_domain(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'.', bytes).any(|i| {
        if i >= 3 && bytes[i - 3..i].eq_ignore_ascii_case(b"www") {
            return true;
        }
        let rest = &bytes[i + 1..];
        let pair = |a: u8, b: u8| {
            let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
            a.is_ascii_lowercase()
                && b.is_ascii_lowercase()
                && TLD_STARTS[(a - b'a') as usize] & (1 << (b - b'a')) != 0
        };
        matches!(rest, [a, b, ..] if pair(*a, *b))
            && TLDS.iter().any(|tld| {
                rest.len() >= tld.len()
                    && rest[..tld.len()].eq_ignore_ascii_case(tld)
                    && rest
                        .get(tld.len())
                        .is_none_or(|b| !b.is_ascii_alphanumeric())
            })
    })
}

/// A phone has 9 to 15 digits, or 7 and more behind a `+`, and at most
/// five groups; a run that opens with a date or a span of years is none
/// (see [`holds_date`]), nor one with two lone digits after its first
/// group: a row of a results table ("1 Kyle Busch 5040 5 1 17 27"). One
/// is a phone's: a switchboard's `0711 1234-0`, a tariff's `0180 5 123456`.
fn is_phone(s: &str) -> bool {
    let digits = s.bytes().filter(u8::is_ascii_digit).count();
    if s.starts_with('+') {
        return (7..=15).contains(&digits);
    }
    let groups = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty());
    let count = groups.clone().count();
    let lone = groups.skip(1).filter(|g| g.len() == 1).count();
    (9..=15).contains(&digits) && count <= 5 && lone < 2 && !holds_date(s)
}

/// Whether a run of digits and separators (as `PHONE` finds them: no `/`)
/// opens with a date or a span of years: `29.02.2020 19` (a date and an
/// hour), `2020-02-29 18`, `2008-2012 100` (a span of years and a count).
/// Only at its start: `010-2019-2020` is a phone, and a phone with a
/// trunk prefix (`02-751-1500`, `0711 12 34 56`) opens with no year.
fn holds_date(s: &str) -> bool {
    // The first three groups of digits, each with the char that follows it.
    let mut groups: Vec<(u32, usize, Option<char>)> = Vec::with_capacity(3);
    let mut rest = s;
    while groups.len() < 3 {
        let Some(start) = rest.find(|c: char| c.is_ascii_digit()) else {
            break;
        };
        rest = &rest[start..];
        let end = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let value = rest[..end].parse::<u32>().unwrap_or(u32::MAX);
        groups.push((value, end, rest[end..].chars().next()));
        rest = &rest[end..];
    }
    let year = |&(v, len, _): &(u32, usize, Option<char>)| len == 4 && (1900..=2099).contains(&v);
    let day = |&(v, len, _): &(u32, usize, Option<char>)| len <= 2 && (1..=31).contains(&v);
    let month = |&(v, len, _): &(u32, usize, Option<char>)| len <= 2 && (1..=12).contains(&v);
    match groups.as_slice() {
        [a, b, ..] if year(a) && a.2 == Some('-') && year(b) => true,
        [a, b, c] => {
            let joined = matches!(a.2, Some('.' | '-')) && a.2 == b.2;
            joined && ((year(a) && month(b) && day(c)) || (day(a) && month(b) && year(c)))
        }
        _ => false,
    }
}
