//! SEC's fair-access behaviour: undeclared tools, the rate threshold and its lock-out.

mod support;

use std::time::Duration;

use remit_edgar_sim::{start, BlockAnswer, SimConfig, Threshold};
use support::*;

const PATH: &str = "/submissions/CIK0001017447.json";
const THRESHOLD_TITLE: &str = "<title>SEC.gov | Request Rate Threshold Exceeded</title>";

fn threshold(lockout_ms: u64, answer: BlockAnswer) -> SimConfig {
    SimConfig {
        threshold: Some(Threshold {
            limit_per_sec: 10,
            lockout: Duration::from_millis(lockout_ms),
            answer,
        }),
        ..SimConfig::default()
    }
}

#[tokio::test]
async fn undeclared_tools_get_403() {
    let sim = start(corpus(), SimConfig::default()).await.unwrap();
    let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    for ua in [None, Some(firefox)] {
        let answer = get_as(sim.addr(), PATH, ua).await.unwrap();
        assert_eq!(answer.status, 403, "{ua:?}");
        assert!(answer.text().contains("Undeclared Automated Tool"));
        assert!(!answer.text().contains(THRESHOLD_TITLE));
    }
    let records = sim.requests();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].user_agent, None);
    assert_eq!(records[1].user_agent.as_deref(), Some(firefox));
    assert!(records.iter().all(|r| r.status == 403 && r.path == PATH));
    sim.shutdown().await;
}

