//! End to end: the real binary in a pseudo-terminal, read back with vt100.
//! Opens the samples, navigates to a table, quits; searches, jumps to a
//! result and copies its figure (the exact OSC 52 bytes); checks what is on
//! screen and that the terminal was restored (alternate screen left, cursor
//! shown, mouse reporting off, raw mode off) on quit, on SIGTERM, on SIGHUP
//! and on a panic.
#![cfg(unix)]

use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const COLS: u16 = 100;
const ROWS: u16 = 30;

struct Session {
    master: Box<dyn MasterPty + Send>,
    // Kept open so that the terminal settings can still be read after exit.
    _slave: Box<dyn portable_pty::SlavePty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    output: Arc<Mutex<Vec<u8>>>,
    cooked_flags: String,
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn local_flags(master: &dyn MasterPty) -> String {
    master
        .get_termios()
        .map(|t| format!("{:?}", t.local_flags))
        .unwrap_or_default()
}

impl Session {
    fn start(program: PathBuf, args: &[&str], env: &[(&str, &str)]) -> Session {
        Self::start_without(program, args, env, &[])
    }

    /// Start with some variables of the environment removed.
    fn start_without(
        program: PathBuf,
        args: &[&str],
        env: &[(&str, &str)],
        remove: &[&str],
    ) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let cooked_flags = local_flags(&*pair.master);
        let mut cmd = CommandBuilder::new(program);
        for a in args {
            cmd.arg(a);
        }
        cmd.cwd(manifest_dir());
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        for (k, v) in env {
            cmd.env(k, v);
        }
        for k in remove {
            cmd.env_remove(k);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("lock").extend_from_slice(&buf[..n]);
            }
        });
        Session {
            master: pair.master,
            _slave: pair.slave,
            writer,
            child,
            output,
            cooked_flags,
        }
    }

    fn bytes(&self) -> Vec<u8> {
        self.output.lock().expect("lock").clone()
    }

    fn screen(&self) -> vt100::Parser {
        let mut p = vt100::Parser::new(ROWS, COLS, 0);
        p.process(&self.bytes());
        p
    }

    /// Wait until the screen shows `needle` (panics with the screen after 30 s).
    fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let text = self.screen().screen().contents();
            if text.contains(needle) {
                return text;
            }
            if start.elapsed() > Duration::from_secs(30) {
                panic!("timed out waiting for {needle:?}; screen:\n{text}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(150));
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // Let the reader catch the last bytes.
                std::thread::sleep(Duration::from_millis(200));
                return status;
            }
            if start.elapsed() > Duration::from_secs(20) {
                let _ = self.child.kill();
                panic!(
                    "did not exit; screen:\n{}",
                    self.screen().screen().contents()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The terminal is back to normal: alternate screen left, cursor shown,
    /// mouse reporting off, and the tty back in cooked mode.
    fn assert_restored(&self) {
        let bytes = self.bytes();
        let parser = self.screen();
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "cursor still hidden");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting still on"
        );
        let text = String::from_utf8_lossy(&bytes);
        let enter = text
            .find("\x1b[?1049h")
            .expect("entered the alternate screen");
        let leave = text
            .rfind("\x1b[?1049l")
            .expect("left the alternate screen");
        assert!(leave > enter);
        let show = text.rfind("\x1b[?25h").expect("showed the cursor");
        assert!(show > enter);
        assert_eq!(
            local_flags(&*self.master),
            self.cooked_flags,
            "raw mode still on"
        );
        assert!(
            self.cooked_flags.contains("ICANON"),
            "{}",
            self.cooked_flags
        );
    }
}

