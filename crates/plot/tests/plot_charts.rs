//! Scatter/regions, histograms, image grids, contours, quivers and multi-panel figures,
//! checked by the pixels they draw.

mod plot_support;

use dlfs_plot::{
    Cmap, Contour, Figure, Histogram, Image, ImageGrid, ImageScale, LineChart, PALETTE, Quiver,
    ScatterChart, Series, linspace,
};
use plot_support::{out_dir, read_png};

fn rgb(c: dlfs_plot::RGBColor) -> (u8, u8, u8) {
    (c.0, c.1, c.2)
}

fn and_chart() -> ScatterChart {
    ScatterChart::new("AND", "x1", "x2")
        .x_range(-0.5, 1.5)
        .y_range(-0.5, 1.5)
        .class("0", [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0)])
        .class("1", [(1.0, 1.0)])
        .line(Series::from_points("boundary", [(-0.5, 1.9), (1.5, -0.1)]))
        .regions(|x1, x2| usize::from(0.5 * x1 + 0.5 * x2 - 0.7 > 0.0))
}

#[test]
fn scatter_shades_both_regions_and_marks_points() {
    let dir = out_dir("scatter");
    and_chart().save(dir.join("and.png")).unwrap();
    let p = read_png(&dir.join("and.png"));
    let tint = |c: dlfs_plot::RGBColor| {
        let m = |v: u8| (f64::from(v) + (255.0 - f64::from(v)) * 0.72).round() as u8;
        (m(c.0), m(c.1), m(c.2))
    };
    let all = (0, p.width);
    // class 0 covers most of the square, class 1 the upper-right corner
    let zero = p.near(all, (0, p.height), tint(PALETTE[0]));
    let one = p.near(all, (0, p.height), tint(PALETTE[1]));
    assert!(
        zero > 50_000 && one > 10_000 && zero > one,
        "regions {zero} {one}"
    );
    // markers in full colour, the boundary in black
    assert!(p.near(all, (0, p.height), rgb(PALETTE[0])) > 100);
    assert!(p.near(all, (0, p.height), rgb(PALETTE[1])) > 30);
    assert!(p.dark((80, 540), (40, 460)) > 300);
    assert!(p.dark((100, 460), (0, 30)) > 20, "no title");
}

#[test]
fn histogram_bars_follow_the_data() {
    let dir = out_dir("hist");
    // values piled at the low end: the left half gets far more bar pixels
    let v: Vec<f32> = (0..1000).map(|i| ((i as f32) / 1000.0).powi(4)).collect();
    Histogram::new("Skewed", "value", "count")
        .values("", &v)
        .range(0.0, 1.0)
        .save(dir.join("h.png"))
        .unwrap();
    let p = read_png(&dir.join("h.png"));
    let bar = rgb(PALETTE[0]);
    let left = p.near((60, 330), (40, 430), bar);
    let right = p.near((330, 630), (40, 430), bar);
    assert!(
        left > 5 * right.max(1) && left > 5000,
        "left {left} right {right}"
    );
}

#[test]
fn overlaid_histograms_get_a_legend() {
    let dir = out_dir("hist2");
    let a: Vec<f64> = (0..500).map(|i| i as f64 / 500.0).collect();
    let b: Vec<f64> = a.iter().map(|v| v * 0.5).collect();
    let path = dir.join("h2.svg");
    Histogram::new("Two", "value", "count")
        .values("a", &a)
        .values("b", &b)
        .save(&path)
        .unwrap();
    let svg = std::fs::read_to_string(path).unwrap();
    let texts = plot_support::svg_texts(&svg);
    assert!(
        texts.iter().any(|t| t == "a") && texts.iter().any(|t| t == "b"),
        "no legend entries in {texts:?}"
    );
}

#[test]
fn image_grid_draws_pixels_and_captions() {
    let dir = out_dir("images");
    // a bright square on a dark background, and its negative
    let square: Vec<f64> = (0..64)
        .map(|i| {
            if (2..6).contains(&(i % 8)) && (2..6).contains(&(i / 8)) {
                1.0
            } else {
                0.0
            }
        })
        .collect();
    let negative: Vec<f64> = square.iter().map(|v| 1.0 - v).collect();
    let grid = ImageGrid::new("Squares")
        .image(Image::new(8, 8, &square).caption("square"))
        .image(Image::new(8, 8, &negative).caption("negative"))
        .cols(2)
        .cell(120)
        .scale(ImageScale::Fixed(0.0, 1.0));
    grid.save(dir.join("g.png")).unwrap();
    let p = read_png(&dir.join("g.png"));
    let (w, h) = (p.width, p.height);
    let black = p.count((0, w / 2), (40, h - 30), |c| c == (0, 0, 0));
    let white_inside = p.count((30, w / 2 - 30), (70, h - 60), |c| c == (255, 255, 255));
    assert!(
        black > 3000 && white_inside > 1500,
        "black {black} white {white_inside}"
    );
    // captions: dark pixels in the strip under the images
    assert!(p.dark((w / 2, w), (h - 45, h)) > 30, "no caption");
    // reversed map: the first image's background turns white
    grid.clone()
        .cmap(Cmap::GreyReversed)
        .save(dir.join("r.png"))
        .unwrap();
    let r = read_png(&dir.join("r.png"));
    assert!(r.count((0, w / 2), (40, h - 30), |c| c == (0, 0, 0)) < black / 2);
    // a wrong pixel count is an error naming the file, and writes nothing
    let e = ImageGrid::new("bad")
        .image(Image::new(3, 3, [1.0f32; 8]))
        .save(dir.join("bad.png"))
        .unwrap_err();
    assert!(
        format!("{e:#}").contains("bad.png") && format!("{e:#}").contains("8 values"),
        "{e:#}"
    );
    assert!(!dir.join("bad.png").exists());
}