/// Eleven requests in a burst: the eleventh is over the limit. Asking during the block extends
/// it; after a quiet lockout the client is served again.
async fn threshold_episode(answer: BlockAnswer, status: u16) {
    let lockout = 1_000;
    let sim = start(corpus(), threshold(lockout, answer)).await.unwrap();
    let mut statuses = Vec::new();
    for _ in 0..11 {
        statuses.push(get(sim.addr(), PATH).await);
    }
    assert!(
        sim.max_in_window(Duration::from_secs(1)) == 11,
        "the burst must arrive within one second for this test to mean anything"
    );
    assert!(statuses[..10].iter().all(|a| a.status == 200));
    let blocked = &statuses[10];
    assert_eq!(blocked.status, status);
    assert!(blocked.text().contains(THRESHOLD_TITLE));
    assert_eq!(blocked.header("retry-after"), None);
    // Still blocked: and each of these requests restarts the lockout.
    for _ in 0..3 {
        tokio::time::sleep(Duration::from_millis(lockout / 2)).await;
        let again = get(sim.addr(), PATH).await;
        assert_eq!(
            again.status, status,
            "a request during the block is refused"
        );
        assert!(again.text().contains(THRESHOLD_TITLE));
    }
    tokio::time::sleep(Duration::from_millis(lockout + 300)).await;
    assert_eq!(
        get(sim.addr(), PATH).await.status,
        200,
        "block lifted after quiet"
    );
    let records = sim.requests();
    assert_eq!(records.len(), 15);
    assert_eq!(
        records.iter().filter(|r| r.status == status).count(),
        4,
        "the eleventh and the three during the block"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn threshold_blocks_with_403_until_quiet() {
    threshold_episode(BlockAnswer::Forbidden403, 403).await;
}

#[tokio::test]
async fn threshold_blocks_with_429_without_retry_after() {
    threshold_episode(BlockAnswer::TooMany429, 429).await;
}

#[tokio::test]
async fn block_now_starts_an_episode() {
    let sim = start(corpus(), threshold(800, BlockAnswer::Forbidden403))
        .await
        .unwrap();
    assert_eq!(get(sim.addr(), PATH).await.status, 200);
    sim.block_now();
    let blocked = get(sim.addr(), PATH).await;
    assert_eq!(blocked.status, 403);
    assert!(blocked.text().contains(THRESHOLD_TITLE));
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    assert_eq!(get(sim.addr(), PATH).await.status, 200);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_block_of_the_next_request_waits_for_it() {
    let sim = start(corpus(), threshold(300, BlockAnswer::Forbidden403))
        .await
        .unwrap();
    sim.block_next_request();
    // Longer than the lockout: a block begun now would have lifted.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(get(sim.addr(), PATH).await.status, 403);
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(get(sim.addr(), PATH).await.status, 200);
    sim.shutdown().await;
}

#[tokio::test]
async fn ten_requests_in_a_burst_are_within_the_limit() {
    let sim = start(corpus(), threshold(60_000, BlockAnswer::Forbidden403))
        .await
        .unwrap();
    for _ in 0..10 {
        assert_eq!(get(sim.addr(), PATH).await.status, 200);
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn max_in_window_counts_every_request() {
    let sim = start(
        corpus(),
        SimConfig {
            threshold: None,
            ..SimConfig::default()
        },
    )
    .await
    .unwrap();
    for _ in 0..15 {
        get(sim.addr(), PATH).await;
    }
    // Without a threshold nothing stops a burst; the log sees all of it.
    assert_eq!(sim.requests().len(), 15);
    assert_eq!(sim.max_in_window(Duration::from_secs(3600)), 15);
    assert_eq!(sim.max_in_window(Duration::ZERO), 0);
    let records = sim.requests();
    assert!(records.windows(2).all(|w| w[0].at <= w[1].at));
    assert!(records.iter().all(|r| r.user_agent.as_deref() == Some(UA)));
    sim.shutdown().await;
}

/// Another client on the same address: from the K-th request every client is refused, and each
/// request during the block restarts it; after a quiet `lasts` the block is over.
#[tokio::test]
async fn a_foreign_block_starts_at_the_kth_request_and_extends_while_asked() {
    let config = SimConfig {
        threshold: None,
        foreign_block: Some(remit_edgar_sim::ForeignBlock {
            at_request: 3,
            lasts: Duration::from_millis(400),
        }),
        ..SimConfig::default()
    };
    let sim = start(corpus(), config).await.unwrap();
    let mut statuses = Vec::new();
    for _ in 0..4 {
        statuses.push(get(sim.addr(), PATH).await.status);
    }
    assert_eq!(statuses, [200, 200, 403, 403]);
    // Asked again 300 ms later: still blocked (restarted by the 4th request), and restarted again.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(get(sim.addr(), PATH).await.status, 403);
    tokio::time::sleep(Duration::from_millis(450)).await;
    assert_eq!(get(sim.addr(), PATH).await.status, 200);
    sim.shutdown().await;
}

#[tokio::test]
async fn undeclared_from_the_kth_request_and_failing_filings() {
    let texts = corpus_texts();
    let accession = texts[0]
        .lines()
        .find_map(|l| l.strip_prefix("ACCESSION NUMBER:"))
        .map(|a| a.trim().to_string())
        .expect("accession");
    let config = SimConfig {
        undeclared_from_request: Some(4),
        failing_accessions: vec![accession.clone()],
        ..SimConfig::default()
    };
    let sim = start(corpus(), config).await.unwrap();
    let path = format!("/Archives/edgar/data/1017447/{accession}.txt");
    assert_eq!(get(sim.addr(), &path).await.status, 503);
    sim.heal_filing(&accession);
    assert_eq!(get(sim.addr(), &path).await.status, 200);
    sim.fail_filing(&accession);
    assert_eq!(get(sim.addr(), &path).await.status, 503);
    let fourth = get(sim.addr(), PATH).await;
    assert_eq!(fourth.status, 403);
    assert!(fourth.text().contains("Undeclared Automated Tool"));
    assert!(!fourth.text().contains(THRESHOLD_TITLE));
    sim.shutdown().await;
}

/// Arrivals are delayed by up to the jitter and counted where they arrive: requests sent
/// back to back arrive unevenly spaced, each no earlier than sent.
#[tokio::test]
async fn arrival_jitter_delays_each_request_up_to_the_bound() {
    let config = SimConfig {
        arrival_jitter: Duration::from_millis(50),
        seed: 5,
        ..SimConfig::default()
    };
    let sim = start(corpus(), config).await.unwrap();
    let started = std::time::Instant::now();
    let mut sent = Vec::new();
    for _ in 0..12 {
        sent.push(started.elapsed());
        get(sim.addr(), PATH).await;
    }
    let records = sim.requests();
    assert_eq!(records.len(), 12);
    let delays: Vec<Duration> = records
        .iter()
        .zip(&sent)
        .map(|(r, s)| r.at.saturating_sub(*s))
        .collect();
    // The simulator's clock started a little before ours: allow it a few ms either way.
    assert!(
        delays.iter().all(|d| *d <= Duration::from_millis(60)),
        "{delays:?}"
    );
    assert!(
        delays.iter().any(|d| *d >= Duration::from_millis(10)),
        "no arrival was delayed: {delays:?}"
    );
    sim.shutdown().await;
}
