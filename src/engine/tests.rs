//! Tests of the engine: thread safety, limits, summaries, presets.

use super::*;
use crate::Reason;

#[test]
fn public_types_are_send_sync_and_unwind_safe() {
    fn check<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
    check::<Stripper>();
    check::<Stripped<'_>>();
    check::<Error>();
}

#[test]
fn a_wrapper_holding_the_headline_is_no_comment_section() {
    // A CMS classes the wrapper of article and reader posts by its state
    // (`comments-open`); the posts are longer than the article.
    let para = |i: usize| {
        format!(
            "<p>The council decided on Tuesday to close the old pool for another season, \
             and the repairs will cost the town more than it had planned, point {i}.</p>"
        )
    };
    let post = |i: usize| {
        format!(
            "<div class=beitrag><p>I have swum there every summer since I was a child and \
             I think the council is wrong about the costs and the timing here, reader {i}.</p></div>"
        )
    };
    let article: String = (0..3).map(para).collect();
    let posts: String = (0..6).map(post).collect();
    // Other columns hold words enough that the wrapper is no far ancestor.
    let box_text: String = (0..8)
        .map(|i| {
            format!(
                "<li><a href=/a{i}>Market hall reopens after the long winter works {i}</a></li>"
            )
        })
        .collect();
    let html = format!(
        "<div id=nav><a href=/>Home</a> <a href=/n>News</a></div>\
         <div class=\"news-detail comments-open\"><h1>Pool stays closed for another season</h1>\
         {article}<div class=user-posts>{posts}</div></div>\
         <div class=most-read><h2>Most read</h2><ul>{box_text}</ul></div>\
         <div class=footer><p>Imprint · Privacy · Contact · Advertise with us · Jobs</p></div>"
    );
    let s = Stripper::shared();
    let stripped = s.extract(html.as_bytes(), crate::Format::Html).unwrap();
    let body = stripped.body();
    assert!(
        body.contains("point 0") && body.contains("point 2"),
        "{body}"
    );
    // Kept on its own evidence, not by the retry that drops class words.
    assert!(!stripped.relaxed());
    for p in stripped.paragraphs().filter(|p| p.text().contains("point")) {
        assert!(
            p.rule_names().all(|r| r != "dom_comments"),
            "{:?}",
            p.text()
        );
    }
    // A forum's topic: no `h1`, but an `h2` the page's title repeats.
    let topic = format!(
        "<title>Pool stays closed for another season - Town Forum</title>{}",
        html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    );
    let stripped = s.extract(topic.as_bytes(), crate::Format::Html).unwrap();
    assert!(!stripped.relaxed() && stripped.body().contains("point 1"));
}

#[test]
fn decomposed_input_is_read_and_returned_composed() {
    let s = Stripper::shared();
    let para = "Die Bu\u{308}rgermeisterin hat am Dienstag den neuen Haushalt vorgestellt, \
                der mehr Geld fu\u{308}r Schulen und die Bu\u{308}cherei vorsieht.";
    let body = s.strip(para).body();
    assert!(
        body.contains("Bürgermeisterin") && body.contains("Bücherei"),
        "{body}"
    );
    let html = format!("<article><p>{para}</p></article>");
    let body = s
        .extract(html.as_bytes(), crate::Format::Html)
        .unwrap()
        .body();
    assert!(body.contains("für Schulen"), "{body}");
}

/// The summary corpus mode uses says what a [`Stripped`] says.
#[cfg(feature = "corpus")]
#[test]
fn summaries_agree_with_stripped_documents() {
    let s = Stripper::shared();
    let owned = |cut: Vec<(&str, u64)>| -> Vec<(String, u64)> {
        cut.into_iter().map(|(n, c)| (n.to_string(), c)).collect()
    };
    // The summary lists rules by index, not in the order they first cut.
    let sorted = |mut cut: Vec<(String, u64)>| {
        cut.sort();
        cut
    };
    // From the paragraphs, independently of count_cut: the rule of most
    // negative weight (the first of equals), else the reason.
    let cuts = |st: &Stripped<'_>| {
        let mut cut: Vec<(String, u64)> = Vec::new();
        for p in st.paragraphs().filter(|p| !p.kept) {
            let mut name = p.reason.describe();
            let mut worst = 0.0;
            for h in p.hits() {
                if h.rule.weight < worst {
                    worst = h.rule.weight;
                    name = &h.rule.name;
                }
            }
            let counted = p
                .cutting_rule()
                .map_or(p.reason.describe(), |r| r.name.as_str());
            assert_eq!(counted, name);
            match cut.iter_mut().find(|(n, _)| n == name) {
                Some((_, c)) => *c += 1,
                None => cut.push((name.to_string(), 1)),
            }
        }
        cut
    };
    let texts = [
        include_str!("../../tests/fixtures/en-news-promo.txt"),
        include_str!("../../tests/fixtures/en-blog-comments.txt"),
        include_str!("../../tests/fixtures/de-nachrichten.txt"),
        "Home | News\nOne line only.\nCopyright 2024",
        "",
    ];
    let mut cut = 0;
    for text in texts {
        let stripped = s.strip(text);
        let (body, by) = s.summarize_text(text).unwrap();
        assert_eq!(body, stripped.body());
        cut += by.iter().map(|(_, c)| c).sum::<u64>();
        assert_eq!(sorted(owned(by)), sorted(cuts(&stripped)));
        let html = format!("<html><body><nav><a href=/>Home</a></nav><p>{text}</p></body></html>");
        let page = s.parse_html(html.as_bytes());
        let stripped = s.strip_page(&page);
        let (body, by) = s.summarize_page(&page);
        assert_eq!(body, stripped.body());
        assert_eq!(sorted(owned(by)), sorted(cuts(&stripped)));
    }
    assert!(cut > 10, "{cut}");
    let tiny = Stripper::builder().max_bytes(10).build().unwrap();
    assert!(tiny.summarize_text("more than ten bytes").is_err());
}

#[test]
fn bad_settings_are_errors() {
    assert!(Stripper::builder().threshold(f64::NAN).build().is_err());
    assert!("fast".parse::<Preset>().is_err());
    assert_eq!("recall".parse::<Preset>().unwrap(), Preset::Recall);
    let e = Stripper::builder()
        .rules_file("/nonexistent.rules")
        .build()
        .unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Io { .. }), "{e}");
}

#[test]
fn embedded_posts_inside_the_article_container_do_not_end_it() {
    let para = |i| {
        format!(
            "<p>Paragraph {i} of the report says that the council approved the new budget \
             on Tuesday after a long debate that went on late into the night.</p>"
        )
    };
    let embed = "<div class=social-embed><p>Image copyright @someone</p><a href=x>Report</a></div>";
    let html = format!(
        "<nav><a href=/>Home</a></nav><div class=story>{}{}{}{}</div><footer>\u{a9} 2024</footer>",
        para(1),
        embed.repeat(4),
        para(2),
        para(3)
    );
    let s = Stripper::shared();
    let page = s.parse_html(html.as_bytes());
    let body = s.strip_page(&page).body();
    assert!(body.starts_with("Paragraph 1"), "{body}");
    assert!(body.ends_with("late into the night."), "{body}");
    assert!(
        body.contains("Paragraph 3") && !body.contains("@someone"),
        "{body}"
    );
}

/// The built-in engine with the user rules `rules` added.
fn with_rules(rules: &str) -> Stripper {
    Stripper::builder()
        .rules_str("u.rules", rules)
        .build()
        .unwrap()
}

/// A page whose story is one `<p>` block between a menu and a footer.
fn one_block_page(story: &str) -> String {
    format!(
        "<nav><a href=/>Home</a> <a href=/news>News</a></nav><div class=story><p>{story}</p></div><footer>\u{a9} 2024</footer>"
    )
}

/// The body `s` keeps of the HTML page `html`, and whether it was decided
/// again without weak evidence.
fn strip_html(s: &Stripper, html: &str) -> (String, bool) {
    let page = s.parse_html(html.as_bytes());
    let stripped = s.strip_page(&page);
    (stripped.body().to_string(), stripped.relaxed())
}

/// Paragraph `i` of a story, as HTML.
fn para(i: usize) -> String {
    format!(
        "<p>Part {i} of the story says that the council approved the new budget \
         on Tuesday after a long debate that went on late into the night.</p>"
    )
}

#[test]
fn an_article_split_into_column_blocks_is_one_main_container() {
    let column = |a: usize| {
        format!(
            "<div class=col><div class=inner>{}{}</div></div>",
            para(a),
            para(a + 1)
        )
    };
    let html = format!(
        "<div class=page><section class=story>{}{}{}{}</section>\
         <aside><div><div>{}</div></div></aside></div>",
        column(1),
        column(3),
        column(5),
        column(7),
        para(9)
    );
    let in_main: Vec<bool> = in_main_of(&html).into_iter().map(|(_, m)| m).collect();
    assert_eq!(
        in_main,
        [true, true, true, true, true, true, true, true, false]
    );
}

/// Each paragraph of an HTML page, and whether it lies in the main text.
fn in_main_of(html: &str) -> Vec<(String, bool)> {
    let s = Stripper::shared();
    let page = s.parse_html(html.as_bytes());
    let stripped = s.strip_page(&page);
    stripped
        .paragraphs()
        .map(|p| {
            (
                p.text().to_string(),
                p.feature(crate::Feature::InMain) == 1.0,
            )
        })
        .collect()
}

/// Whether the first paragraph starting with `start` lies in the main text.
fn in_main_at(paragraphs: &[(String, bool)], start: &str) -> Option<bool> {
    paragraphs
        .iter()
        .find(|(t, _)| t.starts_with(start))
        .map(|&(_, m)| m)
}

#[test]
fn a_table_of_prose_is_the_container_with_its_caption_and_header_row() {
    // Cells give their row its score and the table body half: the body
    // would win, and the caption and header row fall outside the article.
    let row = |a: usize| format!("<tr><th>Film {a}</th><td>{}</td></tr>", para(a));
    let html = format!(
        "<div class=page><div class=content><table><caption>Films with time loops</caption>\
         <thead><tr><th>Film</th><th>Description</th></tr></thead>\
         <tbody>{}</tbody></table></div><aside><div><div>{}</div></div></aside></div>",
        (1..=5).map(row).collect::<String>(),
        para(9)
    );
    let paragraphs = in_main_of(&html);
    let in_main = |text: &str| paragraphs.iter().find(|(t, _)| t == text).map(|&(_, m)| m);
    assert_eq!(in_main("Films with time loops"), Some(true));
    assert_eq!(in_main("Description"), Some(true));
    // The aside, last, is not.
    assert_eq!(paragraphs.last().map(|&(_, m)| m), Some(false));
}

#[test]
fn a_chinese_caption_under_its_picture_is_cut_between_paragraphs() {
    // Portals set the caption in the picture's own <p>; it reads as a
    // sentence, and a short line between kept paragraphs stays unless it
    // scores bad.
    let paras = [
        "　　中新网哈尔滨12月22日电（记者 史轶夫）第十五届冰雪大世界22日正式开园迎客。今年的园区占地60万平方米，共使用冰雪18万立方米，以冰雪之冠为主题，吸引了大批游客前来参观游览。",
        "　　记者在现场看到，园区中央的主塔高约46米，以冰块垒砌而成，夜幕降临后，塔身内的彩色灯光随音乐变换，吸引大批游客驻足拍照。主塔两侧分布着城堡和滑梯。",
        "　　据园区工作人员介绍，今年的冰雕作品融入了多国的建筑元素，有近千名工人从11月中旬开始，在零下二十多摄氏度的低温中连续施工一个多月。",
        "　　市旅游局预计，今冬冰雪旅游季将持续到明年2月底，元旦、春节期间将迎来客流高峰。旅游部门提醒游客，园区内夜间气温很低，游览时注意保暖。",
    ];
    let html = format!(
        "<html><body><div class=nav><a href=/>首页</a> <a href=/n>新闻</a> <a href=/s>体育</a></div>\
         <div id=endText><p>{}</p><p>{}</p><p>{}</p>\
         <p class=f_center><img src=b.jpg><br>园区内的城堡风格冰雕建筑。中新社发 于琨 摄</p>\
         <p>{}</p></div><div class=footer>网易公司版权所有</div></body></html>",
        paras[0], paras[1], paras[2], paras[3]
    );
    let (body, _) = strip_html(Stripper::shared(), &html);
    assert!(!body.contains("于琨 摄"), "{body}");
    assert!(body.contains("市旅游局预计"), "{body}");
}

