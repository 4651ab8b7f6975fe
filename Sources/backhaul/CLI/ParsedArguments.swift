import Backhaul

/// The options and arguments of one command line, with typed accessors that
/// turn a malformed value into a usage error naming the option.
struct ParsedArguments: Sendable {
    let command: CommandSpec
    var values: [String: [String]] = [:]
    var flags: Set<String> = []
    var positionals: [String] = []

    /// `true` when flag `--name` was given.
    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The value of `--name`, if given.
    func string(_ name: String) -> String? { values[name]?.last }

    /// Every value of a repeatable option.
    func strings(_ name: String) -> [String] { values[name] ?? [] }

    /// The value of `--name`, or a usage error when it is missing.
    func required(_ name: String) throws(CommandFailure) -> String {
        guard let v = string(name) else {
            throw usage("missing expected option '\(synopsis(name))'")
        }
        return v
    }

    /// `--name` as an integer within `range`.
    func int(_ name: String, in range: ClosedRange<Int> = Int.min...Int.max) throws(CommandFailure) -> Int? {
        guard let text = string(name) else { return nil }
        guard let v = Int(text), range.contains(v) else {
            throw usage("invalid value '\(text)' for '\(synopsis(name))': expected an integer"
                + (range == Int.min...Int.max ? "" : " from \(range.lowerBound) to \(range.upperBound)"))
        }
        return v
    }

    /// `--name` as a finite number within `range`.
    func double(_ name: String, in range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude) throws(CommandFailure) -> Double? {
        guard let text = string(name) else { return nil }
        guard let v = Double(text), v.isFinite, range.contains(v) else {
            var expected = "a number"
            if range.lowerBound == 0 && range.upperBound == .greatestFiniteMagnitude { expected = "a number ≥ 0" }
            else if range.lowerBound > -Double.greatestFiniteMagnitude { expected = "a number from \(range.lowerBound) to \(range.upperBound)" }
            throw usage("invalid value '\(text)' for '\(synopsis(name))': expected \(expected)")
        }
        return v
    }

    /// `--name` as a `lat,lon` pair in WGS84 degrees.
    func coordinate(_ name: String) throws(CommandFailure) -> (latitude: Double, longitude: Double)? {
        guard let text = string(name) else { return nil }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2,
              let lat = Double(parts[0].trimmingSpaces()), let lon = Double(parts[1].trimmingSpaces()),
              lat.isFinite, lon.isFinite
        else {
            throw usage("invalid value '\(text)' for '\(synopsis(name))': expected 'lat,lon' in decimal degrees, e.g. 56.8777,14.8091")
        }
        guard abs(lat) <= 90, abs(lon) <= 180 else {
            throw usage("invalid value '\(text)' for '\(synopsis(name))': latitude must be within ±90 and longitude within ±180")
        }
        return (lat, lon)
    }

    /// A usage error for this command (exit 2), with its usage line appended
    /// when printed.
    func usage(_ message: String) -> CommandFailure {
        CommandFailure(.usage, message)
    }

    private func synopsis(_ name: String) -> String {
        command.options.first { $0.name == name }?.synopsis ?? "--\(name)"
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }
}
