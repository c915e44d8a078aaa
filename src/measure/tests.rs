//! Tests of the measure stage: features, the char scan, copies, tables.

use super::chars::*;
use super::contacts::*;
use super::promo_model::{self, ParagraphGrams};
use super::scan::*;
use super::stoplists::*;
use super::words::*;
use super::*;

fn features(text: &str) -> Features {
    let sl = Stoplists::builtin();
    let ranges = [std::ops::Range {
        start: 0,
        end: text.len(),
    }];
    let (_, mut fs, _) = measure_document(text, &ranges, None, sl, &Lookout::new());
    fs.remove(0)
}

/// The features of each paragraph of `text` (blocks between blank lines).
fn measure_text(text: &str) -> Vec<Features> {
    let (_, ranges) = crate::text::segment(text);
    let lookout = Lookout::new();
    measure_document(text, &ranges, None, Stoplists::builtin(), &lookout).1
}

#[test]
fn counts_words_and_stopwords() {
    let f = features("The cat sat on the mat, and it was happy.");
    assert_eq!(f.words, 10);
    assert!(f.get(Feature::Stopwords) > 0.4, "{f:?}");
    assert!(f.ends_sentence);
    assert_eq!(f.sentences, 1);
}

#[test]
fn prose_shape_is_high_for_prose_in_any_language_only() {
    let shape = |t: &str| features(t).get(Feature::ProseShape);
    // Latin, Romanian, Greek and English prose pass every test.
    for prose in [
        "Gallia est omnis divisa in partes tres, quarum unam incolunt Belgae, aliam Aquitani.",
        "Guvernul a anunțat astăzi noi măsuri pentru sprijinirea familiilor cu venituri mici.",
        "Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για τη στήριξη των νοικοκυριών.",
        "The council approved the budget on Tuesday after a long debate.",
        // Chinese with figures, a char a digit, ending its sentence.
        "国家税务总局有关负责人表示，调整后，工薪收入者的纳税面由约28%下降到7.7%左右，纳税人数由约8400万人减至约2400万人。",
    ] {
        assert_eq!(shape(prose), 1.0, "{prose}");
    }
    // A menu of one-word sentences, a spec line, a title-case headline and
    // a line of symbols each fail at least one.
    for chaff in [
        "Politik. Sport. Wetter. Kultur. Reisen. Auto. Digital. Wissen.",
        "Modell X200, 12 kg, 230 V, 2000 W, 45 x 60 x 85 cm, Art.-Nr. 40871.",
        "Council Approves New Budget For Roads And Libraries After Long Debate.",
        "★★★★☆ ♥ ✓ → ★★★ ♦ ♣ ✓ ✓ → ← ★ great.",
        // A Chinese teaser: headline, date and time, no sentence end; and
        // figures that end no sentence hold to a tenth of the chars.
        "成都今年将新增绿道200公里 串联城区主要公园 08月12日 07:32 绿道建设将优先覆盖中心城区",
        "纳税人数由约8400万人减至约2400万人。调整后的新标准将从下个月一号起正式执行，请大家相互转告",
        // A teaser that opens with its date and time, its lead a sentence.
        "08-10 09:15 广州今年计划建成碧道三百公里，覆盖全市十一个区，沿线还将新建一批驿站和公厕。",
        "",
    ] {
        assert!(shape(chaff) < 1.0, "{chaff}: {}", shape(chaff));
    }
}

#[test]
fn sentence_end_inside_quotes() {
    let f = features("He said: “We will go.”");
    assert!(f.ends_sentence);
    assert!(features("Read more:").ends_colon);
    assert!(!features("Home | News | Sport").ends_sentence);
}

#[test]
fn contacts_and_links() {
    let f = features("Write to sales@example.com or visit https://example.com/x today.");
    assert_eq!(f.emails, 1);
    assert_eq!(f.urls, 1);
    let f = features("Reach me at john [at] example [dot] com for offers.");
    assert_eq!(f.emails, 1);
    let f = features("Call +1 (555) 123-4567 now, or 020 7946 0958.");
    assert_eq!(f.phones, 2);
    let f = features("In 2019 2020 and 2021 sales grew 1,234,567 units.");
    assert_eq!(f.phones, 0);
    // Dates with an hour and spans of years are no phones; phones whose
    // groups look like a day and a month still are.
    for text in [
        "Termin: 29.02.2020 19 Uhr",
        "Am 2020-02-29 18 Uhr",
        "2008-2012 100 Folgen",
        "1 Kyle Busch 5040 5 1 17 27",
    ] {
        assert_eq!(features(text).phones, 0, "{text}");
    }
    for text in [
        "Inquiry 02-751-1500",
        "Tel. 01.23.45.67.89",
        "Ruf an: 030 12 11 2020",
        "Tel. 010-2019-2020",
        "Call 1 800 555 0199",
        "Zentrale: 0711 1234-0",
        "Servicenummer 0180 5 123456",
    ] {
        assert_eq!(features(text).phones, 1, "{text}");
    }
    // Domains of the languages the rules cover, glued to CJK text too.
    let f = features("予約は muricabeach.jp で、或在 daoxiang.cn 下单，oder bei laden.ch.");
    assert_eq!(f.urls, 3);
    // A contact in the last clause closes the paragraph (an offer's call);
    // one before a further sentence (a source, a hotline mid-story) does not.
    assert!(
        features("Prices start at £210, and rooms can be booked at lodge.co.uk.").contact_closes
    );
    assert!(features("料金は二万円から。予約は lodge.jp で受け付けている。").contact_closes);
    assert!(features("Call 0800 000 7331 today").contact_closes);
    assert!(
        !features("Prices rose, according to lodge.co.uk. Hotels blamed energy costs.")
            .contact_closes
    );
    assert!(!features("No contact in this sentence at all.").contact_closes);
}

