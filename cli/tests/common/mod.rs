//! What the command's test files share: running `dechaff`, feeding its
//! stdin, reading what it printed, and fresh temporary folders.

// Each test file uses a part of these.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

/// The `dechaff` binary of this build.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dechaff"))
}

/// Starts `command` with stdin, stdout and stderr piped.
pub fn spawn_piped(command: &mut Command) -> Child {
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Writes `stdin` to `child` and waits for it. The writing runs on its own
/// thread: the child may fill its stdout before it has read everything.
pub fn feed(mut child: Child, stdin: &[u8]) -> Output {
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        // The child may stop reading early (a fault test); that is its answer.
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

/// Runs `dechaff args` on `stdin`.
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    feed(spawn_piped(bin().args(args)), stdin)
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh, empty folder for one test, removed when dropped (`name` keeps
/// tests apart, the process id keeps runs apart): every run used to leave
/// its folders in the system's temporary folder.
pub struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<std::ffi::OsStr> for TempDir {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.as_os_str()
    }
}

impl AsRef<Path> for TempDir {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn tempdir(name: &str) -> TempDir {
    let d = std::env::temp_dir().join(format!("dechaff-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    TempDir(d)
}
