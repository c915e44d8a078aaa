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
use crate::{EngineArgs, Failure, Format};

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// Dataset folder: manifest.jsonl, text/<id>.txt, html/<id>.html, gold/<id>.txt.
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
    /// Fail (exit 1) when AEB F1 is more than 0.005 below the value in FILE.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
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
    gold: String,
}

fn load(dataset: &Path, mode: Mode) -> Result<Vec<Page>, Failure> {
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
        let input_path = match mode {
            Mode::Text => dataset.join("text").join(format!("{id}.txt")),
            Mode::Html => dataset.join("html").join(format!("{id}.html")),
        };
        let read = |p: &Path| {
            std::fs::read(p).map_err(|e| Failure(format!("cannot read {}: {e}", p.display())))
        };
        let input = read(&input_path)?;
        let gold = String::from_utf8_lossy(&read(&dataset.join("gold").join(format!("{id}.txt")))?)
            .into_owned();
        pages.push(Page { id, input, gold });
    }
    Ok(pages)
}

pub fn run(args: &EvalArgs) -> Result<(), Failure> {
    let stripper = args.engine.build()?;
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
    let mut per_page: Vec<(f64, f64, f64, &str)> = Vec::new();
    // Lazily built tables (stoplists, char classes) are built here, not
    // inside the first timed page.
    if let Some(first) = pages.first() {
        let _ = crate::input::strip(&stripper, &first.input, args.mode.into(), None)?.body();
    }
    let mut elapsed = Duration::ZERO;
    let mut bytes = 0usize;
    // rule name → (fired on gold paragraphs, fired on other paragraphs, weight)
    let mut stats: BTreeMap<String, (u32, u32, f64)> = BTreeMap::new();
    for page in &pages {
        let start = Instant::now();
        let stripped = crate::input::strip(&stripper, &page.input, args.mode.into(), None)?;
        let body = stripped.body();
        elapsed += start.elapsed();
        bytes += page.input.len();
        let m = scores.add(&page.gold, &body);
        per_page.push((m.f1(), m.precision(), m.recall(), &page.id));
        if args.rule_stats {
            let gold = GoldIndex::new(&page.gold);
            for p in stripped.paragraphs() {
                let in_gold = gold_share(&gold, p.text()) >= IN_GOLD;
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
    per_page.sort_by(|a, b| a.0.total_cmp(&b.0));
    if args.json {
        let worst: Vec<_> = per_page
            .iter()
            .take(args.worst)
            .map(|(f, p, r, id)| json!({"id": id, "f1": f, "precision": p, "recall": r}))
            .collect();
        let v = json!({
            "pages": pages.len(),
            "aeb": {"precision": scores.precision(), "recall": scores.recall(), "f1": scores.f1()},
            "tokens_micro": {"precision": tp, "recall": tr, "f1": tf},
            "pages_per_second": pages.len() as f64 / secs,
            "mb_per_second": bytes as f64 / 1e6 / secs,
            "worst": worst,
        });
        w!(out, "{v}");
    } else {
        w!(out, "pages           {}", pages.len());
        w!(
            out,
            "AEB             P {:.4}  R {:.4}  F1 {:.4}",
            scores.precision(),
            scores.recall(),
            scores.f1()
        );
        w!(out, "tokens (micro)  P {tp:.4}  R {tr:.4}  F1 {tf:.4}");
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
        check_baseline(path, scores.f1())?;
    }
    Ok(())
}

fn check_baseline(path: &Path, f1: f64) -> Result<(), Failure> {
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
            "AEB F1 {f1:.4} is more than {BASELINE_TOLERANCE} below the baseline {base:.4} in {}",
            path.display()
        )));
    }
    eprintln!("baseline ok: F1 {f1:.4} vs {base:.4} ({})", path.display());
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
    let m = scores.add(&page.gold, &stripped.body());
    if as_json {
        let mut v = crate::output::to_json(&stripped, Some(&page.id));
        for (p, jp) in stripped
            .paragraphs()
            .zip(v["paragraphs"].as_array_mut().into_iter().flatten())
        {
            jp["gold_share"] = json!(gold_share(&gold, p.text()));
        }
        v["aeb"] = json!({"precision": m.precision(), "recall": m.recall(), "f1": m.f1()});
        w!(out, "{v}");
        return Ok(());
    }
    w!(
        out,
        "{}  F1 {:.3}  P {:.3}  R {:.3}  language {}",
        page.id,
        m.f1(),
        m.precision(),
        m.recall(),
        stripped.language().unwrap_or("?")
    );
    w!(
        out,
        "legend: +keep/-cut, G in gold / . not; ! marks a wrong decision"
    );
    for (i, p) in stripped.paragraphs().enumerate() {
        let share = gold_share(&gold, p.text());
        let in_gold = share >= IN_GOLD;
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
