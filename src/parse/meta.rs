//! Document metadata: title, department (部门), year, kind — from the title
//! lines and, failing that, the body (`部门名称：…`, `单位名称：…`).

use super::blocks::Block;
use super::chars::{char_len, compact, find, has};
use super::line_kinds::find_year;
use crate::model::{DocKind, LineNo};

/// What the title lines say.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Meta {
    pub(super) title: String,
    /// Lines that form the title (they are not headings).
    pub(super) title_lines: Vec<LineNo>,
    pub(super) department: Option<String>,
    pub(super) year: Option<u16>,
    pub(super) kind: DocKind,
}

const KIND_WORDS: [&str; 4] = ["预算", "决算", "绩效", "公开"];

/// The kind a title names.
pub(super) fn kind_of(title: &str) -> DocKind {
    let c = compact(title);
    if has(&c, "绩效") {
        DocKind::Performance
    } else if has(&c, "决算") {
        DocKind::FinalAccounts
    } else if has(&c, "预算") {
        DocKind::Budget
    } else {
        DocKind::Other
    }
}

/// The department named in a title: the title without its year and kind words.
fn department_of(title: &str) -> Option<String> {
    let mut c = compact(title).into_owned();
    // drop a leading "2020年" / "2020年度"
    if let Some(y) = find_year(&c) {
        let ys = y.to_string();
        if let Some(pos) = c.find(&ys) {
            let after = &c[pos + 4..];
            let after = after
                .strip_prefix("年度")
                .or_else(|| after.strip_prefix('年'))
                .unwrap_or(after);
            c = format!("{}{}", &c[..pos], after);
            // when the year sat in the middle, what follows it is the kind
            if pos > 0 {
                c.truncate(pos);
            }
        }
    }
    let mut end = c.len();
    for w in [
        "部门预算",
        "部门决算",
        "部门整体",
        "部门",
        "预算",
        "决算",
        "绩效",
        "公开",
    ] {
        if let Some(p) = find(&c, w)
            && p > 0
        {
            end = end.min(p);
        }
    }
    let mut name = c[..end].to_string();
    for suffix in ["（本级）", "(本级)", "部门", "单位", "编制"] {
        if let Some(s) = name.strip_suffix(suffix) {
            name = s.to_string();
        }
    }
    let name = name.trim_matches(|ch: char| !ch.is_alphanumeric() && ch != '）' && ch != ')');
    if char_len(name) >= 3 {
        Some(name.to_string())
    } else {
        None
    }
}

/// Extract the metadata from the first blocks of a document.
pub(super) fn extract(blocks: &[Block]) -> Meta {
    let mut meta = Meta::default();
    // the title block: the first few text lines, up to the one with a kind word
    let mut head: Vec<(LineNo, &str)> = Vec::new();
    for b in blocks.iter().take(12) {
        match b {
            Block::Text { line, text } => {
                if char_len(text) > 60 {
                    break;
                }
                head.push((*line, text.as_str()));
                if head.len() >= 4 {
                    break;
                }
            }
            _ => break,
        }
    }
    let with_kind = head.iter().position(|(_, t)| {
        let c = compact(t);
        KIND_WORDS.iter().any(|w| has(&c, w)) && char_len(&c) <= 60
    });
    if let Some(k) = with_kind {
        // join with the line above when the kind line has no department (`部门预算`)
        let mut first = k;
        let alone = department_of(head[k].1).is_none() || find_year(head[k].1).is_none();
        if k > 0 && alone {
            let prev = compact(head[k - 1].1);
            if char_len(&prev) <= 40 && !prev.contains("目录") {
                first = k - 1;
            }
        }
        let parts: Vec<&str> = head[first..=k].iter().map(|(_, t)| t.trim()).collect();
        meta.title = parts.join(" ");
        meta.title_lines = head[first..=k].iter().map(|(l, _)| *l).collect();
    } else if let Some((line, t)) = head.first() {
        meta.title = t.trim().to_string();
        meta.title_lines = vec![*line];
    }
    meta.year = find_year(&meta.title);
    meta.kind = kind_of(&meta.title);
    meta.department = department_of(&meta.title);
    if meta.department.is_none() || meta.year.is_none() {
        body_fallback(blocks, &mut meta);
    }
    meta
}

