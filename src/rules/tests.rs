//! Tests of the rule stage: phrases, regex triggers, conditions, copies,
//! user files, and every example of the built-in rules.

use super::run::Verdict;
use super::*;
use crate::Stripper;
use crate::measure::{Features, measure_document};
use proptest::strategy::Strategy;

/// The rules `src`, compiled.
fn set(src: &str) -> RuleSet {
    RuleSet::build(
        &[Source {
            text: src,
            name: "t.rules",
            builtin: false,
        }],
        Stoplists::builtin(),
    )
    .unwrap()
    .0
}

/// A stripper with the rules `src` only.
fn stripper(src: &str) -> Stripper {
    Stripper::builder()
        .without_builtin_rules()
        .rules_str("t.rules", src)
        .build()
        .unwrap()
}

#[test]
fn phrases_of_function_words_are_looked_up_at_their_first_word() {
    let src = "rule r\n describe d\n weight -1\n phrases is the | of the\n";
    let s = stripper(src);
    assert!(s.fires("r", "This is the end"));
    assert!(s.fires("r", "The end of the road"));
    assert!(!s.fires("r", "The end is near, the road too"));
    // `the`, the commonest word, is not noted for them; `is` and `of` are.
    let text = "the cat is on top of it";
    let ranges = [std::ops::Range {
        start: 0,
        end: text.len(),
    }];
    let lookout = set(src).lookout().clone();
    let (_, _, spots) = measure_document(text, &ranges, None, Stoplists::builtin(), &lookout);
    let noted: Vec<&str> = spots.of(0).iter().map(|p| &text[p.start..p.end]).collect();
    assert_eq!(noted, ["is", "of"]);
}

#[test]
fn phrases_match_whole_words_case_insensitively() {
    let s = stripper("rule r\n describe d\n weight -1\n phrases sign in | subscrib*\n");
    assert!(s.fires("r", "Please SIGN IN to continue"));
    assert!(s.fires("r", "Subscribers only"));
    assert!(!s.fires("r", "design injects"));
    assert!(!s.fires("r", "unsubscribe")); // no word start
}

/// Where a phrase occurs in `text` by a plain search: letters compared
/// in lower case, starting a word (or with a symbol) and ending one
/// (or with a symbol, or as a `*` prefix). A CJK char is a word of its
/// own: it never joins the chars beside it into one word.
fn plain_search(text: &str, phrase: &str, prefix: bool) -> bool {
    let word = |c: char| crate::measure::is_regex_word_char(c) && !crate::measure::is_cjk_char(c);
    let lower = |s: &str| s.chars().flat_map(char::to_lowercase).collect::<String>();
    let want = lower(phrase);
    text.char_indices().any(|(s, _)| {
        let mut got = String::new();
        let mut end = s;
        for c in text[s..].chars() {
            if got.len() >= want.len() {
                break;
            }
            got.extend(c.to_lowercase());
            end += c.len_utf8();
        }
        got == want
            && (!phrase.starts_with(word) || !text[..s].ends_with(word))
            && (prefix || !phrase.ends_with(word) || !text[end..].starts_with(word))
    })
}

#[test]
fn cjk_phrases_match_inside_running_text() {
    let s = stripper("rule r\n describe d\n weight -1\n phrases 关注我们 | 広告\n");
    assert!(s.fires("r", "欢迎关注我们的公众号"));
    assert!(s.fires("r", "【広告】今すぐダウンロード"));
    assert!(!s.fires("r", "市政府周二宣布"));
}

