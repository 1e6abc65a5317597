//! LaTeX residue: math spans (`$\geq 95\%$`) that converters wrote for
//! comparison signs and percentages, rewritten as the plain text they print
//! (`≥95%`). A span is `$…$` or `$$…$$` holding a backslash command.

/// Longest `$…$` span rewritten as LaTeX, in bytes.
const MAX_MATH: usize = 256;

/// Rule 5: rewrite `$…$` (or `$$…$$`) spans that contain a backslash command.
pub(super) fn rewrite_latex(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let n = b.len();
    let mut out = String::with_capacity(n);
    let mut copied = 0usize;
    let mut changed = false;
    let mut i = 0usize;
    while i < n {
        if b[i] != b'$' {
            i += 1;
            continue;
        }
        let delim = if b.get(i + 1) == Some(&b'$') { 2 } else { 1 };
        let open_end = i + delim;
        let limit = n.min(open_end.saturating_add(MAX_MATH));
        let mut close = None;
        let mut k = open_end;
        while k < limit {
            match b[k] {
                b'\t' => break,
                b'$' => {
                    if delim == 1 || b.get(k + 1) == Some(&b'$') {
                        close = Some(k);
                    }
                    break;
                }
                _ => k += 1,
            }
        }
        let Some(close) = close else {
            i += 1;
            continue;
        };
        let inner = s.get(open_end..close).unwrap_or("");
        if !has_command(inner) {
            i += 1;
            continue;
        }
        out.push_str(s.get(copied..i).unwrap_or(""));
        out.push_str(&latex_to_text(inner));
        changed = true;
        i = close + delim;
        copied = i;
    }
    if !changed {
        return None;
    }
    out.push_str(s.get(copied..).unwrap_or(""));
    Some(out)
}

/// A backslash followed by a letter or `%`.
fn has_command(s: &str) -> bool {
    s.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'\\' && (w[1].is_ascii_alphabetic() || w[1] == b'%'))
}

/// Convert the inside of a math span to plain text.
fn latex_to_text(inner: &str) -> String {
    let mut raw = String::with_capacity(inner.len());
    let mut chars = inner.char_indices().peekable();
    while let Some((idx, c)) = chars.next() {
        match c {
            '\\' => {
                let rest = inner.get(idx + 1..).unwrap_or("");
                let name_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
                if name_len == 0 {
                    match chars.next() {
                        Some((_, ',' | '!')) => {}
                        Some((_, ';' | ':' | ' ')) => raw.push(' '),
                        Some((_, other)) => raw.push(other),
                        None => {}
                    }
                    continue;
                }
                let name = rest.get(..name_len).unwrap_or("");
                for _ in 0..name_len {
                    chars.next();
                }
                match name {
                    "geq" | "ge" | "geqslant" => raw.push('≥'),
                    "leq" | "le" | "leqslant" => raw.push('≤'),
                    "times" => raw.push('×'),
                    "gt" => raw.push('>'),
                    "lt" => raw.push('<'),
                    "neq" | "ne" => raw.push('≠'),
                    "approx" => raw.push('≈'),
                    "pm" => raw.push('±'),
                    "div" => raw.push('÷'),
                    "cdot" => raw.push('·'),
                    "sim" => raw.push('~'),
                    "left" | "right" | "displaystyle" => {}
                    "text" | "mathrm" | "textrm" | "mathbf" | "textbf" | "mathit" | "rm"
                    | "operatorname" => {
                        // The group that follows is copied literally.
                        while chars.peek().is_some_and(|&(_, ch)| ch == ' ') {
                            chars.next();
                        }
                        if chars.peek().is_some_and(|&(_, ch)| ch == '{') {
                            chars.next();
                            let mut depth = 1usize;
                            for (_, ch) in chars.by_ref() {
                                match ch {
                                    '{' => depth += 1,
                                    '}' => {
                                        depth -= 1;
                                        if depth == 0 {
                                            break;
                                        }
                                    }
                                    _ => {}
                                }
                                if depth > 0 && ch != '{' {
                                    raw.push(ch);
                                }
                            }
                        }
                    }
                    other => {
                        raw.push('\\');
                        raw.push_str(other);
                    }
                }
            }
            '{' | '}' => {}
            _ => raw.push(c),
        }
    }
    tidy_math_spaces(&raw)
}

/// Collapse spaces, drop those between an operator and a number and before `%`.
fn tidy_math_spaces(raw: &str) -> String {
    let is_op = |c: char| matches!(c, '≥' | '≤' | '>' | '<' | '≠' | '≈' | '×' | '±' | '=' | '~');
    let starts_number = |c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '.');
    let chars: Vec<char> = raw.trim().chars().collect();
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != ' ' {
            out.push(c);
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && chars[j] == ' ' {
            j += 1;
        }
        let prev = out.chars().next_back();
        let next = chars.get(j).copied();
        let drop = match (prev, next) {
            (Some(p), Some(nx)) if is_op(p) && starts_number(nx) => true,
            (_, Some('%')) => true,
            (Some(p), Some('×')) if p.is_ascii_digit() => true,
            _ => false,
        };
        if !drop {
            out.push(' ');
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    #[test]
    fn rule5_latex() {
        assert_eq!(norm("$\\geq 95\\%$"), "≥95%");
        assert_eq!(norm("比率 $\\leq 3\\%$"), "比率 ≤3%");
        assert_eq!(
            norm(raw_line(QHD2024, 621)),
            "绩效指标：16 岁以上居民身份证持证数占总人口数比率 ≥95%"
        );
        assert_eq!(
            norm(raw_line(LUOHU, 831)),
            "\t\t\t场所涉黄等违法犯罪行为打击提升比率\t≥30%\t"
        );
        assert!(norm(raw_line(LUOHU, 3010)).contains("确保服务信息准确度 ≥95%;"));
        assert_eq!(norm("$\\ge 1$ $\\le 2$"), "≥1 ≤2");
        assert_eq!(norm("$\\gt 5$、$\\lt 6$"), ">5、<6");
        assert_eq!(norm("$\\neq 0$ $\\approx 3$"), "≠0 ≈3");
        assert_eq!(norm("$3 \\times 4$"), "3×4");
        assert_eq!(norm("$\\geq 90 \\text{个}$"), "≥90 个");
        assert_eq!(norm("$\\leq \\mathrm{30}\\%$"), "≤30%");
        assert_eq!(norm("$$\\geq 95\\%$$"), "≥95%");
        // No backslash command: untouched.
        assert_eq!(norm("$100"), "$100");
        assert_eq!(norm("$100 和 $200"), "$100 和 $200");
        assert_eq!(norm("$100 与 $\\geq 5$"), "$100 与 ≥5");
        // Unclosed span: untouched.
        assert_eq!(norm("$\\geq 95"), "$\\geq 95");
        // Spans do not cross cells.
        assert_eq!(norm("$\\geq\t5$"), "$\\geq\t5$");
    }
}