#[test]
fn a_list_of_prose_is_never_the_container_without_the_text_that_introduces_it() {
    // A recipe's steps, each a sentence or two, give the list the best
    // score; the intro and the ingredients sit in the sections before it.
    let step = |a: usize| {
        format!(
            "<li>Step {a} of the method says that the butter must stay very cold while \
             the flour and the salt are mixed into it by hand.</li>"
        )
    };
    let html = format!(
        "<div class=page><div class=sections>\
         <div class=section><div class=text>{}</div></div>\
         <div class=section><div class=text><p>Ingredients:</p><ul><li>250 g flour</li>\
         <li>200 g butter</li></ul></div></div>\
         <div class=section><div class=text><p>Method:</p><ol>{}</ol></div></div>\
         </div><aside><div><div>{}</div></div></aside></div>",
        para(1) + &para(2),
        (1..=5).map(step).collect::<String>(),
        para(9)
    );
    let paragraphs = in_main_of(&html);
    assert_eq!(in_main_at(&paragraphs, "Part 1"), Some(true));
    assert_eq!(in_main_at(&paragraphs, "Method:"), Some(true));
    assert_eq!(in_main_at(&paragraphs, "Step 5"), Some(true));
    assert_eq!(in_main_at(&paragraphs, "Part 9"), Some(false));
    // A list straight in the page's wrapper stays the candidate: the
    // wrapper holds the sidebar too.
    let html = format!(
        "<div class=wrap><div class=menu><a href=/>Home</a> <a href=/r>Recipes</a></div>\
         <div class=left><p>I am a home cook from Leeds, and I have been writing this blog since 2012.</p></div>\
         <h1>Shortcrust pastry</h1><ol>{}</ol>\
         <div class=side><p>I also run weekend baking classes in my kitchen, and there are still places in March.</p></div>\
         <div class=footer>Copyright 2024 Example Recipes</div></div>",
        (1..=6).map(step).collect::<String>()
    );
    let paragraphs = in_main_of(&html);
    assert_eq!(in_main_at(&paragraphs, "Step 1"), Some(true));
    assert_eq!(in_main_at(&paragraphs, "I also run"), Some(false));
}

#[test]
fn a_short_post_in_an_element_named_the_article_body_wins_over_more_prose_beside_it() {
    // One paragraph under a class that names the article body, against a
    // box of four paragraphs (a sign-up form's text, a teaser): the class
    // decides. A tag name (`<article>`) does not: it wraps teasers too.
    let page = |post: &str| {
        format!(
            "<div class=page><div class=post><div class=meta><span>By A. Writer</span></div>{post}</div>\
             <div class=box><div>{}</div></div></div>",
            (2..=5).map(para).collect::<String>()
        )
    };
    let in_main = |html: String| -> Vec<bool> {
        in_main_of(&html)
            .into_iter()
            .filter(|(t, _)| t.starts_with("Part "))
            .map(|(_, m)| m)
            .collect()
    };
    let named = format!("<div class=entry-content>{}</div>", para(1));
    assert_eq!(in_main(page(&named)), [true, false, false, false, false]);
    let tag = format!("<article>{}</article>", para(1));
    assert_eq!(in_main(page(&tag)), [false, true, true, true, true]);
}

#[test]
fn a_modal_with_more_sentences_than_a_short_post_is_never_its_container() {
    // A login form's modal holds two paragraphs of sentences, the post one.
    let html = format!(
        "<div class=page><div class=post>{}</div>\
         <div class=login-modal><div>{}{}</div></div></div>",
        para(1),
        para(2),
        para(3)
    );
    let in_main: Vec<bool> = in_main_of(&html).into_iter().map(|(_, m)| m).collect();
    assert_eq!(in_main, [true, false, false]);
}

#[test]
fn the_sections_of_an_article_beside_its_container_are_main_text() {
    // The first section holds the most prose and is the container; the
    // second, a sibling with over 3/10 of its prose, is the article too.
    // A sibling with a fifth of it (a teaser box), and one holding a
    // comment section, are not.
    let section = |from: usize, to: usize| {
        format!(
            "<div class=section><h2>Section {from}</h2>{}</div>",
            (from..=to).map(para).collect::<String>()
        )
    };
    let html = format!(
        "<div class=page>{}{}<div class=box>{}</div>\
         <div class=discussion>{}<div class=comments>{}</div></div></div>",
        section(1, 5),
        section(6, 7),
        para(8),
        para(9),
        para(10),
    );
    let s = Stripper::shared();
    let page = s.parse_html(html.as_bytes());
    let stripped = s.strip_page(&page);
    let in_main = |start: &str| {
        stripped
            .paragraphs()
            .find(|p| p.text().starts_with(start))
            .map(|p| p.feature(crate::Feature::InMain) == 1.0)
    };
    assert_eq!(in_main("Part 1 "), Some(true));
    assert_eq!(in_main("Part 7 "), Some(true));
    assert_eq!(in_main("Part 8 "), Some(false));
    assert_eq!(in_main("Part 9 "), Some(false));
}

#[test]
fn the_sections_of_an_article_wrapped_by_a_block_editor_are_main_text() {
    // Each block wraps its text twice (`block > content > html`); the
    // container found is the innermost wrapper, an only child, and the
    // article's next block, after a sign-up box, is its parent's sibling.
    let block = |from: usize, to: usize| {
        format!(
            "<div class=block><div class=block-content><div class=html-content>{}</div></div></div>",
            (from..=to).map(para).collect::<String>()
        )
    };
    let html = format!(
        "<div class=page><div class=col>{}<div class=block><form><p>Your email</p></form></div>{}</div>\
         <div class=more><div class=card>{}</div></div></div>",
        block(1, 5),
        block(6, 7),
        para(8),
    );
    let in_main = in_main_of(&html);
    let of = |start: &str| in_main_at(&in_main, start);
    assert_eq!(of("Part 1 "), Some(true));
    assert_eq!(of("Part 7 "), Some(true));
    assert_eq!(of("Part 8 "), Some(false));
    // A sibling the lift reaches that names itself a sidebar does not join.
    let html = format!(
        "<div class=row><div class=col-md-8><div class=post>{}</div></div>\
         <div class=\"col-md-4 sidebar\">{}{}</div></div>",
        (1..=4).map(para).collect::<String>(),
        para(8),
        para(9),
    );
    let in_main = in_main_of(&html);
    let of = |start: &str| in_main_at(&in_main, start);
    assert_eq!(of("Part 1 "), Some(true));
    assert_eq!(of("Part 8 "), Some(false));
}

#[test]
fn a_heading_goes_with_what_it_heads() {
    // A heading inside the article stays; the heading of a related-links
    // list that is cut goes with it, though it sits among the article's
    // paragraphs.
    let links: String = (1..=4)
        .map(|i| format!("<li><a href=/s{i}>Story number {i} of the day</a></li>"))
        .collect();
    let html = format!(
        "<div class=story>{}<h2>Elsewhere in the city</h2><ul>{links}</ul>\
         <h2>What the budget pays for</h2>{}{}</div>",
        para(1),
        para(2),
        para(3)
    );
    let s = Stripper::shared();
    let page = s.parse_html(html.as_bytes());
    let stripped = s.strip_page(&page);
    let find = |start: &str| {
        stripped
            .paragraphs()
            .find(|p| p.text().starts_with(start))
            .map(|p| (p.kept, p.reason))
    };
    assert_eq!(find("What the budget").map(|(k, _)| k), Some(true));
    assert_eq!(find("Part 3").map(|(k, _)| k), Some(true));
    assert_eq!(find("Story number 1").map(|(k, _)| k), Some(false));
    assert_eq!(
        find("Elsewhere in the city"),
        Some((false, crate::Reason::NothingUnderHeading))
    );
}

#[test]
fn class_words_of_the_page_or_the_article_itself_do_not_condemn_it() {
    let article: String = (1..=4).map(para).collect();
    let comment = "<li class=comment><p>I think the council was wrong about this, and \
                   so do most of my neighbours in the village.</p></li>";
    let page = |body_class: &str, article_class: &str| {
        format!(
            "<body class=\"{body_class}\"><nav><a href=/>Home</a> <a href=/a>About</a></nav>\
             <article class=\"{article_class}\">{article}</article>\
             <ol class=comments>{}</ol></body>",
            comment.repeat(2)
        )
    };
    let s = Stripper::shared();
    let kept = |html: String| {
        let page = s.parse_html(html.as_bytes());
        let body = s.strip_page(&page).body();
        (
            body.contains("Part 1") && body.contains("Part 4"),
            body.contains("neighbours"),
        )
    };
    // Plain classes: the article stays, the comments go.
    assert_eq!(kept(page("single", "post")), (true, false));
    // A body class naming a site feature, and a post "with comments": the
    // words describe the whole page or the article, not a part to cut.
    assert_eq!(
        kept(page("has-comments sidebar-left", "post")),
        (true, false)
    );
    assert_eq!(kept(page("single", "post commented")), (true, false));
}

/// Asserts that the paragraphs of `article` come out whole from a small
/// page, as HTML (a menu of two links, a headline, the paragraphs in a
/// plain `div`, a footer; the menu is cut) and as the text a scraper makes
/// of it.
fn assert_article_kept(article: &[&str], menu: [&str; 2], headline: &str) {
    let s = Stripper::shared();
    let paras: String = article.iter().map(|p| format!("<p>{p}</p>")).collect();
    let html = format!(
        "<nav><a href=/>{}</a> <a href=/b>{}</a></nav><h1>{headline}</h1>\
         <div class=text>{paras}</div><footer>\u{a9} 2026</footer>",
        menu[0], menu[1]
    );
    let body = s.strip_page(&s.parse_html(html.as_bytes())).body();
    assert!(article.iter().all(|p| body.contains(p)), "{body}");
    assert!(!body.contains(menu[0]), "{body}");
    let text = format!(
        "{}\n\n{}\n\n{}\n\n\u{a9} 2026",
        menu[0],
        menu[1],
        article.join("\n\n")
    );
    let body = s.strip(&text).body();
    assert!(article.iter().all(|p| body.contains(p)), "{body}");
}

#[test]
fn an_article_in_a_language_without_a_stoplist_is_kept() {
    // Latin: no stoplist, and a few of its words are Romanian stopwords.
    let article = [
        "Gallia est omnis divisa in partes tres, quarum unam incolunt Belgae, aliam Aquitani, \
         tertiam qui ipsorum lingua Celtae, nostra Galli appellantur.",
        "Hi omnes lingua, institutis, legibus inter se differunt. Gallos ab Aquitanis Garumna \
         flumen, a Belgis Matrona et Sequana dividit.",
        "Horum omnium fortissimi sunt Belgae, propterea quod a cultu atque humanitate \
         provinciae longissime absunt, minimeque ad eos mercatores saepe commeant.",
    ];
    assert_article_kept(&article, ["Domus", "Libri"], "De Bello Gallico");
}

#[test]
fn articles_in_scripts_without_spaces_or_with_their_own_full_stop_are_kept() {
    // Thai puts a space between phrases, not between words, and no full
    // stop; Armenian ends its sentences with its own full stop.
    let thai = [
        "เมื่อวานนี้ฝนตกหนักในหลายพื้นที่ของกรุงเทพมหานคร ทำให้เกิดน้ำท่วมขังบนถนนสายหลักหลายสาย \
         การจราจรติดขัดอย่างหนักในช่วงเย็น",
        "กรมอุตุนิยมวิทยาคาดการณ์ว่าฝนจะยังคงตกต่อเนื่องไปอีกหลายวัน \
         และแนะนำให้ประชาชนติดตามข่าวสารอย่างใกล้ชิด เจ้าหน้าที่ได้เตรียมเครื่องสูบน้ำไว้ในจุดเสี่ยงแล้ว",
    ];
    assert_article_kept(&thai, ["หน้าแรก", "ข่าว"], "ฝนตกหนักในกรุงเทพ");
    let armenian = [
        "Երեկ երեկոյան մայրաքաղաքում հորդառատ անձրև տեղաց, որի հետևանքով մի քանի \
         կենտրոնական փողոցներ ջրածածկ եղան, և երթևեկությունը ժամերով կաթվածահար եղավ։",
        "Օդերևութաբանական ծառայությունը կանխատեսում է, որ անձրևները կշարունակվեն \
         առաջիկա երեք օրերին, և կոչ է անում քաղաքացիներին զգուշություն ցուցաբերել։",
    ];
    assert_article_kept(&armenian, ["Գլխավոր", "Լուրեր"], "Հորդառատ անձրև");
}