#[test]
fn phrases_match_like_a_plain_search() {
    let phrases = [
        "sign up",
        "(photo",
        "©",
        "photo:",
        "x (twitter)",
        "subscri*",
        "广告",
        "关注我们",
        "広告*",
        "下载app",
        "café",
        "Über uns",
        "e-mail",
        "don't miss",
        "ad",
        "read more*",
        "ΠΕΡΙΣΣΌΤΕΡΑ",
        // Filed under a later word: all stopwords, a rarer word inside.
        "is the",
        "one of the best",
        "kick off",
        // Prefixes shorter than a word key (4 bytes).
        "q*",
        "zu*",
        "jan*",
    ];
    let mut src = String::new();
    for (i, p) in phrases.iter().enumerate() {
        src += &format!("rule r{i}\n describe d\n weight -1\n phrases {p}\n");
    }
    let s = stripper(&src);
    let befores = ["", "a", "_", "é", "²", "x ", "(", "广", "Ⅻ"];
    let afters = ["", "s", "_", "é", " x", ":", "广", "."];
    let mut checked = 0;
    for (i, p) in phrases.iter().enumerate() {
        let (body, prefix) = match p.strip_suffix('*') {
            Some(b) => (b, true),
            None => (*p, false),
        };
        let mut capital = body.chars();
        let capitalised: String = capital
            .next()
            .into_iter()
            .flat_map(char::to_uppercase)
            .chain(capital)
            .collect();
        for variant in [
            body.to_string(),
            body.to_uppercase(),
            body.to_lowercase(),
            capitalised,
            // The Kelvin sign lowercases to an ASCII `k`.
            body.replace('k', "\u{212A}"),
            // Only the end of a phrase (`ne of the best`), or its start.
            body.chars().skip(1).collect(),
            body.chars().take(body.chars().count() - 1).collect(),
        ] {
            for b in befores {
                for a in afters {
                    let text = format!("{b}{variant}{a}");
                    assert_eq!(
                        s.fires(&format!("r{i}"), &text),
                        plain_search(&text, body, prefix),
                        "{p:?} in {text:?}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 1000);
}

/// The built-in rules, named as in the messages users see.
fn builtin() -> RuleSet {
    RuleSet::build(
        &[Source {
            text: BUILTIN_RULES,
            name: "builtin.rules",
            builtin: true,
        }],
        Stoplists::builtin(),
    )
    .unwrap()
    .0
}

#[test]
fn no_built_in_pattern_needs_a_scan_of_every_paragraph() {
    // A trigger literal that may start inside a word goes to an automaton
    // that reads every byte of every paragraph. 112 comment labels written
    // as regex alternatives did that (the literal extractor factors their
    // common parts, "коментар" of "залишити коментар" and "ваш коментар",
    // into literals with no word boundary before them) and made text mode
    // a quarter slower. Such labels belong in `phrases`.
    let n = builtin().phrases.scanned_patterns();
    assert_eq!(n, 0, "patterns scanned for everywhere");
}

#[test]
fn builtin_regexes_run_wherever_they_match() {
    let rules = builtin();
    // Literals where words start, inside words, next to letters the
    // char pass and the regexes see differently.
    let texts = [
        "²comments",
        "Comments (3)",
        "éjan 12, 2024",
        "x_jan 5",
        "ad²",
        "Advertisement",
        "By Jane Doe",
        "byline",
        "© 2024 Example",
        "(c) 2023 X",
        "ALL RIGHTS RESERVED",
        "see www.example.com",
        "https://x.example/y",
        "Tags: politics, world",
        "5 min read",
        "3 hours ago",
        "Posted by admin",
        "Reply",
        "Report abuse",
        "Kommentare",
        "PUBBLICITÀ",
        "Photo: Reuters/John Doe",
        "John Smith is a reporter for the paper.",
        "Follow her on Twitter",
        "Contact: info@example.com",
        "Read more",
        "«Citation», 2020.",
        // A CJK trigger literal right after other letters or digits: each
        // CJK char is a word of its own, so no scan is needed for it.
        "网澄版权所有",
        "x版权所有",
        "2010版權所有",
        "1836跟贴 · 9.2万人参与",
        "記事の無断転載を禁止します",
        "é禁止转载",
    ];
    for t in texts {
        assert_eq!(
            untriggered_matches(&rules, t),
            Vec::<(String, String)>::new()
        );
    }
    let mut runner = proptest::test_runner::TestRunner::default();
    let pieces = proptest::sample::select(texts.to_vec());
    let glue = proptest::sample::select(vec!["", " ", "²", "é", "_", "\n", ": ", "1"]);
    let line = proptest::collection::vec((pieces, glue), 1..6).prop_map(|v| {
        v.into_iter()
            .map(|(p, g)| format!("{p}{g}"))
            .collect::<String>()
    });
    runner
        .run(&line, |t| {
            proptest::prop_assert_eq!(
                untriggered_matches(&rules, &t),
                Vec::<(String, String)>::new()
            );
            Ok(())
        })
        .unwrap();
}

#[test]
fn non_ascii_phrases_match_any_case() {
    let s = stripper("rule r\n describe d\n weight -1\n phrases Datenschutzerklärung\n");
    assert!(s.fires("r", "Zur DATENSCHUTZERKLÄRUNG"));
    assert!(s.fires("r", "die datenschutzerklärung"));
}

#[test]
fn every_built_in_regex_has_trigger_literals() {
    // A regex without them runs on every paragraph where its rule's
    // conditions hold: give it a literal (or a `\d`) that every match holds.
    let set = builtin();
    let scanning: Vec<&str> = set
        .rules
        .iter()
        .filter(|r| r.scans_every_paragraph())
        .map(|r| r.name.as_str())
        .collect();
    assert!(scanning.is_empty(), "{scanning:?}");
    assert!(set.rules.iter().any(|r| !r.regexes.is_empty()));
}

#[test]
fn conditions_as_intervals_agree_with_the_operators() {
    let ops = [
        (Comparison::Less, "<"),
        (Comparison::LessOrEqual, "<="),
        (Comparison::Greater, ">"),
        (Comparison::GreaterOrEqual, ">="),
        (Comparison::Equal, "=="),
        (Comparison::NotEqual, "!="),
    ];
    let points = [-1.0, -0.0, 0.0, 0.1, 0.3, 0.5, 1.0, 2.0, 10.0, f64::NAN];
    for (op, name) in ops {
        for &value in &[0.0, 0.3, 1.0, 10.0, -1.0] {
            let c = Condition::new(Feature::Words, op, value);
            for &v in &points {
                let expected = match op {
                    Comparison::Less => v < value,
                    Comparison::LessOrEqual => v <= value,
                    Comparison::Greater => v > value,
                    Comparison::GreaterOrEqual => v >= value,
                    Comparison::Equal => v == value,
                    Comparison::NotEqual => v != value,
                };
                assert_eq!(c.holds_for(v), expected, "{v} {name} {value}");
            }
        }
    }
}

#[test]
fn requires_unless_and_conditions() {
    let s = stripper(
        "rule __mail\n describe d\n when emails >= 1\n\
         rule __sales\n describe d\n phrases pricing | offer\n\
         rule __long\n describe d\n when words >= 30\n\
         rule r\n describe d\n weight -3\n requires __mail, __sales\n unless __long\n",
    );
    assert!(s.fires("r", "Special offer! Write to a@b.com"));
    assert!(!s.fires("r", "Write to a@b.com"));
    assert!(!s.fires("r", "Special offer today"));
    let long = format!("{} offer a@b.com", "word ".repeat(40));
    assert!(!s.fires("r", &long));
}

#[test]
fn a_regex_gated_by_a_required_phrase_rule_runs_where_the_phrases_are() {
    // A rule of regexes only that requires a rule of phrases only: its
    // regex runs where the phrases were found, and its trigger literals
    // (short top-level domains here) are not looked for.
    let src = "rule __urgent\n describe d\n phrases hurry | last chance\n\
               rule domain\n describe d\n weight -3\n requires __urgent\n\
               regex [a-z]+-[a-z]+\\.(?:co|de|it)\\b\n";
    let s = stripper(src);
    assert!(s.fires("domain", "Hurry, claim it at prize-desk.co today"));
    assert!(s.fires("domain", "Last chance: fines-pay.de, before midnight"));
    assert!(!s.fires("domain", "Hurry, claim it at the desk today"));
    assert!(!s.fires("domain", "Claim it at prize-desk.co today"));
    let gated = set(src);
    assert_eq!(gated.required, [0]);
    assert!(!gated.rules.iter().any(|r| r.scans_every_paragraph()));
    // Without the requirement, the literals gate it.
    let alone =
        set("rule domain\n describe d\n weight -3\n regex [a-z]+-[a-z]+\\.(?:co|de|it)\\b\n");
    assert_ne!(alone.required, [0]);
}

#[test]
fn evaluate_reports_spans_per_paragraph() {
    let s = set(
        "rule r\n describe d\n weight -1\n phrases cookies\nrule q\n describe d\n weight 1\n regex \\bfoo\\d\n",
    );
    let text = "We use cookies.\n\nA foo7 here and cookies.";
    let ranges = [0..15, 17..text.len()];
    let (_, fs, spots) = measure_document(text, &ranges, None, Stoplists::builtin(), s.lookout());
    let hits = s.evaluate(&s.regexes, text, &ranges, &fs, &spots, true);
    assert_eq!(
        hits[0],
        vec![Hit {
            rule: 0,
            span: Some(7..14)
        }]
    );
    assert_eq!(hits[1].len(), 2);
    assert_eq!(&text[hits[1][1].span.clone().unwrap()], "foo7");
}

/// `features` with no paragraph marked as a copy: the rule pass then
/// evaluates every one.
fn uncopied(features: &[Features]) -> Vec<Features> {
    features
        .iter()
        .map(|f| Features {
            copy_of: None,
            ..f.clone()
        })
        .collect()
}

#[test]
fn copies_get_the_hits_a_full_evaluation_gives() {
    // `late` tests where a paragraph stands, `late_offer` depends on it,
    // `offer` does not: copies in both halves, some at the edges.
    let s = set(
        "rule offer\n describe d\n weight -1\n phrases special offer\n regex \\bfoo\\d\n\
         rule late\n describe d\n weight -2\n phrases newsletter\n when position >= 0.5\n\
         rule late_offer\n describe d\n weight -1\n phrases our\n requires late\n\
         rule copied\n describe d\n weight -1\n when repeats >= 1\n\
         rule deal\n describe d\n weight -1\n phrases big deal\n",
    );
    let paras = [
        "Special offer: foo1",
        "Our newsletter",
        "The story goes on here.",
        "Special offer: foo1",
        "Our newsletter",
        "A big deal",
        "xSpecial offer: foo1",
        "Special offer: foo1",
        "A big deal",
    ];
    let text = paras.join("\n\n") + "x";
    let mut ranges = Vec::new();
    let mut at = 0;
    for p in paras {
        ranges.push(at..at + p.len());
        at += p.len() + 2;
    }
    // The last copy runs into the `x` after it: its edge differs.
    ranges[8].end = text.len() - 1;
    let (_, fs, spots) = measure_document(&text, &ranges, None, Stoplists::builtin(), s.lookout());
    assert_eq!(fs[3].copy_of, Some(0));
    // Rules with no phrase are evaluated everywhere: were one of them
    // placed, no copy would take hits.
    assert!(s.always.iter().zip(&s.placed).all(|(a, p)| a & p == 0));
    let uncopied = uncopied(&fs);
    for spans in [false, true] {
        for every_rule in [false, true] {
            let copied =
                s.run::<Vec<Hit>>(&s.regexes, &text, &ranges, &fs, &spots, every_rule, spans);
            let full = s.run::<Vec<Hit>>(
                &s.regexes, &text, &ranges, &uncopied, &spots, every_rule, spans,
            );
            assert_eq!(copied, full);
            let copied =
                s.run::<Verdict>(&s.regexes, &text, &ranges, &fs, &spots, every_rule, spans);
            let full = s.run::<Verdict>(
                &s.regexes, &text, &ranges, &uncopied, &spots, every_rule, spans,
            );
            assert_eq!(copied, full);
        }
    }
    let names = |hits: &[Hit]| -> Vec<&str> {
        hits.iter().map(|h| s.rules[h.rule].name.as_str()).collect()
    };
    let hits = s.evaluate(&s.regexes, &text, &ranges, &fs, &spots, true);
    assert_eq!(names(&hits[1]), ["copied"]);
    assert_eq!(names(&hits[4]), ["late", "late_offer", "copied"]);
    assert_eq!(&text[hits[3][0].span.clone().unwrap()], "Special offer");
    assert_eq!(hits[3][0].span, Some(ranges[3].start..ranges[3].start + 13));
    assert_eq!(names(&hits[5]), ["copied", "deal"]);
    assert_eq!(names(&hits[8]), ["copied"]);
}

#[test]
fn verdicts_agree_with_the_hits() {
    // Equal weights (the first of equals is the worst), weights whose
    // sum depends on the order, a barrier, and a sub-rule.
    let custom = "rule tenth\n describe d\n weight -0.1\n phrases alpha\n\
         rule fifth\n describe d\n weight -0.2\n phrases beta\n\
         rule third\n describe d\n weight 0.3\n phrases gamma\n\
         rule also_fifth\n describe d\n weight -0.2\n phrases beta\n\
         rule wall\n describe d\n weight 0.7\n barrier yes\n phrases delta\n\
         rule __sub\n describe d\n phrases alpha\n";
    let sources = [
        Source {
            text: BUILTIN_RULES,
            name: "builtin.rules",
            builtin: true,
        },
        Source {
            text: custom,
            name: "u.rules",
            builtin: false,
        },
    ];
    let s = RuleSet::build(&sources, Stoplists::builtin()).unwrap().0;
    let mut texts: Vec<String> = s
        .rules
        .iter()
        .flat_map(|r| &r.examples)
        .map(|e| e.text.replace("\\n", "\n\n"))
        .filter(|t| !t.starts_with('<'))
        .collect();
    texts.push("alpha beta gamma delta. Alpha and beta, gamma.\n\nbeta alpha\n\ndelta".into());
    for text in &texts {
        let (_, ranges) = crate::text::segment(text);
        let (_, fs, spots) =
            measure_document(text, &ranges, None, Stoplists::builtin(), s.lookout());
        let hits = s.evaluate(&s.regexes, text, &ranges, &fs, &spots, false);
        let verdicts = s.verdicts(&s.regexes, text, &ranges, &fs, &spots);
        for (h, v) in hits.iter().zip(&verdicts) {
            let worst = h
                .iter()
                .filter(|h| s.rules[h.rule].weight < 0.0)
                .min_by(|a, b| s.rules[a.rule].weight.total_cmp(&s.rules[b.rule].weight))
                .map(|h| h.rule);
            assert_eq!(v.score.to_bits(), h.score(&s.rules).to_bits(), "{text}");
            assert_eq!(v.barrier, h.barrier(&s.rules), "{text}");
            assert_eq!(v.page_chrome, h.page_chrome(&s.rules), "{text}");
            assert_eq!(v.chaff_by_content, h.chaff_by_content(&s.rules), "{text}");
            assert_eq!(v.worst, worst, "{text}");
        }
    }
    let s = set(custom);
    let text = "beta alpha gamma";
    let ranges = [0..text.len(), 0..4];
    let (_, fs, spots) = measure_document(text, &ranges, None, Stoplists::builtin(), s.lookout());
    let v = &s.verdicts(&s.regexes, text, &ranges, &fs, &spots)[0];
    assert_eq!(s.rules[v.worst.unwrap()].name, "fifth");
    assert!(!v.barrier);
    assert_eq!(v.score, -0.1 + -0.2 + 0.3 + -0.2);
}

#[test]
fn copies_get_the_built_in_hits_a_full_evaluation_gives() {
    // Documents of repeated lines, some of which the built-in rules
    // judge by where they stand (legal_disclaimer, author_bio).
    let rules = builtin();
    let lines = proptest::sample::select(vec![
        "Share on Facebook",
        "© 2024 Example Inc. All rights reserved.",
        "Subscribe to our newsletter",
        "This product is not intended to diagnose, treat, cure or prevent any disease.",
        "Jane Doe is a senior reporter for Example News. Follow her on Twitter.",
        "The council voted on Tuesday to close the old bridge for repairs.",
        "Officials said the work would take two years and cost $3 million.",
        "Comments",
        "Posted on Jan 5, 2020 at 10:30 am",
        "By Jane Doe",
        "Contact us at sales@example.com for a quote.",
        "Home | News | Sport",
        "Read more",
        "«Citation», 2020.",
        "Menu",
    ]);
    let seps = proptest::sample::select(vec!["\n\n", "\n"]);
    let doc =
        (proptest::collection::vec(lines, 2..14), seps).prop_map(|(lines, sep)| lines.join(sep));
    let mut runner = proptest::test_runner::TestRunner::default();
    runner
        .run(&doc, |text| {
            let (_, ranges) = crate::text::segment(&text);
            let (_, fs, spots) =
                measure_document(&text, &ranges, None, Stoplists::builtin(), rules.lookout());
            let uncopied = uncopied(&fs);
            for every_rule in [false, true] {
                let copied = rules.run::<Vec<Hit>>(
                    &rules.regexes,
                    &text,
                    &ranges,
                    &fs,
                    &spots,
                    every_rule,
                    true,
                );
                let full = rules.run::<Vec<Hit>>(
                    &rules.regexes,
                    &text,
                    &ranges,
                    &uncopied,
                    &spots,
                    every_rule,
                    true,
                );
                proptest::prop_assert_eq!(copied, full);
                let copied = rules.run::<Verdict>(
                    &rules.regexes,
                    &text,
                    &ranges,
                    &fs,
                    &spots,
                    every_rule,
                    false,
                );
                let full = rules.run::<Verdict>(
                    &rules.regexes,
                    &text,
                    &ranges,
                    &uncopied,
                    &spots,
                    every_rule,
                    false,
                );
                proptest::prop_assert_eq!(copied, full);
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn copies_differ_only_in_the_features_that_say_so() {
    let text = "Menu\n\nThe story.\n\nMenu";
    let ranges = [0..4, 6..16, 18..22];
    let (_, fs, _) = measure_document(text, &ranges, None, Stoplists::builtin(), &Lookout::new());
    let (first, copy) = (fs[0].values(), fs[2].values());
    for &(name, feature) in Feature::ALL {
        let i = feature as usize;
        if !feature.differs_between_copies() {
            assert_eq!(first[i].to_bits(), copy[i].to_bits(), "{name}");
        }
    }
    assert_ne!(
        first[Feature::Position as usize],
        copy[Feature::Position as usize]
    );
}

/// The built-in-like `base` with a user file on top, as the builder
/// builds it (checking the user file's examples).
fn layered(base: &str, user: &str) -> Result<Stripper, Error> {
    Stripper::builder()
        .without_builtin_rules()
        .rules_str("builtin", base)
        .rules_str("u.rules", user)
        .build()
}

#[test]
fn user_file_overrides_and_its_examples_are_checked() {
    let base = "rule r\n describe d\n weight -1\n phrases cookies\n";
    let user = "rule r\n weight -5\nrule u\n describe d\n weight -1\n phrases spam\n fires no match here\n";
    let e = layered(base, user).unwrap_err();
    assert_eq!(e.file(), Some("u.rules"));
    assert_eq!(e.line(), Some(7));
    assert_eq!(e.rule(), Some("u"));
    let s = layered(base, "rule r\n weight -5\n").unwrap();
    assert_eq!(s.rules()[0].weight, -5.0);
}

#[test]
fn mistakes_in_user_files_say_what_was_meant() {
    let base = "rule promo_backlinks\n describe d\n weight -1\n phrases backlinks\n";
    // An override of a rule that is not there, misspelt.
    let e = layered(base, "rule promo_backlink\n weight 0\n").unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::NoSuchRule {
            name: "promo_backlink".into(),
            suggestion: Some("promo_backlinks".into())
        }
    );
    assert_eq!((e.file(), e.line()), (Some("u.rules"), Some(1)));
    assert!(
        e.to_string().contains("did you mean \"promo_backlinks\"?"),
        "{e}"
    );
    // Far from every name: no suggestion, and still not "missing describe".
    let e = layered(base, "rule cookie_wall\n weight 0\n").unwrap_err();
    assert!(
        matches!(
            e.kind(),
            ErrorKind::NoSuchRule {
                suggestion: None,
                ..
            }
        ),
        "{e}"
    );
    // A whole new rule is welcome.
    assert!(layered(base, "rule mine\n describe d\n weight -2\n phrases x\n").is_ok());
    // requires naming a rule that is not there.
    let e = layered(
        base,
        "rule mine\n describe d\n weight -2\n phrases x\n requires promo_backlink\n",
    )
    .unwrap_err();
    assert!(
        e.to_string().contains("did you mean \"promo_backlinks\"?"),
        "{e}"
    );
    assert_eq!(e.line(), Some(5));
}

#[test]
fn never_main_and_titles_need_within_words() {
    let rule = |extra: &str| format!("rule r\n describe d\n weight -1\n phrases x\n{extra}");
    for key in ["never_main", "titles"] {
        let e = layered("", &rule(&format!(" {key} yes\n"))).unwrap_err();
        assert!(e.to_string().contains(&format!("{key} needs")), "{e}");
        assert_eq!(e.line(), Some(5));
        assert!(layered("", &rule(&format!(" {key} yes\n within modal\n"))).is_ok());
        assert!(layered("", &rule(&format!(" {key} no\n"))).is_ok());
    }
}

#[test]
fn firm_needs_barrier() {
    let rule = |extra: &str| format!("rule r\n describe d\n weight -1\n phrases x\n{extra}");
    let e = layered("", &rule(" firm yes\n")).unwrap_err();
    assert!(e.to_string().contains("firm needs"), "{e}");
    assert_eq!(e.line(), Some(5));
    assert!(layered("", &rule(" barrier yes\n firm yes\n")).is_ok());
    assert!(layered("", &rule(" firm no\n")).is_ok());
}

#[test]
fn a_key_given_twice_in_one_rule_is_an_error() {
    for (key, value) in [
        ("describe", "d"),
        ("weight", "-1"),
        ("when", "words > 3"),
        ("requires", "a"),
        ("unless", "a"),
        ("barrier", "yes"),
        ("weak", "yes"),
        ("kind", "promo"),
        ("within", "nav"),
        ("never_main", "yes"),
        ("titles", "yes"),
    ] {
        // A complete rule, then the key twice.
        let mut text = String::from("rule r\n phrases x\n");
        for (k, v) in [("describe", "d"), ("weight", "-1")] {
            if k != key {
                text += &format!(" {k} {v}\n");
            }
        }
        text += &format!(" {key} {value}\n {key} {value}\n");
        let e = layered("", &text).unwrap_err();
        assert!(
            matches!(e.kind(), ErrorKind::DuplicateKey { .. }),
            "{key}: {e}"
        );
        assert!(
            e.to_string().contains(&format!("`{key}` given twice")),
            "{e}"
        );
    }
    // Lines of these keys add up.
    let text = "rule r\n describe d\n weight -1\n phrases x\n phrases y\n regex z\n regex w\n fires x\n fires y\n ignores q\n ignores r\n";
    assert!(layered("", text).is_ok());
}

#[test]
fn a_rule_has_a_kind_given_or_from_its_weight() {
    let s = layered(
        "",
        "rule sale\n describe d\n weight -2\n kind promo\n phrases sale\n\
         rule menu\n describe d\n weight -1\n phrases menu\n\
         rule nice\n describe d\n weight 1\n phrases nice\n",
    )
    .unwrap();
    let kind = |name: &str| {
        s.rules()
            .iter()
            .find(|r| r.name == name)
            .unwrap()
            .kind
            .clone()
    };
    assert_eq!(
        [kind("sale"), kind("menu"), kind("nice")],
        ["promo", "boilerplate", "prose"]
    );
    let e = layered("", "rule r\n describe d\n weight -1\n kind Promo Ads\n").unwrap_err();
    assert_eq!(e.line(), Some(4), "{e}");
    assert!(e.to_string().contains("kind is one word"), "{e}");
    let builtin = Stripper::shared();
    let promo = |name: &str| {
        builtin
            .rules()
            .iter()
            .any(|r| r.name == name && r.kind == "promo")
    };
    assert!(promo("promo_backlinks") && promo("coupon_discount") && !promo("copyright"));
}

/// Every `fires`/`ignores` example of the built-in rules holds; all
/// failures are reported at once. `DECHAFF_RULE=name` checks one rule.
#[test]
fn builtin_rule_examples() {
    let only = std::env::var("DECHAFF_RULE").ok();
    let failures: Vec<String> = Stripper::shared()
        .check_all_examples()
        .into_iter()
        .filter(|e| only.as_deref().is_none_or(|o| e.rule() == Some(o)))
        .map(|e| e.to_string())
        .collect();
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every scored built-in rule documents itself with at least one example each way.
#[test]
fn builtin_rules_have_examples_both_ways() {
    let s = builtin();
    let missing: Vec<&str> = (0..s.rules.len())
        .filter(|&i| !s.rules[i].name.starts_with("__"))
        .filter(|&i| {
            let fires = s.rules[i].examples.iter().filter(|e| e.fires).count();
            fires == 0 || fires == s.rules[i].examples.len()
        })
        .map(|i| s.rules[i].name.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "rules without both kinds of example: {missing:?}"
    );
}

/// The regexes that match a paragraph of `text` although their trigger
/// sets are not met there (they would wrongly not run), as
/// (regex, paragraph).
fn untriggered_matches(set: &RuleSet, text: &str) -> Vec<(String, String)> {
    let (_, ranges) = crate::text::segment(text);
    let (_, features, spots) =
        measure_document(text, &ranges, None, Stoplists::builtin(), set.lookout());
    let mut out = Vec::new();
    for (p, range) in ranges.iter().enumerate() {
        let para = &text[range.clone()];
        let mut seen = vec![0u8; set.regexes.len()];
        set.phrases.find(para, spots.of(p), |pattern, _, _| {
            for &(ri, bit) in &set.triggers[pattern] {
                seen[ri] |= 1 << bit;
            }
        });
        if features[p].digits > 0 {
            for &(ri, bits) in &set.digit_sets {
                seen[ri] |= bits;
            }
        }
        for (ri, regex) in set.regexes.iter().enumerate() {
            let Some(regex) = regex else {
                continue;
            };
            if !set.may_match(ri, seen[ri], &features[p]) && regex.is_match(para) {
                out.push((regex.as_str().to_string(), para.to_string()));
            }
        }
    }
    out
}
