//! The Python binding: `dechaff.Stripper` and `dechaff.strip` over the Rust
//! engine. Documents are copied out of Python objects (or borrowed as
//! bytes Python keeps alive) so that stripping runs with the interpreter
//! released, on all cores for `strip_many`.

use std::path::PathBuf;

use dechaff::{ErrorKind, Format, Preset, Stripped, Stripper};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use rayon::prelude::*;

// The engine allocates per paragraph; on several threads the system
// allocator's locks cost a third of strip_many's speed-up (as in the command).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

pyo3::create_exception!(
    _dechaff,
    RuleError,
    PyValueError,
    "A rule file or rule text that does not compile; the message names the file, line and rule."
);
pyo3::create_exception!(
    _dechaff,
    LimitError,
    PyValueError,
    "A document over the stripper's max_bytes or max_paragraphs."
);

/// A document as Python handed it over: text, or bytes (HTML in any charset).
enum Doc {
    Text(PyBackedStr),
    Bytes(PyBackedBytes),
}

impl Doc {
    fn of(obj: &Bound<'_, PyAny>) -> PyResult<Doc> {
        if obj.is_instance_of::<PyString>() {
            return Ok(Doc::Text(obj.extract()?));
        }
        match obj.extract::<PyBackedBytes>() {
            Ok(bytes) => Ok(Doc::Bytes(bytes)),
            Err(_) => Err(PyTypeError::new_err(format!(
                "a document is str or bytes, not {}",
                obj.get_type().name()?
            ))),
        }
    }

    /// Strips the document as `format` says. A `str` is text already,
    /// whatever its markup's `<meta charset>` declares.
    fn strip(
        &self,
        stripper: &Stripper,
        format: Format,
    ) -> Result<Stripped<'static>, dechaff::Error> {
        match self {
            Doc::Bytes(b) => stripper.extract(b, format),
            Doc::Text(t) => {
                let html = match format {
                    Format::Text => false,
                    Format::Auto => Format::detect(t.as_bytes()) == Format::Html,
                    _ => true,
                };
                if html {
                    let page = stripper.try_parse_html_str(t)?;
                    Ok(stripper.strip_page(&page).into_owned())
                } else {
                    stripper.try_strip(t).map(Stripped::into_owned)
                }
            }
        }
    }
}

fn format_of(name: &str) -> PyResult<Format> {
    match name {
        "auto" => Ok(Format::Auto),
        "text" => Ok(Format::Text),
        "html" => Ok(Format::Html),
        other => Err(PyValueError::new_err(format!(
            "format is \"auto\", \"text\" or \"html\", not {other:?}"
        ))),
    }
}

/// The Python exception for an engine error.
fn py_err(e: dechaff::Error) -> PyErr {
    match e.kind() {
        ErrorKind::TooLarge { .. } | ErrorKind::TooManyParagraphs { .. } => {
            LimitError::new_err(e.to_string())
        }
        _ => RuleError::new_err(e.to_string()),
    }
}

/// What a `Stripper` was built from: enough to build it again (pickling).
#[derive(Clone)]
struct Settings {
    preset: String,
    /// The rule text and the name its errors give (the file's path).
    rules: Option<(String, String)>,
    threshold: Option<f64>,
    max_bytes: Option<usize>,
    max_paragraphs: Option<usize>,
}

impl Settings {
    fn build(&self) -> PyResult<Stripper> {
        let preset = match self.preset.as_str() {
            "precision" => Preset::Precision,
            "balanced" => Preset::Balanced,
            "recall" => Preset::Recall,
            other => {
                return Err(PyValueError::new_err(format!(
                    "preset is \"precision\", \"balanced\" or \"recall\", not {other:?}"
                )));
            }
        };
        let mut b = Stripper::builder();
        b.preset(preset);
        if let Some((name, text)) = &self.rules {
            b.rules_str(name, text);
        }
        if let Some(t) = self.threshold {
            b.threshold(t);
        }
        if let Some(n) = self.max_bytes {
            b.max_bytes(n);
        }
        if let Some(n) = self.max_paragraphs {
            b.max_paragraphs(n);
        }
        b.build().map_err(|e| match e.kind() {
            // A bad threshold or limit is the caller's value, not a rule.
            ErrorKind::BadSetting(_) => PyValueError::new_err(e.to_string()),
            _ => py_err(e),
        })
    }
}

/// Reads `rules`: a path (`os.PathLike`, or a one-line `str` naming an
/// existing file) or rule text.
fn rules_of(rules: &Bound<'_, PyAny>) -> PyResult<(String, String)> {
    let as_path = |path: PathBuf| -> PyResult<(String, String)> {
        let name = path.display().to_string();
        std::fs::read_to_string(&path)
            .map(|text| (name.clone(), text))
            .map_err(|e| RuleError::new_err(format!("cannot read rule file {name}: {e}")))
    };
    if let Ok(text) = rules.extract::<String>() {
        let path = PathBuf::from(&text);
        if !text.contains('\n') && path.is_file() {
            return as_path(path);
        }
        return Ok(("<rules>".to_string(), text));
    }
    match rules.extract::<PathBuf>() {
        Ok(path) => as_path(path),
        Err(_) => Err(PyTypeError::new_err(
            "rules is a path or rule text (str), or None",
        )),
    }
}

/// Cuts boilerplate and promotional spam from scraped pages. Build one and
/// reuse it: it compiles its rules once, and is safe to share between
/// threads.
#[pyclass(module = "dechaff", name = "Stripper", frozen)]
struct PyStripper {
    inner: Stripper,
    settings: Settings,
}

