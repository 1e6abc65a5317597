//! Copying figures to the clipboard: OSC 52, tmux, external commands.
//!
//! A copy runs a [`plan`] of [`Step`]s chosen from the [`ClipboardConfig`] and
//! the detected [`Env`]:
//!
//! - `osc52`: write an OSC 52 sequence to the terminal, which sets the clipboard
//!   of the terminal the user sits at, even over SSH. Inside tmux it is also
//!   written wrapped for tmux passthrough (`allow-passthrough on`), while the
//!   plain sequence serves `set-clipboard on`.
//! - `command`: pipe the text into a clipboard program: the configured one, or
//!   the one the environment offers (`pbcopy`, `clip.exe`, `wl-copy`,
//!   `xclip -selection clipboard`, `xsel --clipboard --input`).
//! - `auto` (the default): OSC 52 always; inside tmux also the wrapped OSC 52 and
//!   `tmux load-buffer -w -`; plus the configured or detected command. The figure
//!   thus lands in tmux's buffer and the outer terminal's clipboard whatever
//!   tmux's `set-clipboard` / `allow-passthrough` settings are.
//!
//! [`copy`] executes the plan and reports what was delivered; nothing in it
//! panics, and every external command is bounded by the configured timeout.
//! [`format_amount`] turns a figure into the text to yank.

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::model::{Amount, Unit};
use crossterm::Command as _;
use crossterm::clipboard::CopyToClipboard;
use serde::{Deserialize, Serialize};

/// The OSC 52 sequence that puts `text` on the system clipboard
/// (`ESC ] 52 ; c ; <base64> ESC \`), as crossterm's [`CopyToClipboard`] writes it.
pub fn osc52(text: &str) -> String {
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = CopyToClipboard::to_clipboard_from(text.as_bytes()).write_ansi(&mut out);
    out
}

/// Wraps an escape sequence for tmux passthrough: `ESC P tmux;`, the sequence
/// with every ESC doubled, `ESC \`.
pub fn tmux_passthrough(seq: &str) -> String {
    let mut out = String::with_capacity(seq.len() * 2 + 10);
    out.push_str("\x1bPtmux;");
    for ch in seq.chars() {
        if ch == '\x1b' {
            out.push('\x1b');
        }
        out.push(ch);
    }
    out.push_str("\x1b\\");
    out
}

/// Which clipboard mechanism to use (`clipboard.provider` in the config file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProviderChoice {
    /// OSC 52, tmux's buffer inside tmux, and a clipboard command when there is one.
    #[default]
    Auto,
    /// OSC 52 only (plus its tmux-wrapped form inside tmux).
    Osc52,
    /// Only the external command (configured, or else detected).
    Command,
}

/// Clipboard settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClipboardConfig {
    pub provider: ProviderChoice,
    /// Program and arguments that read the text on stdin; used when `provider`
    /// is `command`, and preferred over the detected command in `auto`.
    /// An empty list (or an empty program name) counts as not configured.
    pub command: Option<Vec<String>>,
    /// How long one external command may take before it is killed.
    pub timeout: Duration,
}

impl Default for ClipboardConfig {
    fn default() -> Self {
        ClipboardConfig {
            provider: ProviderChoice::Auto,
            command: None,
            timeout: Duration::from_secs(2),
        }
    }
}

/// Programs [`Env::detect`] looks for on `PATH`.
pub const KNOWN_PROGRAMS: &[&str] = &["tmux", "wl-copy", "xclip", "xsel", "pbcopy", "clip.exe"];

/// What the clipboard plan depends on in the environment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Env {
    /// `$TMUX` is set: we run inside tmux.
    pub tmux: bool,
    /// `$WAYLAND_DISPLAY` is set.
    pub wayland: bool,
    /// `$DISPLAY` is set (X11, XWayland or X forwarding).
    pub display: bool,
    /// Running under Windows Subsystem for Linux.
    pub wsl: bool,
    pub macos: bool,
    /// Program names found on `PATH` (of those in [`KNOWN_PROGRAMS`] when detected).
    pub which: BTreeSet<String>,
}

