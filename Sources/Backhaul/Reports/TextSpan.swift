/// A piece of a sentence the Markdown and HTML reports share, each escaped
/// by the format that writes it (so a file name with backticks or `**`
/// stays text in both).
enum TextSpan: Sendable, Hashable {
    /// The report's own words: written as they are in Markdown (they hold
    /// no markup), escaped in HTML.
    case text(String)
    /// Text that came from the user (ids, names, files, factor sources):
    /// escaped in both formats.
    case user(String)
    /// A code span.
    case code(String)
    /// Strong text (the report's own words).
    case strong(String)
}
