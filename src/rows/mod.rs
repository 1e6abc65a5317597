//! Reading a table's rows as an analyst does, shared by the comparison
//! ([`crate::compare`]) and the explorer's sort: which columns hold figures,
//! codes and labels ([`columns`]), each row's classification code and label,
//! the row hierarchy ([`tree`]: a row's parent by its code — 类 3 digits →
//! 款 5 → 项 7 — or, without codes, by sums: a parent equals the sum of the
//! rows under it), the kind of a table from its title ([`kind`]), and names
//! normalized for matching across documents ([`names`]).
//!
//! Domain words: 类 / 款 / 项 — the three levels of a function code
//! (204 公共安全支出 → 20402 公安 → 2040201 行政运行); 合计 / 总计 — totals.
//!
//! The parser states a table's class (`Table::kind`) and its rows' parents
//! (`TableDetail::sides`) when it recognises them; [`kind::table_kind_key`]
//! takes the class first, and the explorer takes the parser's hierarchy
//! first. These readings cover the tables the parser leaves a plain grid.

pub mod columns;
pub mod kind;
pub mod names;
pub mod tree;

pub use columns::{ColumnRole, Columns};
pub use kind::table_kind_key;
pub use names::match_key;
pub use tree::{row_parents, row_parents_by};
