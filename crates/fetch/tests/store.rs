//! The raw store (atomic, idempotent writes; streaming listing) and the network lock.

use std::fs;

use std::io::{Read, Write};

use remit_fetch::{read_stored, Error, NetworkLock, RawStore, MAX_EXPANDED_BYTES};

const ABC_SHA256: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

#[test]
fn put_is_atomic_and_idempotent() {
    let dir = tempfile::tempdir().expect("temp dir");
    let raw = RawStore::new(dir.path().join("raw"));
    assert!(!raw.contains(1_017_447, "0001020242-02-000466"));
    assert_eq!(
        raw.iter().expect("empty store").count(),
        0,
        "an absent root is an empty store"
    );

    let sha = raw
        .put(1_017_447, "0001020242-02-000466", b"abc")
        .expect("put");
    assert_eq!(sha, ABC_SHA256);
    let path = dir.path().join("raw/1017447/0001020242-02-000466.txt.gz");
    assert_eq!(raw.path(1_017_447, "0001020242-02-000466"), path);
    assert_eq!(gunzip(&fs::read(&path).expect("stored")), b"abc");
    assert!(raw.contains(1_017_447, "0001020242-02-000466"));

    // Storing again gives the same file and the same digest, and leaves no temp file behind.
    assert_eq!(
        raw.put(1_017_447, "0001020242-02-000466", b"abc")
            .expect("again"),
        ABC_SHA256
    );
    let names: Vec<String> = fs::read_dir(dir.path().join("raw/1017447"))
        .expect("cik dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["0001020242-02-000466.txt.gz"]);
    assert_eq!(
        raw.read(1_017_447, "0001020242-02-000466").expect("read"),
        b"abc"
    );

    // A refetch replaces the whole body.
    raw.put(1_017_447, "0001020242-02-000466", b"abcdef")
        .expect("replace");
    assert_eq!(
        raw.read(1_017_447, "0001020242-02-000466").expect("read"),
        b"abcdef"
    );
}

#[test]
fn a_killed_write_leaves_nothing_listed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let raw = RawStore::new(dir.path());
    raw.put(1_017_447, "0001020242-02-000466", b"whole")
        .expect("put");
    // What a run killed mid-write leaves: a partial temp file, never the final name.
    fs::write(dir.path().join("1017447/.partial-x1y2z3"), b"half").expect("partial");
    fs::write(dir.path().join("1017447/notes.txt"), b"not a filing").expect("junk");
    fs::create_dir_all(dir.path().join("lost+found")).expect("junk dir");
    let listed: Vec<_> = raw.iter().expect("listing").collect();
    assert_eq!(
        listed,
        [dir.path().join("1017447/0001020242-02-000466.txt.gz")]
    );
}

#[test]
fn iter_lists_by_cik_then_accession() {
    let dir = tempfile::tempdir().expect("temp dir");
    let raw = RawStore::new(dir.path());
    for (cik, accession) in [
        (1_176_349, "0001020242-02-000470"),
        (1_017_447, "0001020242-02-000466"),
        (1_017_447, "0001020242-02-000409"),
    ] {
        raw.put(cik, accession, accession.as_bytes()).expect("put");
    }
    let listed: Vec<String> = raw
        .iter()
        .expect("listing")
        .map(|p| {
            p.strip_prefix(dir.path())
                .expect("inside")
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(
        listed,
        [
            "1017447/0001020242-02-000409.txt.gz",
            "1017447/0001020242-02-000466.txt.gz",
            "1176349/0001020242-02-000470.txt.gz",
        ]
    );
}

#[test]
fn accessions_cannot_escape_the_store() {
    let dir = tempfile::tempdir().expect("temp dir");
    let raw = RawStore::new(dir.path());
    assert!(matches!(
        raw.put(1, "../../etc/passwd", b"x"),
        Err(Error::Accession(_))
    ));
    assert!(!raw.contains(1, "../../etc/passwd"));
    assert_eq!(raw.path(1, "../x"), dir.path().join("1/___x.txt.gz"));
}

#[test]
fn network_lock_held_twice_names_the_holder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = NetworkLock::acquire(dir.path(), "nightly").expect("first");
    let error = NetworkLock::acquire(dir.path(), "backfill").expect_err("held");
    assert!(error.is_lock_held());
    match &error {
        Error::LockHeld { pid, command, path } => {
            assert_eq!(*pid, Some(std::process::id()));
            assert_eq!(command.as_deref(), Some("nightly"));
            assert_eq!(path, &dir.path().join(NetworkLock::FILE_NAME));
        }
        other => panic!("expected LockHeld, got {other:?}"),
    }
    let message = error.to_string();
    assert!(
        message.contains(&format!("pid {} (`remit nightly`)", std::process::id())),
        "{message}"
    );

    drop(first);
    let again = NetworkLock::acquire(dir.path(), "backfill").expect("free again");
    let note = fs::read_to_string(again.path()).expect("lock file");
    assert!(
        note.starts_with(&format!("pid={}\ncommand=backfill\n", std::process::id())),
        "{note}"
    );
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("a gzip file");
    out
}

const FIXTURE: &str = include_str!("../../../data/fixtures/im020111.txt");

#[test]
fn a_statement_is_stored_at_a_fraction_of_its_size_and_reads_back_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let raw = RawStore::new(dir.path());
    let sha = raw
        .put(1_017_447, "0001020242-02-000466", FIXTURE.as_bytes())
        .expect("put");
    // The digest is the fetched text's, as `sha256sum` of the fixture gives it.
    assert_eq!(
        sha,
        "cbc8076b80bf6c8a57d80c46e29ffb6483b18e624888cbcd9d309083fe1748cc"
    );
    let stored = fs::metadata(raw.path(1_017_447, "0001020242-02-000466"))
        .expect("stored")
        .len();
    assert!(
        stored * 4 < FIXTURE.len() as u64,
        "{stored} bytes stored for {} of text",
        FIXTURE.len()
    );
    assert_eq!(
        raw.read(1_017_447, "0001020242-02-000466").expect("read"),
        FIXTURE.as_bytes()
    );
}

