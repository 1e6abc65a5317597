//! Money as printed: the [`Unit`] a figure is in (元, 千元, 万元 = ten thousand
//! yuan, the usual unit; 百万元, 亿元) and the [`Amount`], its exact value in
//! that unit with the figure as printed. Amounts are `rust_decimal::Decimal`,
//! never floats.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A unit of money as budget documents print it: 元 (yuan), 千元, 万元 (ten
/// thousand yuan, the usual unit), 百万元, 亿元 (a hundred million yuan).
/// Serialized as the Chinese word (`"万元"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    /// 元
    Yuan,
    /// 千元 (10³ 元)
    ThousandYuan,
    /// 万元 (10⁴ 元)
    Wan,
    /// 百万元 (10⁶ 元)
    MillionYuan,
    /// 亿元 (10⁸ 元)
    Yi,
}

impl Unit {
    pub const ALL: [Unit; 5] = [
        Unit::Yuan,
        Unit::ThousandYuan,
        Unit::Wan,
        Unit::MillionYuan,
        Unit::Yi,
    ];

    /// The word as printed: `元`, `千元`, `万元`, `百万元`, `亿元`.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Yuan => "元",
            Unit::ThousandYuan => "千元",
            Unit::Wan => "万元",
            Unit::MillionYuan => "百万元",
            Unit::Yi => "亿元",
        }
    }

    /// How many 元 one unit is, as a power of ten (万元 → 4).
    pub fn exponent(self) -> u32 {
        match self {
            Unit::Yuan => 0,
            Unit::ThousandYuan => 3,
            Unit::Wan => 4,
            Unit::MillionYuan => 6,
            Unit::Yi => 8,
        }
    }

    /// How many 元 one unit is (万元 → 10000).
    pub fn factor(self) -> Decimal {
        Decimal::from(10i64.pow(self.exponent()))
    }

    /// Every way a unit is printed after a number, longest first: the five
    /// words, then `万` and `亿` alone (`300万`).
    pub const PRINTED: [(&'static str, Unit); 7] = [
        ("百万元", Unit::MillionYuan),
        ("亿元", Unit::Yi),
        ("万元", Unit::Wan),
        ("千元", Unit::ThousandYuan),
        ("元", Unit::Yuan),
        ("万", Unit::Wan),
        ("亿", Unit::Yi),
    ];

    /// The unit a word names: one of [`Unit::PRINTED`].
    pub fn from_word(word: &str) -> Option<Unit> {
        Unit::PRINTED
            .iter()
            .find(|(printed, _)| *printed == word)
            .map(|&(_, unit)| unit)
    }

    /// A unit printed without its `元` (`万`, `亿`): money only when nothing
    /// else follows.
    pub fn is_bare(printed: &str) -> bool {
        !printed.ends_with(Unit::Yuan.as_str())
    }

    /// `value` (in `self`) converted exactly to `to`: the decimal point moves,
    /// zeros the move adds at the end are dropped again down to the printed
    /// scale (`48000000` 元 → `4800` 万元, `4800.00` 元 → `0.48` 万元). `None`
    /// on overflow.
    pub fn convert(self, value: Decimal, to: Unit) -> Option<Decimal> {
        let (from, to) = (self.exponent(), to.exponent());
        if from >= to {
            shift_point_right(value, from - to)
        } else {
            shift_point_left(value, to - from)
        }
    }
}

impl std::fmt::Display for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Unit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Unit {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Unit, D::Error> {
        let word = String::deserialize(d)?;
        Unit::from_word(&word)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown unit {word:?}")))
    }
}

/// `d / 10^by`, exactly when the result fits in 28 decimals.
fn shift_point_left(d: Decimal, by: u32) -> Option<Decimal> {
    let printed_scale = d.scale();
    let mut mantissa = d.mantissa();
    let mut scale = printed_scale + by;
    // Drop the zeros the shift added, never below the printed scale.
    while scale > printed_scale && mantissa % 10 == 0 {
        mantissa /= 10;
        scale -= 1;
    }
    // Too many decimals: drop more trailing zeros, then round as a last resort.
    while scale > Decimal::MAX_SCALE && mantissa % 10 == 0 {
        mantissa /= 10;
        scale -= 1;
    }
    if scale > Decimal::MAX_SCALE {
        return d.checked_div(Decimal::from(10i64.pow(by)));
    }
    let mut out = Decimal::try_from_i128_with_scale(mantissa, scale).ok()?;
    if out.is_zero() {
        out.set_sign_negative(false);
    }
    Some(out)
}

/// `d × 10^by`, exactly: first lowering the scale, then multiplying.
fn shift_point_right(d: Decimal, by: u32) -> Option<Decimal> {
    let scale = d.scale();
    let mut mantissa = d.mantissa();
    let new_scale = scale.saturating_sub(by);
    let multiply = by - (scale - new_scale);
    for _ in 0..multiply {
        mantissa = mantissa.checked_mul(10)?;
    }
    Decimal::try_from_i128_with_scale(mantissa, new_scale).ok()
}

