/// Reads GIFT question banks the way Moodle's importer does (`question/format/gift/format.php`, with the question
/// splitting of `qformat_default::readquestions`), so a file that imports into Moodle reads the same here.
///
/// Where binhdan deliberately differs from Moodle:
///
/// 1. **Lines keep their indentation.** Moodle's file import trims every line before `readquestion` sees it, which
///    flattens `<pre>` blocks and Markdown indentation; binhdan keeps lines as written, as Moodle's own
///    `readquestion` tests expect (`test_import_pre_content`). Texts are still trimmed at both ends.
/// 2. **A line holding only `0` is not a blank line**, and an answer, name or leading text of `0` is kept. PHP's
///    `empty("0")` is true, so Moodle splits questions there and drops such answers (`{0}` is refused).
/// 3. **Numerical answers must be numbers or `*`.** Moodle's check `is_numeric($ans) || $ans = '*'` assigns instead of
///    comparing, so it turns any non-number (`{#abc}`, `{#=}`) into the catch-all `*`; binhdan reports
///    "numerical answers must be numbers". A range whose ends are not numbers (`{#a..b}`), which crashes PHP 8, is
///    reported the same way, and so is a negative tolerance (`{#5:-1}`, `{#5..1}`), which no answer could match.
/// 4. **One answer block per question, and literal braces must be escaped.** Moodle takes the first `{` and the first
///    `}` and leaves any other brace in the text (`A {=x} B {=y}` gives the text `A  B {=y}`; `{a { b}` gives the
///    answer `a { b`); binhdan reports the extra `{` or `}` with its position and the opening brace's position. A `}`
///    before the `{` is reported as "unexpected '}' without an opening '{'" where Moodle produced garbage.
/// 5. **An unclosed name is an error.** For `::Name text{...}` without the second `::` Moodle drops the leading `::`
///    and uses the rest as the text; binhdan reports "expected '::' to close the question name".
/// 6. **Empty answers are errors**: `{=}`, `{~a ~}`, `{~=}`, a matching pair with nothing after `->`, and a
///    numerical answer with no number. Moodle stores them as empty answers.
/// 7. **Multiple choice: every answer starts with `~` or `=`.** Moodle makes text before the first `~`/`=` (`{yes ~no
///    =maybe}`) a wrong answer; binhdan reports "expected '~' or '=' before ...". Also, `=` always means 100% in
///    Moodle's multiple choice, so `=%50%x` gives an answer whose text is `%50%x`; binhdan reports it and asks for
///    `~%50%x`. (Short-answer, numerical and matching blocks keep Moodle's reading of leading text as an answer.)
/// 8. **Weights**: `%-50%` and `%33.33333%` are accepted like Moodle. A weight outside -100%...100% (which Moodle's
///    import rejects after parsing) and one with several minus signs (`%--50%`, which crashes PHP 8) are errors.
///    Weights that are not in Moodle's list of grades (such as `%33%`) are accepted as written, where Moodle's
///    import, set to "error" for unknown grades, refuses the file. An answer that starts with `%` but is not a
///    weight (`~%50 text`) is read as text like Moodle does, with a warning.
/// 9. **Numerical catch-all**: `~` carries only feedback (`~#text`). Moodle ignores any text between `~` and `#`
///    (`{#5 ~6#x}`); binhdan reports it.
/// 10. **`$CATEGORY:` takes one line.** Moodle makes everything up to the next blank line part of the category name
///     and keeps escapes unresolved in it (`\:` stays as its internal placeholder `&&058;`); binhdan resolves escapes
///     and reports text after the category line ("expected a blank line after the '$CATEGORY:' line"). An empty
///     category name is an error.
/// 11. **Escapes cannot collide with text.** Moodle swaps escapes for placeholders such as `&&058;` and back, so
///     those placeholders written literally turn into `:`, `#`, `=`, `{`, `}`, `~`, `\` or a line break; binhdan
///     keeps such text as written.
/// 12. **Names.** An explicit `::::` (empty) name falls back to the name made from the text, like a missing name.
///     When Moodle shortens long text into a name (`shorten_text`, 80 characters), it may cut a word after any
///     character that takes 3 or more bytes in UTF-8, meant for Chinese and Japanese, which includes many
///     Vietnamese letters (`ế`, `ộ`, `ữ`); binhdan treats Latin and Greek letters (U+1D00...U+1FFF) as letters and
///     cuts at a space or full stop. Stray `<` or `>` are kept where `shorten_text` drops them, and the multilang
///     `<span lang>`/`<lang>` tags that `clean_param(PARAM_TEXT)` would keep are stripped like any tag.
/// 13. **Text formats** need the closing `]`: Moodle reads `[htmlx` (no `]`) as format html with text `htmlx`.
/// 14. **Tags**: an empty `[tag:]` is dropped rather than kept as an empty tag.
/// 15. **Files** must be UTF-8, as Moodle's `validate_file` also requires; binhdan reports the first bad byte's line
///     and column. A file with no questions at all is an error, as Moodle refuses it.
public enum GIFTParser {
    /// Reads every question of a GIFT file; a question with a problem is reported and skipped, never the others.
    public static func parse(_ bytes: [UInt8], file: String) -> (questions: [Question], diagnostics: [Diagnostic]) {
        let text: String
        switch TextDecoding.decodeUTF8(bytes) {
        case .failure(let invalid):
            let message =
                "the file is not valid UTF-8 (bad byte at \(invalid.line):\(invalid.column)); save it as UTF-8"
            return ([], [.error(message, file: file, line: invalid.line, column: invalid.column)])
        case .success(let decoded):
            text = decoded
        }
        var questions: [Question] = []
        var diagnostics: [Diagnostic] = []
        var category: String?
        for block in blocks(of: Array(text.unicodeScalars)) {
            var reader = GIFTQuestionReader(block)
            do {
                switch try reader.read() {
                case .nothing:
                    break
                case .category(let name):
                    category = name
                case .question(var question):
                    question.category = category
                    questions.append(question)
                }
            } catch {
                diagnostics.append(
                    .error(error.message, file: file, line: error.position.line, column: error.position.column))
            }
            for warning in reader.warnings {
                diagnostics.append(
                    .warning(warning.message, file: file, line: warning.position.line, column: warning.position.column))
            }
        }
        if questions.isEmpty && !diagnostics.hasErrors {
            diagnostics.append(.error("the file has no questions", file: file))
        }
        return (questions, diagnostics.sortedByLocation())
    }

