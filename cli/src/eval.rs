//! `dechaff eval`: quality on a labelled dataset, per-page diagnosis and
//! rule statistics.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::metric::{GoldIndex, Scores, gold_share};
use clap::{Args, ValueEnum};
use serde_json::json;

use crate::output::preview;
use crate::promo;
use crate::report;
use crate::snippets::{Counts as SnippetCounts, Snippets};
use crate::{EngineArgs, Failure, Format};

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// Dataset folder: manifest.jsonl, text/<id>.txt, html/<id>.html, and
    /// the truth: gold/<id>.txt (scored by AEB), or snippets/<id>.json
    /// (segments that must and must not appear, scored as trafilatura
    /// scores itself).
    dataset: PathBuf,
    /// Which input to read.
    #[arg(long, value_enum, default_value_t = Mode::Text)]
    mode: Mode,
    /// Show one page paragraph by paragraph: verdict, in gold or not, rules, score.
    #[arg(long, value_name = "ID")]
    doc: Option<String>,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
    /// Print, for each rule, how often it fired on gold and on non-gold paragraphs.
    #[arg(long)]
    rule_stats: bool,
    /// How many of the worst pages to list.
    #[arg(long, default_value_t = 10)]
    worst: usize,
    /// Fail (exit 1) when AEB F1 (snippet F1 for a snippets dataset) is more
    /// than 0.005 below the value in FILE (with --promo: when promo recall,
    /// look-alike retention or F1 is).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Insert each paragraph of the promo set in DIR (promotional ones and
    /// look-alikes, `*.jsonl`) into a page of the dataset, and report what
    /// was cut: promo recall and look-alike retention by kind, position
    /// and language.
    #[arg(long, value_name = "DIR")]
    promo: Option<PathBuf>,
    /// With --promo: put each paragraph into a page of its own language
    /// wherever the dataset has at least 10 pages of it that take inserts
    /// (else into any page), as promotion appears on real pages.
    #[arg(long, requires = "promo")]
    same_language: bool,
    /// With --promo: put three paragraphs of the set into each page at
    /// once, at its start, middle and end (paragraphs far apart in the set:
    /// different kinds and languages), as pages carry several ads, instead
    /// of each into a page of its own.
    #[arg(long, requires = "promo", conflicts_with = "same_language")]
    together: bool,
    /// Write a visual report to DIR: DIR/index.html (the figures, charts,
    /// the pages worst first) and DIR/pages/ID.html (each page paragraph by
    /// paragraph, missed and extra text marked). Self-contained HTML.
    #[arg(long, value_name = "DIR")]
    report: Option<PathBuf>,
    #[command(flatten)]
    engine: EngineArgs,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// text/<id>.txt, through the text front-end.
    Text,
    /// html/<id>.html, through the HTML front-end.
    Html,
}

impl From<Mode> for Format {
    fn from(m: Mode) -> Format {
        match m {
            Mode::Text => Format::Text,
            Mode::Html => Format::Html,
        }
    }
}

/// `writeln!` into a `String`, which cannot fail.
macro_rules! w {
    ($out:expr, $($t:tt)*) => {
        let _ = writeln!($out, $($t)*);
    };
}

/// How far below the baseline F1 may fall before the check fails.
const BASELINE_TOLERANCE: f64 = 0.005;

/// A paragraph counts as gold text when at least this share of it is in the gold.
const IN_GOLD: f64 = 0.5;

struct Page {
    id: String,
    input: Vec<u8>,
    /// The article text: the gold, or the `with` snippets one per line.
    gold: String,
    /// For a dataset of the snippets kind.
    snippets: Option<Snippets>,
}

impl Page {
    /// Whether a paragraph is article text: by the share of it in the gold,
    /// or, with snippets, by the snippet it holds (a paragraph without
    /// one counts as not article).
    fn is_article(&self, gold: &GoldIndex, text: &str) -> bool {
        match &self.snippets {
            Some(s) => s.holds_article(text),
            None => gold_share(gold, text) >= IN_GOLD,
        }
    }
}