#[test]
fn a_short_last_sentence_in_a_language_the_stoplists_miss_is_kept() {
    // Korean particles cling to their words: the stoplist barely covers it.
    let article = [
        "어제 저녁 수도권에 폭우가 쏟아져 여러 주요 도로가 침수되고 교통이 몇 시간 동안 마비되었다.",
        "기상청은 앞으로 사흘 동안 비가 계속될 것으로 내다보고 시민들에게 불필요한 외출을 자제해 달라고 당부했다.",
        "시청 대변인은 긴급 복구팀이 밤새 배수 작업을 벌였다고 밝혔다.",
    ];
    assert_article_kept(&article, ["Home", "News"], "폭우로 도로 침수");
}

#[test]
fn a_page_that_would_come_out_empty_for_its_class_names_is_decided_again() {
    let para = |i: usize| {
        format!(
            "<div class=\"share-block related-box\"><p>Part {i} of the story says that the \
             council approved the new budget on Tuesday after a long debate.</p></div>"
        )
    };
    let article: String = (1..=4).map(para).collect();
    let html = format!("<nav><a href=/>Home</a></nav><div>{article}</div>");
    let s = Stripper::shared();
    let page = s.parse_html(html.as_bytes());
    let stripped = s.strip_page(&page);
    assert!(stripped.relaxed());
    let body = stripped.body();
    // Corpus mode's summary decides again the same way.
    #[cfg(feature = "corpus")]
    assert_eq!(s.summarize_page(&page).0, body);
    assert!(body.contains("Part 1") && body.contains("Part 4"), "{body}");
    assert!(!body.contains("Home"), "{body}");
    // The weak rules still show among the hits; the score leaves them out.
    let p = stripped
        .paragraphs()
        .find(|p| p.text().starts_with("Part 1"))
        .unwrap();
    let weak: f64 = p.hits().filter(|h| h.rule.weak).map(|h| h.weight()).sum();
    let all: f64 = p.hits().map(|h| h.weight()).sum();
    assert!(
        weak < 0.0 && (p.score - (all - weak)).abs() < 1e-9,
        "{weak} {all}"
    );
    // A page that keeps its prose is decided once.
    let plain = html.replace("share-block related-box", "story");
    let page = s.parse_html(plain.as_bytes());
    let stripped = s.strip_page(&page);
    assert!(!stripped.relaxed());
    assert!(stripped.body().contains("Part 4"));
}

/// A page that renders its article with script has none in its markup;
/// the article it states in its JSON-LD is read instead.
#[test]
fn a_page_without_an_article_in_its_markup_reads_its_structured_data() {
    let sentence = "The council approved the new budget on Tuesday after a long debate \
                    that went on into the night, the mayor said.";
    let json = format!(
        "{{\"@context\": \"https://schema.org\", \"@type\": \"NewsArticle\", \
         \"articleBody\": \"{sentence}\\nThe library will reopen in May, and the council \
         has promised new books for the children's section.\"}}"
    );
    let chrome = "<nav><a href=/>Home</a> <a href=/news>News</a></nav>\
                  <footer><p>© 2024 Example Media. All rights reserved.</p></footer>";
    let page = |body: &str| {
        format!(
            "<html><head><title>Budget vote | Example</title>\
             <script type=\"application/ld+json\">{json}</script></head>\
             <body>{body}{chrome}<div id=app></div></body></html>"
        )
    };
    let s = Stripper::shared();
    let html = page("");
    let parsed = s.parse_html(html.as_bytes());
    // The script's text is not the page's text.
    assert!(!parsed.text().contains("articleBody"), "{}", parsed.text());
    let stripped = s.strip_page(&parsed);
    assert!(stripped.from_structured_data());
    assert_eq!(stripped.title(), Some("Budget vote"));
    let body = stripped.body();
    assert!(body.starts_with("The council approved"), "{body}");
    assert!(body.contains("\n\nThe library will reopen"), "{body}");
    assert!(!body.contains("Home") && !body.contains("©"), "{body}");
    #[cfg(feature = "corpus")]
    assert_eq!(s.summarize_page(&parsed).0, body);
    // A page whose markup holds its article keeps that.
    let html = page(&format!(
        "<article><p>{sentence}</p><p>{sentence}</p></article>"
    ));
    let parsed = s.parse_html(html.as_bytes());
    let stripped = s.strip_page(&parsed);
    assert!(!stripped.from_structured_data());
    assert!(!stripped.body().contains("library"), "{}", stripped.body());
}

#[test]
fn a_declared_article_body_is_the_container_even_without_prose() {
    let items: String = (1..=12)
        .map(|i| format!("<p>Round {i}: March {i} – Interlagos circuit</p>"))
        .collect();
    let html = format!(
        "<div><div itemprop=\"articleBody\"><h3>Race calendar 2018</h3>{items}</div></div>\
         <aside><div><div><p>Click here to see the TV times of the Brazilian Grand Prix, the \
         20th race of the season, and get to know the track and its history.</p></div></div></aside>"
    );
    let s = Stripper::shared();
    let page = s.parse_html(html.as_bytes());
    let body = s.strip_page(&page).body();
    assert!(
        body.contains("Round 1: March 1") && body.contains("Round 12"),
        "{body}"
    );
    assert!(!body.contains("TV times"), "{body}");
}

/// A post of captions or short lines under a class that names it the
/// article is the container though no block of it reads as prose, not a
/// sidebar's one blurb of prose; a wrapper classed `article` around prose
/// stays no container of its own.
#[test]
fn an_article_class_without_prose_is_the_container() {
    let captions: String = [
        "Film: Fuji X-TRA 400.",
        "Camera: Pentax Z-1.",
        "Lens: 50 mm.",
    ]
    .iter()
    .map(|c| format!("<h3>Setup</h3><p>{c}</p><p>Shuji, Walter.</p>"))
    .collect();
    let sidebar = format!(
        "<div class=widgets><h2>Meta</h2><ul><li><a href=/r>Register</a></li></ul>\
         <ul><li><div><p>{}</p></div></li></ul></div>",
        para(9)
    );
    let html = format!(
        "<div class=page><div class=entry-content><h2>Swap April 2018</h2>{captions}</div>\
         {sidebar}</div>"
    );
    let paragraphs = in_main_of(&html);
    let in_main = |text: &str| paragraphs.iter().find(|(t, _)| t == text).map(|&(_, m)| m);
    assert_eq!(in_main("Film: Fuji X-TRA 400."), Some(true));
    assert_eq!(in_main("Lens: 50 mm."), Some(true));
    assert_eq!(paragraphs.last().map(|&(_, m)| m), Some(false));
    // Its prose scored too deep for the wrapper (six levels down): the
    // prose's own container is the article, not the wrapper and its menu.
    let deep = format!(
        "<div class=article-body><ul><li><a href=/a>Home</a></li><li><a href=/b>World</a></li>\
         <li><a href=/c>Sport</a></li><li><a href=/d>Weather</a></li><li><a href=/e>Culture</a>\
         </li><li><a href=/f>Travel</a></li></ul><div><div><div><div><div><div>{}</div></div>\
         </div></div></div></div></div>",
        para(1)
    );
    let paragraphs = in_main_of(&deep);
    assert_eq!(paragraphs.first().map(|&(_, m)| m), Some(false));
    assert_eq!(paragraphs.last().map(|&(_, m)| m), Some(true));
}

/// A page builder sets each block of an article in a module of its own,
/// seven levels under the element that names the article body: the body
/// is the container, not the one module that scores most.
#[test]
fn an_article_body_of_page_builder_modules_is_the_container() {
    let module = |a: usize, b: usize| {
        let paras: String = (a..b).map(para).collect();
        format!(
            "<div class=section><div class=row><div class=column><div class=module>\
             <div class=inner>{paras}</div></div></div><div class=column><img src=a.jpg>\
             </div></div></div>"
        )
    };
    let sidebar = format!("<aside><div>{}{}</div></aside>", para(20), para(21));
    let modules: String = [(1, 3), (3, 4), (4, 5), (5, 6), (6, 7), (7, 8)]
        .iter()
        .map(|&(a, b)| module(a, b))
        .collect();
    let html = format!(
        "<div class=entry-content><div class=builder><div class=layout>{modules}</div></div>\
         </div>{sidebar}"
    );
    let paragraphs = in_main_of(&html);
    for i in 1..8 {
        let text = format!("Part {i} of");
        let found = paragraphs.iter().find(|(t, _)| t.starts_with(&text));
        assert_eq!(found.map(|&(_, m)| m), Some(true), "{i}: {paragraphs:?}");
    }
    assert_eq!(paragraphs.last().map(|&(_, m)| m), Some(false));
}

#[test]
fn documents_over_the_maximum_size_are_refused() {
    let s = Stripper::builder().max_bytes(10).build().unwrap();
    assert!(s.try_strip("short").is_ok());
    let e = s.try_strip("more than ten bytes").unwrap_err();
    assert!(
        matches!(
            e.kind(),
            ErrorKind::TooLarge {
                size: 19,
                limit: 10
            }
        ),
        "{e}"
    );
    assert!(s.try_parse_html(b"<p>more than ten bytes</p>").is_err());
    assert_eq!(Stripper::shared().max_bytes(), DEFAULT_MAX_BYTES);
    let s = Stripper::builder().max_paragraphs(2).build().unwrap();
    assert!(s.try_strip("one\n\ntwo").is_ok());
    let e = s.try_strip("one\n\ntwo\n\nthree").unwrap_err();
    assert!(
        matches!(
            e.kind(),
            ErrorKind::TooManyParagraphs { count: 3, limit: 2 }
        ),
        "{e}"
    );
    assert!(s.try_parse_html(b"<p>a<p>b<p>c").is_err());
    assert!(s.try_parse_html(b"a<br>b<br>c").is_ok());
}

#[test]
fn ranges_point_into_the_input() {
    let text = "Menu\n\nA long paragraph of prose that goes on, and on, and it has many words in it so that it is kept.\n\n© 2024";
    let s = Stripper::shared().strip(text);
    let mut last = 0;
    for p in s.paragraphs() {
        assert!(p.range.start >= last);
        last = p.range.end;
        assert_eq!(p.text(), &text[p.range.clone()]);
    }
}

/// A scraper's flattened page: the article and a press-release ad in one
/// paragraph.
const FLATTENED: &str = "The city council approved the new budget on Tuesday after a debate that went on into the night. \
    Members argued for hours about the cost of repairing the old bridge over the river. \
    The mayor said the repairs would start in March and take six months. \
    Residents will be able to comment on the plans at a meeting next week. \
    Get your brand featured with a world-class press release on our high-authority websites with powerful do-follow backlinks. \
    Contact us today at sales@example.com to elevate your brand.";

#[test]
fn an_ad_inside_a_long_paragraph_goes_and_the_article_stays() {
    let s = Stripper::shared();
    let stripped = s.strip(FLATTENED);
    let body = stripped.body();
    assert!(body.contains("approved the new budget"), "{body}");
    assert!(
        body.contains("comment on the plans at a meeting next week."),
        "{body}"
    );
    assert!(!body.contains("do-follow"), "{body}");
    assert!(!body.contains("sales@example.com"), "{body}");
    // The pieces are the paragraph's sentences, pointing into the input.
    assert!(stripped.len() >= 6);
    for p in stripped.paragraphs() {
        assert!(FLATTENED.contains(p.text()));
    }
    // Corpus mode decides the same pieces.
    #[cfg(feature = "corpus")]
    assert_eq!(s.summarize_text(FLATTENED).unwrap().0, body);
    // A long paragraph without promo evidence stays one paragraph.
    let article = FLATTENED.split(" Get your").next().unwrap();
    assert_eq!(s.strip(article).len(), 1);
}

