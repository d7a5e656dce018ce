//! MNIST and Fashion-MNIST (filled in by the data work).
