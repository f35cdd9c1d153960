//! The loopback listener, the state its connections share, and the handle tests hold.

use std::collections::HashSet;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::{JoinHandle, JoinSet};

use crate::config::SimConfig;
use crate::corpus::{Catalog, Corpus};
use crate::error::Error;
use crate::fair_access::{Gate, Verdict};
use crate::faults::{Faults, Plan};
use crate::reply::Reply;
use crate::request_log::{Fault, RequestLog, RequestRecord};
use crate::routes::{self, RouteContext};

/// Everything a connection task needs.
#[derive(Debug)]
pub(crate) struct Shared {
    pub catalog: Catalog,
    pub config: SimConfig,
    pub gate: Gate,
    pub faults: Faults,
    pub log: RequestLog,
    pub started: Instant,
    /// Requests arrived so far (every one, answered or not).
    pub arrivals: AtomicU64,
    /// Accessions answered 503 on every request.
    pub failing: Mutex<HashSet<String>>,
}

impl Shared {
    /// The answer to one request and, if it passed the fair-access gate, its fault plan.
    pub fn answer(
        &self,
        peer: SocketAddr,
        method: &str,
        path: &str,
        user_agent: Option<&str>,
        now: Instant,
    ) -> (Reply, Option<Plan>) {
        let nth = self.arrivals.fetch_add(1, Ordering::SeqCst) + 1;
        if let Some(block) = self.config.foreign_block.filter(|b| b.at_request == nth) {
            tracing::warn!(
                request = nth,
                "another client on this address is blocked: so is everyone"
            );
            self.gate.block_for(now, block.lasts);
        }
        let undeclared_now = self
            .config
            .undeclared_from_request
            .is_some_and(|from| nth >= from);
        match self.gate.admit(peer.ip(), user_agent, now) {
            Verdict::Blocked => {
                let answer = self.config.threshold.unwrap_or_default().answer;
                return (
                    Reply::html(answer.status(), crate::pages::threshold()),
                    None,
                );
            }
            Verdict::Undeclared => return (Reply::html(403, crate::pages::undeclared()), None),
            Verdict::Pass if undeclared_now => {
                return (Reply::html(403, crate::pages::undeclared()), None)
            }
            Verdict::Pass => {}
        }
        let mut plan = self.faults.draw();
        if self.is_failing(path) {
            plan.fault = Some(Fault::ServerError);
            plan.error_status = 503;
        }
        let reply = match plan.fault {
            Some(Fault::ServerError) => Reply::html(
                plan.error_status,
                crate::pages::server_error(plan.error_status),
            ),
            Some(Fault::RetryAfter) => Reply {
                retry_after: Some(1),
                ..Reply::html(429, crate::pages::server_error(429))
            },
            _ if method != "GET" && method != "HEAD" => {
                Reply::html(405, crate::pages::server_error(405))
            }
            _ => {
                let context = RouteContext {
                    recent_limit: self.config.recent_limit,
                    today: chrono::Utc::now().date_naive(),
                };
                routes::route(&self.catalog, context, path)
            }
        };
        (reply, Some(plan))
    }
}

impl Shared {
    fn is_failing(&self, path: &str) -> bool {
        let failing = self.failing.lock().unwrap_or_else(|e| e.into_inner());
        failing
            .iter()
            .any(|a| path.contains(a.as_str()) || path.contains(&a.replace('-', "")))
    }
}

/// A running simulator. Dropping it stops the server too; `shutdown` waits until it has.
#[derive(Debug)]
pub struct SimHandle {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

/// Start the simulator on a free loopback port.
pub async fn start(corpus: Corpus, config: SimConfig) -> Result<SimHandle, Error> {
    start_on(corpus, config, 0).await
}

/// Start the simulator on `127.0.0.1:port` (0 picks a free port). Never binds beyond loopback.
pub async fn start_on(corpus: Corpus, config: SimConfig, port: u16) -> Result<SimHandle, Error> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port))
        .await
        .map_err(|source| Error::Bind { port, source })?;
    let addr = listener
        .local_addr()
        .map_err(|source| Error::Bind { port, source })?;
    let config_failing: HashSet<String> = config.failing_accessions.iter().cloned().collect();
    let shared = Arc::new(Shared {
        catalog: Catalog::new(corpus),
        gate: Gate::new(config.threshold),
        faults: Faults::new(&config),
        config,
        log: RequestLog::default(),
        started: Instant::now(),
        arrivals: AtomicU64::new(0),
        failing: Mutex::new(config_failing),
    });
    let (stop, stopped) = oneshot::channel();
    let task = tokio::spawn(accept_loop(listener, Arc::clone(&shared), stopped));
    tracing::info!(%addr, "EDGAR simulator listening");
    Ok(SimHandle {
        addr,
        shared,
        stop,
        task,
    })
}

async fn accept_loop(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut stopped: oneshot::Receiver<()>,
) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            // A send or a dropped handle both end the server.
            _ = &mut stopped => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    connections.spawn(crate::http::serve_connection(stream, peer, Arc::clone(&shared)));
                }
                Err(error) => tracing::warn!(%error, "accept failed"),
            },
        }
        while connections.try_join_next().is_some() {}
    }
    connections.shutdown().await;
    tracing::info!("EDGAR simulator stopped");
}

impl SimHandle {
    /// The bound loopback address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Base URL standing in for `https://www.sec.gov` (serves `/Archives/...`).
    pub fn www_base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Base URL standing in for `https://data.sec.gov` (serves `/submissions/...`); the same server.
    pub fn data_base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every request so far, in arrival order.
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.shared.log.snapshot()
    }

    /// The most requests that arrived within any one `window` (half-open `[t, t + window)`).
    pub fn max_in_window(&self, window: Duration) -> usize {
        self.shared.log.max_in_window(window)
    }

    /// Begin a rate-threshold episode now, as if the client had gone over the limit.
    pub fn block_now(&self) {
        self.shared.gate.block_now(Instant::now());
    }

    /// Begin a rate-threshold episode with the next request to arrive, whenever it comes.
    pub fn block_next_request(&self) {
        self.shared.gate.block_next();
    }

    /// Answer every request naming `accession` with a 503 from now on.
    pub fn fail_filing(&self, accession: &str) {
        let mut failing = self
            .shared
            .failing
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        failing.insert(accession.to_string());
    }

    /// Serve `accession` normally again.
    pub fn heal_filing(&self, accession: &str) {
        let mut failing = self
            .shared
            .failing
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        failing.remove(accession);
    }

    /// Stop accepting, close every connection, and wait until the server is gone.
    pub async fn shutdown(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}
