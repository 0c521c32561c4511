//! Reading inputs (file, standard input, folder, JSON Lines) and writing output (standard
//! output, or a file written atomically).

use crate::cli::IoArgs;
use crate::error::{InputError, UsageError};
use anyhow::{Context, Result};
use brief::tokenize::{decode_vec, DecodeOptions, ErrorKind};
use std::io::{Read, Write};
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

fn decode_named(bytes: Vec<u8>, name: &str, lossy: bool) -> Result<String> {
    let opts = DecodeOptions {
        lossy,
        allow_binary: false,
    };
    decode_vec(bytes, opts).map_err(|e| {
        let msg = match e.kind() {
            ErrorKind::InvalidUtf8 { offset, line } => {
                format!(
                    "{name}: not valid UTF-8: first invalid byte at offset {offset} (line {line}); \
                     use --lossy to replace invalid bytes"
                )
            }
            ErrorKind::Binary { offset } => format!(
                "{name}: looks like binary data, not text (NUL or control byte at offset {offset})"
            ),
            _ => format!("{name}: {e}"),
        };
        InputError(msg).into()
    })
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

fn read_limited(mut r: impl Read, max: u64, name: &str) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
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

fn read_file(path: &Path, max: u64) -> Result<Vec<u8>> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| InputError(format!("{name}: {e}")))?;
    if meta.is_dir() {
        return Err(InputError(format!("{name}: is a directory")).into());
    }
    if meta.len() > max {
        return Err(InputError(format!(
            "{name}: {} bytes is larger than the --max-size limit of {max} bytes",
            meta.len()
        ))
        .into());
    }
    let f = std::fs::File::open(path).map_err(|e| InputError(format!("{name}: {e}")))?;
    read_limited(f, max, &name)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| InputError(format!("{}: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else if matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")) {
            out.push(p);
        }
    }
    Ok(())
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
            (read_file(p, io.max_size)?, p.display().to_string())
        };
        let text = decode_named(bytes, &name, io.lossy)?;
        return parse_jsonl(&text, &name, io);
    }
    if stdin {
        let bytes = read_limited(std::io::stdin().lock(), io.max_size, "standard input")?;
        let text = decode_named(bytes, "standard input", io.lossy)?;
        check_text(&text, "standard input")?;
        return Ok(Inputs {
            items: vec![Item {
                id: "-".into(),
                text,
                record: None,
            }],
            batch: false,
            skipped: Vec::new(),
        });
    }
    let path = io.input.as_deref().unwrap_or(Path::new("-"));
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| InputError(format!("{name}: {e}")))?;
    if meta.is_dir() {
        let mut files = Vec::new();
        walk(path, &mut files)?;
        if files.is_empty() {
            return Err(
                InputError(format!("{name}: the folder holds no .txt or .md files")).into(),
            );
        }
        let mut items = Vec::new();
        let mut skipped = Vec::new();
        for f in files {
            let id = f.strip_prefix(path).unwrap_or(&f).display().to_string();
            let fname = f.display().to_string();
            let res = read_file(&f, io.max_size)
                .and_then(|b| decode_named(b, &fname, io.lossy))
                .and_then(|t| check_text(&t, &fname).map(|_| t));
            match res {
                Ok(text) => items.push(Item {
                    id,
                    text,
                    record: None,
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
    let text = decode_named(bytes, &name, io.lossy)?;
    check_text(&text, &name)?;
    Ok(Inputs {
        items: vec![Item {
            id: name,
            text,
            record: None,
        }],
        batch: false,
        skipped: Vec::new(),
    })
}

fn parse_jsonl(text: &str, name: &str, io: &IoArgs) -> Result<Inputs> {
    let mut items = Vec::new();
    let mut skipped = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Result<Item, String> = (|| {
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
            let id = match v.get(&io.id_field) {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(serde_json::Value::Null) | None => (i + 1).to_string(),
                Some(other) => other.to_string(),
            };
            let text = text.to_owned();
            Ok(Item {
                id,
                text,
                record: io.keep_records.then_some(v),
            })
        })();
        match parsed {
            Ok(item) => items.push(item),
            Err(msg) => {
                let msg = format!("{name}: line {}: {msg}", i + 1);
                if io.skip_bad {
                    skipped.push(msg);
                } else {
                    return Err(
                        InputError(format!("{msg} (use --skip-bad to skip bad lines)")).into(),
                    );
                }
            }
        }
    }
    if items.is_empty() && skipped.is_empty() {
        return Err(InputError(format!("{name}: no JSON lines to process")).into());
    }
    Ok(Inputs {
        items,
        batch: true,
        skipped,
    })
}

/// Where output goes: standard output, or a temporary file renamed over the destination when
/// everything has been written.
pub enum Out {
    Stdout(std::io::BufWriter<std::io::Stdout>),
    File {
        tmp: std::io::BufWriter<tempfile::NamedTempFile>,
        dest: PathBuf,
    },
}

impl Out {
    pub fn new(path: Option<&Path>) -> Result<Out> {
        match path {
            None => Ok(Out::Stdout(std::io::BufWriter::new(std::io::stdout()))),
            Some(p) if p == Path::new("-") => {
                Ok(Out::Stdout(std::io::BufWriter::new(std::io::stdout())))
            }
            Some(p) => {
                if p.is_dir() {
                    return Err(
                        UsageError(format!("--output {}: is a directory", p.display())).into(),
                    );
                }
                let dir = match p.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                    _ => PathBuf::from("."),
                };
                let tmp = tempfile::Builder::new()
                    .prefix(".brief-")
                    .tempfile_in(&dir)
                    .map_err(|e| InputError(format!("cannot write in {}: {e}", dir.display())))?;
                Ok(Out::File {
                    tmp: std::io::BufWriter::new(tmp),
                    dest: p.to_path_buf(),
                })
            }
        }
    }

    /// Flushes and, for a file, renames the temporary file into place.
    pub fn finish(self) -> Result<()> {
        match self {
            Out::Stdout(mut w) => w.flush().map_err(Into::into),
            Out::File { tmp, dest } => {
                let tmp = tmp.into_inner().map_err(|e| e.into_error())?;
                // Temporary files are private (0600); give the result the destination's
                // permissions, or the usual 0644 for a new file.
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    let mode = std::fs::metadata(&dest)
                        .map(|m| m.permissions().mode())
                        .unwrap_or(0o644);
                    tmp.as_file()
                        .set_permissions(std::fs::Permissions::from_mode(mode))?;
                }
                tmp.as_file().sync_all()?;
                tmp.persist(&dest).map_err(|e| {
                    InputError(format!("cannot write {}: {}", dest.display(), e.error))
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
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Out::Stdout(w) => w.flush(),
            Out::File { tmp, .. } => tmp.flush(),
        }
    }
}