impl Env {
    /// Reads the real environment. Spawns nothing: programs are looked up on `PATH`.
    pub fn detect() -> Env {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        Env {
            tmux: set("TMUX"),
            wayland: set("WAYLAND_DISPLAY"),
            display: set("DISPLAY"),
            wsl: detect_wsl(),
            macos: cfg!(target_os = "macos"),
            which: KNOWN_PROGRAMS
                .iter()
                .filter(|p| on_path(p))
                .map(|p| p.to_string())
                .collect(),
        }
    }

    /// Whether `program` was found on `PATH`.
    pub fn has(&self, program: &str) -> bool {
        self.which.contains(program)
    }
}

fn detect_wsl() -> bool {
    if !cfg!(target_os = "linux") {
        return false;
    }
    ["/proc/sys/kernel/osrelease", "/proc/version"]
        .iter()
        .any(|file| {
            std::fs::read_to_string(file)
                .is_ok_and(|s| s.to_ascii_lowercase().contains("microsoft"))
        })
}

/// Whether an executable file named `program` is in a directory of `PATH`.
pub fn on_path(program: &str) -> bool {
    if program.is_empty() || program.contains('/') {
        return !program.is_empty() && is_executable(Path::new(program));
    }
    let Some(path) = std::env::var_os("PATH") else {
        return false;
    };
    std::env::split_paths(&path).any(|dir| is_executable(&dir.join(program)))
}

fn is_executable(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

/// One action of a copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Write the OSC 52 sequence to the terminal.
    Osc52,
    /// Write the OSC 52 sequence wrapped for tmux passthrough to the terminal.
    Osc52Tmux,
    /// Run `tmux load-buffer -w -` with the text on stdin.
    TmuxBuffer,
    /// Run a program with the text on stdin.
    Command { program: String, args: Vec<String> },
}

impl Step {
    fn command(argv: &[&str]) -> Option<Step> {
        let (program, args) = argv.split_first()?;
        Some(Step::Command {
            program: program.to_string(),
            args: args.iter().map(|a| a.to_string()).collect(),
        })
    }

    /// Short name for reports: `osc52`, `tmux passthrough`, `tmux buffer`, or
    /// the program's file name (`xclip`).
    pub fn label(&self) -> String {
        match self {
            Step::Osc52 => "osc52".to_string(),
            Step::Osc52Tmux => "tmux passthrough".to_string(),
            Step::TmuxBuffer => "tmux buffer".to_string(),
            Step::Command { program, .. } => Path::new(program)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| program.clone()),
        }
    }
}

/// The configured command, when it names a program.
fn configured_command(cfg: &ClipboardConfig) -> Option<Step> {
    let argv = cfg.command.as_ref()?;
    let (program, args) = argv.split_first()?;
    if program.trim().is_empty() {
        return None;
    }
    Some(Step::Command {
        program: program.clone(),
        args: args.to_vec(),
    })
}

/// The clipboard command the environment offers, if any: `pbcopy` on macOS,
/// `clip.exe` under WSL, `wl-copy` under Wayland, `xclip` or `xsel` with an X
/// display, in that order of preference; only programs found on `PATH`.
pub fn detected_command(env: &Env) -> Option<Step> {
    let candidates: [(bool, &[&str]); 5] = [
        (env.macos, &["pbcopy"]),
        (env.wsl, &["clip.exe"]),
        (env.wayland, &["wl-copy"]),
        (env.display, &["xclip", "-selection", "clipboard"]),
        (env.display, &["xsel", "--clipboard", "--input"]),
    ];
    candidates
        .iter()
        .find(|(present, argv)| *present && argv.first().is_some_and(|p| env.has(p)))
        .and_then(|(_, argv)| Step::command(argv))
}

/// The steps a copy takes with this configuration in this environment.
pub fn plan(cfg: &ClipboardConfig, env: &Env) -> Vec<Step> {
    let command = || configured_command(cfg).or_else(|| detected_command(env));
    let mut steps = Vec::new();
    match cfg.provider {
        ProviderChoice::Osc52 => {
            steps.push(Step::Osc52);
            if env.tmux {
                steps.push(Step::Osc52Tmux);
            }
        }
        ProviderChoice::Command => steps.extend(command()),
        ProviderChoice::Auto => {
            steps.push(Step::Osc52);
            if env.tmux {
                steps.push(Step::Osc52Tmux);
                steps.push(Step::TmuxBuffer);
            }
            steps.extend(command());
        }
    }
    steps
}