#[pymethods]
impl PyStripper {
    #[new]
    #[pyo3(signature = (preset = "balanced", rules = None, threshold = None, max_bytes = None, max_paragraphs = None))]
    fn new(
        preset: &str,
        rules: Option<&Bound<'_, PyAny>>,
        threshold: Option<f64>,
        max_bytes: Option<usize>,
        max_paragraphs: Option<usize>,
    ) -> PyResult<Self> {
        let settings = Settings {
            preset: preset.to_string(),
            rules: rules.map(rules_of).transpose()?,
            threshold,
            max_bytes,
            max_paragraphs,
        };
        Ok(PyStripper {
            inner: settings.build()?,
            settings,
        })
    }

    /// The clean body of plain text (paragraphs separated by blank lines,
    /// or one per line).
    fn strip(&self, py: Python<'_>, text: PyBackedStr) -> PyResult<String> {
        py.detach(|| self.inner.try_strip(&text).map(|s| s.body()))
            .map_err(py_err)
    }

    /// The clean body of an HTML page: `bytes` in any charset (BOM,
    /// `<meta>`, else UTF-8, else detected), or `str`.
    fn strip_html(&self, py: Python<'_>, page: &Bound<'_, PyAny>) -> PyResult<String> {
        let doc = Doc::of(page)?;
        py.detach(|| doc.strip(&self.inner, Format::Html).map(|s| s.body()))
            .map_err(py_err)
    }

    /// Every paragraph of `doc` with its verdict: a list of dicts with
    /// `start`, `end` (byte offsets into the text the engine read), `text`,
    /// `kept`, `score`, `class`, `reason` and `rules` (each `name`, `weight`,
    /// `span`).
    #[pyo3(signature = (doc, format = "auto"))]
    fn explain<'py>(
        &self,
        py: Python<'py>,
        doc: &Bound<'py, PyAny>,
        format: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        let format = format_of(format)?;
        let doc = Doc::of(doc)?;
        let stripped = py
            .detach(|| doc.strip(&self.inner, format))
            .map_err(py_err)?;
        let list = PyList::empty(py);
        for p in stripped.paragraphs() {
            let d = PyDict::new(py);
            let range = p.range.clone();
            d.set_item("start", range.start)?;
            d.set_item("end", range.end)?;
            d.set_item("text", p.text())?;
            d.set_item("kept", p.kept)?;
            d.set_item("score", p.score)?;
            d.set_item("class", p.class.name())?;
            d.set_item("reason", p.reason.describe())?;
            let rules = PyList::empty(py);
            for h in p.hits() {
                let r = PyDict::new(py);
                r.set_item("name", h.name())?;
                r.set_item("weight", h.weight())?;
                r.set_item("span", h.span.as_ref().map(|s| (s.start, s.end)))?;
                rules.append(r)?;
            }
            d.set_item("rules", rules)?;
            list.append(d)?;
        }
        Ok(list)
    }

    /// The clean bodies of many documents, in order, stripped with the
    /// interpreter released on `threads` threads (all cores when None).
    #[pyo3(signature = (docs, format = "auto", threads = None))]
    fn strip_many(
        &self,
        py: Python<'_>,
        docs: &Bound<'_, PyAny>,
        format: &str,
        threads: Option<usize>,
    ) -> PyResult<Vec<String>> {
        let format = format_of(format)?;
        let docs: Vec<Doc> = docs
            .try_iter()?
            .map(|d| Doc::of(&d?))
            .collect::<PyResult<_>>()?;
        if threads == Some(0) {
            return Err(PyValueError::new_err("threads is at least 1"));
        }
        let run = || -> Result<Vec<String>, Box<(usize, dechaff::Error)>> {
            docs.par_iter()
                .enumerate()
                .map(|(i, d)| {
                    d.strip(&self.inner, format)
                        .map(|s| s.body())
                        .map_err(|e| Box::new((i, e)))
                })
                .collect()
        };
        let result = py.detach(|| match threads {
            None => Ok(run()),
            Some(n) => rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map(|pool| pool.install(run)),
        });
        match result {
            Err(e) => Err(PyValueError::new_err(format!("cannot start threads: {e}"))),
            Ok(Ok(bodies)) => Ok(bodies),
            Ok(Err(failed)) => {
                let (i, e) = *failed;
                let err = py_err(e);
                let msg = format!("document {i}: {}", err.value(py));
                Err(PyErr::from_type(err.get_type(py), msg))
            }
        }
    }

    /// Pickling rebuilds the stripper from its settings (and rule text).
    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let s = &self.settings;
        let rules = s.rules.as_ref().map(|(_, text)| text.clone());
        let args = (
            s.preset.clone(),
            rules,
            s.threshold,
            s.max_bytes,
            s.max_paragraphs,
        );
        Ok((
            py.get_type::<PyStripper>().into_any(),
            args.into_pyobject(py)?,
        ))
    }

    fn __repr__(&self) -> String {
        let s = &self.settings;
        format!(
            "Stripper(preset={:?}, rules={}, threshold={})",
            s.preset,
            s.rules
                .as_ref()
                .map_or("None".to_string(), |(name, _)| format!("{name:?}")),
            s.threshold.map_or("None".to_string(), |t| t.to_string()),
        )
    }
}

/// The clean body of plain text, with the built-in rules.
#[pyfunction]
fn strip(py: Python<'_>, text: PyBackedStr) -> PyResult<String> {
    py.detach(|| Stripper::shared().try_strip(&text).map(|s| s.body()))
        .map_err(py_err)
}

#[pymodule]
fn _dechaff(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyStripper>()?;
    m.add_function(wrap_pyfunction!(strip, m)?)?;
    m.add("RuleError", m.py().get_type::<RuleError>())?;
    m.add("LimitError", m.py().get_type::<LimitError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
