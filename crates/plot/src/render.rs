//! Drawing machinery shared by the charts: the font, PNG/SVG output, axes, series, legends.

use std::io::Write;
use std::path::Path;
use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, bail};
use plotters::coord::Shift;
use plotters::coord::ranged1d::{Ranged, ValueFormatter};
use plotters::coord::types::RangedCoordf64;
use plotters::element::DashedPathElement;
use plotters::prelude::*;

use super::raster;
use super::style::{Ctx, LegendPos, LineStyle, RGBColor, Series, Theme, clip_runs, fmt_tick};

/// What a failed plotters call returns on backend `DB`.
pub(crate) type DrawResult<DB> =
    Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// A drawing area in pixels.
pub(crate) type Area<DB> = DrawingArea<DB, Shift>;

/// A backend plotters draws on: a bitmap (PNG) or an SVG.
pub(crate) trait Backend: DrawingBackend {}

impl<DB: DrawingBackend> Backend for DB {}

/// A y axis: linear, or logarithmic for a log-scale [`super::LineChart`].
pub(crate) trait YAxis: Ranged<ValueType = f64> + ValueFormatter<f64> {}

impl<Y: Ranged<ValueType = f64> + ValueFormatter<f64>> YAxis for Y {}

/// The plot of a chart: a linear x axis and a y axis `Y`.
pub(crate) type Plot<'a, DB, Y> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, Y>>;

/// A chart a [`save`] can draw: it paints itself onto any plotters drawing area.
pub(crate) trait Paint {
    /// Draws into `area` (already filled white); `ctx.bitmap` is true for PNG output, where
    /// thick lines are drawn as anti-aliased 1-pixel lines side by side.
    fn paint<DB: DrawingBackend>(&self, area: &Area<DB>, ctx: Ctx) -> DrawResult<DB>;
    /// Size of the picture in pixels when saved on its own.
    fn size(&self) -> (u32, u32);
    /// Refuses data that cannot be drawn, before any file is touched.
    fn check(&self) -> anyhow::Result<()> {
        Ok(())
    }
}

/// Registers the DejaVu font as "sans-serif" (the family plotters asks for) the first time a
/// figure is drawn. Fonts compiled into the binary: no fontconfig, no system fonts needed.
pub(crate) fn ensure_font() {
    static FONT: Once = Once::new();
    FONT.call_once(|| {
        let fonts: [(&str, FontStyle, &'static [u8]); 4] = [
            ("sans-serif", FontStyle::Normal, dejavu::sans::regular()),
            ("sans-serif", FontStyle::Bold, dejavu::sans::bold()),
            ("sans-serif", FontStyle::Oblique, dejavu::sans::oblique()),
            ("monospace", FontStyle::Normal, dejavu::sans_mono::regular()),
        ];
        for (name, style, bytes) in fonts {
            // The bytes are a valid TrueType file compiled in; a failure would be a bug.
            if plotters::style::register_font(name, style, bytes).is_err() {
                panic!("the DejaVu font compiled into dlfs could not be parsed");
            }
        }
    });
}

/// Draws `fig` and writes it to `path`: PNG for `.png`, SVG for `.svg`.
///
/// Everything is drawn in memory first and the file written only if every step succeeded, so
/// a failed draw never leaves a blank or half-drawn picture behind; the file is replaced
/// atomically ([`replace_file`]), so a failed write never leaves half a picture either.
pub(crate) fn save(fig: &impl Paint, path: &Path) -> anyhow::Result<()> {
    let shown = path.display();
    fig.check()
        .with_context(|| format!("cannot draw {shown}"))?;
    let (w, h) = fig.size();
    if w == 0 || h == 0 {
        bail!("cannot draw {shown}: the figure size {w}x{h} has a zero side");
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the folder {}", dir.display()))?;
    }
    match ext.as_deref() {
        Some("png") => {
            let buf = render_rgb(fig).with_context(|| format!("cannot draw {shown}"))?;
            replace_file(path, |tmp| {
                let mut file = BitMapBackend::new(tmp, (w, h));
                file.blit_bitmap((0, 0), (w, h), &buf)
                    .and_then(|()| file.present())
                    .map_err(|e| e.to_string())?;
                std::fs::File::open(tmp)
                    .and_then(|f| f.sync_all())
                    .map_err(|e| e.to_string())
            })
        }
        Some("svg") => {
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
                root.fill(&WHITE)
                    .and_then(|()| fig.paint(&root, Ctx::picture(w, false)))
                    .and_then(|()| root.present())
                    .map_err(|e| anyhow::anyhow!("cannot draw {shown}: {e}"))?;
            }
            replace_file(path, |tmp| {
                std::fs::File::create(tmp)
                    .and_then(|mut f| f.write_all(svg.as_bytes()).and_then(|()| f.sync_all()))
                    .map_err(|e| e.to_string())
            })
        }
        _ => bail!("cannot save the figure as {shown}: give a path ending in .png or .svg"),
    }
}

