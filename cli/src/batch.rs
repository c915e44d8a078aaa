//! Batch mode's output names: one file per input in the output folder,
//! checked before anything is written, so that no output silently replaces
//! another or an input.

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Extensions of compressed inputs, taken off before the format's own.
const COMPRESSED: [&str; 2] = ["gz", "zst"];

/// The output name of an input: its file name with its last extension (and
/// a compression extension before that) replaced by `.txt`:
/// `bbc.co.uk_news_01.txt` → `bbc.co.uk_news_01.txt`, `page.html.gz` →
/// `page.txt`, `README` → `README.txt`. A leading dot is not an extension.
pub fn output_name(input: &Path) -> Option<OsString> {
    let name = input.file_name()?.to_string_lossy().into_owned();
    let mut stem = name.as_str();
    if let Some((rest, ext)) = split_extension(stem) {
        if COMPRESSED.contains(&ext.to_ascii_lowercase().as_str()) {
            stem = rest;
        }
    }
    if let Some((rest, _)) = split_extension(stem) {
        stem = rest;
    }
    Some(format!("{stem}.txt").into())
}

/// `name` split at its last dot, unless that dot starts the name.
fn split_extension(name: &str) -> Option<(&str, &str)> {
    let (rest, ext) = name.rsplit_once('.')?;
    (!rest.is_empty() && !ext.is_empty()).then_some((rest, ext))
}

/// Where each input's output goes in `dir`, in input order. An error names
/// both inputs when two would write the same file, and the input when its
/// output would overwrite an input.
pub fn targets(dir: &Path, inputs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    // Compared as the files they are: `dir/./a.txt` and `dir/a.txt` are one.
    let identity = |p: &Path| -> PathBuf {
        match (p.parent().map(std::fs::canonicalize), p.file_name()) {
            (Some(Ok(parent)), Some(name)) => parent.join(name),
            _ => p.to_path_buf(),
        }
    };
    let inputs_by_identity: HashMap<PathBuf, &PathBuf> =
        inputs.iter().map(|p| (identity(p), p)).collect();
    let mut claimed: HashMap<PathBuf, &PathBuf> = HashMap::new();
    let mut targets = Vec::with_capacity(inputs.len());
    for input in inputs {
        let name = output_name(input)
            .ok_or_else(|| format!("{}: has no file name to name an output by", input.display()))?;
        let target = dir.join(name);
        let id = identity(&target);
        if let Some(other) = claimed.insert(id.clone(), input) {
            return Err(format!(
                "{} and {} would both write {}; nothing was written (rename one, or use \
                 separate --out-dir runs)",
                other.display(),
                input.display(),
                target.display()
            ));
        }
        if let Some(source) = inputs_by_identity.get(&id) {
            return Err(format!(
                "the output of {} would overwrite the input {}; nothing was written (choose \
                 another --out-dir)",
                input.display(),
                source.display()
            ));
        }
        targets.push(target);
    }
    Ok(targets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names_replace_only_the_last_extension() {
        let cases = [
            ("pages/bbc.co.uk_news_01.txt", "bbc.co.uk_news_01.txt"),
            ("v1.2.release-notes.txt", "v1.2.release-notes.txt"),
            ("page.html", "page.txt"),
            ("page.html.gz", "page.txt"),
            ("page.HTML.ZST", "page.txt"),
            ("archive.gz", "archive.txt"),
            ("README", "README.txt"),
            (".hidden", ".hidden.txt"),
            ("a.b.c.html", "a.b.c.txt"),
        ];
        for (input, want) in cases {
            assert_eq!(output_name(Path::new(input)), Some(want.into()), "{input}");
        }
    }
}
