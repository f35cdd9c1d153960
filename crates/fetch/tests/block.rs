//! SEC's block waited out, never extended; one request budget for every client of the user.

mod support;

use std::sync::Arc;
use std::time::Duration;

use futures_util::stream::{self, StreamExt};
use remit_edgar_sim::{start, ForeignBlock, SimConfig, Threshold};
use remit_fetch::{ClientConfig, Edgar, Error};
use support::{client_config, corpus_of, filing_ref, imh_filings, IMH_CIK};

/// Fetches every filing, many callers at once; the results by accession order.
async fn fetch_all(edgar: &Arc<Edgar>, filings: &[(String, String)]) -> Vec<Result<usize, Error>> {
    stream::iter(filings.iter().map(|(accession, _)| {
        let edgar = Arc::clone(edgar);
        let filing = filing_ref(IMH_CIK, accession);
        async move { edgar.fetch_submission(&filing).await.map(|b| b.len()) }
    }))
    .buffer_unordered(16)
    .collect()
    .await
}

/// Another client on the address brings a block on at the 20th request, lasting 1.5 s after the
/// last request asked during it, longer than the 1 s cool-down: the first probe is refused (and
/// restarts the block); the next, after twice the cool-down, gets through. Every filing lands,
/// and only the requests in flight plus one probe per back-off step were refused.
#[tokio::test]
async fn a_block_longer_than_the_cooldown_is_waited_out_with_single_probes() {
    let filings = imh_filings(40);
    let config = SimConfig {
        latency: (Duration::from_millis(40), Duration::from_millis(60)),
        foreign_block: Some(ForeignBlock {
            at_request: 20,
            lasts: Duration::from_millis(1500),
        }),
        ..SimConfig::default()
    };
    let sim = start(corpus_of(&filings), config).await.expect("simulator");
    let client = ClientConfig {
        cooldown: Duration::from_secs(1),
        max_probe_interval: Duration::from_secs(4),
        ..client_config(sim.www_base(), sim.data_base())
    };
    let concurrency = client.concurrency;
    let edgar = Arc::new(Edgar::new(client).expect("client"));
    let results = fetch_all(&edgar, &filings).await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");

    let records = sim.requests();
    let refused: Vec<_> = records.iter().filter(|r| r.status == 403).collect();
    // Requests in flight when the block began come back within one latency of the first
    // refusal; any refusal later than a cool-down after it was a probe.
    let first_refusal = refused.first().map(|r| r.at).unwrap_or_default();
    let refused_probes = refused
        .iter()
        .filter(|r| r.at >= first_refusal + Duration::from_secs(1))
        .count();
    eprintln!(
        "measured: {} requests, {} refused ({} refused probes, {} in flight at most)",
        records.len(),
        refused.len(),
        refused_probes,
        concurrency
    );
    assert!(refused_probes >= 1, "the block outlasted the cool-down");
    assert!(
        refused.len() <= concurrency + refused_probes,
        "{} refused with {concurrency} in flight and {refused_probes} refused probes",
        refused.len()
    );
    // After the first refusal, every request until the block ended was a lone probe: any two
    // requests from then on until the last refusal are at least a cool-down apart, except those
    // already in flight (sent before the first refused answer came back).
    let in_flight_until = first_refusal + Duration::from_millis(60);
    let last_refusal = refused.last().map(|r| r.at).unwrap_or_default();
    let probes: Vec<_> = records
        .iter()
        .filter(|r| r.at > in_flight_until && r.at <= last_refusal + Duration::from_secs(5))
        .take(refused_probes + 1)
        .collect();
    for pair in probes.windows(2) {
        assert!(
            pair[1].at >= pair[0].at + Duration::from_secs(1),
            "two requests {:?} apart during the block",
            pair[1].at - pair[0].at
        );
    }
    assert_eq!(edgar.stats().fetched, 40);
    sim.shutdown().await;
}

/// A block that outlasts the configured limit stops every request with `Error::Blocked`, which
/// says when to try again; nothing is asked after the give-up.
#[tokio::test]
async fn a_block_past_the_limit_stops_with_when_to_retry() {
    let filings = imh_filings(12);
    let config = SimConfig {
        foreign_block: Some(ForeignBlock {
            at_request: 3,
            lasts: Duration::from_secs(60),
        }),
        ..SimConfig::default()
    };
    let sim = start(corpus_of(&filings), config).await.expect("simulator");
    let client = ClientConfig {
        cooldown: Duration::from_millis(500),
        max_probe_interval: Duration::from_secs(1),
        block_limit: Duration::from_secs(2),
        ..client_config(sim.www_base(), sim.data_base())
    };
    let edgar = Arc::new(Edgar::new(client).expect("client"));
    let results = fetch_all(&edgar, &filings).await;
    let blocked: Vec<&Error> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert!(!blocked.is_empty());
    assert!(blocked
        .iter()
        .all(|e| e.is_blocked() && e.is_fatal() && e.is_network()));
    let message = blocked[0].to_string();
    assert!(message.contains("Try again after"), "{message}");
    assert!(message.contains("limit of 2s"), "{message}");
    let refused = sim.requests().iter().filter(|r| r.status == 403).count();
    let count = sim.requests().len();
    // 2 served, the in-flight ones refused, then probes at 0.5 s, +1 s, +1 s: a handful.
    assert!(refused <= 6 + 3, "{refused} refused");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(sim.requests().len(), count, "nothing asked after giving up");
    sim.shutdown().await;
}

/// Two clients (as two processes would) sharing one budget directory, both going full speed at
/// one address: together they stay within 10 in any second, and nobody is blocked.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_clients_with_one_budget_never_add_up_past_the_limit() {
    let filings = imh_filings(24);
    let config = SimConfig {
        latency: (Duration::from_millis(20), Duration::from_millis(40)),
        threshold: Some(Threshold::default()),
        arrival_jitter: Duration::from_millis(50),
        seed: 4,
        ..SimConfig::default()
    };
    let sim = start(corpus_of(&filings), config).await.expect("simulator");
    let shared = tempfile::tempdir().expect("temp dir");
    let client = || {
        let config = ClientConfig {
            budget_dir: Some(shared.path().to_path_buf()),
            ..client_config(sim.www_base(), sim.data_base())
        };
        Arc::new(Edgar::new(config).expect("client"))
    };
    let (a, b) = (client(), client());
    let (first, second) = filings.split_at(12);
    let (ra, rb) = tokio::join!(fetch_all(&a, first), fetch_all(&b, second));
    assert!(ra.iter().chain(&rb).all(Result::is_ok));
    let most = sim.max_in_window(Duration::from_secs(1));
    eprintln!("measured: two clients, one budget: at most {most} requests in any second");
    assert!(most <= 10, "{most} requests in one second");
    assert!(sim.requests().iter().all(|r| r.status == 200));
    sim.shutdown().await;
}
