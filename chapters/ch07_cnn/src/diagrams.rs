//! The chapter's pictures of convolution and pooling, drawn as SVG by `--bin ch07_diagrams` into
//! `figures/`. Every number in them is computed by the library: the convolution by
//! `dlfs::layers::Convolution`, the pooling by `dlfs::layers::Pooling`, the unrolled windows by
//! `dlfs::im2col::im2col`.

use dlfs::layers::{Convolution, Pooling};
use dlfs::{Layer, Mode, Param};
use dlfs_diagram::{CELL, Diagram, FADED, HIGHLIGHTS, LINE, NODE, Tone, num};
use ndarray::{Array1, Array2, Array4, Ix4};

/// The book's 4×4 input of the convolution examples.
pub const CONV_INPUT: [[f64; 4]; 4] = [
    [1., 2., 3., 0.],
    [0., 1., 2., 3.],
    [3., 0., 1., 2.],
    [2., 3., 0., 1.],
];
/// The book's 3×3 filter.
pub const FILTER: [[f64; 3]; 3] = [[2., 0., 1.], [0., 1., 2.], [1., 0., 2.]];
/// The book's 4×4 input of the max-pooling example.
pub const POOL_INPUT: [[f64; 4]; 4] = [
    [1., 2., 1., 0.],
    [0., 1., 2., 3.],
    [3., 0., 1., 2.],
    [2., 4., 0., 1.],
];

/// Every diagram of the page with its file name.
pub fn all() -> Vec<(&'static str, Diagram)> {
    vec![
        ("conv_numbers.svg", conv_numbers()),
        ("conv_padding.svg", conv_padding()),
        ("conv_stride.svg", conv_stride()),
        ("conv_shapes.svg", conv_shapes()),
        ("pooling_numbers.svg", pooling_numbers()),
        ("im2col_rows.svg", im2col_rows()),
    ]
}

/// A matrix (H, W) from rows of numbers.
pub fn matrix<const H: usize, const W: usize>(rows: &[[f64; W]; H]) -> Array2<f64> {
    Array2::from_shape_fn((H, W), |(i, j)| rows[i][j])
}

/// One image with one channel, (1, 1, H, W), from rows of numbers.
fn image<const H: usize, const W: usize>(rows: &[[f64; W]; H]) -> Array4<f64> {
    Array4::from_shape_fn((1, 1, H, W), |(_, _, i, j)| rows[i][j])
}

/// The single-channel convolution of `x` (H, W) with `w` (FH, FW), no bias, by the library's
/// Convolution layer.
pub fn convolve(x: &Array2<f64>, w: &Array2<f64>, stride: usize, pad: usize) -> Array2<f64> {
    let (h, wd) = x.dim();
    let (fh, fw) = w.dim();
    let w = Param::new(
        "W",
        w.to_shape((1, 1, fh, fw)).unwrap().to_owned().into_dyn(),
        false,
    );
    let b = Param::new("b", Array1::zeros(1).into_dyn(), false);
    let mut conv = Convolution::new(w, b, stride, pad);
    let x = x.to_shape((1, 1, h, wd)).unwrap().to_owned().into_dyn();
    plane(conv.forward(x, Mode::Test))
}

/// 2×2 max pooling with stride 2 of `x` (H, W), by the library's Pooling layer.
pub fn max_pool(x: &Array2<f64>) -> Array2<f64> {
    let (h, w) = x.dim();
    let x = x.to_shape((1, 1, h, w)).unwrap().to_owned().into_dyn();
    plane(Layer::<f64>::forward(
        &mut Pooling::new(2, 2, 2, 0),
        x,
        Mode::Test,
    ))
}

/// The only plane of a (1, 1, H, W) tensor.
fn plane(y: dlfs::Tensor<f64>) -> Array2<f64> {
    let y = y.into_dimensionality::<Ix4>().expect("(1, 1, H, W)");
    y.index_axis_move(ndarray::Axis(0), 0)
        .index_axis_move(ndarray::Axis(0), 0)
}

fn texts(a: &Array2<f64>) -> Vec<Vec<String>> {
    a.rows()
        .into_iter()
        .map(|r| r.iter().map(|&v| num(v)).collect())
        .collect()
}

/// A pale cell tone for highlight `k`.
fn tint(k: usize) -> Tone {
    HIGHLIGHTS[k]
}

/// Whether (i, j) lies in the `size` × `size` window at `at`.
fn inside((i, j): (usize, usize), at: (usize, usize), size: usize) -> bool {
    i >= at.0 && i < at.0 + size && j >= at.1 && j < at.1 + size
}

/// A grey line with an arrowhead from `a` to `b`.
fn pointer(d: &mut Diagram, a: (f64, f64), b: (f64, f64)) {
    d.line(a, b, LINE, 1.8, true);
}