#[test]
fn a_paragraph_longer_than_any_page_is_not_split() {
    // Over 5,000 words on one line is a site or a script read as text:
    // its sentences are not judged one by one.
    let article = FLATTENED.split(" Get your").next().unwrap();
    let ad = &FLATTENED[article.len()..];
    let sentences: Vec<String> = (0..400)
        .map(|i| {
            format!("On day {i} the council met again to talk about the budget and the bridge.")
        })
        .collect();
    let long = format!("{article} {}{ad}", sentences.join(" "));
    let stripped = Stripper::shared().strip(&long);
    assert_eq!(stripped.len(), 1);
}

#[test]
fn a_whole_ad_a_decisive_rule_is_sure_of_is_not_split_into_prose() {
    // Five plain sentences about a sponsor, 90 words: a decisive rule
    // that fires on the paragraph as a whole cuts all of it; the same
    // evidence from a merely strong rule still splits it.
    let ad = "This series about the future of travel is made possible by Meridian Airways. \
        The airline had no control over which places we featured or what our writers said about them. \
        It does fund the series, and we think you should know that before you start planning a trip. \
        Every story was reported and edited by our own travel desk over the whole of the last summer. \
        Next week we look at the small islands of the north and the ferries that keep them connected.";
    let article = "The council approved the new budget on Tuesday after a long debate that went on into the night, and the mayor thanked everyone.";
    let text = format!("{article}\n\n{ad}\n\n{article}");
    let strip = |how: &str| {
        let rules =
            format!("rule sponsor_note\n describe d\n weight -6\n{how} phrases made possible by\n");
        let s = with_rules(&rules);
        s.strip(&text).body()
    };
    let body = strip(" decisive yes\n");
    assert!(!body.contains("Next week we look"), "{body}");
    assert!(body.contains("approved the new budget"), "{body}");
    let body = strip("");
    assert!(body.contains("Next week we look"), "{body}");
    assert!(!body.contains("Meridian Airways"), "{body}");
}

#[test]
fn a_decisive_rule_does_not_decide_an_html_paragraph_too_long_for_one_ad() {
    // HTML paragraphs are not split: an old site's whole story in one
    // block, with a hotline in its last sentence, stays; a paragraph of
    // ad length with the same evidence is cut.
    let rules = "rule hotline\n describe d\n weight -6\n decisive yes\n phrases call the hotline\n";
    let s = with_rules(rules);
    let sentence = "The council approved the new budget on Tuesday after a long debate that went on late into the night.";
    let hotline = "Residents with questions can call the hotline on weekdays.";
    let page_of = |sentences: usize| {
        one_block_page(&format!(
            "{} {hotline}",
            [sentence].repeat(sentences).join(" ")
        ))
    };
    // 16 sentences and the hotline: 1,400 chars, kept by the first pass
    // (not only by the retry without weak evidence).
    let (long, relaxed) = strip_html(&s, &page_of(16));
    assert!(long.contains(hotline) && !relaxed, "{long}");
    // 4 sentences: 400 chars, one ad's length.
    let short = page_of(4);
    let short = format!(
        "{}<p>{}</p></div>",
        short.split("</div>").next().unwrap(),
        [sentence; 3].join(" ")
    );
    let (kept, _) = strip_html(&s, &short);
    assert!(!kept.contains(hotline), "{kept}");
    assert!(kept.contains(sentence), "{kept}");
}

#[test]
fn a_chinese_story_in_one_html_block_is_long_by_its_chars_counted_three_times() {
    // 460 chars: a third of the limit in raw chars, as long as an English
    // story of 1,300 once each CJK char counts three.
    let rules = "rule hotline\n describe d\n weight -1\n decisive yes\n phrases 拨打热线\n";
    let s = with_rules(rules);
    let sentence = "市政府周二批准了新的预算方案，用于修缮道路和重新开放图书馆。";
    let hotline = "市民如有疑问，可在工作日拨打热线咨询。";
    let block = |n: usize| one_block_page(&format!("{}{hotline}", [sentence].repeat(n).concat()));
    let (body, relaxed) = strip_html(&s, &block(15));
    assert!(body.contains(hotline) && !relaxed, "{body}");
    // Four sentences: an ad's length, cut whole.
    let (body, _) = strip_html(&s, &block(4));
    assert!(!body.contains(hotline), "{body}");
}

#[test]
fn a_long_html_paragraph_cut_by_weak_and_firm_evidence_is_retried() {
    // A one-block post with a hotline (a firm decisive rule) that weak
    // evidence also cuts: the page kept only a short note, and the retry
    // without weak evidence must count the post, too long for one ad.
    let rules = "rule hotline\n describe d\n weight -6\n decisive yes\n phrases call the hotline\n\n\
        rule unsure\n describe d\n weight -6\n weak yes\n phrases new budget\n";
    let s = with_rules(rules);
    let sentence = "The council approved the new budget on Tuesday after a long debate that went on late into the night.";
    let story = [sentence].repeat(16).join(" ");
    let hotline = "Residents with questions can call the hotline on weekdays.";
    let note = "Nobody paid for this post, and every opinion in it is my own.";
    let html = format!(
        "<nav><a href=/>Home</a> <a href=/news>News</a></nav><div class=post><p>{story} {hotline}</p><p>{note}</p></div><footer>\u{a9} 2024</footer>"
    );
    let page = s.parse_html(html.as_bytes());
    let body = s.strip_page(&page).body();
    assert!(body.contains(hotline), "{body}");
    assert!(body.contains(note), "{body}");
}

#[test]
fn a_decisive_rule_cuts_prose_and_explains_itself() {
    let rules = "rule sure_ad\n describe d\n weight -1\n decisive yes\n phrases limited offer\n";
    let s = with_rules(rules);
    let text = "The council approved the new budget on Tuesday after a long debate that went on into the night, and the mayor thanked everyone.\n\n\
        This limited offer is a fine and well written sentence about the budget that the council approved on Tuesday night.\n\n\
        Members argued for hours about the cost of repairing the old bridge over the river, and the vote came after midnight.";
    let stripped = s.strip(text);
    let verdicts: Vec<(bool, Reason)> = stripped.paragraphs().map(|p| (p.kept, p.reason)).collect();
    assert_eq!(verdicts[1], (false, Reason::StrongEvidence));
    assert!(verdicts[0].0 && verdicts[2].0, "{verdicts:?}");
}

#[test]
fn a_related_list_does_not_take_the_main_container_from_a_short_post() {
    // A one-paragraph post, then a box of related posts whose heading, not
    // the box, carries the class word; the quoted posts outweigh the post.
    let teaser = |topic: &str| {
        format!(
            "<article class=\"post\"><p>The {topic} requires patience and courage from all of us, \
             because the people we love need our help and we should give it to them every \
             single day of the year, as our parents did for us.</p></article>"
        )
    };
    let html = format!(
        "<html><body><div><article class=\"post\"><h1>Only those who love</h1><p>The council \
         approved the new budget on Tuesday after a long debate that went on into the night, \
         and the mayor said the city would now repair its roads and reopen the library that \
         closed last winter.</p></article><article class=\"post\"><h3 \
         class=\"relatedpoststitle\">You may also like</h3>{}{}{}</article></div></body></html>",
        teaser("life"),
        teaser("family"),
        teaser("friendship")
    );
    let strip = |rules: &str| {
        let s = with_rules(rules);
        let page = s.parse_html(html.as_bytes());
        let stripped = s.strip_page(&page);
        let post = stripped
            .paragraphs()
            .find(|p| p.text().contains("new budget"))
            .map(|p| (p.kept, p.feature(crate::Feature::InMain) == 1.0));
        (stripped.relaxed(), post)
    };
    // The post is the main container, and a weak rule that misreads it
    // does not leave that container empty.
    let sure_ad =
        "rule sure_ad\n describe d\n weight -6\n decisive yes\n weak yes\n phrases new budget\n";
    assert_eq!(strip(sure_ad), (true, Some((true, true))));
    // Without the heading's `titles`, the container holds the related
    // box too, whose posts it keeps: the post is lost.
    let untitled = format!("{sure_ad}\nrule dom_related\n titles no\n");
    assert_eq!(strip(&untitled), (false, Some((false, true))));
}

#[test]
fn a_weak_decisive_rule_does_not_empty_a_page() {
    // The page's only article: a learned scorer can be sure of the wrong
    // thing on prose it has not seen, and nothing else would be kept.
    let text = "Home\n\nNews\n\nThe council approved the new budget on Tuesday after a long debate \
        that went on into the night, and the mayor said the city would now repair its roads \
        and reopen the library.\n\nContact\n";
    let strip = |rule: &str, more: &str| {
        let rules = format!(
            "rule sure_ad\n describe d\n weight -6\n decisive yes\n{rule} phrases new budget\n\n{more}"
        );
        let s = with_rules(&rules);
        let stripped = s.strip(text);
        (stripped.relaxed(), stripped.body())
    };
    let (relaxed, body) = strip(" weak yes\n", "");
    assert!(relaxed && body.contains("new budget"), "{body}");
    // Firm strong evidence still cuts.
    let (relaxed, body) = strip("", "");
    assert!(!relaxed && body.is_empty(), "{body}");
    // A firm rule that leaves it near-good once the weak one is dropped
    // (an e-mail address in a blog's only post): near-good is prose too.
    let hint = "rule firm_hint\n describe d\n weight -1\n phrases repair its roads\n";
    let (relaxed, body) = strip(" weak yes\n", hint);
    assert!(relaxed && body.contains("new budget"), "{body}");
}

