//! Reading inputs (file, standard input, folder, JSON Lines) and writing output (standard
//! output, or a file written atomically).

use crate::cli::{InputFormat, IoArgs};
use crate::error::{InputError, UsageError};
use anyhow::{Context, Result};
use brief::tokenize::{DecodeOptions, ErrorKind};
use rayon::prelude::*;
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};

/// One document to process.
#[derive(Debug, Clone)]
pub struct Item {
    /// Its id: the file name, the JSON Lines id, or `-`.
    pub id: String,
    /// Its text.
    pub text: String,
    /// The JSON Lines record, kept when a command asks for extra fields.
    pub record: Option<serde_json::Value>,
    /// The encoding the text was read in, when it was not UTF-8.
    pub encoding: Option<&'static str>,
    /// With a context field: the length of the record's own text, which `text` holds followed
    /// by its context (`brief_classify::join_context`); `None` when it has no context.
    pub text_len: Option<usize>,
}

/// What was read.
#[derive(Debug)]
pub struct Inputs {
    pub items: Vec<Item>,
    /// Several documents (a folder or JSON Lines): output is one JSON line per document.
    pub batch: bool,
    /// Documents skipped with `--skip-bad`, with the reason.
    pub skipped: Vec<String>,
}

/// Decodes a file's bytes: UTF-8, or the encoding given, or the one detected.
fn decode_file(
    bytes: Vec<u8>,
    name: &str,
    lossy: bool,
    encoding: Option<&str>,
) -> Result<(String, Option<&'static str>)> {
    let opts = DecodeOptions {
        lossy,
        allow_binary: false,
    };
    match brief::tokenize::decode_any(bytes, opts, encoding) {
        Ok(d) => Ok((d.text, (d.encoding != "UTF-8").then_some(d.encoding))),
        Err(e) => Err(named_error(e, name)),
    }
}

fn named_error(e: brief::tokenize::Error, name: &str) -> anyhow::Error {
    let msg = match e.kind() {
        ErrorKind::InvalidUtf8 { offset, line } => format!(
            "{name}: not valid UTF-8 (nor UTF-16, GBK, Big5 or another encoding brief detects): \
             first invalid byte at offset {offset} (line {line}); use --lossy to replace invalid \
             bytes, or --encoding LABEL"
        ),
        ErrorKind::Binary { offset } => format!(
            "{name}: looks like binary data, not text (NUL or control byte at offset {offset})"
        ),
        _ => format!("{name}: {e}"),
    };
    InputError(msg).into()
}

fn check_text(text: &str, name: &str) -> Result<()> {
    if text.is_empty() {
        return Err(InputError(format!("{name}: the input is empty")).into());
    }
    if text.trim().is_empty() {
        return Err(InputError(format!("{name}: the input holds no text, only whitespace")).into());
    }
    Ok(())
}

/// The file extensions of saved web pages.
const HTML_EXTENSIONS: [&str; 3] = ["html", "htm", "xhtml"];

/// Whether `path` names a saved web page by its extension.
fn html_path(path: Option<&Path>) -> bool {
    path.and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .is_some_and(|e| HTML_EXTENSIONS.iter().any(|h| e.eq_ignore_ascii_case(h)))
}

/// Whether `format` reads `text` as a web page: forced, named so by `path`, or opening as one.
/// Files, standard input and JSON Lines records are told apart this one way.
fn reads_as_html(text: &str, path: Option<&Path>, format: InputFormat) -> bool {
    match format {
        InputFormat::Text => false,
        InputFormat::Html => true,
        InputFormat::Auto => html_path(path) || brief::tokenize::looks_like_html(text),
    }
}

/// An input's text as `format` reads it: a web page (see [`reads_as_html`]) becomes the text a
/// reader sees of it; a page without any is an input error.
pub fn page_text(
    text: String,
    name: &str,
    path: Option<&Path>,
    format: InputFormat,
) -> Result<String> {
    if !reads_as_html(&text, path, format) {
        return Ok(text);
    }
    let page = brief::tokenize::html_to_text(&text);
    if page.trim().is_empty() {
        return Err(InputError(format!(
            "{name}: an HTML page without text (nothing outside scripts, styles, navigation and \
             markup); --input-format text reads it as it is"
        ))
        .into());
    }
    Ok(page)
}

