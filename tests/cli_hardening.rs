//! Headless commands on hostile paths: FIFOs and other special files are not
//! read (and never hang), file names holding control characters are escaped on
//! stderr and stdout, and `--config` (an explorer setting) is refused by the
//! headless commands instead of being ignored.

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn command(args: &[&str], dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_budgettui"));
    c.args(args).current_dir(dir);
    c
}

fn samples() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// Run `args` in `dir`, killing it (and failing the test) when it has not
/// finished after `limit`. Output goes to files, so a full pipe cannot block it.
fn run_within(args: &[&str], dir: &Path, limit: Duration) -> Output {
    let out = tempfile::tempfile().expect("tempfile");
    let err = tempfile::tempfile().expect("tempfile");
    let mut child: Child = command(args, dir)
        .stdin(Stdio::null())
        .stdout(out.try_clone().expect("clone"))
        .stderr(err.try_clone().expect("clone"))
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    let status = loop {
        match child.try_wait().expect("try_wait") {
            Some(status) => break status,
            None if start.elapsed() > limit => {
                child.kill().ok();
                child.wait().ok();
                panic!("{args:?} still running after {limit:?}: it hangs");
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    };
    let read = |mut f: std::fs::File| {
        use std::io::{Read, Seek};
        let mut bytes = Vec::new();
        f.rewind().expect("rewind");
        f.read_to_end(&mut bytes).expect("read");
        bytes
    };
    Output {
        status,
        stdout: read(out),
        stderr: read(err),
    }
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("run mkfifo");
    assert!(status.success(), "mkfifo failed");
}

#[cfg(unix)]
#[test]
fn a_fifo_is_skipped_with_a_message_not_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("pipe.txt");
    mkfifo(&fifo);
    std::fs::copy(
        samples().join("shenzhen-zhian-2023-budget.txt"),
        dir.path().join("zhian.txt"),
    )
    .expect("copy");
    for args in [
        vec!["export", "pipe.txt", "zhian.txt"],
        vec!["search", "公安", "pipe.txt", "zhian.txt"],
    ] {
        let o = run_within(&args, dir.path(), Duration::from_secs(20));
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("pipe.txt: not a regular file (a FIFO)"),
            "{args:?}: {err}"
        );
        // the rest is still read
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.contains("公安"), "{args:?}: {out}");
    }
    // A FIFO met while walking a folder is skipped with a note, not an error.
    let o = run_within(&["export", "."], dir.path(), Duration::from_secs(20));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("skipped ./pipe.txt: not a regular file (a FIFO)"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn control_characters_in_file_names_are_escaped() {
    let dir = tempfile::tempdir().expect("tempdir");
    // ESC ] 0 ; … BEL would set the terminal's title; ESC [ 2 J clears it.
    let evil = "a\u{1b}]0;pwned\u{7}\u{1b}[2J.txt";
    std::fs::write(dir.path().join(evil), [0u8, 1, 2, 3, 4, 5, 6, 7]).expect("write");
    std::fs::write(dir.path().join("b\u{1b}[31m.docx"), b"x").expect("write");
    std::fs::copy(
        samples().join("shenzhen-zhian-2023-budget.txt"),
        dir.path().join("c\u{7}.txt"),
    )
    .expect("copy");
    let runs = [
        command(&["export", evil], dir.path())
            .output()
            .expect("run"),
        command(&["export", "."], dir.path()).output().expect("run"),
        command(&["search", "公安证照", "."], dir.path())
            .output()
            .expect("run"),
    ];
    for o in &runs {
        for (stream, bytes) in [("stderr", &o.stderr), ("stdout", &o.stdout)] {
            assert!(
                !bytes.iter().any(|&b| b == 0x1b || b == 0x07),
                "raw control bytes on {stream}: {}",
                String::from_utf8_lossy(bytes)
            );
        }
    }
    let err = String::from_utf8_lossy(&runs[0].stderr);
    assert!(
        err.contains("a\\u{1b}]0;pwned\\u{7}\\u{1b}[2J.txt: not a text file"),
        "{err}"
    );
    let err = String::from_utf8_lossy(&runs[1].stderr);
    assert!(err.contains("b\\u{1b}[31m.docx"), "{err}");
    let out = String::from_utf8_lossy(&runs[2].stdout);
    assert!(out.contains("c\\u{7}.txt:"), "{out}");
}

#[test]
fn flags_before_the_command_apply_to_it() {
    let zhian = samples().join("shenzhen-zhian-2023-budget.txt");
    let zhian = zhian.to_str().expect("utf-8 path");
    let dir = tempfile::tempdir().expect("tempdir");
    let o = command(
        &["--no-cache", "export", "--format", "csv", zhian],
        dir.path(),
    )
    .output()
    .expect("run");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("document,table,"));
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_the_export_quietly() {
    use std::io::Read;
    let zhian = samples().join("shenzhen-luohu-2020-budget.txt");
    let zhian = zhian.to_str().expect("utf-8 path");
    for format in ["csv", "json"] {
        let mut child = command(&["export", "--format", format, zhian], &samples())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        // read a little, then close the pipe
        let mut out = child.stdout.take().expect("stdout");
        let mut first = [0u8; 64];
        out.read_exact(&mut first).expect("some output");
        drop(out);
        let o = child.wait_with_output().expect("wait");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.is_empty(), "{format}: {err}");
        assert_eq!(o.status.code(), Some(0), "{format}");
    }
}

#[test]
fn headless_commands_refuse_the_explorer_configuration() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, "this is [not toml").expect("write");
    let broken = broken.to_str().expect("utf-8 path");
    let zhian = samples().join("shenzhen-zhian-2023-budget.txt");
    let zhian = zhian.to_str().expect("utf-8 path");
    for args in [
        vec!["export", "--config", broken, zhian],
        vec!["search", "--config", broken, "公安", zhian],
        vec!["--config", broken, "export", zhian],
        vec!["--config", "/dev/null", "search", "公安", zhian],
    ] {
        let o = command(&args, dir.path()).output().expect("run");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?} must be refused: {err}");
        assert!(err.contains("--config"), "{args:?}: {err}");
        assert!(o.stdout.is_empty(), "{args:?} printed a result");
    }
}
