//! The configuration file: `config.example.toml` stays equal to the
//! defaults and documents every key; every kind of mistake stops with a
//! message naming the file, the line and the key; the command line exits
//! with code 2 on a bad file.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use budgettui::clipboard::{ProviderChoice, YankUnit};
use budgettui::config::{Config, ConfigError};
mod common;

use budgettui::tui::{Action, KeySpec, Settings, SortMode, Theme, keymap, theme};
use ratatui::style::{Color, Modifier, Style};

fn example_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("config.example.toml")
}

#[test]
fn example_file_is_the_defaults() {
    let cfg = Config::from_file(&example_path()).expect("the example parses");
    assert_eq!(cfg, Config::default());
    assert_eq!(cfg.theme, Theme::colored());
}

#[test]
fn example_file_documents_every_action_and_slot() {
    let text = std::fs::read_to_string(example_path()).expect("example");
    for a in Action::ALL {
        let want = format!("# {}\n{} = ", keymap::description(*a), a.name());
        assert!(
            text.contains(&want),
            "config.example.toml: {} with its description comment",
            a.name()
        );
    }
    for (slot, what) in theme::SLOTS {
        let want = format!("# {what}\n{slot} = ");
        assert!(text.contains(&want), "config.example.toml: theme.{slot}");
    }
    for key in [
        "provider = ",
        "command = ",
        "timeout_ms = ",
        "unit = ",
        "append_unit = ",
        "sort = ",
        "ambiguous_width = ",
    ] {
        assert!(text.contains(&format!("\n{key}")), "{key}");
    }
}

/// Parse `text` as the file `dir/name`; the error it gives.
fn error(text: &str) -> ConfigError {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("my-config.toml");
    std::fs::write(&file, text).expect("write");
    let e = Config::from_file(&file).expect_err("an error");
    assert_eq!(e.file, file);
    e
}

/// The message names the file, the line and the key.
fn assert_names(e: &ConfigError, line: usize, key: &str, words: &str) {
    let msg = e.to_string();
    assert!(msg.contains("my-config.toml"), "file in {msg:?}");
    assert!(
        msg.contains(&format!("my-config.toml:{line}:")),
        "line {line} in {msg:?}"
    );
    assert!(msg.contains(key), "key {key} in {msg:?}");
    assert!(msg.contains(words), "{words:?} in {msg:?}");
    assert_eq!(e.line, Some(line), "{msg}");
}

#[test]
fn toml_syntax_error() {
    let e = error("[keys]\nup = [\"k\"\ndown = [\"j\"]\n");
    let msg = e.to_string();
    assert!(msg.contains("my-config.toml:"), "{msg}");
    assert!(msg.contains("invalid TOML"), "{msg}");
    assert!(e.line.is_some_and(|l| (2..=3).contains(&l)), "{msg}");
    // The line in question is quoted, key included.
    assert!(msg.contains("up = [") || msg.contains("down = ["), "{msg}");

    let e = error("[yank]\nunit = \"yuan\"\nunit = \"as_printed\"\n");
    assert_names(&e, 3, "yank.unit", "duplicate key");
    assert_eq!(e.key.as_deref(), Some("yank.unit"));
}

#[test]
fn unknown_top_level_key() {
    let e = error("# comment\n\n[colours]\ntitle = \"red\"\n");
    assert_names(&e, 3, "colours", "unknown key");
    assert!(e.to_string().contains("keys, theme, clipboard"), "{e}");
    let e = error("verbose = true\n");
    assert_names(&e, 1, "verbose", "unknown key");
}

#[test]
fn unknown_nested_key() {
    let e = error("[clipboard]\nprovider = \"auto\"\nprovidr = \"osc52\"\n");
    assert_names(&e, 3, "clipboard.providr", "unknown key");
    assert!(
        e.to_string().contains("provider, command or timeout_ms"),
        "{e}"
    );
    let e = error("[yank]\nunits = \"yuan\"\n");
    assert_names(&e, 2, "yank.units", "unknown key");
    let e = error("[display]\nambiguous = 2\n");
    assert_names(&e, 2, "display.ambiguous", "unknown key");
    let e = error("[list]\norder = \"year\"\n");
    assert_names(&e, 2, "list.order", "unknown key");
    let e = error("[theme]\ntitel = \"red\"\n");
    assert_names(&e, 2, "theme.titel", "unknown key");
}

