//! Parameters as NumPy .npz.