fn read_limited(r: impl Read, max: u64, name: &str) -> Result<Vec<u8>> {
    read_sized(r, max, name, 0)
}

/// [`read_limited`] into a buffer sized for `expected` bytes (a file's length) up front, so
/// that a large input is not copied as its buffer grows; one byte more is read to see whether
/// the file grew past the limit.
fn read_sized(mut r: impl Read, max: u64, name: &str, expected: u64) -> Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(
        usize::try_from(expected.min(max))
            .unwrap_or(0)
            .saturating_add(1),
    );
    r.by_ref()
        .take(max.saturating_add(1))
        .read_to_end(&mut buf)
        .with_context(|| format!("cannot read {name}"))?;
    if buf.len() as u64 > max {
        return Err(InputError(format!(
            "{name}: larger than the --max-size limit of {max} bytes"
        ))
        .into());
    }
    Ok(buf)
}

/// The bytes of a regular file (or a pipe) of at most `max` bytes; a directory or a device is
/// an input error.
pub fn read_file(path: &Path, max: u64) -> Result<Vec<u8>> {
    let name = display_path(path);
    let meta = readable(path, &name)?;
    if meta.len() > max {
        return Err(InputError(format!(
            "{name}: {} bytes is larger than the --max-size limit of {max} bytes",
            meta.len()
        ))
        .into());
    }
    let f = std::fs::File::open(path).with_context(|| name.clone())?;
    read_sized(f, max, &name, meta.len())
}

/// The metadata of an input path that can be read as text: a directory or a device is an
/// input error. A device (`/dev/zero`, a disk, a terminal) is not a text file; a pipe
/// (`<(cmd)`) is read as a stream under the size limit.
fn readable(path: &Path, name: &str) -> Result<std::fs::Metadata> {
    let meta = std::fs::metadata(path).with_context(|| name.to_owned())?;
    if meta.is_dir() {
        return Err(InputError(format!("{name}: is a directory")).into());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_char_device() || t.is_block_device() {
            return Err(InputError(format!("{name}: is a device, not a text file")).into());
        }
    }
    Ok(meta)
}

/// A path as text; bytes that are not UTF-8 are escaped as `\xNN`, so that two different
/// names never print the same.
pub fn display_path(p: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in p.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02X}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        p.display().to_string()
    }
}

/// The `.txt`, `.md`, `.html`, `.htm` and `.xhtml` files under `dir`, in name order. Symbolic
/// links are followed, but a link back to a folder above it (a loop) is skipped and reported,
/// a file reached twice through links is read once, and anything that is not a regular file
/// (a FIFO, a socket, a device) is reported, never opened.
fn walk(dir: &Path, out: &mut Vec<PathBuf>, notes: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let what = if e.loop_ancestor().is_some() {
                    "a link back to a folder above it (loop), not followed".to_owned()
                } else {
                    e.io_error()
                        .map_or_else(|| e.to_string(), |io| io.to_string())
                };
                let path = e.path().map_or_else(|| display_path(dir), display_path);
                notes.push(format!("{path}: {what}"));
                continue;
            }
        };
        let p = entry.path();
        if !matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md"))
            && !html_path(Some(p))
        {
            continue;
        }
        if entry.file_type().is_dir() {
            continue;
        }
        if !entry.file_type().is_file() {
            notes.push(format!(
                "{}: not a regular file (a FIFO, socket or device), not read",
                display_path(p)
            ));
            continue;
        }
        let key = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        if seen.insert(key) {
            out.push(p.to_path_buf());
        }
    }
}