    /// The runs of non-blank lines, each a question (or a category, or only comments), as Moodle splits a file.
    static func blocks(of scalars: [Unicode.Scalar]) -> [GIFTBlock] {
        var blocks: [GIFTBlock] = []
        var current: [GIFTBlock.Line] = []
        var lineStart = 0
        var lineNumber = 1
        var blank = true
        var index = 0
        while index <= scalars.count {
            guard index == scalars.count || scalars[index] == "\n" else {
                if blank && !scalars[index].isPHPWhitespace { blank = false }
                index += 1
                continue
            }
            if blank {
                if !current.isEmpty { blocks.append(GIFTBlock(lines: current)) }
                current = []
            } else {
                current.append(GIFTBlock.Line(number: lineNumber, scalars: scalars[lineStart..<index]))
            }
            index += 1
            lineStart = index
            lineNumber += 1
            blank = true
        }
        if !current.isEmpty { blocks.append(GIFTBlock(lines: current)) }
        return blocks
    }
}

/// The lines of one question block, joined into glyphs with escapes resolved and comment lines set apart.
struct GIFTBlock {
    struct Line {
        var number: Int
        var scalars: ArraySlice<Unicode.Scalar>
    }

    /// The block's text as Moodle sees it: comment lines become a single space, lines are joined with line breaks.
    let glyphs: [GIFTGlyph]
    /// The comment lines, trimmed, each followed by a line break (where `[id:...]` and `[tag:...]` are found).
    let comments: [Unicode.Scalar]
    /// The file line of the block's first line.
    let firstLine: Int

    init(lines: [Line]) {
        var glyphs: [GIFTGlyph] = []
        var comments: [Unicode.Scalar] = []
        for (offset, line) in lines.enumerated() {
            if offset > 0 {
                let previous = lines[offset - 1]
                glyphs.append(GIFTGlyph("\n", line: previous.number, column: previous.scalars.count + 1))
            }
            let trimmed = line.scalars.phpTrimmed
            if trimmed.starts(with: ["/", "/"]) {
                comments.append(contentsOf: trimmed)
                comments.append("\n")
                glyphs.append(GIFTGlyph(" ", line: line.number, column: 1))
                continue
            }
            Self.appendResolvingEscapes(line, to: &glyphs)
        }
        self.glyphs = glyphs
        self.comments = comments
        self.firstLine = lines.first?.number ?? 1
    }

    /// The characters a backslash makes literal: `\\ \: \# \= \{ \} \~`, and `\n` for a line break.
    private static let escapable: Set<Unicode.Scalar> = ["\\", ":", "#", "=", "{", "}", "~", "n"]

    private static func appendResolvingEscapes(_ line: Line, to glyphs: inout [GIFTGlyph]) {
        let scalars = line.scalars
        var index = scalars.startIndex
        var column = 1
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = index + 1 < scalars.endIndex ? scalars[index + 1] : nil
            if scalar == "\\", let next, escapable.contains(next) {
                glyphs.append(GIFTGlyph(next == "n" ? "\n" : next, escaped: true, line: line.number, column: column))
                index += 2
                column += 2
            } else {
                glyphs.append(GIFTGlyph(scalar, line: line.number, column: column))
                index += 1
                column += 1
            }
        }
    }
}
