import Foundation
import Testing
@testable import Backhaul

/// Opens HTML reports in a real headless browser (Chromium from Debian's
/// packages; `.ci/run` installs it) and checks that the page renders
/// without a single console message. The screenshot goes to
/// `$BACKHAUL_CI_OUTPUT` (CI's output folder) or the temporary folder.
///
/// These tests fail, never skip, when Chromium is missing: a browser check
/// that silently does not run proves nothing.
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
        let (png, console, _) = try run(html, name: name, dumpDOM: false)
        return (png, console)
    }

    /// The page's DOM after parsing and layout, as Chromium serialises it
    /// (`--dump-dom`), with the console lines.
    static func dom(_ html: String, name: String) throws -> (dom: String, console: [String]) {
        let (_, console, dom) = try run(html, name: name, dumpDOM: true)
        return (dom, console)
    }

    private static func run(_ html: String, name: String, dumpDOM: Bool) throws -> (png: URL, console: [String], dom: String) {
        let executable = try #require(executable, "Chromium is not installed (apt-get install chromium): the browser checks cannot run")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bh-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("\(name).html")
        try Data(html.utf8).write(to: page)
        let png = outputDirectory.appendingPathComponent("\(name).png")
        try? FileManager.default.removeItem(at: png)

        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--user-data-dir=\(dir.appendingPathComponent("profile").path)",
            "--enable-logging=stderr", "--v=0", "--window-size=1200,2200",
            dumpDOM ? "--dump-dom" : "--screenshot=\(png.path)", page.absoluteString,
        ]
        let errPath = dir.appendingPathComponent("stderr.log")
        _ = FileManager.default.createFile(atPath: errPath.path, contents: nil)
        p.standardError = try FileHandle(forWritingTo: errPath)
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let dom = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let log = (try? String(contentsOf: errPath, encoding: .utf8)) ?? ""
        let console = log.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        return (png, console, String(decoding: dom, as: UTF8.self))
    }
}

@Suite struct HTMLBrowserTests {
    @Test func sampleReportRendersWithoutConsoleErrors() throws {
        let (png, console) = try Browser.render(MatchOutput.render(sampleReport(), .html), name: "sample-report")
        #expect(console.isEmpty, "console: \(console)")
        let size = try FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int ?? 0
        #expect(size > 10_000, "screenshot \(png.path) is \(size) bytes")
    }

    /// The injection strings of issue 15 in the parsed page: no script, image
    /// or link element exists, and each string is there as text.
    @Test func hostileTextStaysTextInTheBrowser() throws {
        let (dom, console) = try Browser.dom(MatchOutput.render(hostileReport(), .html), name: "hostile-report")
        #expect(console.isEmpty, "console: \(console)")
        #expect(dom.contains("<table>") && dom.contains("</html>"), "Chromium gave no DOM: \(dom.prefix(200))")
        for element in ["<script", "<img", "<a ", "<iframe", "<b>b</b>"] {
            #expect(!dom.contains(element), "the DOM has \(element)")
        }
        let text = visibleText(dom)
        for s in Hostile.all where s != Hostile.tab { #expect(text.contains(s), "\(s) is not in the page as text") }
    }

    /// A report with 2,000 pairs: the aggregated map renders cleanly.
    @Test func aggregatedMapRenders() throws {
        let html = MatchOutput.render(generatedReport(pairs: 2_000, unpaired: 300, companies: 200), .html)
        let (png, console) = try Browser.render(html, name: "aggregated-report")
        #expect(console.isEmpty, "console: \(console)")
        let size = try FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int ?? 0
        #expect(size > 20_000, "screenshot \(png.path) is \(size) bytes")
    }

    @Test func theCheckCatchesAConsoleError() throws {
        // The same harness must see a broken page, or the test above proves nothing.
        let (_, console) = try Browser.render("<html><body><script>console.error('boom')</script></body></html>", name: "broken-page")
        #expect(console.contains { $0.contains("boom") })
    }
}
