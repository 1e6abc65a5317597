//! The short document label of a result line: year + short department
//! (`2024 秦皇岛开发区`, `2020 罗湖`, `2022 唐山高新`, `2023 深圳治安`).
//!
//! The rule, applied to the department name (parenthesized parts such as
//! `（本级）` and spaces removed):
//! 1. The city is the text before the first `市` (after a leading `…省` or
//!    `…自治区`), when that is 2–4 characters: `深圳市公安局罗湖分局` → 深圳.
//! 2. The rest is split into the parent organ and the unit under it at the
//!    first `局` / `厅` / `委员会` that is followed by more text:
//!    `公安局` + `罗湖分局`.
//! 3. A generic development zone anywhere in the name (经济技术开发区 / 经济开发区
//!    → 开发区, 高新技术产业开发区 / 高新区 → 高新, 保税区, 综合试验区 → 综试区)
//!    exists in many cities, so it keeps the city: `秦皇岛开发区`, `唐山高新`.
//!    Without a `市`, the city is the text before the zone
//!    (`秦皇岛经济技术开发区公安分局` → 秦皇岛开发区).
//! 4. A branch named after its district (`X分局`, `X区…`) is known by that name
//!    alone: `罗湖分局` → 罗湖, `海淀区教育委员会` → 海淀教育.
//! 5. Any other unit is the city plus the unit without its organ suffix
//!    (支队, 大队, 分局, 局, 处, 中心, 委员会, …) and a trailing 管理:
//!    `治安管理支队` → 深圳治安; a department with no unit under it is the city
//!    plus its own shortened name: `深圳市财政局` → 深圳财政.
//! 6. Labels are cut to 8 characters; a department that gives nothing falls
//!    back to the file name.

use crate::model::Document;

/// Generic zones and their short names, longest first.
const ZONES: &[(&str, &str)] = &[
    ("高新技术产业开发区", "高新"),
    ("高新技术开发区", "高新"),
    ("经济技术开发区", "开发区"),
    ("经济开发区", "开发区"),
    ("综合试验区", "综试区"),
    ("高新区", "高新"),
    ("保税区", "保税区"),
    ("开发区", "开发区"),
];

/// Organ suffixes dropped from a unit's name, longest first.
const ORGAN_SUFFIXES: &[&str] = &[
    "委员会",
    "办公室",
    "管理局",
    "分局",
    "支队",
    "大队",
    "中队",
    "中心",
    "总队",
    "局",
    "厅",
    "处",
    "科",
    "所",
    "委",
    "办",
];

/// Longest label (characters), year excluded.
const MAX_LABEL: usize = 8;

/// `2024 秦皇岛开发区`: the year (when known) and [`short_department`].
pub fn doc_label(doc: &Document) -> String {
    label_of(doc.department.as_deref(), doc.year, &doc.path)
}

/// [`doc_label`] of a document's department, year and path.
pub fn label_of(department: Option<&str>, year: Option<u16>, path: &str) -> String {
    let dept = department
        .map(short_department)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| file_stem(path));
    match year {
        Some(y) => format!("{y} {dept}"),
        None => dept,
    }
}

fn file_stem(path: &str) -> String {
    std::path::Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}

/// The short name of a department (see the module comment for the rule).
pub fn short_department(department: &str) -> String {
    let name = clean(department);
    let label = shorten(&name);
    let label = if label.is_empty() { name } else { label };
    label.chars().take(MAX_LABEL).collect()
}

