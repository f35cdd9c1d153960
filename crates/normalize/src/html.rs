//! HTML documents (8-K/A re-filings and exhibits from 2003 on) turned back into fixed-width text.
//!
//! The extractors read columns by character position, so a table becomes one line per row with
//! every cell padded to its column's width: the cells of one column start at the same position
//! in every row, headers included. `<pre>` text is already fixed-width and is kept verbatim.
//! The walk is iterative, so hostile nesting cannot overflow the stack.

use scraper::{Html, Node};

use crate::ascii::contains_ignore_ascii_case;

/// Blanks between two table columns.
const CELL_GAP: usize = 2;
/// A larger `colspan` is taken as this: no statement table is wider, and hostile input stays small.
const MAX_SPAN: usize = 64;

/// True for an HTML document: an `<html>` element, or table markup with rows and cells (plain
/// text documents of the period carry bare `<TABLE>`/`<S>`/`<C>` tags, without `<TR>`/`<TD>`).
pub(crate) fn looks_like_html(text: &str) -> bool {
    // The first 4096 characters.
    let head_end = text.char_indices().nth(4096).map_or(text.len(), |(i, _)| i);
    let head = text.get(..head_end).unwrap_or(text);
    if contains_ignore_ascii_case(head, "<html")
        || contains_ignore_ascii_case(head, "<!doctype html")
    {
        return true;
    }
    contains_ignore_ascii_case(text, "<table")
        && (contains_ignore_ascii_case(text, "<tr") || contains_ignore_ascii_case(text, "<td"))
}

/// The text of an HTML document, one line per block element or table row.
pub(crate) fn to_text(html: &str) -> String {
    let document = Html::parse_document(&html.replace("\r\n", "\n"));
    let mut out = Renderer::default();
    let root = document.tree.root();
    // Depth-first, by hand: entering a node renders its opening, leaving it its close.
    let mut node = root;
    'walk: loop {
        let descend = match node.value() {
            Node::Text(text) => {
                out.text(text);
                false
            }
            Node::Element(element) => {
                let name = element.name();
                let skipped = is_skipped(name);
                if !skipped {
                    let colspan = element
                        .attr("colspan")
                        .and_then(|c| c.trim().parse::<usize>().ok());
                    out.open(name, colspan.unwrap_or(1));
                }
                !skipped
            }
            _ => true,
        };
        if descend {
            if let Some(child) = node.first_child() {
                node = child;
                continue;
            }
        }
        loop {
            // Skipped elements were never opened (nor entered: no ancestor here is one).
            if let Node::Element(element) = node.value() {
                if !is_skipped(element.name()) {
                    out.close(element.name());
                }
            }
            if node.id() == root.id() {
                break 'walk;
            }
            if let Some(sibling) = node.next_sibling() {
                node = sibling;
                continue 'walk;
            }
            match node.parent() {
                Some(parent) => node = parent,
                None => break 'walk,
            }
        }
    }
    out.finish()
}

/// Elements whose text is not part of the document's text.
fn is_skipped(name: &str) -> bool {
    matches!(name, "script" | "style" | "head" | "title")
}

/// One table being collected: rows of cells, a cell with `colspan` n followed by n-1 empty cells.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
}

#[derive(Default)]
struct Renderer {
    lines: Vec<String>,
    current: String,
    pre_depth: usize,
    table_depth: usize,
    table: Table,
    cell: Option<String>,
    cell_span: usize,
}

/// Elements that start and end a line of their own.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "center"
            | "blockquote"
            | "hr"
            | "address"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "body"
            | "form"
            | "caption"
    )
}

impl Renderer {
    fn text(&mut self, text: &str) {
        let text = text.replace('\u{a0}', " ");
        if let Some(cell) = self.cell.as_mut() {
            push_collapsed(cell, &text);
        } else if self.table_depth > 0 {
            // Text between cells of a table (stray whitespace) says nothing.
        } else if self.pre_depth > 0 {
            self.current.push_str(&text);
        } else {
            push_collapsed(&mut self.current, &text);
        }
    }

