//! Grids of numbers (matrices, images, filters) with highlighted windows, and blocks for the
//! shapes of tensors.

use crate::{Diagram, FONT, Shape, Tone, text_width};

/// An ordinary cell: near-white, dark digits.
pub const CELL: Tone = Tone {
    fill: "#f7f8fa",
    stroke: "#9aa0aa",
    text: "#1d2330",
};
/// A cell that is not part of the data (padding): grey, grey digits.
pub const FADED: Tone = Tone {
    fill: "#dcdfe5",
    stroke: "#9aa0aa",
    text: "#5d6470",
};

/// Where a grid was drawn: its top-left corner, cell size and dimensions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grid {
    pub x: f64,
    pub y: f64,
    pub cell: f64,
    pub rows: usize,
    pub cols: usize,
}

impl Grid {
    /// Width in px.
    pub fn width(&self) -> f64 {
        self.cols as f64 * self.cell
    }

    /// Height in px.
    pub fn height(&self) -> f64 {
        self.rows as f64 * self.cell
    }

    /// The grid as a rectangle, for arrows.
    pub fn shape(&self) -> Shape {
        Shape {
            cx: self.x + self.width() / 2.0,
            cy: self.y + self.height() / 2.0,
            half_w: self.width() / 2.0,
            half_h: self.height() / 2.0,
            round: false,
        }
    }
}

impl Diagram {
    /// A grid of `values` (rows of text, "" for an empty cell) with its top-left corner at
    /// (x, y); `tone(row, col)` colours each cell. Numbers are monospace.
    pub fn grid(
        &mut self,
        x: f64,
        y: f64,
        cell: f64,
        values: &[Vec<String>],
        tone: impl Fn(usize, usize) -> Tone,
    ) -> Grid {
        let size = (cell * 0.5).clamp(12.0, FONT + 2.0);
        for (i, row) in values.iter().enumerate() {
            for (j, value) in row.iter().enumerate() {
                let (cx, cy) = (x + j as f64 * cell, y + i as f64 * cell);
                let t = tone(i, j);
                self.rect(cx, cy, cell, cell, 0.0, t, 1.0);
                if !value.is_empty() {
                    // smaller if the value would not fit (scripts keep their own floor)
                    let fit = (cell - 4.0) / text_width(value, size, true);
                    let size = if fit < 1.0 { size * fit } else { size };
                    self.text(cx + cell / 2.0, cy + cell / 2.0, value, t, size, true);
                }
            }
        }
        Grid {
            x,
            y,
            cell,
            rows: values.len(),
            cols: values.first().map_or(0, Vec::len),
        }
    }

    /// A thick outline around `h` × `w` cells of `grid` starting at (row, col): a window.
    pub fn window(
        &mut self,
        grid: &Grid,
        (row, col): (usize, usize),
        (h, w): (usize, usize),
        tone: Tone,
    ) {
        let c = grid.cell;
        let outline = Tone {
            fill: "none",
            ..tone
        };
        let (x, y) = (grid.x + col as f64 * c, grid.y + row as f64 * c);
        self.rect(x, y, w as f64 * c, h as f64 * c, 2.0, outline, 3.0);
    }

    /// A box seen slightly from above and the right: front face `w` × `h` at (x, y), `depth`
    /// px deep. Stands for a tensor of shape (C, H, W).
    pub fn block(&mut self, x: f64, y: f64, w: f64, h: f64, depth: f64, tone: Tone) -> Shape {
        let d = depth * 0.7;
        self.polygon(
            &[(x, y), (x + d, y - d), (x + w + d, y - d), (x + w, y)],
            tone,
        );
        self.polygon(
            &[
                (x + w, y),
                (x + w + d, y - d),
                (x + w + d, y + h - d),
                (x + w, y + h),
            ],
            tone,
        );
        self.rect(x, y, w, h, 0.0, tone, 1.2);
        Shape {
            cx: x + (w + d) / 2.0,
            cy: y + (h - d) / 2.0,
            half_w: (w + d) / 2.0,
            half_h: (h + d) / 2.0,
            round: false,
        }
    }
}

/// Rows of numbers as the text of grid cells.
pub fn texts<T: Copy>(rows: &[Vec<T>], format: impl Fn(T) -> String) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|&v| format(v)).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grid_records_its_numbers_row_by_row() {
        let mut d = Diagram::new(200.0, 200.0, "t");
        let values = texts(&[vec![1, 2], vec![3, 4]], |v| v.to_string());
        let g = d.grid(10.0, 10.0, 30.0, &values, |_, _| CELL);
        d.window(&g, (0, 0), (1, 2), crate::HIGHLIGHTS[0]);
        assert_eq!(d.texts(), ["1", "2", "3", "4"]);
        assert_eq!((g.rows, g.cols, g.width(), g.height()), (2, 2, 60.0, 60.0));
    }
}
