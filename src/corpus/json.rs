//! Writing records: byte for byte as serde_json writes them, with strings
//! escaped 8 bytes at a time.

use serde_json::Value;

use crate::swar::{ONES, load8, zero_bytes};

/// `value` as compact JSON, byte for byte as `Value::to_string` writes it,
/// with strings escaped eight bytes at a time: serde_json looks up every
/// byte, and the bodies make up most of the output.
/// `capacity`: what the caller expects it to take (the input line's length).
pub(super) fn to_json(value: &Value, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    write_json(value, &mut out);
    out
}

fn write_json(value: &Value, out: &mut String) {
    match value {
        Value::String(s) => write_json_str(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json_str(key, out);
                out.push(':');
                write_json(item, out);
            }
            out.push('}');
        }
        // Null, booleans and numbers: serde_json's own formatting.
        other => out.push_str(&other.to_string()),
    }
}

/// A JSON string literal, escaped as serde_json escapes: `"`, `\\`, and
/// control chars (`\n` and the like where JSON has a short form).
fn write_json_str(s: &str, out: &mut String) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push('"');
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(x) = load8(bytes, i) {
            // Bytes below 0x20 (bits 5-7 clear), `"` and `\`.
            let special = zero_bytes(x & 0xE0E0_E0E0_E0E0_E0E0)
                | zero_bytes(x ^ (ONES * b'"' as u64))
                | zero_bytes(x ^ (ONES * b'\\' as u64));
            if special == 0 {
                i += 8;
                continue;
            }
            i += special.trailing_zeros() as usize / 8;
        } else if !needs_escape(bytes[i]) {
            i += 1;
            continue;
        }
        let b = bytes[i];
        // `i` is at an ASCII byte: a char boundary.
        out.push_str(s.get(start..i).unwrap_or_default());
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0C => out.push_str("\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 0xF) as usize] as char);
            }
        }
        i += 1;
        start = i;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}