#[test]
fn a_promo_model_file_replaces_the_built_in_one() {
    let ad = "Sign up for our free newsletter and get the best deals in your inbox every Friday.";
    let built_in = Stripper::shared().strip(ad);
    assert!(built_in.paragraph(0).feature(crate::Feature::PromoModel) > 0.7);
    let dir = std::env::temp_dir().join(format!("dechaff-model-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A model that knows no word: every paragraph scores its bias.
    let silent = dir.join("silent.model");
    let weights = vec![0.0f32; 1 << crate::measure::promo_model::BUCKET_BITS];
    std::fs::write(
        &silent,
        crate::promo_training::model_file((-10.0, &weights), (-10.0, &weights)),
    )
    .unwrap();
    let s = Stripper::builder()
        .promo_model_file(&silent)
        .build()
        .unwrap();
    let silenced = s.strip(ad);
    assert!(silenced.paragraph(0).feature(crate::Feature::PromoModel) < 0.001);
    // The explanation names the grams of the model in use, not the built-in's.
    assert!(!built_in.paragraph(0).promo_ngrams(3).is_empty());
    assert!(silenced.paragraph(0).promo_ngrams(3).is_empty());
    // Not a model file: a typed error naming it.
    let bad = dir.join("bad.model");
    std::fs::write(&bad, b"not a model").unwrap();
    let e = Stripper::builder()
        .promo_model_file(&bad)
        .build()
        .unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::BadSetting(m) if m.contains("bad.model")),
        "{e}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_headline_is_the_h1_heading_the_kept_text_and_markdown_keeps_structure() {
    let prose = "The council approved the new budget on Tuesday after a long debate \
                 that went on late into the night, the mayor said.";
    let html = format!(
        "<title>Budget passes | City News</title><h1>City News</h1><nav><a href=/>Home</a></nav>\
         <article><h1>Council passes the budget</h1><p>{prose}</p><h2>What it pays for</h2>\
         <p>{prose}</p><ul><li>Roads, and the bridges on them</li><li>Libraries</li></ul>\
         <blockquote>We did it, the mayor said of the vote.</blockquote><p>{prose}</p>\
         <table><tr><th>Item</th><th>Cost</th></tr><tr><td>Roads</td><td>$4m</td></tr></table>\
         <p>{prose}</p><pre>let a = 1;</pre><p>{prose}</p><p>1. Not a list, a sentence.</p></article>"
    );
    let s = Stripper::shared();
    let page = s.parse_html(html.as_bytes());
    let stripped = s.strip_page(&page);
    assert_eq!(stripped.title(), Some("Council passes the budget"));
    assert!(
        stripped
            .body_with_title()
            .starts_with("Council passes the budget\n\nThe council")
    );
    let md = stripped.markdown(true);
    for part in [
        "# Council passes the budget\n\nThe council",
        "\n\n## What it pays for\n\n",
        "\n\n- Roads, and the bridges on them\n\n- Libraries\n\n",
        "\n\n> We did it, the mayor said of the vote.\n\n",
        "\n\n| Item | Cost |\n| --- | --- |\n| Roads | $4m |\n\n",
        "\n\n```\nlet a = 1;\n```\n\n",
        "\n\n1\\. Not a list, a sentence.",
    ] {
        assert!(md.contains(part), "{part:?} not in:\n{md}");
    }
    assert!(!md.contains("Home"), "{md}");
    assert!(!stripped.markdown(false).starts_with('#'));
    // Text input: no headline, and no structure.
    let text = s.strip("- not a list item, but a line of text that starts with a dash.");
    assert_eq!(text.title(), None);
}

#[test]
fn a_tiny_page_is_its_own_body() {
    let s = Stripper::shared();
    let body = |html: &str| s.strip_page(&s.parse_html(html.as_bytes())).body();
    // Three words inside a link: link-heavy fragments, yet all the page has.
    let links = "<body><a href='javascript:'><p>abc</p><p>def</p>ghi</a></body>";
    assert_eq!(body(links), "abc\n\ndef\n\nghi");
    let page = s.parse_html(b"<body>Test</body>");
    let stripped = s.strip_page(&page);
    assert_eq!(stripped.paragraph(0).reason, crate::Reason::TinyPage);
    // Thirty words of the same links are a page of chrome, not a tiny page.
    let menu: String = (0..30).map(|i| format!("<p>Section{i}</p>")).collect();
    assert_eq!(
        body(&format!("<body><a href='javascript:'>{menu}</a></body>")),
        ""
    );
    // What a paragraph says, or its markup's class words, still cut.
    assert_eq!(body("<body><p>\u{a9} 2024 Example News</p></body>"), "");
    assert_eq!(
        body("<body><div class=footer>Example News</div></body>"),
        ""
    );
    // Plain text has no markup to tell a menu from a tiny article: where
    // it holds a sentence, only the sentence is kept; where it holds none,
    // its lines are all it has ("Test", "abc def ghi").
    let lorem = "Lorem ipsum dolor sit amet, consectetur adipiscing elit.";
    assert_eq!(s.strip(&format!("Home\n\n{lorem}")).body(), lorem);
    assert_eq!(s.strip("Test").body(), "Test");
    assert_eq!(s.strip("abc\n\ndef\n\nghi").body(), "abc\n\ndef\n\nghi");
    // What a line says still cuts it, and a line of chrome makes the rest
    // chrome too.
    assert_eq!(s.strip("Sign in\n\nSubscribe").body(), "");
    assert_eq!(s.strip("Cookie settings\n\nAccept all cookies").body(), "");
}

#[test]
fn a_chinese_article_in_plain_text_is_kept() {
    // Chinese puts no space after a full stop, and its stopwords are a
    // small share of its characters: prose is told by its shape.
    let text = [
        "市政府周二宣布，将在明年春季之前完成老城区的供水管网改造工程。这项工程是今年的重点项目之一，预计投资三亿元，涉及十二个街道的两万多户居民。负责人表示，施工期间将分段停水，并会提前在社区张贴通知。",
        "部分居民担心停水会影响日常生活，希望有关部门能够合理安排施工的时间。一位住在老城区的退休教师说，她家的水管已经用了三十多年，经常出现漏水的问题，这次改造对她来说是一件好事。",
        "专家指出，老城区的管网大多是在上世纪八十年代建成的，漏损率一直比较高。改造完成以后，供水的压力将会明显提高，高层住户用水难的问题也有望得到缓解。",
        "据了解，市里还计划在改造的同时对部分道路进行翻修，并在主要路口增加停车位。有关部门表示，工程结束后将对路面进行全面的检查，以确保车辆和行人的安全。",
        "市民如果对施工安排有意见，可以通过政府的热线电话进行反映。相关部门承诺，会在三个工作日内对市民提出的问题作出答复，并在网上公开处理的结果。",
    ]
    .join("\n\n");
    let stripped = Stripper::shared().strip(&text);
    assert!(stripped.paragraphs().all(|p| p.kept), "{}", stripped.body());
}

#[test]
fn text_without_page_chrome_is_an_extracted_body_kept_across_its_lists() {
    let s = Stripper::shared();
    let prose = [
        "The band announced on Monday that it will tour the country next autumn, its first \
         tour in six years, with a new drummer and a string section.",
        "Tickets go on sale on Friday, and the band said that part of the takings would go to \
         the music schools of the towns it plays in.",
    ];
    let dates: Vec<String> = (1..=12)
        .map(|d| format!("Night {d}: the Town Hall of Springfield"))
        .collect();
    let closing = "The singer said the new songs were written on the road last year, in hotel \
                   rooms and on the bus between the concerts of the previous tour.";
    let body_text = format!(
        "{}\n\n{}\n\n{closing}",
        prose.join("\n\n"),
        dates.join("\n\n")
    );
    let stripped = s.strip(&body_text);
    assert!(stripped.extracted_body());
    let body = stripped.body();
    assert!(body.contains(closing) && body.contains(prose[0]), "{body}");
    assert!(dates.iter().all(|d| body.contains(d.as_str())), "{body}");
    #[cfg(feature = "corpus")]
    assert_eq!(s.summarize_text(&body_text).unwrap().0, body);
    // Text that opens with its article ends with its last paragraph even
    // where short lines follow it (prices, a phone number) and others stand
    // before it (staff, an address): those lines are cut.
    let lines = |l: &[&str]| l.join("\n\n");
    let staff = lines(&[
        "STAFF",
        "Director: Anna Berg",
        "Ticketing",
        "www.springfield-hall.com",
    ]);
    let prices = lines(&[
        "VIP: 60 EUR",
        "Standing: 30 EUR",
        "Inquiries",
        "0161 496 0000",
    ]);
    let with_tail = format!("{}\n\n{staff}\n\n{closing}\n\n{prices}", prose.join("\n\n"));
    let body = s.strip(&with_tail).body();
    assert!(body.contains(closing) && body.contains(prose[1]), "{body}");
    assert!(!body.contains("0161") && !body.contains("STAFF"), "{body}");
    // A comment heading after it says the page goes on with its chrome.
    let with_comments = format!("{with_tail}\n\n12 Comments\n\nLeave a Reply");
    let body = s.strip(&with_comments).body();
    assert!(!body.contains(closing) && body.contains(prose[1]), "{body}");
    // The same text in a page's chrome: a menu above, a copyright line and
    // a share line below. The list ends the article there.
    let page = format!(
        "Home | News | Sport | Weather | Contact\n\nNews | Music | Local\n\n{body_text}\n\n\
         Share on Facebook | Share on Twitter\n\n\u{a9} 2026 Springfield Daily. All rights reserved."
    );
    let stripped = s.strip(&page);
    assert!(!stripped.extracted_body());
    let body = stripped.body();
    assert!(body.contains(prose[0]) && !body.contains(closing), "{body}");
    assert!(!body.contains(dates[5].as_str()), "{body}");
    // HTML is never read as an extracted body.
    let html = format!("<p>{}</p><p>{}</p>", prose[0], prose[1]);
    assert!(
        !s.strip_page(&s.parse_html(html.as_bytes()))
            .extracted_body()
    );
}

/// Three ads in a short article are much of its words, but do not make
/// it a commercial page: the promo scorer's rules still cut each, at its
/// start, in the middle and at the end.
#[test]
fn three_ads_in_a_short_article_are_all_cut() {
    let article = [
        "The council approved the new budget on Tuesday after a long debate that went on into the night.",
        "The mayor said the city would now repair its roads and reopen the library that closed last winter.",
        "Opposition members argued that the plan relied on optimistic forecasts of tax income for next year.",
        "Residents who attended the meeting asked for more money for buses and for the schools of the north side.",
    ];
    let ads = [
        "Sign up for our free newsletter today and get the best deals, coupons and offers in your inbox \
         every Friday, with twenty percent off your first order in our shop and free delivery on \
         everything: it only takes a minute, so join us now and start saving!",
        "Grab the PocketChef app today: it is free on iPhone and Android, your first three recipes are \
         on us, and premium members save fifty percent on their first year with the code CHEF50. \
         Download it now from the App Store or Google Play!",
        "Order your tomatoes, herbs and salads from our greenhouses online today and get free delivery \
         to your door, a gift with every order over thirty euros and ten percent off for new customers \
         with the code FRESH10. Shop now, the offer ends on Sunday!",
    ];
    let text = [
        ads[0], article[0], article[1], ads[1], article[2], article[3], ads[2],
    ]
    .join("\n\n");
    let stripped = Stripper::shared().strip(&text);
    // The ads are over 45% of the page's words: by words alone, a shop.
    let promo_words: usize = ads.iter().map(|a| a.split_whitespace().count()).sum();
    let words: usize = text.split_whitespace().count();
    assert!(promo_words * 100 >= 45 * words, "{promo_words} of {words}");
    let body = stripped.body();
    for ad in ads {
        assert!(!body.contains(&ad[..40]), "kept: {ad}");
    }
    for line in article {
        assert!(body.contains(line), "cut: {line}");
    }
}

#[test]
fn the_articles_of_a_multi_article_page_are_all_kept_and_a_comment_thread_is_not() {
    let s = Stripper::shared();
    let story = |topic: &str| -> Vec<String> {
        (1..=4)
            .map(|k| {
                format!(
                    "Part {k} on {topic}: the project released a new version this week, and \
                     its developers explained at length what changed and why the old design \
                     had to go before the next cycle began."
                )
            })
            .collect()
    };
    let mut short = story("a recipe");
    short.truncate(2);
    let articles = [
        story("mapping"),
        short,
        story("office suites"),
        story("kernels"),
    ];
    // A weekly edition in plain text: each article ends with its own
    // comment count, then the next headline and byline follow; the short
    // one (two paragraphs) too.
    let mut page = vec!["Log in".to_string(), "Front page".to_string()];
    for (k, article) in articles.iter().enumerate() {
        page.push(format!("Headline number {k}"));
        page.push("By Jane Writer March 25, 2015".to_string());
        page.extend(article.iter().cloned());
        page.push(format!("Comments ({} posted)", 3 + k));
    }
    page.push("\u{a9} 2015 The Weekly".to_string());
    let body = s.strip(&page.join("\n\n")).body();
    for p in articles.iter().flatten() {
        assert!(body.contains(p.as_str()), "lost {p}\n{body}");
    }
    // One article, then a thread whose comments each end with a count:
    // the thread stays out.
    let mut thread = vec!["Front page".to_string()];
    thread.extend(articles[0].iter().cloned());
    thread.push("Reply \u{1f44d} 12".to_string());
    for k in 0..4 {
        thread.push(format!(
            "Comment {k}: I tried the new version on my laptop yesterday and it \
             crashed twice, so I went back to the old one for the time being."
        ));
        thread.push(format!("Reply \u{1f44d} {k}"));
    }
    let body = s.strip(&thread.join("\n\n")).body();
    assert!(
        articles[0].iter().all(|p| body.contains(p.as_str())),
        "{body}"
    );
    assert!(!body.contains("Comment 1:"), "{body}");
}

#[test]
fn a_ticker_of_teasers_does_not_take_the_container_from_a_short_story() {
    // A three-paragraph story, then a news ticker: each entry a linked
    // headline over a short lead. The leads hold more prose than the story.
    let entry = |n: usize| {
        format!(
            "<li><a href=\"/n{n}\">Council number {n} votes on the new harbour plan</a></li>\
             <p>The council of district {n} voted on Friday to approve the new harbour plan, \
             which the mayor said would bring ferries back to the old town by the end of the \
             year.</p>"
        )
    };
    let ticker: String = (1..=4).map(entry).collect();
    // In a plain column, the ticker's leads outweigh the story unless they
    // count half; in a wrapper whose class names the main text, the ticker
    // beside it would join it as a section.
    for wrapper in ["col", "main"] {
        let html = format!(
            "<html><body><div class=\"{wrapper}\"><div class=\"story\"><h1>Avalanche warning</h1><p>Heavy snow has \
         fallen in the valleys since Thursday, and the warning service expects many \
         avalanches above the tree line over the weekend, above all on the northern slopes \
         where the wind has piled the snow into deep drifts.</p><p>The state geologist urged \
         skiers to stay on marked slopes until Sunday, when the danger should ease \
         somewhat, and said that even guides with long experience should wait.</p><p>Two \
         roads into the upper valley are closed, and the railway expects delays on the line \
         over the pass until the snow has been cleared from the tracks.</p></div></div><div class=\"ticker\"><ul>{ticker}</ul></div>\
         </body></html>"
        );
        let s = Stripper::shared();
        let page = s.parse_html(html.as_bytes());
        let stripped = s.strip_page(&page);
        let in_main = |needle: &str| {
            stripped
                .paragraphs()
                .find(|p| p.text().contains(needle))
                .map(|p| p.feature(crate::Feature::InMain) == 1.0)
        };
        // The story is the main container, the ticker is not.
        assert_eq!(in_main("state geologist"), Some(true), "{wrapper}");
        assert_eq!(in_main("Two roads"), Some(true), "{wrapper}");
        assert_eq!(in_main("district 3"), Some(false), "{wrapper}");
    }
}

#[test]
fn an_article_whose_own_element_says_comments_is_not_lost() {
    // The article's element carries a comment class word; no tag says
    // anything. Without its class words the page keeps its article, and
    // the `<nav>` still goes.
    let para = |i: usize| {
        format!(
            "Part {i} of the story says that the council approved the new budget on \
             Tuesday after a long debate that went on into the night.<br><br>"
        )
    };
    let article: String = (1..=4).map(para).collect();
    let html = format!(
        "<nav><a href=/>Home</a> <a href=/news>News</a></nav>\
         <div id=\"ozoom\" class=\"widget_comments\">{article}</div>\
         <table><tr><td>Other news on this page: the night market stays open until eleven, \
         roadworks on the east road end soon, the summer camp fills up fast</td></tr></table>"
    );
    let s = Stripper::shared();
    let page = s.parse_html(html.as_bytes());
    let stripped = s.strip_page(&page);
    let body = stripped.body();
    assert!(stripped.relaxed());
    assert!(body.contains("Part 1") && body.contains("Part 4"), "{body}");
    assert!(!body.contains("Home"), "{body}");
    #[cfg(feature = "corpus")]
    assert_eq!(s.summarize_page(&page).0, body);
}

#[test]
fn a_ticker_is_one_container_but_a_forum_post_is_not_its_replies() {
    // Entries as `li.entry`, and as `span.span` (a class word equal
    // to its tag name, which must still make a shape).
    for (tag, class) in [("li", "entry"), ("span", "span")] {
        let entry = |n: usize, paragraphs: usize| {
            let ps: String = (0..paragraphs)
                .map(|k| {
                    format!(
                        "<p>In minute {n} the home side pressed again, part {k}, and the \
                         keeper had to stretch to keep the ball out of the far corner of his \
                         goal.</p>"
                    )
                })
                .collect();
            format!(
                "<{tag} class=\"{class}\"><div class=\"minute\">{n}'</div>\
                 <div class=\"content\"><div class=\"text\">{ps}</div></div></{tag}>"
            )
        };
        let page = |entries: &[(usize, usize)]| {
            let list: String = entries.iter().map(|&(n, p)| entry(n, p)).collect();
            format!(
                "<html><body><nav><a href=/>Home</a></nav><div class=\"ticker\">{list}</div>\
                 <footer>Contact us</footer></body></html>"
            )
        };
        let s = Stripper::shared();
        let in_main = |html: &str, needle: &str| {
            let page = s.parse_html(html.as_bytes());
            let stripped = s.strip_page(&page);
            stripped
                .paragraphs()
                .find(|p| p.text().contains(needle))
                .map(|p| p.feature(crate::Feature::InMain) == 1.0)
        };
        // One entry of two paragraphs among entries of one: the ticker.
        let ticker = page(&[(90, 1), (80, 1), (70, 1), (60, 2), (50, 1), (40, 1)]);
        assert_eq!(in_main(&ticker, "minute 90"), Some(true), "{tag}");
        assert_eq!(in_main(&ticker, "minute 40"), Some(true), "{tag}");
        // A first post of ten paragraphs over replies of one: the post.
        let thread = page(&[(1, 10), (2, 1), (3, 1), (4, 1), (5, 1)]);
        assert_eq!(in_main(&thread, "minute 1 the"), Some(true), "{tag}");
        assert_eq!(in_main(&thread, "minute 3 the"), Some(false), "{tag}");
        // A question of four paragraphs, then a longer answer: the thread's
        // first entry is the article, not its longest reply.
        let thread = page(&[(1, 4), (2, 10), (3, 1), (4, 1)]);
        assert_eq!(in_main(&thread, "minute 1 the"), Some(true), "{tag}");
        assert_eq!(in_main(&thread, "minute 2 the"), Some(false), "{tag}");
        // A strip of teasers of one paragraph above a story of ten is no
        // thread: the story.
        let strip = page(&[(1, 1), (2, 10), (3, 1), (4, 1)]);
        assert_eq!(in_main(&strip, "minute 2 the"), Some(true), "{tag}");
        assert_eq!(in_main(&strip, "minute 1 the"), Some(false), "{tag}");
    }
}

#[test]
fn a_programme_whose_dates_differ_only_by_weekday_is_no_comment_thread() {
    // A festival's programme: each act under its date and time. The
    // stamps differ in their weekday and month, not in a signer's name.
    let intro = "The festival returns to the old harbour this summer with four evenings of \
                 music on the quay, and the organisers say the tickets are cheaper than last year.";
    let days = [
        (
            "Vendredi 12 juillet 2024 – 20h30",
            "The Lisbon fado singer Ana Moura opens the festival with a programme of songs from her new album, accompanied by a Portuguese guitar and a double bass.",
        ),
        (
            "Samedi 13 juillet 2024 – 21h00",
            "A brass band from Marseille takes the stage on Saturday night, followed by a late set of Balkan dance music that usually goes on well past midnight.",
        ),
        (
            "Dimanche 14 juillet 2024 – 19h45",
            "On the national holiday the town's own choir sings before the fireworks, and the organisers have asked the public to bring candles for the final song.",
        ),
        (
            "Lundi 15 août 2024 – 20h00",
            "The last evening belongs to a jazz quartet from Lyon, whose pianist grew up a few streets from the harbour and last played here twenty years ago.",
        ),
    ];
    let text = std::iter::once(intro.to_string())
        .chain(
            days.iter()
                .flat_map(|(d, p)| [d.to_string(), p.to_string()]),
        )
        .collect::<Vec<_>>()
        .join("\n\n");
    let body = Stripper::shared().strip(&text).body();
    for (_, p) in days {
        assert!(body.contains(p), "{body}");
    }
}

#[test]
fn a_thread_of_stamped_comments_ends_the_article_in_both_modes() {
    // A post, then reader comments whose markup and heading say nothing:
    // each has a stamp with its date and time, written out or in figures
    // (a Thai blog's Buddhist-era year), or how long ago it was posted.
    let article: String = (1..=4)
        .map(|i| {
            format!(
                "<p>Part {i} of the post explains why the council's new budget leaves the \
                 libraries short, and what the neighbourhood groups plan to do about it.</p>"
            )
        })
        .collect();
    let names = ["Claire", "Bertrand", "Sophie", "Loïc", "Nadia"];
    let stamps: [fn(usize, &str) -> String; 7] = [
        |i, name| format!("{}. On 6 October 2014, 22:{:02} by {name}", i + 1, 10 + i),
        |i, name| format!("{name} 13 mars 2016 à {:02}h{:02}", 9 + i, 12),
        |i, name| format!("{name} am 13.03.2016 um {:02}.{:02} Uhr", 9 + i, 12),
        |i, name| format!("{name} 12/03/2553 21:{:02}", 10 + i),
        |i, name| format!("{name} vor {} Stunden", 14 - i),
        |i, name| format!("{name} · {} hours ago", 9 - i),
        |i, name| format!("{name} {}時間前", i + 1),
    ];
    for stamp in stamps {
        let comments: String = names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                format!(
                    "<dt>{}</dt><dd><p>I went to the meeting too and I think the libraries \
                     will lose their Sunday hours, comment {i}.</p></dd>",
                    stamp(i, name)
                )
            })
            .collect();
        let html = format!(
            "<html><body><nav><a href=/>Home</a></nav><div class=\"content\">{article}\
             <h3>Reactions</h3><dl>{comments}</dl></div><footer>© 2014</footer></body></html>"
        );
        let s = Stripper::shared();
        let page = s.parse_html(html.as_bytes());
        let body = s.strip_page(&page).body().to_string();
        assert!(body.contains("Part 4"), "{body}");
        assert!(!body.contains("comment 2"), "{body}");
        let text = s.strip(page.text()).body().to_string();
        assert!(text.contains("Part 4"), "{text}");
        assert!(!text.contains("comment 2"), "{text}");
    }
}