    fn open(&mut self, name: &str, colspan: usize) {
        match name {
            "table" => {
                self.table_depth += 1;
                if self.table_depth == 1 {
                    self.flush();
                    self.table = Table::default();
                }
            }
            "tr" if self.table_depth == 1 => self.table.rows.push(Vec::new()),
            "td" | "th" if self.table_depth == 1 => {
                self.finish_cell();
                if self.table.rows.is_empty() {
                    self.table.rows.push(Vec::new());
                }
                self.cell = Some(String::new());
                self.cell_span = colspan.clamp(1, MAX_SPAN);
            }
            "br" => match self.cell.as_mut() {
                Some(cell) => cell.push(' '),
                None => self.flush(),
            },
            "pre" if self.cell.is_none() => {
                self.flush();
                self.pre_depth += 1;
            }
            _ if self.cell.is_none() && self.table_depth == 0 && is_block(name) => self.flush(),
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "table" => {
                self.table_depth = self.table_depth.saturating_sub(1);
                if self.table_depth == 0 {
                    self.finish_cell();
                    let table = std::mem::take(&mut self.table);
                    self.lines.extend(render_table(&table));
                }
            }
            "td" | "th" if self.table_depth == 1 => self.finish_cell(),
            "pre" if self.pre_depth > 0 => {
                let text = std::mem::take(&mut self.current);
                self.lines
                    .extend(text.lines().map(|l| l.trim_end().to_string()));
                self.pre_depth -= 1;
            }
            _ if self.cell.is_none() && self.table_depth == 0 && is_block(name) => self.flush(),
            _ => {}
        }
    }

    fn finish_cell(&mut self) {
        if let Some(cell) = self.cell.take() {
            if self.table.rows.is_empty() {
                self.table.rows.push(Vec::new());
            }
            if let Some(row) = self.table.rows.last_mut() {
                row.push(cell.trim().to_string());
                // The spanned columns stay, empty, so the row's later cells keep their column.
                row.extend(std::iter::repeat_n(
                    String::new(),
                    self.cell_span.saturating_sub(1),
                ));
            }
        }
    }

    fn flush(&mut self) {
        if self.pre_depth > 0 {
            return;
        }
        let line = std::mem::take(&mut self.current);
        let line = line.trim();
        if !line.is_empty() {
            self.lines.push(line.to_string());
        }
    }

    fn finish(mut self) -> String {
        self.finish_cell();
        if self.table_depth > 0 {
            let table = std::mem::take(&mut self.table);
            self.lines.extend(render_table(&table));
        }
        self.pre_depth = 0;
        self.flush();
        let mut out = String::new();
        for line in self.lines {
            out.push_str(&line);
            out.push('\n');
        }
        out
    }
}

fn push_collapsed(buffer: &mut String, text: &str) {
    for (i, word) in text.split_whitespace().enumerate() {
        let joins = i == 0 && !text.starts_with(char::is_whitespace);
        if !buffer.is_empty() && !buffer.ends_with(' ') && !joins {
            buffer.push(' ');
        }
        buffer.push_str(word);
    }
    if text.ends_with(char::is_whitespace) && !buffer.is_empty() && !buffer.ends_with(' ') {
        buffer.push(' ');
    }
}

/// Each row as one line, each cell padded to its column's width; columns empty in every row
/// (the spacer cells HTML tables are full of) are left out.
fn render_table(table: &Table) -> Vec<String> {
    let columns = table.rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            table
                .rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    table
        .rows
        .iter()
        .map(|row| {
            let mut line = String::new();
            for (c, &width) in widths.iter().enumerate().filter(|(_, w)| **w > 0) {
                let cell = row.get(c).map(String::as_str).unwrap_or("");
                if !line.is_empty() {
                    line.extend(std::iter::repeat_n(' ', CELL_GAP));
                }
                line.push_str(cell);
                line.extend(std::iter::repeat_n(' ', width - cell.chars().count()));
            }
            line.trim_end().to_string()
        })
        .filter(|l| !l.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_columns_line_up() {
        let html = "<html><body><p>Collateral Report</p><table>\
            <tr><td>Class</td><td></td><td>Prior Principal Balance</td><td>Interest</td></tr>\
            <tr><td>A</td><td>&nbsp;</td><td>420,966,165.60</td><td>779,372.08</td></tr>\
            <tr><td colspan=\"3\">Total</td><td>858,042.00</td></tr></table>\
            <pre>  keep   this\n    verbatim</pre></body></html>";
        let text = to_text(html);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Collateral Report");
        assert_eq!(lines[1], "Class  Prior Principal Balance  Interest");
        assert_eq!(lines[2], "A      420,966,165.60           779,372.08");
        assert_eq!(lines[3], "Total                           858,042.00");
        assert_eq!(lines[4], "  keep   this");
        assert_eq!(lines[5], "    verbatim");
        assert_eq!(lines[1].find("Interest"), lines[2].find("779,372.08"));
    }

    #[test]
    fn plain_text_with_sgml_table_tags_is_not_html() {
        assert!(!looks_like_html(
            "<TABLE>\n<S>   <C>\nClass A   1,000\n</TABLE>"
        ));
        assert!(looks_like_html("<HTML><BODY>x</BODY></HTML>"));
        assert!(looks_like_html("<table><tr><td>1</td></tr></table>"));
    }
}
