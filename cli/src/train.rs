//! `dechaff train-promo`: trains the learned promo scorer (a logistic
//! regression over hashed word uni- and bigrams, and a second over those
//! and char 4-grams) on the promo set's
//! paragraphs against article paragraphs (the look-alikes, and the gold
//! paragraphs of development sets), and writes the model file the crate
//! compiles in. `--cv` instead reports how it does on what it was not
//! trained on: whole kinds, or whole languages, held out.
//!
//! Training is deterministic: the same data gives the same file.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use dechaff::promo_training::{BUCKET_BITS, grams, logistic, model_file, two_stage_probability};

use crate::Failure;
use crate::promo::{Insert, load_inserts, load_labelled};
use crate::snippets::{Snippets, normalize};

#[derive(Args, Debug)]
pub struct TrainArgs {
    /// The promo set `eval --promo` measures: `*.jsonl` of promo
    /// paragraphs and look-alikes.
    #[arg(long, value_name = "DIR", default_value = "quality/promo/paragraphs")]
    promo: PathBuf,
    /// More paragraphs for training only, never measured: promo,
    /// look-alikes and articles (`*.jsonl`), so that the promo set can be
    /// held out whole (`--exclude set=eval`) (repeatable; by default
    /// `quality/promo/train` and the [`RETIRED_HOLDOUTS`]).
    #[arg(long, value_name = "DIR")]
    train: Vec<PathBuf>,
    /// Article paragraphs written for training: `*.jsonl`, label `article`.
    #[arg(long, value_name = "DIR", default_value = "quality/promo/articles")]
    prose: PathBuf,
    /// A dataset whose gold paragraphs are article text too; in a snippets
    /// dataset, the text blocks that hold a `with` snippet (repeatable).
    #[arg(long = "articles", value_name = "DATASET")]
    articles: Vec<PathBuf>,
    /// Train the news scorer: promotion against the look-alikes alone
    /// (news about apps, prices, sponsors, scams), without article
    /// paragraphs; `--prose` and `--articles` are not read. The built-in
    /// news scorer, `src/measure/promo_news.model`, is trained so.
    #[arg(long)]
    news: bool,
    /// Where to write the model (default: only report).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Leave out the promo paragraphs and look-alikes of a kind
    /// (`kind=coupon`), everything in a language (`lang=de`), the tenth
    /// of the promo set that `eval --promo` numbers fold N (`fold=3`), or
    /// the whole promo set (`set=eval`): a model to measure the whole
    /// engine on what it was not trained on (repeatable).
    #[arg(long, value_name = "KEY=VALUE")]
    exclude: Vec<String>,
    /// Report held-out figures instead of training on everything.
    #[arg(long, value_enum)]
    cv: Option<Holdout>,
    /// Passes over the data.
    #[arg(long, default_value_t = 12)]
    epochs: usize,
    /// L2 regularisation strength.
    #[arg(long, default_value_t = 3e-4)]
    l2: f32,
    /// How far each (language, class) is weighed alike: a paragraph weighs
    /// `1 / n^balance` for the `n` paragraphs of its language and class
    /// (0: all paragraphs alike; 1: every language and class alike).
    #[arg(long, default_value_t = 0.5)]
    balance: f32,
    /// AdaGrad learning rate.
    #[arg(long, default_value_t = 0.3)]
    rate: f32,
}

/// What `--cv` holds out, one group at a time.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Holdout {
    /// Each promo kind (with the look-alikes of that kind).
    Kind,
    /// Each language of the promo set.
    Lang,
    /// A tenth of the paragraphs at a time, of every kind and language:
    /// new wording of kinds and languages the model knows.
    Row,
}

/// One training paragraph.
struct Example {
    /// Its word grams' buckets.
    buckets: Vec<u32>,
    /// Its char grams' buckets.
    chars: Vec<u32>,
    promo: bool,
    /// The promo kind (or the kind a look-alike resembles); `article` for
    /// gold paragraphs.
    kind: String,
    lang: String,
    /// Its fold (for `--cv`): the promo set's tenth, or the gold
    /// paragraphs' fold; none for training-only promo and look-alikes,
    /// which `--cv row` never holds out.
    fold: Option<usize>,
    /// From the promo set `eval --promo` measures.
    in_eval: bool,
}