/// Reads the inputs named by `io`.
pub fn read_inputs(io: &IoArgs) -> Result<Inputs> {
    let stdin = io.input.as_deref().is_none_or(|p| p == Path::new("-"));
    if io.jsonl {
        let (bytes, name) = if stdin {
            (
                read_limited(std::io::stdin().lock(), io.max_size, "standard input")?,
                "standard input".to_owned(),
            )
        } else {
            let p = io.input.as_deref().unwrap_or(Path::new("-"));
            (read_file(p, io.max_size)?, display_path(p))
        };
        return parse_jsonl(&bytes, &name, io);
    }
    if stdin {
        let bytes = read_limited(std::io::stdin().lock(), io.max_size, "standard input")?;
        let (text, encoding) =
            decode_file(bytes, "standard input", io.lossy, io.encoding.as_deref())?;
        check_text(&text, "standard input")?;
        let text = page_text(text, "standard input", None, io.input_format)?;
        return Ok(Inputs {
            items: vec![Item {
                id: "-".into(),
                text,
                record: None,
                text_len: None,
                encoding,
            }],
            batch: false,
            skipped: Vec::new(),
        });
    }
    let path = io.input.as_deref().unwrap_or(Path::new("-"));
    let name = display_path(path);
    let meta = std::fs::metadata(path).with_context(|| name.clone())?;
    if meta.is_dir() {
        let mut files = Vec::new();
        let mut skipped = Vec::new();
        walk(path, &mut files, &mut skipped);
        if files.is_empty() {
            return Err(InputError(format!(
                "{name}: the folder holds no .txt, .md or .html files"
            ))
            .into());
        }
        let mut items = Vec::new();
        for f in files {
            let id = display_path(f.strip_prefix(path).unwrap_or(&f));
            let fname = display_path(&f);
            let res = read_file(&f, io.max_size)
                .and_then(|b| decode_file(b, &fname, io.lossy, io.encoding.as_deref()))
                .and_then(|t| check_text(&t.0, &fname).map(|_| t))
                .and_then(|(t, enc)| Ok((page_text(t, &fname, Some(&f), io.input_format)?, enc)));
            match res {
                Ok((text, encoding)) => items.push(Item {
                    id,
                    text,
                    record: None,
                    text_len: None,
                    encoding,
                }),
                Err(e) if io.skip_bad => skipped.push(e.to_string()),
                Err(e) => return Err(e),
            }
        }
        return Ok(Inputs {
            items,
            batch: true,
            skipped,
        });
    }
    let bytes = read_file(path, io.max_size)?;
    let (text, encoding) = decode_file(bytes, &name, io.lossy, io.encoding.as_deref())?;
    check_text(&text, &name)?;
    let text = page_text(text, &name, Some(path), io.input_format)?;
    Ok(Inputs {
        items: vec![Item {
            id: name,
            text,
            record: None,
            text_len: None,
            encoding,
        }],
        batch: false,
        skipped: Vec::new(),
    })
}

/// The id of a JSON Lines record as given: a string as it is, an integer exactly as written
/// (never rounded through a float), another value as JSON.
fn record_id(line: &str, v: &serde_json::Value, field: &str, number: usize) -> String {
    match v.get(field) {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Null) | None => number.to_string(),
        Some(serde_json::Value::Number(_)) => serde_json::from_str::<
            std::collections::HashMap<String, &serde_json::value::RawValue>,
        >(line)
        .ok()
        .and_then(|m| m.get(field).map(|r| r.get().to_owned()))
        .unwrap_or_else(|| v[field].to_string()),
        Some(other) => other.to_string(),
    }
}

/// Parses JSON Lines from raw bytes, framed by `brief::tokenize::jsonl` (byte-order mark,
/// `\r\n`, blank lines). Each line is decoded and parsed on its own, so a bad line (invalid
/// UTF-8, a NUL byte, bad JSON) is that line's error. Line numbers count `\n` in the input.
fn parse_jsonl(bytes: &[u8], name: &str, io: &IoArgs) -> Result<Inputs> {
    let mut state = JsonlState::default();
    let items = parse_chunk(bytes, 0, name, io, &mut state)?;
    if items.is_empty() && state.skipped.is_empty() {
        return Err(InputError(format!("{name}: no JSON lines to process")).into());
    }
    Ok(Inputs {
        items,
        batch: true,
        skipped: state.skipped,
    })
}

