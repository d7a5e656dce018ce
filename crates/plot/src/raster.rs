//! Anti-aliased thick lines for PNG output.
//!
//! plotters fills a line wider than one pixel as a polygon through whole pixels, which makes
//! curves wobble and look jagged. Here each pixel gets the share of it the line covers
//! (from its distance to the nearest segment), merged over the whole polyline so joints are
//! not drawn twice, then blended in one pass.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::render::DrawResult;
use super::style::RGBColor;

/// Splits a polyline into its dashes: `on` pixels drawn, `off` pixels skipped, repeating
/// along the whole length.
pub(crate) fn dashes(p: &[(f64, f64)], on: f64, off: f64) -> Vec<Vec<(f64, f64)>> {
    let mut out = vec![];
    let mut piece = vec![];
    let (mut drawing, mut left) = (true, on);
    for w in p.windows(2) {
        let (mut a, b) = (w[0], w[1]);
        if drawing && piece.is_empty() {
            piece.push(a);
        }
        let mut len = (b.0 - a.0).hypot(b.1 - a.1);
        while len > left {
            let t = left / len;
            let cut = (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1));
            if drawing {
                piece.push(cut);
                out.push(std::mem::take(&mut piece));
            } else {
                piece.push(cut);
            }
            len -= left;
            a = cut;
            drawing = !drawing;
            left = if drawing { on } else { off };
        }
        left -= len;
        if drawing {
            piece.push(b);
        } else {
            piece.clear();
        }
    }
    if drawing && piece.len() > 1 {
        out.push(piece);
    }
    out
}

/// Distance from `q` to the segment a-b.
fn distance(q: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((q.0 - a.0) * dx + (q.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    };
    (q.0 - a.0 - t * dx).hypot(q.1 - a.1 - t * dy)
}

/// Draws polylines `width` pixels wide, anti-aliased, in pixel coordinates of `area`.
pub(crate) fn stroke<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    pieces: &[Vec<(f64, f64)>],
    width: f64,
    color: RGBColor,
) -> DrawResult<DB> {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as usize, h as usize);
    if w == 0 || h == 0 {
        return Ok(());
    }
    let r = width / 2.0;
    let mut cover = vec![0f32; w * h];
    for piece in pieces {
        let segments: Vec<((f64, f64), (f64, f64))> = match piece.len() {
            0 => vec![],
            1 => vec![(piece[0], piece[0])],
            _ => piece.windows(2).map(|s| (s[0], s[1])).collect(),
        };
        for (a, b) in segments {
            let reach = r + 1.0;
            let clamp_x = |v: f64| v.clamp(0.0, (w - 1) as f64) as usize;
            let clamp_y = |v: f64| v.clamp(0.0, (h - 1) as f64) as usize;
            let (x0, x1) = (clamp_x(a.0.min(b.0) - reach), clamp_x(a.0.max(b.0) + reach));
            let (y0, y1) = (clamp_y(a.1.min(b.1) - reach), clamp_y(a.1.max(b.1) + reach));
            if a.0.max(b.0) + reach < 0.0 || a.1.max(b.1) + reach < 0.0 {
                continue;
            }
            for y in y0..=y1 {
                for x in x0..=x1 {
                    let d = distance((x as f64, y as f64), a, b);
                    let c = (r + 0.5 - d).clamp(0.0, 1.0) as f32;
                    let cell = &mut cover[y * w + x];
                    *cell = cell.max(c);
                }
            }
        }
    }
    for (i, &c) in cover.iter().enumerate() {
        if c > 0.0 {
            let p = ((i % w) as i32, (i / w) as i32);
            area.draw_pixel(p, &color.mix(f64::from(c)))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_alternate_along_the_length() {
        let line = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)];
        let d = dashes(&line, 4.0, 2.0);
        // 20 px: on 0-4, off 4-6, on 6-10 (turning the corner at 10), off, on 12-16, off, on 18-20
        assert_eq!(d.len(), 4);
        assert_eq!(d[0], vec![(0.0, 0.0), (4.0, 0.0)]);
        assert_eq!(d[1], vec![(6.0, 0.0), (10.0, 0.0), (10.0, 0.0)]);
        assert_eq!(d[2], vec![(10.0, 2.0), (10.0, 6.0)]);
        assert_eq!(d[3], vec![(10.0, 8.0), (10.0, 10.0)]);
    }

    #[test]
    fn distance_to_a_segment() {
        assert_eq!(distance((5.0, 3.0), (0.0, 0.0), (10.0, 0.0)), 3.0);
        assert_eq!(distance((13.0, 4.0), (0.0, 0.0), (10.0, 0.0)), 5.0);
    }
}
