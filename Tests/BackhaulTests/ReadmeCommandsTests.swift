import Foundation
import Testing
@testable import backhaul

/// The newcomer's path: every command the README shows runs as written from
/// the repository root on the bundled files, and prints what the README
/// says it prints; every `--help` example runs too; every link in the README
/// and `docs/` resolves inside the repository.
///
/// Commands run with the built executable first on `PATH`, through
/// `/bin/sh -c`, in a scratch folder standing in for the repository root
/// (`samples` links to the real one), so the files the examples write
/// (`malta.bhg`, `reports/`, …) never land in the checkout. A missing
/// executable fails these tests (``CLI/requireExecutable()``).
enum Readme {
    /// One command of the README and the output it shows (empty for `sh`
    /// blocks, which show none).
    struct Example: CustomStringConvertible {
        var line: Int
        var command: String
        var shown: [String]
        var description: String { "README.md:\(line): \(command)" }
    }

    static var text: String {
        get throws { try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8) }
    }

    /// Lines the test does not run, with why: building and testing are what
    /// produced the executable under test and what is running now.
    static let notRun = ["swift build", "swift test"]

    /// The commands of every fenced block: each line of a `sh` block, and
    /// each `$ ` line of a block without a language, with the output lines
    /// under it. `swift run [-c release] backhaul` becomes `backhaul`.
    static func examples(_ text: String) -> [Example] {
        var out: [Example] = []
        var fence: String? = nil
        var current: Int? = nil  // the `$` example whose output lines follow, in this block
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            if line.hasPrefix("```") {
                fence = fence == nil ? String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces) : nil
                current = nil
                continue
            }
            guard let language = fence else { continue }
            if language == "sh" {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), !notRun.contains(where: trimmed.hasPrefix) else { continue }
                out.append(Example(line: i + 1, command: normalise(trimmed), shown: []))
            } else if language.isEmpty {
                if line.hasPrefix("$ ") {
                    out.append(Example(line: i + 1, command: normalise(String(line.dropFirst(2))), shown: []))
                    current = out.count - 1
                } else if let current {
                    out[current].shown.append(line)
                }
            }
        }
        return out
    }

    static func normalise(_ command: String) -> String {
        for prefix in ["swift run -c release backhaul", "swift run backhaul"] where command.hasPrefix(prefix) {
            return "backhaul" + command.dropFirst(prefix.count)
        }
        return command
    }

    /// A scratch folder that stands in for the repository root.
    static func scratchRoot() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bh-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: dir.appendingPathComponent("samples"), withDestinationURL: packageRoot.appendingPathComponent("samples"))
        return dir
    }

    /// Runs `command` with `/bin/sh -c` in `directory`, the built executable
    /// first on `PATH`.
    static func run(_ command: String, in directory: URL) throws -> CLI.Result {
        let executable = try CLI.requireExecutable()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        p.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = executable.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        p.environment = environment
        // Files, not pipes: nothing to drain while the process runs.
        let outURL = directory.appendingPathComponent(".stdout"), errURL = directory.appendingPathComponent(".stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return CLI.Result(status: p.terminationStatus, stdout: try String(contentsOf: outURL, encoding: .utf8),
                          stderr: try String(contentsOf: errURL, encoding: .utf8))
    }

    /// Timings vary from run to run: `1.008 s`, `21.5 ms` and `in 0.20 s`
    /// compare equal to any other time.
    static func withoutTimes(_ line: String) -> String {
        line.replacing(/\d+(\.\d+)? (s|ms)\b/, with: "<time>")
    }

    /// The shown lines (blank lines and `...` aside) that do not appear in
    /// `actual` in the order shown.
    static func missing(_ shown: [String], in actual: String) -> [String] {
        let lines = actual.split(separator: "\n", omittingEmptySubsequences: false).map { withoutTimes(String($0)) }
        var at = 0
        var missing: [String] = []
        for expected in shown where !expected.trimmingCharacters(in: .whitespaces).isEmpty && expected != "..." {
            let e = withoutTimes(expected)
            if let k = lines[at...].firstIndex(of: e) {
                at = k + 1
            } else {
                missing.append(expected)
            }
        }
        return missing
    }
}