/// A figure of money: its exact value in the unit it is printed in, that unit,
/// and the text as printed. Made by the parse core's one parser of printed
/// figures (`parse::amount`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Amount {
    /// The value in `unit`, with the printed scale (`397.10` keeps two decimals).
    pub value: Decimal,
    /// The unit the figure is printed in; `None` when the document states none.
    pub unit: Option<Unit>,
    /// The figure as printed (`4,800.00`, `(12.5)`, `48,000,000`), trimmed.
    pub printed: String,
}

impl Amount {
    /// The value converted exactly to `to`; `None` when the unit is unknown or
    /// the conversion overflows.
    pub fn convert(&self, to: Unit) -> Option<Decimal> {
        self.unit?.convert(self.value, to)
    }

    /// The value in 万元; a figure with no unit stated is taken as 万元, the
    /// usual unit of these documents.
    pub fn in_wan(&self) -> Option<Decimal> {
        self.unit
            .unwrap_or(Unit::Wan)
            .convert(self.value, Unit::Wan)
    }

    /// The same figure with the unit it is assumed to be in when none is stated.
    pub fn or_unit(mut self, unit: Unit) -> Amount {
        self.unit.get_or_insert(unit);
        self
    }
}

/// Format a decimal string with thousands separators (`11262.73` → `11,262.73`).
/// Anything that is not a plain number is returned unchanged.
pub fn group_thousands(s: &str) -> String {
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + int.len() / 3);
    out.push_str(sign);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// How amounts are written in exports: the value in 万元 beside the figure as
/// printed and its unit, under the field names the export schema has always
/// had. Reading them back gives the same amount (the value converted back
/// from 万元 exactly).
pub(super) mod wire {
    use crate::model::money::{Amount, Unit};
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// The amount from its 万元 value, its printed text and its unit.
    fn amount(wan: Option<Decimal>, printed: Option<String>, unit: Option<Unit>) -> Option<Amount> {
        let (wan, printed) = (wan?, printed?);
        let value = match unit {
            Some(u) => Unit::Wan.convert(wan, u)?,
            None => wan,
        };
        Some(Amount {
            value,
            unit,
            printed,
        })
    }

    pub mod project_amount {
        use crate::model::money::wire::*;

        #[derive(Serialize, Deserialize)]
        struct Fields {
            amount: Option<Decimal>,
            #[serde(default)]
            amount_printed: Option<String>,
            #[serde(default)]
            amount_unit: Option<Unit>,
        }

        pub fn serialize<S: Serializer>(a: &Option<Amount>, s: S) -> Result<S::Ok, S::Error> {
            Fields {
                amount: a.as_ref().and_then(Amount::in_wan),
                amount_printed: a.as_ref().map(|a| a.printed.clone()),
                amount_unit: a.as_ref().and_then(|a| a.unit),
            }
            .serialize(s)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Amount>, D::Error> {
            let f = Fields::deserialize(d)?;
            Ok(amount(f.amount, f.amount_printed, f.amount_unit))
        }
    }

    pub mod source_amount {
        use crate::model::money::wire::*;

        #[derive(Serialize, Deserialize)]
        struct Fields {
            amount: Option<Decimal>,
            printed: Option<String>,
            unit: Option<Unit>,
        }

        pub fn serialize<S: Serializer>(a: &Option<Amount>, s: S) -> Result<S::Ok, S::Error> {
            Fields {
                amount: a.as_ref().and_then(Amount::in_wan),
                printed: a.as_ref().map(|a| a.printed.clone()),
                unit: a.as_ref().and_then(|a| a.unit),
            }
            .serialize(s)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Amount>, D::Error> {
            let f = Fields::deserialize(d)?;
            Ok(amount(f.amount, f.printed, f.unit))
        }
    }

    pub mod total_amount {
        use crate::model::money::wire::*;

        #[derive(Serialize, Deserialize)]
        struct Fields {
            amount: Decimal,
            printed: String,
            /// Stated when the figure is not printed in 万元.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            unit: Option<Unit>,
        }

        pub fn serialize<S: Serializer>(a: &Amount, s: S) -> Result<S::Ok, S::Error> {
            Fields {
                amount: a.in_wan().unwrap_or(a.value),
                printed: a.printed.clone(),
                unit: a.unit.filter(|u| *u != Unit::Wan),
            }
            .serialize(s)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Amount, D::Error> {
            let f = Fields::deserialize(d)?;
            let unit = f.unit.unwrap_or(Unit::Wan);
            amount(Some(f.amount), Some(f.printed), Some(unit))
                .ok_or_else(|| serde::de::Error::custom("total out of range"))
        }
    }
}
