//! Properties of stripping that hold for any input (proptest).

use dechaff::Stripper;
use proptest::prelude::*;

/// Text built from pieces that exercise the rules: prose, menus, contacts,
/// markup, odd whitespace and non-ASCII.
fn page() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(
            "The council approved the new budget on Tuesday after a long debate, the mayor said."
                .to_string()
        ),
        Just("Home | News | Sport".to_string()),
        Just("Contact us at sales@example.com or call +1 555 123 4567.".to_string()),
        Just("© 2024 Example. All rights reserved.".to_string()),
        Just("Share on Facebook".to_string()),
        Just("\u{a0}\u{3000}\r\n".to_string()),
        Just("<p>markup</p>".to_string()),
        Just("Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα.".to_string()),
        "\\PC{0,40}",
    ];
    let sep = prop_oneof![Just("\n\n"), Just("\n"), Just(" "), Just("\r\n\r\n")];
    prop::collection::vec((piece, sep), 0..30)
        .prop_map(|v| v.into_iter().map(|(p, s)| p + s).collect())
}

/// HTML built from pieces that exercise the front-end and the Markdown
/// output: headings, lists, tables, quotes, code, line breaks, no-break
/// spaces, metadata and odd text.
fn html_page() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<p>The council approved the new budget on Tuesday after a long debate, the mayor said.</p>".to_string()),
        Just("<h1>Budget | City</h1><h2>#1 - what it pays for</h2>".to_string()),
        Just("<ul><li>Roads</li><li><a href=x>Libraries</a></li></ul>".to_string()),
        Just("<table><tr><th>a|b</th><td>1</td></tr><tr><td>x</td></tr></table>".to_string()),
        Just("<blockquote>> quoted<br>- line</blockquote>".to_string()),
        Just("<pre>```\ncode ``` here\n</pre>".to_string()),
        Just("<p>A&nbsp;B<br><br>1. not a list<br>C</p>".to_string()),
        Just("<meta property=og:title content=\"T\"><title>X | Y</title>".to_string()),
        Just("<nav><a href=/>Home</a></nav><footer>\u{a9} 2024</footer>".to_string()),
        "\\PC{0,40}",
    ];
    prop::collection::vec(piece, 0..20).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The headline and the Markdown never fail, and every word of the
    /// kept text is in the Markdown.
    #[test]
    fn markdown_holds_every_kept_word(html in html_page()) {
        let s = Stripper::shared();
        let page = s.parse_html(html.as_bytes());
        let stripped = s.strip_page(&page);
        let md = stripped.markdown(true);
        let _ = stripped.body_with_title();
        // Escapes aside ("1\." for "1.", "\|" in a cell).
        let plain = md.replace('\\', "");
        for p in stripped.kept() {
            for word in p.text().split_whitespace() {
                let bare = word.trim_start_matches(['#', '-', '+', '*', '>']).replace('\\', "");
                prop_assert!(plain.contains(&bare), "{:?} not in {:?}", word, md);
            }
        }
    }

    #[test]
    fn paragraphs_are_ordered_char_aligned_and_kept_ones_make_the_body(text in page()) {
        let s = Stripper::shared().strip(&text);
        // The ranges index the text as read (composed to form C).
        let text = s.text();
        let mut last = 0;
        for p in s.paragraphs() {
            prop_assert!(p.range.start >= last && p.range.start < p.range.end);
            prop_assert!(text.is_char_boundary(p.range.start) && text.is_char_boundary(p.range.end));
            last = p.range.end;
        }
        prop_assert!(last <= text.len());
        let kept: Vec<&str> = s.kept().map(|p| p.text()).collect();
        prop_assert_eq!(s.body(), kept.join(s.layout().separator()));
    }

    /// Every decision, not just the body, is the same from a separately
    /// built engine (its own hash seeds, its own regex caches) and from a
    /// clone used on another thread.
    #[test]
    fn stripping_is_deterministic(text in page()) {
        let decisions = |s: &Stripper| -> Vec<(usize, bool, String, Vec<String>)> {
            s.strip(&text)
                .paragraphs()
                .map(|p| {
                    let rules = p.rule_names().map(str::to_string).collect();
                    (p.range.start, p.kept, format!("{:+.3} {:?}", p.score, p.reason), rules)
                })
                .collect()
        };
        static BUILT: std::sync::LazyLock<Stripper> =
            std::sync::LazyLock::new(|| Stripper::builder().build().unwrap());
        let built: &Stripper = &BUILT;
        let a = decisions(Stripper::shared());
        let b = decisions(built);
        let clone = built.clone();
        let c = std::thread::scope(|t| t.spawn(|| decisions(&clone)).join().unwrap());
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(&a, &c);
    }

    /// Stripping the body again keeps only paragraphs of the body: it never
    /// brings back what was cut (it may cut more, as context changes).
    #[test]
    fn stripping_the_body_again_never_adds_text(text in page()) {
        let s = Stripper::shared();
        let once = s.strip(&text).body();
        let twice = s.strip(&once);
        let kept: Vec<&str> = once.split(twice.layout().separator()).collect();
        for p in twice.kept() {
            prop_assert!(kept.iter().any(|k| k.contains(p.text())));
        }
    }

    #[test]
    fn html_never_panics_and_blocks_lie_in_its_text(bytes in prop::collection::vec(any::<u8>(), 0..2000), tags in "(<(p|div|li|a|nav|script|br|td)( class=x)?>|</(p|div|a)>|text )*") {
        let s = Stripper::shared();
        for input in [bytes.as_slice(), tags.as_bytes()] {
            let page = s.parse_html(input);
            for (r, _) in page.blocks() {
                prop_assert!(page.text().get(r).is_some());
            }
            let _ = s.strip_page(&page).body();
        }
    }
}
