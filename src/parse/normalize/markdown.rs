//! Markdown residue: `**bold**` markers left by converters.

/// Rule 7: runs of two or more `*` (Markdown bold) removed.
pub(super) fn strip_bold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut stars = 0usize;
    for c in s.chars() {
        if c == '*' {
            stars += 1;
            continue;
        }
        if stars == 1 {
            out.push('*');
        }
        stars = 0;
        out.push(c);
    }
    if stars == 1 {
        out.push('*');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    #[test]
    fn rule7_bold() {
        assert_eq!(norm("**部门预算支出**："), "部门预算支出：");
        assert_eq!(norm("****专案侦办"), "专案侦办");
        assert!(norm(raw_line(LUOHU, 370)).starts_with("专案侦办\t180.00"));
        assert!(norm(raw_line(QHD2024, 1041)).starts_with("7、部门预算支出：包括人员类项目支出"));
        assert_eq!(norm("a*b"), "a*b");
        assert_eq!(norm("***x***"), "x");
    }
}
