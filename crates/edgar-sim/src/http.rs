//! A small HTTP/1.1 server loop on a raw `TcpStream`, so that faults hyper would never commit
//! (an answer cut short of its `Content-Length`, a connection dropped without any answer) can be.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::faults::Plan;
use crate::request_log::{Fault, RequestRecord};
use crate::server::Shared;

/// Longest request head accepted; EDGAR clients send a few hundred bytes.
const MAX_HEAD: usize = 64 * 1024;
/// An idle keep-alive connection is closed after this long: longer than hyper's 90 s pool idle
/// timeout, so a pooling client never reuses a connection the server is just closing.
const IDLE: Duration = Duration::from_secs(120);
/// A slow body is sent in this many pieces.
const SLOW_PIECES: usize = 10;

struct Request {
    method: String,
    path: String,
    user_agent: Option<String>,
    keep_alive: bool,
    body_len: usize,
}

/// What to do to the connection after one exchange.
enum After {
    KeepOpen,
    Close,
}

pub(crate) async fn serve_connection(mut stream: TcpStream, peer: SocketAddr, shared: Arc<Shared>) {
    // Small answers go out at once rather than waiting on Nagle.
    let _ = stream.set_nodelay(true);
    let mut buffer: Vec<u8> = Vec::new();
    loop {
        let head = match read_head(&mut stream, &mut buffer).await {
            Ok(Some(head)) => head,
            Ok(None) => return,
            Err(HeadError::TooLong | HeadError::Unparsable) => {
                let reply = crate::reply::Reply::html(400, crate::pages::bad_request());
                let _ = write_reply(&mut stream, &reply, false, false).await;
                return;
            }
        };
        let Some(request) = parse_head(&head) else {
            let reply = crate::reply::Reply::html(400, crate::pages::bad_request());
            let _ = write_reply(&mut stream, &reply, false, false).await;
            return;
        };
        // Request bodies mean nothing here; skip them so the next request parses.
        if discard(&mut stream, &mut buffer, request.body_len)
            .await
            .is_err()
        {
            return;
        }
        match exchange(&mut stream, peer, &shared, &request).await {
            After::KeepOpen if request.keep_alive => {}
            After::KeepOpen | After::Close => return,
        }
    }
}

async fn exchange(
    stream: &mut TcpStream,
    peer: SocketAddr,
    shared: &Shared,
    request: &Request,
) -> After {
    // An uneven path: the request reaches "SEC" a little later, and is counted where it arrives.
    // The arrival is the moment the head was read plus the path's delay, not the moment this
    // task wakes from sleeping it: on a loaded machine the simulator's own wake-ups run late,
    // which SEC's servers would never add to a client's count.
    let received = Instant::now();
    let delay = shared.faults.arrival_delay(shared.config.arrival_jitter);
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let arrived = received + delay;
    let (reply, plan) = shared.answer(
        peer,
        request.method.as_str(),
        &request.path,
        request.user_agent.as_deref(),
        arrived,
    );
    let fault = plan.and_then(|p| p.fault).filter(|f| match f {
        // An empty body (HEAD, or nothing to send) cannot be cut short.
        Fault::Truncated => !reply.body.is_empty() && request.method != "HEAD",
        _ => true,
    });
    let status = if fault == Some(Fault::Reset) {
        0
    } else {
        reply.status
    };
    let record = RequestRecord {
        at: arrived.saturating_duration_since(shared.started),
        path: request.path.clone(),
        user_agent: request.user_agent.clone(),
        status,
        fault,
    };
    tracing::info!(
        %peer,
        method = %request.method,
        path = %request.path,
        status,
        fault = ?fault,
        "request"
    );
    shared.log.push(record);
    let latency = plan.map_or(shared.config.latency.0, |p: Plan| p.latency);
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    match fault {
        Some(Fault::Reset) => {
            // RST instead of FIN: the client sees a reset, not a clean close.
            let _ = stream.set_zero_linger();
            After::Close
        }
        Some(Fault::Truncated) => {
            let keep = plan.map_or(0.0, |p| p.keep_share);
            let len = reply.body.len();
            // floor(len * share) with share < 1 is always short of the declared length.
            let sent = ((len as f64) * keep).floor() as usize;
            let cut = reply.body.slice(..sent.min(len.saturating_sub(1)));
            let _ = write_head(stream, &reply, len, false).await;
            let _ = write_body(stream, &cut, shared.config.slow_body).await;
            let _ = stream.shutdown().await;
            After::Close
        }
        _ => {
            let with_body = request.method != "HEAD";
            match write_reply_slow(
                stream,
                &reply,
                request.keep_alive,
                with_body,
                shared.config.slow_body,
            )
            .await
            {
                Ok(()) => After::KeepOpen,
                Err(_) => After::Close,
            }
        }
    }
}

enum HeadError {
    TooLong,
    Unparsable,
}