#[test]
fn contour_lines_and_path() {
    let dir = out_dir("contour");
    let path: Vec<(f64, f64)> = (0..30)
        .map(|i| (-7.0 * 0.9f64.powi(i), 2.0 * (-0.7f64).powi(i)))
        .collect();
    Contour::new("f(x, y) = x^2/20 + y^2", "x", "y")
        .function((-10.0, 10.0), (-10.0, 10.0), |x, y| x * x / 20.0 + y * y)
        .levels(linspace(1.0, 7.0, 7))
        .path(Series::from_points("SGD", path).markers())
        .save(dir.join("c.png"))
        .unwrap();
    let p = read_png(&dir.join("c.png"));
    let inside = ((80, 580), (40, 450));
    assert!(p.colourful(inside.0, inside.1) > 2000, "no contour lines");
    assert!(
        p.near(inside.0, inside.1, rgb(PALETTE[3])) > 300,
        "no red path"
    );
    let e = Contour::new("empty", "x", "y")
        .save(dir.join("e.png"))
        .unwrap_err();
    assert!(format!("{e:#}").contains(".function"), "{e:#}");
}

#[test]
fn fixed_ranges_zoom_a_contour() {
    let dir = out_dir("contour_zoom");
    Contour::new("zoom", "x", "y")
        .function((-10.0, 10.0), (-10.0, 10.0), |x, y| x * x / 20.0 + y * y)
        .levels([1.0, 2.0, 4.0, 8.0])
        .x_range(0.0, 10.0)
        .y_range(0.0, 5.0)
        .save(dir.join("z.png"))
        .unwrap();
    let p = read_png(&dir.join("z.png"));
    assert!(p.colourful((80, 580), (40, 450)) > 300, "no contour lines");
    // the lines outside the box are cut, not drawn over the labels
    assert_eq!(p.colourful((0, 60), (0, p.height)), 0);
    assert_eq!(p.colourful((0, p.width), (p.height - 40, p.height)), 0);
}

#[test]
fn quiver_draws_arrows() {
    let dir = out_dir("quiver");
    let g = linspace(-2.0, 2.0, 9);
    Quiver::new("-grad f", "x0", "x1")
        .field(&g, &g, |x0, x1| (-2.0 * x0, -2.0 * x1))
        .save(dir.join("q.png"))
        .unwrap();
    let p = read_png(&dir.join("q.png"));
    let grey = p.near((80, 580), (40, 500), (0x66, 0x66, 0x66));
    assert!(grey > 1500, "arrows: {grey} pixels");
}

#[test]
fn figure_grid_puts_each_panel_in_its_cell() {
    let dir = out_dir("figure");
    let x = linspace(0.0, 1.0, 50);
    let mut fig = Figure::new("Four panels").cols(2).panel_size(400, 300);
    for (k, c) in PALETTE.iter().take(4).enumerate() {
        let line = LineChart::new(format!("panel {k}"), "x", "y")
            .series(Series::from_fn("", &x, |v| v * v).color(*c).width(3));
        fig = fig.panel(line);
    }
    fig.save(dir.join("f.png")).unwrap();
    let p = read_png(&dir.join("f.png"));
    let top = p.height - 600;
    assert_eq!((p.width, p.height), (800, 600 + top));
    assert!(p.dark((250, 550), (0, top)) > 100, "no figure title");
    for (k, c) in PALETTE.iter().take(4).enumerate() {
        let (x0, y0) = ((k % 2) * 400, top + (k / 2) * 300);
        let mine = p.near((x0, x0 + 400), (y0, y0 + 300), rgb(*c));
        assert!(mine > 200, "panel {k} has {mine} pixels of its colour");
        let (ox, oy) = (((k + 1) % 2) * 400, top + (((k + 2) % 4) / 2) * 300);
        assert_eq!(
            p.near((ox, ox + 400), (oy, oy + 300), rgb(*c)),
            0,
            "panel {k} leaks"
        );
    }
    // mixed panels, 5 in a row
    let v: Vec<f64> = (0..200).map(|i| (i as f64 / 200.0).sqrt()).collect();
    let mut row = Figure::new("Histograms in a row")
        .cols(5)
        .panel_size(260, 260);
    for k in 0..5 {
        row = row.panel(
            Histogram::new(format!("layer {}", k + 1), "activation", "count")
                .values("", &v)
                .range(0.0, 1.0),
        );
    }
    row.save(dir.join("row.png")).unwrap();
    let r = read_png(&dir.join("row.png"));
    assert_eq!(r.width, 1300);
    for k in 0..5 {
        assert!(
            r.near((k * 260, k * 260 + 260), (0, r.height), rgb(PALETTE[0])) > 1000,
            "histogram {k}"
        );
    }
    let e = Figure::new("none").save(dir.join("n.png")).unwrap_err();
    assert!(format!("{e:#}").contains("no panels"));
}
