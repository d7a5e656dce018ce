//! The apple-and-orange example: a sum node joins two products.
use clap::Parser;

/// Backpropagation by hand through multiplication and addition nodes (2 apples at 100,
/// 3 oranges at 150, 10% tax).
#[derive(Parser)]
#[command(version)]
struct Args {}

fn main() {
    Args::parse();
    let b = ch05_backprop::buy_apple_orange();
    println!("price: {}", b.price.round());
    println!("dApple_num: {}", b.dapple_num.round());
    println!("dApple: {:.1}", b.dapple);
    println!("dOrange: {:.1}", b.dorange);
    println!("dOrange_num: {}", b.dorange_num.round());
    println!("dTax: {}", b.dtax);
}
