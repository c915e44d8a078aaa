//! Hostile inputs of growing size: every one completes, without a panic, with
//! the output it must have. Time per size is measured by the `adversarial`
//! benchmark group (`cargo bench --bench engine -- adversarial`) and by
//! `cargo run --release --example growth`, not here.

use dechaff::Stripper;

fn html(input: &[u8]) -> (usize, String) {
    let s = Stripper::shared();
    let page = s.parse_html(input);
    let blocks = page.blocks().count();
    (blocks, s.strip_page(&page).body())
}

#[test]
fn a_million_br() {
    // Two <br> end a paragraph: a million blocks of one letter.
    let input = "x<br><br>".repeat(1_000_000);
    let (blocks, body) = html(input.as_bytes());
    assert_eq!(blocks, 1_000_000);
    assert_eq!(body, "");
    // One <br> breaks a line: one block of a million lines.
    let input = "x<br>".repeat(1_000_000);
    let (blocks, body) = html(input.as_bytes());
    assert_eq!(blocks, 1);
    assert_eq!(body, "");
}

#[test]
fn ten_thousand_deep_nesting_and_unclosed_tags() {
    let prose = "The council approved the new budget on Tuesday after a long debate that went on late into the night, the mayor said.";
    for open in ["<div>", "<span>", "<p><b>", "<table><tr><td>", "<ul><li>"] {
        let input = open.repeat(10_000) + "<p>" + prose;
        let (_, body) = html(input.as_bytes());
        assert_eq!(body, prose, "{open}");
    }
}

#[test]
fn pages_without_body_or_with_garbage() {
    for input in [
        &b""[..],
        b"<html><head><title>only a title",
        b"<!DOCTYPE html><html></html>",
        b"\0\0\0\xff\xfe\xfd<<<<>>>>&&&&;;;;",
        b"<script>never closed <p>text",
        b"<svg><p>inside svg",
        b"<![CDATA[x]]><!-- unclosed comment",
    ] {
        let (_, body) = html(input);
        assert!(body.len() < 100);
    }
}

#[test]
fn a_ten_megabyte_page() {
    let para = "<p>The council approved the new budget on Tuesday after a long debate, the mayor said.</p>";
    let input = format!(
        "<html><body><article>{}</article></body></html>",
        para.repeat(120_000)
    );
    assert!(input.len() > 10 << 20);
    let (blocks, body) = html(input.as_bytes());
    assert_eq!(blocks, 120_000);
    assert!(body.starts_with("The council approved"));
}

#[test]
fn megabyte_runs_that_look_like_urls_emails_and_phones() {
    let s = Stripper::shared();
    for run in [
        "http://a.b/".repeat(100_000),
        "a@b.co ".repeat(150_000),
        "+1 555 123 ".repeat(100_000),
        "www.".repeat(250_000),
    ] {
        let stripped = s.strip(&run);
        assert_eq!(stripped.paragraphs().len(), 1);
    }
    let one_word = "w\n\n".repeat(1_000_000);
    assert_eq!(s.strip(&one_word).paragraphs().len(), 1_000_000);
}
