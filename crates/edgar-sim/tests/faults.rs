//! Injected faults appear at about their configured shares, and look the way the network does.

mod support;

use std::time::Duration;

use remit_edgar_sim::{start, Fault, SimConfig};
use support::*;

const PATH: &str = "/Archives/edgar/data/1017447/000102024202000466/0001020242-02-000466.txt";

#[tokio::test]
async fn faults_at_configured_rates_with_a_fixed_seed() {
    let config = SimConfig {
        error_rate: 0.20,
        truncate_rate: 0.10,
        reset_rate: 0.10,
        retry_after_rate: 0.10,
        threshold: None,
        seed: 42,
        ..SimConfig::default()
    };
    let sim = start(corpus(), config).await.unwrap();
    let full = corpus_texts()[1].clone().into_bytes();
    let (mut ok, mut server_errors, mut truncated, mut resets, mut polite) = (0, 0, 0, 0, 0);
    for _ in 0..400 {
        match get_as(sim.addr(), PATH, Some(UA)).await {
            None => resets += 1,
            Some(a) if [500, 502, 503].contains(&a.status) => {
                assert!(a.text().contains("<html"));
                server_errors += 1;
            }
            Some(a) if a.status == 429 => {
                assert_eq!(a.header("retry-after"), Some("1"));
                polite += 1;
            }
            Some(a) => {
                assert_eq!(a.status, 200);
                assert_eq!(a.declared_len(), Some(full.len()));
                if a.body.len() < full.len() {
                    assert_eq!(a.body, full[..a.body.len()], "a cut body is a prefix");
                    truncated += 1;
                } else {
                    assert_eq!(a.body, full);
                    ok += 1;
                }
            }
        }
    }
    // Expected 80 / 40 / 40 / 40 / 200 of 400; the bounds are loose on purpose.
    assert!((50..=110).contains(&server_errors), "5xx {server_errors}");
    assert!((20..=60).contains(&truncated), "truncated {truncated}");
    assert!((20..=60).contains(&resets), "resets {resets}");
    assert!((20..=60).contains(&polite), "429 {polite}");
    assert!((150..=250).contains(&ok), "ok {ok}");
    // The log agrees with what the client saw.
    let records = sim.requests();
    let logged = |fault| records.iter().filter(|r| r.fault == Some(fault)).count();
    assert_eq!(logged(Fault::Reset), resets);
    assert_eq!(logged(Fault::Truncated), truncated);
    assert_eq!(logged(Fault::ServerError), server_errors);
    assert_eq!(logged(Fault::RetryAfter), polite);
    assert!(records
        .iter()
        .filter(|r| r.fault == Some(Fault::Reset))
        .all(|r| r.status == 0));
    sim.shutdown().await;
}

#[tokio::test]
async fn same_seed_gives_the_same_fault_sequence() {
    let config = SimConfig {
        error_rate: 0.3,
        reset_rate: 0.2,
        threshold: None,
        seed: 9,
        ..SimConfig::default()
    };
    let mut runs = Vec::new();
    for _ in 0..2 {
        let sim = start(corpus(), config.clone()).await.unwrap();
        for _ in 0..40 {
            get_as(sim.addr(), PATH, Some(UA)).await;
        }
        runs.push(sim.requests().iter().map(|r| r.status).collect::<Vec<_>>());
        sim.shutdown().await;
    }
    assert_eq!(runs[0], runs[1]);
    assert!(runs[0].contains(&0) && runs[0].iter().any(|s| *s >= 500));
}

#[tokio::test]
async fn slow_bodies_and_latency_still_arrive_whole() {
    let config = SimConfig {
        latency: (Duration::from_millis(5), Duration::from_millis(20)),
        slow_body: Some(Duration::from_millis(100)),
        threshold: None,
        ..SimConfig::default()
    };
    let sim = start(corpus(), config).await.unwrap();
    let answer = get(sim.addr(), PATH).await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body, corpus_texts()[1].as_bytes());
    sim.shutdown().await;
}

#[tokio::test]
async fn faults_spare_the_fair_access_answers() {
    let config = SimConfig {
        reset_rate: 1.0,
        ..SimConfig::default()
    };
    let sim = start(corpus(), config).await.unwrap();
    let undeclared = get_as(sim.addr(), PATH, None)
        .await
        .expect("an answer, not a reset");
    assert_eq!(undeclared.status, 403);
    assert!(get_as(sim.addr(), PATH, Some(UA)).await.is_none());
    sim.shutdown().await;
}