#[test]
fn opens_samples_navigates_to_a_table_and_quits() {
    let mut s = Session::start(
        PathBuf::from(env!("CARGO_BIN_EXE_budgettui")),
        &["samples"],
        &[],
    );
    // five text samples and two PDFs
    let first = s.wait_for("Documents (7)");
    assert!(first.contains("Outline"), "{first}");
    // Wait until every document is parsed (the progress disappears).
    let start = Instant::now();
    while s.screen().screen().contents().contains("loading") {
        assert!(start.elapsed() < Duration::from_secs(30), "still loading");
        std::thread::sleep(Duration::from_millis(50));
    }
    // Raw mode is on while the explorer runs.
    assert!(
        !local_flags(&*s.master).contains("ICANON"),
        "raw mode during the run"
    );
    let screen = s.screen();
    assert!(screen.screen().alternate_screen());
    assert!(screen.screen().contents().contains("秦皇岛市公安局"));
    // The document list counts the checks' findings (at 100 columns, the
    // worst severity's only): the 2024 秦皇岛 budget's one error (its 三公
    // table's 合计), 罗湖's one, 治安's four, 唐山's none.
    let list = screen.screen().contents();
    assert!(list.contains("检查"), "{list}");
    for (dept, tally) in [
        ("2024 秦皇岛市公安局", "✗1"),
        ("深圳市公安局罗", "✗1"),
        ("深圳市公安局治", "✗4"),
        ("唐山市公安局", "✓"),
    ] {
        let line = list
            .lines()
            .find(|l| l.contains(dept))
            .unwrap_or_else(|| panic!("{dept} listed:\n{list}"));
        assert!(line.contains(tally), "{dept}: {tally} in {line:?}");
    }

    // The 2024 document (the fourth by department: the two PDFs of 广州 come
    // first), tree, past the 检查 node and the text before the first heading
    // to the first table, into the table (the cursor opens on the first
    // column of figures, the third), two cells right, one row down.
    s.send("jjj");
    s.send("\t");
    s.send("jjj");
    s.wait_for("部门预算收支总表");
    s.send("\t");
    s.wait_for("col 3/");
    s.send("\x1b[C\x1b[C");
    s.send("j");
    let text = s.wait_for("row 2/");
    assert!(
        text.contains("单位：万元"),
        "unit in the title bar:\n{text}"
    );
    assert!(text.contains("col 5/"), "{text}");
    assert!(
        text.contains("一般公共预算拨款收入"),
        "table rows on screen:\n{text}"
    );

    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_restored();
}

#[test]
fn restores_the_terminal_on_sigterm() {
    let mut s = Session::start(
        PathBuf::from(env!("CARGO_BIN_EXE_budgettui")),
        &["samples"],
        &[],
    );
    s.wait_for("Documents (7)");
    let pid = s.child.process_id().expect("pid");
    let ok = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(ok.success());
    let status = s.wait_exit();
    assert!(!status.success(), "dies by the signal: {status:?}");
    s.assert_restored();
}

#[test]
fn restores_the_terminal_on_sighup() {
    let mut s = Session::start(
        PathBuf::from(env!("CARGO_BIN_EXE_budgettui")),
        &["samples"],
        &[],
    );
    s.wait_for("Documents (7)");
    // portable-pty's kill sends SIGHUP.
    s.child.kill().expect("hup");
    s.wait_exit();
    s.assert_restored();
}

/// The child half of the panic test: runs the explorer in this test binary
/// (started again inside the pseudo-terminal) and panics after a few frames.
#[test]
fn panic_child() {
    if std::env::var_os("BUDGETTUI_E2E_PANIC_CHILD").is_none() {
        return;
    }
    let mut frames = 0;
    let _ = budgettui::tui::run_with(budgettui::tui::loader::Source::Samples, |_| {
        frames += 1;
        if frames >= 3 {
            panic!("test panic after {frames} frames");
        }
    });
}