/// Replaces the file at `path` by what `write` puts in a temporary file beside it: written,
/// flushed to disk, then renamed, so a failed write leaves the previous figure whole.
/// The temporary name keeps the extension (`.loss.png.1234-0.png`), which picks the encoder,
/// and is unique to this write (process id and a counter).
fn replace_file(
    path: &Path,
    write: impl FnOnce(&Path) -> Result<(), String>,
) -> anyhow::Result<()> {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let n = COUNT.fetch_add(1, Ordering::Relaxed);
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let ext = path.extension().unwrap_or_default().to_string_lossy();
    let tmp = path.with_file_name(format!(".{name}.{}-{n}.{ext}", std::process::id()));
    let written = write(&tmp).and_then(|()| std::fs::rename(&tmp, path).map_err(|e| e.to_string()));
    written.map_err(|reason| {
        let _ = std::fs::remove_file(&tmp);
        anyhow::anyhow!("cannot write {}: {reason}", path.display())
    })
}

/// Draws `fig` into an RGB buffer (3 bytes a pixel, row by row).
pub(crate) fn render_rgb(fig: &impl Paint) -> anyhow::Result<Vec<u8>> {
    ensure_font();
    let (w, h) = fig.size();
    let mut buf = vec![255u8; w as usize * h as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
        root.fill(&WHITE)
            .and_then(|()| fig.paint(&root, Ctx::picture(w, true)))
            .and_then(|()| root.present())
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    Ok(buf)
}

/// A linear x axis and a y axis (linear or log) with the chart's title and margins.
pub(crate) fn builder<'a, 'b, DB: DrawingBackend>(
    area: &'a Area<DB>,
    title: &str,
    t: &Theme,
) -> ChartBuilder<'a, 'b, DB> {
    let mut b = ChartBuilder::on(area);
    b.caption(title, ("sans-serif", t.title))
        .margin(t.margin)
        .margin_right(t.margin * 2)
        .x_label_area_size(if t.x_ticks { t.x_label_area } else { 0 })
        .y_label_area_size(if t.y_ticks { t.y_label_area } else { 0 });
    b
}

/// Axis labels, tick labels and a light grid.
pub(crate) fn mesh<DB: DrawingBackend, Y: YAxis>(
    chart: &mut Plot<'_, DB, Y>,
    x_label: &str,
    y_label: &str,
    t: &Theme,
) -> DrawResult<DB> {
    let (x_label, y_label) = (
        if t.x_ticks { x_label } else { "" },
        if t.y_ticks { y_label } else { "" },
    );
    let x_fmt = |v: &f64| {
        if t.x_ticks {
            fmt_tick(*v)
        } else {
            String::new()
        }
    };
    let y_fmt = |v: &f64| {
        if t.y_ticks {
            fmt_tick(*v)
        } else {
            String::new()
        }
    };
    chart
        .configure_mesh()
        .x_desc(x_label)
        .y_desc(y_label)
        .axis_desc_style(("sans-serif", t.label))
        .label_style(("sans-serif", t.tick))
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .x_labels(7)
        .y_labels(7)
        .bold_line_style(BLACK.mix(0.08))
        .light_line_style(TRANSPARENT)
        .draw()
}

/// Draws one series (its visible runs, then its markers) and registers it in the legend if
/// it has a name.
pub(crate) fn draw_series<'a, DB: DrawingBackend + 'a, Y: YAxis>(
    chart: &mut Plot<'a, DB, Y>,
    s: &Series,
    color: RGBColor,
    t: &Theme,
    log_y: bool,
) -> DrawResult<DB> {
    let width = if s.width == 0 { 2 } else { s.width };
    let stroke = color.stroke_width(width);
    let radius = (3.0 * t.tick / 16.0).round().max(2.0) as i32;
    let (xr, yr) = (chart.x_range(), chart.y_range());
    let runs = match s.line {
        LineStyle::None => vec![],
        _ => clip_runs(&s.points, (xr.start, xr.end), (yr.start, yr.end), log_y),
    };
    let w = f64::from(width);
    let dash = match s.line {
        LineStyle::Dashed => Some((4.5 * w, 2.5 * w)),
        LineStyle::Dotted => Some((w, 2.0 * w)),
        _ => None,
    };
    if t.bitmap {
        let to_px = pixel_mapper(chart, log_y);
        let mut pieces = vec![];
        for run in &runs {
            let px: Vec<(f64, f64)> = run.iter().map(&to_px).collect();
            let px: Vec<(f64, f64)> = simplify(&px, 0.2).into_iter().map(|i| px[i]).collect();
            match dash {
                None => pieces.push(px),
                Some((on, off)) => pieces.extend(raster::dashes(&px, on, off)),
            }
        }
        raster::stroke(&chart.plotting_area().strip_coord_spec(), &pieces, w, color)?;
    } else {
        for run in runs {
            match dash {
                None => chart.draw_series(LineSeries::new(run, stroke))?,
                Some((on, off)) => chart.draw_series(DashedLineSeries::new(
                    run,
                    on.round() as u32,
                    off.round() as u32,
                    stroke,
                ))?,
            };
        }
    }
    // markers only at the series' own points inside the box, over the lines
    if s.markers {
        let inside = |&&(x, y): &&(f64, f64)| {
            x >= xr.start && x <= xr.end && y >= yr.start && y <= yr.end && (!log_y || y > 0.0)
        };
        let dots = s
            .points
            .iter()
            .filter(inside)
            .map(|&p| Circle::new(p, radius, color.filled()));
        chart.draw_series(dots)?;
    }
    if !s.name.is_empty() {
        // the sample next to the name: a short stretch of the line, and a dot if marked
        let (on, off) = match s.line {
            LineStyle::Solid => (40, 1),
            LineStyle::Dashed => (8, 5),
            LineStyle::Dotted | LineStyle::None => (2, 4),
        };
        let line = if s.line == LineStyle::None {
            TRANSPARENT.into()
        } else {
            stroke
        };
        let dot = if s.markers {
            color.filled()
        } else {
            TRANSPARENT.into()
        };
        chart
            .draw_series(std::iter::empty::<Circle<(f64, f64), i32>>())?
            .label(s.name.as_str())
            .legend(move |(x, y)| {
                EmptyElement::at((x, y))
                    + DashedPathElement::new(vec![(0, 0), (22, 0)], on, off, line)
                    + Circle::new((11, 0), radius, dot)
            });
    }
    Ok(())
}

/// Data coordinates to pixels of the plotting area, with sub-pixel precision (plotters'
/// own mapping rounds to whole pixels). The x axis is linear, the y axis linear or log.
pub(crate) fn pixel_mapper<DB: DrawingBackend, Y: YAxis>(
    chart: &Plot<'_, DB, Y>,
    log_y: bool,
) -> impl Fn(&(f64, f64)) -> (f64, f64) + use<DB, Y> {
    let (xr, yr) = (chart.x_range(), chart.y_range());
    let g = move |v: f64| if log_y { v.ln() } else { v };
    let origin = chart.plotting_area().get_base_pixel();
    let p0 = chart.backend_coord(&(xr.start, yr.start));
    let p1 = chart.backend_coord(&(xr.end, yr.end));
    move |&(x, y): &(f64, f64)| {
        let u = f64::from(p0.0) + (x - xr.start) / (xr.end - xr.start) * f64::from(p1.0 - p0.0);
        let v = f64::from(p0.1)
            + (g(y) - g(yr.start)) / (g(yr.end) - g(yr.start)) * f64::from(p1.1 - p0.1);
        (u - f64::from(origin.0), v - f64::from(origin.1))
    }
}

/// Douglas-Peucker: indices of the points of `p` to keep so that no dropped point is more
/// than `eps` from the polyline through the kept ones.
pub(crate) fn simplify(p: &[(f64, f64)], eps: f64) -> Vec<usize> {
    if p.len() < 3 {
        return (0..p.len()).collect();
    }
    let mut keep = vec![false; p.len()];
    keep[0] = true;
    keep[p.len() - 1] = true;
    let mut stack = vec![(0, p.len() - 1)];
    while let Some((a, b)) = stack.pop() {
        let (ax, ay) = p[a];
        let (dx, dy) = (p[b].0 - ax, p[b].1 - ay);
        let len = dx.hypot(dy);
        let dist = |&(x, y): &(f64, f64)| {
            if len == 0.0 {
                (x - ax).hypot(y - ay)
            } else {
                ((x - ax) * dy - (y - ay) * dx).abs() / len
            }
        };
        let far = (a + 1..b)
            .map(|i| (i, dist(&p[i])))
            .fold((a, 0.0), |m, c| if c.1 > m.1 { c } else { m });
        if far.1 > eps {
            keep[far.0] = true;
            stack.push((a, far.0));
            stack.push((far.0, b));
        }
    }
    (0..p.len()).filter(|&i| keep[i]).collect()
}

/// Draws the legend box if more than one entry has a name.
pub(crate) fn legend<'a, DB: DrawingBackend + 'a, Y: YAxis>(
    chart: &mut Plot<'a, DB, Y>,
    names: &[&str],
    pos: LegendPos,
    crowded: impl Fn() -> Vec<(f64, f64)>,
    t: &Theme,
) -> DrawResult<DB> {
    let pos = match pos {
        LegendPos::Off => return Ok(()),
        _ if names.len() < 2 => return Ok(()),
        LegendPos::Auto => {
            // the legend's size as a fraction of the plot, from the text it will hold
            let font = ("sans-serif", t.tick).into_font();
            let text_w = names
                .iter()
                .map(|n| {
                    font.box_size(n)
                        .map_or(n.len() as f64 * t.tick * 0.6, |(w, _)| f64::from(w))
                })
                .fold(0.0, f64::max);
            let (pw, ph) = chart.plotting_area().dim_in_pixel();
            let (pw, ph) = (f64::from(pw.max(1)), f64::from(ph.max(1)));
            let size = (
                (text_w + 50.0) / pw,
                (names.len() as f64 * (t.tick + 6.0) + 14.0) / ph,
            );
            let margin = (f64::from(t.margin) / pw, f64::from(t.margin) / ph);
            let marker = (10.0 / pw, 10.0 / ph);
            best_corner(&crowded(), size, margin, marker)
        }
        p => p,
    };
    let pos = match pos {
        LegendPos::UpperLeft => SeriesLabelPosition::UpperLeft,
        LegendPos::LowerLeft => SeriesLabelPosition::LowerLeft,
        LegendPos::LowerRight => SeriesLabelPosition::LowerRight,
        _ => SeriesLabelPosition::UpperRight,
    };
    chart
        .configure_series_labels()
        .position(pos)
        .margin(t.margin)
        .legend_area_size(30)
        .label_font(("sans-serif", t.tick))
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.4))
        .draw()
}

