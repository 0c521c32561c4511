//! The command-line definitions (clap derive).

use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Args, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

/// A count that must be at least 1 (clap names the flag when it is not).
fn at_least_one(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

/// A near-duplicate overlap in (0, 1], or none (`off`: repeats allowed).
#[derive(Debug, Clone, Copy)]
pub struct Overlap(pub Option<f64>);

fn overlap_or_off(s: &str) -> Result<Overlap, String> {
    if s.eq_ignore_ascii_case("off") {
        return Ok(Overlap(None));
    }
    match s.parse::<f64>() {
        Ok(x) if x > 0.0 && x <= 1.0 => Ok(Overlap(Some(x))),
        Ok(_) => Err("must be in (0, 1], or `off`".into()),
        Err(e) => Err(format!("{e} (a number in (0, 1], or `off`)")),
    }
}

/// Accepts any text (a name or a file, checked later with a "did you mean") and offers
/// `names` to shell completion and `--help`.
#[derive(Debug, Clone, Copy)]
pub struct Offer(pub &'static [&'static str]);

impl TypedValueParser for Offer {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        value
            .to_str()
            .map(str::to_owned)
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidUtf8).with_cmd(cmd))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.0.iter().map(|n| PossibleValue::new(*n))))
    }
}

/// Summarize and classify science-and-technology policy news.
#[derive(Debug, Parser)]
#[command(name = "brief", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// Parses a command line (the program's name first) as [`Parser::try_parse_from`] does.
    ///
    /// Building every command's arguments is most of clap's start-up work (about 0.7 million
    /// instructions, a fifth of a 3 KB `summarize`). So when the first argument names a text
    /// command and no argument asks for help or the version, only that command is built. A
    /// command line it does not accept is parsed again by the whole command, so that errors,
    /// help and version read exactly as they always did; what it accepts, the whole command
    /// reads the same way (a test compares the two).
    pub fn parse_args(args: Vec<OsString>) -> Result<Cli, clap::Error> {
        if let Some(cmd) = one_command(&args) {
            if let Ok(cli) = cmd
                .try_get_matches_from(&args)
                .and_then(|m| Cli::from_arg_matches(&m))
            {
                return Ok(cli);
            }
        }
        Cli::try_parse_from(args)
    }
}

/// The whole command with only the text command `args[1]` names, or `None` when `args`
/// names no such command or asks for help or the version anywhere.
fn one_command(args: &[OsString]) -> Option<clap::Command> {
    let name = args.get(1)?.to_str()?;
    let asks = |a: &OsString| {
        a.to_str().is_none_or(|a| {
            a == "--help"
                || a == "--version"
                || a == "help"
                || (a.starts_with('-') && !a.starts_with("--") && a.contains(['h', 'V']))
        })
    };
    if args[2..].iter().any(asks) {
        return None;
    }
    let sub = match name {
        "summarize" => SummarizeArgs::augment_args(clap::Command::new("summarize")),
        "keywords" => KeywordsArgs::augment_args(clap::Command::new("keywords")),
        "classify" => ClassifyArgs::augment_args(clap::Command::new("classify")),
        "digest" => DigestArgs::augment_args(clap::Command::new("digest")),
        "sentences" => SentencesArgs::augment_args(clap::Command::new("sentences")),
        "tokens" => TokensArgs::augment_args(clap::Command::new("tokens")),
        _ => return None,
    };
    Some(
        clap::Command::new("brief")
            .subcommand_required(true)
            .subcommand(sub),
    )
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract the most important sentences of a text.
    Summarize(SummarizeArgs),
    /// List the keywords and keyphrases of a text.
    Keywords(KeywordsArgs),
    /// Tell which policy themes a text (and each sentence) is about.
    Classify(ClassifyArgs),
    /// A report on many documents: themes across the corpus, by group and over time, what each
    /// theme says (near-duplicates merged), what changed, and every document in a line.
    Digest(DigestArgs),
    /// Show the sentences brief finds, with their kind (body, title, boilerplate).
    Sentences(SentencesArgs),
    /// Show the word tokens with their normalized form, stem and stop-word flag.
    Tokens(TokensArgs),
    /// Train a theme classifier model and/or the keyword background table from JSON Lines.
    Train(TrainArgs),
    /// Fit the learned sentence scorer on corpora with reference summaries.
    TrainSummarizer(TrainSummarizerArgs),
    /// Evaluate summarizers (ROUGE) or classifiers (F1) on a labelled JSON Lines corpus.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) of brief, or of one of its commands, to standard output.
    Man {
        /// The command (for example `summarize`); brief's own page when absent.
        command: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Human-readable text.
    #[default]
    Text,
    /// JSON (JSON Lines for several inputs); the schema is documented in the README.
    Json,
    /// Markdown.
    Markdown,
}

/// How an input's text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum InputFormat {
    /// A saved web page (a file named .html, .htm or .xhtml, or any input that opens with
    /// `<!DOCTYPE html`, `<html`, `<head` or `<body`) is read as HTML, anything else as text.
    #[default]
    Auto,
    /// Plain text, as it is, even when it is markup.
    Text,
    /// HTML (a page or a fragment): the text a reader sees of it.
    Html,
}

