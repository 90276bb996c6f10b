//! Metadata, main text and paywall signs on small hand-written pages of different layouts.
//!
//! Each fixture in `tests/fixtures/` stands for one common page shape; the checks say what
//! the lead's pipeline relies on (title, people-only authors, dated with the right method,
//! paragraphs kept or dropped, truncation or none).

use sitrep_html::{Extraction, extract};

fn page(name: &str, url: Option<&str>) -> Extraction {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let html = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    extract(&html, url)
}

fn paragraphs(ex: &Extraction) -> Vec<&str> {
    ex.text.split("\n\n").collect()
}

fn removed_kinds(ex: &Extraction) -> Vec<&str> {
    ex.removed.iter().map(|r| r.kind.as_str()).collect()
}

#[test]
fn jsonld_news_article() {
    let ex = page("jsonld_newsarticle.html", None);
    assert_eq!(
        ex.title.as_deref(),
        Some("Council approves river bridge plan")
    );
    let m = &ex.metadata;
    assert_eq!(m.authors, ["Priya Raman", "Tomasz Nowak"]);
    assert_eq!(m.published.as_deref(), Some("2023-09-14T07:45:00+01:00"));
    assert_eq!(m.published_method.as_deref(), Some("json-ld"));
    assert_eq!(m.modified.as_deref(), Some("2023-09-14T10:02:00+01:00"));
    assert_eq!(m.site_name.as_deref(), Some("The Valley Herald"));
    assert_eq!(
        m.url.as_deref(),
        Some("https://www.valleyherald.example/news/council-approves-river-bridge-plan")
    );
    assert_eq!(m.language.as_deref(), Some("en-GB"));
    assert_eq!(
        m.description.as_deref(),
        Some("Councillors voted 9 to 2 for a new crossing.")
    );
    let p = paragraphs(&ex);
    assert_eq!(p.len(), 3, "{p:?}");
    assert!(p[0].starts_with("Councillors voted nine to two"));
    assert!(!ex.text.contains("Subscribe"));
    assert!(!ex.text.contains("By Priya"));
    assert!(ex.truncation.is_none());
}

#[test]
fn open_graph_only() {
    let ex = page("opengraph_only.html", None);
    assert_eq!(
        ex.title.as_deref(),
        Some("La grève des cheminots se poursuit")
    );
    let m = &ex.metadata;
    assert_eq!(m.authors, ["Camille Durand"]);
    assert_eq!(m.published.as_deref(), Some("2024-03-07T06:30:00+01:00"));
    assert_eq!(
        m.published_method.as_deref(),
        Some("meta:article:published_time")
    );
    assert_eq!(m.modified.as_deref(), Some("2024-03-07T12:15:00+01:00"));
    assert_eq!(m.site_name.as_deref(), Some("Le Quotidien du Sud"));
    assert_eq!(
        m.url.as_deref(),
        Some("https://quotidiendusud.example/societe/greve-cheminots")
    );
    assert_eq!(m.language.as_deref(), Some("fr"));
    assert_eq!(paragraphs(&ex).len(), 3);
    assert!(!ex.text.contains("Les plus lus"));
    assert!(ex.truncation.is_none());
}

#[test]
fn time_element_only() {
    let ex = page("time_only.html", None);
    assert_eq!(
        ex.metadata.published.as_deref(),
        Some("2021-06-02T08:00:00Z")
    );
    assert_eq!(
        ex.metadata.published_method.as_deref(),
        Some("time-element")
    );
    assert!(ex.text.starts_with("Dredging of the inner harbour"));
    assert!(!ex.text.contains("Posted"), "{}", ex.text);
}

#[test]
fn url_date_only() {
    let url = "https://news.example/local/2022/03/15/library-reopens";
    let ex = page("url_date_only.html", Some(url));
    assert_eq!(ex.metadata.published.as_deref(), Some("2022-03-15"));
    assert_eq!(ex.metadata.published_method.as_deref(), Some("url"));
    assert_eq!(ex.metadata.url.as_deref(), Some(url));
    assert_eq!(
        ex.title.as_deref(),
        Some("Library reopens after flood repairs")
    );
    assert_eq!(paragraphs(&ex).len(), 2);
    // Without the URL there is no date at all: nothing is invented.
    let ex = page("url_date_only.html", None);
    assert_eq!(ex.metadata.published, None);
    assert_eq!(ex.metadata.published_method, None);
}

#[test]
fn visible_text_date_only() {
    let ex = page("text_date_only.html", None);
    assert_eq!(ex.metadata.published.as_deref(), Some("2021-11-03"));
    assert_eq!(ex.metadata.published_method.as_deref(), Some("text"));
    assert!(!ex.text.contains("Published"), "{}", ex.text);
}

#[test]
fn paywalled_teaser() {
    let ex = page("paywall_teaser.html", None);
    let t = ex
        .truncation
        .as_ref()
        .expect("teaser plus subscription call is truncated");
    assert_eq!(t.visible_fraction, None);
    assert!(
        t.evidence.contains("Subscribe to continue reading"),
        "{}",
        t.evidence
    );
    assert!(ex.text.starts_with("Carmakers idled plants"));
    assert!(!ex.text.contains("Subscribe"), "{}", ex.text);
    assert!(removed_kinds(&ex).contains(&"paywall"));
    assert_eq!(ex.metadata.site_name.as_deref(), Some("Market Weekly"));
    assert_eq!(ex.title.as_deref(), Some("Inside the chip shortage"));
}

