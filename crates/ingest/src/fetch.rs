//! Polite HTTP: robots.txt is obeyed, each host gets at most one request per delay, every
//! request has a timeout and a user agent naming sitrep, and bodies are size-capped.

use std::collections::HashMap;
use std::io::Read;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use texting_robots::Robot;

use crate::IngestError;

/// How to fetch.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// The `User-Agent` header; its first word (before `/`) is the robots.txt agent token.
    pub user_agent: String,
    /// Whole-request timeout (connect, headers and body).
    pub timeout: Duration,
    /// Minimum time between two requests to the same host (a robots.txt `Crawl-delay` can
    /// make it longer).
    pub host_delay: Duration,
    /// Largest body read; longer ones are an error rather than unbounded memory.
    pub max_bytes: u64,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            user_agent: format!(
                "sitrep/{} (news event coder; +https://example.invalid/sitrep)",
                env!("CARGO_PKG_VERSION")
            ),
            timeout: Duration::from_secs(30),
            host_delay: Duration::from_secs(1),
            max_bytes: 20 << 20,
        }
    }
}

/// A shared, thread-safe fetcher.
pub struct Fetcher {
    client: reqwest::blocking::Client,
    options: FetchOptions,
    agent: String,
    robots: Mutex<HashMap<String, Arc<OnceLock<Option<Robot>>>>>,
    next_slot: Mutex<HashMap<String, Instant>>,
}

impl std::fmt::Debug for Fetcher {
    // `Robot` has no Debug; the options say what matters.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetcher")
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl Fetcher {
    /// A fetcher with its own HTTP client (rustls with the ring provider, system roots).
    pub fn new(options: FetchOptions) -> Result<Fetcher, IngestError> {
        use rustls_platform_verifier::BuilderVerifierExt;
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .and_then(|b| b.with_platform_verifier())
            .map_err(|e| IngestError::Http(format!("TLS setup: {e}")))?
            .with_no_client_auth();
        let client = reqwest::blocking::Client::builder()
            .tls_backend_preconfigured(tls)
            .user_agent(options.user_agent.clone())
            .timeout(options.timeout)
            .connect_timeout(options.timeout.min(Duration::from_secs(10)))
            .redirect(reqwest::redirect::Policy::limited(5))
            .build()
            .map_err(|e| IngestError::Http(format!("HTTP client: {e}")))?;
        let agent = options
            .user_agent
            .split(['/', ' '])
            .next()
            .unwrap_or("sitrep")
            .to_string();
        Ok(Fetcher {
            client,
            options,
            agent,
            robots: Mutex::new(HashMap::new()),
            next_slot: Mutex::new(HashMap::new()),
        })
    }

    /// The body at `url`, if robots.txt allows it; errors are one-line reasons.
    pub fn get(&self, url: &str) -> Result<Vec<u8>, String> {
        let origin = origin(url).ok_or_else(|| "not an http(s) URL".to_string())?;
        let cell = {
            let mut map = self
                .robots
                .lock()
                .map_err(|_| "fetcher state poisoned".to_string())?;
            Arc::clone(map.entry(origin.clone()).or_default())
        };
        // Threads asking for the same host wait here for one robots.txt fetch.
        let robot = cell.get_or_init(|| self.robots_for(&origin));
        let delay = match robot {
            Some(robot) if !robot.allowed(url) => {
                return Err("disallowed by robots.txt".to_string());
            }
            Some(robot) => robot
                .delay
                .filter(|d| d.is_finite() && *d > 0.0)
                .map(|d| Duration::from_secs_f32(d.min(60.0)))
                .unwrap_or_default()
                .max(self.options.host_delay),
            None => return Err("robots.txt could not be read; not fetching".to_string()),
        };
        self.wait_turn(&origin, delay);
        self.fetch(url)
    }

    /// robots.txt for an origin: `Some(robot)` to follow, or `None` when the server failed
    /// (5xx, network), which by the usual convention means do not crawl. A missing file
    /// (4xx) allows everything.
    fn robots_for(&self, origin: &str) -> Option<Robot> {
        self.wait_turn(origin, self.options.host_delay);
        let url = format!("{origin}/robots.txt");
        let response = self.client.get(&url).send().ok()?;
        let status = response.status();
        if status.is_client_error() {
            return Robot::new(&self.agent, b"").ok();
        }
        if !status.is_success() {
            return None;
        }
        let body = read_capped(response, self.options.max_bytes).ok()?;
        // An unparsable file is treated like an empty one.
        Robot::new(&self.agent, &body)
            .or_else(|_| Robot::new(&self.agent, b""))
            .ok()
    }

    fn wait_turn(&self, origin: &str, delay: Duration) {
        let wait = {
            let Ok(mut slots) = self.next_slot.lock() else {
                return;
            };
            let now = Instant::now();
            let slot = slots
                .get(origin)
                .copied()
                .filter(|t| *t > now)
                .unwrap_or(now);
            slots.insert(origin.to_string(), slot + delay);
            slot.saturating_duration_since(now)
        };
        if !wait.is_zero() {
            std::thread::sleep(wait);
        }
    }

    fn fetch(&self, url: &str) -> Result<Vec<u8>, String> {
        let response = self.client.get(url).send().map_err(describe)?;
        let status = response.status();
        if !status.is_success() {
            return Err(format!("HTTP {status}"));
        }
        read_capped(response, self.options.max_bytes)
    }
}

fn read_capped(response: reqwest::blocking::Response, max: u64) -> Result<Vec<u8>, String> {
    let mut body = Vec::new();
    response
        .take(max + 1)
        .read_to_end(&mut body)
        .map_err(|e| format!("reading body: {e}"))?;
    if body.len() as u64 > max {
        return Err(format!("body larger than {max} bytes"));
    }
    Ok(body)
}

fn describe(e: reqwest::Error) -> String {
    if e.is_timeout() {
        "timed out".to_string()
    } else if e.is_connect() {
        "could not connect".to_string()
    } else {
        // reqwest's Display names the URL; the item name already does.
        e.without_url().to_string()
    }
}

/// `scheme://host[:port]` of an http(s) URL.
pub(crate) fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    (!host.is_empty()).then(|| {
        format!(
            "{}://{}",
            scheme.to_ascii_lowercase(),
            host.to_ascii_lowercase()
        )
    })
}

/// The host name of a URL, without `www.` and port (a source name).
pub(crate) fn host(url: &str) -> Option<String> {
    let origin = origin(url)?;
    let host = origin.split_once("://")?.1;
    let host = host.rsplit_once(':').map_or(host, |(h, port)| {
        if port.chars().all(|c| c.is_ascii_digit()) {
            h
        } else {
            host
        }
    });
    Some(host.strip_prefix("www.").unwrap_or(host).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_and_hosts() {
        assert_eq!(
            origin("https://WWW.Example.com/a/b?c").as_deref(),
            Some("https://www.example.com")
        );
        assert_eq!(
            origin("http://127.0.0.1:8080/x").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(origin("ftp://x/y"), None);
        assert_eq!(
            host("https://www.example.com/a").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            host("http://127.0.0.1:8080/x").as_deref(),
            Some("127.0.0.1")
        );
    }
}
