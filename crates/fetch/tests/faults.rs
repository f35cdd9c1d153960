//! What the network does: faults, SEC's rate-threshold block, and its other answers.

mod support;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use futures_util::stream::{self, StreamExt};
use remit_edgar_sim::{start, BlockAnswer, Fault, SimConfig, Threshold};
use remit_fetch::{ClientConfig, Edgar, Error, RawStore};
use sha2::{Digest, Sha256};
use support::{
    client_config, corpus_of, filing_ref, imh_filings, one_answer_server, Logs, IMH_CIK, UA,
};

/// Fetches every filing into `raw` through `edgar`, many callers at once.
async fn fetch_all(edgar: &Arc<Edgar>, raw: &RawStore, filings: &[(String, String)]) {
    let results: Vec<(String, Result<String, Error>)> =
        stream::iter(filings.iter().map(|(accession, _)| {
            let edgar = Arc::clone(edgar);
            let filing = filing_ref(IMH_CIK, accession);
            async move {
                let stored = match edgar.fetch_submission(&filing).await {
                    Ok(body) => raw.put(filing.cik, &filing.accession, &body),
                    Err(e) => Err(e),
                };
                (filing.accession, stored)
            }
        }))
        .buffer_unordered(16)
        .collect()
        .await;
    for (accession, stored) in results {
        if let Err(e) = stored {
            panic!("{accession}: {e}");
        }
    }
}