/// Held-out promo batches now trained on: `holdout` to `holdout17`
/// (12,030 paragraphs); `holdout18` and the newer batches stay held out.
/// Trained on them (session 41), the scorer found 1% more of the newest
/// batches' promotion at an unchanged look-alike retention, once
/// `promo_model_sure` asked 0.7 instead of 0.6 (quality/promo/README.md).
const RETIRED_HOLDOUTS: &[&str] = &[
    "quality/promo/holdout",
    "quality/promo/holdout2",
    "quality/promo/holdout3",
    "quality/promo/holdout4",
    "quality/promo/holdout5",
    "quality/promo/holdout6",
    "quality/promo/holdout7",
    "quality/promo/holdout8",
    "quality/promo/holdout9",
    "quality/promo/holdout10",
    "quality/promo/holdout11",
    "quality/promo/holdout12",
    "quality/promo/holdout13",
    "quality/promo/holdout14",
    "quality/promo/holdout15",
    "quality/promo/holdout16",
    "quality/promo/holdout17",
];

/// The fewest examples a (language, class) is weighed as.
const MIN_CELL: f32 = 50.0;

/// Gold paragraphs are split in this many folds for `--cv`.
const GOLD_FOLDS: usize = 10;

/// The operating points `--cv` reports: the probability above which the
/// rules treat a paragraph as promo.
const THRESHOLDS: [f32; 5] = [0.2, 0.3, 0.4, 0.5, 0.7];

pub fn run(args: &TrainArgs) -> Result<(), Failure> {
    let mut examples = load(args)?;
    for rule in &args.exclude {
        let left_out = |e: &Example| match rule.split_once('=') {
            Some(("kind", k)) => e.kind == k,
            Some(("lang", l)) => e.lang == l,
            Some(("fold", f)) => e.in_eval && e.fold.is_some_and(|n| n.to_string() == f),
            Some(("set", "eval")) => e.in_eval,
            _ => false,
        };
        if !matches!(
            rule.split_once('='),
            Some(("kind" | "lang" | "fold", _) | ("set", "eval"))
        ) {
            return Err(Failure(format!(
                "--exclude takes kind=K, lang=L, fold=N or set=eval, not {rule:?}"
            )));
        }
        examples.retain(|e| !left_out(e));
    }
    let mut out = String::new();
    let (promo, other) = examples.iter().partition::<Vec<&Example>, _>(|e| e.promo);
    let _ = writeln!(
        out,
        "examples: {} promo, {} article paragraphs (look-alikes and gold)",
        promo.len(),
        other.len()
    );
    match args.cv {
        Some(holdout) => cross_validate(args, &examples, holdout, &mut out),
        None => {
            let model = train(args, &examples.iter().collect::<Vec<_>>());
            let report = evaluate(&model, &examples.iter().collect::<Vec<_>>());
            let _ = writeln!(out, "on its own training data: {report}");
            if let Some(path) = &args.out {
                let bytes = model_file(
                    (model.words.bias, &model.words.weights),
                    (model.chars.bias, &model.chars.weights),
                );
                std::fs::write(path, &bytes)
                    .map_err(|e| Failure(format!("cannot write {}: {e}", path.display())))?;
                let _ = writeln!(out, "wrote {} ({} bytes)", path.display(), bytes.len());
            }
        }
    }
    crate::emit(&out)
}

