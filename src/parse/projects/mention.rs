//! A project mention (one source naming a project, before mentions are
//! merged) and what it says. Amounts are in 万元 (ten thousand yuan) unless a
//! unit is stated.

use super::super::amount::parse_figure;
use crate::model::{LineNo, ProjectSource, SourceKind, Unit};

/// One mention before merging. What few mentions say (indicators, goals,
/// purpose) is boxed: a document's mentions are all held until merged.
#[derive(Debug, Clone)]
pub(super) struct Mention {
    pub(super) name: String,
    /// The name as mentions are merged by (`name_key`), made where the
    /// mention is read (a project table keys its rows anyway).
    pub(super) key: String,
    pub(super) code: Option<String>,
    pub(super) source: ProjectSource,
    /// `None` when the mention says none of these.
    pub(super) said: Option<Box<Said>>,
}

/// The indicators, goals and purpose of a mention.
#[derive(Debug, Clone)]
pub(super) struct Said {
    pub(super) indicators: Vec<crate::model::Indicator>,
    pub(super) goals: Vec<String>,
    pub(super) purpose: Option<String>,
}

impl Said {
    /// Boxed, unless there is nothing.
    pub(super) fn boxed(
        indicators: Vec<crate::model::Indicator>,
        goals: Vec<String>,
        purpose: Option<String>,
    ) -> Option<Box<Said>> {
        let nothing = indicators.is_empty() && goals.is_empty() && purpose.is_none();
        (!nothing).then(|| {
            Box::new(Said {
                indicators,
                goals,
                purpose,
            })
        })
    }
}

pub(super) fn amount_source(
    kind: SourceKind,
    line: LineNo,
    table: Option<usize>,
    row: Option<usize>,
    printed: Option<&str>,
    unit: Option<Unit>,
) -> ProjectSource {
    // A figure with no unit stated is in 万元, the usual unit.
    let amount = printed
        .and_then(|p| parse_figure(p, unit))
        .map(|a| a.or_unit(Unit::Wan))
        .filter(|a| a.in_wan().is_some());
    ProjectSource {
        kind,
        line,
        table,
        row,
        amount,
        page: None,
    }
}
