//! Amounts as printed → `rust_decimal::Decimal`. Never floats.
//!
//! - [`parse_amount`]: a whole table cell (`145,863.63`, `(12.5)`, `.04`, `-`);
//! - [`parse_amount_with_unit`]: a cell with a trailing unit (`4,800 万元`);
//! - [`parse_figure`]: a table cell as an [`Amount`] in the table's unit — the
//!   one parser behind export, search and yank;
//! - [`amounts_in_text`]: every `number + unit` in running text (`预算数924万元`).
//!
//! Exact conversion between units is [`Unit::convert`] / [`Amount::in_wan`].

use rust_decimal::Decimal;

use super::chars::{bytes_below, each_byte, trim_cell};
use crate::model::{Amount, Unit};

/// Cells that mean "no amount": blank, dashes, slashes, `无`.
const NULL_MARKERS: &[&str] = &["", "-", "—", "——", "--", "－", "/", "／", "无", "–", "―"];

/// Units recognised after a number, longest first: (printed, unit).
const UNITS: &[(&str, Unit)] = &Unit::PRINTED;

/// True for a cell that stands for "no amount": empty, `-`, `—`, `——`, `--`,
/// `－`, `/`, `／`, `无` (after trimming).
pub fn is_null_amount(s: &str) -> bool {
    // Every marker, and every whitespace character, starts with one of these
    // bytes: most cells are told apart without trimming.
    match s.as_bytes().first() {
        None => true,
        Some(b'\t'..=b'\r' | b' ' | b'-' | b'/' | 0xC2 | 0xE1..=0xE3 | 0xE6 | 0xEF) => {
            NULL_MARKERS.contains(&s.trim())
        }
        Some(_) => false,
    }
}

/// Parse a whole cell as an amount.
///
/// Accepts (after trimming) an optional leading `+`/`-` (or `－`, `−`), or
/// parentheses for a negative amount (`(123.45)`, `（123.45）`); digits with
/// optional thousands separators (every group after the first has exactly 3
/// digits: `145,863.63`); an optional fraction (`.04`, `8.`). The scale is kept
/// as printed (`397.10` has scale 2). Everything else — blank and null markers,
/// letters, `%`, Chinese, two dots, bad grouping, more than 28 decimals,
/// overflow — gives `None`.
pub fn parse_amount(s: &str) -> Option<Decimal> {
    let bytes = s.as_bytes();
    let (&first, &last) = (bytes.first()?, bytes.last()?);
    // Most figures are printed plainly (`1,234.56`): a digit or `.` at both
    // ends leaves nothing to trim and no sign or bracket to strip.
    let plain = |b: u8| b.is_ascii_digit() || b == b'.';
    if plain(first) && plain(last) {
        return parse_unsigned(s);
    }
    // Only a digit, `.`, a sign or a bracket can start a figure (the lead bytes
    // of `（` `－` (EF) and `−` (E2) stand for the full-width ones), or a
    // whitespace character (ASCII, or lead bytes C2, E1, E2, E3) trimmed
    // before it: any other cell is told apart without trimming.
    if !(plain(first)
        || matches!(
            first,
            b'(' | b'-' | b'+' | 0xEF | 0xE2 | 0xC2 | 0xE1 | 0xE3 | b'\t'..=b'\r' | b' '
        ))
    {
        return None;
    }
    let t = s.trim();
    // The same test on what trimming left.
    let first = *t.as_bytes().first()?;
    if !(first.is_ascii_digit() || matches!(first, b'.' | b'(' | b'-' | b'+' | 0xEF | 0xE2)) {
        return None;
    }
    let (negative, body) = if let Some(inner) = strip_parens(t) {
        (true, inner)
    } else if let Some(rest) = t.strip_prefix(['-', '－', '−']) {
        (true, rest)
    } else if let Some(rest) = t.strip_prefix('+') {
        (false, rest)
    } else {
        (false, t)
    };
    let mut d = parse_unsigned(body)?;
    if negative && !d.is_zero() {
        d.set_sign_negative(true);
    }
    Some(d)
}

/// `(x)` or `（x）` → `x`.
fn strip_parens(t: &str) -> Option<&str> {
    t.strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .or_else(|| t.strip_prefix('（').and_then(|r| r.strip_suffix('）')))
}