/// What a copy achieved.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CopyReport {
    /// Labels of the steps that delivered the text (`osc52`, `tmux buffer`, `xclip`).
    pub delivered: Vec<String>,
    /// One message per step that failed.
    pub problems: Vec<String>,
}

impl CopyReport {
    /// Whether anything delivered the text.
    pub fn ok(&self) -> bool {
        !self.delivered.is_empty()
    }

    /// Status-bar text: `copied 397.10 (osc52, tmux buffer)` or
    /// `could not copy 397.10: <first problem>`.
    pub fn status_line(&self, figure: &str) -> String {
        if self.ok() {
            format!("copied {figure} ({})", self.delivered.join(", "))
        } else {
            let why = self
                .problems
                .first()
                .map(String::as_str)
                .unwrap_or("no clipboard provider available");
            format!("could not copy {figure}: {why}")
        }
    }
}

/// Copies `text` following [`plan`]: escape sequences go to `term` (the
/// terminal's stdout) and are flushed; commands get the text on stdin and are
/// killed after `cfg.timeout`. OSC 52 written to `term` counts as delivered,
/// since the terminal never says whether it accepted it.
pub fn copy(text: &str, cfg: &ClipboardConfig, env: &Env, term: &mut dyn Write) -> CopyReport {
    let mut report = CopyReport::default();
    let steps = plan(cfg, env);
    if steps.is_empty() {
        report
            .problems
            .push("no clipboard command configured or found (set clipboard.command)".to_string());
        return report;
    }
    let plain = osc52(text);
    for step in &steps {
        let label = step.label();
        let outcome = match step {
            Step::Osc52 => write_term(term, &plain),
            Step::Osc52Tmux => write_term(term, &tmux_passthrough(&plain)),
            Step::TmuxBuffer => {
                let with_w = ["load-buffer", "-w", "-"].map(String::from);
                match run_command("tmux", &with_w, text, cfg.timeout) {
                    // tmux before 3.2 has no -w: load the buffer without it.
                    Err(RunError::Failed(_)) => {
                        let plain_args = ["load-buffer", "-"].map(String::from);
                        run_command("tmux", &plain_args, text, cfg.timeout)
                            .map_err(|e| e.to_string())
                    }
                    other => other.map_err(|e| e.to_string()),
                }
            }
            Step::Command { program, args } => {
                run_command(program, args, text, cfg.timeout).map_err(|e| e.to_string())
            }
        };
        match outcome {
            Ok(()) => report.delivered.push(label),
            Err(why) => report.problems.push(format!("{label}: {why}")),
        }
    }
    report
}

fn write_term(term: &mut dyn Write, seq: &str) -> Result<(), String> {
    term.write_all(seq.as_bytes())
        .and_then(|()| term.flush())
        .map_err(|e| format!("writing to the terminal failed: {e}"))
}

/// Why an external command did not deliver the text.
#[derive(Debug)]
enum RunError {
    NotFound,
    Spawn(io::Error),
    Failed(String),
    Timeout(Duration),
    Unread(String),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::NotFound => write!(f, "program not found"),
            RunError::Spawn(e) => write!(f, "could not start: {e}"),
            RunError::Failed(status) => write!(f, "failed ({status})"),
            RunError::Timeout(t) => write!(f, "timed out after {} ms", t.as_millis()),
            RunError::Unread(why) => write!(f, "did not take the text ({why})"),
        }
    }
}

const POLL: Duration = Duration::from_millis(5);

/// Runs `program args…` with `text` on stdin and stdout/stderr discarded,
/// waiting at most `timeout`. Stdin is fed from a helper thread, so a program
/// that never reads cannot block us; on timeout the program is killed.
fn run_command(
    program: &str,
    args: &[String],
    text: &str,
    timeout: Duration,
) -> Result<(), RunError> {
    let mut child = std::process::Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => RunError::NotFound,
            _ => RunError::Spawn(e),
        })?;
    let start = Instant::now();
    let (tx, rx) = mpsc::channel();
    if let Some(mut stdin) = child.stdin.take() {
        let bytes = text.as_bytes().to_vec();
        let spawned = std::thread::Builder::new()
            .name("clipboard-stdin".to_string())
            .spawn(move || {
                let result = stdin.write_all(&bytes).and_then(|()| stdin.flush());
                drop(stdin); // EOF for the program
                let _ = tx.send(result);
            });
        if let Err(e) = spawned {
            kill(&mut child);
            return Err(RunError::Spawn(e));
        }
    } else {
        let _ = tx.send(Err(io::Error::other("no stdin pipe")));
    }

    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => {}
            Err(e) => {
                kill(&mut child);
                return Err(RunError::Failed(format!("waiting failed: {e}")));
            }
        }
        if start.elapsed() >= timeout {
            kill(&mut child);
            return Err(RunError::Timeout(timeout));
        }
        std::thread::sleep(POLL);
    };
    if !status.success() {
        return Err(RunError::Failed(status.to_string()));
    }
    // The program exited; the writer finishes at once unless something it
    // started still holds stdin without reading it.
    let grace = timeout.saturating_sub(start.elapsed()).max(POLL * 10);
    match rx.recv_timeout(grace) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(RunError::Unread(e.to_string())),
        Err(_) => Err(RunError::Unread("stdin still open".to_string())),
    }
}

