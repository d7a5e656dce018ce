//! Data augmentation: more training images made from the ones there are.
//!
//! A digit moved two pixels to the left, or turned by a few degrees, is still the same digit.
//! Adding such moved copies to the training set teaches the network that position and slant do
//! not matter, without a single new label. [`Augment::add_copies`] appends one randomly moved
//! copy of every image; [`shift`] and [`rotate`] are its two moves.

use ndarray::{Array1, Array2, ArrayD, ArrayView1, ArrayView2, ArrayViewD, Axis, Zip, concatenate};
use rand::Rng;

use crate::Float;

/// How far the copies move: a shift of up to `max_shift` pixels in each direction and a rotation
/// of up to `max_degrees` either way, each drawn uniformly.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Augment {
    pub max_shift: usize,
    pub max_degrees: f64,
}

impl Default for Augment {
    /// ±2 pixels, ±10°: small enough that every copy stays the digit it was.
    fn default() -> Self {
        Augment {
            max_shift: 2,
            max_degrees: 10.0,
        }
    }
}

// ANCHOR: add_copies
impl Augment {
    /// The images `x` and their labels `t`, followed by one moved copy of each image with the
    /// same label: rotated by a random angle, then shifted by a random number of pixels (the
    /// same move for every channel of an image).
    ///
    /// # Shapes
    /// `x`: (N, C, H, W), `t`: (N,) → (2N, C, H, W), (2N,)
    pub fn add_copies<F: Float>(
        &self,
        x: ArrayViewD<F>,
        t: ArrayView1<usize>,
        rng: &mut impl Rng,
    ) -> (ArrayD<F>, Array1<usize>) {
        let mut copies = x.to_owned(); // (N, C, H, W)
        for mut image in copies.outer_iter_mut() {
            let (degrees, dy, dx) = self.draw(rng);
            for mut plane in image.outer_iter_mut() {
                let moved = move_image(
                    plane.view().into_dimensionality().expect("(H, W)"),
                    degrees,
                    dy,
                    dx,
                );
                plane.assign(&moved); // (H, W)
            }
        }
        let x = concatenate(Axis(0), &[x, copies.view()]).expect("same image shape");
        let t = concatenate(Axis(0), &[t, t]).expect("1-d labels");
        (x, t)
    }
}
// ANCHOR_END: add_copies

impl Augment {
    /// One random move: (degrees, dy, dx), each uniform in its range.
    pub fn draw(&self, rng: &mut impl Rng) -> (f64, isize, isize) {
        let (s, a) = (self.max_shift as i32, self.max_degrees);
        let degrees = rng.random_range(-a..=a);
        let (dy, dx) = (rng.random_range(-s..=s), rng.random_range(-s..=s));
        (degrees, dy as isize, dx as isize)
    }
}

/// The image `x` moved `dy` pixels down and `dx` pixels right: `out[i][j] = x[i - dy][j - dx]`,
/// 0 where that falls outside.
///
/// # Shapes
/// `x`: (H, W) → (H, W)
pub fn shift<F: Float>(x: ArrayView2<F>, dy: isize, dx: isize) -> Array2<F> {
    move_image(x, 0.0, dy, dx)
}

/// The image `x` turned by `degrees` counter-clockwise (as it looks on the screen) about its
/// centre, by bilinear interpolation; 0 where the turned image does not reach.
///
/// # Shapes
/// `x`: (H, W) → (H, W)
pub fn rotate<F: Float>(x: ArrayView2<F>, degrees: f64) -> Array2<F> {
    move_image(x, degrees, 0, 0)
}

// ANCHOR: move_image
/// Rotation by θ = `degrees` about the centre $(c_y, c_x) = ((H-1)/2, (W-1)/2)$, then a shift
/// by (`dy`, `dx`). Each output pixel $(i, j)$ looks up where it came from: with
/// $u = j - d_x - c_x$ and $v = i - d_y - c_y$ its distance from the centre before the shift,
///
/// $$ i_s = c_y + u \sin θ + v \cos θ, \qquad j_s = c_x + u \cos θ - v \sin θ, $$
///
/// and it takes the value there, interpolated between the four pixels around $(i_s, j_s)$.
///
/// # Shapes
/// `x`: (H, W) → (H, W)
pub fn move_image<F: Float>(x: ArrayView2<F>, degrees: f64, dy: isize, dx: isize) -> Array2<F> {
    let (h, w) = x.dim();
    let (cy, cx) = ((h as f64 - 1.0) / 2.0, (w as f64 - 1.0) / 2.0);
    let (sin, cos) = degrees.to_radians().sin_cos();
    let mut out = Array2::zeros((h, w)); // (H, W)
    Zip::indexed(&mut out).for_each(|(i, j), out| {
        let u = j as f64 - dx as f64 - cx;
        let v = i as f64 - dy as f64 - cy;
        *out = bilinear(x, cy + u * sin + v * cos, cx + u * cos - v * sin);
    });
    out
}
// ANCHOR_END: move_image