#[test]
fn restores_the_terminal_on_panic() {
    let me = std::env::current_exe().expect("test binary");
    let mut s = Session::start(
        me,
        &["--exact", "panic_child", "--nocapture", "--test-threads=1"],
        &[("BUDGETTUI_E2E_PANIC_CHILD", "1")],
    );
    let status = s.wait_exit();
    assert!(!status.success(), "the panic fails the child test");
    s.assert_restored();
    let text = String::from_utf8_lossy(&s.bytes()).into_owned();
    let leave = text.rfind("\x1b[?1049l").unwrap_or(0);
    let msg = text
        .rfind("test panic after")
        .expect("panic message printed");
    assert!(
        msg > leave,
        "the message comes after the terminal is restored"
    );
}

/// Search `智慧社区`, jump to the first result (the 2024 project), copy its
/// amount with `y`: the program writes exactly the OSC 52 sequence for
/// `397.10` and the status bar confirms; then quit and check the terminal.
#[test]
fn search_jump_and_yank() {
    let home = tempfile::tempdir().expect("tempdir");
    let config_home = home.path().to_string_lossy().into_owned();
    // No tmux, no display: the copy is OSC 52 only, whatever runs the tests.
    let mut s = Session::start_without(
        PathBuf::from(env!("CARGO_BIN_EXE_budgettui")),
        &["samples"],
        &[("XDG_CONFIG_HOME", &config_home)],
        &["TMUX", "DISPLAY", "WAYLAND_DISPLAY"],
    );
    s.wait_for("Documents (7)");
    let start = Instant::now();
    while s.screen().screen().contents().contains("loading") {
        assert!(start.elapsed() < Duration::from_secs(30), "still loading");
        std::thread::sleep(Duration::from_millis(50));
    }
    s.send("/");
    s.wait_for("Search");
    s.send("智慧社区");
    let text = s.wait_for("14 results");
    assert!(text.contains("/ 智慧社区"), "{text}");
    assert!(text.contains("2024 秦皇岛开发区"), "{text}");
    assert!(text.contains("397.10 万元"), "{text}");

    s.send("\r");
    let text = s.wait_for("result 1/14");
    assert!(!text.contains("Enter jump"), "the prompt closed:\n{text}");
    assert!(
        text.contains("项 智慧社区"),
        "the project in the outline:\n{text}"
    );
    assert!(
        text.contains("金额      397.10 万元"),
        "the amount:\n{text}"
    );
    assert!(
        text.contains("Outline · qinhuangdao-kaifaqu-2024"),
        "the 2024 document:\n{text}"
    );
    // The amount line is the selected one (reversed in NO_COLOR).
    let parser = s.screen();
    let screen = parser.screen();
    let (row, col) = (0..ROWS)
        .flat_map(|r| (0..COLS).map(move |c| (r, c)))
        .find(|&(r, c)| {
            screen.cell(r, c).is_some_and(|x| x.contents() == "金")
                && screen.cell(r, c + 2).is_some_and(|x| x.contents() == "额")
        })
        .expect("金额 on screen");
    let cell = screen.cell(row, col).expect("cell");
    assert!(cell.inverse(), "the amount line is highlighted");

    let before = s.bytes().len();
    s.send("y");
    let text = s.wait_for("copied 397.10");
    assert!(text.contains("copied 397.10 (osc52)"), "{text}");
    let after = s.bytes();
    let osc = b"\x1b]52;c;Mzk3LjEw\x1b\\";
    assert!(
        after[before..].windows(osc.len()).any(|w| w == osc),
        "OSC 52 for 397.10 written: {:?}",
        String::from_utf8_lossy(&after[before..])
    );

    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_restored();
}

