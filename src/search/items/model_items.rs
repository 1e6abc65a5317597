//! The `section`, `project` and `indicator` items: made from the model's
//! outline, projects and performance indicators rather than from table cells.
//! 三级指标: a third-level (finest) performance indicator, under its 一级指标
//! and 二级指标 (first- and second-level indicators, its context here).
//! 整体绩效目标: the department's own (department-wide) performance targets.

use super::builder::{Builder, Fig, Figures};
use crate::model::{Document, Indicator, TableKind};
use crate::parse::amount::amounts_in_text;
use crate::search::index::{Kind, Location, Span};

pub(super) fn section_items(doc: &Document, out: &mut Builder) {
    let mut context = String::new();
    doc.walk_sections(|path, s| {
        if s.title.trim().is_empty() {
            return;
        }
        // Titles of the ancestors.
        context.clear();
        let mut level = &doc.sections;
        for &i in path.iter().take(path.len().saturating_sub(1)) {
            let Some(sec) = level.get(i) else { break };
            if !context.is_empty() {
                context.push_str(" / ");
            }
            context.push_str(sec.title.trim());
            level = &sec.children;
        }
        let name = out.name(&s.title);
        let context = out.context(&context);
        out.push(
            Kind::Section,
            s.line,
            name,
            Figures::New(None),
            None,
            Location::Section {
                path: path.to_vec(),
            },
            context,
            None,
        );
    });
}

pub(super) fn project_items(doc: &Document, out: &mut Builder) {
    let mut figures: Vec<Fig> = Vec::new();
    for (p, project) in doc.projects.iter().enumerate() {
        if project.name.trim().is_empty() {
            continue;
        }
        figures.clear();
        let amounts = project
            .amount
            .iter()
            .chain(project.sources.iter().filter_map(|s| s.amount.as_ref()));
        for a in amounts {
            let Some(amount) = a.in_wan() else { continue };
            if figures.iter().any(|f| f.amount == amount) {
                continue;
            }
            figures.push(Fig {
                amount,
                printed: out.intern(&a.printed),
                unit: a.unit,
            });
        }
        let table = project
            .table
            .or_else(|| project.sources.iter().find_map(|s| s.table));
        let context = table
            .and_then(|t| doc.tables.get(t))
            .map(|t| t.title.trim())
            .unwrap_or_default();
        let name = out.name(&project.name);
        let context = out.context(context);
        let code = project.code.as_deref().map(|c| out.intern(c));
        out.push(
            Kind::Project,
            project.line,
            name,
            Figures::New(figures.iter().copied()),
            code,
            Location::Project { project: p },
            context,
            table,
        );
    }
}

pub(super) fn indicator_items(doc: &Document, out: &mut Builder) {
    let mut last = None;
    for (p, project) in doc.projects.iter().enumerate() {
        let group = (Some(p), project.name.trim(), project.table);
        group_indicator_items(group, &project.indicators, &mut last, out);
    }
    department_indicator_items(doc, &mut last, out);
}

/// [`indicator_items`] of a document not needed afterwards: each project's
/// indicators are freed once their items are made.
pub(super) fn take_indicator_items(doc: &mut Document, out: &mut Builder) {
    let mut last = None;
    for p in 0..doc.projects.len() {
        let indicators = std::mem::take(&mut doc.projects[p].indicators);
        let project = &doc.projects[p];
        let group = (Some(p), project.name.trim(), project.table);
        group_indicator_items(group, &indicators, &mut last, out);
    }
    department_indicator_items(doc, &mut last, out);
}

/// The items of the department's own indicators (整体绩效目标).
fn department_indicator_items(doc: &Document, last: &mut Option<LastContext>, out: &mut Builder) {
    let dept_table = doc
        .tables
        .iter()
        .position(|t| t.kind == TableKind::DepartmentPerformance);
    let group = (None, "整体绩效目标", dept_table);
    group_indicator_items(group, &doc.indicators, last, out);
}

/// The owner and levels of the last indicator's context, and its text:
/// neighbouring indicators share their levels, and one context.
type LastContext = (String, String, String, Span);

/// The items of one group of indicators: a project's (its number, name and
/// table) or the department's.
fn group_indicator_items(
    (project, owner, table): (Option<usize>, &str, Option<usize>),
    indicators: &[Indicator],
    last: &mut Option<LastContext>,
    out: &mut Builder,
) {
    for (index, ind) in indicators.iter().enumerate() {
        let name = if ind.name().trim().is_empty() {
            ind.description().trim()
        } else {
            ind.name().trim()
        };
        if name.is_empty() {
            continue;
        }
        let (l1, l2) = (ind.level1().trim(), ind.level2().trim());
        let context = match last {
            Some((o, a, b, span)) if o == owner && a == l1 && b == l2 => *span,
            _ => {
                let mut text = String::from(owner);
                for level in [l1, l2] {
                    if !level.is_empty() {
                        text.push_str(" / ");
                        text.push_str(level);
                    }
                }
                let span = out.context(&text);
                *last = Some((owner.to_string(), l1.to_string(), l2.to_string(), span));
                span
            }
        };
        let figure = if ind.target().bytes().any(|b| b.is_ascii_digit()) {
            amounts_in_text(ind.target()).into_iter().find_map(|a| {
                Some(Fig {
                    amount: a.amount.in_wan()?,
                    printed: out.intern(&a.amount.printed),
                    unit: a.amount.unit,
                })
            })
        } else {
            None
        };
        // the target is searched too (`较上年提高`, `≥95%`): the item reads `name：target`
        let target = ind.target().trim();
        let name = if target.is_empty() || target == name {
            out.name(name)
        } else {
            out.name(&format!("{name}：{target}"))
        };
        out.push(
            Kind::Indicator,
            ind.line,
            name,
            Figures::New(figure),
            None,
            Location::Indicator { project, index },
            context,
            table,
        );
    }
}
