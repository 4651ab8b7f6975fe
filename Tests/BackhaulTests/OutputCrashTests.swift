import Foundation
import Testing
@testable import Backhaul

#if canImport(Glibc)
import Glibc
#endif

/// `backhaul match --out` as a nightly job meets it: killed at every step
/// of writing, out of disk space, run many times at once into one folder.
/// Each test drives the real executable (``FaultInjection`` kills it with
/// SIGKILL or fails a step with an error number).
@Suite struct OutputCrashTests {
    /// Two batches and the five reports each gives when nothing goes wrong.
    final class Fixture {
        let t: TemporaryFolder
        let a: String, b: String
        let viewA: FolderView, viewB: FolderView

        init() throws {
            t = try TemporaryFolder()
            a = try taggedBatch("A", in: t)
            b = try taggedBatch("B", in: t, rows: 6)
            viewA = try Fixture.cleanView(a, t.url.path + "/clean-a")
            viewB = try Fixture.cleanView(b, t.url.path + "/clean-b")
            #expect(viewA.isComplete && viewB.isComplete && viewA != viewB)
        }

        static func cleanView(_ batch: String, _ dir: String) throws -> FolderView {
            let r = try OutputCLI.run(["match", batch, "--out", dir, "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
            return FolderView.read(dir)
        }

        func run(_ batch: String, _ dir: String, fault: String? = nil) throws -> OutputCLI.Result {
            try OutputCLI.run(["match", batch, "--out", dir, "--quiet"],
                              environment: fault.map { ["BACKHAUL_FAULT_STEP": $0] } ?? [:])
        }
    }

    /// How each crash test starts.
    enum Start: CaseIterable, Sendable {
        /// The folder holds run A (and a previous run).
        case published
        /// The folder does not exist yet.
        case fresh
        /// The folder holds A as the plain files earlier versions wrote.
        case plainFiles
    }

    private func reset(_ f: Fixture, _ dir: String, to start: Start) throws {
        let fm = FileManager.default
        switch start {
        case .published:
            let r = try f.run(f.a, dir)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(FolderView.read(dir) == f.viewA)
            // Whatever the killed run left behind is gone.
            try expectNoLeftovers(dir, expectPrevious: true)
        case .fresh:
            try? fm.removeItem(atPath: dir)
        case .plainFiles:
            try? fm.removeItem(atPath: dir)
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: false)
            for (name, data) in f.viewA.files { _ = fm.createFile(atPath: dir + "/" + name, contents: data) }
        }
    }

    /// Kills `match --out` with SIGKILL just before each file-system step in
    /// turn, until a run gets through; after every kill the folder shows
    /// exactly one complete set: the old one or the new one.
    @Test(arguments: Start.allCases)
    func killedAtEveryStepTheFolderHoldsOneCompleteSet(start: Start) throws {
        let f = try Fixture()
        let dir = f.t.url.path + "/reports"
        if start == .published { _ = try f.run(f.a, dir) }
        try reset(f, dir, to: start)
        let old: FolderView = start == .fresh ? FolderView(files: [:]) : f.viewA
        var kills = 0, sawOld = 0, sawNew = 0
        for step in 1...300 {
            let r = try f.run(f.b, dir, fault: String(step))
            let view = FolderView.read(dir)
            #expect(view == old || view == f.viewB, "killed at step \(step): the folder shows a mixed or partial set")
            if view == old { sawOld += 1 } else { sawNew += 1 }
            if !r.signalled {
                #expect(r.status == 0, "\(r.stderr)")
                #expect(view == f.viewB)
                break
            }
            #expect(r.status == SIGKILL)
            kills += 1
            try reset(f, dir, to: start)
        }
        // Every step was reached: files, fsyncs, links, renames, removals.
        #expect(kills >= 25, "only \(kills) steps were killed")
        #expect(sawOld > 0 && sawNew > 0)
        // The next normal run cleans up after the last kill.
        #expect(try f.run(f.a, dir).status == 0)
        #expect(FolderView.read(dir) == f.viewA)
        try expectNoLeftovers(dir, expectPrevious: true)
    }