/// The id and language of each page of a dataset, from its manifest.
pub fn manifest(dataset: &Path) -> Result<Vec<(String, String)>, Failure> {
    let manifest = dataset.join("manifest.jsonl");
    let text = std::fs::read_to_string(&manifest)
        .map_err(|e| Failure(format!("cannot read {}: {e}", manifest.display())))?;
    let mut pages = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| Failure(format!("{}:{}: {e}", manifest.display(), n + 1)))?;
        let id = v["id"]
            .as_str()
            .ok_or_else(|| Failure(format!("{}:{}: no \"id\"", manifest.display(), n + 1)))?
            .to_string();
        let lang = v["lang"].as_str().unwrap_or_default().to_string();
        pages.push((id, lang));
    }
    Ok(pages)
}

fn load(dataset: &Path, mode: Mode) -> Result<Vec<Page>, Failure> {
    let mut pages = Vec::new();
    for (id, _) in manifest(dataset)? {
        let input_path = match mode {
            Mode::Text => dataset.join("text").join(format!("{id}.txt")),
            Mode::Html => dataset.join("html").join(format!("{id}.html")),
        };
        let read = |p: &Path| {
            std::fs::read(p).map_err(|e| Failure(format!("cannot read {}: {e}", p.display())))
        };
        let input = read(&input_path)?;
        let gold_path = dataset.join("gold").join(format!("{id}.txt"));
        let (gold, snippets) = if !gold_path.exists() && dataset.join("snippets").is_dir() {
            let s = Snippets::load(dataset, &id)?;
            (s.article_text(), Some(s))
        } else {
            (
                String::from_utf8_lossy(&read(&gold_path)?).into_owned(),
                None,
            )
        };
        pages.push(Page {
            id,
            input,
            gold,
            snippets,
        });
    }
    Ok(pages)
}

