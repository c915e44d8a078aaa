//! The `dechaff` command: strip files or stdin, clean a corpus, evaluate on
//! a labelled dataset, check a rule file. The library does the work; this is glue.
//!
//! Exit codes: 0 success, 1 an I/O or rule error (one-line message on
//! stderr), 2 a usage error. A closed output pipe ends the run quietly with 0.

mod batch;
mod corpus;
mod eval;
mod input;
mod metric;
mod output;
mod promo;
mod report;
mod snippets;
mod train;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use dechaff::{Preset, Stripper};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Cut boilerplate and promotional spam from scraped pages; print the article body.
#[derive(Parser, Debug)]
#[command(name = "dechaff", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    strip: StripArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Measure quality on a labelled dataset (manifest.jsonl, text/, html/, gold/).
    Eval(eval::EvalArgs),
    /// Clean a corpus: JSONL or WARC/WET in (plain, gzip, zstd), JSONL out, all cores.
    Corpus(corpus::CorpusArgs),
    /// Train the learned promo scorer on the promo set and article paragraphs.
    TrainPromo(train::TrainArgs),
    /// Write a visual report of one page (text or HTML): a self-contained
    /// HTML page showing every paragraph, kept or cut, and why.
    Report(ReportArgs),
    /// Check a rule file: syntax, regexes, and every fires/ignores example.
    CheckRules {
        /// Rule files to check (each on top of the built-in rules).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Args, Debug)]
struct ReportArgs {
    /// The page; standard input when none.
    file: Option<PathBuf>,
    /// Input format.
    #[arg(long, value_enum, default_value_t = Format::Auto)]
    format: Format,
    /// Write the report here instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    #[command(flatten)]
    engine: EngineArgs,
}

/// `dechaff report FILE`: the page's report as HTML.
fn report(args: &ReportArgs) -> Result<(), Failure> {
    let stripper = args.engine.build()?;
    let name = args
        .file
        .as_ref()
        .map_or("<stdin>".to_string(), |p| p.display().to_string());
    let bytes = input::read(args.file.as_deref(), args.engine.max_bytes)
        .map_err(|e| Failure(format!("{name}: {e}")))?;
    let stripped = input::strip(&stripper, &bytes, args.format, Some(&name))
        .map_err(|e| Failure(format!("{name}: {e}")))?;
    let html = report::PageReport {
        name: &name,
        stripped: &stripped,
        truth: None,
        figures: None,
        back: None,
    }
    .render();
    match &args.out {
        Some(path) => output::write_atomically(path, html.as_bytes())
            .map_err(|e| Failure(format!("cannot write {}: {e}", path.display()))),
        None => emit(&html),
    }
}

/// Options shared by stripping and evaluation.
#[derive(Args, Debug, Clone)]
struct EngineArgs {
    /// A rule file that adds to or overrides the built-in rules (repeatable).
    #[arg(long = "rules", value_name = "FILE")]
    rules: Vec<PathBuf>,
    /// How eagerly to cut.
    #[arg(long, value_enum, default_value_t = PresetArg::Balanced)]
    preset: PresetArg,
    /// Score a paragraph needs to stand as prose on its own (overrides --preset).
    #[arg(long, allow_negative_numbers = true)]
    threshold: Option<f64>,
    /// Documents larger than this many bytes are refused with a message
    /// (corpus mode: passed through with an error field).
    #[arg(long, default_value_t = dechaff::DEFAULT_MAX_BYTES)]
    max_bytes: usize,
    /// Documents with more paragraphs (HTML blocks) than this are refused likewise.
    #[arg(long, default_value_t = dechaff::DEFAULT_MAX_PARAGRAPHS)]
    max_paragraphs: usize,
    /// A promo model written by `dechaff train-promo`, instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    promo_model: Option<PathBuf>,
}

impl EngineArgs {
    fn build(&self) -> Result<Stripper, dechaff::Error> {
        let mut b = Stripper::builder();
        b.preset(self.preset.into());
        for r in &self.rules {
            b.rules_file(r);
        }
        if let Some(t) = self.threshold {
            b.threshold(t);
        }
        b.max_bytes(self.max_bytes);
        b.max_paragraphs(self.max_paragraphs);
        if let Some(path) = &self.promo_model {
            b.promo_model_file(path);
        }
        b.build()
    }
}

#[derive(Args, Debug)]
struct StripArgs {
    /// Input files; standard input when none.
    files: Vec<PathBuf>,
    /// Print every paragraph with its verdict, score, rules and reason.
    #[arg(long, conflicts_with = "json")]
    explain: bool,
    /// Print the structured result as JSON (one object per input, one per line).
    #[arg(long)]
    json: bool,
    /// Input format.
    #[arg(long, value_enum, default_value_t = Format::Auto)]
    format: Format,
    /// HTML: print the article's headline (and a blank line) before the
    /// body: the <h1> that heads the kept text, else og:title, else the
    /// <title> without the site's name.
    #[arg(long)]
    title: bool,
    /// Print the body as Markdown: headings, list items, quotes, code
    /// blocks and tables as the page had them (with --title, the headline
    /// as a "# " heading).
    #[arg(long, conflicts_with_all = ["json", "explain"])]
    markdown: bool,
    /// Write DIR/NAME.txt for each input instead of printing: NAME is the
    /// input's file name without its extension (and .gz or .zst). Two inputs
    /// that would write the same file, or an output onto an input, are an
    /// error before anything is written.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    #[command(flatten)]
    engine: EngineArgs,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// Text, unless the input looks like HTML.
    Auto,
    /// Plain text: paragraphs separated by blank lines, or one per line.
    Text,
    /// Raw HTML.
    Html,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum PresetArg {
    Precision,
    Balanced,
    Recall,
}

impl From<PresetArg> for Preset {
    fn from(p: PresetArg) -> Preset {
        match p {
            PresetArg::Precision => Preset::Precision,
            PresetArg::Balanced => Preset::Balanced,
            PresetArg::Recall => Preset::Recall,
        }
    }
}

/// A failure that ends the run with exit code 1.
#[derive(Debug)]
struct Failure(String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Eval(args)) => eval::run(&args),
        Some(Command::Corpus(args)) => corpus::run(&args),
        Some(Command::TrainPromo(args)) => train::run(&args),
        Some(Command::Report(args)) => report(&args),
        Some(Command::CheckRules { files }) => check_rules(&files),
        None => strip(&cli.strip),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(msg)) if msg == BROKEN_PIPE => ExitCode::SUCCESS,
        Err(Failure(msg)) => {
            eprintln!("dechaff: {msg}");
            ExitCode::from(1)
        }
    }
}

