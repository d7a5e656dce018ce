//! The apple example: forward gives the price, backward its derivatives.
use clap::Parser;

/// Backpropagation by hand through two multiplication nodes (2 apples at 100, 10% tax).
#[derive(Parser)]
#[command(version)]
struct Args {}

fn main() {
    Args::parse();
    let b = ch05_backprop::buy_apple();
    println!("price: {}", b.price.round());
    println!("dApple: {:.1}", b.dapple);
    println!("dApple_num: {}", b.dapple_num.round());
    println!("dTax: {}", b.dtax);
}
