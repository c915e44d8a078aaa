//! Reading inputs: files or stdin (gzip and zstd decompressed), as text
//! (UTF-8, lossily with a warning) or as HTML (any charset, decoded by the
//! library).

use std::io::{self, Read};
use std::path::Path;

use dechaff::{Stripped, Stripper};

use crate::Format;

/// Reads a file, or stdin for `None`, refusing more than `limit` bytes
/// before holding them in memory.
pub fn read(path: Option<&Path>, limit: usize) -> Result<Vec<u8>, String> {
    let too_large =
        |size: String| format!("{size} is over the limit of {limit} bytes (--max-bytes)");
    let reader: Box<dyn Read> = match path {
        Some(p) => {
            let file = std::fs::File::open(p).map_err(|e| e.to_string())?;
            let size = file.metadata().map_err(|e| e.to_string())?.len();
            if size > limit as u64 {
                return Err(too_large(format!("{size} bytes")));
            }
            Box::new(file)
        }
        None => Box::new(io::stdin().lock()),
    };
    let mut reader = io::BufReader::new(reader);
    // Compressed pages are read as what they hold, within the same limit.
    let start = io::BufRead::fill_buf(&mut reader).map_err(|e| e.to_string())?;
    let reader: Box<dyn Read> = if start.starts_with(&[0x1f, 0x8b]) {
        Box::new(flate2::bufread::MultiGzDecoder::new(reader))
    } else if start.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Box::new(zstd::Decoder::with_buffer(reader).map_err(|e| e.to_string())?)
    } else {
        Box::new(reader)
    };
    let mut buf = Vec::new();
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| e.to_string())?;
    if buf.len() > limit {
        return Err(too_large("the input".into()));
    }
    Ok(buf)
}

/// Strips `bytes` as `format` says (`auto`: HTML when the start looks like
/// markup), within the stripper's limits. Text that is not valid UTF-8 is
/// decoded lossily, with a warning naming `name` when it is given.
pub fn strip(
    stripper: &Stripper,
    bytes: &[u8],
    format: Format,
    name: Option<&str>,
) -> Result<Stripped<'static>, dechaff::Error> {
    let format = match format {
        Format::Auto => dechaff::Format::detect(bytes),
        Format::Text => dechaff::Format::Text,
        Format::Html => dechaff::Format::Html,
    };
    if let Some(name) = name {
        if format == dechaff::Format::Text && std::str::from_utf8(bytes).is_err() {
            eprintln!("dechaff: warning: {name} is not valid UTF-8; invalid bytes replaced");
        }
    }
    stripper.extract(bytes, format)
}