#[test]
fn the_url_prefilter_skips_no_url() {
    // Each text is measured alone, and as the tail of prose with
    // sentence ends, so that the char pass meets other dots first.
    let texts = [
        "www.1",
        "WWW.x",
        "see example.COM.",
        "go to a.b.io/path now",
        "http://x",
        "ftp://a",
        "a:b//c",
        "end. Next",
        "foo.bar and baz.quux",
        "v1.2.3",
        "Visit\u{a0}www.example.org",
        "e.g. this",
        "x.co",
        "x.com:80",
        ".com",
        "site.it.",
        "店はnemuriya.jpで",
        "in.at no.be",
    ];
    for t in texts {
        for text in [t.to_string(), format!("It ends here. Then: more. {t}")] {
            let expected = URL.find_iter(&text).count() as u32;
            assert_eq!(features(&text).urls, expected, "{text}");
        }
    }
}

#[test]
fn handles_and_hashtags_not_emails() {
    let f = features("Follow @dechaff and #rustlang, mail me@example.org, issue #1.");
    assert_eq!(f.handles, 1);
    assert_eq!(f.hashtags, 1);
    assert_eq!(f.emails, 1);
}

#[test]
fn menu_separators_and_title_words() {
    let f = features("Home | World | Business | Tech");
    assert_eq!(f.separators, 3);
    assert_eq!(f.get(Feature::TitleWords), 1.0);
}

#[test]
fn cjk_characters_are_words() {
    let f = features("我们的生活。");
    assert_eq!(f.words, 5);
    assert!(f.ends_sentence);
}

#[test]
fn scripts_without_spaces_count_chars_as_words_and_spaces_as_phrase_ends() {
    let f =
        features("เมื่อวานนี้ฝนตกหนักในหลายพื้นที่ ทำให้เกิดน้ำท่วมขังบนถนนสายหลัก การจราจรติดขัดอย่างหนักในช่วงเย็น");
    assert_eq!(f.words, f.cjk_words);
    assert!(f.words >= 60, "{f:?}");
    assert_eq!(f.sentences, 3);
    // A menu item, a headline with one space, a list of tags: no sentence.
    for line in [
        "ข่าวต่างประเทศวันนี้",
        "สนามบินเชียงใหม่เตรียมเปิดอาคารผู้โดยสารชั่วคราว รองรับนักท่องเที่ยว",
        "เชียงใหม่ รถไฟฟ้า PM2.5 สองแถวแดง",
    ] {
        assert_eq!(features(line).sentences, 0, "{line}");
    }
}

#[test]
fn combining_marks_stay_in_their_word() {
    // A Devanagari virama, and a German word written decomposed (u + ¨).
    for word in ["प्रधानमंत्री", "fu\u{308}r"] {
        let f = features(word);
        assert_eq!((f.words, f.symbols), (1, 0), "{word}: {f:?}");
    }
    // The Armenian full stop ends a sentence.
    assert_eq!(
        features("Անձրև տեղաց։ Փողոցները ջրածածկ եղան։").sentences,
        2
    );
}