/// The corner whose legend box (`size` wide and high, `margin` in from the edges, all in plot
/// fractions) covers the fewest points, each point counted if within `reach` of the box.
/// Points are in plot fractions too (0 = left/bottom, 1 = right/top); upper corners win ties.
pub(crate) fn best_corner(
    points: &[(f64, f64)],
    size: (f64, f64),
    margin: (f64, f64),
    reach: (f64, f64),
) -> LegendPos {
    let count = |left: bool, low: bool| {
        let (u0, u1) = if left {
            (margin.0, margin.0 + size.0)
        } else {
            (1.0 - margin.0 - size.0, 1.0 - margin.0)
        };
        let (v0, v1) = if low {
            (margin.1, margin.1 + size.1)
        } else {
            (1.0 - margin.1 - size.1, 1.0 - margin.1)
        };
        points
            .iter()
            .filter(|&&(u, v)| {
                u >= u0 - reach.0 && u <= u1 + reach.0 && v >= v0 - reach.1 && v <= v1 + reach.1
            })
            .count()
    };
    [
        (LegendPos::UpperRight, count(false, false)),
        (LegendPos::UpperLeft, count(true, false)),
        (LegendPos::LowerRight, count(false, true)),
        (LegendPos::LowerLeft, count(true, true)),
    ]
    .into_iter()
    .min_by_key(|&(_, c)| c)
    .map_or(LegendPos::UpperRight, |(p, _)| p)
}

