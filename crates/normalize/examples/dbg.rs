fn main() {
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    for (l, _) in remit_normalize::unwrap_lines(&text) {
        println!("{l}");
    }
}