fn load(args: &TrainArgs) -> Result<Vec<Example>, Failure> {
    let mut examples: Vec<Example> = load_inserts(&args.promo)?
        .iter()
        .enumerate()
        .map(|(n, i): (usize, &Insert)| {
            let (buckets, chars) = training_grams(&i.text);
            Example {
                buckets,
                chars,
                promo: i.is_promo(),
                kind: i.kind.clone(),
                lang: i.lang.clone(),
                // Sorted by id, neighbours share a kind and language: every
                // tenth one makes a fold of them all.
                fold: Some(n % crate::promo::FOLDS),
                in_eval: true,
            }
        })
        .collect();
    let mut gold_count = 0;
    let defaults: Vec<PathBuf>;
    let dirs = if args.train.is_empty() {
        defaults = std::iter::once("quality/promo/train")
            .chain(RETIRED_HOLDOUTS.iter().copied())
            .map(PathBuf::from)
            .collect();
        &defaults
    } else {
        &args.train
    };
    let mut train = Vec::new();
    for dir in dirs {
        train.extend(load_labelled(dir, &["promo", "lookalike", "article"])?);
    }
    // By id, and a stable sort: the same folders in the same order give the
    // same model. Batches reuse ids (96 of `train/` are in `holdout2`), and
    // those keep the folders' order, so `--train` given in another order
    // gives another model. Ordering the ties by text too gave one that
    // differed in variance only, and lost a paragraph of a readability page
    // held out (0.9338 -> 0.9307): the shipped order was kept.
    train.sort_by(|a, b| a.id.cmp(&b.id));
    let prose = if args.news {
        Vec::new()
    } else {
        load_labelled(&args.prose, &["article"])?
    };
    for p in prose
        .into_iter()
        .chain(train)
        .filter(|p| !(args.news && p.label == "article"))
    {
        let article = p.label == "article";
        let fold = article.then_some(gold_count % GOLD_FOLDS);
        gold_count += article as usize;
        let (buckets, chars) = training_grams(&p.text);
        examples.push(Example {
            buckets,
            chars,
            promo: p.is_promo(),
            kind: if article { "article".into() } else { p.kind },
            lang: p.lang,
            fold,
            in_eval: false,
        });
    }
    let datasets: &[PathBuf] = if args.news { &[] } else { &args.articles };
    for dataset in datasets {
        for (id, lang) in crate::eval::manifest(dataset)? {
            for line in article_paragraphs(dataset, &id)? {
                let (buckets, chars) = training_grams(&line);
                examples.push(Example {
                    buckets,
                    chars,
                    promo: false,
                    kind: "article".into(),
                    lang: lang.clone(),
                    fold: Some(gold_count % GOLD_FOLDS),
                    in_eval: false,
                });
                gold_count += 1;
            }
        }
    }
    Ok(examples)
}