@Suite(.serialized) struct ReadmeCommandsTests {
    @Test func readmeHasTheSetUpCommandsAndTheExamplesWeExpect() throws {
        let text = try Readme.text
        let examples = Readme.examples(text)
        let commands = examples.map(\.command)
        // The two set-up commands: the main job on a bundled sample, and the tests.
        #expect(text.contains("swift run -c release backhaul match --graph samples/malta/malta-latest.osm.pbf samples/shipments/demo-malta.csv --format md"))
        #expect(text.contains("\nswift test\n"))
        // How to build once and call plain `backhaul`.
        #expect(text.contains("swift build -c release"))
        #expect(text.contains(".build/release/backhaul"))
        #expect(text.contains("export PATH="))
        // Guard the extraction itself: the Malta figures are among the
        // checked output lines, so the test below asserts them.
        let malta = try #require(examples.first { $0.command.hasPrefix("backhaul match --graph samples/malta/") && $0.command.hasSuffix("--format md") && !$0.shown.isEmpty })
        for figure in ["| Pairs | 4 (8 shipments) |", "| **Empty km saved** | **137.8** |", "| **CO2e saved, well-to-wheel (kg)** | **94.9** |",
                       "| 1 | MT-01 | MT-02 | Freeport Logistics / Technopark Exports | 40.0 | 0.0 | 40.0 → 0.0 | 27.6 |"] {
            #expect(malta.shown.contains(figure), "\(figure)")
        }
        #expect(commands.count >= 12, "\(commands)")
        #expect(commands.allSatisfy { $0.hasPrefix("backhaul") || $0.hasPrefix("export PATH=") || $0.hasPrefix("install ") },
                "\(commands.filter { !$0.hasPrefix("backhaul") })")
    }

    /// Every README command exits 0, and every output line it shows is
    /// printed, in order — including the Malta figures.
    @Test func everyReadmeCommandRunsAsWritten() throws {
        let root = try Readme.scratchRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        for example in Readme.examples(try Readme.text) where !example.command.hasPrefix("install ") {
            let r = try Readme.run(example.command, in: root)
            #expect(r.status == 0, "\(example) exited \(r.status): \(r.stderr)")
            let missing = Readme.missing(example.shown, in: r.stdout + "\n" + r.stderr)
            #expect(missing.isEmpty, "\(example): shown but not printed: \(missing)\n--- stdout:\n\(r.stdout)\n--- stderr:\n\(r.stderr)")
        }
    }

    /// Every example in every `--help` runs as written from the repository
    /// root. Graph builds run first, so that examples using the `.bhg` they
    /// write find it.
    @Test func everyHelpExampleRunsAsWritten() throws {
        func all(_ c: CommandSpec) -> [CommandSpec] { [c] + c.subcommands.flatMap(all) }
        // Graph builds first (later examples use the .bhg), then match (one
        // example writes the ledger the ledger examples read).
        func order(_ c: CommandSpec) -> Int { ["graph": 0, "match": 1][c.path.first ?? ""] ?? 2 }
        let commands = all(BackhaulCommand.root).sorted { order($0) < order($1) }
        let examples = commands.flatMap { c in c.examples.map { (c.fullName, $0) } }
        #expect(examples.count >= 12)
        let root = try Readme.scratchRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        for (command, example) in examples {
            #expect(example.hasPrefix("backhaul "), "\(command): \(example)")
            let r = try Readme.run(example, in: root)
            #expect(r.status == 0, "\(command) example exited \(r.status): \(example)\n\(r.stderr)")
        }
    }

    /// Every relative link in README.md and docs/**/*.md names a file inside
    /// the repository, and every `#anchor` a heading of its target.
    @Test func everyLinkResolvesInsideTheRepository() throws {
        let root = packageRoot.standardizedFileURL
        var files = [root.appendingPathComponent("README.md")]
        let docs = root.appendingPathComponent("docs")
        if let e = FileManager.default.enumerator(at: docs, includingPropertiesForKeys: nil) {
            for case let url as URL in e where url.pathExtension == "md" { files.append(url) }
        }
        #expect(files.count > 5)
        var checked = 0
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: /\]\(([^)\s]+)\)/) {
                let target = String(match.output.1)
                if target.hasPrefix("http://") || target.hasPrefix("https://") || target.hasPrefix("mailto:") { continue }
                checked += 1
                let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let path = parts[0], anchor = parts.count > 1 ? parts[1] : nil
                let resolved = path.isEmpty ? file : file.deletingLastPathComponent().appendingPathComponent(path).standardizedFileURL
                let name = "\(file.path.dropFirst(root.path.count + 1)): (\(target))"
                #expect(resolved.path.hasPrefix(root.path + "/"), "\(name) leaves the repository")
                #expect(FileManager.default.fileExists(atPath: resolved.path), "\(name) does not exist")
                if let anchor, resolved.pathExtension == "md", let target = try? String(contentsOf: resolved, encoding: .utf8) {
                    #expect(Self.anchors(target).contains(anchor), "\(name): no heading for #\(anchor)")
                }
            }
        }
        #expect(checked > 20)
    }

    /// GitHub's heading anchors: lower case; letters, digits, spaces, `-`
    /// and `_` kept; spaces become `-`.
    static func anchors(_ markdown: String) -> Set<String> {
        var out: Set<String> = []
        var inFence = false
        for line in markdown.split(separator: "\n") {
            if line.hasPrefix("```") { inFence.toggle() }
            guard !inFence, line.hasPrefix("#") else { continue }
            let title = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces).lowercased()
            let kept = title.unicodeScalars.filter {
                CharacterSet.alphanumerics.contains($0) || $0 == " " || $0 == "-" || $0 == "_"
            }
            out.insert(String(String.UnicodeScalarView(kept)).replacingOccurrences(of: " ", with: "-"))
        }
        return out
    }

    @Test func anchorsFollowGitHub() {
        #expect(Self.anchors("# `match` output\n## Exit codes and errors\n### Points files (`matrix`)\n")
            == ["match-output", "exit-codes-and-errors", "points-files-matrix"])
    }
}