#[test]
fn a_heading_that_a_table_of_contents_repeats_is_a_heading_copy() {
    let text = "Contents\n\nThe power equation\n\nWhat comes next\n\n\
        Tidal energy is predictable in a way that wind and sun are not, the engineers said.\n\n\
        The power equation\n\n\
        A turbine's output grows with the cube of the water's speed, so a fast channel matters.\n\n\
        What comes next\n\n\
        The team will install a second turbine next spring and publish the data in autumn.";
    let copies: Vec<bool> = measure_text(text).iter().map(|f| f.heading_copy).collect();
    assert_eq!(
        copies,
        [false, false, false, false, true, false, true, false]
    );
    // A menu written twice: its second copies stand together, no copy.
    let text = "Home\n\nNews\n\nSport\n\n\
        The council approved the new budget on Tuesday after a long debate, the mayor said.\n\n\
        Home\n\nNews\n\nSport\n\nThe mayor said the city would now repair its roads and its library.";
    assert!(measure_text(text).iter().all(|f| !f.heading_copy));
    // The table of contents after the article ("On this page" on a docs
    // site): the first copies are the headings.
    let text = "Tidal energy is predictable in a way that wind and sun are not, the engineers said.\n\n\
        The power equation\n\n\
        A turbine's output grows with the cube of the water's speed, so a fast channel matters.\n\n\
        What comes next\n\n\
        The team will install a second turbine next spring and publish the data in autumn.\n\n\
        On this page\n\nThe power equation\n\nWhat comes next";
    let copies: Vec<bool> = measure_text(text).iter().map(|f| f.heading_copy).collect();
    assert_eq!(
        copies,
        [false, true, false, true, false, false, false, false]
    );
}

#[test]
fn document_language_and_repeats() {
    let sl = Stoplists::builtin();
    let text = "Der Hund und die Katze sind nicht hier.\n\nMenü\n\nMenü";
    let ranges = [0..39, 41..46, 48..53];
    let (lang, fs, _) = measure_document(text, &ranges, None, sl, &Lookout::new());
    assert_eq!(lang, Some("de"));
    assert!(fs[0].get(Feature::Stopwords) > 0.5);
    assert_eq!(fs[1].repeats, 1);
    assert_eq!(fs.iter().map(|f| f.earlier_copies).sum::<u32>(), 1);
    assert_eq!(fs[2].get(Feature::Position), 1.0);
    assert_eq!(fs[0].get(Feature::FromEnd), 2.0);
}

#[test]
fn only_words_of_a_noted_length_are_spots() {
    let text =
        "Comments, community and a COMMENT; a comma, commentary, commentaire, commémoration…";
    let spots = |lookout: &Lookout| -> Vec<&str> {
        let whole = 0..text.len();
        let ranges = std::slice::from_ref(&whole);
        let (_, _, spots) = measure_document(text, ranges, None, Stoplists::builtin(), lookout);
        spots.of(0).iter().map(|s| &text[s.start..s.end]).collect()
    };
    let key = word_key(b"comment");
    let mut exact = Lookout::new();
    exact.add_word(key, Some(7), false);
    // A word that is not ASCII skips the length test.
    assert_eq!(spots(&exact), ["COMMENT", "commémoration"]);
    let mut prefix = Lookout::new();
    prefix.add_word(key, Some(7), true);
    // The key is the first four bytes: `community` is noted too, and
    // the phrase index rules it out.
    assert_eq!(
        spots(&prefix),
        [
            "Comments",
            "community",
            "COMMENT",
            "commentary",
            "commentaire",
            "commémoration"
        ]
    );
    // A phrase word that is not ASCII (`commémoré`): words that are not
    // ASCII are noted whatever their length, ASCII ones never.
    let mut any = Lookout::new();
    any.add_word(key, None, false);
    assert_eq!(spots(&any), ["commémoration"]);
}

#[test]
fn copies_are_measured_like_their_first() {
    // Copies take the first's measurements: they must be what measuring
    // the copy alone gives, spots and stopwords (language totals) too.
    let sl = Stoplists::builtin();
    let mut lookout = Lookout::new();
    lookout.add_word(word_key(b"menu"), Some(4), false);
    lookout.add_symbol('©');
    let paras = [
        "Menu © 2024",
        "The dog and the cat are not here, and the menu is not either.",
        "Menu © 2024",
        "Die Katze",
        "Menu © 2024",
        "Die Katze",
    ];
    let text = paras.join("\n\n");
    let mut ranges = Vec::new();
    let mut at = 0;
    for p in paras {
        ranges.push(at..at + p.len());
        at += p.len() + 2;
    }
    let (lang, fs, spots) = measure_document(&text, &ranges, None, sl, &lookout);
    assert_eq!(lang, Some("en"));
    for (i, p) in paras.iter().enumerate() {
        let (_, alone, alone_spots) =
            measure_document(p, std::slice::from_ref(&(0..p.len())), None, sl, &lookout);
        let position = |f: &Features| Features {
            index: 0,
            count: 0,
            repeats: 0,
            earlier_copies: 0,
            copy_of: None,
            stopwords: 0,
            doc_stopwords: 0.0,
            ..f.clone()
        };
        assert_eq!(position(&fs[i]), position(&alone[0]), "{p}");
        assert_eq!(spots.of(i), alone_spots.of(0), "{p}");
    }
    // The copies' stopwords count towards the page language: `die`
    // twice against English's `the`, `and`, `are`, `not`... once.
    assert_eq!(fs[5].stopwords, 0);
    assert_eq!(fs[4].copy_of, Some(0));
    assert_eq!(fs[2].earlier_copies, 1);
    let (lang, _, _) = measure_document(
        "Die Katze\n\nDie Katze\n\nThe cat",
        &[0..9, 11..20, 22..29],
        None,
        sl,
        &lookout,
    );
    assert_eq!(lang, Some("de"));
}