/// The value of `x` at the point (`i`, `j`) between pixels: with $a$ and $b$ the fractional
/// parts of `i` and `j`, $(1-a)(1-b)\,x_{00} + (1-a)\,b\,x_{01} + a(1-b)\,x_{10} + a\,b\,x_{11}$
/// over the four pixels around it, 0 for those outside the image.
fn bilinear<F: Float>(x: ArrayView2<F>, i: f64, j: f64) -> F {
    let (i0, j0) = (i.floor(), j.floor());
    let (a, b) = (i - i0, j - j0);
    let pixel = |di: f64, dj: f64| {
        let (r, c) = (i0 + di, j0 + dj);
        let inside = r >= 0.0 && c >= 0.0 && (r as usize) < x.nrows() && (c as usize) < x.ncols();
        let value = if inside {
            x[[r as usize, c as usize]]
        } else {
            F::zero()
        };
        value.to_f64().unwrap_or(0.0)
    };
    let v = (1.0 - a) * (1.0 - b) * pixel(0.0, 0.0)
        + (1.0 - a) * b * pixel(0.0, 1.0)
        + a * (1.0 - b) * pixel(1.0, 0.0)
        + a * b * pixel(1.0, 1.0);
    F::lit(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use ndarray::Array;
    use rand::SeedableRng;

    /// A 5 × 4 test pattern with every value different: 0, 1, 2, ... row by row.
    fn pattern() -> Array2<f64> {
        Array::from_shape_fn((5, 4), |(i, j)| (4 * i + j) as f64)
    }

    #[test]
    fn moving_by_nothing_changes_nothing() {
        let x = pattern();
        assert_eq!(shift(x.view(), 0, 0), x);
        assert_eq!(rotate(x.view(), 0.0), x);
    }

    #[test]
    fn a_shift_moves_a_pixel_down_and_right() {
        let mut x = Array2::<f32>::zeros((6, 6));
        x[[1, 2]] = 1.0;
        let y = shift(x.view(), 2, -1); // 2 down, 1 left
        assert_eq!(y[[3, 1]], 1.0);
        assert_eq!(y.sum(), 1.0, "nothing else lights up");
        // what moves out of the image is lost, and zeros come in
        let y = shift(pattern().view(), 0, 3);
        assert_eq!(y.row(1).to_vec(), [0.0, 0.0, 0.0, 4.0]);
    }

    #[test]
    fn a_quarter_turn_is_numpys_rot90() {
        // rot90 (counter-clockwise) of a square: out[i][j] = x[j][n - 1 - i]
        let x = Array::from_shape_fn((4, 4), |(i, j)| (4 * i + j) as f64);
        let expected = Array::from_shape_fn((4, 4), |(i, j)| x[[j, 3 - i]]);
        assert_abs_diff_eq!(rotate(x.view(), 90.0), expected, epsilon = 1e-9);
        // and on the screen: the top-right corner goes to the top-left
        assert_abs_diff_eq!(rotate(x.view(), 90.0)[[0, 0]], x[[0, 3]], epsilon = 1e-9);
    }

    #[test]
    fn a_small_turn_interpolates() {
        // half-way between pixels the value is the mean of the two neighbours
        let x = Array::from_shape_fn((3, 3), |(_, j)| j as f64); // 0 1 2 in each row
        let y = rotate(x.view(), 10.0);
        assert_abs_diff_eq!(y[[1, 1]], 1.0, epsilon = 1e-12); // the centre stays
        assert!(y[[0, 1]] > 1.0 && y[[2, 1]] < 1.0, "{y}"); // the top row now shows values from the right
    }

    #[test]
    fn copies_double_the_set_and_keep_the_labels() {
        let x = Array::from_shape_fn((3, 1, 8, 8), |(n, _, i, j)| (n + i * j) as f32).into_dyn();
        let t = ndarray::arr1(&[7, 1, 4]);
        let mut rng = rand::rngs::StdRng::seed_from_u64(5);
        let (x2, t2) = Augment::default().add_copies(x.view(), t.view(), &mut rng);
        assert_eq!(x2.shape(), [6, 1, 8, 8]);
        assert_eq!(t2.to_vec(), [7, 1, 4, 7, 1, 4]);
        assert_eq!(x2.slice_axis(Axis(0), (0..3).into()), x.view());
        assert_ne!(x2.slice_axis(Axis(0), (3..6).into()), x.view());
        // a move by nothing copies exactly
        let still = Augment {
            max_shift: 0,
            max_degrees: 0.0,
        };
        let (x3, _) = still.add_copies(x.view(), t.view(), &mut rng);
        assert_eq!(x3.slice_axis(Axis(0), (3..6).into()), x.view());
    }
}
