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
        None if std::str::from_utf8(bytes).is_ok() => encoding_rs::UTF_8,
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