/// `text` without the word `example` where it is part of a domain name
/// (`sales@example.com`, `shop.example`). The written paragraphs invent
/// their addresses under the reserved names (RFC 2606), the promo ones
/// hundreds of times and the articles almost never, so the scorer learned
/// `example` as promotion: real pages never use those names, and English
/// prose saying "for example" paid for it.
fn without_reserved_domains(text: &str) -> String {
    const WORD: &str = "example";
    // ASCII lowercasing keeps every byte where it was.
    let lower = text.to_ascii_lowercase();
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (at, _) in lower.match_indices(WORD) {
        let end = at + WORD.len();
        let dot_before = at > 0 && matches!(bytes[at - 1], b'.' | b'@');
        let dot_after = bytes.get(end) == Some(&b'.')
            && bytes.get(end + 1).is_some_and(u8::is_ascii_alphanumeric);
        if dot_before || dot_after {
            out.push_str(&text[last..at]);
            last = end;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// The hashed word grams and char grams a training paragraph gives the
/// scorer.
fn training_grams(text: &str) -> (Vec<u32>, Vec<u32>) {
    grams(&without_reserved_domains(text))
}

/// The article paragraphs of a page of a development set: its gold's
/// lines, or, in a snippets dataset (no gold), the blocks of its text
/// rendering that hold a `with` snippet, whole. A snippet is a fragment
/// chosen to test extraction; the block around it is the paragraph of real
/// prose a page shows, and the paragraphs the scorer reads. A snippet that
/// no block holds counts on its own.
fn article_paragraphs(dataset: &Path, id: &str) -> Result<Vec<String>, Failure> {
    let read = |path: PathBuf| {
        std::fs::read_to_string(&path)
            .map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))
    };
    let gold = dataset.join("gold").join(format!("{id}.txt"));
    if gold.exists() || !dataset.join("snippets").is_dir() {
        let gold = read(gold)?;
        let lines = gold.lines().map(str::trim).filter(|l| !l.is_empty());
        return Ok(lines.map(str::to_string).collect());
    }
    let snippets = Snippets::load(dataset, id)?;
    let text = read(dataset.join("text").join(format!("{id}.txt")))?;
    Ok(snippet_paragraphs(&snippets, &text))
}

/// The blocks of `text` (separated by blank lines) that hold a `with`
/// snippet, each once and whitespace-normalised, and the snippets no block
/// holds.
fn snippet_paragraphs(snippets: &Snippets, text: &str) -> Vec<String> {
    let mut blocks: Vec<String> = vec![String::new()];
    for line in text.lines() {
        if line.trim().is_empty() {
            blocks.push(String::new());
        } else if let Some(block) = blocks.last_mut() {
            block.push(' ');
            block.push_str(line);
        }
    }
    let blocks: Vec<String> = blocks
        .iter()
        .map(|b| normalize(b))
        .filter(|b| !b.is_empty())
        .collect();
    let mut out: Vec<String> = Vec::new();
    for snippet in &snippets.with {
        let paragraph = blocks
            .iter()
            .find(|b| b.contains(snippet.as_str()))
            .unwrap_or(snippet);
        if !out.contains(paragraph) {
            out.push(paragraph.clone());
        }
    }
    out
}

/// One table of weights and its bias.
struct Table {
    bias: f32,
    weights: Vec<f32>,
}

impl Table {
    fn probability(&self, buckets: &[u32]) -> f32 {
        let sum: f32 = buckets.iter().map(|&b| self.weights[b as usize]).sum();
        logistic(self.bias, sum, buckets.len() as u32)
    }
}

/// The two tables the engine scores with: word grams first, then word
/// and char grams for what the first finds likely promotional.
struct Model {
    words: Table,
    chars: Table,
}

impl Model {
    fn probability(&self, e: &Example) -> f32 {
        two_stage_probability(
            (self.words.bias, &self.words.weights),
            (self.chars.bias, &self.chars.weights),
            &e.buckets,
            &e.chars,
        )
    }
}

/// Both tables, each trained on all `examples` (the second on the char
/// grams too, and on every paragraph, not only those the first finds
/// likely).
fn train(args: &TrainArgs, examples: &[&Example]) -> Model {
    let words: Vec<&[u32]> = examples.iter().map(|e| e.buckets.as_slice()).collect();
    let both: Vec<Vec<u32>> = examples
        .iter()
        .map(|e| e.buckets.iter().chain(&e.chars).copied().collect())
        .collect();
    let both: Vec<&[u32]> = both.iter().map(Vec::as_slice).collect();
    Model {
        words: train_table(args, examples, &words),
        chars: train_table(args, examples, &both),
    }
}

/// Logistic regression by AdaGrad over `examples` (read as `grams`, one
/// list each), the two classes weighed equally; a paragraph's grams count
/// `1/sqrt(n)` each, as the engine sums them.
fn train_table(args: &TrainArgs, examples: &[&Example], grams: &[&[u32]]) -> Table {
    let size = 1usize << BUCKET_BITS;
    let mut model = Table {
        bias: 0.0,
        weights: vec![0.0; size],
    };
    let mut squares = vec![1e-6f32; size];
    let mut bias_squares = 1e-6f32;
    // Every (language, class) weighs the same in all: a language with few
    // article paragraphs must not teach the model that its words are promo.
    let mut cells: BTreeMap<(&str, bool), f32> = BTreeMap::new();
    for e in examples {
        *cells.entry((e.lang.as_str(), e.promo)).or_default() += 1.0;
    }
    // A cell of a few paragraphs (a page in Czech) counts as a small one.
    let raw = |e: &Example| {
        cells[&(e.lang.as_str(), e.promo)]
            .max(MIN_CELL)
            .powf(-args.balance)
    };
    // Normalised so that the mean weight is 1, with the classes equal.
    let class_total = |promo: bool| {
        examples
            .iter()
            .filter(|e| e.promo == promo)
            .map(|e| raw(e))
            .sum::<f32>()
    };
    let (pos, neg) = (class_total(true).max(1e-9), class_total(false).max(1e-9));
    let total = examples.len() as f32;
    // Computed once, not per example and epoch.
    let weights: Vec<f32> = examples
        .iter()
        .map(|e| raw(e) * total / (2.0 * if e.promo { pos } else { neg }))
        .collect();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = 0x2545_F491_4F6C_DD1Du64;
    for _ in 0..args.epochs {
        // Fisher–Yates with a fixed xorshift: the same order every run.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &i in &order {
            let (e, buckets) = (examples[i], grams[i]);
            if buckets.is_empty() {
                continue;
            }
            let p = model.probability(buckets);
            let y = if e.promo { 1.0 } else { 0.0 };
            let g = (p - y) * weights[i];
            let scale = 1.0 / (buckets.len() as f32).sqrt();
            for &b in buckets {
                let b = b as usize;
                let grad = g * scale + args.l2 * model.weights[b];
                squares[b] += grad * grad;
                model.weights[b] -= args.rate * grad / squares[b].sqrt();
            }
            bias_squares += g * g;
            model.bias -= args.rate * g / bias_squares.sqrt();
        }
    }
    model
}

