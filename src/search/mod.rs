//! Search across all loaded documents: projects, table rows, indicators, sections, amounts.
