//! Printing results: the body, an explanation per paragraph, or JSON.

use std::io::{self, Write};
use std::path::Path;

use dechaff::{Paragraph, Stripped};
use serde_json::{Value, json};

/// One block per paragraph: verdict, score, class and a preview; then the
/// rules that fired with their weights and matches; then the context reason
/// when context, not the score alone, decided.
pub fn explain(out: &mut impl Write, s: &Stripped<'_>) -> io::Result<()> {
    writeln!(out, "# language: {}", s.language().unwrap_or("unknown"))?;
    if s.relaxed() {
        writeln!(
            out,
            "# relaxed: the page kept under a quarter of its prose, so it was decided \
             again without its weak rules (the class words of its markup)"
        )?;
    }
    if s.from_structured_data() {
        writeln!(
            out,
            "# structured data: the page's markup kept nearly nothing, so these are the \
             paragraphs of the article its JSON-LD states (articleBody, or a how-to's steps)"
        )?;
    }
    if s.extracted_body() {
        writeln!(
            out,
            "# extracted body: no menu, share line, copyright or comment chrome, so the \
             text is read as an article body and its main text runs from its first prose \
             paragraph to its last"
        )?;
    }
    for (i, p) in s.paragraphs().enumerate() {
        let verdict = if p.kept { "KEEP" } else { "CUT " };
        writeln!(
            out,
            "{verdict} #{i:<3} {:+5.1} {:<5} {}| {}",
            p.score,
            p.class.name(),
            tag(&p),
            preview(p.text(), 100)
        )?;
        for h in p.hits() {
            let matched = h
                .span
                .as_ref()
                .map(|r| format!(" {:?}", preview(&s.text()[r.clone()], 40)))
                .unwrap_or_default();
            let dropped = if s.relaxed() && h.rule.weak {
                " (weak: not counted)"
            } else {
                ""
            };
            writeln!(
                out,
                "        {:+.1} {}{matched}{dropped}",
                h.rule.weight, h.rule.name
            )?;
        }
        let promo = p.feature(dechaff::Feature::PromoModel);
        if promo >= PROMO_MODEL_SHOWN {
            let grams: Vec<String> = p
                .promo_ngrams(PROMO_NGRAMS_SHOWN)
                .iter()
                .map(|(g, w)| format!("{:?} {w:+.1}", preview(g, 30)))
                .collect();
            writeln!(out, "        promo model {promo:.2}: {}", grams.join(", "))?;
        }
        if p.reason != dechaff::Reason::Score {
            writeln!(out, "        context: {}", p.reason.describe())?;
        }
    }
    Ok(())
}

/// `--explain` names what pushed the learned promo scorer for paragraphs
/// it scores at least this high, up to this many words and word pairs.
const PROMO_MODEL_SHOWN: f64 = 0.5;
const PROMO_NGRAMS_SHOWN: usize = 5;

/// The result as one JSON object on one line.
pub fn json(out: &mut impl Write, s: &Stripped<'_>, file: Option<&str>) -> io::Result<()> {
    writeln!(out, "{}", to_json(s, file))
}

/// The result as a JSON value: title (HTML), language, body and every
/// paragraph, in the library's serde shape (docs/output.md), and the file.
pub fn to_json(s: &Stripped<'_>, file: Option<&str>) -> Value {
    let mut v = serde_json::to_value(s).unwrap_or(Value::Null);
    if let Some(f) = file {
        v["file"] = json!(f);
    }
    v
}

/// `<tag> ` for a paragraph from HTML, nothing for text.
pub fn tag(p: &Paragraph<'_>) -> String {
    p.tag().map(|t| format!("<{t}> ")).unwrap_or_default()
}

/// The first `n` chars of `text` on one line.
pub fn preview(text: &str, n: usize) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .take(n + 1)
        .collect();
    if one_line.chars().count() > n {
        one_line.chars().take(n).collect::<String>() + "…"
    } else {
        one_line
    }
}

/// Writes `path.tmp` and renames it over `path`, so that a reader never sees
/// a half-written file. A device or a pipe (`/dev/null`, a FIFO) is written
/// as it is: the rename would replace it with a file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        return std::fs::OpenOptions::new()
            .write(true)
            .open(path)?
            .write_all(bytes);
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}
