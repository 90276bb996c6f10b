//! JSON-LD (`<script type="application/ld+json">`): the publisher's own article record.
//!
//! News sites publish a schema.org `NewsArticle` (or `Article`, `BlogPosting`, ...) with
//! headline, authors, dates, sometimes the full `articleBody` and `isAccessibleForFree`.
//! The objects hide in arrays, `@graph` lists and nested `mainEntity` values, so the walk
//! looks everywhere (with a node budget, since the input is untrusted).

use serde_json::Value;

/// What the page's JSON-LD says about the article.
#[derive(Debug, Default, Clone)]
pub(crate) struct LdArticle {
    /// `headline` (or `name`) of the article object.
    pub headline: Option<String>,
    /// `articleBody`.
    pub article_body: Option<String>,
    /// Person authors' names.
    pub authors: Vec<String>,
    /// `datePublished`.
    pub published: Option<String>,
    /// `dateModified`.
    pub modified: Option<String>,
    /// `publisher.name`, or a `WebSite`'s name.
    pub site_name: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `url` or `mainEntityOfPage` of the article.
    pub url: Option<String>,
    /// `isAccessibleForFree` is false on the article or one of its parts.
    pub not_free: bool,
    /// `hasPart[].cssSelector` of the non-free parts, e.g. `.paywall`.
    pub paywall_selectors: Vec<String>,
}

/// Types that are article records.
fn is_article_type(t: &str) -> bool {
    let t = t.rsplit(['/', ':']).next().unwrap_or(t);
    t.ends_with("Article")
        || matches!(
            t,
            "BlogPosting" | "Report" | "NewsArticle" | "LiveBlogPosting" | "Posting" | "Blog"
        )
}

fn types(v: &Value) -> Vec<&str> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// Parses every JSON-LD script and merges what article objects say (first value wins).
pub(crate) fn parse_all(scripts: &[String]) -> LdArticle {
    let mut out = LdArticle::default();
    for s in scripts {
        let Some(v) = parse_lenient(s) else { continue };
        let mut budget = 20_000usize;
        walk(&v, &mut out, &mut budget, 0);
    }
    out
}

/// Parses one script, tolerating the usual breakage: CDATA and comment wrappers, raw
/// control characters (newlines inside strings) that strict JSON forbids.
fn parse_lenient(s: &str) -> Option<Value> {
    let t = s.trim();
    let t = t
        .trim_start_matches("//<![CDATA[")
        .trim_start_matches("<![CDATA[")
        .trim_start_matches("<!--")
        .trim_end_matches("//]]>")
        .trim_end_matches("]]>")
        .trim_end_matches("-->")
        .trim()
        .trim_end_matches(';');
    if let Ok(v) = serde_json::from_str::<Value>(t) {
        return Some(v);
    }
    let cleaned: String = t
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    serde_json::from_str::<Value>(&cleaned).ok()
}

fn walk(v: &Value, out: &mut LdArticle, budget: &mut usize, depth: usize) {
    if *budget == 0 || depth > 64 {
        return;
    }
    *budget -= 1;
    match v {
        Value::Array(a) => {
            for x in a {
                walk(x, out, budget, depth + 1);
            }
        }
        Value::Object(o) => {
            let ts = types(v);
            if ts.iter().any(|t| is_article_type(t)) {
                take_article(v, out);
            } else if ts.contains(&"WebSite") && out.site_name.is_none() {
                out.site_name = str_of(v.get("name"));
            }
            for (k, x) in o {
                if matches!(
                    k.as_str(),
                    "@graph" | "mainEntity" | "itemListElement" | "@list"
                ) {
                    walk(x, out, budget, depth + 1);
                }
            }
        }
        _ => {}
    }
}

