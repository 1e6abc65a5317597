//! Amounts as printed → `rust_decimal::Decimal`. Never floats.

use rust_decimal::Decimal;

/// Parse an amount cell (TODO).
pub fn parse_amount(s: &str) -> Option<Decimal> {
    s.trim().replace(',', "").parse().ok()
}
