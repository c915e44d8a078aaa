//! The `dechaff` binary: outputs, batch mode, exit codes and messages.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use common::{TempDir, bin, run, stderr, stdout, tempdir};

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/pages/local-news.txt")
}

/// A rule file `file` holding `text`, in a fresh temporary folder `dir`
/// (removed when the folder is dropped).
fn rule_file(dir: &str, file: &str, text: &str) -> (TempDir, PathBuf) {
    let dir = tempdir(dir);
    let path = dir.join(file);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// The example page stripped with the built-in rules and `rules`.
fn strip_example_with(rules: &Path) -> Output {
    bin()
        .arg("--rules")
        .arg(rules)
        .arg(example())
        .output()
        .unwrap()
}

#[test]
fn strips_a_file_to_stdout() {
    let out = bin().arg(example()).output().unwrap();
    assert!(out.status.success());
    let body = stdout(&out);
    assert!(body.starts_with("The city council voted"), "{body}");
    assert!(!body.contains("do-follow") && !body.contains("Created with"));
}

#[test]
fn reads_stdin_and_replaces_invalid_utf8_with_a_warning() {
    let mut input = b"Menu\n\nThe storm reached the coast on Sunday night and cut power to thousands of homes, officials said, while rescue teams worked through the night.\n\n".to_vec();
    input.extend_from_slice(b"bad byte \xff here\n");
    let out = run(&[], &input);
    assert!(out.status.success());
    assert!(stderr(&out).contains("not valid UTF-8"));
    assert!(stdout(&out).starts_with("The storm"));
}

#[test]
fn json_has_every_paragraph_with_rules() {
    let out = bin().arg("--json").arg(example()).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paras = v["paragraphs"].as_array().unwrap();
    assert_eq!(paras.len(), 16);
    let ad = paras
        .iter()
        .find(|p| p["text"].as_str().unwrap().contains("do-follow"))
        .unwrap();
    assert_eq!(ad["kept"], false);
    let names: Vec<&str> = ad["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"promo_backlinks"), "{names:?}");
    assert_eq!(v["language"], "en");
}

#[test]
fn explain_shows_verdicts_rules_and_context() {
    let out = bin().arg("--explain").arg(example()).output().unwrap();
    let text = stdout(&out);
    assert!(text.contains("KEEP"), "{text}");
    assert!(text.contains("-5.0 promo_backlinks"), "{text}");
    assert!(text.contains("context: outside the main text"), "{text}");
}

#[test]
fn explain_names_what_the_promo_model_read_and_strong_evidence() {
    let page = "The council approved the new budget on Tuesday after a long debate that went on into the night, the mayor said.\n\n\
        Sign up for our free newsletter and get the best deals in your inbox every Friday morning.\n\n\
        Members argued for hours about the cost of repairing the old bridge, and the vote came after midnight.";
    let out = run(&["--explain"], page.as_bytes());
    let text = stdout(&out);
    let ad = text
        .lines()
        .position(|l| l.contains("Sign up for our free newsletter"))
        .unwrap();
    let below: Vec<&str> = text
        .lines()
        .skip(ad)
        .take_while(|l| !l.starts_with("KEEP"))
        .collect();
    assert!(below[0].starts_with("CUT"), "{text}");
    assert!(
        below.iter().any(|l| l.contains("promo_model_sure")),
        "{text}"
    );
    // The grams named are pieces of the ad: words, pairs of words, and
    // four chars of a word.
    let grams: Vec<&str> = below
        .iter()
        .find(|l| l.trim_start().starts_with("promo model "))
        .map(|l| l.split('"').skip(1).step_by(2).collect())
        .unwrap_or_default();
    assert!(grams.len() >= 3, "{text}");
    let ad = "Sign up for our free newsletter and get the best deals in your inbox every Friday morning.";
    assert!(grams.iter().all(|g| ad.contains(g)), "{grams:?}");
    assert!(
        below.iter().any(|l| l.contains("context: strong evidence")),
        "{text}"
    );
}

#[test]
fn out_dir_writes_one_file_per_input() {
    let dir = tempdir("outdir");
    let out = bin()
        .arg("--out-dir")
        .arg(&dir)
        .arg(example())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let written = std::fs::read_to_string(dir.join("local-news.txt")).unwrap();
    assert!(written.starts_with("The city council"));
    assert!(!dir.join("local-news.txt.tmp").exists());
}

/// Writes `name` in `dir` with a paragraph that names it, so outputs can be
/// traced to their input.
fn page_named(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(
        &path,
        format!(
            "Home | News\n\nThe council met on Tuesday to discuss the page called {name}, and \
             the members agreed that the budget for roads would be raised next year.\n"
        ),
    )
    .unwrap();
    path
}

#[test]
fn out_dir_keeps_dotted_names_and_writes_one_output_per_input() {
    let dir = tempdir("dotted");
    let names = [
        "bbc.co.uk_news_01.txt",
        "bbc.co.uk_news_02.txt",
        "bbc.co.uk_news_03.txt",
        "v1.2.release-notes.txt",
        "page.html",
        "README",
    ];
    let inputs: Vec<PathBuf> = names
        .iter()
        .map(|n| page_named(&dir.join("in"), n))
        .collect();
    let out_dir = dir.join("out");
    let out = bin()
        .arg("--out-dir")
        .arg(&out_dir)
        .args(&inputs)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let expected = [
        "bbc.co.uk_news_01.txt",
        "bbc.co.uk_news_02.txt",
        "bbc.co.uk_news_03.txt",
        "v1.2.release-notes.txt",
        "page.txt",
        "README.txt",
    ];
    let mut written: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(written, want);
    for (input, output) in names.iter().zip(expected) {
        let body = std::fs::read_to_string(out_dir.join(output)).unwrap();
        assert!(
            body.contains(&format!("called {input},")),
            "{output}: {body}"
        );
    }
}

#[test]
fn compressed_inputs_lose_their_compression_extension() {
    use flate2::{Compression, write::GzEncoder};
    let dir = tempdir("gzname");
    let plain = page_named(&dir, "story.v2.html");
    let gz = dir.join("story.v2.html.gz");
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(&std::fs::read(&plain).unwrap()).unwrap();
    std::fs::write(&gz, enc.finish().unwrap()).unwrap();
    // Read as what it holds, and named like the plain page.
    let out_dir = dir.join("gz-only");
    let out = bin()
        .arg("--out-dir")
        .arg(&out_dir)
        .arg(&gz)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let from_gz = std::fs::read_to_string(out_dir.join("story.v2.txt")).unwrap();
    let plain_out = bin().arg(&plain).output().unwrap();
    assert_eq!(from_gz.trim_end(), stdout(&plain_out).trim_end());
    assert!(from_gz.contains("called story.v2.html,"), "{from_gz}");
    // Both together would write one file: refused.
    let out_dir = dir.join("out");
    let out = bin()
        .arg("--out-dir")
        .arg(&out_dir)
        .arg(&plain)
        .arg(&gz)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("story.v2.html.gz"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("story.v2.txt"), "{}", stderr(&out));
}

#[test]
fn colliding_outputs_are_an_error_before_anything_is_written() {
    let dir = tempdir("collide");
    let a = page_named(&dir.join("site-a"), "index.html");
    let b = page_named(&dir.join("site-b"), "index.html");
    let first = page_named(&dir, "first.txt");
    let out_dir = dir.join("out");
    let out = bin()
        .arg("--out-dir")
        .arg(&out_dir)
        .arg(&first)
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains(&a.display().to_string()), "{err}");
    assert!(err.contains(&b.display().to_string()), "{err}");
    assert!(err.contains("index.txt"), "{err}");
    // Nothing at all, not even the first input's output.
    let written = std::fs::read_dir(&out_dir).map(|d| d.count()).unwrap_or(0);
    assert_eq!(written, 0, "{err}");
}

#[test]
fn an_output_onto_an_input_is_refused() {
    let dir = tempdir("onto");
    let input = page_named(&dir, "story.txt");
    let before = std::fs::read(&input).unwrap();
    // Spelt differently from the input's own folder, still the same file.
    let out = bin()
        .arg("--out-dir")
        .arg(dir.join("."))
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("would overwrite the input"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[test]
fn user_rules_change_decisions() {
    let (_dir, rules) = rule_file(
        "rules",
        "mine.rules",
        "rule no_libraries\n describe Cut anything about library cards\n weight -20\n phrases library card\n fires The library card costs $5.\n ignores The council met.\n",
    );
    let out = strip_example_with(&rules);
    assert!(out.status.success(), "{}", stderr(&out));
    let body = stdout(&out);
    assert!(!body.contains("library card"), "{body}");
    assert!(body.contains("The city council voted"));
}

#[test]
fn a_bad_rule_file_exits_1_with_file_line_and_rule() {
    let (_dir, rules) = rule_file(
        "badrules",
        "bad.rules",
        "rule ok\n describe d\n weight -1\n phrases x\n\nrule broken\n describe d\n wieght -1\n",
    );
    let out = strip_example_with(&rules);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("bad.rules:8: rule broken: unknown key \"wieght\""),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn check_rules_reports_a_contradicting_example() {
    let (_dir, rules) = rule_file(
        "check",
        "ex.rules",
        "rule coupons\n describe d\n weight -3\n phrases coupon\n fires Free shipping today\n",
    );
    let out = bin().arg("check-rules").arg(&rules).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("ex.rules:5: rule coupons: example should fire but does not"),
        "{err}"
    );
}

#[test]
fn check_rules_names_regexes_that_run_on_every_paragraph() {
    let (_dir, rules) = rule_file(
        "scan",
        "scan.rules",
        "rule via_line\n describe d\n weight -2\n regex ^\\w+ via \\w+$\n fires foo via bar\n\
         rule pure_classes\n describe d\n weight -2\n regex ^\\w+ \\w+ \\w+$\n fires one two three\n\
         rule reserved\n describe d\n weight -2\n regex all rights reserved\n fires All rights reserved.\n",
    );
    let out = bin().arg("check-rules").arg(&rules).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("3 rules, all examples hold"), "{text}");
    assert!(
        text.contains(":6: rule pure_classes: a regex has no literal"),
        "{text}"
    );
    assert!(
        text.contains(":11: rule reserved: a literal its regex needs may start inside a word"),
        "{text}"
    );
    assert!(!text.contains("rule via_line"), "{text}");
}

#[test]
fn usage_errors_exit_2_and_missing_files_exit_1() {
    assert_eq!(
        bin()
            .arg("--preset")
            .arg("fast")
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
    let out = bin().arg("/nonexistent/page.txt").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("/nonexistent/page.txt"));
}

#[test]
fn html_is_detected_and_can_be_forced_either_way() {
    let page = b"<!DOCTYPE html><html><head><title>Budget vote</title></head><body>\
        <nav><a href=/>Home</a> | <a href=/news>News</a></nav>\
        <article><p>The council approved the new budget on Tuesday after a long debate \
        that went on into the night, and the mayor said the roads would be repaired.</p></article>\
        <footer><p>\xa9 2024 City Gazette. All rights reserved.</p></footer></body></html>";
    let out = run(&["--title"], page);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "Budget vote\n\nThe council approved the new budget on Tuesday after a long debate \
         that went on into the night, and the mayor said the roads would be repaired.\n"
    );
    // Forced to text, the markup is not parsed: tags stay text, or all is cut.
    let out = run(&["--format", "text"], page);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.is_empty() || text.contains("<p>"), "{text}");
    let out = run(&["--format", "html", "--json"], b"<p>x</p>");
    assert!(stdout(&out).contains("\"tag\":\"p\""), "{}", stdout(&out));
    // Markdown, with the headline as its heading.
    let list = String::from_utf8_lossy(page).replace(
        "</p></article>",
        "</p><ul><li>Roads, and the bridges over the river</li><li>Libraries in every \
         district</li></ul></article>",
    );
    let out = run(&["--markdown", "--title"], list.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("# Budget vote\n\nThe council approved")
            && stdout(&out).ends_with(
                "\n\n- Roads, and the bridges over the river\n\n- Libraries in every district\n"
            ),
        "{}",
        stdout(&out)
    );
    assert_eq!(run(&["--markdown", "--json"], page).status.code(), Some(2));
}