/// Configured colours are used, and `NO_COLOR` still wins over them.
#[test]
fn configured_colours_and_no_color() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("config.toml");
    std::fs::write(
        &file,
        "[theme]\nborder = \"#ff0000\"\nborder_focus = \"#ff0000\"\n",
    )
    .expect("write");
    let file = file.to_string_lossy().into_owned();
    let red = "38;2;255;0;0";
    let run = |remove: &[&str]| {
        let mut s = Session::start_without(
            PathBuf::from(env!("CARGO_BIN_EXE_budgettui")),
            &["--config", &file, "samples"],
            &[],
            remove,
        );
        s.wait_for("Documents (7)");
        std::thread::sleep(Duration::from_millis(300));
        s.send("q");
        s.wait_exit();
        s.assert_restored();
        String::from_utf8_lossy(&s.bytes()).into_owned()
    };
    let coloured = run(&["NO_COLOR"]);
    assert!(
        coloured.contains(red),
        "the configured border colour is drawn"
    );
    let plain = run(&[]);
    assert!(!plain.contains(red), "NO_COLOR: no colours");
    assert!(!plain.contains("38;5;"), "NO_COLOR: no colours");
}

/// Ctrl-c quits the real program from the help, even with a configuration
/// that gives quit another key (in raw mode it is a key, not SIGINT).
#[test]
fn ctrl_c_quits_from_the_help() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("config.toml");
    std::fs::write(&file, "[keys]\nquit = [\"x\"]\n").expect("write");
    let file = file.to_string_lossy().into_owned();
    let mut s = Session::start(
        PathBuf::from(env!("CARGO_BIN_EXE_budgettui")),
        &["--config", &file, "samples"],
        &[],
    );
    s.wait_for("Documents (7)");
    s.send("?");
    s.wait_for("Keys · any key closes");
    // The quit key is near the end of the help: page down to it.
    s.send("\x1b[6~\x1b[6~\x1b[6~");
    s.wait_for("x Ctrl-c");
    s.send("\x03");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.assert_restored();
}

/// Wait until the documents are loaded.
fn loaded(s: &Session) {
    s.wait_for("Documents (7)");
    let start = Instant::now();
    while s.screen().screen().contents().contains("loading") {
        assert!(start.elapsed() < Duration::from_secs(30), "still loading");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// `P`: every project of the samples; `s` sorts the amounts (where the
/// cursor opens), largest first; Enter opens the project in its document;
/// Esc goes back to the board.
#[test]
fn all_projects_sorted_by_amount_then_opened() {
    let mut s = Session::start(
        PathBuf::from(env!("CARGO_BIN_EXE_budgettui")),
        &["samples"],
        &[],
    );
    loaded(&s);
    s.send("P");
    s.wait_for("全部项目");
    s.send("s");
    let text = s.wait_for("↓金额");
    let first = text
        .lines()
        .find(|l| l.contains('['))
        .expect("the cursor row");
    assert!(
        first.contains("警务辅助专项经费") && first.contains("[   28,565.01]"),
        "the largest project first, under the cursor:\n{text}"
    );
    s.send("\r");
    let text = s.wait_for("Esc goes back to the board");
    assert!(text.contains("项目支出预算表"), "罗湖 表.5 open:\n{text}");
    assert!(
        text.contains("[28,565.01]"),
        "on the project's figure:\n{text}"
    );
    assert!(text.contains("shenzhen-luohu-2020"), "{text}");
    s.send("\x1b");
    s.wait_for("↓金额");
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

/// `C` on a 三公 table: one column per document that has one.
#[test]
fn compare_sangong_shows_every_documents_column() {
    let mut s = Session::start(
        PathBuf::from(env!("CARGO_BIN_EXE_budgettui")),
        &["samples"],
        &[],
    );
    loaded(&s);
    // Search the table by its title and open it.
    s.send("/");
    s.wait_for("Search");
    s.send("三公经费支出表");
    s.wait_for("表 ");
    s.send("\r");
    s.wait_for("三公");
    s.send("C");
    let text = s.wait_for("对比 · 三公经费");
    // the three text samples with a 三公 table and the bundled PDF budget
    for dept in ["广州信访", "深圳治安", "秦皇岛开发区", "罗湖"] {
        assert!(text.contains(dept), "{dept}'s column:\n{text}");
    }
    assert!(text.contains("4 documents"), "{text}");
    assert!(
        text.contains("公务接待费") && text.contains("10.29") && text.contains("6.81"),
        "{text}"
    );
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}
