/// RFC 4180 quoting for one CSV field: quoted only when it holds a comma, a
/// quote, a line break or leading/trailing space; quotes are doubled.
func csvField(_ s: String) -> String {
    let needs = s.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        || s.first == " " || s.last == " "
    guard needs else { return s }
    return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
}

extension String {
    /// `self` with every `target` replaced (no Foundation needed).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        out.reserveCapacity(count)
        for c in self {
            if c == target { out += replacement } else { out.append(c) }
        }
        return out
    }
}
