//! Labelled pages in several languages: each line of a fixture is a
//! paragraph, `+ ` to keep, `- ` to cut. News that merely looks promotional
//! (an e-mail address, a price, "press release", a @handle, subscribers,
//! cookies, an app) must stay; chaff of every category must go. All
//! mismatches of all fixtures are reported at once.

use std::path::Path;

struct Expected {
    keep: bool,
    text: String,
}

fn load(path: &Path) -> Vec<Expected> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (mark, text) = l.split_at(2);
            assert!(
                mark == "+ " || mark == "- ",
                "{}: bad line {l:?}",
                path.display()
            );
            Expected {
                keep: mark == "+ ",
                text: text.to_string(),
            }
        })
        .collect()
}

fn check(layout_sep: &str) -> Vec<String> {
    let stripper = dechaff::Stripper::shared();
    let mut failures = Vec::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    assert!(paths.len() >= 6, "fixtures missing");
    for path in paths {
        let expected = load(&path);
        let text: Vec<&str> = expected.iter().map(|e| e.text.as_str()).collect();
        let text = text.join(layout_sep);
        let stripped = stripper.strip(&text);
        let got: Vec<_> = stripped.paragraphs().collect();
        assert_eq!(
            got.len(),
            expected.len(),
            "{}: segmentation",
            path.display()
        );
        for (p, e) in got.iter().zip(&expected) {
            if p.kept != e.keep {
                let rules: Vec<&str> = p.rule_names().collect();
                failures.push(format!(
                    "{} (sep {:?}): expected {} but {} ({:+.1}, {:?}, {}): {}",
                    path.file_name().unwrap().to_string_lossy(),
                    layout_sep,
                    if e.keep { "keep" } else { "cut" },
                    if p.kept { "kept" } else { "cut" },
                    p.score,
                    rules,
                    p.reason.describe(),
                    e.text
                ));
            }
        }
    }
    failures
}

fn assert_all_hold(layout_sep: &str) {
    let f = check(layout_sep);
    assert!(
        f.is_empty(),
        "{} wrong decisions:\n{}",
        f.len(),
        f.join("\n")
    );
}

#[test]
fn fixtures_blank_line_separated() {
    assert_all_hold("\n\n");
}

#[test]
fn fixtures_one_paragraph_per_line() {
    assert_all_hold("\n");
}

#[test]
fn body_keeps_order_and_separator() {
    let text = "Menu\n\nFirst long paragraph of the story, which tells what happened in the town on Monday and why it matters to those who live there.\n\nSecond long paragraph of the story, with more of what the witnesses said about the fire and how the firefighters fought it.\n\n© 2024 Paper";
    let body = dechaff::strip(text);
    assert!(body.starts_with("First long paragraph"), "{body}");
    assert!(
        body.contains("Monday and why it matters to those who live there.\n\nSecond"),
        "{body}"
    );
    assert!(!body.contains("Menu") && !body.contains('©'));
}