/// What reading JSON Lines remembers from one chunk to the next: the ids met (a repeated id is
/// warned about) and the lines skipped with `--skip-bad`.
#[derive(Default)]
struct JsonlState {
    ids: std::collections::HashMap<String, usize>,
    skipped: Vec<String>,
}

/// The items of `bytes`, whole lines of a JSON Lines input after its first `before` lines;
/// bad lines are skipped (with `--skip-bad`) or the first one is the error; a repeated id is
/// warned about.
fn parse_chunk(
    bytes: &[u8],
    before: usize,
    name: &str,
    io: &IoArgs,
    state: &mut JsonlState,
) -> Result<Vec<Item>> {
    let mut items = Vec::new();
    let mut duplicates = Vec::new();
    // Framed in order (cheap), then parsed in parallel: JSON parsing was the serial part of a
    // batch. Errors are still met in line order below.
    let framed: Vec<_> = brief::tokenize::jsonl::continued(bytes, before, io.lossy).collect();
    let parsed: Vec<_> = framed
        .par_iter()
        .map(|l| {
            l.as_ref()
                .map(|l| (l.number - 1, parse_line(l.number - 1, &l.text, io)))
        })
        .collect();
    for line in parsed {
        let (i, parsed) = match line {
            Ok(p) => p,
            Err(e) => {
                let hint = match e.kind {
                    brief::tokenize::jsonl::LineErrorKind::InvalidUtf8 { .. } => {
                        "; use --lossy to replace invalid bytes"
                    }
                    _ => "",
                };
                let msg = format!("{name}: {e}{hint}");
                if io.skip_bad {
                    state.skipped.push(msg);
                    continue;
                }
                return Err(InputError(format!("{msg} (use --skip-bad to skip bad lines)")).into());
            }
        };
        match parsed {
            Ok(item) => {
                if let Some(first) = state.ids.insert(item.id.clone(), i + 1) {
                    duplicates.push(format!(
                        "{name}: line {}: the id `{}` was used before, on line {first}",
                        i + 1,
                        item.id
                    ));
                }
                items.push(item)
            }
            Err(msg) => {
                let msg = format!("{name}: line {}: {msg}", i + 1);
                if io.skip_bad {
                    state.skipped.push(msg);
                } else {
                    return Err(
                        InputError(format!("{msg} (use --skip-bad to skip bad lines)")).into(),
                    );
                }
            }
        }
    }
    for d in duplicates {
        crate::warn(&d);
    }
    Ok(items)
}

/// About how many bytes of JSON Lines `--stream` reads, processes and writes at a time.
pub const STREAM_CHUNK: usize = 8 << 20;

/// JSON Lines read a chunk of whole lines at a time (`--stream`): from a file or standard
/// input, with `--max-size` bounding each line rather than the whole input, so that an
/// archive larger than memory, or an endless pipe, is processed in bounded memory.
pub struct JsonlStream {
    reader: Box<dyn std::io::BufRead>,
    name: String,
    /// Lines read so far.
    lines: usize,
    state: JsonlState,
    /// Whether any line held a document or was skipped.
    seen: bool,
    done: bool,
}

impl JsonlStream {
    /// Opens the input of `io` (a file, or standard input for none or `-`).
    pub fn open(io: &IoArgs) -> Result<JsonlStream> {
        let stdin = io.input.as_deref().is_none_or(|p| p == Path::new("-"));
        let (reader, name): (Box<dyn std::io::BufRead>, String) = if stdin {
            (
                Box::new(std::io::BufReader::with_capacity(1 << 16, std::io::stdin())),
                "standard input".to_owned(),
            )
        } else {
            let p = io.input.as_deref().unwrap_or(Path::new("-"));
            let name = display_path(p);
            readable(p, &name)?;
            let f = std::fs::File::open(p).with_context(|| name.clone())?;
            (
                Box::new(std::io::BufReader::with_capacity(1 << 16, f)),
                name,
            )
        };
        Ok(JsonlStream {
            reader,
            name,
            lines: 0,
            state: JsonlState::default(),
            seen: false,
            done: false,
        })
    }