/// Digits with optional 3-digit grouping and an optional fraction.
fn parse_unsigned(s: &str) -> Option<Decimal> {
    // The digits are read run by run (a run between commas, the dot and the
    // end), the shape checked at each stop: figures are a few bytes long,
    // and most cells read are figures.
    let b = s.as_bytes();
    // Wraps past 19 digits: such figures are read again below.
    let mut mantissa: u64 = 0;
    let first = read_digits(b, &mut mantissa);
    let (mut at, mut digits) = (first, first);
    // 1–3 digits before the first comma, exactly 3 after each.
    if b.get(at) == Some(&b',') {
        if !(1..=3).contains(&first) {
            return None;
        }
        while b.get(at) == Some(&b',') {
            if read_digits(b.get(at + 1..)?, &mut mantissa) != 3 {
                return None;
            }
            (at, digits) = (at + 4, digits + 3);
        }
    }
    let mut scale = 0;
    if b.get(at) == Some(&b'.') {
        let fraction = read_digits(b.get(at + 1..)?, &mut mantissa);
        (at, digits, scale) = (at + 1 + fraction, digits + fraction, fraction);
    }
    if at != b.len() || digits == 0 || scale > Decimal::MAX_SCALE as usize {
        return None;
    }
    let scale = u32::try_from(scale).ok()?;
    if digits <= 19 {
        // (a u64 in the 96 bits of a Decimal, as the i128 below would give)
        let (lo, mid) = (mantissa as u32, (mantissa >> 32) as u32);
        return Some(Decimal::from_parts(lo, mid, 0, false, scale));
    }
    Decimal::try_from_i128_with_scale(long_mantissa(s)?, scale).ok()
}

/// How many ASCII digits `b` starts with; they are read into `mantissa`
/// (wrapping past 19 digits).
fn read_digits(b: &[u8], mantissa: &mut u64) -> usize {
    let mut n = 0;
    while let Some(d) = b.get(n).map(|c| c.wrapping_sub(b'0')).filter(|&d| d < 10) {
        *mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(d));
        n += 1;
    }
    n
}

/// The digits of a figure of more than 19 digits as one number; `None` past
/// what an i128 holds.
fn long_mantissa(s: &str) -> Option<i128> {
    let mut digits = s.bytes().filter(u8::is_ascii_digit);
    digits.try_fold(0i128, |m, b| {
        m.checked_mul(10)?.checked_add(i128::from(b - b'0'))
    })
}

/// Parse a cell holding an amount with an optional trailing unit, with or
/// without a space before it: `4800万元`, `4,800 万元`, `48000000元`, `300万`,
/// `1.2亿元`, `5千元`; `None` for the unit when there is none.
pub fn parse_amount_with_unit(s: &str) -> Option<(Decimal, Option<Unit>)> {
    let (number, unit) = split_unit(s)?;
    parse_amount(number).map(|d| (d, unit))
}

/// The number part of `s` and the unit printed after it (if any); `None` when
/// a unit stands alone.
fn split_unit(s: &str) -> Option<(&str, Option<Unit>)> {
    let t = trim_cell(s);
    // every unit ends with a Chinese character: most cells end with a digit
    if t.as_bytes().last().is_none_or(u8::is_ascii) {
        return Some((t, None));
    }
    for &(printed, unit) in UNITS {
        if let Some(number) = t.strip_suffix(printed) {
            let number = number.trim_end();
            return (!number.is_empty()).then_some((number, Some(unit)));
        }
    }
    Some((t, None))
}

/// A table cell as a figure of money: the number as printed (a unit printed
/// in the cell, `4800万元`, wins over `unit`, the unit of its table or
/// column). `None` when the cell is not a number (`≥90%`, `-`, text).
pub fn parse_figure(cell: &str, unit: Option<Unit>) -> Option<Amount> {
    let (value, unit, printed) = figure_parts(cell, unit)?;
    Some(Amount {
        value,
        unit,
        printed: printed.to_string(),
    })
}

/// [`parse_figure`] without allocating: the value, the unit, and the number
/// as printed (a slice of `cell`).
pub fn figure_parts(cell: &str, unit: Option<Unit>) -> Option<(Decimal, Option<Unit>, &str)> {
    let (number, in_cell) = split_unit(cell)?;
    let value = parse_amount(number)?;
    Some((value, in_cell.or(unit), number))
}