/// A title for a document that prints none (it opens on a table: `公开01表` /
/// `收支预算总表`): its year, department and kind, as found in the body and
/// the tables (`2019年江苏省政协办公厅部门预算`). Nothing without a department.
pub(super) fn compose_title(meta: &mut Meta) {
    if !meta.title.is_empty() {
        return;
    }
    let Some(department) = meta.department.as_deref() else {
        return;
    };
    let year = meta.year.map(|y| format!("{y}年")).unwrap_or_default();
    let kind = match meta.kind {
        DocKind::Budget => "部门预算",
        DocKind::FinalAccounts => "部门决算",
        DocKind::Performance => "绩效目标",
        DocKind::Other => "",
    };
    meta.title = format!("{year}{department}{kind}");
}

/// `部门名称：…`, `单位名称：…`, `预算年度：2024` in the body or in table furniture.
fn body_fallback(blocks: &[Block], meta: &mut Meta) {
    for b in blocks {
        if let Block::Text { text, .. } = b {
            if text.len() > 300 {
                continue;
            }
            let c = compact(text);
            for label in ["部门名称", "单位名称", "部门（单位）名称"] {
                if meta.department.is_none()
                    && let Some(rest) = c.strip_prefix(label)
                {
                    let rest = rest.trim_start_matches([':', '：']);
                    if char_len(rest) >= 3 {
                        meta.department = Some(rest.to_string());
                    }
                }
            }
            if meta.year.is_none() {
                meta.year = find_year(text);
            }
        }
        if meta.department.is_some() && meta.year.is_some() {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn departments_from_titles() {
        assert_eq!(
            department_of("秦皇岛市公安局经济技术开发区分局 2024 年部门预算公开").as_deref(),
            Some("秦皇岛市公安局经济技术开发区分局")
        );
        assert_eq!(
            department_of("秦皇岛经济技术开发区公安分局部门2020年度预算信息公开情况说明")
                .as_deref(),
            Some("秦皇岛经济技术开发区公安分局")
        );
        assert_eq!(
            department_of("2020 年深圳市公安局罗湖分局（本级） 部门预算").as_deref(),
            Some("深圳市公安局罗湖分局")
        );
        assert_eq!(
            department_of("2023 年深圳市公安局治安管理支队 部门预算").as_deref(),
            Some("深圳市公安局治安管理支队")
        );
        assert_eq!(
            department_of("唐山市公安局高新区分局 2022年部门预算绩效文本").as_deref(),
            Some("唐山市公安局高新区分局")
        );
    }

    #[test]
    fn a_title_composed_for_a_document_that_opens_on_a_table() {
        let mut meta = Meta {
            department: Some("江苏省政协办公厅".into()),
            year: Some(2019),
            kind: DocKind::Budget,
            ..Meta::default()
        };
        compose_title(&mut meta);
        assert_eq!(meta.title, "2019年江苏省政协办公厅部门预算");
        let mut meta = Meta {
            title: "某某".into(),
            department: Some("江苏省政协办公厅".into()),
            ..Meta::default()
        };
        compose_title(&mut meta);
        assert_eq!(meta.title, "某某");
    }

    #[test]
    fn kinds() {
        assert_eq!(kind_of("2022年部门预算绩效文本"), DocKind::Performance);
        assert_eq!(kind_of("2021年部门决算"), DocKind::FinalAccounts);
        assert_eq!(kind_of("2024 年部门预算公开"), DocKind::Budget);
        assert_eq!(kind_of("情况说明"), DocKind::Other);
    }
}