#[test]
fn stamps_over_a_subject_line_make_a_comment_thread() {
    // An old journal sets each comment under its author's stamp and a
    // subject line ("Re: …", "(no subject)"), its reply links under it;
    // the markup says nothing. No stamp stands next to prose.
    let article: String = (1..=3)
        .map(|i| {
            format!(
                "<p>Part {i} of the entry tells how the move went, and why the kitchen is                  still in boxes a week after the van left the old flat.</p>"
            )
        })
        .collect();
    let names = [
        "kleine_frau",
        "nachtfalter",
        "brotundspiele",
        "mondkalb",
        "ostwind",
    ];
    let comments: String = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            format!(
                "<div class=\"entry-reply\"><p>{name} 15. Oktober 2007, 1{i}:25 (UTC)</p>\
                 <p>{}</p><p>I moved last spring and it took us a month to unpack the \
                 kitchen, so do not worry about the boxes yet, reply {i}.</p>\
                 <p><a href=\"#r{i}\">Antworten</a> | <a href=\"#t{i}\">Thread</a></p></div>",
                if i % 2 == 0 {
                    "Re: Umzug"
                } else {
                    "(kein Betreff)"
                }
            )
        })
        .collect();
    let html = format!(
        "<html><body><nav><a href=/>Home</a></nav><div class=\"journal\">{article}{comments}\
         </div><footer>© 2007</footer></body></html>"
    );
    let s = Stripper::shared();
    let page = s.parse_html(html.as_bytes());
    let body = s.strip_page(&page).body().to_string();
    assert!(body.contains("Part 3"), "{body}");
    assert!(!body.contains("reply 2"), "{body}");
}

#[test]
fn a_live_blogs_bare_stamps_are_no_comment_thread() {
    // Entries headed by how long ago, with no name: the article itself.
    let ago = [
        "5 minutes ago",
        "40 minutes ago",
        "1 hour ago",
        "2 hours ago",
        "3 hours ago",
        "1 day ago",
    ];
    let mut page = String::from("Home | News | Sport | Weather\n\nStorm live: roads closed\n\n");
    for (i, stamp) in ago.iter().enumerate() {
        page += &format!(
            "{stamp}\n\nEntry {i}: the county council said more roads were closed this \
             afternoon as the storm moved east across the valley towards the coast.\n\n"
        );
    }
    page += "© 2024 County News";
    let body = Stripper::shared().strip(&page).body().to_string();
    for i in 0..ago.len() {
        assert!(body.contains(&format!("Entry {i}:")), "{body}");
    }
}

#[test]
fn shop_boxes_with_dated_prices_are_no_comment_thread() {
    // A buying guide: each product's two paragraphs, then its shop line
    // with the date and time of its price. The stamps differ only in
    // their figures: the guide goes on past them.
    let items: String = (1..=5)
        .map(|i| {
            format!(
                "#{i} Stacking tower\n\nTower number {i} trains the grip and the sense of \
                 colour, and it survives being thrown across the room many times.\n\nOur \
                 children played with it for a whole winter, and it still looks new after all \
                 the falls and the bites it took.\n\nPrice as of 02.01.2023 12:5{i}\n\n"
            )
        })
        .collect();
    let text = format!(
        "Why wooden toys? Wooden toys last longer than plastic ones, and children like the \
         weight of them in their hands.\n\n{items}"
    );
    let s = Stripper::shared();
    let body = s.strip(&text).body().to_string();
    assert!(body.contains("Tower number 5"), "{body}");
}