/// An amount found in running text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextAmount {
    /// Byte offset where the number starts (its `-` sign, if any).
    pub start: usize,
    /// Byte offset just after the unit.
    pub end: usize,
    /// The figure: its value in its unit, the number as printed (`3,936.15`).
    pub amount: Amount,
}

/// Characters after a bare `万` that still make it money (`53 万用于…`); any
/// other Han character means a count (`3万人次`, `28 万张`).
const AFTER_BARE_WAN: &[char] = &[
    '用', '主', '其', '较', '比', '占', '为', '包', '含', '已', '将', '并', '及',
];

/// Every `number + unit` in running text: `预算数924万元`, `预算 397.096 万元`,
/// `经常性业务费 3,936.15 万元，主要用于`, `购买社会工作服务项目 53 万，用于`.
///
/// Spaces may separate number and unit. A number glued to a letter, an
/// underscore or a dash after a letter/digit is part of a code
/// (`P00AN97105727`, `2040-299`) and never an amount; a percentage is never
/// followed by a unit. A bare `万` counts only when no Han character follows it
/// (or one of a few words that continue a sentence about money, such as 用于,
/// 主要), so `3万人次` is not an amount. Linear in the text.
pub fn amounts_in_text(s: &str) -> Vec<TextAmount> {
    let b = s.as_bytes();
    let n = b.len();
    let mut out = Vec::new();
    let mut i = 0usize;
    while let Some(run_start) = next_digit(b, i) {
        // Maximal run of digits, commas and dots.
        let mut run_end = run_start;
        while run_end < n
            && (b[run_end].is_ascii_digit() || b[run_end] == b',' || b[run_end] == b'.')
        {
            run_end += 1;
        }
        i = run_end;
        if glued_to_code(b, run_start) {
            continue;
        }
        // The run as printed (`924.` is a number too), else without the
        // separators that end it (`共 1,234,` → `1,234`).
        let mut num_end = run_end;
        if parse_amount(s.get(run_start..run_end).unwrap_or("")).is_none() {
            while num_end > run_start && matches!(b[num_end - 1], b',' | b'.') {
                num_end -= 1;
            }
        }
        let printed = s.get(run_start..num_end).unwrap_or("");
        let Some(mut value) = parse_amount(printed) else {
            continue;
        };
        // Unit after optional spaces.
        let mut p = num_end;
        let rest_after = |p: usize| s.get(p..).unwrap_or("");
        loop {
            let r = rest_after(p);
            if let Some(c) = r.chars().next()
                && matches!(c, ' ' | '\u{3000}' | '\u{a0}')
            {
                p += c.len_utf8();
                continue;
            }
            break;
        }
        let rest = rest_after(p);
        let Some(&(printed_unit, unit)) = UNITS
            .iter()
            // a bare 亿 in prose is a count (`1亿人次`), never money
            .filter(|(pu, u)| !(Unit::is_bare(pu) && *u == Unit::Yi))
            .find(|(pu, _)| rest.starts_with(pu))
        else {
            continue;
        };
        if Unit::is_bare(printed_unit) {
            let next = rest.get(printed_unit.len()..).unwrap_or("").chars().next();
            if next.is_some_and(|c| is_han(c) && !AFTER_BARE_WAN.contains(&c)) {
                continue;
            }
        }
        // A minus sign directly before, not part of a code.
        let mut start = run_start;
        if run_start > 0
            && b[run_start - 1] == b'-'
            && (run_start < 2 || !b[run_start - 2].is_ascii_alphanumeric())
        {
            start = run_start - 1;
            value.set_sign_negative(!value.is_zero());
        }
        let end = p + printed_unit.len();
        out.push(TextAmount {
            start,
            end,
            amount: Amount {
                value,
                unit: Some(unit),
                printed: s.get(start..num_end).unwrap_or("").to_string(),
            },
        });
        i = end;
    }
    out
}

/// Where the next ASCII digit at or after byte `from` is. Running texts
/// are long and hold few digits: eight bytes are looked at at once
/// ([`bytes_below`] marks the bytes below 10 of `v ^ "0"`, exactly when
/// there is one).
pub(super) fn next_digit(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        if bytes_below(u64::from_ne_bytes(word) ^ each_byte(b'0'), 10) != 0 {
            break;
        }
        at += 8;
    }
    let k = bytes.get(at..)?.iter().position(u8::is_ascii_digit)?;
    Some(at + k)
}

