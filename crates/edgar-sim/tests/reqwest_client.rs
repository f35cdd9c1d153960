//! The simulator as the project's own HTTP client (reqwest, pooled keep-alive) sees it.

mod support;

use std::time::Duration;

use remit_edgar_sim::{start, Fault, SimConfig};
use support::*;

const PATH: &str = "/Archives/edgar/data/1017447/000102024202000466/0001020242-02-000466.txt";

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .user_agent(UA)
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

#[tokio::test]
async fn pooled_client_gets_whole_bodies_and_sees_every_fault_as_an_error() {
    let config = SimConfig {
        truncate_rate: 0.15,
        reset_rate: 0.15,
        threshold: None,
        seed: 3,
        ..SimConfig::default()
    };
    let sim = start(corpus(), config).await.unwrap();
    let client = client();
    let full = corpus_texts()[1].clone();
    let (mut whole, mut failed) = (0, 0);
    for _ in 0..120 {
        let outcome = async {
            let response = client
                .get(format!("{}{PATH}", sim.www_base()))
                .send()
                .await?;
            response.error_for_status()?.text().await
        }
        .await;
        match outcome {
            Ok(body) => {
                assert_eq!(body, full, "a body that arrives is whole");
                whole += 1;
            }
            Err(_) => failed += 1,
        }
    }
    let records = sim.requests();
    let faulted = records
        .iter()
        .filter(|r| matches!(r.fault, Some(Fault::Reset | Fault::Truncated)))
        .count();
    // Every injected fault surfaced as an error; nothing else failed.
    assert_eq!(failed, faulted);
    assert_eq!(whole + failed, 120);
    assert!(faulted >= 15, "faults {faulted}");
    sim.shutdown().await;
}

#[tokio::test]
async fn submissions_json_through_reqwest() {
    let sim = start(corpus(), SimConfig::default()).await.unwrap();
    let url = format!("{}/submissions/CIK0001176349.json", sim.data_base());
    let body = client()
        .get(url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        v["name"],
        "IMPAC SECURED ASSETS CORP MORTGAGE PASS THR CERT SER 2002-3"
    );
    assert_eq!(
        v["filings"]["recent"]["primaryDocument"][0],
        "ser3cover.txt"
    );
    assert_eq!(sim.requests()[0].user_agent.as_deref(), Some(UA));
    sim.shutdown().await;
}