#[test]
fn wrong_type() {
    let e = error("[yank]\nappend_unit = \"yes\"\n");
    assert_names(
        &e,
        2,
        "yank.append_unit",
        "must be true or false, not a string",
    );
    let e = error("[clipboard]\ntimeout_ms = \"2s\"\n");
    assert_names(&e, 2, "clipboard.timeout_ms", "must be an integer");
    let e = error("[clipboard]\ncommand = [\"xclip\", 3]\n");
    assert_names(&e, 2, "clipboard.command", "list of strings");
    let e = error("[keys]\nup = 3\n");
    assert_names(
        &e,
        2,
        "keys.up",
        "must be a list of strings, not an integer",
    );
    let e = error("keys = 1\n");
    assert_names(&e, 1, "keys", "must be a table");
    let e = error("[theme]\ntitle = true\n");
    assert_names(&e, 2, "theme.title", "must be a string");
    let e = error("[display]\nambiguous_width = 1.5\n");
    assert_names(
        &e,
        2,
        "display.ambiguous_width",
        "must be an integer, not a float",
    );
}

#[test]
fn bad_enum_value() {
    let e = error("[clipboard]\nprovider = \"clip\"\n");
    assert_names(&e, 2, "clipboard.provider", "unknown value \"clip\"");
    assert!(e.to_string().contains("auto, osc52 or command"), "{e}");
    let e = error("[yank]\nunit = \"jiao\"\n");
    assert_names(&e, 2, "yank.unit", "unknown value \"jiao\"");
    let e = error("[list]\nsort = \"size\"\n");
    assert_names(&e, 2, "list.sort", "unknown value \"size\"");
}

#[test]
fn bad_key_name() {
    let e = error("[keys]\nsearch = [\"/\", \"Ctrl-\"]\n");
    assert_names(&e, 2, "keys.search", "unknown key name \"Ctrl-\"");
    let e = error("[keys]\nquit = [\n  \"q\",\n  \"Shift-q\",\n]\n");
    assert_names(&e, 4, "keys.quit", "unknown key name \"Shift-q\"");
    let e = error("[keys]\nup = \"\"\n");
    assert_names(&e, 2, "keys.up", "unknown key name");
}

#[test]
fn unknown_action() {
    let e = error("[keys]\nup = [\"k\"]\njump = [\"J\"]\n");
    assert_names(&e, 3, "keys.jump", "unknown action");
    assert!(e.to_string().contains("search"), "lists the actions: {e}");
}

#[test]
fn key_bound_to_two_actions() {
    let e = error("[keys]\nyank = [\"c\"]\nyank_row = [\"c\"]\n");
    assert_names(&e, 3, "keys.yank_row", "already bound to yank on line 2");
}

/// A configuration that leaves no way to quit, or no way to close the
/// search prompt, is refused at the line that does it.
#[test]
fn no_way_out_is_an_error() {
    let e = error("[keys]\nup = [\"k\"]\nquit = []\n");
    assert_names(&e, 3, "keys.quit", "leaves no key to quit");
    let e = error("[keys]\nclose = []\n");
    assert_names(
        &e,
        2,
        "keys.close",
        "leaves no key that closes the search prompt",
    );
    // In the prompt, plain characters and Backspace edit the query.
    let e = error("[keys]\nclose = [\"x\", \"Backspace\"]\n");
    assert_names(
        &e,
        2,
        "keys.close",
        "leaves no key that closes the search prompt",
    );
    // Esc given to another action takes close's only key.
    let e = error("[keys]\nup = [\"k\"]\n\nhelp = [\"?\", \"Esc\"]\n");
    assert_names(&e, 4, "keys.help", "takes Esc from close");
    // Ctrl-c quits whatever the file says: it cannot go to another action.
    let e = error("[keys]\nyank = [\"y\", \"Ctrl-c\"]\n");
    assert_names(&e, 2, "keys.yank", "Ctrl-c always quits");
    // Enough: a key to quit, a key that closes the prompt.
    let cfg = Config::from_str(
        "[keys]\nquit = [\"x\"]\nclose = [\"F2\"]\nhelp = [\"Esc\"]\n",
        Path::new("x.toml"),
    )
    .expect("valid");
    assert_eq!(cfg.keys[&Action::Quit], vec![KeySpec::ch('x')]);
    // The keymap adds Ctrl-c to quit (the help lists it).
    let km = keymap::Keymap::from_keys(&cfg.keys);
    assert_eq!(
        km.keys_for(Action::Quit),
        vec![KeySpec::ch('x'), KeySpec::ctrl('c')]
    );
}

