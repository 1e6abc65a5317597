//! Projects named in running text: `经常性业务费 3,936.15 万元，主要用于…` (a name,
//! its amount, then 主要用于 "mainly used for").

use super::super::amount::amounts_in_text;
use super::super::chars::{char_len, has, is_cjk, name_key};
use super::super::line_kinds::strip_bullet;
use super::super::numbering::numbering;
use super::mention::Mention;
use crate::model::{LineNo, ProjectSource, SourceKind, Unit};

/// `经常性业务费 3,936.15 万元，主要用于…`: a clause that starts with a name,
/// then the amount, then what it is used for (a paragraph without `用于`
/// names none).
pub(super) fn from_paragraph(line: LineNo, text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    for a in amounts_in_text(text) {
        let after = text[a.end..].trim_start();
        let after = after.strip_prefix(['，', ',']).unwrap_or("");
        let after = after.trim_start();
        let after = after.strip_prefix("主要").unwrap_or(after);
        if !after.starts_with("用于") {
            continue;
        }
        // the clause before the amount (never look back further than a clause can be)
        let mut from = a.start.saturating_sub(240);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let before = &text[from..a.start];
        let start = before
            .rfind(['：', ':', '；', ';', '。', '，', ','])
            .map(|p| p + before[p..].chars().next().map_or(1, char::len_utf8))
            .unwrap_or(0);
        let mut name = strip_bullet(before[start..].trim());
        if let Some(n) = numbering(name)
            && !n.rest.is_empty()
        {
            name = n.rest;
        }
        // a bare list number: `2 上级专项…`
        let digits = name.bytes().take_while(u8::is_ascii_digit).count();
        let after = name[digits..].trim_start();
        let name = if (1..=2).contains(&digits)
            && name[digits..].starts_with(' ')
            && !after.starts_with(['年', '月', '日', '个', '项'])
        {
            after
        } else {
            name
        };
        let mut name = name.trim().to_string();
        while let Some(s) = ["预算数", "预算", "安排", "为"]
            .iter()
            .find_map(|suffix| name.strip_suffix(suffix))
        {
            name = s.trim_end().to_string();
        }
        let n = char_len(&name);
        // a sentence about the department or a total, not a project
        let sentence = ["我", "本", "该", "其中", "全年", "共"]
            .iter()
            .any(|p| name.starts_with(p))
            || ["共计", "合计", "总计", Unit::Wan.as_str()]
                .iter()
                .any(|w| has(&name, w))
            || name.ends_with("支出");
        // a budget subject: `一般公共服务支出（类）统计信息事务（款）专项普查活动（项）`
        let subject = ["（类）", "(类)", "（款）", "(款)", "（项）", "(项)"]
            .iter()
            .any(|w| has(&name, w));
        if !(2..=40).contains(&n) || !name.chars().any(is_cjk) || sentence || subject {
            continue;
        }
        out.push(Mention {
            key: name_key(&name),
            name,
            code: None,
            source: ProjectSource {
                kind: SourceKind::Prose,
                line,
                table: None,
                row: None,
                amount: Some(a.amount).filter(|a| a.in_wan().is_some()),
                page: None,
            },
            said: None,
        });
    }
    out
}
