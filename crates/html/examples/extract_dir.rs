//! Runs [`sitrep_html::extract`] over a folder of `<id>.html.gz` (or `.html`) pages in one
//! process and writes `<id>.txt` files in the layout `score.py` reads.
//!
//! Usage: `extract_dir <html-dir> <out-dir> [ground-truth.json] [--meta]`. The ground truth, when
//! given, only supplies each page's URL (as a crawler would know it). Pages are read and
//! decompressed first; only the extraction calls are timed, over five passes, on one
//! thread. Both wall-clock and CPU time (so that a loaded machine does not distort the
//! comparison with other tools) are measured, each as the best pass, as
//! `bench/extraction/trafilatura_dir.py` does for trafilatura. CPU time per pass comes from
//! `/proc/thread-self/schedstat` (nanoseconds); without it, the mean over the passes from
//! `/proc/self/stat` (10 ms ticks). Prints
//! `pages <n> seconds <s> pages_per_s <r> cpu_seconds <c> cpu_pages_per_s <q>`; with `--meta`, also one line of
//! metadata per page (title, authors, date and method, site, language, truncation).

use std::io::Read;
use std::path::Path;
use std::time::Instant;

/// User plus system CPU time of this process, from `/proc/self/stat` (Linux, 100 ticks/s).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = after.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// CPU time of this thread in seconds, from `/proc/thread-self/schedstat` (Linux, nanoseconds).
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        return Err("usage: extract_dir <html-dir> <out-dir> [ground-truth.json]".into());
    }
    let (dir, out) = (Path::new(&args[1]), Path::new(&args[2]));
    let urls: serde_json::Value = match args.get(3) {
        Some(p) => serde_json::from_str(&std::fs::read_to_string(p)?)?,
        None => serde_json::Value::Null,
    };
    let mut pages: Vec<(String, String)> = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let p = e.path();
        let name = p
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let (id, gz) = if let Some(id) = name.strip_suffix(".html.gz") {
            (id.to_string(), true)
        } else if let Some(id) = name.strip_suffix(".html") {
            (id.to_string(), false)
        } else {
            continue;
        };
        let raw = std::fs::read(&p)?;
        let mut bytes = Vec::new();
        if gz {
            flate2::read::GzDecoder::new(&raw[..]).read_to_end(&mut bytes)?;
        } else {
            bytes = raw;
        }
        pages.push((id, String::from_utf8_lossy(&bytes).into_owned()));
    }
    std::fs::create_dir_all(out)?;
    // Wall clock and CPU time: best of the passes (CPU falls back to the mean over all passes
    // when only the 10 ms process clock is available).
    const PASSES: usize = 5;
    let mut best = f64::INFINITY;
    let mut best_thread_cpu = f64::INFINITY;
    let mut texts: Vec<String> = Vec::new();
    let cpu_start = cpu_seconds();
    for _ in 0..PASSES {
        texts.clear();
        let pass_cpu = thread_cpu_seconds();
        let t = Instant::now();
        for (id, html) in &pages {
            let url = urls
                .get(id)
                .and_then(|v| v.get("url"))
                .and_then(|u| u.as_str());
            texts.push(sitrep_html::extract(html, url).text);
        }
        best = best.min(t.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (pass_cpu, thread_cpu_seconds()) {
            best_thread_cpu = best_thread_cpu.min(b - a);
        }
    }
    let mut best_cpu = if best_thread_cpu.is_finite() {
        best_thread_cpu
    } else {
        match (cpu_start, cpu_seconds()) {
            (Some(a), Some(b)) => (b - a) / PASSES as f64,
            _ => f64::INFINITY,
        }
    };
    for ((id, _), text) in pages.iter().zip(&texts) {
        std::fs::write(out.join(format!("{id}.txt")), text)?;
    }
    if args.iter().any(|a| a == "--meta") {
        for (id, html) in &pages {
            let url = urls
                .get(id)
                .and_then(|v| v.get("url"))
                .and_then(|u| u.as_str());
            let ex = sitrep_html::extract(html, url);
            let m = &ex.metadata;
            println!(
                "{}\t{:?}\t{:?}\t{:?}\t{:?}\t{:?}\t{:?}\t{:?}",
                &id[..8],
                ex.title,
                m.authors,
                m.published,
                m.published_method,
                m.site_name,
                m.language,
                ex.truncation.map(|t| t.evidence)
            );
        }
    }
    if !best_cpu.is_finite() {
        best_cpu = best;
    }
    println!(
        "pages {} seconds {:.3} pages_per_s {:.1} cpu_seconds {:.3} cpu_pages_per_s {:.1}",
        pages.len(),
        best,
        pages.len() as f64 / best,
        best_cpu,
        pages.len() as f64 / best_cpu
    );
    Ok(())
}