const BROKEN_PIPE: &str = "\0broken pipe";

/// Maps a closed output pipe to a quiet end, any other write error to a message.
fn write_error(e: io::Error) -> Failure {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Failure(BROKEN_PIPE.into())
    } else {
        Failure(format!("cannot write output: {e}"))
    }
}

/// Writes `text` to stdout; a closed pipe ends the run quietly.
fn emit(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes()).map_err(write_error)?;
    out.flush().map_err(write_error)
}

fn strip(args: &StripArgs) -> Result<(), Failure> {
    let stripper = args.engine.build()?;
    let inputs: Vec<Option<PathBuf>> = if args.files.is_empty() {
        vec![None]
    } else {
        args.files.iter().cloned().map(Some).collect()
    };
    // Every output name is known, and checked, before anything is written.
    let targets = match &args.out_dir {
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .map_err(|e| Failure(format!("cannot create {}: {e}", dir.display())))?;
            batch::targets(dir, &args.files).map_err(Failure)?
        }
        None => Vec::new(),
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    for (i, path) in inputs.iter().enumerate() {
        match strip_one(args, &stripper, path.as_deref(), targets.get(i), &mut out) {
            Ok(()) => {}
            // A per-file error is reported and the batch goes on.
            Err(Step::Skip(name, e)) => {
                eprintln!("dechaff: {name}: {e}");
                failed += 1;
            }
            Err(Step::Stop(failure)) => return Err(failure),
        }
    }
    out.flush().map_err(write_error)?;
    if failed > 0 {
        return Err(Failure(format!(
            "{failed} of {} inputs failed",
            inputs.len()
        )));
    }
    Ok(())
}

/// Why [`strip_one`] stopped: a problem with one input (reported, and the
/// batch goes on), or one that ends the run (output cannot be written).
enum Step {
    Skip(String, String),
    Stop(Failure),
}

impl From<Failure> for Step {
    fn from(f: Failure) -> Step {
        Step::Stop(f)
    }
}

/// Strips one input (`None`: stdin) to `target`, or else to `out`.
fn strip_one(
    args: &StripArgs,
    stripper: &Stripper,
    path: Option<&std::path::Path>,
    target: Option<&PathBuf>,
    out: &mut impl Write,
) -> Result<(), Step> {
    let name = path.map_or("<stdin>".to_string(), |p| p.display().to_string());
    let skip = |e: String| Step::Skip(name.clone(), e);
    let bytes = input::read(path, args.engine.max_bytes).map_err(skip)?;
    let stripped = input::strip(stripper, &bytes, args.format, Some(&name))
        .map_err(|e| skip(e.to_string()))?;
    let text = || match (args.markdown, args.title) {
        (true, title) => stripped.markdown(title),
        (false, true) => stripped.body_with_title(),
        (false, false) => stripped.body(),
    };
    if let Some(target) = target {
        output::write_atomically(target, text().as_bytes())
            .map_err(|e| Failure(format!("cannot write {}: {e}", target.display())))?;
        return Ok(());
    }
    if args.title && args.explain {
        if let Some(t) = stripped.title() {
            writeln!(out, "{t}\n").map_err(write_error)?;
        }
    }
    let written = if args.json {
        output::json(out, &stripped, path.is_some().then_some(name.as_str()))
    } else if args.explain {
        output::explain(out, &stripped)
    } else {
        let text = text();
        if text.is_empty() {
            Ok(())
        } else {
            writeln!(out, "{text}")
        }
    };
    Ok(written.map_err(write_error)?)
}

fn check_rules(files: &[PathBuf]) -> Result<(), Failure> {
    for f in files {
        let stripper = Stripper::builder().rules_file(f).build()?;
        let own: Vec<&dechaff::Rule> = stripper
            .rules()
            .iter()
            .filter(|r| r.file == f.display().to_string())
            .collect();
        println!("{}: {} rules, all examples hold", f.display(), own.len());
        for r in own.iter().filter(|r| r.scans_every_paragraph()) {
            println!(
                "{}:{}: rule {}: a regex has no literal that every match holds; it runs on \
                 every paragraph where the rule's conditions hold (slow)",
                f.display(),
                r.line,
                r.name
            );
        }
        for r in own.iter().filter(|r| r.scans_inside_words()) {
            println!(
                "{}:{}: rule {}: a literal its regex needs may start inside a word (no \\b, ^ or \
                 non-word char before it); a small automaton reads every paragraph for it \
                 (slower; add \\b if a word start is meant)",
                f.display(),
                r.line,
                r.name
            );
        }
    }
    Ok(())
}