pub fn run(args: &EvalArgs) -> Result<(), Failure> {
    let stripper = args.engine.build()?;
    if let Some(dir) = &args.promo {
        return run_promo(args, &stripper, dir);
    }
    let pages = load(&args.dataset, args.mode)?;
    let mut out = String::new();
    if let Some(id) = &args.doc {
        let page = pages
            .iter()
            .find(|p| p.id.starts_with(id.as_str()))
            .ok_or_else(|| Failure(format!("no page {id:?} in the dataset")))?;
        show_doc(&mut out, &stripper, page, args.mode, args.json)?;
        return crate::emit(&out);
    }

    let mut scores = Scores::default();
    let mut snippets = SnippetCounts::default();
    let mut per_page: Vec<(f64, f64, f64, &str)> = Vec::new();
    // Lazily built tables (stoplists, char classes) are built here, not
    // inside the first timed page.
    if let Some(first) = pages.first() {
        let _ = crate::input::strip(&stripper, &first.input, args.mode.into(), None)?.body();
    }
    let mut elapsed = Duration::ZERO;
    let mut bytes = 0usize;
    let pages_dir = match &args.report {
        Some(dir) => {
            let pages_dir = dir.join("pages");
            std::fs::create_dir_all(&pages_dir)
                .map_err(|e| Failure(format!("cannot create {}: {e}", pages_dir.display())))?;
            Some(pages_dir)
        }
        None => None,
    };
    // rule name → (fired on gold paragraphs, fired on other paragraphs, weight)
    let mut stats: BTreeMap<String, (u32, u32, f64)> = BTreeMap::new();
    for page in &pages {
        let start = Instant::now();
        let stripped = crate::input::strip(&stripper, &page.input, args.mode.into(), None)?;
        let body = stripped.body();
        elapsed += start.elapsed();
        bytes += page.input.len();
        match &page.snippets {
            Some(s) => {
                let c = s.score(&body);
                snippets.add(c);
                per_page.push((c.f1(), c.precision(), c.recall(), &page.id));
            }
            None => {
                let m = scores.add(&page.gold, &body);
                per_page.push((m.f1(), m.precision(), m.recall(), &page.id));
            }
        }
        // Which paragraphs are article text: for the report and the rule statistics.
        let gold = (pages_dir.is_some() || args.rule_stats).then(|| GoldIndex::new(&page.gold));
        if let (Some(dir), Some(gold)) = (&pages_dir, &gold) {
            let truth = stripped
                .paragraphs()
                .map(|p| match (p.kept, page.is_article(gold, p.text())) {
                    (false, true) => report::Truth::Missed,
                    (true, false) => report::Truth::Extra,
                    _ => report::Truth::Right,
                })
                .collect();
            let &(f, p, r, _) = per_page.last().expect("pushed above");
            let html = report::PageReport {
                name: &page.id,
                stripped: &stripped,
                truth: Some(truth),
                figures: Some((f, p, r)),
                back: Some("../index.html"),
            }
            .render();
            let path = dir.join(format!("{}.html", report::page_file(&page.id)));
            crate::output::write_atomically(&path, html.as_bytes())
                .map_err(|e| Failure(format!("cannot write {}: {e}", path.display())))?;
        }
        if let Some(gold) = &gold {
            for p in stripped.paragraphs() {
                let in_gold = page.is_article(gold, p.text());
                for h in p.hits() {
                    let e = stats
                        .entry(h.rule.name.clone())
                        .or_insert((0, 0, h.rule.weight));
                    if in_gold {
                        e.0 += 1;
                    } else {
                        e.1 += 1;
                    }
                }
            }
        }
    }
    let secs = elapsed.as_secs_f64().max(1e-9);
    let (tp, tr, tf) = scores.tokens_micro();
    let is_snippets = pages.iter().any(|p| p.snippets.is_some());
    per_page.sort_by(|a, b| a.0.total_cmp(&b.0));
    if args.json {
        let worst: Vec<_> = per_page
            .iter()
            .take(args.worst)
            .map(|(f, p, r, id)| json!({"id": id, "f1": f, "precision": p, "recall": r}))
            .collect();
        let mut v = json!({
            "pages": pages.len(),
            "pages_per_second": pages.len() as f64 / secs,
            "mb_per_second": bytes as f64 / 1e6 / secs,
            "worst": worst,
        });
        if is_snippets {
            v["snippets"] = json!({
                "precision": snippets.precision(), "recall": snippets.recall(), "f1": snippets.f1(),
                "tp": snippets.tp, "fn": snippets.fn_, "fp": snippets.fp, "tn": snippets.tn,
            });
        } else {
            v["aeb"] = json!({"precision": scores.precision(), "recall": scores.recall(), "f1": scores.f1()});
            v["tokens_micro"] = json!({"precision": tp, "recall": tr, "f1": tf});
        }
        w!(out, "{v}");
    } else {
        w!(out, "pages           {}", pages.len());
        if is_snippets {
            w!(
                out,
                "snippets        P {:.4}  R {:.4}  F1 {:.4}  ({} with found of {}, {} without found of {})",
                snippets.precision(),
                snippets.recall(),
                snippets.f1(),
                snippets.tp,
                snippets.tp + snippets.fn_,
                snippets.fp,
                snippets.fp + snippets.tn
            );
        } else {
            w!(
                out,
                "AEB             P {:.4}  R {:.4}  F1 {:.4}",
                scores.precision(),
                scores.recall(),
                scores.f1()
            );
            w!(out, "tokens (micro)  P {tp:.4}  R {tr:.4}  F1 {tf:.4}");
        }
        w!(
            out,
            "speed           {:.0} pages/s  {:.1} MB/s (one thread, stripping only)",
            pages.len() as f64 / secs,
            bytes as f64 / 1e6 / secs
        );
        w!(out, "worst pages (F1, P, R, id):");
        for (f, p, r, id) in per_page.iter().take(args.worst) {
            w!(out, "  {f:.3} {p:.3} {r:.3} {id}");
        }
    }
    if let Some(dir) = &args.report {
        let langs: BTreeMap<String, String> = manifest(&args.dataset)?.into_iter().collect();
        let summary = out.split("worst pages").next().unwrap_or_default();
        let html = report::IndexReport {
            dataset: &args.dataset.display().to_string(),
            mode: match args.mode {
                Mode::Text => "text",
                Mode::Html => "html",
            },
            summary,
            rows: per_page
                .iter()
                .map(|&(f1, precision, recall, id)| report::IndexRow {
                    id: id.to_string(),
                    lang: langs.get(id).cloned().unwrap_or_default(),
                    f1,
                    precision,
                    recall,
                })
                .collect(),
            rule_stats: stats.clone(),
        }
        .render();
        let path = dir.join("index.html");
        crate::output::write_atomically(&path, html.as_bytes())
            .map_err(|e| Failure(format!("cannot write {}: {e}", path.display())))?;
    }
    if args.rule_stats {
        w!(
            out,
            "rule statistics (fired on gold / non-gold paragraphs):"
        );
        w!(out, "  {:>6} {:>6} {:>6}  rule", "weight", "gold", "other");
        let mut rows: Vec<_> = stats.into_iter().collect();
        rows.sort_by_key(|(_, (g, o, _))| std::cmp::Reverse(g + o));
        for (name, (g, o, w)) in rows {
            w!(out, "  {w:>+6.1} {g:>6} {o:>6}  {name}");
        }
    }
    crate::emit(&out)?;
    if let Some(path) = &args.baseline {
        let (what, f1) = if is_snippets {
            ("snippet F1", snippets.f1())
        } else {
            ("AEB F1", scores.f1())
        };
        check_baseline(path, what, f1)?;
    }
    Ok(())
}