#[test]
fn inputs_over_max_bytes_or_max_paragraphs_are_refused() {
    // Exit 1, with a message saying which limit.
    let refused = |out: Output, message: &str| {
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains(message), "{}", stderr(&out));
    };
    refused(
        run(&["--max-bytes", "5"], b"more than five bytes"),
        "over the limit of 5 bytes",
    );
    let big = example();
    refused(
        bin()
            .args(["--max-bytes", "100", big.to_str().unwrap()])
            .output()
            .unwrap(),
        "bytes is over the limit of 100 bytes",
    );
    refused(
        run(&["--max-paragraphs", "2"], b"one\n\ntwo\n\nthree"),
        "3 paragraphs is over the limit of 2",
    );
}

#[test]
fn a_closed_pipe_is_a_clean_end() {
    // Many inputs, stdout closed at once: no panic message, exit 0.
    let path = example();
    let mut args: Vec<&Path> = Vec::new();
    for _ in 0..2000 {
        args.push(&path);
    }
    let mut child = bin()
        .args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(0), "{err}");
}

/// A dataset of one page `p1` in `data`: its text and HTML inputs hold
/// `paragraphs` as the article between a menu and a copyright footer; the
/// truth (`gold/` or `snippets/`) is left to the test.
fn one_page_dataset(data: &Path, paragraphs: &[&str]) {
    for sub in ["text", "html", "gold", "snippets"] {
        std::fs::create_dir_all(data.join(sub)).unwrap();
    }
    std::fs::write(
        data.join("manifest.jsonl"),
        "{\"id\": \"p1\", \"lang\": \"en\"}\n",
    )
    .unwrap();
    let footer = "© 2024 Example News. All rights reserved.";
    std::fs::write(
        data.join("text/p1.txt"),
        format!(
            "Home | News | Sport\n\n{}\n\n{footer}",
            paragraphs.join("\n\n")
        ),
    )
    .unwrap();
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
    std::fs::write(
        data.join("html/p1.html"),
        format!("<html><body><nav><a href=/>Home</a> <a href=/n>News</a></nav><article>{body}</article><footer>{footer}</footer></body></html>"),
    )
    .unwrap();
}

