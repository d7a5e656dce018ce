//! Helpers for the plot tests: decode the PNGs the charts write and look at their pixels.

#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};

/// A decoded picture, 3 bytes (RGB) a pixel.
pub struct Picture {
    pub width: usize,
    pub height: usize,
    pub rgb: Vec<u8>,
}

impl Picture {
    pub fn pixel(&self, x: usize, y: usize) -> (u8, u8, u8) {
        let i = (y * self.width + x) * 3;
        (self.rgb[i], self.rgb[i + 1], self.rgb[i + 2])
    }

    /// How many pixels of the box [x0, x1) x [y0, y1) satisfy `f`.
    pub fn count(
        &self,
        (x0, x1): (usize, usize),
        (y0, y1): (usize, usize),
        f: impl Fn((u8, u8, u8)) -> bool,
    ) -> usize {
        let mut n = 0;
        for y in y0..y1.min(self.height) {
            for x in x0..x1.min(self.width) {
                if f(self.pixel(x, y)) {
                    n += 1;
                }
            }
        }
        n
    }

    /// Pixels in the box that are text-dark (near black).
    pub fn dark(&self, xs: (usize, usize), ys: (usize, usize)) -> usize {
        self.count(xs, ys, |(r, g, b)| r < 90 && g < 90 && b < 90)
    }

    /// Pixels in the box close to `c` (each channel within 12).
    pub fn near(&self, xs: (usize, usize), ys: (usize, usize), c: (u8, u8, u8)) -> usize {
        let close = |a: u8, b: u8| (i32::from(a) - i32::from(b)).abs() <= 12;
        self.count(xs, ys, |p| {
            close(p.0, c.0) && close(p.1, c.1) && close(p.2, c.2)
        })
    }

    /// Pixels in the box that are clearly coloured (not white, grey or black).
    pub fn colourful(&self, xs: (usize, usize), ys: (usize, usize)) -> usize {
        self.count(xs, ys, |(r, g, b)| r.max(g).max(b) - r.min(g).min(b) > 60)
    }
}

/// Decodes an 8-bit RGB or RGBA PNG (what plotters writes): chunks, zlib, row filters.
pub fn read_png(path: &Path) -> Picture {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    assert_eq!(
        &bytes[..8],
        b"\x89PNG\r\n\x1a\n",
        "{} is not a PNG",
        path.display()
    );
    let (mut width, mut height, mut channels) = (0, 0, 0);
    let mut idat = vec![];
    let mut at = 8;
    while at + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        let kind = &bytes[at + 4..at + 8];
        let data = &bytes[at + 8..at + 8 + len];
        match kind {
            b"IHDR" => {
                width = u32::from_be_bytes(data[0..4].try_into().unwrap()) as usize;
                height = u32::from_be_bytes(data[4..8].try_into().unwrap()) as usize;
                assert_eq!(data[8], 8, "bit depth");
                channels = match data[9] {
                    2 => 3,
                    6 => 4,
                    t => panic!("colour type {t}"),
                };
            }
            b"IDAT" => idat.extend_from_slice(data),
            _ => {}
        }
        at += 12 + len;
    }
    let mut raw = vec![];
    flate2::read::ZlibDecoder::new(&idat[..])
        .read_to_end(&mut raw)
        .unwrap();
    let stride = width * channels;
    assert_eq!(raw.len(), height * (stride + 1), "decompressed size");
    let mut img = vec![0u8; height * stride];
    for y in 0..height {
        let filter = raw[y * (stride + 1)];
        for i in 0..stride {
            let x = raw[y * (stride + 1) + 1 + i];
            let a = if i >= channels {
                img[y * stride + i - channels]
            } else {
                0
            };
            let b = if y > 0 { img[(y - 1) * stride + i] } else { 0 };
            let c = if y > 0 && i >= channels {
                img[(y - 1) * stride + i - channels]
            } else {
                0
            };
            let pred = match filter {
                0 => 0,
                1 => a,
                2 => b,
                3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
                4 => {
                    let p = i16::from(a) + i16::from(b) - i16::from(c);
                    let (pa, pb, pc) = (
                        (p - i16::from(a)).abs(),
                        (p - i16::from(b)).abs(),
                        (p - i16::from(c)).abs(),
                    );
                    if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    }
                }
                f => panic!("filter {f}"),
            };
            img[y * stride + i] = x.wrapping_add(pred);
        }
    }
    let rgb = img
        .chunks(channels)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    Picture { width, height, rgb }
}

/// A fresh folder for one test's pictures under the target directory.
pub fn out_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("plot_tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The trimmed contents of the SVG's `<text>` elements.
pub fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let body = &t[t.find('>')? + 1..];
            Some(body[..body.find("</text>")?].trim().to_string())
        })
        .collect()
}