/// Promo recall and article retention at each of [`THRESHOLDS`].
fn evaluate(model: &Model, examples: &[&Example]) -> String {
    let probabilities: Vec<(f32, &Example)> = examples
        .iter()
        .map(|e| (model.probability(e), *e))
        .collect();
    let mut out = String::new();
    for t in THRESHOLDS {
        let rate = |keep: &dyn Fn(&Example) -> bool, hit: &dyn Fn(f32) -> bool| {
            let chosen: Vec<f32> = probabilities
                .iter()
                .filter(|(_, e)| keep(e))
                .map(|&(p, _)| p)
                .collect();
            let hits = chosen.iter().filter(|&&p| hit(p)).count();
            (hits as f64 / chosen.len().max(1) as f64, chosen.len())
        };
        let (recall, n) = rate(&|e| e.promo, &|p| p >= t);
        let (lookalikes, m) = rate(&|e| !e.promo && e.kind != "article", &|p| p < t);
        let (articles, k) = rate(&|e| e.kind == "article", &|p| p < t);
        let _ = write!(
            out,
            "\n  at {t:.2}: promo recall {recall:.3} ({n})  look-alikes kept {lookalikes:.3} ({m})  gold kept {articles:.4} ({k})"
        );
    }
    out
}

/// Trains once per held-out group and reports each group's figures, and
/// the pooled ones.
fn cross_validate(args: &TrainArgs, examples: &[Example], holdout: Holdout, out: &mut String) {
    let group = |e: &Example| match holdout {
        Holdout::Kind => e.kind.clone(),
        Holdout::Lang => e.lang.clone(),
        Holdout::Row => e.fold.map_or(String::new(), |f| f.to_string()),
    };
    let groups: Vec<String> = examples
        .iter()
        .filter(|e| e.kind != "article" && (holdout != Holdout::Row || e.in_eval))
        .map(group)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut pooled: Vec<(f32, &Example)> = Vec::new();
    let mut by_group: BTreeMap<String, String> = BTreeMap::new();
    for (g, name) in groups.iter().enumerate() {
        // Held out: the group's promo paragraphs and look-alikes, and one
        // fold of the gold paragraphs (all languages: a language's pages
        // are few, or most of them).
        let held = |e: &Example| {
            if e.kind == "article" {
                e.fold == Some(g % GOLD_FOLDS)
            } else {
                &group(e) == name
            }
        };
        let train_set: Vec<&Example> = examples.iter().filter(|e| !held(e)).collect();
        let test_set: Vec<&Example> = examples.iter().filter(|e| held(e)).collect();
        let model = train(args, &train_set);
        by_group.insert(name.clone(), evaluate(&model, &test_set));
        pooled.extend(
            test_set
                .iter()
                .filter(|e| e.kind != "article")
                .map(|e| (model.probability(e), *e)),
        );
    }
    let _ = writeln!(out, "held out by {holdout:?}, one group at a time:");
    for (name, report) in &by_group {
        let _ = writeln!(out, "{name}:{report}");
    }
    let _ = writeln!(
        out,
        "pooled over the held-out groups (promo and look-alikes):"
    );
    for t in THRESHOLDS {
        let promo: Vec<f32> = pooled
            .iter()
            .filter(|(_, e)| e.promo)
            .map(|&(p, _)| p)
            .collect();
        let looks: Vec<f32> = pooled
            .iter()
            .filter(|(_, e)| !e.promo)
            .map(|&(p, _)| p)
            .collect();
        let recall = promo.iter().filter(|&&p| p >= t).count() as f64 / promo.len().max(1) as f64;
        let kept = looks.iter().filter(|&&p| p < t).count() as f64 / looks.len().max(1) as f64;
        let _ = writeln!(
            out,
            "  at {t:.2}: promo recall {recall:.3}  look-alikes kept {kept:.3}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_domain_names_are_not_read() {
        assert_eq!(
            without_reserved_domains(
                "Mail sales@Example.com or visit deals.example today, for example."
            ),
            "Mail sales@.com or visit deals. today, for example."
        );
        assert_eq!(without_reserved_domains("ünïcode.example"), "ünïcode.");
    }

    #[test]
    fn a_snippets_page_gives_the_blocks_that_hold_its_snippets() {
        let snippets = Snippets {
            with: vec![
                "approved the budget".into(),
                "reopen  the library".into(),
                "not on the page".into(),
            ]
            .into_iter()
            .map(|s: String| normalize(&s))
            .collect(),
            without: vec![normalize("Home")],
        };
        let text = "Home | News\n\nThe council approved the budget\non Tuesday, and will reopen the library.\n\n\
            More from the council\n  \nShare this";
        assert_eq!(
            snippet_paragraphs(&snippets, text),
            [
                "The council approved the budget on Tuesday, and will reopen the library.",
                "not on the page"
            ]
        );
    }
}
