//! Configuration file (`config.toml`): keybindings, theme, clipboard, yank
//! unit, document list order, width of ambiguous characters.
//!
//! Read from `--config FILE`, else from the user's config dir
//! (`~/.config/budgettui/config.toml` on Linux, via `directories`); a missing
//! default file means the defaults. Every key is optional; `config.example.toml`
//! (top level of the repository) lists them all with their defaults, and a
//! test keeps it equal to [`Config::default`].
//!
//! The file is checked strictly: an unknown key, a value of the wrong type or
//! a bad value stops the program with a [`ConfigError`] that names the file,
//! the line and the key (`config.toml:12: keys.yank: unknown key name "Ctrl-"`).

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use toml::Spanned;
use toml::de::{DeTable, DeValue};
use toml::map::Map;

use crate::clipboard::{ClipboardConfig, ProviderChoice, YankUnit};
use crate::tui::base::action::Action;
use crate::tui::base::keymap::{self, KeySpec};
use crate::tui::base::sort::SortMode;
use crate::tui::base::theme::{self, Theme};

/// How yanked figures are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct YankConfig {
    /// As printed (usually 万元), or converted exactly to 元.
    pub unit: YankUnit,
    /// Append the unit (`397.10万元`).
    pub append_unit: bool,
}

/// Everything the configuration file can set.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The keys of every action (all actions present).
    pub keys: BTreeMap<Action, Vec<KeySpec>>,
    /// The colour theme (before `NO_COLOR`, which always wins).
    pub theme: Theme,
    pub clipboard: ClipboardConfig,
    pub yank: YankConfig,
    /// The initial order of the document list.
    pub sort: SortMode,
    /// Cells taken by East Asian ambiguous-width characters (`①`, `…`, `·`): 1 or 2.
    pub ambiguous_width: u8,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            keys: Action::ALL
                .iter()
                .map(|&a| (a, keymap::default_keys(a).to_vec()))
                .collect(),
            theme: Theme::colored(),
            clipboard: ClipboardConfig::default(),
            yank: YankConfig::default(),
            sort: SortMode::default(),
            ambiguous_width: 1,
        }
    }
}