#[test]
fn the_class_table_agrees_with_the_unicode_functions() {
    for u in 0..0x10000 {
        let class = char::from_u32(u).map_or(0, classify);
        assert_eq!(BMP_CLASSES[u as usize], class, "U+{u:04X}");
    }
}

#[test]
fn feature_values_of_text_and_html_paragraphs() {
    let sl = Stoplists::builtin();
    let text = "Home | News\n\nThe Council met on 5 May 2024. Call +1 555 123 4567.\n\n\
                Mail me@example.org #news @editor\n\nHome | News";
    let (_, ranges) = crate::text::segment(text);
    let (_, fs, _) = measure_document(text, &ranges, None, sl, &Lookout::new());
    let at = |i: usize, f: Feature| fs[i].get(f);
    assert_eq!(
        (at(0, Feature::Separators), at(0, Feature::Repeats)),
        (1.0, 1.0)
    );
    assert_eq!((at(1, Feature::Words), at(1, Feature::Phones)), (12.0, 1.0));
    assert_eq!(at(1, Feature::Sentences), 2.0);
    let contacts = [Feature::Emails, Feature::Hashtags, Feature::Handles];
    assert_eq!(contacts.map(|f| at(2, f)), [1.0, 1.0, 1.0]);
    // `contacts` adds up URLs, e-mail addresses and phones: a handle or a
    // hashtag is none.
    assert_eq!(
        (at(1, Feature::Contacts), at(2, Feature::Contacts)),
        (1.0, 1.0)
    );
    assert_eq!(
        (at(3, Feature::Position), at(3, Feature::FromEnd)),
        (1.0, 0.0)
    );
    assert_eq!(at(3, Feature::EarlierCopies), 1.0);
    let page = crate::html::parse(
        b"<div><h2>A heading</h2><p>Some <a href=x>linked</a> text here.</p></div>",
        &crate::html::DomWords::default(),
    );
    let (_, html_fs, _) = measure_document(
        &page.text,
        &page.blocks,
        Some(&page.dom),
        sl,
        &Lookout::new(),
    );
    assert!(html_fs.iter().all(|f| f.get(Feature::Html) == 1.0));
    assert!(html_fs.iter().any(|f| f.get(Feature::LinkDensity) > 0.0));
    assert!(html_fs.iter().any(|f| f.get(Feature::Heading) == 1.0));
    // Rules that need a DOM feature are skipped on plain text: there
    // every DOM feature is 0.
    for f in &fs {
        for &(name, feature) in Feature::ALL {
            if feature.is_dom() {
                assert_eq!(f.get(feature), 0.0, "{name}");
            }
        }
    }
}

#[test]
fn ascii_runs_agree_with_a_byte_loop() {
    let pieces = [
        "a", "Z", "0", "9", "abcdefgh", "Word", "X1y2Z3", " ", "@", "[", "`", "{", "/", ":", "é",
        "ÿ", "\u{7f}", "_",
    ];
    let mut rng = 12345u64;
    let mut next = move || {
        rng = rng
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (rng >> 33) as usize
    };
    let mut long_runs = 0;
    for _ in 0..20_000 {
        let mut text = String::new();
        for _ in 0..next() % 23 {
            text.push_str(pieces[next() % pieces.len()]);
        }
        let bytes = text.as_bytes();
        for start in 0..bytes.len() {
            let mut end = start;
            while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
                end += 1;
            }
            let run = &bytes[start..end];
            let want = (
                end,
                run.iter().filter(|b| b.is_ascii_digit()).count() as u32,
                run.iter().filter(|b| b.is_ascii_uppercase()).count() as u32,
            );
            assert_eq!(
                ascii_run(bytes, start, &ASCII_CLASSES),
                want,
                "{text:?} at {start}"
            );
            long_runs += (end - start > 16) as u32;
        }
    }
    assert!(long_runs > 1000, "{long_runs}");
}

#[test]
fn push_lower_agrees_with_to_lowercase() {
    let mut out = String::new();
    for c in (0u32..0x11_0000).filter_map(char::from_u32) {
        out.clear();
        push_lower(c, &mut out);
        assert!(out.chars().eq(c.to_lowercase()), "{c:?}");
        // Phrase matching strips the same bytes, from either end.
        let want = format!("{out}x");
        assert_eq!(strip_lower(want.as_bytes(), c, false), Some(&b"x"[..]));
        let want = format!("x{out}");
        assert_eq!(strip_lower(want.as_bytes(), c, true), Some(&b"x"[..]));
    }
    assert_eq!(strip_lower(b"ab", 'B', false), None);
}

