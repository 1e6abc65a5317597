//! `budgettui export`: documents as JSON (`{"documents": [...]}`) or CSV (one row per cell).