fn take_article(v: &Value, out: &mut LdArticle) {
    fill(
        &mut out.headline,
        str_of(v.get("headline")).or_else(|| str_of(v.get("name"))),
    );
    fill(
        &mut out.article_body,
        str_of(v.get("articleBody")).or_else(|| str_of(v.get("text"))),
    );
    fill(
        &mut out.published,
        str_of(v.get("datePublished")).or_else(|| str_of(v.get("dateCreated"))),
    );
    fill(&mut out.modified, str_of(v.get("dateModified")));
    fill(&mut out.description, str_of(v.get("description")));
    fill(
        &mut out.url,
        str_of(v.get("url")).or_else(|| match v.get("mainEntityOfPage") {
            Some(Value::String(s)) => Some(s.clone()),
            Some(o @ Value::Object(_)) => str_of(o.get("@id")).or_else(|| str_of(o.get("url"))),
            _ => None,
        }),
    );
    if let Some(p) = v.get("publisher") {
        let p = if let Value::Array(a) = p {
            a.first().unwrap_or(p)
        } else {
            p
        };
        fill(&mut out.site_name, str_of(p.get("name")));
    }
    if out.authors.is_empty()
        && let Some(a) = v.get("author").or_else(|| v.get("creator"))
    {
        collect_authors(a, &mut out.authors);
    }
    if is_false(v.get("isAccessibleForFree")) {
        out.not_free = true;
    }
    if let Some(parts) = v.get("hasPart") {
        let parts: Vec<&Value> = match parts {
            Value::Array(a) => a.iter().collect(),
            x => vec![x],
        };
        for p in parts {
            if is_false(p.get("isAccessibleForFree")) {
                out.not_free = true;
                if let Some(sel) = str_of(p.get("cssSelector")) {
                    out.paywall_selectors.push(sel);
                }
            }
        }
    }
}

fn is_false(v: Option<&Value>) -> bool {
    match v {
        Some(Value::Bool(b)) => !b,
        Some(Value::String(s)) => s.trim().eq_ignore_ascii_case("false"),
        _ => false,
    }
}

fn collect_authors(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.trim().to_string()),
        Value::Array(a) => {
            for x in a.iter().take(20) {
                collect_authors(x, out);
            }
        }
        Value::Object(_) => {
            let ts = types(v);
            if ts.iter().any(|t| t.contains("Organization")) {
                return;
            }
            if let Some(n) = str_of(v.get("name")) {
                out.push(n);
            }
        }
        _ => {}
    }
}

fn fill(slot: &mut Option<String>, v: Option<String>) {
    if slot.is_none()
        && let Some(v) = v
        && !v.is_empty()
    {
        *slot = Some(v);
    }
}

/// A string value (or the first string of an array), trimmed.
fn str_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => {
            let t = s.trim();
            (!t.is_empty()).then(|| t.to_string())
        }
        Value::Array(a) => a.iter().find_map(|x| str_of(Some(x))),
        _ => None,
    }
}

/// `articleBody` as paragraphs: lines become paragraphs, whitespace collapsed, and any
/// markup inside it (some publishers put HTML there) reduced to its text.
pub(crate) fn body_paragraphs(body: &str) -> String {
    let body = if body.contains('<') && body.contains('>') {
        crate::parse::text_content(body)
    } else {
        body.to_string()
    };
    let mut paras: Vec<String> = Vec::new();
    for line in body.split(['\n', '\r']) {
        let p: Vec<&str> = line.split_whitespace().collect();
        if !p.is_empty() {
            paras.push(p.join(" "));
        }
    }
    paras.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_article_in_graph() {
        let s = r#"{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Daily Post"},
            {"@type":["NewsArticle"],"headline":"Storm","datePublished":"2024-11-28T10:00:00Z",
             "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Organization","name":"Daily Post"}],
             "isAccessibleForFree":"False","hasPart":{"@type":"WebPageElement","isAccessibleForFree":false,"cssSelector":".paywall"}}]}"#;
        let ld = parse_all(&[s.to_string()]);
        assert_eq!(ld.headline.as_deref(), Some("Storm"));
        assert_eq!(ld.authors, ["Jane Doe"]);
        assert_eq!(ld.site_name.as_deref(), Some("Daily Post"));
        assert!(ld.not_free);
        assert_eq!(ld.paywall_selectors, [".paywall"]);
    }

    #[test]
    fn tolerates_raw_newlines() {
        let s = "{\"@type\":\"Article\",\"articleBody\":\"one\ntwo\"}";
        let ld = parse_all(&[s.to_string()]);
        assert_eq!(ld.article_body.as_deref(), Some("one two"));
    }
}
