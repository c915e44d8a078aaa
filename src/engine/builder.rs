//! Configuring a [`Stripper`]: rule files, preset or threshold, limits.

use std::path::Path;

use std::sync::Arc;

use super::{Compiled, DEFAULT_MAX_BYTES, DEFAULT_MAX_PARAGRAPHS, Stripper};
use crate::decide::Thresholds;
use crate::error::{Error, ErrorKind};
use crate::measure::PromoModel;
use crate::measure::Stoplists;
use crate::rules::{BUILTIN_RULES, RuleSet, Source};

/// How eagerly paragraphs are cut.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Preset {
    /// Cut more: only clearly good prose stays.
    Precision,
    /// The default trade-off.
    #[default]
    Balanced,
    /// Keep more: borderline paragraphs stay.
    Recall,
}

impl Preset {
    /// The score a paragraph needs to stand as good prose on its own.
    pub fn threshold(self) -> f64 {
        match self {
            Preset::Precision => 3.0,
            Preset::Balanced => 2.0,
            Preset::Recall => 1.0,
        }
    }
}

impl std::str::FromStr for Preset {
    type Err = Error;
    fn from_str(s: &str) -> Result<Preset, Error> {
        match s {
            "precision" => Ok(Preset::Precision),
            "balanced" => Ok(Preset::Balanced),
            "recall" => Ok(Preset::Recall),
            _ => Err(Error::new(ErrorKind::BadSetting(format!(
                "unknown preset {s:?} (precision, balanced or recall)"
            )))),
        }
    }
}

/// Configures and builds a [`Stripper`].
///
/// ```
/// let stripper = dechaff::Stripper::builder()
///     .rules_str("my.rules", "rule no_recipes\n describe Recipe teasers\n weight -6\n phrases get the recipe\n")
///     .preset(dechaff::Preset::Precision)
///     .build()?;
/// # Ok::<(), dechaff::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct StripperBuilder {
    user_rules: Vec<(String, RulesFrom)>,
    threshold: Option<f64>,
    preset: Preset,
    builtin: bool,
    max_bytes: Option<usize>,
    max_paragraphs: Option<usize>,
    promo_model: Option<std::path::PathBuf>,
}

#[derive(Clone, Debug)]
enum RulesFrom {
    Text(String),
    File(std::path::PathBuf),
}

impl StripperBuilder {
    pub(super) fn new() -> StripperBuilder {
        StripperBuilder {
            builtin: true,
            ..StripperBuilder::default()
        }
    }

    /// Adds a rule file read from `path` at build time. Its rules add to the
    /// built-in ones; a rule with a built-in name overrides the keys it sets.
    pub fn rules_file(&mut self, path: impl AsRef<Path>) -> &mut StripperBuilder {
        let path = path.as_ref();
        self.user_rules.push((
            path.display().to_string(),
            RulesFrom::File(path.to_path_buf()),
        ));
        self
    }

    /// Adds rules given as text; `name` identifies them in error messages.
    pub fn rules_str(&mut self, name: &str, rules: &str) -> &mut StripperBuilder {
        self.user_rules
            .push((name.to_string(), RulesFrom::Text(rules.to_string())));
        self
    }

    /// Reads the learned promo scorer (the feature `promo_model`) from a
    /// model file written by `dechaff train-promo`, instead of the built-in
    /// one: for a corpus whose promotion reads differently, or to measure
    /// a model trained without part of the promo set.
    pub fn promo_model_file(&mut self, path: impl AsRef<Path>) -> &mut StripperBuilder {
        self.promo_model = Some(path.as_ref().to_path_buf());
        self
    }

    /// Leaves out the built-in rules: only the added rule files are used.
    pub fn without_builtin_rules(&mut self) -> &mut StripperBuilder {
        self.builtin = false;
        self
    }

    /// Picks a preset (default [`Preset::Balanced`]).
    pub fn preset(&mut self, preset: Preset) -> &mut StripperBuilder {
        self.preset = preset;
        self
    }

    /// Sets the score a paragraph needs to stand as good prose on its own,
    /// overriding the preset. Higher cuts more.
    pub fn threshold(&mut self, threshold: f64) -> &mut StripperBuilder {
        self.threshold = Some(threshold);
        self
    }

    /// Sets the largest document [`Stripper::try_strip`] and
    /// [`Stripper::try_parse_html`] accept (default [`DEFAULT_MAX_BYTES`]).
    pub fn max_bytes(&mut self, max_bytes: usize) -> &mut StripperBuilder {
        self.max_bytes = Some(max_bytes);
        self
    }

    /// Sets the most paragraphs (or HTML blocks) [`Stripper::try_strip`] and
    /// [`Stripper::try_parse_html`] accept (default [`DEFAULT_MAX_PARAGRAPHS`]).
    pub fn max_paragraphs(&mut self, max_paragraphs: usize) -> &mut StripperBuilder {
        self.max_paragraphs = Some(max_paragraphs);
        self
    }

    /// Reads and compiles the rules. Fails on an unreadable or invalid rule
    /// file, or on an example in a user file that contradicts its rule.
    pub fn build(&self) -> Result<Stripper, Error> {
        let threshold = self.threshold.unwrap_or(self.preset.threshold());
        if !threshold.is_finite() {
            return Err(Error::new(ErrorKind::BadSetting(format!(
                "threshold {threshold} is not a finite number"
            ))));
        }
        let mut texts: Vec<(String, String, bool)> = Vec::new();
        if self.builtin {
            texts.push(("builtin.rules".into(), BUILTIN_RULES.into(), true));
        }
        for (name, from) in &self.user_rules {
            let text = match from {
                RulesFrom::Text(t) => t.clone(),
                RulesFrom::File(path) => std::fs::read_to_string(path).map_err(|e| {
                    Error::new(ErrorKind::Io {
                        path: path.clone(),
                        message: e.to_string(),
                    })
                })?,
            };
            texts.push((name.clone(), text, false));
        }
        let sources: Vec<Source<'_>> = texts
            .iter()
            .map(|(name, text, builtin)| Source {
                text,
                name,
                builtin: *builtin,
            })
            .collect();
        let stoplists = Stoplists::builtin();
        let promo_model = match &self.promo_model {
            None => None,
            Some(path) => {
                let bytes = std::fs::read(path).map_err(|e| {
                    Error::new(ErrorKind::Io {
                        path: path.clone(),
                        message: e.to_string(),
                    })
                })?;
                let model = PromoModel::from_bytes(&bytes).ok_or_else(|| {
                    Error::new(ErrorKind::BadSetting(format!(
                        "{} is not a promo model file of this version",
                        path.display()
                    )))
                })?;
                Some(Box::new(model))
            }
        };
        let (rules, checked) = RuleSet::build(&sources, stoplists)?;
        let stripper = Stripper {
            regexes: rules.regexes().clone(),
            compiled: Arc::new(Compiled {
                rules,
                thresholds: Thresholds::around(threshold),
                stoplists,
                promo_model,
                max_bytes: self.max_bytes.unwrap_or(DEFAULT_MAX_BYTES),
                max_paragraphs: self.max_paragraphs.unwrap_or(DEFAULT_MAX_PARAGRAPHS),
            }),
        };
        for rule in checked {
            stripper.check_examples(rule)?;
        }
        Ok(stripper)
    }
}