/// The language of the inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Lang {
    /// Detect it per document from the script mix.
    #[default]
    Auto,
    /// English.
    En,
    /// Chinese (simplified or traditional).
    Zh,
}

impl Lang {
    /// The language the analyzer is told, `None` to detect it.
    pub fn language(self) -> Option<brief::tokenize::Language> {
        match self {
            Lang::Auto => None,
            Lang::En => Some(brief::tokenize::Language::En),
            Lang::Zh => Some(brief::tokenize::Language::Zh),
        }
    }
}

/// Input, output and batch options shared by every text command.
#[derive(Debug, Args, Clone)]
pub struct IoArgs {
    /// A file, a folder (all .txt, .md, .html and .htm files, recursively), or `-` for
    /// standard input (the default).
    pub input: Option<PathBuf>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write to this file instead of standard output (atomically: all or nothing).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Read JSON Lines: one document per line; output one JSON line per input line.
    #[arg(long)]
    pub jsonl: bool,
    /// The id field of JSON Lines input.
    #[arg(long, default_value = "id", requires = "jsonl")]
    pub id_field: String,
    /// The text field of JSON Lines input.
    #[arg(long, default_value = "text", requires = "jsonl")]
    pub text_field: String,
    /// Skip bad documents (bad JSON lines, unreadable files) and report them at the end.
    #[arg(long)]
    pub skip_bad: bool,
    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    #[arg(long)]
    pub lossy: bool,
    /// Read files in this encoding (gb18030, gbk, big5, utf-16le, shift_jis, windows-1252, …)
    /// instead of detecting it (UTF-8 first, then UTF-16 and legacy encodings such as GBK,
    /// Big5 and windows-1252).
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// The documents' language, shown in JSON output (detected per document by default; one
    /// pipeline reads English, Chinese and text mixing both).
    #[arg(long, value_enum, default_value_t = Lang::Auto)]
    pub lang: Lang,
    /// How inputs are read: a saved web page as the text a reader sees of it (scripts, styles,
    /// navigation, menus and markup left out), anything else as text; `html` and `text` force
    /// one.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,
    /// Split sentences at semicolons too.
    #[arg(long)]
    pub split_semicolons: bool,
    /// Keep each JSON Lines record for commands that read extra fields (set by the command).
    #[arg(skip)]
    pub keep_records: bool,
    /// Read each JSON Lines record's context from this field, after its text (set by the
    /// command).
    #[arg(skip)]
    pub context_field: Option<String>,
    /// Refuse inputs larger than this many bytes (with --stream: lines).
    #[arg(long, default_value_t = 512 * 1024 * 1024, value_name = "BYTES")]
    pub max_size: u64,
    /// With --jsonl: read, process and write the lines about 8 MB at a time, so that memory
    /// stays bounded and output starts at once, for an archive larger than memory or a pipe.
    /// An error (without --skip-bad) stops it after the lines before it were written to
    /// standard output; --output still writes all or nothing.
    #[arg(long, requires = "jsonl")]
    pub stream: bool,
    /// The bytes of JSON Lines --stream reads at a time (tests use small chunks).
    #[arg(long, hide = true, default_value_t = crate::io::STREAM_CHUNK, value_name = "BYTES")]
    pub stream_chunk: usize,
}

