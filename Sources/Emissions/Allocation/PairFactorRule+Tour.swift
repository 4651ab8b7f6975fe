extension PairFactorRule {
    /// The key that applies to a tour whose shipments, in service order,
    /// override it as `overrides`: the first given, else `runDefault`. For a
    /// pair this is ``resolve(first:second:runDefault:)``.
    public static func resolve(_ overrides: [String?], runDefault: String) -> String {
        for o in overrides {
            if let o, o.contains(where: { !$0.isWhitespace }) { return o }
        }
        return runDefault
    }
}