#[test]
fn eval_promo_reports_what_was_cut_by_kind_position_and_language() {
    // `eval --json --promo PROMO DATA ARGS`, its summary as JSON.
    let promo_json = |promo: &Path, data: &Path, args: &[&str]| -> serde_json::Value {
        let out = bin()
            .args(["eval", "--json", "--promo"])
            .arg(promo)
            .arg(data)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_str(stdout(&out).trim()).unwrap()
    };
    let dir = tempdir("promo-eval");
    let data = dir.join("set");
    let paragraphs = [
        "The council approved the new budget on Tuesday after a long debate that went on into the night.",
        "Members argued for hours about the cost of repairing the old bridge over the river, the mayor said.",
        "In the end the mayor cast the deciding vote shortly after midnight, to applause from the gallery.",
        "The bridge will close for six months from March while engineers replace its steel deck, officials said.",
    ];
    one_page_dataset(&data, &paragraphs);
    std::fs::write(data.join("gold/p1.txt"), paragraphs.join("\n")).unwrap();
    let promo = dir.join("promo");
    std::fs::create_dir_all(&promo).unwrap();
    std::fs::write(
        promo.join("en.jsonl"),
        "{\"id\": \"en-p-guest_post-01\", \"lang\": \"en\", \"label\": \"promo\", \"kind\": \"guest_post\", \"text\": \"Get your brand featured with a press release on our high-authority websites with do-follow backlinks. Contact us at sales@example.com\"}\n\
         {\"id\": \"en-l-coupon-01\", \"lang\": \"en\", \"label\": \"lookalike\", \"kind\": \"coupon\", \"text\": \"Supermarkets cut the price of bread by ten percent on Monday, the third discount this year, as the price war between the chains went on.\"}\n",
    )
    .unwrap();
    for mode in ["text", "html"] {
        let v = promo_json(&promo, &data, &["--mode", mode]);
        assert_eq!(v["paragraphs"], 2);
        assert_eq!(v["pages"], 1);
        // The backlink ad goes, the news about prices stays.
        assert_eq!(v["promo_recall"], 1.0, "{mode}: {v}");
        assert_eq!(v["lookalike_retention"], 1.0, "{mode}: {v}");
        assert_eq!(v["by"]["kind"]["guest_post"]["promo"], 1);
        // Sorted by id, the look-alike goes first (start), the ad second.
        assert_eq!(v["by"]["position"]["middle"]["promo"], 1);
        assert_eq!(v["by"]["lang"]["en"]["promo_recall"], 1.0);
        assert_eq!(v["promo_kept_by"], serde_json::json!({}), "{mode}: {v}");
        // --together puts both into the page at once (the first of the set
        // at the start, the second in the middle): still one page.
        let v = promo_json(&promo, &data, &["--mode", mode, "--together"]);
        assert_eq!(v["paragraphs"], 2);
        assert_eq!(v["by"]["position"]["middle"]["promo"], 1, "{mode}: {v}");
        assert_eq!(v["promo_recall"], 1.0, "{mode}: {v}");
        assert_eq!(v["lookalike_retention"], 1.0, "{mode}: {v}");
    }
    // --same-language puts a paragraph into pages of its own language when
    // ten or more take inserts: ten "de" pages here, one "en".
    let multi = dir.join("multi");
    for sub in ["text", "html", "gold"] {
        std::fs::create_dir_all(multi.join(sub)).unwrap();
    }
    let mut manifest = String::new();
    for n in 1..=11 {
        let lang = if n <= 10 { "de" } else { "en" };
        manifest.push_str(&format!("{{\"id\": \"p{n}\", \"lang\": \"{lang}\"}}\n"));
        for (sub, ext) in [("text", "txt"), ("html", "html"), ("gold", "txt")] {
            std::fs::copy(
                data.join(format!("{sub}/p1.{ext}")),
                multi.join(format!("{sub}/p{n}.{ext}")),
            )
            .unwrap();
        }
    }
    std::fs::write(multi.join("manifest.jsonl"), manifest).unwrap();
    let german = dir.join("german");
    std::fs::create_dir_all(&german).unwrap();
    std::fs::write(
        german.join("de.jsonl"),
        "{\"id\": \"de-l-coupon-01\", \"lang\": \"de\", \"label\": \"lookalike\", \"kind\": \"coupon\", \"text\": \"Die Supermärkte senkten am Montag den Brotpreis um zehn Prozent, schon zum dritten Mal in diesem Jahr.\"}\n\
         {\"id\": \"en-p-guest_post-01\", \"lang\": \"en\", \"label\": \"promo\", \"kind\": \"guest_post\", \"text\": \"Get your brand featured with a press release on our high-authority websites with do-follow backlinks.\"}\n",
    )
    .unwrap();
    for (flag, own) in [(true, 1), (false, 0)] {
        let mut cmd = bin();
        cmd.args(["eval", "--json", "--promo"])
            .arg(&german)
            .arg(&multi);
        if flag {
            cmd.arg("--same-language");
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
        assert_eq!(v["pages"], 11, "{v}");
        assert_eq!(v["own_language"], own, "{v}");
    }
    // Promotion the engine cannot tell from news is kept, and the report
    // says why: its own score kept it.
    let unseen = dir.join("unseen");
    std::fs::create_dir_all(&unseen).unwrap();
    std::fs::write(
        unseen.join("en.jsonl"),
        "{\"id\": \"en-p-spam-01\", \"lang\": \"en\", \"label\": \"promo\", \"kind\": \"spam\", \"text\": \"The river rose by two metres overnight after the storm, and the fire brigade closed the lower road for the whole of Wednesday.\"}\n",
    )
    .unwrap();
    let v = promo_json(&unseen, &data, &[]);
    assert_eq!(v["promo_recall"], 0.0, "{v}");
    let causes = v["promo_kept_by"].as_object().unwrap();
    assert_eq!(causes.len(), 1, "{v}");
    let (cause, n) = causes.iter().next().unwrap();
    assert!(cause.starts_with("kept: good"), "{cause}");
    assert_eq!(n, 1);
    // A baseline above what is measured fails the run.
    let base = dir.join("promo.baseline");
    std::fs::write(&base, "recall 1.0\nretention 1.0\nf1 1.01\n").unwrap();
    let out = bin()
        .args(["eval", "--promo"])
        .arg(&promo)
        .arg(&data)
        .arg("--baseline")
        .arg(&base)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("promo f1"), "{}", stderr(&out));
}

