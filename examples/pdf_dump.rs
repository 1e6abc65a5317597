//! Dump what the PDF reader sees: `cargo run --example pdf_dump FILE [PAGE]`.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: pdf_dump FILE [PAGE]");
        std::process::exit(2);
    };
    let only: Option<u32> = args.get(2).and_then(|p| p.parse().ok());
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let doc = if path.ends_with(".txt") {
        let text = String::from_utf8_lossy(&bytes);
        budgettui::pdf::PdfDocument {
            pages: budgettui::parse::geometry::text_grid::pages_from_text(
                &text,
                if std::env::var("CELLS").is_ok() {
                    budgettui::parse::geometry::text_grid::Metric::Cells
                } else {
                    budgettui::parse::geometry::text_grid::Metric::Chars
                },
            ),
            warnings: Vec::new(),
        }
    } else {
        read_pdf(path, &bytes)
    };
    for w in &doc.warnings {
        eprintln!("{path}: {w}");
    }
    dump(
        &doc,
        only,
        args.get(3).map(String::as_str) == Some("layout"),
    );
}

fn read_pdf(path: &str, bytes: &[u8]) -> budgettui::pdf::PdfDocument {
    match budgettui::pdf::read_pdf(bytes) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}

fn dump(doc: &budgettui::pdf::PdfDocument, only: Option<u32>, layout: bool) {
    for page in &doc.pages {
        if only.is_some_and(|n| n != page.number) {
            continue;
        }
        println!(
            "=== page {} ({:.0}×{:.0}): {} glyphs, {} segments, {} images",
            page.number,
            page.width,
            page.height,
            page.glyphs.len(),
            page.segments.len(),
            page.images
        );
        if layout {
            print_layout(&budgettui::parse::geometry::build_page(page));
        } else if only.is_some() {
            for g in &page.glyphs {
                println!(
                    "{} {:7.2} {:7.2} {:7.2} {:7.2} size {:5.2}{}",
                    g.ch,
                    g.rect.x0,
                    g.rect.y0,
                    g.rect.x1,
                    g.rect.y1,
                    g.size,
                    if g.bold { " bold" } else { "" }
                );
            }
            for s in &page.segments {
                println!(
                    "{:?} at {:7.2} {:7.2}..{:7.2}",
                    s.orientation, s.at, s.start, s.end
                );
            }
        }
    }
}

fn print_layout(layout: &budgettui::parse::geometry::PageLayout) {
    use budgettui::parse::geometry::Block;
    for block in &layout.blocks {
        match block {
            Block::Line(l) => println!(
                "LINE [{:.0},{:.0}] size {:.1}{}: {}",
                l.rect.x0,
                l.rect.y0,
                l.size,
                if l.bold { " bold" } else { "" },
                l.text()
            ),
            Block::Table(t) => {
                println!(
                    "TABLE {}x{} ruled={} at [{:.0},{:.0},{:.0},{:.0}]",
                    t.rows, t.cols, t.ruled, t.rect.x0, t.rect.y0, t.rect.x1, t.rect.y1
                );
                for r in 0..t.rows {
                    let cells: Vec<String> = t
                        .row_cells(r)
                        .map(|c| {
                            let span = if c.row_span > 1 || c.col_span > 1 {
                                format!("<{}x{}>", c.row_span, c.col_span)
                            } else {
                                String::new()
                            };
                            format!(
                                "{}{}{}",
                                c.col,
                                span,
                                if c.text.is_empty() {
                                    "·".into()
                                } else {
                                    format!(":{}", c.text)
                                }
                            )
                        })
                        .collect();
                    println!("  r{r}: {}", cells.join(" | "));
                }
            }
        }
    }
}
