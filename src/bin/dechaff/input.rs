//! Reading inputs: files or stdin, decoded as UTF-8 (lossily, with a warning).

use std::io::{self, Read};
use std::path::Path;

use crate::Format;

/// Reads a file, or stdin for `None`. Invalid UTF-8 is replaced (U+FFFD)
/// and reported on stderr; a leading byte-order mark is dropped.
pub fn read(path: Option<&Path>) -> io::Result<String> {
    let bytes = match path {
        Some(p) => std::fs::read(p)?,
        None => {
            let mut buf = Vec::new();
            io::stdin().lock().read_to_end(&mut buf)?;
            buf
        }
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    Ok(match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let name = path.map_or("<stdin>".into(), |p| p.display().to_string());
            eprintln!("dechaff: warning: {name} is not valid UTF-8; invalid bytes replaced");
            String::from_utf8_lossy(bytes).into_owned()
        }
    })
}

/// Whether the input is to be read as HTML: forced by `--format`, or with
/// `auto` when its start looks like markup.
pub fn is_html(text: &str, format: Format) -> bool {
    match format {
        Format::Html => true,
        Format::Text => false,
        Format::Auto => looks_like_html(text),
    }
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(1024)
        .flat_map(char::to_lowercase)
        .collect();
    head.starts_with('<')
        && [
            "<!doctype html",
            "<html",
            "<head",
            "<body",
            "<meta",
            "<div",
            "<p>",
            "<!--",
        ]
        .iter()
        .any(|t| head.contains(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_markup() {
        assert!(looks_like_html("\n <!DOCTYPE html><html><body>x"));
        assert!(looks_like_html("<div class=a>text</div>"));
        assert!(!looks_like_html("Plain text mentioning <html> later"));
        assert!(!looks_like_html("<3 love it"));
    }
}