#[test]
fn bad_colour() {
    let e = error("[theme]\nselected = \"white on bleu\"\n");
    assert_names(&e, 2, "theme.selected", "unknown colour");
    assert!(e.to_string().contains("\"bleu\""), "{e}");
    let e = error("[theme]\ntitle = \"#12345g\"\n");
    assert_names(&e, 2, "theme.title", "unknown colour");
    let e = error("[theme]\nstatus = \"white on\"\n");
    assert_names(&e, 2, "theme.status", "background colour");
}

#[test]
fn ambiguous_width_not_1_or_2() {
    let e = error("[display]\nambiguous_width = 3\n");
    assert_names(&e, 2, "display.ambiguous_width", "must be 1 or 2");
    let e = error("[display]\nambiguous_width = 0\n");
    assert_names(&e, 2, "display.ambiguous_width", "must be 1 or 2");
}

#[test]
fn bad_numbers() {
    let e = error("[clipboard]\ntimeout_ms = 0\n");
    assert_names(&e, 2, "clipboard.timeout_ms", "between 1 and 60000");
    let e = error("[clipboard]\ncommand = [\"\"]\n");
    assert_names(&e, 2, "clipboard.command", "program name is empty");
}

#[test]
fn missing_or_unreadable_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("nope.toml");
    let e = Config::load(Some(&missing)).expect_err("missing --config file");
    let msg = e.to_string();
    assert!(msg.contains("nope.toml"), "{msg}");
    assert!(msg.contains("cannot read"), "{msg}");
    // A folder is not a file.
    let e = Config::from_file(dir.path()).expect_err("a folder");
    assert!(e.to_string().contains("cannot read"), "{e}");
    // Not UTF-8: the line of the first bad byte.
    let bad = dir.path().join("latin1.toml");
    std::fs::write(&bad, b"[yank]\nunit = \"\xe9\"\n").expect("write");
    let e = Config::from_file(&bad).expect_err("not UTF-8");
    assert_eq!(e.line, Some(2), "{e}");
    assert!(e.to_string().contains("latin1.toml:2:"), "{e}");
}