    /// Every step failing with ENOSPC: exit 5 naming a path in the folder,
    /// and the folder still shows one complete set.
    @Test func noSpaceAtEveryStepExitsFiveAndKeepsOneCompleteSet() throws {
        let f = try Fixture()
        let dir = f.t.url.path + "/reports"
        _ = try f.run(f.a, dir)
        try reset(f, dir, to: .published)
        let trace = try f.run(f.b, dir, fault: "trace")
        let steps = trace.stderr.split(separator: "\n").filter { $0.contains("fault step") }.count
        #expect(steps >= 25, "\(trace.stderr)")
        var failures = 0
        for step in 1...steps {
            try reset(f, dir, to: .published)
            let r = try f.run(f.b, dir, fault: "\(step):ENOSPC")
            let view = FolderView.read(dir)
            #expect(view == f.viewA || view == f.viewB, "step \(step)")
            if r.status == 5 {
                failures += 1
                #expect(r.stderr.hasPrefix("backhaul: error: "))
                #expect(r.stderr.contains("No space left on device"), "\(r.stderr)")
                #expect(r.stderr.contains(dir) || r.stderr.contains("standard output"), "\(r.stderr)")
            } else {
                // Removing the run before last is best effort.
                #expect(r.status == 0, "step \(step): \(r.stderr)")
                #expect(view == f.viewB)
            }
        }
        #expect(failures >= 20)
    }

    /// The other storage errors: exit 5 with the system's words and the
    /// path, the folder untouched.
    @Test(arguments: [("EIO", "Input/output error"), ("EROFS", "Read-only file system"), ("EDQUOT", "Disk quota exceeded")])
    func otherStorageErrorsExitFive(code: String, words: String) throws {
        let f = try Fixture()
        let dir = f.t.url.path + "/reports"
        _ = try f.run(f.a, dir)
        for step in [2, 3, 4] {  // create, write, fsync of result.json
            let r = try f.run(f.b, dir, fault: "\(step):\(code)")
            #expect(r.status == 5, "\(r.stderr)")
            #expect(r.stderr.hasPrefix("backhaul: error: \(dir)/.backhaul-runs/run-") && r.stderr.contains("/result.json: cannot "))
            #expect(r.stderr.hasSuffix(": \(words)\n"), "\(r.stderr)")
            #expect(FolderView.read(dir) == f.viewA)
        }
    }