#[tokio::test]
async fn every_filing_lands_once_through_5xx_truncation_and_resets() {
    let filings = imh_filings(80);
    let config = SimConfig {
        latency: (Duration::from_millis(20), Duration::from_millis(80)),
        error_rate: 0.10,
        truncate_rate: 0.02,
        reset_rate: 0.03,
        seed: 11,
        ..SimConfig::default()
    };
    let sim = start(corpus_of(&filings), config).await.expect("simulator");
    let edgar = Arc::new(
        Edgar::new(ClientConfig {
            max_retries: 8,
            ..client_config(sim.www_base(), sim.data_base())
        })
        .expect("client"),
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let raw = RawStore::new(dir.path());
    fetch_all(&edgar, &raw, &filings).await;

    // Every filing stored, whole: the stored bytes are exactly the submission.
    let stored: Vec<_> = raw.iter().expect("listing").collect();
    assert_eq!(stored.len(), 80);
    for (accession, text) in &filings {
        let body = raw.read(IMH_CIK, accession).expect("stored");
        assert_eq!(hex(&body), hex(text.as_bytes()), "{accession}");
    }

    // Each injected fault cost exactly one retry of its cause, and nothing else was retried.
    let records = sim.requests();
    let faults = |kind| records.iter().filter(|r| r.fault == Some(kind)).count() as u64;
    let stats = edgar.stats();
    // The simulator really sent each kind of fault: a test that never saw one proves nothing.
    assert!(faults(Fault::ServerError) > 0, "no 5xx was sent");
    assert!(faults(Fault::Reset) > 0, "no connection was reset");
    assert!(faults(Fault::Truncated) > 0, "no body was cut short");
    assert_eq!(stats.retries.server_error, faults(Fault::ServerError));
    assert_eq!(stats.retries.truncated, faults(Fault::Truncated));
    assert_eq!(stats.retries.connection, faults(Fault::Reset));
    assert_eq!(
        stats.retries.total(),
        records.iter().filter(|r| r.fault.is_some()).count() as u64
    );
    assert_eq!(stats.requests, records.len() as u64);
    assert_eq!(stats.fetched, 80);

    // Nothing fetched twice: each filing got exactly one whole answer.
    let mut whole: HashMap<&str, usize> = HashMap::new();
    for record in records
        .iter()
        .filter(|r| r.status == 200 && r.fault.is_none())
    {
        *whole.entry(record.path.as_str()).or_default() += 1;
    }
    assert_eq!(whole.len(), 80);
    assert!(whole.values().all(|n| *n == 1));
    assert!(sim.max_in_window(Duration::from_secs(1)) <= 10);
    sim.shutdown().await;
}

fn hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// SEC blocks the client mid-run (403 page or 429 without `Retry-After`): every request stops,
/// none is sent during the cool-down, one probe goes out after it, the episode is logged, and
/// every filing lands.
async fn threshold_episode(answer: BlockAnswer) {
    let logs = Logs::default();
    let _guard = logs.capture();
    let filings = imh_filings(30);
    let lockout = Duration::from_secs(1);
    let config = SimConfig {
        latency: (Duration::from_millis(40), Duration::from_millis(60)),
        threshold: Some(Threshold {
            limit_per_sec: 10,
            lockout,
            answer,
        }),
        ..SimConfig::default()
    };
    let sim = start(corpus_of(&filings), config).await.expect("simulator");
    let client = client_config(sim.www_base(), sim.data_base());
    let cooldown = client.cooldown;
    let concurrency = client.concurrency;
    let edgar = Arc::new(Edgar::new(client).expect("client"));
    let dir = tempfile::tempdir().expect("temp dir");
    let raw = RawStore::new(dir.path());

    let block_after_ten = async {
        while sim.requests().len() < 10 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        sim.block_now();
    };
    tokio::join!(fetch_all(&edgar, &raw, &filings), block_after_ten);

    assert_eq!(raw.iter().expect("listing").count(), 30);
    let stats = edgar.stats();
    assert_eq!(stats.blocks, 1, "one episode");
    let records = sim.requests();
    let blocked: Vec<_> = records
        .iter()
        .filter(|r| r.status == answer_status(answer))
        .collect();
    // Only requests already in flight when the first block answer came back were refused; a
    // retry during the cool-down would have drawn more refusals (and extended SEC's block).
    assert!(
        !blocked.is_empty() && blocked.len() <= concurrency,
        "{} refused",
        blocked.len()
    );
    let last_block = blocked.last().map(|r| r.at).unwrap_or_default();
    let after: Vec<_> = records.iter().filter(|r| r.at > last_block).collect();
    let probe = after.first().map(|r| r.at).expect("resumed");
    assert!(
        probe >= last_block + cooldown,
        "the probe went {:?} after the last refused answer",
        probe - last_block
    );
    // The probe went alone: the next request waited for its answer (40-60 ms).
    let second = after.get(1).map(|r| r.at).expect("more after the probe");
    assert!(
        second >= probe + Duration::from_millis(40),
        "{:?} between the probe and the next request",
        second - probe
    );
    assert_eq!(stats.requests, records.len() as u64);

    let log = logs.text();
    assert!(
        log.contains(
            "Request Rate Threshold Exceeded answer: stopping every request; one probe after 1.5s"
        ),
        "{log}"
    );
    assert_eq!(log.matches("stopping every request").count(), 1, "{log}");
    assert_eq!(log.matches("sending one probe request").count(), 1, "{log}");
    assert!(log.contains("SEC's block is over"), "{log}");
    sim.shutdown().await;
}

fn answer_status(answer: BlockAnswer) -> u16 {
    match answer {
        BlockAnswer::Forbidden403 => 403,
        BlockAnswer::TooMany429 => 429,
    }
}

#[tokio::test]
async fn threshold_403_pauses_the_whole_client() {
    threshold_episode(BlockAnswer::Forbidden403).await;
}

#[tokio::test]
async fn threshold_429_without_retry_after_pauses_the_whole_client() {
    threshold_episode(BlockAnswer::TooMany429).await;
}

/// One filing at a time, so nothing but `Retry-After` can hold a retry back: each polite 429
/// (`Retry-After: 1`) is a retry of its cause, never a block, and the same URL is not asked again
/// within that second (the client's own backoff would be 125-250 ms).
#[tokio::test]
async fn polite_429_with_retry_after_is_only_a_retry() {
    let filings = imh_filings(12);
    let config = SimConfig {
        retry_after_rate: 0.3,
        seed: 3,
        ..SimConfig::default()
    };
    let sim = start(corpus_of(&filings), config).await.expect("simulator");
    let edgar = Edgar::new(client_config(sim.www_base(), sim.data_base())).expect("client");
    for (accession, _) in &filings {
        edgar
            .fetch_submission(&filing_ref(IMH_CIK, accession))
            .await
            .expect("fetched");
    }
    let records = sim.requests();
    let polite = records
        .iter()
        .filter(|r| r.fault == Some(Fault::RetryAfter))
        .count() as u64;
    assert!(polite > 0);
    assert_eq!(edgar.stats().retries.retry_after, polite);
    assert_eq!(edgar.stats().blocks, 0);
    for (i, refused) in records
        .iter()
        .enumerate()
        .filter(|(_, r)| r.fault == Some(Fault::RetryAfter))
    {
        let again = records
            .iter()
            .skip(i + 1)
            .find(|r| r.path == refused.path)
            .expect("asked again");
        assert!(
            again.at >= refused.at + Duration::from_secs(1),
            "{} asked again {:?} after its Retry-After: 1",
            refused.path,
            again.at - refused.at
        );
    }
    sim.shutdown().await;
}

#[test]
fn user_agent_without_email_is_refused() {
    let config = ClientConfig {
        user_agent: "Remit Fetch Tests".to_string(),
        ..ClientConfig::default()
    };
    let error = Edgar::new(config).expect_err("refused");
    assert!(matches!(error, Error::UserAgent { .. }));
    assert!(error.is_fatal());
    let message = error.to_string();
    assert!(message.contains("SEC requires"), "{message}");
    assert!(message.contains("a name and a contact email"), "{message}");
    assert!(
        message.contains("Sample Research sample@example.org"),
        "{message}"
    );
}

#[tokio::test]
async fn undeclared_automated_tool_is_fatal_and_not_retried() {
    let page = "<html><head><title>SEC.gov | Your Request Originates from an Undeclared Automated Tool</title></head></html>";
    let (base, heads) = one_answer_server(403, &[("Content-Type", "text/html")], page.into()).await;
    let edgar = Edgar::new(client_config(base.clone(), base)).expect("client");
    let error = edgar
        .fetch_submission(&filing_ref(IMH_CIK, "0001020242-02-000466"))
        .await
        .expect_err("fatal");
    assert!(matches!(error, Error::UndeclaredTool { .. }), "{error:?}");
    assert!(error.is_fatal() && !error.is_permanent());
    let message = error.to_string();
    assert!(
        message.contains("Undeclared Automated Tool") && message.contains(UA),
        "{message}"
    );
    assert_eq!(heads.lock().expect("heads").len(), 1);
}

#[tokio::test]
async fn requests_declare_user_agent_and_gzip_deflate() {
    let (base, heads) = one_answer_server(404, &[], b"<html>Not Found</html>".to_vec()).await;
    let edgar = Edgar::new(client_config(base.clone(), base)).expect("client");
    let error = edgar.submissions(IMH_CIK).await.expect_err("404");
    assert!(
        matches!(error, Error::Permanent { status: 404, .. }),
        "{error:?}"
    );
    assert_eq!(edgar.stats().permanent, 1);
    let heads = heads.lock().expect("heads");
    let head = heads.first().expect("one request").to_ascii_lowercase();
    assert!(
        head.starts_with("get /submissions/cik0001017447.json http/1.1"),
        "{head}"
    );
    assert!(
        head.contains("\r\naccept-encoding: gzip, deflate\r\n"),
        "{head}"
    );
    assert!(
        head.contains(&format!("\r\nuser-agent: {}\r\n", UA.to_ascii_lowercase())),
        "{head}"
    );
    assert_eq!(heads.len(), 1, "a 404 is not retried");
}

#[tokio::test]
async fn gzip_answer_is_decoded_and_checked() {
    use std::io::Write;
    let text = support::submission(
        IMH_CIK,
        "0001020242-02-000466",
        "8-K",
        "20021213",
        "IMH ASSETS CORP",
    );
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(text.as_bytes()).expect("gzip");
    let gzipped = encoder.finish().expect("gzip");
    let (base, heads) = one_answer_server(200, &[("Content-Encoding", "gzip")], gzipped).await;
    let edgar = Edgar::new(client_config(base.clone(), base)).expect("client");
    let body = edgar
        .fetch_submission(&filing_ref(IMH_CIK, "0001020242-02-000466"))
        .await
        .expect("decoded");
    assert!(body.as_ref() == text.as_bytes());
    assert_eq!(heads.lock().expect("heads").len(), 1);
}

#[tokio::test]
async fn html_page_with_status_200_is_retried_then_given_up() {
    let page = b"<!DOCTYPE html>\n<html><title>SEC.gov | Service Error</title></html>".to_vec();
    let (base, heads) = one_answer_server(200, &[("Content-Type", "text/html")], page).await;
    let config = ClientConfig {
        max_retries: 2,
        ..client_config(base.clone(), base)
    };
    let edgar = Edgar::new(config).expect("client");
    let error = edgar
        .fetch_submission(&filing_ref(IMH_CIK, "0001020242-02-000466"))
        .await
        .expect_err("never stored");
    let message = error.to_string();
    assert!(
        matches!(error, Error::Exhausted { attempts: 3, .. }),
        "{error:?}"
    );
    assert!(
        message.contains("not an EDGAR submission") && message.contains("<!DOCTYPE html>"),
        "{message}"
    );
    assert_eq!(heads.lock().expect("heads").len(), 3);
    assert_eq!(edgar.stats().retries.unexpected_body, 2);
    assert_eq!(edgar.stats().fetched, 0);
}

#[tokio::test]
async fn body_over_the_bound_is_refused() {
    let text = support::submission(
        IMH_CIK,
        "0001020242-02-000466",
        "8-K",
        "20021213",
        "IMH ASSETS CORP",
    );
    let (base, heads) = one_answer_server(200, &[], text.into_bytes()).await;
    let config = ClientConfig {
        max_body_bytes: 1000,
        ..client_config(base.clone(), base)
    };
    let edgar = Edgar::new(config).expect("client");
    let error = edgar
        .fetch_submission(&filing_ref(IMH_CIK, "0001020242-02-000466"))
        .await
        .expect_err("too large");
    assert!(
        matches!(error, Error::TooLarge { limit: 1000, .. }),
        "{error:?}"
    );
    assert!(error.is_permanent());
    assert_eq!(heads.lock().expect("heads").len(), 1);
}

#[tokio::test]
async fn a_redirect_is_refused_not_followed() {
    let (base, heads) = one_answer_server(
        301,
        &[("Location", "https://www.sec.gov/Archives/elsewhere.txt")],
        Vec::new(),
    )
    .await;
    let edgar = Edgar::new(client_config(base.clone(), base)).expect("client");
    let error = edgar
        .fetch_submission(&filing_ref(IMH_CIK, "0001020242-02-000466"))
        .await
        .expect_err("refused");
    assert!(
        matches!(error, Error::Redirect { status: 301, .. }),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message.contains("not followed") && message.contains("elsewhere.txt"),
        "{message}"
    );
    // One request: the hop to the Location was never made.
    assert_eq!(heads.lock().expect("heads").len(), 1);
}
