import Foundation
import Testing

/// The `backhaul` executable as users run it: exit codes, stderr, stdout.
enum CLI {
    /// The executable built beside the test bundle.
    static let executable: URL? = {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("backhaul")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The executable, or an error that fails the calling test: these tests
    /// exercise the real program and must not pass, or skip, without it.
    static func requireExecutable() throws -> URL {
        guard let executable else {
            throw RequiredComponentMissing(component: "the backhaul executable",
                                           remedy: "it is built beside the test bundle by `swift build --build-tests` / `swift test`")
        }
        return executable
    }

    static func run(_ arguments: [String], stdin: String? = nil) throws -> Result {
        let p = Process()
        p.executableURL = try requireExecutable()
        p.arguments = arguments
        p.currentDirectoryURL = packageRoot
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}

@Suite struct CLIProcessTests {
    @Test func helpTeaches() throws {
        let r = try CLI.run(["match", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("USAGE: backhaul match"))
        #expect(r.stdout.contains("--max-deadhead-km <km>"))
        #expect(r.stdout.contains("EXAMPLES:"))
        let root = try CLI.run([])
        #expect(root.status == 0 && root.stdout.contains("SUBCOMMANDS:"))
    }

    @Test func usageErrorsExitTwoWithAHint() throws {
        let r = try CLI.run(["match", "--stratgy", "greedy", "x.csv"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("backhaul: error: unknown option '--stratgy'; did you mean '--strategy'?"))
        #expect(r.stderr.contains("See 'backhaul match --help'"))
        #expect(r.stdout.isEmpty)
    }

    @Test func invalidInputExitsThree() throws {
        let r = try CLI.run(["match", "-"], stdin: "id,origin_lat,origin_lon,dest_lat,dest_lon\nA,123,14,56,15\n")
        #expect(r.status == 3)
        #expect(r.stderr.contains("backhaul: error:"))
        #expect(r.stderr.contains("<stdin>:2"))
    }

    @Test func standardInputBatchRuns() throws {
        let csv = "id,origin_lat,origin_lon,dest_lat,dest_lon\nA,56.87767,14.80906,56.66157,16.36163\nB,56.66157,16.36163,56.87767,14.80906\n"
        let r = try CLI.run(["match", "-", "--format", "csv", "--quiet"], stdin: csv)
        #expect(r.status == 0)
        #expect(r.stdout.contains("pair,A,B,A,"))
        #expect(r.stderr.isEmpty)
    }
}
