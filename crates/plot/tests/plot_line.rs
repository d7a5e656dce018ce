//! Line charts, PNG/SVG output and errors, checked by what the files contain.

mod plot_support;

use dlfs_plot::{LineChart, PALETTE, Series, linspace};
use plot_support::{out_dir, read_png};

fn rgb(c: dlfs_plot::RGBColor) -> (u8, u8, u8) {
    (c.0, c.1, c.2)
}

fn sigmoid_chart() -> LineChart {
    let x = linspace(-5.0, 5.0, 201);
    LineChart::new("Sigmoid and step", "x", "h(x)")
        .series(Series::from_fn("sigmoid", &x, |x: f64| {
            1.0 / (1.0 + (-x).exp())
        }))
        .series(Series::from_fn("step", &x, |x: f64| if x > 0.0 { 1.0 } else { 0.0 }).dashed())
        .y_range(-0.1, 1.1)
}

#[test]
fn png_has_title_text_and_both_curves() {
    let dir = out_dir("line_png");
    let path = dir.join("sigmoid.png");
    sigmoid_chart().save(&path).unwrap();
    let p = read_png(&path);
    assert_eq!((p.width, p.height), (640, 480));
    // the title is dark text centred in the top band
    assert!(p.dark((200, 440), (0, 30)) > 150, "no title text");
    assert_eq!(p.dark((0, 150), (0, 30)), 0, "title not centred");
    // both series' colours appear inside the plot area
    let (xs, ys) = ((80, 620), (40, 420));
    assert!(p.near(xs, ys, rgb(PALETTE[0])) > 500, "no sigmoid curve");
    assert!(p.near(xs, ys, rgb(PALETTE[1])) > 300, "no step curve");
    // axis labels and tick labels: dark pixels left of and below the plot
    assert!(p.dark((0, 70), (40, 420)) > 100, "no y axis text");
    assert!(p.dark((60, 640), (420, 480)) > 100, "no x axis text");
}

#[test]
fn dashed_line_has_gaps() {
    let dir = out_dir("line_dash");
    let flat = |name: &str, y: f64| Series::from_points(name, [(0.0, y), (1.0, y)]);
    LineChart::new("Solid and dashed", "x", "y")
        .series(flat("solid", 0.25).color(PALETTE[0]))
        .series(flat("dashed", 0.75).color(PALETTE[3]).dashed())
        .y_range(0.0, 1.0)
        .save(dir.join("d.png"))
        .unwrap();
    let p = read_png(&dir.join("d.png"));
    // scan each line's row band: the dashed one is broken into pieces, the solid one is not
    let runs = |c| {
        let mut runs = 0;
        let mut inside = false;
        for x in 100..600 {
            let on =
                (0..p.height).any(|y| p.near((x, x + 1), (y, y + 1), c) > 0 && y > 40 && y < 420);
            if on && !inside {
                runs += 1;
            }
            inside = on;
        }
        runs
    };
    assert!(runs(rgb(PALETTE[0])) <= 2, "solid line broken");
    assert!(runs(rgb(PALETTE[3])) > 10, "dashed line not dashed");
}

#[test]
fn log_scale_and_nan_do_not_break_the_chart() {
    let dir = out_dir("line_log");
    let loss: Vec<f64> = (0..100).map(|i| 2.3 * (-(i as f64) / 20.0).exp()).collect();
    let mut noisy: Vec<f64> = loss.iter().map(|v| v * 4.0).collect();
    noisy[50] = f64::NAN;
    noisy[60] = 0.0; // not drawable on a log axis: left out
    LineChart::new("Loss", "iteration", "loss")
        .series(Series::from_values("train", &loss))
        .series(Series::from_values("noisy", &noisy).markers())
        .log_y()
        .save(dir.join("log.png"))
        .unwrap();
    let p = read_png(&dir.join("log.png"));
    assert!(p.near((80, 620), (40, 420), rgb(PALETTE[0])) > 300);
    assert!(p.near((80, 620), (40, 420), rgb(PALETTE[1])) > 300);
}

#[test]
fn svg_contains_the_texts() {
    let dir = out_dir("line_svg");
    let path = dir.join("sigmoid.svg");
    sigmoid_chart().save(&path).unwrap();
    let svg = std::fs::read_to_string(&path).unwrap();
    assert!(svg.starts_with("<svg"));
    let texts = plot_support::svg_texts(&svg);
    for text in ["Sigmoid and step", "x", "h(x)", "sigmoid", "step", "0.4"] {
        assert!(
            texts.iter().any(|t| t == text),
            "the SVG lacks {text:?}: {texts:?}"
        );
    }
    assert!(
        svg.contains("<polyline") || svg.contains("<path"),
        "no lines in the SVG"
    );
}

#[test]
fn errors_are_one_line_and_name_the_path() {
    let dir = out_dir("line_err");
    let e = sigmoid_chart().save(dir.join("fig.jpg")).unwrap_err();
    let msg = format!("{e:#}");
    assert!(
        msg.contains("fig.jpg") && msg.contains(".png or .svg"),
        "{msg}"
    );
    assert!(!msg.contains('\n'));

    let bad = sigmoid_chart().y_range(1.0, 0.0);
    let e = bad.save(dir.join("bad.png")).unwrap_err();
    let msg = format!("{e:#}");
    assert!(msg.contains("bad.png") && msg.contains("y range"), "{msg}");
    assert!(
        !dir.join("bad.png").exists(),
        "a failed draw left a file behind"
    );

    let e = sigmoid_chart().save("/dev/null/sub/fig.png").unwrap_err();
    assert!(format!("{e:#}").contains("/dev/null/sub"), "{e:#}");
}

#[test]
fn empty_chart_still_draws_axes_and_title() {
    let dir = out_dir("line_empty");
    LineChart::new("Nothing yet", "x", "y")
        .save(dir.join("e.png"))
        .unwrap();
    let p = read_png(&dir.join("e.png"));
    assert!(p.dark((150, 490), (0, 30)) > 100);
}

#[test]
fn a_figure_replaces_the_old_file_whole_or_not_at_all() {
    let dir = out_dir("line_atomic");
    let names = |dir: &std::path::Path| {
        let mut n: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    };
    for name in ["fig.png", "fig.svg"] {
        sigmoid_chart().save(dir.join(name)).unwrap();
        sigmoid_chart().save(dir.join(name)).unwrap(); // replaced, not appended to
    }
    assert_eq!(read_png(&dir.join("fig.png")).width, 640);
    assert_eq!(
        names(&dir),
        ["fig.png", "fig.svg"],
        "no temporary file left"
    );
    // A write that cannot finish (the target is a folder) fails in one line naming the path,
    // and leaves no temporary file behind.
    std::fs::create_dir_all(dir.join("taken.png")).unwrap();
    let e = sigmoid_chart().save(dir.join("taken.png")).unwrap_err();
    let msg = format!("{e:#}");
    assert!(msg.contains("taken.png") && !msg.contains('\n'), "{msg}");
    assert_eq!(names(&dir), ["fig.png", "fig.svg", "taken.png"]);
}