#[test]
fn a_firm_barrier_ends_the_article_inside_the_main_container() {
    // A press release whose container goes on with the company's
    // description of itself under "About …": `about_heading` is firm, so
    // the article ends there in HTML too. Made not firm, the heading only
    // interrupts the article, as a box's barrier inside the container does.
    let body: String = (1..=4).map(para).collect();
    let html = format!(
        "<html><body><nav><a href=/>Home</a> <a href=/news>News</a></nav>\
         <article class=\"post\">{body}<h3>About Valley Growers</h3><p>Valley Growers is a \
         farmers' cooperative that was founded in 1962 and today markets the fruit of more than \
         300 family farms across the region and abroad.</p></article>\
         <footer>© 2024 Valley Growers</footer></body></html>"
    );
    let s = Stripper::shared();
    let page = s.parse_html(html.as_bytes());
    let kept = s.strip_page(&page).body().to_string();
    assert!(kept.contains("Part 4"), "{kept}");
    assert!(!kept.contains("founded in 1962"), "{kept}");

    // The scorer's rules off too: the description is promotional, and
    // only the barrier is under test here.
    let not_firm = "rule about_heading\n  firm no\n\n\
        rule promo_model_outlier\n  decisive no\n  weight 0\n\n\
        rule promo_model_sure\n  decisive no\n  weight 0\n";
    let s = Stripper::builder()
        .rules_str("not-firm.rules", not_firm)
        .build()
        .unwrap();
    let page = s.parse_html(html.as_bytes());
    let kept = s.strip_page(&page).body().to_string();
    assert!(kept.contains("founded in 1962"), "{kept}");
}

#[test]
fn an_article_cell_of_a_layout_table_is_the_container_without_its_sidebars() {
    // A 2011 local site: the article's `<br><br>` paragraphs straight in
    // the middle `<td>`, the schedule and the notices in the cells beside
    // it. The row is the paragraphs' parent; the cell holding most of its
    // prose in several blocks is the container, not the whole table.
    let article: String = (1..=8)
        .map(|i| {
            format!(
                "Part {i}: the county council has announced temporary road closures in the \
                 town this weekend, and gardai will be on duty at every junction.<br><br>"
            )
        })
        .collect();
    let notices: String = (1..=4)
        .map(|i| format!("<tr><td>Notice {i}: John Kelly of Cortoon, reposing at his home from 5pm on Saturday.</td></tr>"))
        .collect();
    let html = format!(
        "<html><body><table><tr>\
         <td><table><tr><td>TODAY ON AIR</td></tr><tr><td>Schedule: 7am The Morning Drive with \
         Keith, 10am Galway Today with Siobhan, 12pm the lunchtime news and notices.</td></tr>\
         </table></td>\
         <td><font>{article}</font></td>\
         <td><table>{notices}</table></td>\
         </tr></table></body></html>"
    );
    let s = Stripper::shared();
    let page = s.parse_html(html.as_bytes());
    let kept = s.strip_page(&page).body().to_string();
    assert!(kept.contains("Part 8"), "{kept}");
    assert!(!kept.contains("Notice 3"), "{kept}");
    assert!(!kept.contains("Morning Drive"), "{kept}");
}

#[test]
fn a_firm_barrier_that_repeats_under_each_article_ends_none_of_them() {
    // A multi-article page: each story ends with its comment count, a
    // reader-thread heading for `reader_comments_heading` (firm). As a line
    // repeated under every article it is no barrier (`article_barriers`),
    // and being firm must not make it one again.
    let stories = [
        "市政府周二宣布，将在今年秋季前完成老城区三条主干道的改造工程，预计总投资超过两亿元。",
        "本市第一家社区图书馆于上周末正式开放，馆内藏书约三万册，并设有儿童阅读区和自习室。",
        "气象部门预计，本周后半段将有一次明显的降温过程，最低气温可能降至零下五度左右。",
    ];
    let more =
        "负责该项目的官员表示，施工期间将分段封闭道路，并为周边居民提供临时停车场和公交接驳服务。";
    let text: String = stories
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{s}\n\n{more}\n\n{more}\n\n{}跟贴\n\n", 10 + i))
        .collect();
    let kept = Stripper::shared().strip(&text).body().to_string();
    for s in stories {
        assert!(kept.contains(s), "{kept}");
    }
}

#[test]
fn a_class_that_says_what_an_element_has_does_not_mark_it() {
    // `has-comments` says the post has comments, `comments-enabled` that
    // they are switched on; the element is the post.
    for state in ["has-comments", "comments-enabled"] {
        let article: String = (1..=4).map(para).collect();
        let html = format!(
            "<html><body><nav><a href=/>Home</a> <a href=/tests>Tests</a></nav>\
             <p>Our tester spent two weeks with the cheapest laser-mapping robot vacuum on the \
             market, in a small flat with a dog, a thick rug and far too many chair legs to get \
             around every day.</p>\
             <div class=\"entry-body {state}\">{article}</div>\
             <div class=\"comments\"><h3>3 comments</h3><p>Great review, I bought one last week \
             and it works fine.</p></div><footer>© 2020</footer></body></html>"
        );
        let s = Stripper::shared();
        let page = s.parse_html(html.as_bytes());
        let kept = s.strip_page(&page).body().to_string();
        assert!(
            kept.contains("Part 1") && kept.contains("Part 4"),
            "{state}: {kept}"
        );
        assert!(!kept.contains("Great review"), "{state}: {kept}");
    }
}

#[test]
fn the_words_after_with_in_a_class_do_not_mark_the_element() {
    // Docusaurus classes every heading `anchorWithStickyNavbar_…`: the
    // heading goes with the sticky navigation bar, it is not navigation.
    let s = Stripper::shared();
    let html = format!(
        "<html><body><nav><a href=/>Docs</a> <a href=/blog>Blog</a></nav><article>\
         <h1>Release 2.4</h1>{}<h2 class=\"anchor anchorWithStickyNavbar_LWe7\">Scheduled retries</h2>{}\
         </article><footer>© 2024</footer></body></html>",
        para(1),
        para(2)
    );
    let page = s.parse_html(html.as_bytes());
    let kept = s.strip_page(&page).body().to_string();
    assert!(kept.contains("Scheduled retries"), "{kept}");
    // The mark still holds where `nav` is the element's own word.
    let html = html.replace("anchor anchorWithStickyNavbar_LWe7", "stickyNavbar");
    let page = s.parse_html(html.as_bytes());
    let kept = s.strip_page(&page).body().to_string();
    assert!(!kept.contains("Scheduled retries"), "{kept}");
    // A CSS module's local name, after `_`, is the element's own again.
    let html = format!(
        "<html><body><article><h1>Release 2.4</h1>{}{}{}</article>\
         <section class=\"PostWithComments_comments__Yt5Pd\"><p>Great release, the retries \
         finally work for our nightly jobs and the dashboard loads fast.</p><p>Thanks, upgrading \
         this weekend after we test it on the staging cluster.</p></section></body></html>",
        para(1),
        para(2),
        para(3)
    );
    let page = s.parse_html(html.as_bytes());
    let kept = s.strip_page(&page).body().to_string();
    assert!(
        kept.contains("Part 3") && !kept.contains("Great release"),
        "{kept}"
    );
}

#[test]
fn a_column_holding_most_of_the_prose_is_not_cut_for_its_class_words() {
    // The page's main element (classed `main`, so it is the container)
    // holds a sub-menu column with one box and the article's column,
    // classed `skip-spacer related-page`: neither `skip` (navigation) nor
    // `related` condemns the column that holds most of the page's prose.
    let s = Stripper::shared();
    let article: String = (1..=3).map(para).collect();
    let html = format!(
        "<main class=site-main><div class=row>\
         <div class=col-3><nav><ul><li><a href=/a>News</a></li><li><a href=/b>Events</a></li></ul></nav>\
         <div class=box><h2>Faults</h2><p>Call the duty line on 0250 47 15 15 after office hours.</p></div>\
         <div class=box><h2>Text alerts</h2><p>Register your mobile number and we will send you a text \
         message when the water or the heating at your address is affected by our work.</p></div></div>\
         <div class=\"col-6 skip-spacer related-page\"><div class=portlet><h1>Water cut on Mill Street</h1></div>\
         <div class=portlet><div class=portlet-content>{article}</div></div></div>\
         </div></main><footer>\u{a9} 2026 The council</footer>"
    );
    let page = s.parse_html(html.as_bytes());
    let stripped = s.strip_page(&page);
    let body = stripped.body();
    for i in 1..=3 {
        assert!(body.contains(&format!("Part {i} of the story")), "{body}");
    }
    // Not even weighed against it (a retry without the class words would
    // rescue a page that kept nothing else).
    for p in stripped
        .paragraphs()
        .filter(|p| p.text().starts_with("Part "))
    {
        let rules: Vec<&str> = p.rule_names().collect();
        assert!(
            !rules
                .iter()
                .any(|r| *r == "dom_related" || *r == "dom_navigation"),
            "{rules:?}"
        );
    }
}

#[test]
fn the_best_scoring_element_is_not_cut_for_its_wrappers_class_words() {
    // The story's paragraphs sit in a section classed `related`, in a
    // column that also holds a forum and so scores more: the column is
    // the container, and the story's own wrapper passes no `related`,
    // though it holds under half the page's prose (a rail holds more).
    let s = Stripper::shared();
    let story: String = (1..=4).map(para).collect();
    let posts: String = (0..4)
        .map(|i| {
            format!(
                "<p>Post {i}: the water cut at our end of the street lasted until nine, \
                 and nobody from the council answered the phone.</p>"
            )
        })
        .collect();
    let html = format!(
        "<div class=page><div class=col-left><h1>Water cuts</h1>\
         <section class=col-related-container><div class=body>{story}</div></section>\
         <div class=forum>{posts}</div></div><div class=rail><div class=box>{posts}</div></div>\
         <footer>\u{a9} 2026 The paper</footer></div>"
    );
    let page = s.parse_html(html.as_bytes());
    let stripped = s.strip_page(&page);
    for p in stripped
        .paragraphs()
        .filter(|p| p.text().starts_with("Part "))
    {
        let rules: Vec<&str> = p.rule_names().collect();
        assert!(!rules.contains(&"dom_related"), "{rules:?}");
        assert!(p.kept, "{rules:?}");
    }
}

#[test]
fn an_article_body_of_its_own_text_is_not_cut_for_its_class_words() {
    // A column's paragraphs are the text of a `div` classed for a script
    // that inserts related links (`js-related-insert`), split by
    // `<br><br>`, in an `<article>` beside a box of guides that holds more
    // prose in paragraphs of its own (the box is the container, the
    // article its sibling). The body's other class words do not condemn
    // the text it holds; the box's paragraphs are no such text.
    let s = Stripper::shared();
    let column: Vec<String> = (1..=6)
        .map(|i| {
            format!(
                "Part {i} of the column argues that the libraries should open on Sundays, \
                 when families and students are free, whatever the cost to the city. The \
                 author, who has worked in its libraries for seventeen years, says the \
                 staff must be paid and asked first.<br><br>"
            )
        })
        .collect();
    let guides: String = (0..9)
        .map(|i| {
            format!(
                "<p>Guide {i}: the city has ten libraries, and each of them lends books, \
                 films and games for three weeks, renews them twice online, and runs \
                 reading groups for children on Wednesday afternoons in the school term.</p>"
            )
        })
        .collect();
    let html = format!(
        "<main><article class=opinion><header><h1>Open the libraries</h1></header>\
         <div class=\"art-body js-related-insert\">{}</div></article>\
         <div class=box>{guides}</div></main><footer>\u{a9} 2026 The paper</footer>",
        column.join("\n")
    );
    let page = s.parse_html(html.as_bytes());
    let stripped = s.strip_page(&page);
    let parts: Vec<_> = stripped
        .paragraphs()
        .filter(|p| p.text().starts_with("Part "))
        .collect();
    assert_eq!(parts.len(), 6);
    for p in parts {
        let rules: Vec<&str> = p.rule_names().collect();
        assert!(!rules.contains(&"dom_related"), "{rules:?}");
        assert!(p.kept, "{rules:?}");
    }
    // A box whose class names no body of text keeps its class words...
    let boxed = html.replace("art-body js-related-insert", "teaser-box related");
    let page = s.parse_html(boxed.as_bytes());
    let stripped = s.strip_page(&page);
    assert!(
        stripped
            .paragraphs()
            .filter(|p| p.text().starts_with("Part "))
            .all(|p| p.rule_names().any(|r| r == "dom_related"))
    );
    // ...and so does the body with the same text in paragraphs of their
    // own.
    let in_paragraphs = html
        .replace("Part ", "<p>Part ")
        .replace("<br><br>", "</p>");
    let page = s.parse_html(in_paragraphs.as_bytes());
    let stripped = s.strip_page(&page);
    assert!(
        stripped
            .paragraphs()
            .filter(|p| p.text().starts_with("Part "))
            .all(|p| p.rule_names().any(|r| r == "dom_related"))
    );
}

