import Foundation
import Testing

/// A real component a test needs (the built executable, Chromium) is
/// missing: the test fails with this rather than passing or skipping.
struct RequiredComponentMissing: Error, CustomStringConvertible {
    var component: String
    var remedy: String
    var description: String { "\(component) is missing: \(remedy)" }
}

/// Which real components must be present.
///
/// The built `backhaul` executable always must: `swift test` builds it, so
/// its absence is a broken build, and the CLI process tests and the README
/// commands test fail without it. Chromium, for the HTML browser tests, and
/// `cmark-gfm`, for the Markdown rendering test, are optional on a
/// developer's machine (those tests are skipped with a message) but required
/// where `BACKHAUL_REQUIRE_COMPONENTS=1` is set, as `.ci/run` does: there
/// their absence fails ``RequiredComponentsTests``, so CI can never go green
/// with those tests skipped.
enum RequiredComponents {
    /// Set by `.ci/run`.
    static let strict = ProcessInfo.processInfo.environment["BACKHAUL_REQUIRE_COMPONENTS"] == "1"
}

@Suite struct RequiredComponentsTests {
    @Test func theBuiltExecutableIsPresent() throws {
        _ = try CLI.requireExecutable()
    }

    @Test(.enabled(if: RequiredComponents.strict, "Chromium is optional outside CI (BACKHAUL_REQUIRE_COMPONENTS is not 1)"))
    func chromiumIsPresentWhereRequired() throws {
        guard Browser.executable != nil else {
            throw RequiredComponentMissing(component: "Chromium", remedy: "the HTML browser tests would be skipped; install it (apt-get install chromium)")
        }
    }

    @Test(.enabled(if: RequiredComponents.strict, "cmark-gfm is optional outside CI (BACKHAUL_REQUIRE_COMPONENTS is not 1)"))
    func markdownRendererIsPresentWhereRequired() throws {
        guard MarkdownRenderer.executable != nil else {
            throw RequiredComponentMissing(component: "cmark-gfm", remedy: "the Markdown rendering test would be skipped; install it (apt-get install cmark-gfm)")
        }
    }
}