/// A configuration file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    /// 1-based line of the problem, when there is one.
    pub line: Option<usize>,
    /// The dotted key (`clipboard.provider`), when there is one.
    pub key: Option<String>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        f.write_str(": ")?;
        if let Some(key) = &self.key {
            write!(f, "{key}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}

const PROVIDER_NAMES: &[(&str, ProviderChoice)] = &[
    ("auto", ProviderChoice::Auto),
    ("osc52", ProviderChoice::Osc52),
    ("command", ProviderChoice::Command),
];

const UNIT_NAMES: &[(&str, YankUnit)] = &[
    ("as_printed", YankUnit::AsPrinted),
    ("wan", YankUnit::AsPrinted),
    ("yuan", YankUnit::Yuan),
];

const SECTIONS: &[&str] = &["keys", "theme", "clipboard", "yank", "list", "display"];
const CLIPBOARD_KEYS: &[&str] = &["provider", "command", "timeout_ms"];
const YANK_KEYS: &[&str] = &["unit", "append_unit"];
const LIST_KEYS: &[&str] = &["sort"];
const DISPLAY_KEYS: &[&str] = &["ambiguous_width"];
/// Longest timeout an external clipboard command may be given.
const MAX_TIMEOUT_MS: i64 = 60_000;

/// The default config file: `<config dir>/budgettui/config.toml`.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "budgettui").map(|d| d.config_dir().join("config.toml"))
}

impl Config {
    /// Load the configuration: `explicit` (`--config FILE`, which must
    /// exist), else the default file if there is one, else the defaults.
    pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        match explicit {
            Some(p) => Self::from_file(p),
            None => match default_path() {
                Some(p) if p.exists() => Self::from_file(&p),
                _ => Ok(Config::default()),
            },
        }
    }

    /// Read and check one file.
    pub fn from_file(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read(path).map_err(|e| ConfigError {
            file: path.to_path_buf(),
            line: None,
            key: None,
            message: format!("cannot read the configuration file: {e}"),
        })?;
        let text = String::from_utf8(text).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            ConfigError {
                file: path.to_path_buf(),
                line: Some(line_of(&String::from_utf8_lossy(e.as_bytes()), at)),
                key: None,
                message: "the file is not valid UTF-8".to_string(),
            }
        })?;
        Self::from_str(&text, path)
    }

    /// Parse and check a configuration text; `file` names it in errors.
    pub fn from_str(text: &str, file: &Path) -> Result<Config, ConfigError> {
        let p = Parser { text, file };
        let doc = DeTable::parse(text).map_err(|e| p.syntax(&e))?;
        p.config(doc.get_ref())
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// What a TOML value is, for messages.
fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

fn one_of(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

type Entries<'a, 'i> = Vec<(
    &'a Spanned<std::borrow::Cow<'i, str>>,
    &'a Spanned<DeValue<'i>>,
)>;

/// Entries of a table in file order (the map keeps them sorted by name).
fn entries<'a, 'i>(
    t: &'a Map<Spanned<std::borrow::Cow<'i, str>>, Spanned<DeValue<'i>>>,
) -> Entries<'a, 'i> {
    let mut v: Vec<_> = t.iter().collect();
    v.sort_by_key(|(k, _)| k.span().start);
    v
}

struct Parser<'a> {
    text: &'a str,
    file: &'a Path,
}

impl Parser<'_> {
    fn err(&self, span: Range<usize>, key: &str, message: impl Into<String>) -> ConfigError {
        ConfigError {
            file: self.file.to_path_buf(),
            line: Some(line_of(self.text, span.start)),
            key: (!key.is_empty()).then(|| key.to_string()),
            message: message.into(),
        }
    }

    fn syntax(&self, e: &toml::de::Error) -> ConfigError {
        let (line, near) = match e.span() {
            Some(span) => {
                let line = line_of(self.text, span.start);
                let near = self
                    .text
                    .lines()
                    .nth(line - 1)
                    .map(|l| l.trim().to_string())
                    .filter(|l| !l.is_empty());
                (Some(line), near)
            }
            None => (None, None),
        };
        let mut message = format!("invalid TOML: {}", e.message().trim());
        let key = line
            .zip(near.as_deref())
            .and_then(|(l, n)| self.key_at(l, n));
        if let Some(near) = near {
            let near: String = near.chars().take(60).collect();
            message.push_str(&format!(" (at `{near}`)"));
        }
        ConfigError {
            file: self.file.to_path_buf(),
            line,
            key,
            message,
        }
    }

    /// The dotted key a line sets (`yank.unit` for `unit = …` under
    /// `[yank]`), when the line reads like `key = value`.
    fn key_at(&self, line: usize, text: &str) -> Option<String> {
        let (lhs, _) = text.split_once('=')?;
        let lhs = lhs.trim();
        let bare = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        };
        if !bare(lhs) {
            return None;
        }
        let section = self
            .text
            .lines()
            .take(line.saturating_sub(1))
            .filter_map(|l| {
                let l = l.trim();
                let inner = l.strip_prefix('[')?.strip_suffix(']')?.trim();
                bare(inner).then(|| inner.to_string())
            })
            .last();
        Some(match section {
            Some(s) => format!("{s}.{lhs}"),
            None => lhs.to_string(),
        })
    }

    fn unknown(&self, span: Range<usize>, key: &str, expected: &[&str]) -> ConfigError {
        self.err(
            span,
            key,
            format!("unknown key (expected {})", one_of(expected)),
        )
    }

    fn table<'v, 'i>(
        &self,
        key: &str,
        v: &'v Spanned<DeValue<'i>>,
    ) -> Result<&'v DeTable<'i>, ConfigError> {
        match v.get_ref() {
            DeValue::Table(t) => Ok(t),
            other => Err(self.err(
                v.span(),
                key,
                format!(
                    "must be a table (a [{key}] section), not {}",
                    type_name(other)
                ),
            )),
        }
    }

    fn string<'v>(&self, key: &str, v: &'v Spanned<DeValue<'_>>) -> Result<&'v str, ConfigError> {
        match v.get_ref() {
            DeValue::String(s) => Ok(s.as_ref()),
            other => Err(self.err(
                v.span(),
                key,
                format!("must be a string, not {}", type_name(other)),
            )),
        }
    }

    fn boolean(&self, key: &str, v: &Spanned<DeValue<'_>>) -> Result<bool, ConfigError> {
        match v.get_ref() {
            DeValue::Boolean(b) => Ok(*b),
            other => Err(self.err(
                v.span(),
                key,
                format!("must be true or false, not {}", type_name(other)),
            )),
        }
    }

    fn integer(&self, key: &str, v: &Spanned<DeValue<'_>>) -> Result<i64, ConfigError> {
        match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .map_err(|_| self.err(v.span(), key, "the number is too large")),
            other => Err(self.err(
                v.span(),
                key,
                format!("must be an integer, not {}", type_name(other)),
            )),
        }
    }

    fn choice<T: Copy>(
        &self,
        key: &str,
        v: &Spanned<DeValue<'_>>,
        names: &[(&str, T)],
    ) -> Result<T, ConfigError> {
        let s = self.string(key, v)?;
        names
            .iter()
            .find(|(n, _)| *n == s)
            .map(|(_, t)| *t)
            .ok_or_else(|| {
                let list: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
                self.err(
                    v.span(),
                    key,
                    format!("unknown value {s:?} (expected {})", one_of(&list)),
                )
            })
    }

    /// A list of strings (a single string counts as a list of one).
    fn strings<'v>(
        &self,
        key: &str,
        v: &'v Spanned<DeValue<'_>>,
    ) -> Result<Vec<(&'v str, Range<usize>)>, ConfigError> {
        match v.get_ref() {
            DeValue::String(s) => Ok(vec![(s.as_ref(), v.span())]),
            DeValue::Array(items) => items
                .iter()
                .map(|item| match item.get_ref() {
                    DeValue::String(s) => Ok((s.as_ref(), item.span())),
                    other => Err(self.err(
                        item.span(),
                        key,
                        format!("must be a list of strings, but holds {}", type_name(other)),
                    )),
                })
                .collect(),
            other => Err(self.err(
                v.span(),
                key,
                format!("must be a list of strings, not {}", type_name(other)),
            )),
        }
    }

    fn config(&self, doc: &DeTable<'_>) -> Result<Config, ConfigError> {
        let mut cfg = Config::default();
        for (k, v) in entries(doc) {
            let name = k.get_ref().as_ref();
            match name {
                "keys" => self.keys(self.table(name, v)?, &mut cfg)?,
                "theme" => self.theme(self.table(name, v)?, &mut cfg)?,
                "clipboard" => self.clipboard(self.table(name, v)?, &mut cfg)?,
                "yank" => self.yank(self.table(name, v)?, &mut cfg)?,
                "list" => {
                    for (k, v) in entries(self.table(name, v)?) {
                        let key = format!("list.{}", k.get_ref());
                        match k.get_ref().as_ref() {
                            "sort" => cfg.sort = self.choice(&key, v, SortMode::NAMES)?,
                            _ => return Err(self.unknown(k.span(), &key, LIST_KEYS)),
                        }
                    }
                }
                "display" => {
                    for (k, v) in entries(self.table(name, v)?) {
                        let key = format!("display.{}", k.get_ref());
                        match k.get_ref().as_ref() {
                            "ambiguous_width" => {
                                let w = self.integer(&key, v)?;
                                if !(w == 1 || w == 2) {
                                    return Err(self.err(
                                        v.span(),
                                        &key,
                                        format!("must be 1 or 2 (cells), not {w}"),
                                    ));
                                }
                                cfg.ambiguous_width = w as u8;
                            }
                            _ => return Err(self.unknown(k.span(), &key, DISPLAY_KEYS)),
                        }
                    }
                }
                _ => return Err(self.unknown(k.span(), name, SECTIONS)),
            }
        }
        Ok(cfg)
    }

    fn keys(&self, table: &DeTable<'_>, cfg: &mut Config) -> Result<(), ConfigError> {
        // Keys named in the file, with the action and place that took them.
        let mut taken: HashMap<KeySpec, (Action, Range<usize>)> = HashMap::new();
        // Actions the file lists, with their keys and the place of the list.
        let mut configured: BTreeMap<Action, (Vec<KeySpec>, Range<usize>)> = BTreeMap::new();
        for (k, v) in entries(table) {
            let name = k.get_ref().as_ref();
            let key = format!("keys.{name}");
            let Some(action) = Action::from_name(name) else {
                let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
                return Err(self.err(
                    k.span(),
                    &key,
                    format!("unknown action (actions: {})", names.join(", ")),
                ));
            };
            let mut specs = Vec::new();
            for (s, span) in self.strings(&key, v)? {
                let spec = self.key_spec(&key, action, s, &span, &taken)?;
                taken.insert(spec, (action, span));
                if !specs.contains(&spec) {
                    specs.push(spec);
                }
            }
            configured.insert(action, (specs, v.span()));
        }
        // A key the file gives to one action leaves the action it had by default.
        for (action, keys) in cfg.keys.iter_mut() {
            match configured.get(action) {
                Some((k, _)) => *keys = k.clone(),
                None => keys.retain(|k| !taken.contains_key(k)),
            }
        }
        // Whatever the file says, there is a way out: a key to quit, and a
        // key that closes the search prompt (where characters type).
        self.way_out(cfg, Action::Quit, |_| true, "to quit", &configured, &taken)?;
        self.way_out(
            cfg,
            Action::Close,
            |k| !k.edits_text(),
            "that closes the search prompt (plain characters and Backspace edit the \
             query there: use Esc, a Ctrl- or Alt- key, or a function key)",
            &configured,
            &taken,
        )
    }

    /// One key name of `keys.<action>`, checked.
    fn key_spec(
        &self,
        key: &str,
        action: Action,
        s: &str,
        span: &Range<usize>,
        taken: &HashMap<KeySpec, (Action, Range<usize>)>,
    ) -> Result<KeySpec, ConfigError> {
        let Some(spec) = KeySpec::parse(s.trim()) else {
            return Err(self.err(
                span.clone(),
                key,
                format!(
                    "unknown key name {s:?} (examples: q, G, ?, Ctrl-d, Alt-x, Enter, \
                     Space, Esc, Tab, Shift-Tab, Backspace, Up, Down, Left, Right, \
                     PgUp, PgDn, Home, End, Del, F1)"
                ),
            ));
        };
        if spec == keymap::ALWAYS_QUITS && action != Action::Quit {
            return Err(self.err(
                span.clone(),
                key,
                format!(
                    "{spec} always quits; it cannot be bound to {}",
                    action.name()
                ),
            ));
        }
        if let Some((other, other_span)) = taken.get(&spec)
            && *other != action
        {
            return Err(self.err(
                span.clone(),
                key,
                format!(
                    "key {s:?} is already bound to {} on line {}",
                    other.name(),
                    line_of(self.text, other_span.start)
                ),
            ));
        }
        Ok(spec)
    }

    /// An error unless `action` is left a key that `works`: at the list
    /// that leaves it none, or at the key that took its last default key.
    fn way_out(
        &self,
        cfg: &Config,
        action: Action,
        works: impl Fn(&KeySpec) -> bool,
        what: &str,
        configured: &BTreeMap<Action, (Vec<KeySpec>, Range<usize>)>,
        taken: &HashMap<KeySpec, (Action, Range<usize>)>,
    ) -> Result<(), ConfigError> {
        let keys = cfg.keys.get(&action).map(Vec::as_slice).unwrap_or(&[]);
        if keys.iter().any(&works) {
            return Ok(());
        }
        let name = action.name();
        if let Some((_, span)) = configured.get(&action) {
            return Err(self.err(
                span.clone(),
                &format!("keys.{name}"),
                format!("leaves no key {what}"),
            ));
        }
        // Its default keys went to other actions: blame the last one in the file.
        let thief = keymap::default_keys(action)
            .iter()
            .filter(|k| works(k))
            .filter_map(|k| taken.get(k).map(|(a, span)| (k, a, span)))
            .max_by_key(|(_, _, span)| span.start);
        let (span, key, message) = match thief {
            Some((k, a, span)) => (
                span.clone(),
                format!("keys.{}", a.name()),
                format!("takes {k} from {name}, which leaves {name} no key {what}"),
            ),
            None => (
                0..0,
                format!("keys.{name}"),
                format!("leaves no key {what}"),
            ),
        };
        Err(self.err(span, &key, message))
    }

    fn theme(&self, table: &DeTable<'_>, cfg: &mut Config) -> Result<(), ConfigError> {
        let names: Vec<&str> = theme::SLOTS.iter().map(|(n, _)| *n).collect();
        for (k, v) in entries(table) {
            let name = k.get_ref().as_ref();
            let key = format!("theme.{name}");
            let Some(slot) = cfg.theme.slot_mut(name) else {
                return Err(self.unknown(k.span(), &key, &names));
            };
            let spec = self.string(&key, v)?;
            *slot = theme::parse_style(spec).map_err(|m| self.err(v.span(), &key, m))?;
        }
        Ok(())
    }

    fn clipboard(&self, table: &DeTable<'_>, cfg: &mut Config) -> Result<(), ConfigError> {
        for (k, v) in entries(table) {
            let key = format!("clipboard.{}", k.get_ref());
            match k.get_ref().as_ref() {
                "provider" => cfg.clipboard.provider = self.choice(&key, v, PROVIDER_NAMES)?,
                "command" => {
                    let argv: Vec<String> = self
                        .strings(&key, v)?
                        .into_iter()
                        .map(|(s, _)| s.to_string())
                        .collect();
                    if argv.first().is_some_and(|p| p.trim().is_empty()) {
                        return Err(self.err(v.span(), &key, "the program name is empty"));
                    }
                    cfg.clipboard.command = (!argv.is_empty()).then_some(argv);
                }
                "timeout_ms" => {
                    let ms = self.integer(&key, v)?;
                    if !(1..=MAX_TIMEOUT_MS).contains(&ms) {
                        return Err(self.err(
                            v.span(),
                            &key,
                            format!(
                                "must be between 1 and {MAX_TIMEOUT_MS} (milliseconds), not {ms}"
                            ),
                        ));
                    }
                    cfg.clipboard.timeout = Duration::from_millis(ms.unsigned_abs());
                }
                _ => return Err(self.unknown(k.span(), &key, CLIPBOARD_KEYS)),
            }
        }
        Ok(())
    }

    fn yank(&self, table: &DeTable<'_>, cfg: &mut Config) -> Result<(), ConfigError> {
        for (k, v) in entries(table) {
            let key = format!("yank.{}", k.get_ref());
            match k.get_ref().as_ref() {
                "unit" => cfg.yank.unit = self.choice(&key, v, UNIT_NAMES)?,
                "append_unit" => cfg.yank.append_unit = self.boolean(&key, v)?,
                _ => return Err(self.unknown(k.span(), &key, YANK_KEYS)),
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::from_str(text, Path::new("c.toml"))
    }

    #[test]
    fn empty_file_is_the_defaults() {
        assert_eq!(parse(""), Ok(Config::default()));
    }

    #[test]
    fn a_configured_key_leaves_its_default_action() {
        let c = parse("[keys]\nsearch = [\"s\", \"/\"]\n").expect("valid");
        assert_eq!(
            c.keys.get(&Action::Search),
            Some(&vec![KeySpec::ch('s'), KeySpec::ch('/')])
        );
        assert_eq!(c.keys.get(&Action::CycleSort), Some(&vec![]));
        let c = parse("keys.quit = \"x\"").expect("valid");
        assert_eq!(c.keys.get(&Action::Quit), Some(&vec![KeySpec::ch('x')]));
    }

    #[test]
    fn a_key_bound_twice_in_the_file_is_an_error() {
        let e = parse("[keys]\nup = [\"k\"]\ndown = [\"k\"]\n").unwrap_err();
        assert_eq!(e.line, Some(3));
        assert_eq!(e.key.as_deref(), Some("keys.down"));
        assert!(e.message.contains("already bound to up on line 2"), "{e}");
    }

    #[test]
    fn display_names_file_line_and_key() {
        let e = parse("\n[yank]\nunit = \"jiao\"\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "c.toml:3: yank.unit: unknown value \"jiao\" (expected as_printed, wan or yuan)"
        );
    }
}