#[test]
fn values_are_applied() {
    let text = r##"
[keys]
search = ["s", "F3"]
yank = "c"

[theme]
selected = "black on #ffcc00 bold"
matched = "color208 underlined"

[clipboard]
provider = "command"
command = ["wl-copy", "--trim-newline"]
timeout_ms = 500

[yank]
unit = "yuan"
append_unit = true

[list]
sort = "year"

[display]
ambiguous_width = 2
"##;
    let cfg = Config::from_str(text, Path::new("x.toml")).expect("valid");
    assert_eq!(
        cfg.keys[&Action::Search],
        vec![KeySpec::ch('s'), KeySpec::parse("F3").expect("F3")]
    );
    // `s` left cycle_sort, `c` is yank's only key.
    assert!(cfg.keys[&Action::CycleSort].is_empty());
    assert_eq!(cfg.keys[&Action::Yank], vec![KeySpec::ch('c')]);
    assert_eq!(
        cfg.theme.selected,
        Style::default()
            .fg(Color::Black)
            .bg(Color::Rgb(0xff, 0xcc, 0))
            .add_modifier(Modifier::BOLD)
    );
    assert_eq!(
        cfg.theme.matched,
        Style::default()
            .fg(Color::Indexed(208))
            .add_modifier(Modifier::UNDERLINED)
    );
    assert_eq!(cfg.clipboard.provider, ProviderChoice::Command);
    assert_eq!(
        cfg.clipboard.command,
        Some(vec!["wl-copy".to_string(), "--trim-newline".to_string()])
    );
    assert_eq!(cfg.clipboard.timeout, Duration::from_millis(500));
    assert_eq!(cfg.yank.unit, YankUnit::Yuan);
    assert!(cfg.yank.append_unit);
    assert_eq!(cfg.sort, SortMode::Year);
    assert_eq!(cfg.ambiguous_width, 2);

    // The keymap built from it.
    let km = keymap::Keymap::from_keys(&cfg.keys);
    let ev = |c| {
        crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        )
    };
    assert_eq!(km.action_for(&ev('s')), Some(Action::Search));
    assert_eq!(km.action_for(&ev('c')), Some(Action::Yank));
    assert_eq!(km.action_for(&ev('y')), None);
    assert_eq!(km.action_for(&ev('/')), None);
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_budgettui"))
}

#[test]
fn cli_exits_2_on_a_bad_config() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("bad.toml");
    std::fs::write(&file, "[clipboard]\n\nprovider = \"telepathy\"\n").expect("write");
    let out = bin()
        .arg("--config")
        .arg(&file)
        .arg("samples")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{}:3: clipboard.provider:", file.display())),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "the terminal is left alone");

    // A missing --config file is an error too.
    let out = bin()
        .arg("--config")
        .arg(dir.path().join("missing.toml"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.toml"));
}

/// Without --config, the file in the user's config dir is read
/// (`$XDG_CONFIG_HOME/budgettui/config.toml` on Linux).
#[cfg(target_os = "linux")]
#[test]
fn cli_reads_the_default_config_dir() {
    let dir = tempfile::tempdir().expect("tempdir");
    let conf = dir.path().join("budgettui");
    std::fs::create_dir_all(&conf).expect("mkdir");
    std::fs::write(conf.join("config.toml"), "[display]\nambiguous_width = 3\n").expect("write");
    let out = bin()
        .env("XDG_CONFIG_HOME", dir.path())
        .arg("samples")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("budgettui/config.toml:2: display.ambiguous_width"),
        "{err}"
    );
}

/// The explorer takes its keys, sort and yank settings from the configuration.
#[test]
fn the_explorer_uses_the_configuration() {
    let cfg = Config::from_str(
        "[keys]\nsearch = [\"F3\"]\nyank = [\"c\"]\n[list]\nsort = \"year\"\n[yank]\nunit = \"yuan\"\n",
        Path::new("x.toml"),
    )
    .expect("valid");
    let doc = budgettui::tui::demo::document(5);
    let settings = Settings {
        theme: Theme::mono(),
        ..Settings::resolve(&cfg)
    };
    let mut ex = common::Explorer::with_settings(vec![doc], (100, 30), settings);
    assert_eq!(ex.app().list().sort, SortMode::Year);
    assert_eq!(ex.app().settings().yank.unit, YankUnit::Yuan);
    ex.press("/");
    assert!(ex.app().prompt().is_none(), "/ is no longer search");
    ex.press("F3");
    assert!(ex.app().prompt().is_some(), "F3 opens the search");
    ex.press("Esc");
    assert!(ex.app().prompt().is_none());
    // The help lists the configured keys.
    let rows = &ex.app().settings().keymap.rows;
    let search = rows
        .iter()
        .find(|(a, _, _)| *a == Action::Search)
        .expect("search row");
    assert_eq!(search.1, vec![KeySpec::parse("F3").expect("F3")]);
    ex.press("c");
    assert!(
        !ex.copies.is_empty() || ex.app().message().is_some(),
        "c is yank"
    );
}