#[test]
fn language_tally_counts_as_one_increment_per_language() {
    // Masks of every language, none, one or two and several, in a
    // pseudo-random order; 90,000 words run past the byte counters' 255,
    // and the first language's 67,500 hits past the u16 counts' 65,535
    // (which saturate).
    let all = (1u32 << LANGUAGE_COUNT) - 1;
    let mut x = 0x2545_F491_4F6C_DD1Du64;
    let mut tally = LanguageTally::default();
    let mut expected = [0u16; 32];
    let mut languages = 0;
    for i in 0..90_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let mask = match i % 4 {
            0 => 0,
            1 => 1 | 1 << (x % LANGUAGE_COUNT as u64),
            2 => 1 | (x as u32 & all),
            _ => 1 | (x as u32 & all & 0b1010_0000_0000_0101),
        };
        tally.add(mask);
        languages |= mask;
        for (l, count) in expected.iter_mut().enumerate() {
            if mask >> l & 1 == 1 {
                *count = count.saturating_add(1);
            }
        }
        if i == 300 || i == 89_999 {
            let counts = tally.clone().counts(languages);
            assert_eq!(counts, expected, "after {} words", i + 1);
        }
    }
    assert_eq!(expected[0], u16::MAX);
}

#[test]
fn words_lowercased_on_the_stack_as_in_a_string() {
    let long = "Ж".repeat(40);
    let text = format!("café ÉCOLE Straße İstanbul ＡＢＣ 中 Дом Ωmega ꭰꭱ {long} Ἀθῆναι");
    let (mut buckets, mut long_words) = (Vec::new(), Vec::new());
    let mut sink = WordSink {
        text: &text,
        stoplists: Stoplists::builtin(),
        lookout: &Lookout::new(),
        hits: LanguageTally::default(),
        languages: 0,
        lower: String::new(),
        first_spot: 0,
        dot_word: false,
        grams: ParagraphGrams::<false>::new(
            &promo_model::MODEL,
            &mut buckets,
            None,
            &mut long_words,
        ),
    };
    let mut words = 0;
    for word in text.split(' ') {
        let start = word.as_ptr() as usize - text.as_ptr() as usize;
        let end = start + word.len();
        let mut lower = String::new();
        word.chars().for_each(|c| lower.extend(c.to_lowercase()));
        let expected = (
            Stoplists::builtin().mask(lower.as_bytes()),
            word_key(lower.as_bytes()),
            promo_model::word_hash(lower.as_bytes()),
        );
        assert_eq!(sink.lowercase(start, end), expected, "{word}");
        assert_eq!(sink.lowercase_long(start, end), expected, "{word}");
        words += 1;
    }
    assert_eq!(words, 11);
    // A stopword with an accent is found.
    let mut sink = WordSink {
        text: "FÜR",
        ..sink
    };
    assert_ne!(sink.lowercase(0, "FÜR".len()).0, 0);
}

#[test]
fn the_lowercase_table_agrees_with_to_lowercase() {
    for (u, &l) in LOWERCASE.iter().enumerate() {
        let c = char::from_u32(u as u32).unwrap_or('\0');
        if l != '\0' {
            assert_eq!(c.to_lowercase().collect::<String>(), l.to_string());
        } else {
            assert!(c == '\0' || c.to_lowercase().count() > 1, "{c:?}");
        }
    }
}

#[test]
fn every_feature_has_a_unique_name() {
    for (i, &(name, f)) in Feature::ALL.iter().enumerate() {
        assert_eq!(f as usize, i, "{name} is out of declaration order");
        assert_eq!(Feature::from_name(name), Some(f));
        assert_eq!(f.name(), name);
    }
}

#[test]
fn doc_promo_is_the_share_of_words_the_scorer_leans_to_on_long_pages() {
    let sl = Stoplists::builtin();
    let doc = |paras: &[&str]| -> f32 {
        let text = paras.join("\n\n");
        let (_, ranges) = crate::text::segment(&text);
        let (_, fs, _) = measure_document(&text, &ranges, None, sl, &Lookout::new());
        assert!(fs.iter().all(|f| f.doc_promo == fs[0].doc_promo));
        fs[0].doc_promo
    };
    let ad = "Sign up for our free newsletter and get the best deals in your inbox every Friday!";
    let news = "The council approved the new budget on Tuesday after a long debate that went on \
                into the night, and the mayor thanked the members for their patience.";
    // Short documents: too little text to tell, 0 however promotional.
    assert_eq!(doc(&[ad]), 0.0);
    assert_eq!(doc(&[ad, ad, news]), 0.0);
    // A long article with one ad: a small share; a page of ads: most of it.
    let mut article = vec![news; 8];
    article.insert(4, ad);
    let share = doc(&article);
    assert!(share > 0.0 && share < 0.15, "{share}");
    let mut shop = vec![ad; 9];
    shop.push(news);
    assert!(doc(&shop) > 0.8, "{}", doc(&shop));
}

