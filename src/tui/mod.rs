//! The terminal explorer: document list, section tree, table and indicator views.
