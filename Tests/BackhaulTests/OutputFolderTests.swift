import Foundation
import Testing
@testable import Backhaul

#if canImport(Glibc)
import Glibc
#endif

/// Runs the real `backhaul` executable with extra environment variables and
/// an optional standard output file; fails (never skips) when the
/// executable is missing.
enum OutputCLI {
    struct Result {
        var status: Int32
        /// Killed by a signal (the crash-injection runs).
        var signalled: Bool
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], environment: [String: String] = [:], stdoutPath: String? = nil,
                    shell: String? = nil) throws -> Result {
        let exe = try #require(CLI.executable, "the backhaul executable was not found beside the test bundle: build it first")
        let p = Process()
        if let shell {
            // `sh -c '<shell>; exec backhaul "$@"' backhaul args…`
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", shell + "; exec \"$0\" \"$@\"", exe.path] + arguments
        } else {
            p.executableURL = exe
            p.arguments = arguments
        }
        p.currentDirectoryURL = packageRoot
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "BACKHAUL_FAULT_STEP")
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        if let stdoutPath {
            p.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        } else {
            p.standardOutput = out
        }
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = stdoutPath == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, signalled: p.terminationReason == .uncaughtSignal,
                      stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}

/// A small crow-fly batch whose ids carry `tag`, so that the five reports
/// of different batches differ.
func taggedBatch(_ tag: String, in folder: borrowing TemporaryFolder, rows: Int = 4) throws -> String {
    var csv = "id,company,origin_lat,origin_lon,dest_lat,dest_lon\n"
    let towns = [(56.87767, 14.80906), (56.66157, 16.36163), (56.83324, 13.94082), (57.26455, 16.44837)]
    for i in 0..<rows {
        let a = towns[i % 4], b = towns[(i + 1) % 4]
        let (from, to) = i % 2 == 0 ? (a, b) : (b, a)
        csv += "\(tag)-\(i),Firm \(tag),\(from.0),\(from.1),\(to.0),\(to.1)\n"
    }
    return try folder.file("\(tag).csv", csv)
}

/// What a reader of the folder sees: the five report names, read now.
struct FolderView: Equatable {
    var files: [String: Data]

    static func read(_ dir: String) -> FolderView {
        var files: [String: Data] = [:]
        for name in MatchOutput.fileNames {
            if let d = FileManager.default.contents(atPath: dir + "/" + name) { files[name] = d }
        }
        return FolderView(files: files)
    }

    var isEmpty: Bool { files.isEmpty }
    var isComplete: Bool { files.count == MatchOutput.fileNames.count }
}

/// Checks that `dir` holds only what a finished run leaves: the five links,
/// `latest` (and `previous` when `expectPrevious`), the lock file and the
/// run folders that the two links point at, with five files each.
func expectNoLeftovers(_ dir: String, expectPrevious: Bool) throws {
    let fm = FileManager.default
    var expected = MatchOutput.fileNames + ["latest", ".backhaul-lock", ".backhaul-runs"]
    if expectPrevious { expected.append("previous") }
    #expect(try fm.contentsOfDirectory(atPath: dir).sorted() == expected.sorted())
    let runs = try fm.contentsOfDirectory(atPath: dir + "/.backhaul-runs").sorted()
    let linked = try ["latest", "previous"].filter { expectPrevious || $0 == "latest" }.map {
        try fm.destinationOfSymbolicLink(atPath: dir + "/" + $0).replacingOccurrences(of: ".backhaul-runs/", with: "")
    }
    #expect(runs == Set(linked).sorted())
    for run in runs {
        #expect(try fm.contentsOfDirectory(atPath: dir + "/.backhaul-runs/" + run).sorted() == MatchOutput.fileNames.sorted())
    }
}

@Suite struct OutputFolderTests {
    private func open(_ dir: String, timeout: Double = 0) throws(CommandFailure) -> OutputFolder {
        try OutputFolder(path: dir, fileNames: ["a.txt", "b.txt"], lockTimeout: timeout)
    }

    private func publish(_ folder: OutputFolder, _ text: String) throws(CommandFailure) {
        try folder.publish { name, out in out.write("\(name) \(text)\n") }
    }

    private func read(_ dir: String) -> [String] {
        ["a.txt", "b.txt"].map { (try? String(contentsOfFile: dir + "/" + $0, encoding: .utf8)) ?? "-" }
    }