    /// The items of the next chunk of lines (about `--stream-chunk` bytes, [`STREAM_CHUNK`] by
    /// default; a chunk whose lines are all skipped gives no items), or `None` at the end of
    /// the input.
    pub fn next_chunk(&mut self, io: &IoArgs) -> Result<Option<Vec<Item>>> {
        if self.done {
            if !self.seen {
                return Err(InputError(format!("{}: no JSON lines to process", self.name)).into());
            }
            return Ok(None);
        }
        let mut buf = Vec::new();
        let mut count = 0usize;
        while buf.len() < io.stream_chunk.max(1) {
            let start = buf.len();
            // One line, read no further than the size limit.
            let n = (&mut self.reader)
                .take(io.max_size.saturating_add(1))
                .read_until(b'\n', &mut buf)
                .with_context(|| format!("cannot read {}", self.name))?;
            if n == 0 {
                self.done = true;
                break;
            }
            count += 1;
            let line = &buf[start..];
            let len = line.len() - usize::from(line.ends_with(b"\n"));
            if len as u64 > io.max_size {
                return Err(InputError(format!(
                    "{}: line {} is larger than the --max-size limit of {} bytes",
                    self.name,
                    self.lines + count,
                    io.max_size
                ))
                .into());
            }
        }
        if buf.is_empty() {
            // Nothing more: the end, or the error of an input without a document.
            return self.next_chunk(io);
        }
        let skipped_before = self.state.skipped.len();
        let items = parse_chunk(&buf, self.lines, &self.name, io, &mut self.state)?;
        self.lines += count;
        self.seen |= !items.is_empty() || self.state.skipped.len() > skipped_before;
        // Even without items: the caller takes the chunk's skipped lines.
        Ok(Some(items))
    }

    /// The lines skipped with `--skip-bad` so far, with the reason.
    pub fn take_skipped(&mut self) -> Vec<String> {
        std::mem::take(&mut self.state.skipped)
    }
}

/// One framed line of a JSON Lines input as an item (`i`: the line's index from 0), or why not.
fn parse_line(i: usize, line: &str, io: &IoArgs) -> Result<Item, String> {
    let v: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("not valid JSON: {e}"))?;
    if !v.is_object() {
        return Err("not a JSON object".to_owned());
    }
    let text = v
        .get(&io.text_field)
        .and_then(|t| t.as_str())
        .ok_or_else(|| format!("no string field `{}`", io.text_field))?;
    if text.trim().is_empty() {
        return Err(format!("field `{}` holds no text", io.text_field));
    }
    let page =
        reads_as_html(text, None, io.input_format).then(|| brief::tokenize::html_to_text(text));
    let text = page.as_deref().unwrap_or(text);
    if text.trim().is_empty() {
        return Err(format!(
            "field `{}` is an HTML page without text",
            io.text_field
        ));
    }
    let id = record_id(line, &v, &io.id_field, i + 1);
    let context = match io.context_field.as_deref() {
        None => "",
        Some(f) => brief::classify::record_context(&v, f)?,
    };
    let (text, text_len) = if context.trim().is_empty() {
        (text.to_owned(), None)
    } else {
        (
            brief::classify::join_context(text, context),
            Some(text.len()),
        )
    };
    Ok(Item {
        id,
        text,
        record: io.keep_records.then_some(v),
        encoding: None,
        text_len,
    })
}

/// Where output goes: standard output; a temporary file in the destination's folder renamed
/// over a regular file (or a new path) when everything has been written; or, for a FIFO or a
/// device, the destination itself, written as a stream. A symbolic link is followed: its
/// target is written, the link stays. New files get the usual permissions under the umask
/// (0644 under umask 022, 0600 under 077); a replaced file keeps its own. On an error the
/// temporary file is removed; only a SIGKILL between writing and renaming can leave a
/// `.brief-XXXXXX` file behind.
pub enum Out {
    Stdout(std::io::BufWriter<std::io::Stdout>),
    File {
        tmp: std::io::BufWriter<tempfile::NamedTempFile>,
        dest: PathBuf,
        keep_mode: Option<u32>,
    },
    Stream(std::io::BufWriter<std::fs::File>),
}

