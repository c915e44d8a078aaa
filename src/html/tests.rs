//! Tests of the HTML front-end: blocks, hidden content, marks, hostile markup.

use super::*;

fn words(list: &[&str]) -> DomWords {
    let mut w = DomWords::default();
    for word in list {
        w.bit(word).unwrap();
    }
    w
}

fn blocks(html: &str) -> Vec<String> {
    let page = parse(html.as_bytes(), &DomWords::default());
    page.blocks()
        .map(|(r, _)| page.text[r].to_string())
        .collect()
}

#[test]
fn decomposed_characters_are_composed() {
    assert_eq!(
        blocks("<p>Gru\u{308}\u{df}e aus Mu\u{308}nchen</p>"),
        ["Grüße aus München"]
    );
}

#[test]
fn block_elements_make_blocks_and_whitespace_collapses() {
    let b = blocks(
        "<html><head><title>T</title><style>p{}</style></head><body>\
         <h1> A   title </h1><p>One <b>bold</b>\n word.<p>Two &amp; three</p>\
         <ul><li>x<li>y</ul><div>direct<br>after br</div></body></html>",
    );
    assert_eq!(
        b,
        [
            "A title",
            "One bold word.",
            "Two & three",
            "x",
            "y",
            "direct\nafter br"
        ]
    );
}

#[test]
fn one_br_breaks_a_line_two_end_a_paragraph_nbsp_is_a_space_and_soft_hyphens_go() {
    let b = blocks(
        "<p>The council met<br>\n on Tuesday.<br> <br>It voted.</p>\
         <p>A&nbsp;B&nbsp;&nbsp;C <a href=x>&nbsp;link</a>\u{a0}end</p>\
         <pre>x&nbsp;y<br>z&shy;z</pre><div><br>lead<br></div>\
         <p>Kiess&shy;ling has\u{ad} &shy; no soft hyphens.</p>\
         <p>プール&#8203;サイド, Bundes\u{2060}tag, \u{feff}BOM, 👩\u{200d}💻 dev</p>\
         <p>ภาษา&#8203;ไทย</p><pre>a&#8203;b</pre>",
    );
    assert_eq!(
        b,
        [
            "The council met\non Tuesday.",
            "It voted.",
            "A B C link end",
            "x y\nzz",
            "lead",
            "Kiessling has no soft hyphens.",
            // Zero-width spaces and word joiners render as nothing; the
            // zero-width joiner shapes the emoji and stays.
            "プールサイド, Bundestag, BOM, 👩\u{200d}💻 dev",
            // Between Thai letters it is the word break, and stays.
            "ภาษา\u{200b}ไทย",
            "ab"
        ]
    );
}

#[test]
fn hidden_and_script_content_is_dropped() {
    let b = blocks(
        "<p>seen</p><script>var x = '<p>no</p>';</script><div hidden>no</div>\
         <div aria-hidden=\"true\">no</div><div style=\"display: none\">no</div>\
         <noscript>no</noscript><svg><text>no</text></svg><button>no</button><p>end</p>",
    );
    assert_eq!(b, ["seen", "end"]);
}

#[test]
fn title_encoding_and_pre() {
    let page = parse(
        b"<meta charset=windows-1252><title> Caf\xe9\n news </title><pre>a\n  b\n</pre>",
        &DomWords::default(),
    );
    assert_eq!(page.title(), Some("Café news"));
    assert_eq!(page.encoding(), "windows-1252");
    assert_eq!(page.text(), "a\n  b");
}

#[test]
fn a_utf8_page_with_a_few_bad_bytes_stays_utf8() {
    // Cyrillic and accented Latin, then one stray Latin-1 byte.
    let mut html = "<p>Москва — это столица России, café, naïve, déjà vu. Привет, мир!</p>"
        .repeat(3)
        .into_bytes();
    html.extend_from_slice(b"<p>Price: 5\xa3 only</p>");
    let page = parse(&html, &DomWords::default());
    assert_eq!(page.encoding(), "UTF-8");
    assert!(
        page.text().contains("Москва — это столица"),
        "{}",
        page.text()
    );
    assert!(
        page.text().contains("Price: 5\u{fffd} only"),
        "{}",
        page.text()
    );
    // A legacy page (its accented letters are the invalid bytes) is still
    // detected as such.
    let latin1 =
        b"<p>Le caf\xe9 de la gare a rouvert ses portes apr\xe8s des ann\xe9es de travaux, \
        et les habitu\xe9s sont revenus d\xe8s le premier matin.</p>";
    let page = parse(latin1, &DomWords::default());
    assert_ne!(page.encoding(), "UTF-8");
    assert!(page.text().contains("café de la gare"), "{}", page.text());
}

