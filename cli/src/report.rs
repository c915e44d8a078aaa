//! Visual reports: one self-contained HTML page per document (every
//! paragraph, kept or cut, with why), and an index for an evaluation.
//! Everything from the input is escaped: a scraped page's `<script>` or
//! `onerror=` shows as text and never runs. No network: styles, the one
//! script and the charts (SVG) are inline.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use dechaff::{Paragraph, Reason, Stripped};

/// Escapes text for HTML content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// What cut a paragraph, for its colour: `kept` when kept; `context` or
/// `duplicate` when those cut it; else the kind of the rule that did (the
/// decisive one, or the one it is counted under): `promo`, `boilerplate`…
pub fn cut_by<'s>(p: &Paragraph<'s>) -> &'s str {
    let rule = match p.reason {
        _ if p.kept => return "kept",
        Reason::OutsideMainText | Reason::NextToBoilerplate => return "context",
        Reason::Duplicate => return "duplicate",
        Reason::StrongEvidence => p.hits().map(|h| h.rule).find(|r| r.decisive),
        _ => p.cutting_rule(),
    };
    rule.map_or("context", |r| r.kind.as_str())
}

/// How a paragraph compares with the truth of an evaluation.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    /// Kept and article, or cut and not.
    Right,
    /// Article text that was cut.
    Missed,
    /// Kept text that is not article.
    Extra,
}

/// One document's report.
pub struct PageReport<'a> {
    /// The page's name (file or id).
    pub name: &'a str,
    pub stripped: &'a Stripped<'a>,
    /// Per paragraph, against the gold (an evaluation's page report).
    pub truth: Option<Vec<Truth>>,
    /// AEB or snippet figures: (F1, precision, recall).
    pub figures: Option<(f64, f64, f64)>,
    /// A link back to the evaluation's index.
    pub back: Option<&'a str>,
}