#[derive(Debug, Args)]
pub struct SummarizeArgs {
    #[command(flatten)]
    pub io: IoArgs,
    /// Number of sentences (default 3 unless another budget is given).
    #[arg(short = 'n', long, group = "budget", value_parser = at_least_one)]
    pub sentences: Option<usize>,
    /// Share of the body sentences, in (0, 1].
    #[arg(long, group = "budget")]
    pub ratio: Option<f64>,
    /// At most this many words.
    #[arg(long, group = "budget", value_parser = at_least_one)]
    pub words: Option<usize>,
    /// At most this many characters.
    #[arg(long, group = "budget", value_parser = at_least_one)]
    pub chars: Option<usize>,
    /// At most this many model tokens (counted with --tokenizer, or brief's own WordPiece
    /// tokenizer).
    #[arg(long, group = "budget", value_parser = at_least_one)]
    pub tokens: Option<usize>,
    /// A Hugging Face tokenizer.json to count --tokens with.
    #[arg(long, requires = "tokens")]
    pub tokenizer: Option<PathBuf>,
    /// The scorer: combined (measured best on news), policy (a preset for S&T policy news),
    /// position, keyword, luhn, title, cue, textrank, lexrank, pacsum (position-aware centrality), length.
    #[arg(long, default_value = "combined", value_parser = Offer(brief::summarize::SCORER_NAMES))]
    pub scorer: String,
    /// A JSON scorer configuration (for example a combined scorer's weights).
    #[arg(long, conflicts_with = "scorer")]
    pub config: Option<PathBuf>,
    /// Print the scorer's JSON configuration (the default ensemble, --scorer or --config, with
    /// every setting spelled out) and exit: a starting point for --config.
    #[arg(long)]
    pub print_config: bool,
    /// Prefer sentences about this policy theme (uses the theme classifier).
    #[arg(long, value_parser = Offer(brief::classify::BUILTIN_THEME_IDS))]
    pub theme: Option<String>,
    /// A keyword background table (document frequencies, as written by `brief train
    /// --background`) for every scorer part that reads the shipped one.
    #[arg(long, value_name = "FILE")]
    pub background: Option<PathBuf>,
    /// Redundancy control: MMR lambda in [0, 1]; 1 turns it off.
    #[arg(long, default_value_t = 1.0)]
    pub redundancy: f64,
    /// Never choose a sentence whose content words overlap a chosen one's by at least this
    /// much (Jaccard, in (0, 1]; a sentence of stop words and numbers alone repeats only one
    /// with the same words); `off` allows repeats.
    #[arg(long, value_name = "OVERLAP", default_value = "0.8", value_parser = overlap_or_off)]
    pub duplicates: Overlap,
    /// Order of the selected sentences.
    #[arg(long, value_enum, default_value_t = OrderArg::Document)]
    pub order: OrderArg,
    /// Show each scorer's contribution to each selected sentence.
    #[arg(long)]
    pub explain: bool,
    /// Print the whole text with the selected sentences marked.
    #[arg(long)]
    pub highlight: bool,
    /// JSON Lines: take each document's sentence count from this field (a number, or a list
    /// whose length is used), for example `summary_sentences`.
    #[arg(long, requires = "jsonl", value_name = "FIELD")]
    pub sentences_field: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OrderArg {
    /// As in the document.
    Document,
    /// Best first.
    Score,
}

#[derive(Debug, Args)]
pub struct KeywordsArgs {
    #[command(flatten)]
    pub io: IoArgs,
    /// How many keywords.
    #[arg(short = 'n', long, default_value_t = 10, value_parser = at_least_one)]
    pub top: usize,
    /// A keyword background table (document frequencies, as written by `brief train
    /// --background`) instead of the one shipped with brief.
    #[arg(long, value_name = "FILE")]
    pub background: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModelKindArg {
    /// For news: the hybrid blended with its lexicon's evidence, calibrated on policy news
    /// (default).
    News,
    /// Trained linear model plus the lexicon prior (for policy descriptions like STIP's).
    Hybrid,
    /// The trained linear model alone.
    Linear,
    /// The lexicon alone (no training).
    Lexicon,
}

#[derive(Debug, Args)]
pub struct ClassifyArgs {
    #[command(flatten)]
    pub io: IoArgs,
    /// Also classify each sentence.
    #[arg(long)]
    pub per_sentence: bool,
    /// A model file (default: the model shipped with brief).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Which part of the model to use.
    #[arg(long, value_enum, default_value_t = ModelKindArg::News)]
    pub kind: ModelKindArg,
    /// A taxonomy file (with --kind lexicon, or to check that --model was trained for it).
    #[arg(long)]
    pub taxonomy: Option<PathBuf>,
    /// Keep at most this many labels.
    #[arg(long)]
    pub top: Option<usize>,
    /// One threshold for every theme instead of the model's own, in [0, 1].
    #[arg(long)]
    pub threshold: Option<f64>,
    /// Show the lexicon terms that fired.
    #[arg(long)]
    pub explain: bool,
    /// Read each record's context from this JSON Lines field (absent or null: none), as
    /// `brief train --context-field` does: the linear model reads the text and its context,
    /// the lexicon and the sentences the text alone (with --kind hybrid or linear).
    #[arg(long, value_name = "FIELD", requires = "jsonl")]
    pub context_field: Option<String>,
}

#[derive(Debug, Args)]
pub struct SentencesArgs {
    #[command(flatten)]
    pub io: IoArgs,
}

#[derive(Debug, Args)]
pub struct TokensArgs {
    #[command(flatten)]
    pub io: IoArgs,
}

/// The fields of labelled JSON Lines records (`brief train`, `brief eval classify`).
#[derive(Args, Debug)]
pub struct RecordFields {
    /// The text field.
    #[arg(long, default_value = "text")]
    pub text_field: String,
    /// The labels field.
    #[arg(long, default_value = "labels")]
    pub labels_field: String,
    /// A string field of context for each text (a STIP Compass record's `background`): the
    /// linear model learns from the text and its context, the lexicon reads the text alone.
    #[arg(long, value_name = "FIELD")]
    pub context_field: Option<String>,
}

#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Labelled JSON Lines (`id`, `text`, `labels`).
    pub input: PathBuf,
    /// Write the trained classifier model here: brief's binary format when the name ends in
    /// `.bin` (what brief ships; loads fastest), JSON otherwise.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// Write the keyword background table (document frequencies) here.
    #[arg(long, value_name = "FILE")]
    pub background: Option<PathBuf>,
    #[command(flatten)]
    pub fields: RecordFields,
    /// A taxonomy file (default: brief's twelve themes).
    #[arg(long)]
    pub taxonomy: Option<PathBuf>,
    /// A JSON training configuration (see `TrainConfig` in brief-classify).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Keep the training texts in the model: a text's N nearest training texts vote on its
    /// themes (0 keeps none; over --config's `neighbors`).
    #[arg(long, value_name = "N")]
    pub neighbors: Option<usize>,
    /// Name the data's source in the model and table (for example its licence and citation).
    #[arg(long, default_value = "unnamed corpus")]
    pub source: String,
    /// Write the output files even if they exist.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum DigestFormat {
    /// Markdown.
    #[default]
    Markdown,
    /// One self-contained HTML page (inline SVG charts; no scripts, fonts or network).
    Html,
    /// JSON (the same content, typed and stable).
    Json,
}

#[derive(Debug, Args)]
pub struct DigestArgs {
    /// Files, folders (all .txt, .md, .html and .htm files, recursively) or, with --jsonl, JSON
    /// Lines files.
    #[arg(required = true, num_args = 1..)]
    pub inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = DigestFormat::Markdown)]
    pub format: DigestFormat,
    /// Write to this file instead of standard output (atomically).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// The inputs are JSON Lines.
    #[arg(long)]
    pub jsonl: bool,
    /// The id field of JSON Lines records.
    #[arg(long, default_value = "id")]
    pub id_field: String,
    /// The text field of JSON Lines records.
    #[arg(long, default_value = "text")]
    pub text_field: String,
    /// A date field (`YYYY-MM-DD` or any date brief finds in text); without it, the date is
    /// looked for in the text and marked as found.
    #[arg(long)]
    pub date_field: Option<String>,
    /// A group field (source, province, country).
    #[arg(long)]
    pub group_field: Option<String>,
    /// A title field.
    #[arg(long)]
    pub title_field: Option<String>,
    /// Representative sentences per theme.
    #[arg(long, default_value_t = 5)]
    pub sentences_per_theme: usize,
    /// Skip bad documents and list them in the overview.
    #[arg(long)]
    pub skip_bad: bool,
    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    #[arg(long)]
    pub lossy: bool,
    /// Read files in this encoding instead of detecting it.
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// The documents' language, counted in the overview (detected per document by default).
    #[arg(long, value_enum, default_value_t = Lang::Auto)]
    pub lang: Lang,
    /// How inputs are read: a saved web page as the text a reader sees of it, anything else as
    /// text; `html` and `text` force one.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// A theme model written by `brief train` (its taxonomy's themes; default: the shipped
    /// model).
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// Refuse inputs larger than this many bytes (JSON Lines: lines; they are read a chunk at a
    /// time, so an archive of any size is read in bounded memory).
    #[arg(long, default_value_t = 512 * 1024 * 1024, value_name = "BYTES")]
    pub max_size: u64,
    /// The bytes of JSON Lines read at a time (tests use small chunks).
    #[arg(long, hide = true, default_value_t = crate::io::STREAM_CHUNK, value_name = "BYTES")]
    pub stream_chunk: usize,
    /// Write the digest as a part to merge with `--parts` (JSON: its documents' records and
    /// each theme's best candidate sentences) instead of a report: one part per share of an
    /// archive, made on as many machines.
    #[arg(long, conflicts_with_all = ["format", "parts"])]
    pub to_part: bool,
    /// The inputs are parts written by `--to-part`, merged in the order given (with the same
    /// --sentences-per-theme and --model they were made with): the report equals the digest
    /// of all their documents in that order.
    #[arg(long, conflicts_with_all = [
        "jsonl", "skip_bad", "lossy", "encoding", "date_field", "group_field", "title_field",
        "id_field", "text_field",
    ])]
    pub parts: bool,
}

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Mean ROUGE of each scorer over a corpus of articles with reference summaries.
    Summarize(EvalSummarizeArgs),
    /// Cross-validate the classifier models on a labelled corpus, or test a model on it.
    Classify(EvalClassifyArgs),
}

