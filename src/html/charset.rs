//! The page's character encoding: a BOM, a `<meta>` declaration, valid
//! UTF-8, or chardetng's guess.

use std::borrow::Cow;

use encoding_rs::Encoding;

/// `bytes` as text: valid UTF-8 is checked a word at a time where it is
/// ASCII and borrowed (the lossy decoder walks it byte by byte), anything
/// else is decoded lossily.
pub(super) fn utf8(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// Decodes `bytes` as the page declares (BOM, `<meta charset>`, `http-equiv`),
/// else as UTF-8 when valid, else as chardetng guesses.
pub(crate) fn decode(bytes: &[u8]) -> (Cow<'_, str>, &'static Encoding) {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return (text, enc);
    }
    let declared = declared_encoding(&bytes[..bytes.len().min(4096)]);
    let enc = match declared {
        Some(enc) => enc,
        None if mostly_utf8(bytes) => encoding_rs::UTF_8,
        None => {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(&bytes[..bytes.len().min(1 << 16)], true);
            detector.guess(None, chardetng::Utf8Detection::Allow)
        }
    };
    let (text, _) = enc.decode_without_bom_handling(bytes);
    (text, enc)
}

/// The encoding named by the first `charset=` in the head, as browsers' prescan
/// finds it (a UTF-16 label in markup means UTF-8: the bytes were read as ASCII).
fn declared_encoding(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&lower[from..], b"charset") {
        let at = from + i + b"charset".len();
        from = at;
        let rest = &lower[at..];
        let rest = &rest[rest.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = &rest[rest
            .iter()
            .take_while(|&&b| b.is_ascii_whitespace() || b == b'"' || b == b'\'')
            .count()..];
        let label: Vec<u8> = rest
            .iter()
            .take_while(|&&b| !(b.is_ascii_whitespace() || b"\"';>/".contains(&b)))
            .copied()
            .collect();
        if let Some(enc) = Encoding::for_label(&label) {
            return Some(
                if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    encoding_rs::UTF_8
                } else if enc == encoding_rs::X_USER_DEFINED {
                    encoding_rs::WINDOWS_1252
                } else {
                    enc
                },
            );
        }
    }
    None
}

/// Valid UTF-8 chars outside ASCII needed per invalid sequence for a page
/// to be read as UTF-8 with replacements: a page in a legacy charset has
/// next to none of them (its accented letters are the invalid bytes),
/// while a UTF-8 page with a few bad bytes (a truncated char, one pasted
/// Latin-1 quote) has many.
const VALID_PER_INVALID: usize = 10;

/// Whether `bytes` are UTF-8, allowing a few invalid sequences in a page
/// that is otherwise full of valid non-ASCII chars. Decoding such a page
/// whole in a guessed legacy charset turned every one of its letters into
/// mojibake to save a few.
fn mostly_utf8(bytes: &[u8]) -> bool {
    if std::str::from_utf8(bytes).is_ok() {
        return true;
    }
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    invalid == 0 || valid >= VALID_PER_INVALID * invalid
}
