fn main() {
    println!("budgettui");
}
