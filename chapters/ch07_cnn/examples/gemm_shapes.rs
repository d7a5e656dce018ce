use dlfs::linalg::{Backend, matmul_with};
use ndarray::Array2;
use std::time::Instant;

fn cpu() -> f64 {
    ch07_cnn::speed::Clock::Cpu.now()
}

fn main() {
    let clock_cpu = std::env::var("CLOCK").map(|v| v == "cpu").unwrap_or(false);
    // (name, m, k, n, a transposed, b transposed, reps)
    let shapes = [
        (
            "conv fwd book (57600,25)x(25,30)",
            57600,
            25,
            30,
            false,
            false,
            20,
        ),
        (
            "conv fwd img W(30,25)x colT(25,576)",
            30,
            25,
            576,
            false,
            true,
            2000,
        ),
        (
            "conv fwd img col(576,25)xWT(25,30)",
            576,
            25,
            30,
            false,
            true,
            2000,
        ),
        (
            "conv dW img dout(30,576)x col(576,25)",
            30,
            576,
            25,
            false,
            false,
            2000,
        ),
        (
            "conv dW book colT(25,57600)x dout(57600,30)",
            25,
            57600,
            30,
            true,
            false,
            20,
        ),
        (
            "conv dx img doutT(576,30)x W(30,25)",
            576,
            30,
            25,
            true,
            false,
            2000,
        ),
        (
            "affine fwd (100,4320)x(4320,100)",
            100,
            4320,
            100,
            false,
            false,
            50,
        ),
        (
            "affine dW xT(4320,100)x(100,100)",
            4320,
            100,
            100,
            true,
            false,
            50,
        ),
        (
            "affine dx (100,100)x WT(100,4320)",
            100,
            100,
            4320,
            false,
            true,
            50,
        ),
        (
            "affine eval (1000,4320)x(4320,100)",
            1000,
            4320,
            100,
            false,
            false,
            10,
        ),
        ("square 1024", 1024, 1024, 1024, false, false, 3),
        ("square 2048", 2048, 2048, 2048, false, false, 2),
    ];
    for (name, m, k, n, ta, tb, reps) in shapes {
        let a = if ta {
            Array2::<f32>::from_shape_fn((k, m), |(i, j)| ((i * 7 + j) % 13) as f32 * 0.1)
        } else {
            Array2::<f32>::from_shape_fn((m, k), |(i, j)| ((i * 7 + j) % 13) as f32 * 0.1)
        };
        let b = if tb {
            Array2::<f32>::from_shape_fn((n, k), |(i, j)| ((i * 3 + j) % 11) as f32 * 0.1)
        } else {
            Array2::<f32>::from_shape_fn((k, n), |(i, j)| ((i * 3 + j) % 11) as f32 * 0.1)
        };
        let av = if ta { a.t() } else { a.view() };
        let bv = if tb { b.t() } else { b.view() };
        let mut c = Array2::<f32>::zeros((m, n));
        let mut line = format!("{name:<45}");
        for backend in [Backend::MatrixMultiply, Backend::Gemm] {
            let mut best = f64::INFINITY;
            for _ in 0..3 {
                let (t0, w0) = (cpu(), Instant::now());
                for _ in 0..reps {
                    matmul_with(backend, 1.0, &av, &bv, 0.0, &mut c.view_mut());
                }
                let t = if clock_cpu {
                    cpu() - t0
                } else {
                    w0.elapsed().as_secs_f64()
                };
                best = best.min(t / reps as f64);
            }
            let gf = 2.0 * (m * k * n) as f64 / best / 1e9;
            line += &format!("  {backend:?} {:8.3} ms {gf:5.1} GF/s", best * 1e3);
        }
        println!("{line}");
    }
}