#[derive(Debug, Args)]
pub struct EvalSummarizeArgs {
    /// Corpora, each `PATH[@N]`: a JSON Lines file (id, article, reference summary) or a folder
    /// in the policy-news layout (`texts/en/*.txt` and `summaries.jsonl`); `@N` sets the summary
    /// length for that corpus (a number, or `ref` for the reference's sentence count).
    #[arg(required = true, num_args = 1..)]
    pub corpora: Vec<String>,
    /// The default summary length: a number of sentences, or `ref`.
    #[arg(short = 'n', long, default_value = "ref")]
    pub sentences: String,
    /// Comma-separated scorers to compare.
    #[arg(
        long,
        default_value = "learned,lead,combined,textrank,lexrank,keyword,luhn,title,cue,position,length"
    )]
    pub scorers: String,
    /// The article field of JSON Lines corpora.
    #[arg(long, default_value = "article")]
    pub text_field: String,
    /// The reference field (a list of sentences or a string).
    #[arg(long, default_value = "summary_sentences")]
    pub summary_field: String,
    /// A title field to put on the first line (empty: none).
    #[arg(long, default_value = "title")]
    pub title_field: String,
    /// The language folder of policy-news corpora.
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Use only the first N documents of each corpus.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Fail (exit 1) if the first scorer's ROUGE-2 F1 on the first corpus is below this.
    #[arg(long)]
    pub min_rouge2: Option<f64>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct TrainSummarizerArgs {
    /// Training corpora, each `PATH[@N]` as in `brief eval summarize`.
    #[arg(required = true, num_args = 1..)]
    pub corpora: Vec<String>,
    /// Where to write the model.
    #[arg(long)]
    pub out: PathBuf,
    /// The model whose features are fitted (default: the shipped model).
    #[arg(long)]
    pub template: Option<PathBuf>,
    /// L2 regularization strength.
    #[arg(long, default_value_t = 1.0)]
    pub l2: f64,
    /// The default summary length (sentences, or `ref`).
    #[arg(short = 'n', long, default_value = "ref")]
    pub sentences: String,
    /// The language folder of policy-news corpora.
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// A source note stored in the model.
    #[arg(long, default_value = "")]
    pub source: String,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct EvalClassifyArgs {
    /// Labelled JSON Lines (`id`, `text`, `labels`), or a folder of labelled news in the
    /// policy-news layout (`texts/LANG/*.txt`, `themes.jsonl`, `sentence-themes.jsonl`),
    /// on which the model (the builtin one, or --model) is tested.
    pub corpus: PathBuf,
    /// The language folder of a policy-news corpus.
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Fail (exit 1) if the news model's sentence accuracy (policy-news) is below this.
    #[arg(long)]
    pub min_sentence_accuracy: Option<f64>,
    /// Number of cross-validation folds.
    #[arg(long, default_value_t = 5)]
    pub folds: usize,
    /// Test this model on the corpus instead of cross-validating (so --folds and --config,
    /// which are about training, do not apply).
    #[arg(long, conflicts_with_all = ["folds", "config", "neighbors"])]
    pub model: Option<PathBuf>,
    /// A JSON training configuration for cross-validation.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Cross-validate models whose N nearest training texts vote on a text's themes (over
    /// --config's `neighbors`).
    #[arg(long, value_name = "N")]
    pub neighbors: Option<usize>,
    #[command(flatten)]
    pub fields: RecordFields,
    /// Print per-theme precision, recall and F1.
    #[arg(long)]
    pub per_theme: bool,
    /// Fail (exit 1) if the main model's micro-F1 is below this (hybrid on JSON Lines, news
    /// on a policy-news folder).
    #[arg(long)]
    pub min_micro_f1: Option<f64>,
    /// Fail (exit 1) if the main model's macro-F1 is below this.
    #[arg(long)]
    pub min_macro_f1: Option<f64>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(line: &str) -> Vec<OsString> {
        line.split(' ').map(OsString::from).collect()
    }

    /// The parse of `line` by the whole command: the command line read, or the error's kind
    /// and text.
    fn whole(line: &str) -> String {
        match Cli::try_parse_from(argv(line)) {
            Ok(cli) => format!("{cli:?}"),
            Err(e) => format!("{:?}: {}", e.kind(), e.render()),
        }
    }

    fn fast(line: &str) -> String {
        match Cli::parse_args(argv(line)) {
            Ok(cli) => format!("{cli:?}"),
            Err(e) => format!("{:?}: {}", e.kind(), e.render()),
        }
    }

    #[test]
    fn one_command_reads_every_command_line_as_the_whole_command_does() {
        // Command lines that parse: the command alone reads them.
        let good = [
            "brief summarize",
            "brief summarize a.txt -n 5 --scorer textrank -f json --explain",
            "brief summarize - --ratio 0.3 --redundancy 0.7 --lang zh --order score",
            "brief summarize --jsonl --text-field article --id-field id b.jsonl -o out.jsonl",
            "brief summarize --words 40 --theme talent --duplicates off x.txt",
            "brief summarize -fjson a.txt",
            "brief keywords --lang en a.txt",
            "brief classify --per-sentence --split-semicolons --kind lexicon --explain a.txt",
            "brief classify --jsonl --kind hybrid --context-field background --model m.bin r.jsonl",
            "brief digest --jsonl --date-field date --group-field country -f html -o d.html c.jsonl",
            "brief sentences -f json a.txt",
            "brief tokens a.txt",
        ];
        for line in good {
            let m = one_command(&argv(line))
                .expect(line)
                .try_get_matches_from(argv(line));
            assert!(m.is_ok(), "{line}: {m:?}");
            assert_eq!(fast(line), whole(line), "{line}");
        }
        // Errors (the same text and kind), help and version (left to the whole command),
        // and what is not a text command.
        let other = [
            "brief summarize --no-such-flag",
            "brief summarize -n 0 a.txt",
            "brief summarize --order nope a.txt",
            "brief classify --kind nope",
            "brief keywords a.txt b.txt",
            "brief summarize --help",
            "brief summarize -h",
            "brief classify -fh",
            "brief summarize --version",
            "brief tokens -V",
            "brief",
            "brief help summarize",
            "brief eval summarize corpus.jsonl@3",
            "brief completions bash",
            "brief nope",
        ];
        for line in other {
            let alone = one_command(&argv(line)).map(|c| c.try_get_matches_from(argv(line)));
            assert!(!matches!(alone, Some(Ok(_))), "{line}");
            assert_eq!(fast(line), whole(line), "{line}");
        }
    }

    #[test]
    fn one_command_is_built_only_for_text_commands_without_help() {
        assert!(one_command(&argv("brief summarize a.txt")).is_some());
        assert!(one_command(&argv("brief summarize --help")).is_none());
        assert!(one_command(&argv("brief classify -fh a.txt")).is_none());
        assert!(one_command(&argv("brief eval summarize c.jsonl")).is_none());
        assert!(one_command(&argv("brief")).is_none());
    }
}