/// The book's 4×4 ⊛ 3×3 example: the first window, the filter, the output, and the sum that
/// gives the first output.
pub fn conv_numbers() -> Diagram {
    let (x, w) = (matrix(&CONV_INPUT), matrix(&FILTER));
    let out = convolve(&x, &w, 1, 0);
    let mut d = Diagram::new(
        720.0,
        330.0,
        "A 4×4 input convolved with a 3×3 filter gives a 2×2 output",
    );
    let c = 46.0;
    let (top, yl) = (55.0, 24.0);
    d.pill(112.0, yl, "input (4, 4)", NODE);
    let input = d.grid(20.0, top, c, &texts(&x), |i, j| {
        if inside((i, j), (0, 0), 3) {
            tint(0)
        } else {
            CELL
        }
    });
    d.window(&input, (0, 0), (3, 3), tint(0));
    d.window(&input, (0, 1), (3, 3), tint(1));
    d.node(252.0, top + 2.0 * c, "⊛");
    d.pill(358.0, yl, "filter (3, 3)", NODE);
    d.grid(289.0, top + c / 2.0, c, &texts(&w), |_, _| CELL);
    d.node(463.0, top + 2.0 * c, "=");
    d.pill(552.0, yl, "output (2, 2)", NODE);
    d.grid(506.0, top + c, c, &texts(&out), |i, j| match (i, j) {
        (0, 0) => tint(0),
        (0, 1) => tint(1),
        _ => CELL,
    });
    // the first output, spelled out: the window's numbers times the filter's, summed
    let products: Vec<String> = (0..9)
        .map(|k| format!("{}·{}", num(x[[k / 3, k % 3]]), num(w[[k / 3, k % 3]])))
        .collect();
    let sum = format!("{} = {}", products.join(" + "), num(out[[0, 0]]));
    d.pill(360.0, 270.0, &sum, tint(0));
    d.pill(
        360.0,
        306.0,
        "the blue window, one step right, gives the next output",
        NODE,
    );
    d
}

/// Padding: the 4×4 input with a border of zeros (6×6), the same filter, a 4×4 output.
pub fn conv_padding() -> Diagram {
    let (x, w) = (matrix(&CONV_INPUT), matrix(&FILTER));
    let out = convolve(&x, &w, 1, 1);
    let padded = Array2::from_shape_fn((6, 6), |(i, j)| {
        if (1..5).contains(&i) && (1..5).contains(&j) {
            x[[i - 1, j - 1]]
        } else {
            0.0
        }
    });
    let mut d = Diagram::new(
        720.0,
        290.0,
        "A 4×4 input padded with zeros to 6×6 gives a 4×4 output",
    );
    let c = 38.0;
    let top = 55.0;
    d.pill(134.0, 24.0, "input (4, 4), padding 1", NODE);
    let input = d.grid(20.0, top, c, &texts(&padded), |i, j| {
        let border = i == 0 || j == 0 || i == 5 || j == 5;
        match (border, inside((i, j), (0, 0), 3)) {
            (_, true) => tint(0),
            (true, false) => FADED,
            (false, false) => CELL,
        }
    });
    d.window(&input, (0, 0), (3, 3), tint(0));
    let mid = top + 3.0 * c;
    d.node(272.0, mid, "⊛");
    d.pill(357.0, 24.0, "filter (3, 3)", NODE);
    d.grid(300.0, mid - 1.5 * c, c, &texts(&w), |_, _| CELL);
    d.node(442.0, mid, "=");
    d.pill(546.0, 24.0, "output (4, 4)", NODE);
    d.grid(470.0, mid - 2.0 * c, c, &texts(&out), |i, j| {
        if (i, j) == (0, 0) { tint(0) } else { CELL }
    });
    d
}