/// The number starting at `start` continues a code: it follows an ASCII
/// letter, `_`, a `.`, or a `-` that itself follows a letter or digit.
fn glued_to_code(b: &[u8], start: usize) -> bool {
    let Some(&prev) = start.checked_sub(1).and_then(|p| b.get(p)) else {
        return false;
    };
    if prev.is_ascii_alphabetic() || prev == b'_' || prev == b'.' {
        return true;
    }
    prev == b'-'
        && start
            .checked_sub(2)
            .and_then(|p| b.get(p))
            .is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Han ideographs (CJK unified, extension A, compatibility).
fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    /// Exact conversion to 万元 of a figure in the unit a word names.
    fn to_wan(d: Decimal, unit: &str) -> Option<Decimal> {
        Unit::from_word(unit)?.convert(d, Unit::Wan)
    }

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    /// `parse_unsigned` as first written: split at the dot, check each part,
    /// then read the digits.
    fn split_then_parsed(s: &str) -> Option<Decimal> {
        // byte loops rather than searchers: figures are a few bytes long
        let (int_part, frac_part) = match s.bytes().position(|b| b == b'.') {
            Some(dot) => (&s[..dot], Some(&s[dot + 1..])),
            None => (s, None),
        };
        let frac = frac_part.unwrap_or("");
        if int_part.is_empty() && frac.is_empty() {
            return None;
        }
        if !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !valid_integer_part(int_part) {
            return None;
        }
        let scale = u32::try_from(frac.len()).ok()?;
        if scale > Decimal::MAX_SCALE {
            return None;
        }
        let digits = int_part.bytes().chain(frac.bytes()).filter(|&b| b != b',');
        // Up to 19 digits fit in a u64 (cheaper than i128 arithmetic per digit).
        let mantissa = if int_part.len() + frac.len() <= 19 {
            i128::from(digits.fold(0u64, |m, b| m * 10 + u64::from(b - b'0')))
        } else {
            let mut m: i128 = 0;
            for b in digits {
                m = m.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
            }
            m
        };
        Decimal::try_from_i128_with_scale(mantissa, scale).ok()
    }

    /// Empty (for `.04`), plain digits, or 1–3 digits then `,ddd` groups.
    fn valid_integer_part(s: &str) -> bool {
        if !s.bytes().any(|b| b == b',') {
            return s.bytes().all(|b| b.is_ascii_digit());
        }
        let mut groups = s.split(',');
        let first_ok = groups
            .next()
            .is_some_and(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()));
        first_ok && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
    }

    /// [`parse_amount`] as first written: trim, strip a sign or brackets,
    /// parse the digits (no shortcut for plain figures).
    fn trimmed_then_parsed(s: &str) -> Option<Decimal> {
        let t = s.trim();
        let (negative, body) = if let Some(inner) = strip_parens(t) {
            (true, inner)
        } else if let Some(rest) = t.strip_prefix(['-', '－', '−']) {
            (true, rest)
        } else if let Some(rest) = t.strip_prefix('+') {
            (false, rest)
        } else {
            (false, t)
        };
        let mut d = split_then_parsed(body)?;
        if negative && !d.is_zero() {
            d.set_sign_negative(true);
        }
        Some(d)
    }

    fn p(s: &str) -> Option<String> {
        parse_amount(s).map(|d| d.to_string())
    }

    #[test]
    fn plain_and_grouped_amounts() {
        assert_eq!(p("145,863.63"), Some("145863.63".into()));
        assert_eq!(p(" 924 "), Some("924".into()));
        assert_eq!(p("\t3295.04\t"), Some("3295.04".into()));
        assert_eq!(p("1,234,567"), Some("1234567".into()));
        assert_eq!(p("0"), Some("0".into()));
        assert_eq!(p("0.00"), Some("0.00".into()));
        // 19 digits and more (past the u64 fast path), up to Decimal's 28
        assert_eq!(p("9999999999999999999"), Some("9999999999999999999".into()));
        assert_eq!(
            p("99999999999999999999"),
            Some("99999999999999999999".into())
        );
        assert_eq!(
            p("1,234,567,890,123,456,789.0123"),
            Some("1234567890123456789.0123".into())
        );
        assert_eq!(p("79228162514264337593543950336"), None);
    }

    #[test]
    fn scale_is_kept_as_printed() {
        let d = parse_amount("397.10");
        assert_eq!(d.map(|d| d.scale()), Some(2));
        assert_eq!(d.map(|d| d.to_string()), Some("397.10".into()));
        assert_eq!(
            parse_amount("8.").map(|d| (d.to_string(), d.scale())),
            Some(("8".into(), 0))
        );
        assert_eq!(p(".04"), Some("0.04".into()));
        assert_eq!(parse_amount(".04").map(|d| d.scale()), Some(2));
    }

    #[test]
    fn signs_and_parentheses() {
        assert_eq!(p("-12.5"), Some("-12.5".into()));
        assert_eq!(p("+12.5"), Some("12.5".into()));
        assert_eq!(p("－3"), Some("-3".into()));
        assert_eq!(p("(123.45)"), Some("-123.45".into()));
        assert_eq!(p("（1,000）"), Some("-1000".into()));
        assert_eq!(p("-0.00"), Some("0.00".into()));
        assert!(!parse_amount("-0").is_some_and(|d| d.is_sign_negative()));
    }

    #[test]
    fn null_markers() {
        for s in ["", " ", "-", "—", "——", "--", "－", "/", "／", "无", "\t"] {
            assert_eq!(parse_amount(s), None, "{s:?}");
            assert!(is_null_amount(s), "{s:?}");
        }
        assert!(!is_null_amount("0"));
        assert!(!is_null_amount("合计"));
        // every marker behind any whitespace character
        for m in NULL_MARKERS {
            for ws in [
                "\u{b}", "\u{85}", "\u{a0}", "\u{1680}", "\u{2003}", "\u{3000}",
            ] {
                assert!(is_null_amount(&format!("{ws}{m}{ws}")), "{ws:?}{m}");
            }
        }
    }

    #[test]
    fn rejects_everything_else() {
        for s in [
            "abc",
            "12a",
            "95%",
            "合计",
            "1.2.3",
            "1..2",
            ".",
            "-",
            "+",
            "(12",
            "12)",
            "()",
            "1,2,3",
            "12,34",
            "1,2345",
            ",123",
            "123,",
            "1 234",
            "--5",
            "+-5",
            "(-5)",
            "1e5",
            "0x10",
            "٣",
            "１２",
            "12 万元",
            "NaN",
            "inf",
        ] {
            assert_eq!(parse_amount(s), None, "{s:?}");
        }
        // Too many decimals or digits: None, never a panic.
        assert_eq!(parse_amount(&format!("0.{}", "1".repeat(29))), None);
        assert_eq!(parse_amount(&"9".repeat(40)), None);
        assert!(parse_amount(&format!("0.{}", "1".repeat(28))).is_some());
    }

    #[test]
    fn amounts_with_units() {
        let u =
            |s: &str| parse_amount_with_unit(s).map(|(d, u)| (d.to_string(), u.map(Unit::as_str)));
        assert_eq!(u("4800万元"), Some(("4800".into(), Some("万元"))));
        assert_eq!(u("4,800 万元"), Some(("4800".into(), Some("万元"))));
        assert_eq!(u("48000000元"), Some(("48000000".into(), Some("元"))));
        assert_eq!(u("300万"), Some(("300".into(), Some("万元"))));
        assert_eq!(u("1.2亿元"), Some(("1.2".into(), Some("亿元"))));
        assert_eq!(u("5千元"), Some(("5".into(), Some("千元"))));
        assert_eq!(u("2.5百万元"), Some(("2.5".into(), Some("百万元"))));
        assert_eq!(u(" 397.10 "), Some(("397.10".into(), None)));
        assert_eq!(u("万元"), None);
        assert_eq!(u("无万元"), None);
        assert_eq!(u("-"), None);
        assert_eq!(u("95%"), None);
        assert_eq!(u("3个"), None);
    }

    #[test]
    fn conversion_to_wan_is_exact() {
        let w = |v: &str, unit: &str| to_wan(dec(v), unit).map(|d| d.to_string());
        assert_eq!(w("48000000", "元"), Some("4800".into()));
        assert_eq!(w("12345", "元"), Some("1.2345".into()));
        assert_eq!(w("4800.00", "元"), Some("0.48".into()));
        assert_eq!(w("1", "元"), Some("0.0001".into()));
        assert_eq!(w("0", "元"), Some("0".into()));
        assert_eq!(w("-25000", "元"), Some("-2.5".into()));
        assert_eq!(w("397.10", "万元"), Some("397.10".into()));
        assert_eq!(w("300", "万"), Some("300".into()));
        assert_eq!(w("12345", "千元"), Some("1234.5".into()));
        assert_eq!(w("50", "千元"), Some("5".into()));
        assert_eq!(w("1.2", "亿元"), Some("12000".into()));
        assert_eq!(w("1.2345", "亿元"), Some("12345".into()));
        assert_eq!(w("1.23456", "亿元"), Some("12345.6".into()));
        assert_eq!(w("3", "亿"), Some("30000".into()));
        assert_eq!(w("3", "美元"), None);
        assert_eq!(w("3", ""), None);
        // Extremes: no panic.
        assert!(to_wan(Decimal::MAX, "亿元").is_none());
        assert!(to_wan(Decimal::MAX, "元").is_some());
        let tiny = Decimal::try_from_i128_with_scale(1, 28).unwrap_or_default();
        assert!(to_wan(tiny, "元").is_some());
    }

    #[test]
    fn figures_in_cells() {
        let f = |cell: &str, unit| parse_figure(cell, unit);
        let wan = Some(Unit::Wan);
        let a = f(" 4,800.00 ", wan).expect("figure");
        assert_eq!(
            (a.value, a.unit, a.printed.as_str()),
            (dec("4800.00"), wan, "4,800.00")
        );
        let a = f("48000000元", wan).expect("figure");
        assert_eq!((a.value, a.unit), (dec("48000000"), Some(Unit::Yuan)));
        assert_eq!(a.in_wan(), Some(dec("4800")));
        let a = f("(12.5)", None).expect("figure");
        assert_eq!(
            (a.value, a.unit, a.printed.as_str()),
            (dec("-12.5"), None, "(12.5)")
        );
        assert_eq!(f("1,2", wan), None);
        assert_eq!(f("-", wan), None);
        assert_eq!(f("≥90%", wan), None);
        assert_eq!(f("万元", wan), None);
    }

    fn found(s: &str) -> Vec<(String, String, &'static str, &str)> {
        amounts_in_text(s)
            .into_iter()
            .map(|a| {
                let span = s.get(a.start..a.end).unwrap_or("");
                let unit = a.amount.unit.map_or("", Unit::as_str);
                (a.amount.printed, a.amount.value.to_string(), unit, span)
            })
            .collect()
    }

    #[test]
    fn amounts_in_running_text() {
        assert_eq!(
            found("预算数924万元"),
            vec![("924".into(), "924".into(), "万元", "924万元")]
        );
        assert_eq!(
            found("预算 397.096 万元"),
            vec![("397.096".into(), "397.096".into(), "万元", "397.096 万元")]
        );
        assert_eq!(
            found("经常性业务费 3,936.15 万元，主要用于"),
            vec![("3,936.15".into(), "3936.15".into(), "万元", "3,936.15 万元")]
        );
        assert_eq!(
            found("购买社会工作服务项目 53 万，用于"),
            vec![("53".into(), "53".into(), "万元", "53 万")]
        );
        assert_eq!(
            found("本年收入 1,234 元，其中 5千元 用于，另 1.2亿元。"),
            vec![
                ("1,234".into(), "1234".into(), "元", "1,234 元"),
                ("5".into(), "5".into(), "千元", "5千元"),
                ("1.2".into(), "1.2".into(), "亿元", "1.2亿元"),
            ]
        );
        assert_eq!(
            found("专项 53 万用于"),
            vec![("53".into(), "53".into(), "万元", "53 万")]
        );
        assert_eq!(
            found("总计 53万"),
            vec![("53".into(), "53".into(), "万元", "53万")]
        );
    }

    #[test]
    fn real_sample_sentences() {
        let luohu = include_str!("../../samples/shenzhen-luohu-2020-budget.txt");
        let line = luohu.lines().nth(108).unwrap_or("");
        let a = found(line);
        assert_eq!(a.first().map(|x| x.0.as_str()), Some("180.00"));
        assert_eq!(a.first().map(|x| x.2), Some("万元"));
        // Every amount of the samples parses back from its span.
        for text in [
            luohu,
            include_str!("../../samples/shenzhen-zhian-2023-budget.txt"),
            include_str!("../../samples/qinhuangdao-kaifaqu-2024-budget.txt"),
        ] {
            for line in text.lines() {
                for a in amounts_in_text(line) {
                    let span = line.get(a.start..a.end).unwrap_or("");
                    assert!(span.starts_with(&a.amount.printed), "{span}");
                    let (v, u) = parse_amount_with_unit(span).unwrap_or_default();
                    assert_eq!(v, a.amount.value, "{span}");
                    assert_eq!(u, a.amount.unit, "{span}");
                }
            }
        }
    }

    #[test]
    fn not_amounts_in_text() {
        assert!(amounts_in_text("项目编码13031124P00AN97105727").is_empty());
        assert!(amounts_in_text("编码 P00AN97105727元").is_empty());
        assert!(amounts_in_text("编号 2040-299元").is_empty());
        assert!(amounts_in_text("增长 5.2%").is_empty());
        assert!(amounts_in_text("完成率 95%以上").is_empty());
        assert!(amounts_in_text("服务 3万人次，28 万张").is_empty());
        assert!(amounts_in_text("2024年 共3个").is_empty());
        assert!(amounts_in_text("版本 v1.5元").is_empty());
        assert!(amounts_in_text("1,2,3元").is_empty());
        assert!(amounts_in_text("").is_empty());
    }

    #[test]
    fn negative_and_trailing_punctuation() {
        assert_eq!(
            found("差额 -12.5万元"),
            vec![("-12.5".into(), "-12.5".into(), "万元", "-12.5万元")]
        );
        assert_eq!(
            found("合计924万元."),
            vec![("924".into(), "924".into(), "万元", "924万元")]
        );
        assert_eq!(
            found("合计 924.万元"),
            vec![("924.".into(), "924".into(), "万元", "924.万元")]
        );
        // A trailing separator that is not part of a number.
        assert!(found("共 1,234, 万元").is_empty());
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,64}") {
            let _ = parse_amount(&s);
            let _ = parse_amount_with_unit(&s);
            let _ = is_null_amount(&s);
            for a in amounts_in_text(&s) {
                prop_assert!(a.start < a.end && a.end <= s.len());
                prop_assert!(s.is_char_boundary(a.start) && s.is_char_boundary(a.end));
            }
        }

        #[test]
        fn parse_amount_is_trim_then_sign_then_digits(s in "[0-9,.()（）+\\-－− \t\u{3000}\u{a0}万a]{0,12}") {
            prop_assert_eq!(parse_amount(&s), trimmed_then_parsed(&s));
        }

        #[test]
        fn units_split_as_after_a_full_trim(s in "[0-9,. \t\u{3000}\u{a0}万元亿千百a]{0,12}") {
            let t = s.trim();
            let by_trim = UNITS
                .iter()
                .find_map(|&(printed, unit)| {
                    let number = t.strip_suffix(printed)?.trim_end();
                    Some((!number.is_empty()).then_some((number, Some(unit))))
                })
                .unwrap_or(Some((t, None)));
            prop_assert_eq!(split_unit(&s), by_trim);
        }

        #[test]
        fn digits_read_in_one_pass_as_split_then_parsed(
            s in "[0-9]{0,4}(,[0-9]{0,4}){0,3}(\\.[0-9]{0,4})?[.,]?|[0-9,.]{0,12}|[0-9]{18,40}(\\.[0-9]{0,30})?"
        ) {
            prop_assert_eq!(parse_unsigned(&s), split_then_parsed(&s));
        }

        #[test]
        fn number_alphabet_never_panics(s in "[0-9,.()（）+\\-－ 万元亿千%个a-z]{0,40}") {
            if let Some(d) = parse_amount(&s) {
                // Round trip through the printed form.
                prop_assert_eq!(parse_amount(&d.to_string()), Some(d));
                for unit in ["元", "千元", "万元", "亿元"] {
                    let _ = to_wan(d, unit);
                }
            }
            let _ = parse_amount_with_unit(&s);
            let _ = amounts_in_text(&s);
        }

        #[test]
        fn yuan_to_wan_is_exact(m in -10_000_000_000_000i64..10_000_000_000_000, scale in 0u32..10) {
            let d = Decimal::new(m, scale);
            let w = to_wan(d, "元");
            prop_assert!(w.is_some());
            prop_assert_eq!(w.map(|w| w * Decimal::from(10_000)), Some(d));
            let k = to_wan(d, "千元");
            prop_assert_eq!(k.map(|k| k * Decimal::from(10)), Some(d));
            let y = to_wan(d, "亿元");
            prop_assert_eq!(y, Some(d * Decimal::from(10_000)));
        }
    }
}