#[test]
fn meter_notice() {
    let ex = page("meter_notice.html", None);
    let t = ex
        .truncation
        .as_ref()
        .expect("meter notice means truncated");
    let f = t.visible_fraction.expect("a stated percentage");
    assert!((f - 0.28).abs() < 1e-9, "{f}");
    assert!(t.evidence.contains("72%"));
    assert!(!ex.text.contains("left to read"));
    assert_eq!(
        ex.metadata.published.as_deref(),
        Some("2022-11-30T18:20:00Z")
    );
    assert_eq!(
        ex.metadata.published_method.as_deref(),
        Some("meta:parsely-pub-date")
    );
}

#[test]
fn multi_section_body_kept_whole() {
    let ex = page("multi_section.html", None);
    let p = paragraphs(&ex);
    assert_eq!(
        p,
        [
            "When the last tram ran in 1959, few residents expected to see rails in the streets again, yet sixty years later the network carries more passengers than the buses it replaced.",
            "The first new line opened in 2004, running from the railway station to the university, and it was full within months, according to figures from the transport authority.",
            "A second wave of building",
            "Encouraged by the numbers, the council approved three more lines in 2011, financed partly by a levy on large employers and partly by a national infrastructure grant.",
            "Construction closed the main shopping street for eighteen months, and traders still complain about the lost business, although footfall has since risen well above its earlier level.",
            "Planners now want to extend the network to the airport, a project that would need approval from two neighbouring councils and the regional government before work could start.",
        ]
    );
    let kinds = removed_kinds(&ex);
    for k in ["newsletter", "related-link", "comments"] {
        assert!(kinds.contains(&k), "{k} missing from {kinds:?}");
    }
    // Every removed entry names a stable rule.
    assert!(ex.removed.iter().all(|r| r.rule.starts_with("html.")));
    assert_eq!(ex.metadata.published.as_deref(), Some("2020-04-15"));
    assert_eq!(
        ex.metadata.published_method.as_deref(),
        Some("meta:pubdate")
    );
    assert_eq!(
        ex.title.as_deref(),
        Some("How the city rebuilt its tram network")
    );
    assert!(ex.truncation.is_none());
}

#[test]
fn byline_with_two_authors() {
    let ex = page("byline_and.html", None);
    assert_eq!(ex.metadata.authors, ["Maria Gonzalez", "Chen Wei"]);
    assert_eq!(ex.metadata.published.as_deref(), Some("2023-03-03"));
    assert_eq!(ex.metadata.language.as_deref(), Some("en-US"));
    let p = paragraphs(&ex);
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(p[0].starts_with("The worst drought"));
}

#[test]
fn staff_and_reading_time_are_not_authors() {
    let ex = page("byline_staff.html", None);
    assert!(ex.metadata.authors.is_empty(), "{:?}", ex.metadata.authors);
    assert_eq!(paragraphs(&ex).len(), 2);
}

#[test]
fn subscribe_links_in_navigation_are_not_a_paywall() {
    let ex = page("nav_subscribe.html", None);
    assert!(ex.truncation.is_none(), "{:?}", ex.truncation);
    assert_eq!(paragraphs(&ex).len(), 3);
    assert!(!ex.text.contains("Subscribe"));
    assert_eq!(ex.metadata.published.as_deref(), Some("2024-07-21"));
    assert_eq!(
        ex.title.as_deref(),
        Some("Volunteers count record number of swifts")
    );
}

#[test]
fn jsonld_article_body_when_dom_is_empty() {
    let ex = page("jsonld_body_only.html", None);
    assert_eq!(
        paragraphs(&ex),
        [
            "The expansion of the regional airport has been delayed for a third time, the operator said on Monday, citing rising construction costs.",
            "A new terminal had been due to open in 2021, but the operator now expects work to start no earlier than next year, pending a review of passenger forecasts.",
        ]
    );
    assert_eq!(ex.metadata.authors, ["Olu Adeyemi"]);
    assert_eq!(ex.metadata.published.as_deref(), Some("2019-02-11"));
}

#[test]
fn jsonld_not_free() {
    let ex = page("paywall_jsonld.html", None);
    let t = ex.truncation.as_ref().expect("isAccessibleForFree false");
    assert_eq!(t.visible_fraction, None);
    assert!(t.evidence.contains("isAccessibleForFree"), "{}", t.evidence);
    assert!(ex.text.starts_with("The central bank raised"));
}

#[test]
fn hostile_inputs_do_not_panic() {
    // Deep nesting: the walk is iterative, so 100k levels must not overflow the stack.
    let deep = format!(
        "{}<p>deep text here</p>{}",
        "<div>".repeat(100_000),
        "</div>".repeat(10)
    );
    let ex = extract(&deep, None);
    assert!(ex.text.contains("deep text here") || ex.text.is_empty());
    // Binary junk, broken JSON-LD, unclosed everything.
    let junk: String = (0u8..=255).map(char::from).cycle().take(20_000).collect();
    let _ = extract(&junk, Some("not a url"));
    let _ = extract(
        "<script type=application/ld+json>{\"@type\":\"NewsArticle\",\"author\":[[[[",
        Some("https://x/9999/99/99/"),
    );
    let _ = extract(
        "<html><body><p>unclosed <a href=x>link <time datetime=2024-13-45>",
        None,
    );
    // End tags that search far down the stack, links inside blocks inside links, tables
    // in tables: every search is bounded, so these stay fast.
    let t = std::time::Instant::now();
    let spans = format!(
        "<li><table>{}{}",
        "<span>".repeat(2900),
        "</li>".repeat(100_000)
    );
    let _ = extract(&spans, None);
    let _ = extract(&"<a href=x><div>".repeat(50_000), None);
    let _ = extract(&"<table><tr><td>".repeat(50_000), None);
    let _ = extract(&"<svg><p>x<math><b>".repeat(20_000), None);
    assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
}