    @Test func publishesThroughLatestAndKeepsThePreviousRun() throws {
        let t = try TemporaryFolder()
        let dir = t.url.path + "/out"
        try publish(try open(dir), "one")
        #expect(read(dir) == ["a.txt one\n", "b.txt one\n"])
        #expect(OutputFolder.readLink(dir + "/a.txt") == "latest/a.txt")
        #expect(OutputFolder.readLink(dir + "/previous") == nil)
        try publish(try open(dir), "two")
        #expect(read(dir) == ["a.txt two\n", "b.txt two\n"])
        #expect(read(dir + "/previous") == ["a.txt one\n", "b.txt one\n"])
        try publish(try open(dir), "three")
        #expect(read(dir + "/previous") == ["a.txt two\n", "b.txt two\n"])
        // Only the current and the previous run are kept.
        #expect(OutputFolder.entries(of: dir + "/.backhaul-runs").count == 2)
        #expect(OutputFolder.entries(of: dir).sorted() == [".backhaul-lock", ".backhaul-runs", "a.txt", "b.txt", "latest", "previous"])
    }

    /// `--out reports/` is the folder `reports`: named without a doubled
    /// slash, with the same layout.
    @Test func aTrailingSlashNamesTheSameFolder() throws {
        let t = try TemporaryFolder()
        let dir = t.url.path + "/out"
        let folder = try open(dir + "//")
        #expect(folder.path == dir)
        try publish(folder, "one")
        #expect(read(dir) == ["a.txt one\n", "b.txt one\n"])
        #expect(OutputFolder.readLink(dir + "/a.txt") == "latest/a.txt")
    }

    @Test func leftoversOfKilledRunsAreRemovedWhenTheFolderIsOpened() throws {
        let t = try TemporaryFolder()
        let dir = t.url.path + "/out"
        try publish(try open(dir), "one")
        try publish(try open(dir), "two")
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/.backhaul-runs/run-20260101T000000Z-killed", withIntermediateDirectories: false)
        _ = fm.createFile(atPath: dir + "/.backhaul-runs/run-20260101T000000Z-killed/a.txt", contents: Data("half".utf8))
        try fm.createSymbolicLink(atPath: dir + "/.backhaul-tmp-999-1", withDestinationPath: ".backhaul-runs/x")
        _ = fm.createFile(atPath: dir + "/.a.txt.tmp-Ab12Cd", contents: Data("old style".utf8))
        _ = fm.createFile(atPath: dir + "/notes.txt", contents: Data("the user's own file".utf8))
        let folder = try open(dir)
        #expect(OutputFolder.entries(of: dir + "/.backhaul-runs").count == 2)
        #expect(OutputFolder.entries(of: dir).sorted()
            == [".backhaul-lock", ".backhaul-runs", "a.txt", "b.txt", "latest", "notes.txt", "previous"])
        #expect(read(dir) == ["a.txt two\n", "b.txt two\n"])
        withExtendedLifetime(folder) {}
    }

    @Test func plainFilesOfEarlierVersionsAreTakenOver() throws {
        let t = try TemporaryFolder()
        let dir = t.url.path + "/out"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
        for name in ["a.txt", "b.txt"] {
            _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: Data("\(name) plain\n".utf8))
        }
        try publish(try open(dir), "new")
        #expect(read(dir) == ["a.txt new\n", "b.txt new\n"])
        #expect(read(dir + "/previous") == ["a.txt plain\n", "b.txt plain\n"])
    }

    @Test func aSecondRunWaitsForTheLockThenGivesUpWithExitSix() throws {
        let t = try TemporaryFolder()
        let dir = t.url.path + "/out"
        let first = try open(dir)
        let start = Date()
        do throws(CommandFailure) {
            _ = try open(dir, timeout: 0.3)
            Issue.record("the second open should time out")
        } catch {
            #expect(error.status == .locked)
            #expect(error.message.contains("--lock-timeout"))
            #expect(error.message.contains("(process \(getpid()))"))
        }
        #expect(Date().timeIntervalSince(start) >= 0.3)
        withExtendedLifetime(first) {}
    }

    @Test func theLockIsReleasedWithTheFolder() throws {
        let t = try TemporaryFolder()
        let dir = t.url.path + "/out"
        do { let first = try open(dir); withExtendedLifetime(first) {} }
        let second = try open(dir, timeout: 0)
        try publish(second, "x")
        #expect(read(dir) == ["a.txt x\n", "b.txt x\n"])
    }

    @Test func aFolderWhereAReportGoesIsAUsageError() throws {
        let t = try TemporaryFolder()
        let dir = t.url.path + "/out"
        try FileManager.default.createDirectory(atPath: dir + "/a.txt", withIntermediateDirectories: true)
        #expect(throws: CommandFailure.usage("--out \(dir): \(dir)/a.txt is a folder, where backhaul writes a file; move it away")) {
            try open(dir)
        }
        let file = try t.file("plain", "x")
        #expect(throws: CommandFailure.usage("--out \(file): exists and is not a folder")) { try open(file) }
    }
}
