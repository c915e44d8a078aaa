//! `dechaff corpus`: one output record per input record, in order; errors
//! passed through and counted; compressed and WARC input; faults reported.

mod common;

use std::io::Write;
use std::process::{Child, Output, Stdio};

use common::{bin, feed, spawn_piped, tempdir};
use serde_json::Value;

const PROSE: &str = "The council approved the new budget on Tuesday after a long debate that went on into the night, and the mayor said the roads would be repaired.";

/// `dechaff corpus args`, started.
fn spawn(args: &[&str]) -> Child {
    spawn_piped(bin().arg("corpus").args(args))
}

/// `dechaff corpus args` on `stdin`.
fn run(args: &[&str], stdin: &[u8]) -> Output {
    feed(spawn(args), stdin)
}

fn records(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The records of a run that must have succeeded.
fn successful(out: &Output) -> Vec<Value> {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    records(out)
}

fn jsonl(n: usize) -> String {
    (0..n)
        .map(|i| {
            let text = format!("Home | News | Sport\n\nRecord {i}. {PROSE}\n\n© 2024 Example News");
            serde_json::json!({"id": i, "text": text, "lang": "en"}).to_string() + "\n"
        })
        .collect()
}

#[test]
fn every_record_comes_out_in_order_with_errors_counted() {
    // A broken line first, one in the middle, one at the end; five chunks
    // of 512 records, more than are stripped at once.
    let mut input = String::from("{broken\n");
    input.push_str(&jsonl(1200));
    input.push_str("{\"id\": 1, \"text\": \"unterminated\n");
    input.push_str(&jsonl(1300).replace("\"id\":", "\"n\":"));
    input.push_str("{\"id\": \"no text\"}\n");
    let dir = tempdir("stats");
    let stats = dir.join("stats.json");
    let out = run(
        &["-j", "2", "--stats", stats.to_str().unwrap()],
        input.as_bytes(),
    );
    let recs = successful(&out);
    assert_eq!(recs.len(), 2503);
    assert_eq!(recs[0]["error"], "bad_json");
    assert_eq!(recs[0]["line"], 1);
    for (i, r) in recs[1..1201].iter().enumerate() {
        assert_eq!(r["id"], i);
        assert_eq!(r["lang"], "en");
        assert_eq!(r["text"], format!("Record {i}. {PROSE}"));
    }
    assert_eq!(recs[1201]["error"], "bad_json");
    assert_eq!(recs[1201]["line"], 1202);
    for (i, r) in recs[1202..2502].iter().enumerate() {
        assert_eq!(r["n"], i);
        assert_eq!(r["text"], format!("Record {i}. {PROSE}"));
    }
    assert_eq!(recs[2502]["error"], "missing_field");
    let s: Value = serde_json::from_str(&std::fs::read_to_string(&stats).unwrap()).unwrap();
    assert_eq!(s["records"], 2503);
    assert_eq!(s["errors"]["bad_json"], 2);
    assert_eq!(s["errors"]["missing_field"], 1);
    let _ = std::fs::remove_file(stats);
}

#[test]
fn gzip_input_annotations_and_oversized_lines() {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(jsonl(3).as_bytes()).unwrap();
    // A second gzip member, as concatenated files have.
    let mut data = gz.finish().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let long = serde_json::json!({"text": "word ".repeat(100_000)}).to_string() + "\n";
    gz.write_all(long.as_bytes()).unwrap();
    data.extend(gz.finish().unwrap());
    let out = run(&["--annotate", "--max-bytes", "100000"], &data);
    assert!(out.status.success());
    let recs = records(&out);
    assert_eq!(recs.len(), 4);
    let cut = recs[0]["dechaff"]["cut"].as_array().unwrap();
    assert_eq!(cut[0]["text"], "Home | News | Sport");
    assert!(
        cut[0]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["name"] == "menu_separators" && r["weight"].as_f64().is_some())
    );
    // The paragraph shape of --json: the same fields for the same data.
    for key in [
        "index", "start", "end", "kept", "class", "reason", "score", "kind",
    ] {
        assert!(cut[0].get(key).is_some(), "{key} missing in {}", cut[0]);
    }
    assert_eq!(cut[0]["kept"], false);
    assert_eq!(recs[3]["error"], "too_large");
}

fn warc(kind: &str, block: &str) -> String {
    format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: http://example.com/\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
        block.len()
    )
}

#[test]
fn warc_and_wet_records_and_a_truncated_tail() {
    let html = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>{PROSE}</p>");
    let good = warc("warcinfo", "x") + &warc("response", &html) + &warc("conversion", PROSE);
    let out = run(&[], good.as_bytes());
    let recs = successful(&out);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["text"], PROSE);
    assert_eq!(recs[0]["warc_type"], "response");
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"warcinfo\": 1"));

    let truncated = good.clone() + &warc("conversion", PROSE)[..60];
    let out = run(&[], truncated.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        records(&out).len(),
        2,
        "the readable records are all written"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("truncated record"));
}

#[test]
fn a_truncated_gzip_stream_fails_loudly() {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(jsonl(200).as_bytes()).unwrap();
    let data = gz.finish().unwrap();
    let out = run(&[], &data[..data.len() / 2]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("input error after"));
    // The records read before the cut are all there, in order.
    let recs = records(&out);
    assert!(!recs.is_empty() && recs.len() < 200);
    for (i, r) in recs.iter().enumerate() {
        assert_eq!(r["id"], i);
    }
}

#[test]
fn out_file_is_written_whole_or_not_at_all() {
    let dir = tempdir("corpus-out");
    let target = dir.join("out.jsonl");
    let out = run(&["--out", target.to_str().unwrap()], jsonl(5).as_bytes());
    assert!(out.status.success());
    assert_eq!(std::fs::read_to_string(&target).unwrap().lines().count(), 5);
    // A write error (a directory where the file should go) is an error, not a partial file.
    let bad = dir.join("sub");
    std::fs::create_dir_all(bad.join("x.jsonl")).unwrap();
    let out = run(
        &["--out", bad.join("x.jsonl").to_str().unwrap()],
        jsonl(5).as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn out_to_a_pipe_writes_into_it_and_leaves_it_a_pipe() {
    // `--out /dev/null` once renamed its temporary file over the device.
    use std::os::unix::fs::FileTypeExt;
    let dir = tempdir("corpus-fifo");
    let fifo = dir.join("out.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let out = run(&["--out", fifo.to_str().unwrap()], jsonl(5).as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Checked before joining the reader, which a replaced pipe leaves
    // waiting for a writer.
    let kind = std::fs::metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the pipe was replaced: {kind:?}");
    assert_eq!(reader.join().unwrap().lines().count(), 5);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_full_disk_is_an_error_not_a_silent_partial_output() {
    let Ok(full) = std::fs::File::options().write(true).open("/dev/full") else {
        // Linux has /dev/full; a CI without it must not pass this unseen.
        if cfg!(target_os = "linux") {
            panic!("/dev/full is missing: this test cannot check a full disk here");
        }
        eprintln!("SKIPPED: no /dev/full on this system; a full disk is not tested");
        return;
    };
    let child = bin()
        .arg("corpus")
        .stdin(Stdio::piped())
        .stdout(full)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = feed(child, jsonl(3000).as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot write output"), "{err}");
}

#[test]
fn a_closed_pipe_ends_the_run_cleanly() {
    let mut child = spawn(&["-j", "2"]);
    let mut input = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        for _ in 0..20 {
            if input.write_all(jsonl(1000).as_bytes()).is_err() {
                break;
            }
        }
    });
    drop(child.stdout.take()); // the reader goes away at once
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}
