//! Names normalized for matching rows across documents: the numbering
//! (`一、`, `（二）`, `1.`, `①`) and `其中：` dropped, widths, brackets and
//! quotes folded, spaces removed, the usual abbreviation 运维 read as 运行维护,
//! and a bare 总计 / 共计 read as 合计.

use crate::parse::name_key;

/// Chinese numerals that number headings and rows.
const NUMERALS: &str = "一二三四五六七八九十百零〇";

/// `s` without a leading number: `一、` `（二）` `(3)` `1.` `1、` `1．` `①`.
fn strip_number(s: &str) -> &str {
    let t = s.trim_start();
    // Circled numbers.
    if let Some(c) = t.chars().next()
        && ('①'..='⑳').contains(&c)
    {
        return t[c.len_utf8()..].trim_start();
    }
    // Bracketed: （一） (1)
    for (open, close) in [("（", "）"), ("(", ")")] {
        if let Some(rest) = t.strip_prefix(open)
            && let Some(end) = rest.find(close)
            && end > 0
            && rest[..end]
                .chars()
                .all(|c| c.is_ascii_digit() || NUMERALS.contains(c))
        {
            return rest[end + close.len()..].trim_start();
        }
    }
    let num_end = t
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || NUMERALS.contains(c)))
        .map_or(t.len(), |(i, _)| i);
    if num_end == 0 {
        return t;
    }
    let rest = &t[num_end..];
    for sep in ["、", "．", ". ", ".", "，"] {
        if let Some(r) = rest.strip_prefix(sep) {
            // `1.5` is a number, not a numbered item.
            if sep == "." && r.starts_with(|c: char| c.is_ascii_digit()) {
                return t;
            }
            return r.trim_start();
        }
    }
    t
}

/// The key rows are matched by across documents.
pub fn match_key(name: &str) -> String {
    let t = strip_number(name);
    let t = t
        .trim_start()
        .strip_prefix("其中：")
        .or_else(|| t.trim_start().strip_prefix("其中:"))
        .unwrap_or(t);
    let mut key: String = name_key(t).chars().filter(|&c| c != '"').collect();
    if key.contains("运维") {
        key = key.replace("运维", "运行维护");
    }
    match key.as_str() {
        "总计" | "共计" => "合计".to_string(),
        _ => key,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_and_widths_do_not_matter() {
        assert_eq!(
            match_key("一、因公出国 (境)费"),
            match_key("因公出国(境)费")
        );
        assert_eq!(match_key("因公出国（境）费"), match_key("因公出国(境)费"));
        assert_eq!(
            match_key("其中：公务用车购置费"),
            match_key("公务用车购置费")
        );
        assert_eq!(
            match_key("二、公务用车购置及运维费"),
            match_key("公务用车购置及运行维护费")
        );
        assert_eq!(match_key("（三）公务接待费"), "公务接待费");
        assert_eq!(match_key("1. 一般公共预算拨款"), "一般公共预算拨款");
        assert_eq!(match_key("总计"), "合计");
        assert_eq!(match_key("1.5 万元"), "1.5万元");
        assert_eq!(match_key("“三公”经费小计"), "三公经费小计");
        assert_eq!(match_key("十二、城乡社区支出"), "城乡社区支出");
    }
}