const STYLE: &str = r#"
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
header{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:.6em 1.2em;z-index:1}
header h1{font-size:1.1em;margin:0 0 .3em}
.figures{margin:.2em 0;color:#444}
.legend span{display:inline-block;padding:0 .5em;margin-right:.4em;border-radius:3px}
main{max-width:60em;margin:1em auto;padding:0 1em}
.para{content-visibility:auto;contain-intrinsic-size:auto 5em;margin:.4em 0;padding:.3em .6em;border-left:4px solid transparent;border-radius:3px;background:#fff}
.para[data-verdict=cut] .text{text-decoration:line-through;text-decoration-color:rgba(0,0,0,.35);color:#777}
.c-boilerplate{border-left-color:#9e9e9e;background:#f1f1f1}
.c-promo{border-left-color:#d32f2f;background:#fdecea}
.c-context{border-left-color:#5c6bc0;background:#eef0fb}
.c-duplicate{border-left-color:#8d6e63;background:#f5efec}
.c-kept{border-left-color:#2e7d32}
.legend .c-kept{border-left:4px solid #2e7d32;background:#fff}
.t-missed{outline:2px dashed #ef6c00}
.t-extra{outline:2px dashed #c2185b}
.text{margin:0;white-space:pre-wrap}
.sum{font-size:.85em;color:#555;cursor:pointer}
.sum::before{content:"\25B8  "}.open .sum::before{content:"\25BE  "}
.why{display:none;font-size:.85em;color:#444}.open .why{display:block}
.why ul{margin:.2em 0;padding-left:1.4em}
.w-neg{color:#b71c1c}.w-pos{color:#1b5e20}
table{border-collapse:collapse}td,th{padding:.1em .6em;text-align:left;border-bottom:1px solid #eee}
a{color:#1565c0}
"#;

/// Applies the filter (from the select, or `#filter=…` in the address) by
/// setting `hidden` on the paragraphs it leaves out.
const SCRIPT: &str = r#"
(function(){
  var sel=document.getElementById('filter');
  function apply(v){
    var ps=document.querySelectorAll('.para');
    for(var i=0;i<ps.length;i++){
      var p=ps[i],show=true;
      if(v==='keep'||v==='cut'){show=p.getAttribute('data-verdict')===v;}
      else if(v.indexOf('rule:')===0){show=(' '+p.getAttribute('data-rules')+' ').indexOf(' '+v.slice(5)+' ')>=0;}
      else if(v.indexOf('truth:')===0){show=p.getAttribute('data-truth')===v.slice(6);}
      if(show){p.removeAttribute('hidden');}else{p.setAttribute('hidden','');}
    }
    document.body.setAttribute('data-filter',v);
  }
  var m=/filter=([^&]*)/.exec(location.hash);
  if(m){var v=decodeURIComponent(m[1]);sel.value=v;apply(sel.value===v?v:'all');}
  // A click on a paragraph shows (or hides) why it was kept or cut.
  document.addEventListener('click',function(e){
    var p=e.target.closest&&e.target.closest('.para');
    if(p){p.classList.toggle('open');}
  });
  sel.addEventListener('change',function(){apply(sel.value);history.replaceState(null,'','#filter='+encodeURIComponent(sel.value));});
  // How long the page took to load, for anyone (and the tests) to read.
  addEventListener('load',function(){document.body.setAttribute('data-load-ms',String(Math.round(performance.now())));});
})();
"#;

impl PageReport<'_> {
    /// The whole page, as HTML.
    pub fn render(&self) -> String {
        let s = self.stripped;
        let mut out = String::with_capacity(s.text().len() * 2 + 16 * 1024);
        let name = escape(self.name);
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>\
             <meta name=viewport content=\"width=device-width\">\
             <title>dechaff report: {name}</title><style>{STYLE}</style></head>\n<body data-filter=all>\n<header>"
        );
        if let Some(back) = self.back {
            let _ = write!(out, "<a href=\"{}\">&larr; all pages</a>", escape(back));
        }
        let _ = write!(out, "<h1>{name}</h1>");
        // Figures.
        let (mut kept, mut cut, mut kept_words, mut cut_words) = (0, 0, 0usize, 0usize);
        let mut by_rule: BTreeMap<&str, u32> = BTreeMap::new();
        let mut fired: BTreeMap<&str, u32> = BTreeMap::new();
        for p in s.paragraphs() {
            let words = p.text().split_whitespace().count();
            if p.kept {
                kept += 1;
                kept_words += words;
            } else {
                cut += 1;
                cut_words += words;
                let rule = p.cutting_rule().map(|r| r.name.as_str());
                *by_rule
                    .entry(rule.unwrap_or(p.reason.describe()))
                    .or_default() += 1;
            }
            for h in p.hits() {
                *fired.entry(h.name()).or_default() += 1;
            }
        }
        let _ = write!(
            out,
            "<p class=figures>Language <b>{}</b> &middot; {} paragraphs: <b>{kept}</b> kept, <b>{cut}</b> cut \
             &middot; words: <b>{kept_words}</b> kept, <b>{cut_words}</b> cut",
            escape(s.language().unwrap_or("unknown")),
            kept + cut,
        );
        if let Some(title) = s.title() {
            let _ = write!(out, " &middot; headline: {}", escape(title));
        }
        if s.relaxed() {
            out.push_str(" &middot; <b>relaxed</b> (decided again without weak rules)");
        }
        if let Some((f, p, r)) = self.figures {
            let _ = write!(out, " &middot; F1 <b>{f:.3}</b> (P {p:.3}, R {r:.3})");
        }
        out.push_str("</p>");
        let mut top: Vec<(&str, u32)> = by_rule.into_iter().collect();
        top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        out.push_str("<p class=figures>Cut most by: ");
        for (i, (rule, n)) in top.iter().take(8).enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let _ = write!(out, "{} ({n})", escape(rule));
        }
        out.push_str("</p>");
        // The filter.
        out.push_str(
            "<p><label>Show <select id=filter><option value=all>every paragraph</option>\
             <option value=keep>kept only</option><option value=cut>cut only</option>",
        );
        if self.truth.is_some() {
            out.push_str(
                "<option value=truth:missed>missed article text</option>\
                 <option value=truth:extra>kept text that is not article</option>",
            );
        }
        out.push_str("<optgroup label=\"fired on\">");
        for (rule, n) in &fired {
            let r = escape(rule);
            let _ = write!(out, "<option value=\"rule:{r}\">{r} ({n})</option>");
        }
        out.push_str("</optgroup></select></label> ");
        out.push_str(
            "<span class=legend><span class=c-kept>kept</span><span class=c-boilerplate>cut: boilerplate</span>\
             <span class=c-promo>cut: promo</span><span class=c-context>cut: context</span>\
             <span class=c-duplicate>cut: copy</span>",
        );
        if self.truth.is_some() {
            out.push_str("<span class=t-missed>missed</span><span class=t-extra>extra</span>");
        }
        out.push_str("</span></p></header>\n<main>\n");
        for p in s.paragraphs() {
            self.paragraph(&mut out, &p);
        }
        // What each rule that fired looks for, once.
        out.push_str("<h2>The rules that fired</h2><dl>");
        let mut described: Vec<&dechaff::Rule> = Vec::new();
        for p in s.paragraphs() {
            for h in p.hits() {
                if !described.iter().any(|r| r.name == h.rule.name) {
                    described.push(h.rule);
                }
            }
        }
        described.sort_by(|a, b| a.name.cmp(&b.name));
        for r in described {
            let _ = write!(
                out,
                "<dt><b>{}</b> ({:+.1}, {})</dt><dd>{}</dd>",
                escape(&r.name),
                r.weight,
                escape(&r.kind),
                escape(&r.describe)
            );
        }
        let _ = write!(
            out,
            "</dl></main>\n<script>{SCRIPT}</script>\n</body></html>\n"
        );
        out
    }

    fn paragraph(&self, out: &mut String, p: &Paragraph<'_>) {
        let s = self.stripped;
        let verdict = if p.kept { "keep" } else { "cut" };
        let colour = cut_by(p);
        let rules: Vec<&str> = p.rule_names().collect();
        let truth = self.truth.as_ref().and_then(|t| t.get(p.index)).copied();
        let (truth_attr, truth_class) = match truth {
            Some(Truth::Missed) => (" data-truth=missed", " t-missed"),
            Some(Truth::Extra) => (" data-truth=extra", " t-extra"),
            Some(Truth::Right) => (" data-truth=right", ""),
            None => ("", ""),
        };
        let _ = write!(
            out,
            "<div class=\"para c-{}{truth_class}\" data-verdict={verdict} data-rules=\"{}\"{truth_attr}>\
             <p class=text>{}</p><div class=sum>#{} &middot; {:+.1} &middot; {} &middot; {}{}</div><div class=why><ul>",
            escape(colour),
            escape(&rules.join(" ")),
            escape(p.text()),
            p.index,
            p.score,
            p.class.name(),
            if p.kept { "kept" } else { "cut" },
            p.tag()
                .map(|t| format!(" &middot; &lt;{t}&gt;"))
                .unwrap_or_default(),
        );
        for h in p.hits() {
            let matched = h
                .span
                .as_ref()
                .and_then(|r| s.text().get(r.clone()))
                .map(|m| format!(" &ldquo;{}&rdquo;", escape(m)))
                .unwrap_or_default();
            let class = if h.rule.weight < 0.0 {
                "w-neg"
            } else {
                "w-pos"
            };
            let _ = write!(
                out,
                "<li><span class={class}>{:+.1}</span> <b>{}</b>{matched}</li>",
                h.rule.weight,
                escape(h.name()),
            );
        }
        out.push_str("</ul>");
        if p.reason != Reason::Score {
            let _ = write!(out, "<p>context: {}</p>", escape(p.reason.describe()));
        }
        out.push_str("</div></div>\n");
    }
}

/// One row of an evaluation's index.
pub struct IndexRow {
    pub id: String,
    pub lang: String,
    pub f1: f64,
    pub precision: f64,
    pub recall: f64,
}

/// An evaluation's index page: its figures, charts and the pages worst first.
pub struct IndexReport<'a> {
    pub dataset: &'a str,
    pub mode: &'a str,
    /// The summary line(s) `eval` prints.
    pub summary: &'a str,
    pub rows: Vec<IndexRow>,
    /// Rule name → (fired on article paragraphs, on other paragraphs, weight).
    pub rule_stats: BTreeMap<String, (u32, u32, f64)>,
}

const CHART_W: f64 = 420.0;
const CHART_H: f64 = 220.0;

impl IndexReport<'_> {
    pub fn render(&self) -> String {
        let mut out = String::new();
        let title = format!("dechaff eval: {} ({})", self.dataset, self.mode);
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><title>{}</title><style>{STYLE}\
             .charts{{display:flex;flex-wrap:wrap;gap:1.5em}}figure{{margin:0}}figcaption{{font-size:.9em;color:#444}}</style></head>\n<body>\n\
             <header><h1>{}</h1><pre class=figures>{}</pre></header><main style=\"max-width:80em\">\n<div class=charts>",
            escape(&title),
            escape(&title),
            escape(self.summary)
        );
        self.histogram(&mut out);
        self.scatter(&mut out);
        self.languages(&mut out);
        out.push_str("</div>");
        self.rules(&mut out);
        out.push_str(
            "<h2>Pages, worst first</h2><table><tr><th>F1</th><th>P</th><th>R</th><th>lang</th><th>page</th></tr>",
        );
        let mut rows: Vec<&IndexRow> = self.rows.iter().collect();
        rows.sort_by(|a, b| a.f1.total_cmp(&b.f1).then(a.id.cmp(&b.id)));
        for r in rows {
            let id = escape(&r.id);
            let _ = write!(
                out,
                "<tr><td>{:.3}</td><td>{:.3}</td><td>{:.3}</td><td>{}</td><td><a href=\"pages/{}.html\">{id}</a></td></tr>",
                r.f1,
                r.precision,
                r.recall,
                escape(&r.lang),
                escape(&page_file(&r.id))
            );
        }
        out.push_str("</table></main></body></html>\n");
        out
    }

    fn histogram(&self, out: &mut String) {
        let mut bins = [0u32; 10];
        for r in &self.rows {
            bins[((r.f1 * 10.0) as usize).min(9)] += 1;
        }
        let max = bins.iter().copied().max().unwrap_or(1).max(1) as f64;
        let bw = (CHART_W - 40.0) / 10.0;
        let _ = write!(
            out,
            "<figure><svg width={CHART_W} height={CHART_H} viewBox=\"0 0 {CHART_W} {CHART_H}\" role=img aria-label=\"F1 per page\">"
        );
        for (i, &n) in bins.iter().enumerate() {
            let h = (CHART_H - 40.0) * n as f64 / max;
            let x = 30.0 + i as f64 * bw;
            let _ = write!(
                out,
                "<rect x={x:.1} y={:.1} width={:.1} height={h:.1} fill=#5c6bc0><title>F1 {:.1}-{:.1}: {n} pages</title></rect>\
                 <text x={:.1} y={:.1} font-size=10 text-anchor=middle>{n}</text>",
                CHART_H - 20.0 - h,
                bw - 2.0,
                i as f64 / 10.0,
                (i + 1) as f64 / 10.0,
                x + bw / 2.0,
                CHART_H - 24.0 - h,
            );
        }
        for i in 0..=10 {
            if i % 2 == 0 {
                let _ = write!(
                    out,
                    "<text x={:.1} y={:.1} font-size=10 text-anchor=middle>{:.1}</text>",
                    30.0 + i as f64 * bw,
                    CHART_H - 6.0,
                    i as f64 / 10.0
                );
            }
        }
        out.push_str("</svg><figcaption>Pages by F1</figcaption></figure>");
    }

    fn scatter(&self, out: &mut String) {
        let side = CHART_H - 40.0;
        let _ = write!(
            out,
            "<figure><svg width={CHART_H} height={CHART_H} viewBox=\"0 0 {CHART_H} {CHART_H}\" role=img aria-label=\"precision against recall\">\
             <rect x=30 y=10 width={side} height={side} fill=none stroke=#ccc />"
        );
        for r in &self.rows {
            let _ = write!(
                out,
                "<a href=\"pages/{}.html\"><circle cx={:.1} cy={:.1} r=3 fill=#d32f2f fill-opacity=.5><title>{} P {:.3} R {:.3}</title></circle></a>",
                escape(&page_file(&r.id)),
                30.0 + r.recall * side,
                10.0 + (1.0 - r.precision) * side,
                escape(&r.id),
                r.precision,
                r.recall
            );
        }
        let _ = write!(
            out,
            "<text x={:.1} y={:.1} font-size=10 text-anchor=middle>recall</text>\
             <text x=10 y={:.1} font-size=10 transform=\"rotate(-90 10 {:.1})\" text-anchor=middle>precision</text>",
            30.0 + side / 2.0,
            CHART_H - 6.0,
            10.0 + side / 2.0,
            10.0 + side / 2.0
        );
        out.push_str("</svg><figcaption>Precision against recall, per page</figcaption></figure>");
    }

    fn languages(&self, out: &mut String) {
        let mut by: BTreeMap<&str, (u32, f64)> = BTreeMap::new();
        for r in &self.rows {
            let e = by
                .entry(if r.lang.is_empty() { "?" } else { &r.lang })
                .or_default();
            e.0 += 1;
            e.1 += r.f1;
        }
        let n = by.len().max(1);
        let row_h = ((CHART_H - 20.0) / n as f64).clamp(4.0, 18.0);
        let height = 20.0 + row_h * n as f64;
        let _ = write!(
            out,
            "<figure><svg width={CHART_W} height={height:.0} viewBox=\"0 0 {CHART_W} {height:.0}\" role=img aria-label=\"F1 per language\">"
        );
        for (i, (lang, (count, sum))) in by.iter().enumerate() {
            let mean = sum / *count as f64;
            let y = 10.0 + i as f64 * row_h;
            let _ = write!(
                out,
                "<text x=0 y={:.1} font-size=10>{}</text><rect x=40 y={y:.1} width={:.1} height={:.1} fill=#2e7d32>\
                 <title>{}: mean F1 {mean:.3} over {count} pages</title></rect>\
                 <text x={:.1} y={:.1} font-size=10>{mean:.3} ({count})</text>",
                y + row_h * 0.75,
                escape(lang),
                mean * (CHART_W - 140.0),
                row_h - 2.0,
                escape(lang),
                44.0 + mean * (CHART_W - 140.0),
                y + row_h * 0.75,
            );
        }
        out.push_str("</svg><figcaption>Mean F1 per language (pages)</figcaption></figure>");
    }

    fn rules(&self, out: &mut String) {
        let mut rows: Vec<(&String, &(u32, u32, f64))> = self.rule_stats.iter().collect();
        rows.sort_by_key(|(_, (g, o, _))| std::cmp::Reverse(g + o));
        rows.truncate(30);
        let max = rows
            .iter()
            .map(|(_, (g, o, _))| g.max(o))
            .copied()
            .max()
            .unwrap_or(1)
            .max(1) as f64;
        let row_h = 16.0;
        let height = 24.0 + row_h * rows.len() as f64;
        let half = 260.0;
        let _ = write!(
            out,
            "<h2>Rule firings</h2><figure><svg width={} height={height:.0} viewBox=\"0 0 {} {height:.0}\" role=img aria-label=\"rule firings\">\
             <text x={} y=12 font-size=11 text-anchor=end>on article paragraphs</text><text x={} y=12 font-size=11>on other paragraphs</text>",
            2.0 * half + 220.0,
            2.0 * half + 220.0,
            half - 4.0,
            half + 224.0
        );
        for (i, (name, (g, o, w))) in rows.iter().enumerate() {
            let y = 20.0 + i as f64 * row_h;
            let gw = half * *g as f64 / max;
            let ow = half * *o as f64 / max;
            let _ = write!(
                out,
                "<rect x={:.1} y={y:.1} width={gw:.1} height={:.1} fill=#2e7d32><title>{} on article: {g}</title></rect>\
                 <text x={:.1} y={:.1} font-size=11 text-anchor=middle>{} ({w:+.1})</text>\
                 <rect x={:.1} y={y:.1} width={ow:.1} height={:.1} fill=#9e9e9e><title>{} on other: {o}</title></rect>",
                half - gw,
                row_h - 3.0,
                escape(name),
                half + 110.0,
                y + row_h * 0.7,
                escape(name),
                half + 220.0,
                row_h - 3.0,
                escape(name),
            );
        }
        out.push_str(
            "</svg><figcaption>How often each rule fired (the 30 that fired most), on article text and on the rest</figcaption></figure>",
        );
    }
}

/// A page id as a file name: characters other than letters, digits, `-`,
/// `_` and `.` become `_`.
pub fn page_file(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_is_escaped_and_ids_make_safe_file_names() {
        assert_eq!(
            escape(r#"<img src=x onerror="a('b')">&"#),
            "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;"
        );
        assert_eq!(page_file("a/../b c.html?x"), "a_.._b_c.html_x");
    }
}