    /// `--csv-dialect excel-sv` through the command line, to stdout and into
    /// `--out`.
    @Test func excelSwedishFromTheCommandLine() throws {
        let f = try Fixture()
        let r = try OutputCLI.run(["match", f.a, "--format", "csv", "--csv-dialect", "excel-sv"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("\u{FEFF}kind;a;b;first;") && r.stdout.contains("\r\n"))
        let dir = f.t.url.path + "/sv"
        #expect(try OutputCLI.run(["match", f.a, "--out", dir, "--csv-dialect", "excel-sv"]).status == 0)
        #expect(FileManager.default.contents(atPath: dir + "/pairs.csv") == Data(r.stdout.utf8))
        let bad = try OutputCLI.run(["match", f.a, "--csv-dialect", "excel"])
        #expect(bad.status == 2 && bad.stderr.contains("rfc4180, excel-sv"))
    }

    /// A full disk on standard output (`/dev/full`) is exit 5, not a
    /// silent success.
    @Test func fullStandardOutputExitsFive() throws {
        let f = try Fixture()
        let r = try OutputCLI.run(["match", f.a, "--format", "json"], stdoutPath: "/dev/full")
        #expect(r.status == 5)
        #expect(r.stderr == "backhaul: error: standard output: cannot write: No space left on device\n")
    }

    /// A file-size limit (`ulimit -f`, RLIMIT_FSIZE) stops the first report
    /// file: exit 5 with "File too large", nothing published, nothing left.
    @Test func fileSizeLimitExitsFiveAndPublishesNothing() throws {
        let f = try Fixture()
        let dir = f.t.url.path + "/reports"
        let r = try OutputCLI.run(["match", sample("samples/shipments/smaland-samgods.csv"), "--out", dir, "--quiet"],
                                  shell: "ulimit -f 4")
        #expect(r.status == 5, "\(r.stderr)")
        #expect(r.stderr.contains("File too large") && r.stderr.contains(dir + "/.backhaul-runs/run-"), "\(r.stderr)")
        #expect(FolderView.read(dir).isEmpty)
        #expect(OutputFolder.entries(of: dir + "/.backhaul-runs").isEmpty)
    }

    /// Many runs at once into one folder that does not exist yet: every run
    /// succeeds, a reader polling all the while never sees a mixed set, and
    /// the final set is one run's.
    @Test func parallelRunsIntoOneFolderNeverMix() throws {
        let t = try TemporaryFolder()
        let runs = 12
        let batches = try (0..<runs).map { try taggedBatch("P\($0)", in: t, rows: 2 + $0 % 5) }
        let expected = try batches.enumerated().map { try Fixture.cleanView($1, t.url.path + "/clean-\($0)") }
        let dir = t.url.path + "/shared"
        let exe = try #require(CLI.executable)
        let processes = try batches.enumerated().map { i, batch -> (Process, String) in
            let p = Process()
            p.executableURL = exe
            p.arguments = ["match", batch, "--out", dir, "--quiet", "--lock-timeout", "300"]
            let errPath = t.url.path + "/stderr-\(i)"
            _ = FileManager.default.createFile(atPath: errPath, contents: nil)
            p.standardError = FileHandle(forWritingAtPath: errPath)
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            return (p, errPath)
        }
        var consistentReads = 0
        while processes.contains(where: { $0.0.isRunning }) {
            let before = OutputFolder.readLink(dir + "/latest")
            let view = FolderView.read(dir)
            let after = OutputFolder.readLink(dir + "/latest")
            if before != nil, before == after {
                #expect(expected.contains(view), "a reader saw a mixed set")
                consistentReads += 1
            }
        }
        for (p, errPath) in processes {
            p.waitUntilExit()
            let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
            #expect(p.terminationStatus == 0, "\(err)")
        }
        #expect(expected.contains(FolderView.read(dir)))
        try expectNoLeftovers(dir, expectPrevious: true)
        #expect(consistentReads > 0)
    }

    /// Another process holding the lock: `--lock-timeout` seconds of waiting,
    /// then exit 6 with the reason; once released, the run goes through.
    @Test func aHeldLockGivesExitSixAfterTheTimeout() throws {
        let f = try Fixture()
        let dir = f.t.url.path + "/reports"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
        let fd = open(dir + "/.backhaul-lock", O_RDWR | O_CREAT, 0o666)
        #expect(fd >= 0 && flock(fd, LOCK_EX) == 0)
        let start = Date()
        let r = try OutputCLI.run(["match", f.a, "--out", dir, "--lock-timeout", "0.5"])
        #expect(Date().timeIntervalSince(start) >= 0.5)
        #expect(r.status == 6)
        #expect(r.stderr == "backhaul: error: --out \(dir): another backhaul run holds the lock \(dir)/.backhaul-lock; "
            + "gave up after 0.5 s (--lock-timeout)\n")
        #expect(FolderView.read(dir).isEmpty)
        close(fd)
        #expect(try OutputCLI.run(["match", f.a, "--out", dir, "--lock-timeout", "0"]).status == 0)
        #expect(FolderView.read(dir) == f.viewA)
    }

    @Test func formatWithOutIsRefused() throws {
        let f = try Fixture()
        let r = try OutputCLI.run(["match", f.a, "--out", f.t.url.path + "/x", "--format", "md"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("backhaul: error: --format chooses the one report written to standard output; --out writes all five formats."))
        #expect(!FileManager.default.fileExists(atPath: f.t.url.path + "/x"))
    }
}