#[test]
fn marks_come_from_tags_classes_and_ancestors() {
    let w = words(&["nav", "footer", "comment*", "share", "ad"]);
    let page = parse(
        b"<body class=comments-open><nav><a href=/>Home</a></nav>\
          <div class=\"post-footer\"><p>foot</p></div>\
          <div id=commentList><p>c</p></div>\
          <div class=shadow><p>not an ad</p><p class=ad-slot>ad</p></div>\
          <p>plain <a href=x>link</a></p>",
        &w,
    );
    let got: Vec<(String, u128, f32)> = page
        .blocks_with_dom()
        .map(|(r, d)| (page.text[r].to_string(), d.marks, d.link_density))
        .collect();
    let bit = |s: &str| w.clone().bit(s).unwrap();
    assert_eq!(got[0], ("Home".into(), bit("nav"), 1.0));
    assert_eq!(got[1].1, bit("footer"));
    assert_eq!(got[2].1, bit("comment*"));
    assert_eq!(got[3].1, 0);
    assert_eq!(got[4].1, bit("ad"));
    assert_eq!(got[5].1, 0);
    assert!((got[5].2 - 4.0 / 9.0).abs() < 1e-6);
}

#[test]
fn a_long_custom_element_closes_and_its_class_stays_inside() {
    // `</rkr-related-inline>` once failed to match its 18-byte name, and
    // every later paragraph of the article read as a "related" box.
    let w = words(&["related*"]);
    let page = parse(
        b"<article><p>before</p><rkr-related-inline class=rkr-related-inline>\
          <div><a href=/a>Read also</a></div></rkr-related-inline><p>after</p>\
          <a-custom-element-with-a-name-of-forty-bytes class=related><div>x</div>\
          </a-custom-element-with-a-name-of-forty-bytes><p>last</p></article>",
        &w,
    );
    let got: Vec<(String, u128)> = page
        .blocks_with_dom()
        .map(|(r, d)| (page.text[r].to_string(), d.marks))
        .collect();
    let related = w.clone().bit("related*").unwrap();
    assert_eq!(
        got,
        [
            ("before".to_string(), 0),
            ("Read also".to_string(), related),
            ("after".to_string(), 0),
            ("x".to_string(), related),
            ("last".to_string(), 0),
        ]
    );
}

#[test]
fn two_neighbouring_parts_of_a_class_make_a_hyphenated_word() {
    let w = words(&["author-box", "story-body", "nav"]);
    let bit = |s: &str| w.clone().bit(s).unwrap();
    let mut scratch = String::new();
    let mut of = |w: &DomWords, v: &str| w.marks_of_value(v.as_bytes(), &mut scratch);
    assert_eq!(of(&w, "author-box"), bit("author-box"));
    assert_eq!(of(&w, "td-author-box-wrap"), bit("author-box"));
    assert_eq!(of(&w, "ArticleAuthorBox_bio__V2kYh"), bit("author-box"));
    assert_eq!(of(&w, "id-Story-authorBox"), bit("author-box"));
    // Not apart, nor in the other order, nor across a state word.
    assert_eq!(of(&w, "author sidebox"), 0);
    assert_eq!(of(&w, "box-author"), 0);
    assert_eq!(of(&w, "author-with-box"), 0);
    // A mask keeps a pair from giving some words (a rule that counts for
    // the block), where the whole token still does.
    let mut masked = w.clone();
    masked.set_pair_mask(!bit("story-body"));
    assert_eq!(of(&masked, "story-body__share"), 0);
    assert_eq!(of(&masked, "story-body"), bit("story-body"));
    assert_eq!(of(&masked, "td-author-box"), bit("author-box"));
}

#[test]
fn a_post_format_class_names_the_post_not_a_box() {
    let w = words(&["aside", "gallery*"]);
    let bit = |s: &str| w.clone().bit(s).unwrap();
    let mut scratch = String::new();
    let mut of = |v: &str| w.marks_of_value(v.as_bytes(), &mut scratch);
    assert_eq!(of("post format-aside hentry"), 0);
    assert_eq!(of("single-format-gallery"), 0);
    assert_eq!(of("post_format-post-format-gallery"), 0);
    assert_eq!(of("article-layout__aside"), bit("aside"));
    assert_eq!(of("gallery-grid"), bit("gallery*"));
}

#[test]
fn prefixes_match_whatever_order_they_were_added_in_and_class_values_repeat_alike() {
    // Prefixes added out of first-byte order, two sharing a first byte.
    let w = words(&["share*", "comment*", "ad", "cookie*", "sidebar*", "a*"]);
    let bit = |s: &str| w.clone().bit(s).unwrap();
    let mut scratch = String::new();
    let mut of = |v: &str| w.marks_of_value(v.as_bytes(), &mut scratch);
    assert_eq!(of("commentList"), bit("comment*"));
    assert_eq!(of("cookiebar"), bit("cookie*"));
    assert_eq!(of("sharebar sidebar-left"), bit("share*") | bit("sidebar*"));
    assert_eq!(of("ad"), bit("ad") | bit("a*"));
    assert_eq!(of("article"), bit("a*"));
    assert_eq!(of("xcomment"), 0);
    assert_eq!(of("com"), 0);
    assert_eq!(of("Überschrift"), 0);
    // A token with non-ASCII bytes still splits into its parts.
    assert_eq!(of("größe-commentBox"), bit("comment*"));
    assert_eq!(of("ÉTIQUETTE sidebarLeft"), bit("sidebar*"));
    // An empty prefix marks every part.
    let w = words(&["nav", "*"]);
    let any = w.clone().bit("*").unwrap();
    assert_eq!(w.marks_of_value(b"story", &mut scratch), any);
    assert_eq!(
        w.marks_of_value(b"nav", &mut scratch),
        any | w.clone().bit("nav").unwrap()
    );
    // A class value met again (the page remembers it) marks as it did.
    let w = words(&["comment*"]);
    let page = parse(
        b"<div class=comment-body><p>one</p></div><div class=comment-body><p>two</p></div>\
          <div class=comment-body id=x><p>three</p></div>",
        &w,
    );
    let marks: Vec<u128> = page.blocks_with_dom().map(|(_, d)| d.marks).collect();
    assert_eq!(marks, vec![w.clone().bit("comment*").unwrap(); 3]);
}