#[test]
fn doc_promo_paragraphs_counts_the_other_paragraphs_the_scorer_leans_to() {
    let sl = Stoplists::builtin();
    let ad = "Sign up for our free newsletter and get the best deals in your inbox every Friday!";
    let news = "The council approved the new budget on Tuesday after a long debate that went on \
                into the night, and the mayor thanked the members for their patience.";
    let mut paras = vec![news; 6];
    for at in [0, 3, 8] {
        paras.insert(at, ad);
    }
    let text = paras.join("\n\n");
    let (_, ranges) = crate::text::segment(&text);
    let (_, fs, _) = measure_document(&text, &ranges, None, sl, &Lookout::new());
    let ads: Vec<usize> = (0..fs.len()).filter(|&i| paras[i] == ad).collect();
    assert_eq!(ads.len(), 3);
    for (i, f) in fs.iter().enumerate() {
        assert!(
            paras[i] == news || f.promo_model >= 0.5,
            "{}",
            f.promo_model
        );
        assert!(paras[i] == ad || f.promo_model < 0.5, "{}", f.promo_model);
        // Each ad sees the two others; the news sees all three.
        let expected = if paras[i] == ad { 2 } else { 3 };
        assert_eq!(f.doc_promo_paragraphs, expected, "paragraph {i}");
    }
}

#[test]
fn a_paragraph_that_is_much_of_the_page_is_not_counted_in_its_doc_promo() {
    let sl = Stoplists::builtin();
    let news = "The council approved the new budget on Tuesday after a long debate that went on \
                into the night, and the mayor thanked the members for their patience.";
    let ad = "Sign up for our free newsletter today and get the best deals, coupons and offers \
              in your inbox every Friday, with twenty percent off your first order in our shop, \
              free delivery on everything, a gift for every new subscriber and a chance to win \
              one of our weekly prizes: it only takes a minute, so join us now and start saving!";
    let mut paras = vec![news; 8];
    paras.insert(3, ad);
    let text = paras.join("\n\n");
    let (_, ranges) = crate::text::segment(&text);
    let (_, fs, _) = measure_document(&text, &ranges, None, sl, &Lookout::new());
    // The ad is over a fifth of the page: the rest of the page is news.
    assert!(fs[3].promo_model >= 0.5, "{}", fs[3].promo_model);
    assert!(fs[3].words as f32 >= 0.2 * fs.iter().map(|f| f.words).sum::<u32>() as f32);
    assert_eq!(fs[3].doc_promo, 0.0);
    // The news paragraphs see the ad's words.
    assert!(fs[0].doc_promo > 0.2, "{}", fs[0].doc_promo);
}

#[test]
fn promo_lift_is_how_far_a_paragraph_stands_above_the_pages_prose() {
    let sl = Stoplists::builtin();
    let lifts = |paras: &[&str]| -> Vec<f32> {
        let text = paras.join("\n\n");
        let (_, ranges) = crate::text::segment(&text);
        let (_, fs, _) = measure_document(&text, &ranges, None, sl, &Lookout::new());
        fs.iter().map(|f| f.promo_lift).collect()
    };
    let ad = "Sign up for our free newsletter and get the best deals in your inbox every Friday, \
              with a coupon for your first order!";
    let news = "The council approved the new budget on Tuesday after a long debate that went on \
                into the night, and the mayor thanked the members for their patience.";
    // Under five paragraphs of 15 words: no page to stand out from.
    assert!(lifts(&[news, ad, news]).iter().all(|&l| l == 0.0));
    // An ad among articles stands out; the articles do not.
    let mut article = vec![news; 8];
    article.insert(4, ad);
    let l = lifts(&article);
    assert!(l[4] > 0.5, "{l:?}");
    assert!(
        l.iter().enumerate().all(|(i, &x)| i == 4 || x == 0.0),
        "{l:?}"
    );
    // On a page of ads, an ad is what the page is.
    let shop = vec![ad; 9];
    assert!(lifts(&shop).iter().all(|&l| l == 0.0));
}

#[test]
fn chinese_sentences_end_without_a_space_and_are_shaped_like_prose() {
    let news = "市政府周二宣布，将在明年春季之前完成老城区供水管网的改造工程。\
                工程预计投资三亿元，涉及十二个街道。负责人表示，施工期间将分段停水。";
    let f = features(news);
    assert_eq!(f.sentences, 3);
    assert_eq!(f.get(Feature::ProseShape), 1.0);
    // A Chinese menu has no sentence: not prose-shaped.
    let menu = features("首页 新闻 体育 财经 娱乐 科技 汽车 房产 教育 旅游");
    assert!(menu.get(Feature::ProseShape) < 1.0);
}