#[test]
fn an_uncompressed_store_still_reads_and_converts_in_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    let raw = RawStore::new(dir.path());
    // What a store written before compression holds.
    let plain = dir.path().join("1017447/0001020242-02-000466.txt");
    fs::create_dir_all(plain.parent().unwrap()).expect("cik dir");
    fs::write(&plain, b"as fetched").expect("plain");

    assert!(raw.contains(1_017_447, "0001020242-02-000466"));
    assert_eq!(
        raw.read(1_017_447, "0001020242-02-000466").expect("read"),
        b"as fetched"
    );
    let listed: Vec<_> = raw.iter().expect("listing").collect();
    assert_eq!(listed, std::slice::from_ref(&plain));
    assert_eq!(read_stored(&plain).expect("plain read"), b"as fetched");

    // Converting keeps the bytes and leaves exactly one file, the compressed one.
    assert!(raw.recompress(&plain, b"as fetched").expect("convert"));
    let gz = raw.path(1_017_447, "0001020242-02-000466");
    assert!(!plain.exists(), "the uncompressed copy is removed");
    assert_eq!(gunzip(&fs::read(&gz).expect("gz")), b"as fetched");
    assert_eq!(
        raw.iter().expect("listing").collect::<Vec<_>>(),
        std::slice::from_ref(&gz)
    );
    // A compressed file, or one outside the store's naming, is not converted again.
    assert!(!raw.recompress(&gz, b"as fetched").expect("no-op"));
    assert!(!raw
        .recompress(&dir.path().join("elsewhere.txt"), b"x")
        .expect("no-op"));
}

#[test]
fn a_killed_conversion_lists_the_filing_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let raw = RawStore::new(dir.path());
    raw.put(1_017_447, "0001020242-02-000466", b"whole")
        .expect("put");
    // Both forms present: the compressed file was renamed in, the old one not yet removed.
    fs::write(
        dir.path().join("1017447/0001020242-02-000466.txt"),
        b"whole",
    )
    .expect("plain");
    raw.put(1_017_447, "0001020242-02-000409", b"other")
        .expect("put");
    let listed: Vec<String> = raw
        .iter()
        .expect("listing")
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        listed,
        ["0001020242-02-000409.txt.gz", "0001020242-02-000466.txt.gz"]
    );
}

#[test]
fn a_file_that_expands_past_the_cap_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bomb = dir.path().join("bomb.txt.gz");
    let mut encoder = flate2::write::GzEncoder::new(
        fs::File::create(&bomb).unwrap(),
        flate2::Compression::best(),
    );
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..(MAX_EXPANDED_BYTES >> 20) + 1 {
        encoder.write_all(&zeros).unwrap();
    }
    encoder.finish().unwrap();
    assert!(fs::metadata(&bomb).unwrap().len() < 1 << 20, "a small file");
    let error = read_stored(&bomb).expect_err("refused");
    assert!(
        error.to_string().contains("expands past 256 MiB"),
        "{error}"
    );

    // Damaged gzip is an error naming the file, not a panic or garbage text.
    let damaged = dir.path().join("damaged.txt.gz");
    fs::write(&damaged, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff]).unwrap();
    let error = read_stored(&damaged).expect_err("damaged");
    assert!(error.to_string().contains("damaged.txt.gz"), "{error}");
}
