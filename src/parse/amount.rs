//! Amounts as printed → `rust_decimal::Decimal`. Never floats.

use rust_decimal::Decimal;

/// Parse an amount cell (TODO).
pub fn parse_amount(s: &str) -> Option<Decimal> {
    s.trim().replace(',', "").parse().ok()
}

/// An amount found in running text (TODO: helper implements).
#[derive(Debug, Clone, PartialEq)]
pub struct TextAmount {
    pub start: usize,
    pub end: usize,
    pub printed: String,
    pub value: Decimal,
    pub unit: &'static str,
}

/// Convert to 万元 (TODO).
pub fn to_wan(amount: Decimal, unit: &str) -> Option<Decimal> {
    match unit {
        "万元" | "万" => Some(amount),
        "元" => Some(amount / Decimal::from(10000)),
        _ => None,
    }
}

/// Amounts in running text (TODO: stub).
pub fn amounts_in_text(s: &str) -> Vec<TextAmount> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !(b[i - 1].is_ascii_alphanumeric())) {
            let st = i;
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.' || b[i] == b',') {
                i += 1;
            }
            let printed = &s[st..i];
            let mut j = i;
            while j < b.len() && b[j] == b' ' {
                j += 1;
            }
            let rest = &s[j..];
            let unit = if rest.starts_with("万元") {
                Some(("万元", "万元".len()))
            } else if rest.starts_with('万') {
                Some(("万元", '万'.len_utf8()))
            } else if rest.starts_with('元') {
                Some(("元", '元'.len_utf8()))
            } else {
                None
            };
            if let (Some((u, len)), Some(v)) = (unit, parse_amount(printed)) {
                out.push(TextAmount {
                    start: st,
                    end: j + len,
                    printed: printed.to_string(),
                    value: v,
                    unit: u,
                });
                i = j + len;
            }
            continue;
        }
        i += 1;
    }
    out
}