/// Follows symbolic links from `p` to the path they end at (which may not exist yet).
fn resolve_links(p: &Path) -> Result<PathBuf> {
    let mut cur = p.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&cur) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&cur)
                    .map_err(|e| InputError(format!("--output {}: {e}", display_path(p))))?;
                cur = match cur.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(cur),
        }
    }
    Err(InputError(format!(
        "--output {}: too many levels of symbolic links",
        display_path(p)
    ))
    .into())
}

/// The output buffer of one document's result (the standard library's default size).
pub const OUT_BUFFER: usize = 8 << 10;

/// The output buffer of a batch: its results are written in a few large writes, not one or
/// two per document (a system call each, on the one thread that writes them all).
pub const BATCH_BUFFER: usize = 1 << 18;

impl Out {
    /// The output at `path` (standard output for none or `-`), buffered as usual.
    pub fn new(path: Option<&Path>) -> Result<Out> {
        Out::with_capacity(path, OUT_BUFFER)
    }

    /// [`Out::new`] with a buffer of `capacity` bytes ([`BATCH_BUFFER`] for a batch; a
    /// larger buffer costs a single document's run a few page faults).
    pub fn with_capacity(path: Option<&Path>, capacity: usize) -> Result<Out> {
        match path.filter(|p| *p != Path::new("-")) {
            None => Ok(Out::Stdout(std::io::BufWriter::with_capacity(
                capacity,
                std::io::stdout(),
            ))),
            Some(p) => {
                let dest = resolve_links(p)?;
                let meta = std::fs::metadata(&dest).ok();
                if meta.as_ref().is_some_and(|m| m.is_dir()) {
                    return Err(UsageError(format!(
                        "--output {}: is a directory",
                        display_path(p)
                    ))
                    .into());
                }
                if meta.as_ref().is_some_and(|m| !m.is_file()) {
                    // A FIFO, a device or a socket: write to it directly.
                    let f = std::fs::OpenOptions::new()
                        .write(true)
                        .open(&dest)
                        .map_err(|e| InputError(format!("--output {}: {e}", display_path(p))))?;
                    return Ok(Out::Stream(std::io::BufWriter::with_capacity(capacity, f)));
                }
                #[cfg(unix)]
                let keep_mode = {
                    use std::os::unix::fs::PermissionsExt;
                    meta.as_ref().map(|m| m.permissions().mode())
                };
                #[cfg(not(unix))]
                let keep_mode = None;
                let dir = match dest.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                    _ => PathBuf::from("."),
                };
                let mut b = tempfile::Builder::new();
                b.prefix(".brief-");
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    // Created with 0666 less the umask, as any new file.
                    b.permissions(std::fs::Permissions::from_mode(0o666));
                }
                let tmp = b.tempfile_in(&dir).map_err(|e| {
                    InputError(format!("cannot write in {}: {e}", display_path(&dir)))
                })?;
                Ok(Out::File {
                    tmp: std::io::BufWriter::with_capacity(capacity, tmp),
                    dest,
                    keep_mode,
                })
            }
        }
    }

    /// Flushes and, for a file, renames the temporary file into place.
    pub fn finish(self) -> Result<()> {
        match self {
            Out::Stdout(mut w) => w.flush().map_err(Into::into),
            Out::Stream(w) => {
                let f = w.into_inner().map_err(|e| e.into_error())?;
                f.sync_all().or_else(|e| {
                    // Pipes and terminals cannot be synced; that is not a write error.
                    if e.kind() == std::io::ErrorKind::InvalidInput {
                        Ok(())
                    } else {
                        Err(e)
                    }
                })?;
                Ok(())
            }
            Out::File {
                tmp,
                dest,
                keep_mode,
            } => {
                let tmp = tmp.into_inner().map_err(|e| e.into_error())?;
                #[cfg(unix)]
                if let Some(mode) = keep_mode {
                    use std::os::unix::fs::PermissionsExt;
                    tmp.as_file()
                        .set_permissions(std::fs::Permissions::from_mode(mode))?;
                }
                #[cfg(not(unix))]
                let _ = keep_mode;
                tmp.as_file().sync_all()?;
                tmp.persist(&dest).map_err(|e| {
                    InputError(format!("cannot write {}: {}", display_path(&dest), e.error))
                })?;
                Ok(())
            }
        }
    }
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Out::Stdout(w) => w.write(buf),
            Out::File { tmp, .. } => tmp.write(buf),
            Out::Stream(w) => w.write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Out::Stdout(w) => w.flush(),
            Out::File { tmp, .. } => tmp.flush(),
            Out::Stream(w) => w.flush(),
        }
    }
}