/// Read up to the blank line ending a request head; `None` when the client closed cleanly.
async fn read_head(
    stream: &mut TcpStream,
    buffer: &mut Vec<u8>,
) -> Result<Option<String>, HeadError> {
    loop {
        if let Some(end) = find_head_end(buffer) {
            let head: Vec<u8> = buffer.drain(..end).collect();
            return String::from_utf8(head)
                .map(Some)
                .map_err(|_| HeadError::Unparsable);
        }
        if buffer.len() > MAX_HEAD {
            return Err(HeadError::TooLong);
        }
        let mut chunk = [0u8; 8192];
        let read = tokio::time::timeout(IDLE, stream.read(&mut chunk)).await;
        match read {
            Ok(Ok(0)) | Ok(Err(_)) | Err(_) => return Ok(None),
            Ok(Ok(n)) => buffer.extend_from_slice(chunk.get(..n).unwrap_or_default()),
        }
    }
}

/// Offset just past `\r\n\r\n` (or a bare `\n\n`).
fn find_head_end(buffer: &[u8]) -> Option<usize> {
    let crlf = buffer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|p| p + 4);
    let lf = buffer.windows(2).position(|w| w == b"\n\n").map(|p| p + 2);
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn parse_head(head: &str) -> Option<Request> {
    let mut lines = head.lines();
    let mut request_line = lines.next()?.split_whitespace();
    let method = request_line.next()?.to_string();
    let target = request_line.next()?;
    let version = request_line.next()?;
    if !version.starts_with("HTTP/1.") {
        return None;
    }
    // Absolute-form targets (proxies) carry scheme and host; routes want only the path.
    let path = match target.split_once("://") {
        Some((_, rest)) => rest.find('/').and_then(|i| rest.get(i..)).unwrap_or("/"),
        None => target,
    }
    .to_string();
    let mut user_agent = None;
    let mut connection = None;
    let mut body_len = 0;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("user-agent") {
            user_agent = Some(value.to_string());
        } else if name.eq_ignore_ascii_case("connection") {
            connection = Some(value.to_ascii_lowercase());
        } else if name.eq_ignore_ascii_case("content-length") {
            body_len = value.parse().ok()?;
        }
    }
    let keep_alive = match connection.as_deref() {
        Some(c) if c.contains("close") => false,
        Some(c) if c.contains("keep-alive") => true,
        _ => version != "HTTP/1.0",
    };
    Some(Request {
        method,
        path,
        user_agent,
        keep_alive,
        body_len,
    })
}

async fn discard(
    stream: &mut TcpStream,
    buffer: &mut Vec<u8>,
    mut len: usize,
) -> std::io::Result<()> {
    let from_buffer = len.min(buffer.len());
    buffer.drain(..from_buffer);
    len -= from_buffer;
    let mut chunk = [0u8; 8192];
    while len > 0 {
        let n = tokio::time::timeout(IDLE, stream.read(&mut chunk))
            .await
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::TimedOut))??;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        len = len.saturating_sub(n);
    }
    Ok(())
}

async fn write_head(
    stream: &mut TcpStream,
    reply: &crate::reply::Reply,
    content_length: usize,
    keep_alive: bool,
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nServer: edgar-sim\r\nDate: {}\r\nContent-Type: {}; charset=utf-8\r\nContent-Length: {}\r\nConnection: {}\r\n",
        reply.status,
        crate::reply::reason(reply.status),
        chrono::Utc::now().format("%a, %d %b %Y %H:%M:%S GMT"),
        reply.content_type,
        content_length,
        if keep_alive { "keep-alive" } else { "close" },
    );
    if let Some(seconds) = reply.retry_after {
        head.push_str(&format!("Retry-After: {seconds}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await
}

async fn write_body(
    stream: &mut TcpStream,
    body: &[u8],
    slow: Option<Duration>,
) -> std::io::Result<()> {
    match slow {
        Some(spread) if !body.is_empty() => {
            let pieces = SLOW_PIECES.min(body.len());
            let piece_len = body.len().div_ceil(pieces);
            let pause = spread / pieces as u32;
            for piece in body.chunks(piece_len) {
                stream.write_all(piece).await?;
                stream.flush().await?;
                tokio::time::sleep(pause).await;
            }
            Ok(())
        }
        _ => stream.write_all(body).await,
    }
}

async fn write_reply_slow(
    stream: &mut TcpStream,
    reply: &crate::reply::Reply,
    keep_alive: bool,
    with_body: bool,
    slow: Option<Duration>,
) -> std::io::Result<()> {
    write_head(stream, reply, reply.body.len(), keep_alive).await?;
    if with_body {
        write_body(stream, &reply.body, slow).await?;
    }
    stream.flush().await
}

async fn write_reply(
    stream: &mut TcpStream,
    reply: &crate::reply::Reply,
    keep_alive: bool,
    with_body: bool,
) -> std::io::Result<()> {
    write_reply_slow(stream, reply, keep_alive, with_body, None).await
}
