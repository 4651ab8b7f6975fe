import Foundation

/// Reading a factors file (`--factors FILE.json`).
///
/// The format (documented in `docs/emissions.md`):
///
/// ```json
/// {
///   "comment": "optional, anywhere an object is",
///   "vehicles": {
///     "artic-40t": {
///       "name": "optional description",
///       "payload_kg": 25000,
///       "litres_per_100km_empty": 21.0,
///       "litres_per_100km_full": 30.5,
///       "source": "Our fleet telematics, 2025 average",
///       "year": 2025
///     }
///   },
///   "fuels": {
///     "hvo100": {
///       "co2e_kg_per_litre_ttw": 0.0,
///       "co2e_kg_per_litre_wtw": 0.35,
///       "source": "Supplier's 2025 product declaration",
///       "year": 2025
///     }
///   }
/// }
/// ```
///
/// An entry whose key exists replaces the whole entry (every value with its
/// source: values of one entry never come from two sources); a new key adds an
/// entry. `name` may be left out: a replaced entry keeps its name, a new one is
/// named after its key.
extension EmissionFactors {
    /// Largest factors file read; anything bigger is not a factors file.
    public static let maxFactorsFileBytes = 4 << 20

    /// This catalogue with the factors file at `path` applied.
    ///
    /// - Throws: ``FactorsFileError`` with ``FactorsFileError/isUnreadable``
    ///   set when the file cannot be read, or with the line and key that are
    ///   wrong when its content is refused.
    public func applying(factorsFile path: String) throws(FactorsFileError) -> EmissionFactors {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FactorsFileError(path: path, message: "no such file", isUnreadable: true)
        }
        guard !isDirectory.boolValue else {
            throw FactorsFileError(path: path, message: "is a folder, not a factors file", isUnreadable: true)
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int,
            size > Self.maxFactorsFileBytes
        {
            throw FactorsFileError(
                path: path, message: "file is \(size) bytes; a factors file is at most \(Self.maxFactorsFileBytes)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FactorsFileError(path: path, message: "cannot read the file", isUnreadable: true)
        }
        return try applying(factorsJSON: [UInt8](data), file: path)
    }

    /// This catalogue with a factors file's content applied; `file` names it
    /// in errors and in the sources of the entries it sets.
    ///
    /// - Throws: ``FactorsFileError`` naming the line and key that are wrong.
    /// - Complexity: O(n) in the length of `bytes`.
    public func applying(factorsJSON bytes: [UInt8], file: String) throws(FactorsFileError) -> EmissionFactors {
        guard bytes.count <= Self.maxFactorsFileBytes else {
            throw FactorsFileError(
                path: file, message: "file is \(bytes.count) bytes; a factors file is at most \(Self.maxFactorsFileBytes)")
        }
        let root: JSONNode
        do {
            root = try JSONReader.parse(bytes)
        } catch {
            throw FactorsFileError(path: file, line: error.line, message: "invalid JSON: \(error.message)")
        }
        var reader = FactorsFileReader(file: file, base: self)
        try reader.read(root)
        reader.result._checkInvariants()
        return reader.result
    }
}
