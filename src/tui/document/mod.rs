//! What the explorer derives once from each parsed document, on a loader
//! thread, before the document reaches the state: the flattened section
//! tree ([`doc_tree`]) and the column layout of every large table
//! ([`table_layout`], the others' when first shown: [`layouts`]) with what a
//! sort reads of its rows ([`row_facts`]);
//! and, when a table is first sorted or filtered, its sort and filter keys
//! ([`row_order`]); the budget checks' findings ([`checks`]). Pure
//! functions of the model; they know nothing of the explorer's state.

pub mod checks;
pub mod doc_tree;
pub mod layouts;
pub mod row_facts;
pub mod row_order;
pub mod table_layout;