/// `eval --promo`: each paragraph of the promo set inserted into a page
/// of its own (see [`crate::promo`]), stripped, and checked.
fn run_promo(args: &EvalArgs, stripper: &dechaff::Stripper, dir: &Path) -> Result<(), Failure> {
    let inserts = promo::load_inserts(dir)?;
    let (text_pages, html_pages) = (
        load(&args.dataset, Mode::Text)?,
        load(&args.dataset, Mode::Html)?,
    );
    let languages: Vec<String> = manifest(&args.dataset)?
        .into_iter()
        .map(|(_, lang)| lang)
        .collect();
    // A snippets dataset places inserts by the snippets of its article.
    let truth = if text_pages.iter().any(|p| p.snippets.is_some()) {
        promo::Truth::Snippets
    } else {
        promo::Truth::Paragraphs
    };
    // Pages where the article is found in both inputs take inserts, so that
    // both modes see the same pages and positions.
    let mut usable = Vec::new();
    for (i, (t, h)) in text_pages.iter().zip(&html_pages).enumerate() {
        let (Ok(text), Ok(html)) = (std::str::from_utf8(&t.input), std::str::from_utf8(&h.input))
        else {
            continue;
        };
        if let (Some(ta), Some(ha)) = (
            promo::text_anchors(text, &t.gold, truth),
            promo::html_anchors(html, &h.gold, truth),
        ) {
            usable.push((i, ta, ha));
        }
    }
    if usable.is_empty() {
        return Err(Failure("no page of the dataset can take inserts".into()));
    }
    let pages = if args.mode == Mode::Html {
        &html_pages
    } else {
        &text_pages
    };
    let extract = |input: &[u8]| crate::input::strip(stripper, input, args.mode.into(), None);
    let base: Vec<String> = usable
        .iter()
        .map(|&(i, _, _)| Ok(extract(&pages[i].input)?.body()))
        .collect::<Result<_, Failure>>()?;
    // The usable pages of each language, for --same-language.
    let mut by_language: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (u, (i, _, _)) in usable.iter().enumerate() {
        let lang = languages.get(*i).map_or("", String::as_str);
        by_language.entry(lang).or_default().push(u);
    }
    let mut report = PromoReport {
        truth: Some(truth),
        ..PromoReport::default()
    };
    let start = Instant::now();
    for (u, group) in placements(&inserts, &by_language, usable.len(), args) {
        report.own_language += group.members.len() * usize::from(group.own_language);
        let (i, ta, ha) = &usable[u];
        let page = &pages[*i];
        let anchors = if args.mode == Mode::Html { ha } else { ta };
        let input = std::str::from_utf8(&page.input).unwrap_or_default();
        let members: Vec<(promo::Position, &promo::Insert)> = group
            .members
            .iter()
            .map(|&(k, position)| (position, &inserts[k]))
            .collect();
        let built = promo::build(
            input,
            &page.gold,
            anchors,
            &members,
            args.mode == Mode::Html,
        );
        let stripped = extract(&built.input)?;
        let body = stripped.body();
        match &page.snippets {
            Some(snippets) => report.snippets.add(snippets.score(&body)),
            None => {
                report.scores.add(&built.gold, &body);
            }
        }
        for &(k, position) in &group.members {
            let insert = &inserts[k];
            let kept = promo::kept_share(&insert.text, &body, &base[u]) >= promo::REMOVED_BELOW;
            if kept == insert.is_promo() {
                report.add_cause(insert.is_promo(), miss_cause(&stripped, &insert.text));
            }
            report.add(insert, position, kept, &page.id, k % promo::FOLDS);
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let mut out = String::new();
    report.write(
        &mut out,
        inserts.len(),
        usable.len(),
        pages.len(),
        args,
        secs,
    );
    crate::emit(&out)?;
    if let Some(path) = &args.baseline {
        report.check_baseline(path)?;
    }
    Ok(())
}

/// The paragraphs of the promo set that go into one page, and where.
struct Group {
    /// (index into the set, position).
    members: Vec<(usize, promo::Position)>,
    /// The page is of the paragraphs' own language (`--same-language`).
    own_language: bool,
}

/// Which usable page (an index into them) takes which paragraphs of the
/// set: one paragraph a page copy, in its own language's pages with
/// `--same-language` (see [`promo::placement`]); or with `--together`,
/// three paragraphs a page, a third of the set apart, at its start, middle
/// and end.
fn placements(
    inserts: &[promo::Insert],
    by_language: &BTreeMap<&str, Vec<usize>>,
    usable: usize,
    args: &EvalArgs,
) -> Vec<(usize, Group)> {
    if args.together {
        let third = inserts.len().div_ceil(3);
        return (0..third)
            .map(|g| {
                let members = (0..3)
                    .map(|j| g + j * third)
                    .filter(|&k| k < inserts.len())
                    .zip(promo::Position::ALL)
                    .collect();
                let (u, _) = promo::placement(g, usable);
                let group = Group {
                    members,
                    own_language: false,
                };
                (u, group)
            })
            .collect();
    }
    // By default any page takes a paragraph of any language: scrapinghub's
    // pages are mostly English, and spreading each language over 163
    // templates says more than concentrating it on the few pages of its
    // language. --same-language concentrates where a language has enough.
    (0..inserts.len())
        .map(|k| {
            let own = by_language
                .get(inserts[k].lang.as_str())
                .filter(|pages| args.same_language && pages.len() >= promo::SAME_LANGUAGE_PAGES);
            let (u, position) = match own {
                Some(pages) => {
                    let (j, position) = promo::placement(k, pages.len());
                    (pages[j], position)
                }
                None => promo::placement(k, usable),
            };
            let group = Group {
                members: vec![(k, position)],
                own_language: own.is_some(),
            };
            (u, group)
        })
        .collect()
}

/// What `eval --promo` counts.
#[derive(Default)]
struct PromoReport {
    /// Promo paragraphs removed, by group (`all`, `kind:…`, `position:…`, `lang:…`).
    removed: promo::Tally,
    /// Look-alikes kept, by the same groups.
    kept: promo::Tally,
    scores: Scores,
    /// For a snippets dataset, the pages' snippet counts instead of AEB.
    snippets: SnippetCounts,
    /// How the dataset's truth is given, which decides the metric.
    truth: Option<promo::Truth>,
    /// Paragraphs placed in a page of their own language.
    own_language: usize,
    /// Promo paragraphs kept and look-alikes cut: (id, page id, position).
    misses: Vec<(String, String, &'static str)>,
    /// How many promo paragraphs were kept, and look-alikes cut, for each
    /// cause ([`miss_cause`]).
    promo_kept_by: BTreeMap<String, u32>,
    lookalikes_cut_by: BTreeMap<String, u32>,
}

/// Why the inserted paragraph came out as it did, in a few words: for a cut
/// one, the decisive rule or the context that cut it (or the most negative
/// rule when its score did); for a kept one, its class and the reason.
fn miss_cause(stripped: &dechaff::Stripped<'_>, insert: &str) -> String {
    // The paragraph that starts like the insert (the engine may have split a
    // long one; its first piece stands for it).
    let head: String = insert
        .split_whitespace()
        .take(6)
        .collect::<Vec<_>>()
        .join(" ");
    let found = stripped.paragraphs().find(|p| {
        let text: String = p.text().split_whitespace().collect::<Vec<_>>().join(" ");
        text.contains(&head)
    });
    let Some(p) = found else {
        return "not found".to_string();
    };
    if p.kept {
        return format!("kept: {}, {}", p.class.name(), p.reason.describe());
    }
    match p.reason {
        dechaff::Reason::StrongEvidence => {
            let rule = p
                .hits()
                .filter(|h| h.rule.decisive && h.weight() < 0.0)
                .map(|h| h.name().to_string())
                .next()
                .unwrap_or_default();
            format!("cut: decisive {rule}")
        }
        dechaff::Reason::Score => format!(
            "cut: score, most negative {}",
            p.cutting_rule().map_or("none", |r| r.name.as_str())
        ),
        reason => format!("cut: {}", reason.describe()),
    }
}

impl PromoReport {
    fn add(
        &mut self,
        insert: &promo::Insert,
        position: promo::Position,
        kept: bool,
        page: &str,
        fold: usize,
    ) {
        let (tally, hit) = if insert.is_promo() {
            (&mut self.removed, !kept)
        } else {
            (&mut self.kept, kept)
        };
        for group in [
            "all".to_string(),
            format!("kind:{}", insert.kind),
            format!("position:{}", position.name()),
            format!("lang:{}", insert.lang),
            format!("fold:{fold}"),
        ] {
            tally.add(&group, hit);
        }
        if !hit {
            self.misses
                .push((insert.id.clone(), page.to_string(), position.name()));
        }
    }

    /// What the built pages score, by the dataset's metric: its name
    /// (`aeb`, or `snippets` for a snippets dataset), precision, recall, F1.
    fn page_scores(&self) -> (&'static str, f64, f64, f64) {
        match self.truth {
            Some(promo::Truth::Snippets) => {
                let s = &self.snippets;
                ("snippets", s.precision(), s.recall(), s.f1())
            }
            _ => {
                let s = &self.scores;
                ("aeb", s.precision(), s.recall(), s.f1())
            }
        }
    }

    fn add_cause(&mut self, promo: bool, cause: String) {
        let by = if promo {
            &mut self.promo_kept_by
        } else {
            &mut self.lookalikes_cut_by
        };
        *by.entry(cause).or_default() += 1;
    }

    /// The groups of one dimension (`kind`, `position`, `lang`), with the
    /// promo recall and look-alike retention of each.
    fn rows(&self, dimension: &str) -> Vec<(String, f64, f64, u32, u32)> {
        let prefix = format!("{dimension}:");
        self.removed
            .groups
            .iter()
            .filter_map(|(g, &(_, n))| {
                let name = g.strip_prefix(&prefix)?;
                let looks = self.kept.groups.get(g).map_or(0, |&(_, m)| m);
                Some((
                    name.to_string(),
                    self.removed.rate(g),
                    self.kept.rate(g),
                    n,
                    looks,
                ))
            })
            .collect()
    }

    fn write(
        &self,
        out: &mut String,
        inserts: usize,
        usable: usize,
        pages: usize,
        args: &EvalArgs,
        secs: f64,
    ) {
        let (recall, retention) = (self.removed.rate("all"), self.kept.rate("all"));
        let (metric, precision, page_recall, f1) = self.page_scores();
        if args.json {
            let dims: serde_json::Map<String, serde_json::Value> = ["kind", "position", "lang", "fold"]
                .iter()
                .map(|d| {
                    let rows: serde_json::Map<String, serde_json::Value> = self
                        .rows(d)
                        .into_iter()
                        .map(|(g, r, k, n, m)| {
                            let row = json!({"promo_recall": r, "lookalike_retention": k, "promo": n, "lookalikes": m});
                            (g, row)
                        })
                        .collect();
                    (d.to_string(), rows.into())
                })
                .collect();
            let v = json!({
                "paragraphs": inserts,
                "pages": usable,
                "promo_recall": recall,
                "lookalike_retention": retention,
                (metric): {"precision": precision, "recall": page_recall, "f1": f1},
                "own_language": self.own_language,
                "by": dims,
                "promo_kept_by": self.promo_kept_by,
                "lookalikes_cut_by": self.lookalikes_cut_by,
                "misses": self.misses.iter().take(args.worst).map(|(i, p, pos)| json!({"id": i, "page": p, "position": pos})).collect::<Vec<_>>(),
            });
            w!(out, "{v}");
            return;
        }
        w!(
            out,
            "paragraphs      {inserts}, each inserted into one of {usable} of {pages} pages ({:.1} s)",
            secs
        );
        w!(
            out,
            "promo recall    {recall:.4}   look-alike retention {retention:.4}"
        );
        if args.same_language {
            w!(
                out,
                "own language    {} of {inserts} in a page of their language",
                self.own_language
            );
        }
        w!(
            out,
            "{:<16}P {precision:.4}  R {page_recall:.4}  F1 {f1:.4}",
            if metric == "aeb" { "AEB" } else { metric },
        );
        for dimension in ["position", "kind", "lang"] {
            w!(
                out,
                "by {dimension} (promo recall, look-alike retention, promo count):"
            );
            for (g, r, k, n, _) in self.rows(dimension) {
                w!(out, "  {g:<16} {r:.3}  {k:.3}  {n}");
            }
        }
        for (what, by) in [
            ("promo kept", &self.promo_kept_by),
            ("look-alikes cut", &self.lookalikes_cut_by),
        ] {
            let mut rows: Vec<(&String, &u32)> = by.iter().collect();
            rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            w!(out, "{what}, by cause:");
            for (cause, n) in rows {
                w!(out, "  {n:>4}  {cause}");
            }
        }
        w!(
            out,
            "misses (promo kept, look-alike cut; id, page, position):"
        );
        for (id, page, position) in self.misses.iter().take(args.worst) {
            w!(out, "  {id} {} {position}", &page[..page.len().min(12)]);
        }
    }

    /// Fails when promo recall, look-alike retention or AEB F1 falls more
    /// than the tolerance below `recall`, `retention` or `f1` in the file.
    fn check_baseline(&self, path: &Path) -> Result<(), Failure> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure(format!("cannot read baseline {}: {e}", path.display())))?;
        let value = |name: &str| -> Result<f64, Failure> {
            text.lines()
                .filter_map(|l| l.trim().strip_prefix(name))
                .find_map(|v| v.trim().parse().ok())
                .ok_or_else(|| Failure(format!("{}: no `{name}` value", path.display())))
        };
        for (name, now) in [
            ("recall", self.removed.rate("all")),
            ("retention", self.kept.rate("all")),
            ("f1", self.page_scores().3),
        ] {
            let base = value(name)?;
            if now < base - BASELINE_TOLERANCE {
                return Err(Failure(format!(
                    "promo {name} {now:.4} is more than {BASELINE_TOLERANCE} below the baseline {base:.4} in {}",
                    path.display()
                )));
            }
            eprintln!(
                "baseline ok: promo {name} {now:.4} vs {base:.4} ({})",
                path.display()
            );
        }
        Ok(())
    }
}

fn check_baseline(path: &Path, what: &str, f1: f64) -> Result<(), Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure(format!("cannot read baseline {}: {e}", path.display())))?;
    let base: f64 = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .and_then(|l| l.parse().ok())
        .ok_or_else(|| Failure(format!("{}: no F1 value found", path.display())))?;
    if f1 < base - BASELINE_TOLERANCE {
        return Err(Failure(format!(
            "{what} {f1:.4} is more than {BASELINE_TOLERANCE} below the baseline {base:.4} in {}",
            path.display()
        )));
    }
    eprintln!(
        "baseline ok: {what} {f1:.4} vs {base:.4} ({})",
        path.display()
    );
    Ok(())
}