/// A paragraph of `words` words that the promo scorer gives `promo_model`.
fn para(words: u32, promo_model: f32) -> Features {
    Features {
        words,
        promo_model,
        ..Features::default()
    }
}

#[test]
fn page_overlap_is_the_share_of_a_candidates_long_words_the_pages_prose_uses() {
    // Five groups: an article paragraph, a second one, two candidates (the
    // scorer leans to promotion) and a short menu line.
    let features = [
        para(40, 0.1),
        para(30, 0.1),
        para(30, 0.7),
        para(20, 0.5),
        para(3, 0.0),
    ];
    // Words longer than six bytes (even hashes here; see `long_word`).
    let long = [
        1, 2, 3, 5, 6, /* candidate */ 5, 6, 6, 7, 8, 9, /* candidate */ 9, 10,
        /* menu */ 7, 8,
    ]
    .map(|w: u64| w * 2);
    let long_ends = [3, 5, 11, 13, 15];
    let overlaps = super::page_overlaps(&features, &[0, 1, 2, 3, 4], &long, &long_ends);
    // The first candidate's distinct words 5, 6, 7, 8, 9: 5 and 6 are in
    // the second paragraph (6 counts once); 7 and 8 only in the menu line,
    // which is not prose; 9 only in the other candidate, which is not prose
    // either.
    assert_eq!(overlaps[2], 0.4);
    assert_eq!(overlaps[3], 0.0);
    // Paragraphs the scorer does not lean to get none.
    assert_eq!(overlaps[0], 0.0);
    assert_eq!(overlaps.len(), 5);
}

#[test]
fn page_overlap_counts_six_byte_words_where_they_raise_it() {
    let features = [para(40, 0.1), para(8, 0.7), para(30, 0.7)];
    let (word, name) = (
        |w: u64| promo_model::long_word(w << 8, false),
        |w: u64| promo_model::long_word(w << 8, true),
    );
    let long = [
        // The article: a long word 1 and the name 2 (`Amazon`).
        word(1),
        name(2),
        // A deal line with no long word, naming the article's shop: 1/1.
        name(2),
        // A paragraph whose long word the article has, with two new
        // names: its long words alone (1/1) protect it, not all three (1/3).
        word(1),
        name(3),
        name(4),
    ];
    let overlaps = super::page_overlaps(&features, &[0, 1, 2], &long, &[2, 3, 6]);
    assert_eq!(overlaps[1], 1.0);
    assert_eq!(overlaps[2], 1.0);
    // A name and a long word of the same hash bits are different words.
    assert_ne!(word(2), name(2));
}

#[test]
fn page_overlap_reads_the_highest_score_of_a_groups_copies() {
    // A short line in the menu (not scored there) and again in the article,
    // where the scorer is sure of it: one group, a candidate by its copy.
    let features = [para(40, 0.1), para(4, 0.0), para(4, 0.95)];
    let long = [1, 2, 3, /* the line */ 1, 2, 9].map(|w: u64| w * 2);
    let overlaps = super::page_overlaps(&features, &[0, 1, 1], &long, &[3, 6]);
    assert_eq!(overlaps[1], 2.0 / 3.0);
}

#[test]
fn one_word_met_once_does_not_protect_a_paragraph_the_scorer_is_sure_of() {
    // An article of two paragraphs, then three candidates the scorer is sure
    // of and one it only leans to.
    let features = [
        para(40, 0.1),
        para(30, 0.1),
        para(10, 0.95),
        para(10, 0.95),
        para(10, 0.95),
        para(10, 0.7),
    ];
    let long = [
        /* article */ 1, 2, 3, /* article */ 3, 4, /* one word, once */ 1, 8, 9,
        /* one word, twice: the page's topic */ 3, 8, 9, /* two words */ 1, 2, 9,
        /* unsure */ 1, 8, 9,
    ]
    .map(|w: u64| w * 2);
    let overlaps = super::page_overlaps(
        &features,
        &[0, 1, 2, 3, 4, 5],
        &long,
        &[3, 5, 8, 11, 14, 17],
    );
    assert_eq!(overlaps[2], 0.0);
    assert_eq!(overlaps[3], 1.0 / 3.0);
    assert_eq!(overlaps[4], 2.0 / 3.0);
    assert_eq!(overlaps[5], 1.0 / 3.0);
}