/// Kills a child and reaps it, giving up (rather than blocking) after a moment.
fn kill(child: &mut Child) {
    let _ = child.kill();
    let until = Instant::now() + Duration::from_millis(500);
    while Instant::now() < until {
        if !matches!(child.try_wait(), Ok(None)) {
            return;
        }
        std::thread::sleep(POLL);
    }
}

/// In which unit a figure is yanked (`yank_unit` in the config file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum YankUnit {
    /// Exactly as printed (usually 万元). Also spelled `wan`.
    #[default]
    #[serde(alias = "wan")]
    AsPrinted,
    /// Converted exactly to 元.
    Yuan,
}

/// The text to yank for a figure of money (parsed by the parse core's one
/// parser of printed figures, `parse::amount`).
///
/// - [`YankUnit::AsPrinted`]: the figure as printed, followed by its unit
///   when `append_unit` (`397.10万元`).
/// - [`YankUnit::Yuan`]: converted exactly to 元 (`397.10` 万元 → `3971000`),
///   without thousands separators or meaningless trailing zeros; a figure
///   already in 元 is left as printed; `元` appended when `append_unit`.
///
/// Converting a figure whose unit the document does not state is an error.
pub fn format_amount(
    amount: &Amount,
    yank_unit: YankUnit,
    append_unit: bool,
) -> Result<String, String> {
    let printed = amount.printed.trim();
    match yank_unit {
        YankUnit::AsPrinted => Ok(match amount.unit.filter(|_| append_unit) {
            Some(unit) => format!("{printed}{unit}"),
            None => printed.to_string(),
        }),
        YankUnit::Yuan => {
            let Some(unit) = amount.unit else {
                return Err(format!(
                    "cannot convert {printed} to 元: the table states no unit"
                ));
            };
            let text = if unit == Unit::Yuan {
                printed.to_string()
            } else {
                amount
                    .convert(Unit::Yuan)
                    .ok_or_else(|| format!("cannot convert {printed} to 元: too large"))?
                    .normalize()
                    .to_string()
            };
            Ok(if append_unit {
                format!("{text}{}", Unit::Yuan)
            } else {
                text
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ESC: &str = "\x1b";

    fn env(f: impl FnOnce(&mut Env)) -> Env {
        let mut e = Env::default();
        f(&mut e);
        e
    }

    fn with_programs(e: &mut Env, programs: &[&str]) {
        e.which = programs.iter().map(|p| p.to_string()).collect();
    }

    fn cfg(provider: ProviderChoice, command: Option<&[&str]>) -> ClipboardConfig {
        ClipboardConfig {
            provider,
            command: command.map(|c| c.iter().map(|s| s.to_string()).collect()),
            ..ClipboardConfig::default()
        }
    }

    fn cmd(argv: &[&str]) -> Step {
        Step::command(argv).expect("non-empty argv")
    }

    #[test]
    fn osc52_exact_bytes() {
        // crossterm terminates OSC with ST (ESC \), not BEL.
        assert_eq!(osc52("397.10"), format!("{ESC}]52;c;Mzk3LjEw{ESC}\\"));
        assert_eq!(
            osc52("397.10").as_bytes(),
            b"\x1b]52;c;Mzk3LjEw\x1b\\".as_slice()
        );
        // UTF-8 bytes are encoded, so units survive.
        assert_eq!(osc52("万元"), format!("{ESC}]52;c;5LiH5YWD{ESC}\\"));
        assert_eq!(osc52(""), format!("{ESC}]52;c;{ESC}\\"));
    }

    #[test]
    fn tmux_wrapped_exact_bytes() {
        assert_eq!(
            tmux_passthrough(&osc52("397.10")).as_bytes(),
            b"\x1bPtmux;\x1b\x1b]52;c;Mzk3LjEw\x1b\x1b\\\x1b\\".as_slice()
        );
        assert_eq!(tmux_passthrough("abc"), format!("{ESC}Ptmux;abc{ESC}\\"));
    }

    #[test]
    fn defaults_and_serde_names() {
        let d = ClipboardConfig::default();
        assert_eq!(d.provider, ProviderChoice::Auto);
        assert_eq!(d.command, None);
        assert_eq!(d.timeout, Duration::from_secs(2));
        for (name, p) in [
            ("auto", ProviderChoice::Auto),
            ("osc52", ProviderChoice::Osc52),
            ("command", ProviderChoice::Command),
        ] {
            let parsed: ProviderChoice = serde_json::from_str(&format!("\"{name}\"")).unwrap();
            assert_eq!(parsed, p);
        }
        assert!(serde_json::from_str::<ProviderChoice>("\"Osc52\"").is_err());
        for (name, u) in [
            ("as_printed", YankUnit::AsPrinted),
            ("wan", YankUnit::AsPrinted),
            ("yuan", YankUnit::Yuan),
        ] {
            let parsed: YankUnit = serde_json::from_str(&format!("\"{name}\"")).unwrap();
            assert_eq!(parsed, u);
        }
        assert!(serde_json::from_str::<YankUnit>("\"jiao\"").is_err());
        #[derive(Deserialize)]
        struct File {
            provider: ProviderChoice,
            yank_unit: YankUnit,
        }
        let f: File = toml::from_str("provider = \"command\"\nyank_unit = \"wan\"").unwrap();
        assert_eq!(f.provider, ProviderChoice::Command);
        assert_eq!(f.yank_unit, YankUnit::AsPrinted);
    }

    #[test]
    fn plan_osc52_provider() {
        let c = cfg(ProviderChoice::Osc52, None);
        let full = env(|e| {
            e.display = true;
            with_programs(e, &["xclip", "tmux"]);
        });
        assert_eq!(plan(&c, &full), vec![Step::Osc52]);
        let tmux = env(|e| {
            e.tmux = true;
            e.display = true;
            with_programs(e, &["xclip", "tmux"]);
        });
        assert_eq!(plan(&c, &tmux), vec![Step::Osc52, Step::Osc52Tmux]);
        // A configured command is not used with provider = osc52.
        let c = cfg(ProviderChoice::Osc52, Some(&["cat"]));
        assert_eq!(plan(&c, &tmux), vec![Step::Osc52, Step::Osc52Tmux]);
    }

    #[test]
    fn plan_command_provider() {
        let x11 = env(|e| {
            e.display = true;
            e.tmux = true;
            with_programs(e, &["xclip", "xsel", "tmux"]);
        });
        let c = cfg(ProviderChoice::Command, Some(&["my-copy", "--flag"]));
        assert_eq!(plan(&c, &x11), vec![cmd(&["my-copy", "--flag"])]);
        let c = cfg(ProviderChoice::Command, None);
        assert_eq!(
            plan(&c, &x11),
            vec![cmd(&["xclip", "-selection", "clipboard"])]
        );
        // An empty command counts as not configured.
        let c = cfg(ProviderChoice::Command, Some(&[]));
        assert_eq!(
            plan(&c, &x11),
            vec![cmd(&["xclip", "-selection", "clipboard"])]
        );
        // Nothing configured, nothing detected: an empty plan.
        let c = cfg(ProviderChoice::Command, None);
        assert_eq!(plan(&c, &env(|e| e.tmux = true)), vec![]);
    }

    #[test]
    fn plan_auto_provider() {
        let c = cfg(ProviderChoice::Auto, None);
        // Plain SSH session: OSC 52 only.
        assert_eq!(plan(&c, &Env::default()), vec![Step::Osc52]);
        // Inside tmux without a display.
        let tmux = env(|e| {
            e.tmux = true;
            with_programs(e, &["tmux"]);
        });
        assert_eq!(
            plan(&c, &tmux),
            vec![Step::Osc52, Step::Osc52Tmux, Step::TmuxBuffer]
        );
        // Inside tmux on X with xclip.
        let tmux_x = env(|e| {
            e.tmux = true;
            e.display = true;
            with_programs(e, &["tmux", "xclip"]);
        });
        assert_eq!(
            plan(&c, &tmux_x),
            vec![
                Step::Osc52,
                Step::Osc52Tmux,
                Step::TmuxBuffer,
                cmd(&["xclip", "-selection", "clipboard"]),
            ]
        );
        // A configured command is preferred over the detected one.
        let mine = cfg(ProviderChoice::Auto, Some(&["cat"]));
        assert_eq!(
            plan(&mine, &tmux_x),
            vec![
                Step::Osc52,
                Step::Osc52Tmux,
                Step::TmuxBuffer,
                cmd(&["cat"])
            ]
        );
    }

    #[test]
    fn detected_command_per_environment() {
        let detect = |f: fn(&mut Env)| detected_command(&env(f));
        assert_eq!(
            detect(|e| {
                e.wayland = true;
                with_programs(e, &["wl-copy", "xclip"]);
            }),
            Some(cmd(&["wl-copy"]))
        );
        // Wayland without wl-copy, but XWayland with xclip.
        assert_eq!(
            detect(|e| {
                e.wayland = true;
                e.display = true;
                with_programs(e, &["xclip"]);
            }),
            Some(cmd(&["xclip", "-selection", "clipboard"]))
        );
        assert_eq!(
            detect(|e| {
                e.display = true;
                with_programs(e, &["xsel"]);
            }),
            Some(cmd(&["xsel", "--clipboard", "--input"]))
        );
        assert_eq!(
            detect(|e| {
                e.macos = true;
                with_programs(e, &["pbcopy"]);
            }),
            Some(cmd(&["pbcopy"]))
        );
        assert_eq!(
            detect(|e| {
                e.wsl = true;
                e.wayland = true;
                e.display = true;
                with_programs(e, &["clip.exe", "wl-copy", "xclip"]);
            }),
            Some(cmd(&["clip.exe"]))
        );
        // Programs present but no display to talk to.
        assert_eq!(
            detect(|e| with_programs(e, &["wl-copy", "xclip", "xsel"])),
            None
        );
        // A display but no program.
        assert_eq!(
            detect(|e| {
                e.display = true;
                e.wayland = true;
            }),
            None
        );
    }

    #[test]
    fn env_detect_does_not_panic() {
        let e = Env::detect();
        assert!(e.which.iter().all(|p| KNOWN_PROGRAMS.contains(&p.as_str())));
        assert!(on_path("sh"));
        assert!(!on_path("budgettui-no-such-program"));
        assert!(!on_path(""));
    }

    #[test]
    fn copy_osc52_only_writes_terminal() {
        let mut term = Vec::new();
        let c = cfg(ProviderChoice::Osc52, None);
        let r = copy("397.10", &c, &Env::default(), &mut term);
        assert_eq!(term, b"\x1b]52;c;Mzk3LjEw\x1b\\");
        assert_eq!(r.delivered, vec!["osc52"]);
        assert!(r.problems.is_empty());
        assert_eq!(r.status_line("397.10"), "copied 397.10 (osc52)");

        let mut term = Vec::new();
        let r = copy("397.10", &c, &env(|e| e.tmux = true), &mut term);
        let expected = format!("{}{}", osc52("397.10"), tmux_passthrough(&osc52("397.10")));
        assert_eq!(term, expected.as_bytes());
        assert_eq!(r.delivered, vec!["osc52", "tmux passthrough"]);
    }

    #[test]
    fn copy_runs_command_and_writes_terminal() {
        let mut term = Vec::new();
        let c = cfg(ProviderChoice::Auto, Some(&["cat"]));
        let r = copy("397.10", &c, &Env::default(), &mut term);
        assert_eq!(term, osc52("397.10").as_bytes());
        assert_eq!(r.delivered, vec!["osc52", "cat"]);
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert_eq!(r.status_line("397.10"), "copied 397.10 (osc52, cat)");

        // provider = command writes nothing to the terminal.
        let mut term = Vec::new();
        let c = cfg(ProviderChoice::Command, Some(&["cat"]));
        let r = copy("397.10", &c, &Env::default(), &mut term);
        assert!(term.is_empty());
        assert_eq!(r.delivered, vec!["cat"]);
    }

    #[test]
    fn copy_text_arrives_on_stdin() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("clip.txt");
        let path = file.to_str().unwrap();
        let c = cfg(
            ProviderChoice::Command,
            Some(&["sh", "-c", "cat > \"$1\"", "sh", path]),
        );
        let r = copy("397.10万元", &c, &Env::default(), &mut Vec::new());
        assert_eq!(r.delivered, vec!["sh"]);
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "397.10万元");
    }

    #[test]
    fn copy_times_out_without_hanging() {
        let mut c = cfg(ProviderChoice::Command, Some(&["sleep", "10"]));
        c.timeout = Duration::from_millis(200);
        let start = Instant::now();
        let r = copy("397.10", &c, &Env::default(), &mut Vec::new());
        assert!(
            start.elapsed() < Duration::from_secs(1),
            "{:?}",
            start.elapsed()
        );
        assert!(r.delivered.is_empty());
        assert_eq!(r.problems, vec!["sleep: timed out after 200 ms"]);
        assert_eq!(
            r.status_line("397.10"),
            "could not copy 397.10: sleep: timed out after 200 ms"
        );

        // A megabyte the program never reads does not block us either.
        let big = "9".repeat(1 << 20);
        let start = Instant::now();
        let r = copy(&big, &c, &Env::default(), &mut Vec::new());
        assert!(
            start.elapsed() < Duration::from_secs(1),
            "{:?}",
            start.elapsed()
        );
        assert!(r.problems[0].contains("timed out"), "{:?}", r.problems);
    }

    #[test]
    fn copy_reports_missing_and_failing_programs() {
        let c = cfg(ProviderChoice::Auto, Some(&["budgettui-no-such-program"]));
        let mut term = Vec::new();
        let r = copy("397.10", &c, &Env::default(), &mut term);
        assert_eq!(r.delivered, vec!["osc52"]);
        assert_eq!(
            r.problems,
            vec!["budgettui-no-such-program: program not found"]
        );
        assert_eq!(r.status_line("397.10"), "copied 397.10 (osc52)");

        let c = cfg(
            ProviderChoice::Command,
            Some(&["budgettui-no-such-program"]),
        );
        let r = copy("397.10", &c, &Env::default(), &mut Vec::new());
        assert_eq!(
            r.status_line("397.10"),
            "could not copy 397.10: budgettui-no-such-program: program not found"
        );

        let c = cfg(ProviderChoice::Command, Some(&["sh", "-c", "exit 3"]));
        let r = copy("397.10", &c, &Env::default(), &mut Vec::new());
        assert!(r.delivered.is_empty());
        assert_eq!(r.problems, vec!["sh: failed (exit status: 3)"]);

        // Nothing to run at all.
        let c = cfg(ProviderChoice::Command, None);
        let r = copy("397.10", &c, &Env::default(), &mut Vec::new());
        assert!(!r.ok());
        assert!(
            r.status_line("397.10")
                .starts_with("could not copy 397.10: no clipboard command")
        );
    }

    #[test]
    fn copy_reports_terminal_write_errors() {
        struct Broken;
        impl Write for Broken {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::other("closed"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let c = cfg(ProviderChoice::Osc52, None);
        let r = copy("397.10", &c, &Env::default(), &mut Broken);
        assert!(r.delivered.is_empty());
        assert_eq!(
            r.status_line("397.10"),
            "could not copy 397.10: osc52: writing to the terminal failed: closed"
        );
    }

    #[test]
    fn status_line_without_problems() {
        assert_eq!(
            CopyReport::default().status_line("1"),
            "could not copy 1: no clipboard provider available"
        );
    }

    /// `printed` read by the one parser, in the unit a table states as
    /// `unit` (`万元`, `（万元）`, `单位：万元`); a text that is not a number is
    /// copied as printed (what the explorer does).
    fn format_figure(
        printed: &str,
        unit: Option<&str>,
        y: YankUnit,
        append: bool,
    ) -> Result<String, String> {
        let unit = unit.and_then(|u| {
            crate::parse::unit_in_label(&format!("({u})")).or_else(|| crate::parse::unit_word(u))
        });
        match crate::parse::amount::parse_figure(printed, unit) {
            Some(amount) => format_amount(&amount, y, append),
            None => Ok(printed.trim().to_string()),
        }
    }

    fn fmt(printed: &str, unit: Option<&str>, y: YankUnit, append: bool) -> String {
        format_figure(printed, unit, y, append).unwrap()
    }

    #[test]
    fn format_as_printed() {
        use YankUnit::AsPrinted;
        assert_eq!(fmt("397.10", Some("万元"), AsPrinted, false), "397.10");
        assert_eq!(
            fmt("145,863.63", Some("万元"), AsPrinted, false),
            "145,863.63"
        );
        assert_eq!(fmt("397.10", Some("万元"), AsPrinted, true), "397.10万元");
        assert_eq!(
            fmt("145,863.63", Some("元"), AsPrinted, true),
            "145,863.63元"
        );
        assert_eq!(fmt("397.10", None, AsPrinted, true), "397.10");
        assert_eq!(fmt(" 397.10 ", Some("万元"), AsPrinted, false), "397.10");
        // Not a number: as printed, no unit.
        assert_eq!(fmt("≥90%", Some("万元"), AsPrinted, true), "≥90%");
    }

    #[test]
    fn format_yuan_from_wan() {
        use YankUnit::Yuan;
        let wan = Some("万元");
        assert_eq!(fmt("397.10", wan, Yuan, false), "3971000");
        assert_eq!(fmt("397.096", wan, Yuan, false), "3970960");
        assert_eq!(fmt("145,863.63", wan, Yuan, false), "1458636300");
        assert_eq!(fmt("0.5", wan, Yuan, false), "5000");
        assert_eq!(fmt("5639.75", wan, Yuan, false), "56397500");
        assert_eq!(fmt("0.00001", wan, Yuan, false), "0.1");
        assert_eq!(fmt("0.123456", wan, Yuan, false), "1234.56");
        assert_eq!(fmt("0.00", wan, Yuan, false), "0");
        assert_eq!(fmt("-12.5", wan, Yuan, false), "-125000");
        assert_eq!(fmt("397.10", wan, Yuan, true), "3971000元");
        assert_eq!(fmt("397.10", Some("（万元）"), Yuan, false), "3971000");
        assert_eq!(fmt("397.10", Some("单位：万元"), Yuan, false), "3971000");
    }

    #[test]
    fn format_yuan_other_units() {
        use YankUnit::Yuan;
        assert_eq!(fmt("1,234.50", Some("元"), Yuan, false), "1,234.50");
        assert_eq!(fmt("1,234.50", Some("元"), Yuan, true), "1,234.50元");
        assert_eq!(fmt("1.5", Some("亿元"), Yuan, false), "150000000");
        assert_eq!(fmt("12.3456789", Some("亿元"), Yuan, true), "1234567890元");
        assert_eq!(fmt("≥90%", Some("万元"), Yuan, true), "≥90%");
        assert_eq!(fmt("≥90%", None, Yuan, false), "≥90%");
        assert_eq!(fmt("", Some("万元"), Yuan, false), "");

        // A unit that is not money is no unit: nothing to convert from.
        let err = format_figure("397.10", Some("美元"), Yuan, false).unwrap_err();
        assert!(err.contains("no unit"), "{err}");
        let err = format_figure("397.10", None, Yuan, false).unwrap_err();
        assert!(err.contains("no unit"), "{err}");
        let huge = "79,228,162,514,264,337,593,543.9";
        assert!(format_figure(huge, Some("亿元"), Yuan, false).is_err());
    }

    #[test]
    fn copy_and_search_read_figures_alike() {
        use YankUnit::{AsPrinted, Yuan};
        // (12.5) is −12.5 to search, so it converts as −12.5.
        assert_eq!(fmt("(12.5)", Some("万元"), Yuan, false), "-125000");
        assert_eq!(fmt("(12.5)", Some("万元"), AsPrinted, true), "(12.5)万元");
        // 1,2 is no figure: copied as printed, never as 120000.
        assert_eq!(fmt("1,2", Some("万元"), Yuan, false), "1,2");
        // A unit printed in the cell wins over the column's.
        assert_eq!(
            fmt("48000000元", Some("万元"), AsPrinted, true),
            "48000000元"
        );
        assert_eq!(fmt("48000000元", Some("万元"), Yuan, false), "48000000");
    }
}