/// Stride 2: a 3×3 filter over a 7×7 input moves two cells at a time and fits 3×3 times.
pub fn conv_stride() -> Diagram {
    let x = Array2::zeros((7, 7));
    let w = Array2::zeros((3, 3));
    let (oh, ow) = convolve(&x, &w, 2, 0).dim();
    let mut d = Diagram::new(
        720.0,
        290.0,
        "A 3×3 filter with stride 2 over a 7×7 input gives a 3×3 output",
    );
    let c = 30.0;
    let top = 50.0;
    let empty = |h: usize, w: usize| vec![vec![String::new(); w]; h];
    d.pill(125.0, 22.0, "input (7, 7)", NODE);
    let input = d.grid(20.0, top, c, &empty(7, 7), |i, j| {
        if inside((i, j), (0, 0), 3) {
            tint(0)
        } else if inside((i, j), (0, 2), 3) {
            tint(1)
        } else {
            CELL
        }
    });
    d.window(&input, (0, 0), (3, 3), tint(0));
    d.window(&input, (0, 2), (3, 3), tint(1));
    let out_left = 420.0;
    let mid = top + 3.5 * c;
    pointer(&mut d, (250.0, mid), (out_left - 14.0, mid));
    d.pill(333.0, mid - 22.0, "stride 2", NODE);
    d.pill(
        out_left + ow as f64 * c / 2.0 + 40.0,
        22.0,
        &format!("output ({oh}, {ow})"),
        NODE,
    );
    d.grid(
        out_left + 40.0,
        mid - oh as f64 * c / 2.0,
        c,
        &empty(oh, ow),
        |i, j| match (i, j) {
            (0, 0) => tint(0),
            (0, 1) => tint(1),
            _ => CELL,
        },
    );
    let size = format!("OH = (7 − 3) / 2 + 1 = {oh}");
    d.pill(out_left + 85.0, top + 7.0 * c - 10.0, &size, NODE);
    d
}

/// The shapes: one image (C, H, W) and FN filters (C, FH, FW) give FN feature maps, plus one
/// bias per filter; a batch of N images gives N such stacks.
pub fn conv_shapes() -> Diagram {
    let mut d = Diagram::new(
        740.0,
        400.0,
        "The shapes of a convolution: channels, filter bank, bias, batch",
    );
    let rows = [
        (95.0, 1usize, "one image"),
        (290.0, 3, "a batch of N images"),
    ];
    for (y, copies, title) in rows {
        d.pill(90.0, y - 75.0, title, NODE);
        let n = if copies == 1 { "" } else { "N, " };
        let stack = |d: &mut Diagram, x: f64, w: f64, depth: f64, tone: Tone| {
            for k in (0..copies).rev() {
                let shift = k as f64 * 7.0;
                d.block(x + shift, y - w / 2.0 + shift, w, w, depth, tone);
            }
        };
        stack(&mut d, 35.0, 64.0, 26.0, HIGHLIGHTS[1]);
        d.pill(80.0, y + 62.0, &format!("({n}C, H, W)"), NODE);
        d.node(162.0, y, "⊛");
        for k in 0..3 {
            let fy = y - 50.0 + k as f64 * 34.0;
            d.block(200.0 - k as f64 * 3.0, fy, 26.0, 26.0, 26.0, HIGHLIGHTS[0]);
        }
        d.pill(225.0, y + 62.0, "(FN, C, FH, FW)", NODE);
        pointer(&mut d, (262.0, y), (300.0, y));
        stack(&mut d, 315.0, 54.0, 40.0, HIGHLIGHTS[2]);
        d.pill(365.0, y + 62.0, &format!("({n}FN, OH, OW)"), NODE);
        d.node(440.0, y, "+");
        d.block(480.0, y - 6.0, 12.0, 12.0, 40.0, HIGHLIGHTS[3]);
        d.pill(500.0, y + 62.0, "(FN, 1, 1)", NODE);
        pointer(&mut d, (535.0, y), (580.0, y));
        stack(&mut d, 600.0, 54.0, 40.0, HIGHLIGHTS[2]);
        d.pill(650.0, y + 62.0, &format!("({n}FN, OH, OW)"), NODE);
    }
    d
}

/// The book's max-pooling example: each 2×2 window (stride 2) keeps its largest value.
pub fn pooling_numbers() -> Diagram {
    let x = matrix(&POOL_INPUT);
    let out = max_pool(&x);
    let mut d = Diagram::new(720.0, 270.0, "Max pooling 2×2 with stride 2 on a 4×4 input");
    let c = 46.0;
    let top = 50.0;
    let window = |i: usize, j: usize| (i / 2) * 2 + j / 2;
    d.pill(112.0, 22.0, "input (4, 4)", NODE);
    let input = d.grid(20.0, top, c, &texts(&x), |i, j| tint(window(i, j)));
    for k in 0..4 {
        let (wi, wj) = (k / 2 * 2, k % 2 * 2);
        d.window(&input, (wi, wj), (2, 2), tint(k));
        // the cell that wins
        let (mi, mj) = (0..4)
            .map(|m| (wi + m / 2, wj + m % 2))
            .find(|&(i, j)| x[[i, j]] == out[[k / 2, k % 2]])
            .expect("the maximum is in its window");
        d.circle(
            input.x + (mj as f64 + 0.5) * c,
            input.y + (mi as f64 + 0.5) * c,
            c * 0.38,
            Tone {
                fill: "none",
                ..tint(k)
            },
        );
    }
    let mid = top + 2.0 * c;
    pointer(&mut d, (240.0, mid), (390.0, mid));
    d.pill(315.0, mid - 24.0, "max of each 2×2", NODE);
    d.pill(315.0, mid + 24.0, "stride 2", NODE);
    d.pill(458.0, mid - c - 28.0, "output (2, 2)", NODE);
    d.grid(412.0, mid - c, c, &texts(&out), |i, j| tint(i * 2 + j));
    d
}