/// Maps data points to plot fractions for [`best_corner`].
pub(crate) fn to_fractions<'a>(
    points: impl IntoIterator<Item = &'a (f64, f64)>,
    (x0, x1): (f64, f64),
    (y0, y1): (f64, f64),
) -> Vec<(f64, f64)> {
    points
        .into_iter()
        .filter(|(x, y)| x.is_finite() && y.is_finite())
        .map(|&(x, y)| ((x - x0) / (x1 - x0), (y - y0) / (y1 - y0)))
        .collect()
}

/// The palette colour of the `i`-th series, unless it has its own.
pub(crate) fn series_color(s: &Series, i: usize) -> RGBColor {
    s.color.unwrap_or(super::PALETTE[i % super::PALETTE.len()])
}

/// `c` mixed with white: `amount` 0 keeps it, 1 gives white.
pub(crate) fn lighten(c: RGBColor, amount: f64) -> RGBColor {
    let mix = |v: u8| (f64::from(v) + (255.0 - f64::from(v)) * amount).round() as u8;
    RGBColor(mix(c.0), mix(c.1), mix(c.2))
}

/// Checks a range given by the caller.
pub(crate) fn check_range(name: &str, r: Option<(f64, f64)>) -> anyhow::Result<()> {
    if let Some((lo, hi)) = r
        && !(lo.is_finite() && hi.is_finite() && lo < hi)
    {
        bail!("the {name} ({lo}, {hi}) must be finite with low < high");
    }
    Ok(())
}