/// Text for a terminal or a text file: control characters (escape sequences, carriage
/// returns, bells) are shown as `\u{1b}`, never written raw; newlines and tabs stay.
pub fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.into()
}

fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn io_args(path: &Path, skip_bad: bool, lossy: bool, chunk: usize) -> IoArgs {
        IoArgs {
            input: Some(path.to_path_buf()),
            format: crate::cli::Format::Json,
            output: None,
            jsonl: true,
            id_field: "id".into(),
            text_field: "text".into(),
            skip_bad,
            lossy,
            encoding: None,
            lang: crate::cli::Lang::Auto,
            input_format: InputFormat::Auto,
            split_semicolons: false,
            keep_records: false,
            context_field: None,
            max_size: 1 << 20,
            stream: true,
            stream_chunk: chunk,
        }
    }

    /// A line of JSON Lines, good or bad in the ways the framing and parsing tell apart.
    fn line() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            4 => (0u8..6, "[a-z ]{1,12}").prop_map(|(id, t)| format!(
                "{{\"id\": \"d{id}\", \"text\": \"Text {t}.\"}}"
            )
            .into_bytes()),
            1 => Just(b"".to_vec()),
            1 => Just(b"not json".to_vec()),
            1 => Just(b"{\"id\": \"x\"}".to_vec()),
            1 => Just(b"{\"id\": \"y\", \"text\": \"bad \xff byte\"}".to_vec()),
            1 => Just(b"{\"id\": \"z\", \"text\": \"nul \x00\"}".to_vec()),
            1 => Just(b"\xEF\xBB\xBF{\"id\": \"w\", \"text\": \"After a mark.\"}".to_vec()),
        ]
    }

    /// The items' ids and texts and the skipped lines, or the error.
    type Outcome = Result<(Vec<(String, String)>, Vec<String>), String>;

    /// What a reading gives.
    fn outcome(r: Result<(Vec<Item>, Vec<String>)>) -> Outcome {
        r.map(|(items, skipped)| (items.into_iter().map(|i| (i.id, i.text)).collect(), skipped))
            .map_err(|e| e.to_string())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Reading JSON Lines a chunk at a time gives what reading them whole gives: the same
        /// documents, the same skipped lines with the same line numbers, the same first error.
        #[test]
        fn chunked_reading_equals_whole_reading(
            lines in proptest::collection::vec(line(), 0..30),
            crlf in any::<bool>(),
            final_newline in any::<bool>(),
            chunk in 1usize..120,
            skip_bad in any::<bool>(),
            lossy in any::<bool>(),
        ) {
            let end: &[u8] = if crlf { b"\r\n" } else { b"\n" };
            let mut bytes = lines.join(end);
            if final_newline {
                bytes.extend_from_slice(end);
            }
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("in.jsonl");
            std::fs::write(&path, &bytes).unwrap();
            let io = io_args(&path, skip_bad, lossy, chunk);
            let whole = outcome(
                parse_jsonl(&bytes, &display_path(&path), &io).map(|i| (i.items, i.skipped)),
            );
            let streamed = outcome((|| {
                let mut s = JsonlStream::open(&io)?;
                let (mut items, mut skipped) = (Vec::new(), Vec::new());
                while let Some(chunk) = s.next_chunk(&io)? {
                    items.extend(chunk);
                    skipped.extend(s.take_skipped());
                }
                Ok((items, skipped))
            })());
            prop_assert_eq!(streamed, whole);
        }
    }
}