/// im2col on the 4×4 input and a 3×3 filter: each window becomes one row of col, and one
/// matrix product with the filter as a column gives the four outputs.
pub fn im2col_rows() -> Diagram {
    let x = image(&CONV_INPUT);
    let col = dlfs::im2col::im2col(x.view(), 3, 3, 1, 0); // (4, 9)
    let w = Array2::from_shape_fn((9, 1), |(k, _)| FILTER[k / 3][k % 3]); // W.reshape(FN, -1).T
    let y = col.dot(&w); // (4, 1)
    let x2 = matrix(&CONV_INPUT); // (4, 4)
    let mut d = Diagram::new(
        720.0,
        450.0,
        "im2col turns each window of the input into one row of a matrix",
    );
    let mini = 28.0;
    for k in 0..4 {
        let at = (k / 2, k % 2);
        let left = 20.0 + k as f64 * 135.0;
        d.pill(left + 56.0, 22.0, &format!("window {}", k + 1), NODE);
        d.grid(left, 42.0, mini, &texts(&x2), |i, j| {
            if inside((i, j), at, 3) { tint(k) } else { CELL }
        });
    }
    let c = 34.0;
    let top = 205.0;
    d.pill(200.0, top - 26.0, "col = im2col(x, 3, 3): (4, 9)", NODE);
    d.grid(45.0, top, c, &texts(&col), |i, _| tint(i));
    for k in 0..4 {
        d.pill(
            25.0,
            top + (k as f64 + 0.5) * c,
            &format!("{}", k + 1),
            NODE,
        );
    }
    let wx = 45.0 + 9.0 * c + 40.0;
    d.node(wx - 20.0, top + 2.0 * c, "dot");
    d.pill(wx + 20.0, top - 26.0, "W: (9, 1)", NODE);
    d.grid(wx + 4.0, top, 26.0, &texts(&w), |_, _| CELL);
    d.node(wx + 70.0, top + 2.0 * c, "=");
    d.pill(wx + 145.0, top - 26.0, "(4, 1) → (2, 2)", NODE);
    d.grid(wx + 100.0, top, c, &texts(&y), |i, _| tint(i));
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The diagram's texts include every number of `a`, row by row, in order.
    fn shows(d: &Diagram, a: &Array2<f64>) -> bool {
        let want: Vec<String> = a.iter().map(|&v| num(v)).collect();
        d.texts().windows(want.len()).any(|w| w == want.as_slice())
    }

    #[test]
    fn the_library_gives_the_books_convolutions() {
        let (x, w) = (matrix(&CONV_INPUT), matrix(&FILTER));
        let out = convolve(&x, &w, 1, 0);
        assert_eq!(out, matrix(&[[15., 16.], [6., 15.]]));
        assert!(shows(&conv_numbers(), &out));
        assert!(
            conv_numbers()
                .texts()
                .iter()
                .any(|t| t.ends_with("1·2 = 15"))
        );
        let padded = convolve(&x, &w, 1, 1);
        let book = [
            [7., 12., 10., 2.],
            [4., 15., 16., 10.],
            [10., 6., 15., 6.],
            [8., 10., 4., 3.],
        ];
        assert_eq!(padded, matrix(&book));
        assert!(shows(&conv_padding(), &padded));
        assert_eq!(convolve(&Array2::zeros((7, 7)), &w, 2, 0).dim(), (3, 3));
        assert!(conv_stride().texts().iter().any(|t| t == "output (3, 3)"));
    }

    #[test]
    fn the_library_gives_the_books_pooling() {
        let out = max_pool(&matrix(&POOL_INPUT));
        assert_eq!(out, matrix(&[[2., 3.], [4., 2.]]));
        assert!(shows(&pooling_numbers(), &out));
    }

    #[test]
    fn im2col_rows_are_the_windows_and_give_the_convolution() {
        let x = matrix(&CONV_INPUT);
        let col = dlfs::im2col::im2col(image(&CONV_INPUT).view(), 3, 3, 1, 0);
        for (k, row) in col.rows().into_iter().enumerate() {
            let (i, j) = (k / 2, k % 2);
            let window = x.slice(ndarray::s![i..i + 3, j..j + 3]);
            assert_eq!(row.to_vec(), window.iter().copied().collect::<Vec<_>>());
        }
        let d = im2col_rows();
        assert!(shows(&d, &col));
        assert!(shows(&d, &matrix(&[[15.], [16.], [6.], [15.]])));
    }
}
