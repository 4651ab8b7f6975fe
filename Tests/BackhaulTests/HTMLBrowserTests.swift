import Foundation
import Testing
@testable import Backhaul

/// Opens HTML reports in a real headless browser (Chromium from Debian's
/// packages; `.ci/run` installs it when missing) and checks that the page
/// renders without a single console message. The screenshot goes to
/// `$BACKHAUL_CI_OUTPUT` (CI's output folder) or the temporary folder.
enum Browser {
    static let executable: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static var outputDirectory: URL {
        if let dir = ProcessInfo.processInfo.environment["BACKHAUL_CI_OUTPUT"], !dir.isEmpty {
            let url = URL(fileURLWithPath: dir)
            try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return url
        }
        return FileManager.default.temporaryDirectory
    }

    /// Renders `html` to `<name>.png` and returns the console lines Chromium
    /// logged (errors, warnings and `console.*` calls of the page).
    static func render(_ html: String, name: String) throws -> (png: URL, console: [String]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bh-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("\(name).html")
        try Data(html.utf8).write(to: page)
        let png = outputDirectory.appendingPathComponent("\(name).png")
        try? FileManager.default.removeItem(at: png)

        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable!)
        p.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--user-data-dir=\(dir.appendingPathComponent("profile").path)",
            "--enable-logging=stderr", "--v=0", "--window-size=1200,2200",
            "--screenshot=\(png.path)", page.absoluteString,
        ]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = Pipe()
        try p.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let log = String(decoding: data, as: UTF8.self)
        let console = log.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        return (png, console)
    }
}

@Suite(.enabled(if: Browser.executable != nil, "Chromium is not installed (apt-get install chromium); the browser check is skipped"))
struct HTMLBrowserTests {
    @Test func sampleReportRendersWithoutConsoleErrors() throws {
        let (png, console) = try Browser.render(sampleReport().html, name: "sample-report")
        #expect(console.isEmpty, "console: \(console)")
        let size = try FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int ?? 0
        #expect(size > 10_000, "screenshot \(png.path) is \(size) bytes")
    }

    @Test func theCheckCatchesAConsoleError() throws {
        // The same harness must see a broken page, or the test above proves nothing.
        let (_, console) = try Browser.render("<html><body><script>console.error('boom')</script></body></html>", name: "broken-page")
        #expect(console.contains { $0.contains("boom") })
    }
}