#[test]
fn adjacent_han_and_katakana_chars_stand_for_a_long_word() {
    // `page_overlap` compares long words; a CJK char is a word of three
    // bytes, so without pairs a Chinese or Japanese paragraph had none.
    let long_words = |text: &str| {
        let (mut grams, mut long) = (Vec::new(), Vec::new());
        measure(
            text,
            Stoplists::builtin(),
            &Lookout::new(),
            &promo_model::MODEL,
            &mut Vec::new(),
            (&mut grams, &mut long),
            &mut Features::default(),
        );
        long
    };
    // 安全 and 対策: two pairs; hiragana (を, に) and punctuation break them.
    let pairs = long_words("安全を対策に。");
    assert_eq!(pairs.len(), 2);
    // The same pair in another paragraph has the same hash: what overlap needs.
    assert!(long_words("新しい安全").iter().any(|w| w == &pairs[0]));
    // Katakana pairs too (セキュリティ: five pairs), and hiragana alone none.
    assert_eq!(long_words("セキュリティ").len(), 5);
    assert!(long_words("これはそれです").is_empty());
    // Latin words: of six bytes tagged (odd), longer ones not, shorter
    // ones and stopwords not noted.
    let noted = long_words("Get it at Amazon for Christmas because");
    assert_eq!(noted.iter().map(|w| w & 1).collect::<Vec<_>>(), [1, 0]);
}

/// The paragraphs of `text` (one per line) that are turns of a dialogue,
/// as the document's measure finds them.
fn turns(text: &str) -> Vec<bool> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        ranges.push(start..start + line.len());
        start += line.len() + 1;
    }
    let (_, fs, _) = measure_document(text, &ranges, None, Stoplists::builtin(), &Lookout::new());
    fs.iter().map(|f| f.speaker_turn).collect()
}

#[test]
fn speaker_turns_need_two_labels_that_each_open_two_paragraphs() {
    let interview = "Our guest today runs the city's oldest bakery.\n\
                     Q: How did it start?\n\
                     A: My grandmother opened it in 1951.\n\
                     Q: And today?\n\
                     A: We bake for three schools.";
    assert_eq!(turns(interview), [false, true, true, true, true]);
    let named = "Prof. Carlos: Estou aqui com o Eugênio.\nEugênio: Obrigado!\n\
                 Prof. Carlos: E agora?\nEugênio: Agora cantamos.";
    assert_eq!(turns(named), [true; 4]);
    assert_eq!(
        turns("记者：您好。\n张先生：你好。\n记者：谢谢。\n张先生：不客气。"),
        [true; 4]
    );
    // One label alone (tips, notes) is no dialogue; nor times, nor labels
    // with digits, nor a colon without a space after it.
    assert_eq!(turns("Tipp: Salz.\nTipp: Zucker.\nTipp: Mehl."), [false; 3]);
    assert_eq!(
        turns("10: 30 Uhr.\n10: 30 Uhr.\nB2B: mehr.\nB2B: mehr.\nA:b\nA:b\nQ:c\nQ:c"),
        [false; 8]
    );
    // Labels of more than three words are sentences, not speakers.
    assert_eq!(
        turns("This is what he said: no.\nThis is what he said: yes.\nQ: a?\nA: b.\nQ: c?\nA: d."),
        [false, false, true, true, true, true]
    );
}

#[test]
fn the_news_scorer_lowers_news_about_promotion_not_the_ad() {
    // News about a shut casino app: the first scorer leans to promotion
    // ("bonus", "free spins", "new players"), the news scorer does not,
    // and the lower stands.
    let news = "The casino app promised new players a 100 euro bonus and free spins, investigators said, before the site was shut down.";
    assert!(
        promo_model::probability(news) >= promo_model::NEWS_FROM,
        "{}",
        promo_model::probability(news)
    );
    assert!(features(news).promo_model < promo_model::NEWS_FROM);
    // An ad stays an ad for both.
    let ad = "Get our free app today and save 20% on your first order with code FIRST20!";
    assert!(
        features(ad).promo_model >= 0.9,
        "{}",
        features(ad).promo_model
    );
    // Below NEWS_FROM the news scorer is not asked.
    let prose = "The council approved the new budget on Tuesday after a long debate that went on into the night.";
    assert_eq!(features(prose).promo_model, promo_model::probability(prose));
}

#[test]
fn spaced_words_count_two_cjk_characters_a_word() {
    // Thirteen characters, each a word of its own, are seven words of a
    // spaced language; "iPhone" and "16" count one each beside three
    // characters (two words); a spaced language counts as it is.
    let ja = features("北海道では大雪となりました");
    assert_eq!((ja.words, ja.cjk_words, ja.spaced_words()), (13, 13, 7));
    let mixed = features("iPhone 16を発売");
    assert_eq!(
        (mixed.words, mixed.cjk_words, mixed.spaced_words()),
        (5, 3, 4)
    );
    let en = features("The council approved the new budget on Tuesday.");
    assert_eq!((en.words, en.spaced_words()), (8, 8));
}