#[test]
fn a_promo_box_densest_in_prose_keeps_its_class_words() {
    // Three sections of an article, each three paragraphs deep in its
    // wrappers, and a promo box whose paragraphs are a little longer: the
    // box is the densest element, the story (the sections' common
    // ancestor) the container, and the box's own `promo` still counts.
    let section = |a: usize| {
        format!(
            "<div class=sec><div class=wrap><div class=text>{}{}{}</div></div></div>",
            para(a),
            para(a + 1),
            para(a + 2)
        )
    };
    let long = |i: usize| {
        format!(
            "<p>Part {i} of the festival news says that the harbour festival returns on the first \
             weekend of July, with three stages on the quay and fireworks over the water.</p>"
        )
    };
    let html = format!(
        "<div class=page><div class=story><div class=promo-box>{}{}{}</div>{}{}{}</div></div>",
        long(20),
        long(21),
        long(22),
        section(1),
        section(4),
        section(7),
    );
    let s = Stripper::shared();
    let page = s.parse_html(html.as_bytes());
    let stripped = s.strip_page(&page);
    let boxed: Vec<Vec<&str>> = stripped
        .paragraphs()
        .filter(|p| {
            ["Part 20 ", "Part 21 ", "Part 22 "]
                .iter()
                .any(|s| p.text().starts_with(s))
        })
        .map(|p| p.rule_names().collect())
        .collect();
    assert_eq!(boxed.len(), 3);
    assert!(boxed.iter().all(|r| r.contains(&"dom_ad")), "{boxed:?}");
}

#[test]
fn a_users_regex_over_the_size_limit_fails_the_build_at_its_line() {
    // The built-in rules' regexes compile on first use; a user's file has
    // its own compiled at build, with or without the built-in rules.
    let huge = "rule big\n describe d\n weight -1\n regex \\w{1000}\\w{1000}\n";
    for builtin in [true, false] {
        let mut b = Stripper::builder();
        if !builtin {
            b.without_builtin_rules();
        }
        let e = b.rules_str("u.rules", huge).build().unwrap_err();
        assert!(e.to_string().contains("bad regex"), "{e}");
        assert_eq!(e.line(), Some(4), "{e}");
    }
}

#[test]
fn a_users_phrases_past_the_index_limits_fail_the_build() {
    // The phrase index files at most 4,095 phrases under one key (a word's
    // first four bytes, here `zqxw`): a file with more is an error, not a panic, and
    // one with fewer builds and matches.
    let phrases = |n: usize| {
        let list: Vec<String> = (0..n).map(|i| format!("zqxwv{i}")).collect();
        format!(
            "rule many\n describe d\n weight -1\n phrases {}\n",
            list.join(" | ")
        )
    };
    let e = Stripper::builder()
        .rules_str("u.rules", &phrases(4096))
        .build()
        .unwrap_err();
    assert!(e.to_string().contains("phrase index"), "{e}");
    let s = Stripper::builder()
        .rules_str("u.rules", &phrases(4095))
        .build()
        .unwrap();
    let out = s.strip("A line with zqxwv4094 in it.");
    assert!(
        out.paragraphs()
            .any(|p| p.rule_names().any(|r| r == "many"))
    );
}

#[test]
fn a_comment_thread_longer_than_the_story_does_not_take_the_container() {
    // Readers' comments in markup whose class and heading say nothing
    // (`dl.voices` under "Voices (7)"): a name, a date and a time over
    // each, signed by different people.
    let story = [
        "The council voted on Thursday to extend paid parking to the streets between the market square and the river, from the first of September.",
        "The new zone will cost two euros an hour on weekdays between eight in the morning and six in the evening, and residents may buy a yearly permit.",
        "The opposition said the decision was rushed and that the clinic and two schools in the area had not been asked what their visitors would do.",
    ];
    let names = [
        "anna_k",
        "river_walker",
        "old_timer",
        "m.baker",
        "greenway",
        "anna_k",
        "j_doe",
    ];
    let mut html = String::from(
        "<div id=content><div class=region><div class=node><div class=body><div class=items>",
    );
    for p in story {
        html += &format!("<p>{p}</p>");
    }
    html += "</div></div></div><section class=voices-block><h2>Voices (7)</h2><dl class=voices>";
    for (i, name) in names.iter().enumerate() {
        html += &format!(
            "<dt>{name} 19 June 2015, 0{}:1{i}</dt><dd>I have lived on this street for years and nobody asked us about it, so I think the council should have held a real meeting before the vote, and {name} agrees with me on that point.</dd>",
            i + 1
        );
    }
    html += "</dl></section></div></div>";
    let s = Stripper::shared();
    let body = s.strip_page(&s.parse_html(html.as_bytes())).body();
    assert!(body.contains("The council voted on Thursday"), "{body}");
    assert!(body.contains("The opposition said"), "{body}");
    assert!(!body.contains("I have lived on this street"), "{body}");
}

#[test]
fn a_short_promo_line_alone_between_prose_is_scored_and_cut() {
    let prose = "The council approved the new budget on Tuesday after a long debate that went on into the night, officials said.";
    let more = "The mayor said the city would now repair its roads and reopen the library that closed last winter.";
    let last = "Opposition members argued that the plan relied on optimistic forecasts of tax income for the next year.";
    let page = format!("{prose}\n\n{more}\n\nCookie settings\n\n{last}\n\n{prose} Again.");
    let s = Stripper::shared().strip(&page);
    let line = s.paragraph(2);
    assert!(
        line.feature(crate::Feature::PromoModel) >= 0.9,
        "{}",
        line.feature(crate::Feature::PromoModel)
    );
    assert!(!line.kept && line.reason == crate::Reason::PromoLine);
    // A subheading there stays.
    let page = format!("{prose}\n\n{more}\n\nRoads and libraries\n\n{last}\n\n{prose} Again.");
    assert!(Stripper::shared().strip(&page).paragraph(2).kept);
    // In HTML, the same line in a heading element is a subheading by its tag.
    let html = format!(
        "<title>T</title><article><p>{prose}</p><p>{more}</p><h2>Cookie settings</h2><p>{last}</p><p>{prose} Again.</p></article>"
    );
    let page = Stripper::shared().parse_html(html.as_bytes());
    let s = Stripper::shared().strip_page(&page);
    let heading = s
        .paragraphs()
        .find(|p| p.text() == "Cookie settings")
        .unwrap();
    assert!(heading.kept, "{:?}", heading.reason);
    let html = html.replace("<h2>Cookie settings</h2>", "<p>Cookie settings</p>");
    let page = Stripper::shared().parse_html(html.as_bytes());
    let s = Stripper::shared().strip_page(&page);
    let line = s
        .paragraphs()
        .find(|p| p.text() == "Cookie settings")
        .unwrap();
    assert!(!line.kept && line.reason == crate::Reason::PromoLine);
    // A line that names what the prose around it is about is a subheading,
    // not scored: here the story after it is about cookie settings.
    let about = "Regulators said the cookie settings of most council websites broke the law, because \
                 visitors could not refuse tracking as easily as they could accept it.";
    let page = format!("{prose}\n\n{more}\n\nCookie settings\n\n{about}\n\n{prose} Again.");
    let s = Stripper::shared().strip(&page);
    assert_eq!(s.paragraph(2).feature(crate::Feature::PromoModel), 0.0);
    assert!(s.paragraph(2).kept);
    // Among other short lines (a menu), a short line is not scored: the
    // char pass scores lines of five words or more, the document only
    // those alone between them.
    let page = format!("{prose}\n\nHome\n\nCookie settings\n\nContact us\n\n{last}");
    let s = Stripper::shared().strip(&page);
    assert_eq!(s.paragraph(2).feature(crate::Feature::PromoModel), 0.0);
}

#[test]
fn paragraphs_of_one_cell_are_paragraphs_not_a_row_of_cells() {
    let prose = "The council approved the new budget on Tuesday after a long debate \
                 that went on late into the night, the mayor said.";
    let s = Stripper::shared();
    // An old layout table: the article is one cell, its paragraphs split by
    // `<br><br>`, and a share line among them.
    let html = format!(
        "<title>News</title><table><tr><td class=nav><a href=/>Home</a> | <a href=/n>News</a></td>\
         <td>{prose}<br><br>{prose}<br><br><a href=/share>Share</a> | <a href=/print>Print</a> | \
         <a href=/mail>E-mail</a><br><br>{prose}\
         <table><tr><th>Item</th><th>Cost</th></tr><tr><td>Roads</td><td>$4m<br><br>paid in 2025</td></tr></table>\
         {prose}</td></tr></table>"
    );
    let page = s.parse_html(html.as_bytes());
    let stripped = s.strip_page(&page);
    assert!(!stripped.body().contains("Share"), "{}", stripped.body());
    let md = stripped.markdown(false);
    assert!(
        md.starts_with(&format!("{prose}\n\n{prose}\n\n{prose}")),
        "{md}"
    );
    assert!(!md.starts_with('|'), "{md}");
    // A row of two cells stays a row; the paragraphs of a cell join in it.
    assert!(md.contains("| Roads | $4m <br> paid in 2025 |"), "{md}");
}

/// A live blog as plain text: each entry under its time, a headline and
/// a share line; the entries of one or two paragraphs.
fn live_blog(date_above_times: bool) -> String {
    let mut page =
        String::from("Home\n\nNews\n\nWeather\n\nSport\n\nStorm over the coast: the live blog\n\n");
    let topics = [
        "the ferry to the islands",
        "the coastal road",
        "the harbour market",
        "the schools in the district",
        "the power lines",
        "the dike inspections",
    ];
    for (k, topic) in topics.iter().enumerate() {
        if date_above_times {
            page.push_str(&format!("1{k}/03/2024\n\n"));
        }
        page.push_str(&format!("1{k}:4{k}\n\n"));
        page.push_str(&format!("Update on {topic} this morning\n\n"));
        page.push_str(&format!(
            "The authorities said on Thursday that {topic} would stay closed until the water \
             has gone down, and that they will decide again at noon after the next inspection \
             by the engineers who have been working through the night, entry {k}.\n\n"
        ));
        // One entry of two paragraphs: the longest run of prose.
        if k == 3 {
            page.push_str(
                "Residents were asked to stay at home and to keep off the beaches, the police \
                 said, as the waves reached the promenade for the third time since Monday.\n\n",
            );
        }
        page.push_str("Share on X Facebook WhatsApp\n\n");
    }
    page.push_str(
        "Related\n\nMore storms expected\n\nCopyright 2024 Coast News. All rights reserved.\n",
    );
    page
}

#[test]
fn a_live_blogs_entries_in_plain_text_are_one_article() {
    let stripper = Stripper::default();
    let page = live_blog(false);
    let stripped = stripper.strip(&page);
    let kept = stripped.body();
    for k in 0..6 {
        assert!(
            kept.contains(&format!("entry {k}.")),
            "entry {k} lost:\n{kept}"
        );
    }
    assert!(
        !kept.contains("1:41") && !kept.contains("Share on"),
        "{kept}"
    );
    assert!(!kept.contains("Copyright"), "{kept}");
}

#[test]
fn stamps_that_a_date_line_heads_are_no_live_blog() {
    // A comment thread's stamps give the date above the time: no live
    // blog there, and the text before the first stamp is no part of one.
    let stripper = Stripper::default();
    let live = |text: &str| -> Vec<bool> {
        let ranges = Cow::Owned(crate::text::segment(text).1);
        let evaluate = |ranges: &[Range<usize>], features: &[Features], spots: &Spots| {
            let rules = &stripper.compiled.rules;
            rules.evaluate(&stripper.regexes, text, ranges, features, spots, false)
        };
        stripper.judge(text, ranges, None, evaluate).live
    };
    assert!(live(&live_blog(true)).iter().all(|&l| !l));
    assert!(live(&live_blog(false)).iter().any(|&l| l));
}