fn show_doc(
    out: &mut String,
    stripper: &dechaff::Stripper,
    page: &Page,
    mode: Mode,
    as_json: bool,
) -> Result<(), Failure> {
    let stripped = crate::input::strip(stripper, &page.input, mode.into(), None)?;
    let gold = GoldIndex::new(&page.gold);
    let mut scores = Scores::default();
    let body = stripped.body();
    let m = scores.add(&page.gold, &body);
    // (F1, P, R, the metric's name): snippet figures for a snippets page.
    let (f1, p, r, metric) = match &page.snippets {
        Some(s) => {
            let c = s.score(&body);
            (c.f1(), c.precision(), c.recall(), "snippets")
        }
        None => (m.f1(), m.precision(), m.recall(), "aeb"),
    };
    if as_json {
        let mut v = crate::output::to_json(&stripped, Some(&page.id));
        for (p, jp) in stripped
            .paragraphs()
            .zip(v["paragraphs"].as_array_mut().into_iter().flatten())
        {
            jp["gold_share"] = json!(gold_share(&gold, p.text()));
            jp["article"] = json!(page.is_article(&gold, p.text()));
        }
        v[metric] = json!({"precision": p, "recall": r, "f1": f1});
        w!(out, "{v}");
        return Ok(());
    }
    w!(
        out,
        "{}  {} F1 {f1:.3}  P {p:.3}  R {r:.3}  language {}",
        page.id,
        if metric == "aeb" { "AEB" } else { "snippet" },
        stripped.language().unwrap_or("?")
    );
    w!(
        out,
        "legend: +keep/-cut, G in gold / . not; ! marks a wrong decision"
    );
    for (i, p) in stripped.paragraphs().enumerate() {
        let in_gold = page.is_article(&gold, p.text());
        let wrong = if p.kept != in_gold { "!" } else { " " };
        let rules: Vec<String> = p
            .hits()
            .map(|h| format!("{}{:+}", h.rule.name, h.rule.weight))
            .collect();
        w!(
            out,
            "{wrong}{}{} #{i:<3} {:+5.1} {:<5} {:<24} {}| {}",
            if p.kept { '+' } else { '-' },
            if in_gold { 'G' } else { '.' },
            p.score,
            p.class.name(),
            if p.reason == dechaff::Reason::Score {
                ""
            } else {
                p.reason.describe()
            },
            crate::output::tag(&p),
            preview(p.text(), 90)
        );
        if !rules.is_empty() {
            w!(out, "          {}", rules.join(" "));
        }
    }
    Ok(())
}
