//! Finding and reading documents: files and folders (recursive), hidden
//! entries and unsupported files skipped, symlink loops safe.
