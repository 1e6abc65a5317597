//! Text made safe to print on a terminal: file names and document text on
//! stderr / stdout of the headless commands. A file name or a document may
//! hold ESC, BEL or bidi overrides; printed raw, they would drive the terminal.
//! Here they are written as visible escapes (`\u{1b}`), so nothing is lost and
//! nothing reaches the terminal as a control.

use std::borrow::Cow;
use std::path::Path;

/// True for characters that must never reach a terminal raw: C0 / C1 controls,
/// DEL, bidi embeddings / overrides / isolates and marks, byte-order marks,
/// line and paragraph separators, interlinear annotation marks.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200E}' | '\u{200F}' // LRM, RLM
                | '\u{061C}' // ALM
                | '\u{202A}'..='\u{202E}' // LRE RLE PDF LRO RLO
                | '\u{2066}'..='\u{2069}' // LRI RLI FSI PDI
                | '\u{2028}' | '\u{2029}' // line / paragraph separator
                | '\u{FEFF}' // BOM / ZWNBSP
                | '\u{FFF9}'..='\u{FFFB}' // interlinear annotation
        )
}

/// `s` with every [`is_unsafe`] character written as `\u{XX}`. Borrows when
/// there is nothing to escape.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A path as text safe to print (lossy for bytes that are not UTF-8).
pub fn path(p: &Path) -> String {
    escape(&p.display().to_string()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_escaped_visibly() {
        assert_eq!(escape("预算.txt"), Cow::Borrowed("预算.txt"));
        assert_eq!(escape("a\u{1b}]52;c;x\u{7}b"), "a\\u{1b}]52;c;x\\u{7}b");
        assert_eq!(escape("x\u{202E}y\u{9b}z"), "x\\u{202e}y\\u{9b}z");
        assert_eq!(escape("tab\there"), "tab\\u{9}here");
        assert_eq!(path(Path::new("dir/\u{1b}[2J.txt")), "dir/\\u{1b}[2J.txt");
    }
}