/// Parenthesized parts and whitespace removed.
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            c if c.is_whitespace() => {}
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn shorten(name: &str) -> String {
    // 1. Province, then city.
    let mut rest = name;
    for p in ["省", "自治区"] {
        if let Some(at) = rest.find(p)
            && rest
                .get(..at)
                .is_some_and(|h| (2..=4).contains(&h.chars().count()))
        {
            rest = rest.get(at + p.len()..).unwrap_or(rest);
            break;
        }
    }
    let mut city = String::new();
    if let Some(at) = rest.find('市') {
        let head = rest.get(..at).unwrap_or("");
        if (2..=4).contains(&head.chars().count()) {
            city = head.to_string();
            rest = rest.get(at + '市'.len_utf8()..).unwrap_or("");
        }
    }
    // 3. Generic zones.
    for (zone, short) in ZONES {
        if let Some(at) = rest.find(zone) {
            let before = rest.get(..at).unwrap_or("");
            if city.is_empty() && (2..=4).contains(&before.chars().count()) {
                city = before.to_string();
            }
            return format!("{city}{short}");
        }
    }
    // 2. Parent organ and unit.
    let (organ, unit) = split_organ(rest);
    if !unit.is_empty() {
        // 4. A branch named after its district.
        if let Some(place) = unit.strip_suffix("分局").filter(|p| !p.is_empty()) {
            return place.trim_end_matches(['区', '县']).to_string();
        }
        // 5. A functional unit.
        let short = strip_organ(unit);
        return format!("{city}{short}");
    }
    // A district-level department: `海淀区教育委员会` → 海淀教育.
    for d in ['区', '县'] {
        if let Some(at) = organ.find(d) {
            let place = organ.get(..at).unwrap_or("");
            let tail = organ.get(at + d.len_utf8()..).unwrap_or("");
            if (2..=3).contains(&place.chars().count()) && !tail.is_empty() {
                return format!("{place}{}", strip_organ(tail));
            }
        }
    }
    format!("{city}{}", strip_organ(organ))
}

/// `公安局罗湖分局` → (`公安局`, `罗湖分局`); no unit → (whole, "").
fn split_organ(s: &str) -> (&str, &str) {
    let mut best: Option<usize> = None;
    for word in ["委员会", "局", "厅"] {
        if let Some(at) = s.find(word) {
            let end = at + word.len();
            if end < s.len() && best.is_none_or(|b| end < b) {
                best = Some(end);
            }
        }
    }
    match best {
        Some(end) => (s.get(..end).unwrap_or(s), s.get(end..).unwrap_or("")),
        None => (s, ""),
    }
}

/// `治安管理支队` → 治安, `财政局` → 财政.
fn strip_organ(s: &str) -> &str {
    let mut t = s;
    for suffix in ORGAN_SUFFIXES {
        if let Some(r) = t.strip_suffix(suffix)
            && !r.is_empty()
        {
            t = r;
            break;
        }
    }
    match t.strip_suffix("管理") {
        Some(r) if !r.is_empty() => r,
        _ => t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_departments() {
        for (full, short) in [
            ("秦皇岛市公安局经济技术开发区分局", "秦皇岛开发区"),
            ("秦皇岛经济技术开发区公安分局", "秦皇岛开发区"),
            ("深圳市公安局罗湖分局", "罗湖"),
            ("深圳市公安局罗湖分局（本级）", "罗湖"),
            ("深圳市公安局治安管理支队", "深圳治安"),
            ("唐山市公安局高新区分局", "唐山高新"),
        ] {
            assert_eq!(short_department(full), short, "{full}");
        }
    }

    #[test]
    fn other_departments() {
        for (full, short) in [
            ("河北省秦皇岛市财政局", "秦皇岛财政"),
            ("深圳市财政局", "深圳财政"),
            ("北京市海淀区教育委员会", "海淀教育"),
            ("深圳市公安局", "深圳公安"),
            ("成都高新技术产业开发区管理委员会", "成都高新"),
            ("", ""),
            ("某单位", "某单位"),
        ] {
            assert_eq!(short_department(full), short, "{full}");
        }
    }

    #[test]
    fn labels_with_year() {
        let doc = Document {
            department: Some("秦皇岛市公安局经济技术开发区分局".into()),
            year: Some(2024),
            ..Document::default()
        };
        assert_eq!(doc_label(&doc), "2024 秦皇岛开发区");
        let doc = Document {
            path: "dir/some-file.txt".into(),
            ..Document::default()
        };
        assert_eq!(doc_label(&doc), "some-file");
    }
}
