//! The raw store (atomic, idempotent writes; streaming listing) and the network lock.

use std::fs;

use remit_fetch::{Error, NetworkLock, RawStore};

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
    let path = dir.path().join("raw/1017447/0001020242-02-000466.txt");
    assert_eq!(raw.path(1_017_447, "0001020242-02-000466"), path);
    assert_eq!(fs::read(&path).expect("stored"), b"abc");
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
    assert_eq!(names, ["0001020242-02-000466.txt"]);
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
        [dir.path().join("1017447/0001020242-02-000466.txt")]
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
            "1017447/0001020242-02-000409.txt",
            "1017447/0001020242-02-000466.txt",
            "1176349/0001020242-02-000470.txt",
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
    assert_eq!(raw.path(1, "../x"), dir.path().join("1/___x.txt"));
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