#[test]
fn eval_scores_a_snippets_dataset_as_trafilatura_does() {
    let dir = tempdir("snippets-eval");
    let data = dir.join("set");
    one_page_dataset(
        &data,
        &[
            "The council approved the new budget on Tuesday after a long debate that went on into the night.",
            "Members argued for hours about the cost of repairing the old bridge over the river, the mayor said.",
            "In the end the mayor cast the deciding vote shortly after midnight, to applause from the gallery.",
        ],
    );
    // Two snippets of the article (one across whitespace the output does
    // not share), one that no output holds, and two of boilerplate.
    std::fs::write(
        data.join("snippets/p1.json"),
        r#"{"with": ["approved the new   budget", "the mayor cast the deciding vote", "A sentence the page never had"],
            "without": ["© 2024 Example News", "Home | News"]}"#,
    )
    .unwrap();
    for mode in ["text", "html"] {
        let out = bin()
            .args(["eval", "--json", "--mode", mode])
            .arg(&data)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
        let s = &v["snippets"];
        assert_eq!(
            (s["tp"].as_u64(), s["fn"].as_u64()),
            (Some(2), Some(1)),
            "{mode}: {v}"
        );
        assert_eq!(
            (s["fp"].as_u64(), s["tn"].as_u64()),
            (Some(0), Some(2)),
            "{mode}: {v}"
        );
        assert_eq!(s["precision"], 1.0);
        assert!((s["recall"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-9);
        assert!(v.get("aeb").is_none());
    }
    // The snippet F1 (0.8) is what a baseline guards.
    let base = dir.join("snippets.baseline");
    for (value, ok) in [("0.80", true), ("0.81", false)] {
        std::fs::write(&base, format!("# snippet F1\n{value}\n")).unwrap();
        let out = bin()
            .args(["eval", "--mode", "html", "--baseline"])
            .arg(&base)
            .arg(&data)
            .output()
            .unwrap();
        assert_eq!(out.status.success(), ok, "{value}: {}", stderr(&out));
        assert!(
            stdout(&out).contains("snippets        P 1.0000  R 0.6667  F1 0.8000"),
            "{}",
            stdout(&out)
        );
    }
    // --doc marks paragraphs by the snippets they hold.
    let out = bin()
        .args(["eval", "--mode", "html", "--doc", "p1"])
        .arg(&data)
        .output()
        .unwrap();
    let doc = stdout(&out);
    assert!(doc.contains("snippet F1 0.800"), "{doc}");
    assert!(
        doc.lines()
            .any(|l| l.starts_with(" +G") && l.contains("approved the new budget")),
        "{doc}"
    );
}

/// The rule packs users can add (`rules/*.rules`) compile beside the
/// built-in rules and every example of theirs holds.
#[test]
fn rule_packs_check() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules");
    let mut packs = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rules") {
            let out = bin().arg("check-rules").arg(&path).output().unwrap();
            assert!(out.status.success(), "{}: {}", path.display(), stderr(&out));
            packs += 1;
        }
    }
    assert!(packs >= 1);
}

#[test]
fn report_out_to_a_pipe_writes_into_it_and_leaves_it_a_pipe() {
    // An atomic write renames a temporary file over its target: over
    // `/dev/null` or a pipe, that replaced the device with a file.
    use std::os::unix::fs::FileTypeExt;
    let dir = tempdir("report-fifo");
    let fifo = dir.join("out.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let out = bin()
        .args(["report", "--out"])
        .arg(&fifo)
        .arg(example())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let kind = std::fs::metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the pipe was replaced: {kind:?}");
    assert!(reader.join().unwrap().contains("<html"));
}
