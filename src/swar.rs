//! Eight bytes at a time: a `u64` loaded from text (byte `i` at bit `8 * i`)
//! and byte-wise tests on it without branches. The char scan, the
//! stoplists, the phrase index and the JSON writer share these.

/// `0x01` in every byte.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of every byte: set in the bytes of non-ASCII chars.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// The 8 bytes of `bytes` from `at`, if there are 8.
#[inline(always)]
pub(crate) fn load8(bytes: &[u8], at: usize) -> Option<u64> {
    let eight = bytes.get(at..at.checked_add(8)?)?;
    Some(u64::from_le_bytes(eight.try_into().unwrap_or_default()))
}

/// Up to 8 bytes, zero-padded (the words packed this way hold no NUL).
#[inline]
pub(crate) fn pack(bytes: &[u8]) -> u64 {
    let mut buf = [0u8; 8];
    let n = bytes.len().min(8);
    buf[..n].copy_from_slice(&bytes[..n]);
    u64::from_le_bytes(buf)
}

/// The 8 bytes from `at`, zero-padded past the end.
#[inline]
pub(crate) fn load8_padded(bytes: &[u8], at: usize) -> u64 {
    load8(bytes, at).unwrap_or_else(|| pack(bytes.get(at..).unwrap_or_default()))
}

/// The 8 bytes that end at `end`, zero-padded before the start.
#[inline]
pub(crate) fn load8_before(bytes: &[u8], end: usize) -> u64 {
    match end.checked_sub(8).and_then(|start| load8(bytes, start)) {
        Some(eight) => eight,
        None => {
            let before = &bytes[..end.min(bytes.len())];
            let before = &before[before.len().saturating_sub(8)..];
            let mut buf = [0u8; 8];
            buf[8 - before.len()..].copy_from_slice(before);
            u64::from_le_bytes(buf)
        }
    }
}

/// The high bit of each byte of `x` that is zero. Bytes above the first
/// zero byte may be flagged too, never bytes below it: the lowest flag is
/// exact.
// The JSON writer of corpus mode is its only user.
#[cfg_attr(not(feature = "corpus"), allow(dead_code))]
#[inline(always)]
pub(crate) fn zero_bytes(x: u64) -> u64 {
    x.wrapping_sub(ONES) & !x & HIGH
}

/// The high bit of each byte of `x` (every byte at most `0x7F`) that lies in
/// `lo..=hi`: the additions carry into no neighbouring byte.
#[inline(always)]
pub(crate) fn bytes_in(x: u64, lo: u8, hi: u8) -> u64 {
    (x + ONES * (0x80 - lo as u64)) & !(x + ONES * (0x7F - hi as u64)) & HIGH
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_are_little_endian_and_padded() {
        let b = b"abcdefghij";
        assert_eq!(load8(b, 2), Some(u64::from_le_bytes(*b"cdefghij")));
        assert_eq!(load8(b, 3), None);
        assert_eq!(load8(b, usize::MAX), None);
        assert_eq!(load8_padded(b, 6), u64::from_le_bytes(*b"ghij\0\0\0\0"));
        assert_eq!(load8_padded(b, 20), 0);
        assert_eq!(load8_before(b, 10), u64::from_le_bytes(*b"cdefghij"));
        assert_eq!(load8_before(b, 3), u64::from_le_bytes(*b"\0\0\0\0\0abc"));
        assert_eq!(load8_before(b, 0), 0);
    }

    #[test]
    fn byte_tests_agree_with_bytewise_ones() {
        for x in [*b"a\0b\x01\x7f A0", *b"zzzzzzzz", *b"\0\0\0\0\0\0\0\0"] {
            let word = u64::from_le_bytes(x);
            let zero = zero_bytes(word);
            let first = x.iter().position(|&b| b == 0);
            assert_eq!(
                (zero != 0).then(|| zero.trailing_zeros() as usize / 8),
                first
            );
            let digits = bytes_in(word, b'0', b'9');
            for (i, b) in x.iter().enumerate() {
                assert_eq!(digits >> (8 * i + 7) & 1 == 1, b.is_ascii_digit(), "{x:?}");
            }
        }
    }
}
