//! Growth of stripping time with input size on adversarial inputs: each row
//! doubles the size; linear time keeps the per-MB column flat.
//!
//! `cargo run --release --example growth [max_mb]`

use std::time::Instant;

fn main() {
    let max_mb: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(16);
    let s = dechaff::Stripper::shared();
    type Make = fn(usize) -> Vec<u8>;
    let inputs: [(&str, bool, Make); 8] = [
        ("one long line", false, |n| {
            "word ".repeat(n / 5).into_bytes()
        }),
        ("one-word paragraphs", false, |n| {
            "w\n\n".repeat(n / 3).into_bytes()
        }),
        ("URL-like run", false, |n| {
            ("http://".to_string() + &"a.b/".repeat(n / 4)).into_bytes()
        }),
        ("e-mail-like run", false, |n| {
            "a@b.c".repeat(n / 5).into_bytes()
        }),
        ("phone-like run", false, |n| {
            "+1 555 123 ".repeat(n / 11).into_bytes()
        }),
        ("<br> run", true, |n| "<br>".repeat(n / 4).into_bytes()),
        ("deep nesting", true, |n| {
            let d = n / 10;
            ("<div>".repeat(d) + "text" + &"</div>".repeat(d)).into_bytes()
        }),
        ("unclosed tags", true, |n| {
            "<p><span><a>x".repeat(n / 13).into_bytes()
        }),
    ];
    println!(
        "{:<22} {:>6} {:>10} {:>10}",
        "input", "MB", "seconds", "s per MB"
    );
    for (name, html, make) in inputs {
        let mut mb = 1;
        while mb <= max_mb {
            let data = make(mb << 20);
            let start = Instant::now();
            let body_len = if html {
                let page = s.parse_html(&data);
                s.strip_page(&page).body().len()
            } else {
                s.strip(std::str::from_utf8(&data).unwrap()).body().len()
            };
            let secs = start.elapsed().as_secs_f64();
            println!(
                "{name:<22} {mb:>6} {secs:>10.3} {:>10.3}  (body {body_len} bytes)",
                secs / mb as f64
            );
            mb *= 4;
        }
    }
}
