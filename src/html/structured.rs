//! The article a page states in its structured data (schema.org JSON-LD).
//! A page that renders its text with script often has no article in its
//! markup at all, only a menu and a footer; the publisher then usually
//! states the text in JSON-LD for search engines: an article's
//! `articleBody`, a how-to's or a recipe's description and steps. The
//! engine reads it only when the markup kept (nearly) nothing.

use serde_json::{Map, Value};

/// The article body stated in `scripts` (the text of a page's
/// `<script type="application/ld+json">` elements), as HTML: the longest
/// `articleBody`, else the longest how-to or recipe (its description, then
/// its steps, one paragraph each). `None` when there is none, or the JSON
/// does not parse.
pub(crate) fn article_html(scripts: &[String]) -> Option<String> {
    let mut bodies = Vec::new();
    let mut guides = Vec::new();
    for script in scripts {
        // A script that is not JSON (a template, a trailing comma) says nothing.
        if let Ok(value) = serde_json::from_str::<Value>(script.trim()) {
            collect(&value, &mut bodies, &mut guides);
        }
    }
    let longest = |texts: Vec<String>| texts.into_iter().max_by_key(|t| words(t));
    longest(bodies)
        .or_else(|| longest(guides))
        .filter(|t| words(t) > 0)
}

/// Every `articleBody` under `value` (as HTML) into `bodies`; every how-to
/// or recipe, as HTML, into `guides`.
fn collect(value: &Value, bodies: &mut Vec<String>, guides: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            if let Some(Value::String(body)) = object.get("articleBody") {
                bodies.push(as_html(body));
            } else if is_guide(object) {
                let mut html = String::new();
                if let Some(Value::String(description)) = object.get("description") {
                    html.push_str(&as_html(description));
                }
                for key in ["step", "recipeInstructions"] {
                    if let Some(steps) = object.get(key) {
                        step_texts(steps, &mut html);
                    }
                }
                guides.push(html);
            }
            for child in object.values() {
                collect(child, bodies, guides);
            }
        }
        Value::Array(items) => {
            for item in items {
                collect(item, bodies, guides);
            }
        }
        _ => {}
    }
}

/// A `HowTo` or a `Recipe` (`@type` a name or a list of names).
fn is_guide(object: &Map<String, Value>) -> bool {
    let guide = |t: &Value| matches!(t.as_str(), Some("HowTo" | "Recipe"));
    match object.get("@type") {
        Some(Value::Array(types)) => types.iter().any(guide),
        Some(t) => guide(t),
        None => false,
    }
}

/// The texts of steps as HTML paragraphs: a step is a string, or a
/// `HowToStep` (its `text`), or a `HowToSection` or list of them (its
/// `itemListElement`).
fn step_texts(steps: &Value, html: &mut String) {
    match steps {
        Value::String(text) => html.push_str(&as_html(text)),
        Value::Array(items) => items.iter().for_each(|s| step_texts(s, html)),
        Value::Object(step) => {
            if let Some(Value::String(text)) = step.get("text") {
                html.push_str(&as_html(text));
            }
            if let Some(items) = step.get("itemListElement") {
                step_texts(items, html);
            }
        }
        _ => {}
    }
}

/// `text` as HTML: as it is when it holds markup (`<p>`, `<br>`), else
/// escaped, each line a paragraph.
fn as_html(text: &str) -> String {
    let markup = ["</", "<p", "<br", "<div"]
        .iter()
        .any(|tag| text.contains(tag));
    if markup {
        return text.to_string();
    }
    let mut html = String::with_capacity(text.len() + 16);
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        html.push_str("<p>");
        for c in line.chars() {
            match c {
                '&' => html.push_str("&amp;"),
                '<' => html.push_str("&lt;"),
                '>' => html.push_str("&gt;"),
                c => html.push(c),
            }
        }
        html.push_str("</p>\n");
    }
    html
}

/// Words of `html`, tags included: enough to tell the longest.
fn words(html: &str) -> usize {
    html.split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::article_html;

    fn one(json: &str) -> Option<String> {
        article_html(&[json.to_string()])
    }

    #[test]
    fn an_article_body_in_a_graph_is_found_and_escaped() {
        let json = r#"{"@context": "https://schema.org", "@graph": [
            {"@type": "WebSite", "name": "Site"},
            {"@type": "NewsArticle", "headline": "Vote",
             "articleBody": "The council approved the budget.\nThe vote was 7 to 2 & final <really>."}]}"#;
        assert_eq!(
            one(json).as_deref(),
            Some(
                "<p>The council approved the budget.</p>\n\
                 <p>The vote was 7 to 2 &amp; final &lt;really&gt;.</p>\n"
            )
        );
    }

    #[test]
    fn markup_in_a_body_is_kept() {
        let json = r#"{"@type": "BlogPosting", "articleBody": "<p>One.</p><p>Two.</p>"}"#;
        assert_eq!(one(json).as_deref(), Some("<p>One.</p><p>Two.</p>"));
    }

    #[test]
    fn a_how_to_gives_its_description_and_steps_in_order() {
        let json = r#"{"@type": ["HowTo"], "description": "Sew a round tablecloth.",
            "step": [{"@type": "HowToStep", "text": "Measure the table."},
                     {"@type": "HowToSection", "itemListElement": [
                        {"@type": "HowToStep", "text": "Cut the cloth."}]}]}"#;
        assert_eq!(
            one(json).as_deref(),
            Some(
                "<p>Sew a round tablecloth.</p>\n<p>Measure the table.</p>\n\
                 <p>Cut the cloth.</p>\n"
            )
        );
    }

    #[test]
    fn an_article_body_wins_over_a_longer_guide_and_the_longest_body_wins() {
        let scripts = [
            r#"{"@type": "Recipe", "recipeInstructions": ["Mix a lot of things for a long time."]}"#
                .to_string(),
            r#"{"@type": "Article", "articleBody": "Short."}"#.to_string(),
            "not json".to_string(),
            r#"[{"@type": "Article", "articleBody": "A longer body."}]"#.to_string(),
        ];
        assert_eq!(
            article_html(&scripts).as_deref(),
            Some("<p>A longer body.</p>\n")
        );
    }

    #[test]
    fn nothing_stated_is_none() {
        assert_eq!(one(r#"{"@type": "Organization", "name": "X"}"#), None);
        assert_eq!(one(r#"{"@type": "Article", "articleBody": "  "}"#), None);
        assert_eq!(one("{"), None);
        assert_eq!(one(&"[".repeat(100_000)), None);
    }
}
