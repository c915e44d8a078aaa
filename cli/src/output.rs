//! Printing results: the body, an explanation per paragraph, or JSON.

use std::io::{self, Write};
use std::path::Path;

use dechaff::{Class, Paragraph, Stripped};
use serde_json::{Value, json};

/// The clean body followed by a newline (nothing for an empty body).
pub fn body(out: &mut impl Write, s: &Stripped<'_>) -> io::Result<()> {
    let body = s.body();
    if !body.is_empty() {
        writeln!(out, "{body}")?;
    }
    Ok(())
}

/// One block per paragraph: verdict, score, class and a preview; then the
/// rules that fired with their weights and matches; then the context reason
/// when context, not the score alone, decided.
pub fn explain(out: &mut impl Write, s: &Stripped<'_>) -> io::Result<()> {
    writeln!(out, "# language: {}", s.language().unwrap_or("unknown"))?;
    for (i, p) in s.paragraphs().iter().enumerate() {
        let verdict = if p.kept { "KEEP" } else { "CUT " };
        writeln!(
            out,
            "{verdict} #{i:<3} {:+5.1} {:<5} {}| {}",
            p.score,
            class_name(p.class),
            tag(p),
            preview(s.paragraph_text(p), 100)
        )?;
        for h in &p.hits {
            let matched = h
                .span
                .as_ref()
                .map(|r| format!(" {:?}", preview(&s.text()[r.clone()], 40)))
                .unwrap_or_default();
            writeln!(
                out,
                "        {:+.1} {}{matched}",
                h.rule.weight, h.rule.name
            )?;
        }
        if p.reason != dechaff::Reason::Score {
            writeln!(out, "        context: {}", p.reason.describe())?;
        }
    }
    Ok(())
}

/// The result as one JSON object on one line.
pub fn json(
    out: &mut impl Write,
    s: &Stripped<'_>,
    file: Option<&str>,
    title: Option<&str>,
) -> io::Result<()> {
    let mut v = to_json(s, file);
    if let Some(t) = title {
        v["title"] = json!(t);
    }
    writeln!(out, "{v}")
}

/// The result as a JSON value: body, language and every paragraph.
pub fn to_json(s: &Stripped<'_>, file: Option<&str>) -> Value {
    let paragraphs: Vec<Value> = s
        .paragraphs()
        .iter()
        .map(|p| {
            let rules: Vec<Value> = p
                .hits
                .iter()
                .map(|h| {
                    json!({
                        "name": h.rule.name,
                        "weight": h.rule.weight,
                        "span": h.span.as_ref().map(|r| [r.start, r.end]),
                    })
                })
                .collect();
            let mut v = json!({
                "start": p.range.start,
                "end": p.range.end,
                "text": s.paragraph_text(p),
                "kept": p.kept,
                "class": class_name(p.class),
                "reason": p.reason.describe(),
                "score": p.score,
                "rules": rules,
            });
            if let Some(d) = p.features.dom {
                v["tag"] = json!(d.tag);
                v["link_density"] = json!(d.link_density);
            }
            v
        })
        .collect();
    let mut v = json!({
        "language": s.language(),
        "body": s.body(),
        "paragraphs": paragraphs,
    });
    if let Some(f) = file {
        v["file"] = json!(f);
    }
    v
}

/// `<tag> ` for a paragraph from HTML, nothing for text.
pub fn tag(p: &Paragraph<'_>) -> String {
    p.features
        .dom
        .map(|d| format!("<{}> ", d.tag))
        .unwrap_or_default()
}

pub fn class_name(c: Class) -> &'static str {
    match c {
        Class::Good => "good",
        Class::NearGood => "near",
        Class::Short => "short",
        Class::Bad => "bad",
    }
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
/// a half-written file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}