#[test]
fn hostile_markup_stays_linear_and_safe() {
    let deep = "<div>".repeat(10_000) + "text" + &"</span>".repeat(10_000);
    assert_eq!(blocks(&deep), ["text"]);
    let brs = "a<br> <br>".repeat(10_000);
    assert_eq!(blocks(&brs).len(), 10_000);
    let lines = "a<br>".repeat(10_000);
    assert_eq!(blocks(&lines), [vec!["a"; 10_000].join("\n")]);
    for junk in [
        &b"<title>unclosed"[..],
        b"\0\xff\xfe<<>>&#0;&#xD800;",
        b"<p",
        b"</p></div>",
    ] {
        parse(junk, &DomWords::default());
    }
    let page = parse(b"<html><head><p>no head end", &DomWords::default());
    assert_eq!(page.text(), "no head end");
}

#[test]
fn detects_markup() {
    use crate::html::looks_like_html;
    assert!(looks_like_html(b"\n <!DOCTYPE html><html><body>x"));
    assert!(looks_like_html(b"\xEF\xBB\xBF<html><body>x"));
    assert!(looks_like_html(b"<div class=a>text</div>"));
    assert!(!looks_like_html(b"Plain text mentioning <html> later"));
    assert!(!looks_like_html(b"<3 love it"));
}

#[test]
fn the_headline_drops_the_site_name_and_prefers_og_title_then_the_only_h1() {
    use super::title::without_site_name;
    let cases = [
        (
            "Bees in decline | Environment | The Guardian",
            None,
            "Bees in decline",
        ),
        (
            "BBC News - Storm closes schools across the north",
            None,
            "Storm closes schools across the north",
        ),
        (
            "Protokoll vom 10. Oktober \u{2013} TALENT Schweiz",
            None,
            "Protokoll vom 10. Oktober",
        ),
        (
            "Daily Planet: a long headline here",
            Some("Daily Planet"),
            "Daily Planet: a long headline here",
        ),
        (
            "Short | Example News Network",
            Some("Example News Network"),
            "Short",
        ),
        ("No separator at all", None, "No separator at all"),
        ("Vote | City Gazette", None, "Vote"),
    ];
    for (title, site, want) in cases {
        assert_eq!(without_site_name(title, site), want, "{title}");
    }
    let page = |html: &str| parse(html.as_bytes(), &DomWords::default());
    let p = page("<title>Bees in decline | The Guardian</title><p>text</p>");
    assert_eq!(p.title(), Some("Bees in decline"));
    assert_eq!(p.document_title(), Some("Bees in decline | The Guardian"));
    let p = page(
        "<meta content=\"Bees  in decline\" property=\"og:title\"><meta property=og:site_name \
         content=\"The Guardian\"><title>Bees | The Guardian</title><p>text</p>",
    );
    assert_eq!(p.title(), Some("Bees in decline"));
    let p = page("<title>Bees | The Guardian</title><h1>Bees are back</h1><p>text</p>");
    assert_eq!(p.title(), Some("Bees are back"));
    assert_eq!(page("<p>no title</p>").title(), None);
}

#[test]
fn json_ld_is_kept_apart_from_the_text_and_bounded() {
    let script = |body: &str| format!("<script type=\" application/LD+json \">{body}</script>");
    let page = parse(
        format!(
            "{}<script>var x = 1;</script><p>Visible.</p>{}",
            script(r#"{"articleBody": "Stated."}"#),
            script("[]")
        )
        .as_bytes(),
        &DomWords::default(),
    );
    assert_eq!(page.text(), "Visible.");
    assert_eq!(
        page.structured_data,
        [r#"{"articleBody": "Stated."}"#, "[]"]
    );
    assert_eq!(
        page.structured_article().as_deref(),
        Some("<p>Stated.</p>\n")
    );
    // A page of many scripts, or of a huge one, keeps a bounded amount.
    let many = parse(script("{}").repeat(10_000).as_bytes(), &DomWords::default());
    assert_eq!(many.structured_data.len(), 256);
    let huge = script(&"x".repeat(5 << 20));
    let huge = parse(huge.as_bytes(), &DomWords::default());
    assert!(huge.structured_data.iter().map(String::len).sum::<usize>() <= 4 << 20);
}
